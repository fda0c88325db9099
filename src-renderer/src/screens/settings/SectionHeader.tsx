import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A section's title, one line on what it governs, and its actions on the right. */
export function SectionHeader({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
      <Stack gap={2}>
        <Title order={3}>{title}</Title>
        <Text size="sm" c="dimmed">{children}</Text>
      </Stack>
      {actions && <div style={{ flexShrink: 0 }}>{actions}</div>}
    </Group>
  );
}
