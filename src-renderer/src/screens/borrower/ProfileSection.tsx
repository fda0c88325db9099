import { Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One titled block of the profile, with its actions at the right of the title. */
export function ProfileSection({ title, icon, actions, children }: { title: string; icon: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6}>{icon}<Title order={5}>{title}</Title></Group>
          {actions}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
