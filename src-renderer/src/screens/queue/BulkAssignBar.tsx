import { Button, Group, Paper, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import type { UserSummary } from '../../../../src-shared/contract';
import { call } from '../../api/client';

/** `cases.assign` takes up to this many cases per command. */
const ASSIGN_BATCH = 1000;

/** A supervisor's bulk action on the selected cases: assign them to one agent, or unassign them. */
export function BulkAssignBar({ selected, total, agents, onSelectAll, selectingAll, onClear }: {
  selected: readonly string[];
  total: number;
  agents: UserSummary[];
  onSelectAll(): void;
  selectingAll: boolean;
  onClear(): void;
}) {
  const client = useQueryClient();
  const [agentId, setAgentId] = useState<string | null>(null);
  const assign = useMutation({
    mutationFn: async () => {
      let updated = 0;
      for (let start = 0; start < selected.length; start += ASSIGN_BATCH) {
        updated += (await call('cases.assign', { caseIds: selected.slice(start, start + ASSIGN_BATCH), agentId: agentId === 'unassigned' ? null : agentId })).updated;
      }
      return updated;
    },
    onSuccess: (updated) => {
      void client.invalidateQueries({ queryKey: ['cases.queue'] });
      notifications.show({ color: 'teal', message: `${updated.toLocaleString()} case${updated === 1 ? '' : 's'} reassigned` });
      onClear();
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not reassigned', message: error.message }),
  });
  return (
    <Paper withBorder p="xs" bg="var(--mantine-color-indigo-light)" role="region" aria-label="Bulk actions">
      <Group gap="sm">
        <Text size="sm" fw={600} data-testid="selected-count">{selected.length.toLocaleString()} selected</Text>
        {selected.length < total && (
          <Button size="compact-sm" variant="subtle" loading={selectingAll} onClick={onSelectAll}>Select all {total.toLocaleString()} matching</Button>
        )}
        <Select aria-label="Assign to" placeholder="Assign to…" size="xs" w={200} searchable value={agentId} onChange={setAgentId}
          data={[{ value: 'unassigned', label: 'Unassigned' }, ...agents.map((a) => ({ value: a.id, label: a.name }))]} />
        <Button size="xs" leftSection={<IconUsers size={14} />} disabled={agentId === null} loading={assign.isPending} onClick={() => assign.mutate()}>Assign</Button>
        <Button size="xs" variant="subtle" color="gray" ml="auto" onClick={onClear}>Clear selection</Button>
      </Group>
    </Paper>
  );
}
