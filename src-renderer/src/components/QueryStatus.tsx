import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** A query still on its way: a spinner with what is loading, for screen readers too. */
export function Loading({ what }: { what: string }) {
  return (
    <Center p="lg">
      <Loader size="sm" aria-label={`Loading ${what}`} />
    </Center>
  );
}

/** A query that failed: what could not be loaded, main's message, and a retry. */
export function LoadError({ what, error, onRetry }: { what: string; error: Error; onRetry?: () => void }) {
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={`${what} could not be loaded`}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{error.message}</Text>
        {onRetry && <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>Try again</Button>}
      </Stack>
    </Alert>
  );
}

/** Nothing to show yet, said plainly, with the next step when there is one. */
export function Empty({ children, hint }: { children: ReactNode; hint?: ReactNode }) {
  return (
    <Stack align="center" gap={4} p="xl">
      <IconInbox size={28} stroke={1.4} color="var(--mantine-color-dimmed)" />
      <Text c="dimmed" size="sm" ta="center">{children}</Text>
      {hint && <Text c="dimmed" size="xs" ta="center">{hint}</Text>}
    </Stack>
  );
}
