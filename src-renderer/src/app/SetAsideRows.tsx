import { Group, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client';
import { LoadError } from '../components/QueryStatus';
import { useCan } from './session-context';

/**
 * The sync drawer's list of ledger rows this desktop could not write (DESIGN §3, Trust): the sync
 * went on without them and tries each again at every sync. Supervisors and administrators see
 * which rows and why; an agent is told who can.
 */
export function SetAsideRows({ count }: { count: number }) {
  const canSee = useCan('view_dashboard');
  const rows = useQuery({ queryKey: ['sync.setAside'], queryFn: () => call('sync.setAside', {}), enabled: canSee && count > 0 });
  if (count === 0) return null;
  return (
    <>
      <Group gap={6} mt="xs">
        <IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" />
        <Text size="sm" fw={600}>Set aside: {count} ledger row{count === 1 ? '' : 's'} this desktop could not write</Text>
      </Group>
      <Text size="xs" c="dimmed">Everything else is synced. These rows are tried again at every sync and clear themselves once they fit, for example when a missing record arrives.</Text>
      {!canSee && <Text size="xs">A supervisor or administrator can see which rows and why.</Text>}
      {rows.isError && <LoadError what="Rows set aside" error={rows.error} onRetry={() => void rows.refetch()} />}
      {canSee && rows.data && (
        <Table fz="xs" striped data-testid="set-aside-rows">
          <Table.Thead><Table.Tr><Table.Th>Since</Table.Th><Table.Th>Row</Table.Th><Table.Th>Why</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {rows.data.rows.map((row) => (
              <Table.Tr key={`${row.tbl}:${row.key}`}>
                <Table.Td>{new Date(row.setAsideAt).toLocaleString()}</Table.Td>
                <Table.Td><Text size="xs" ff="monospace">{row.tbl} {row.key}</Text><Text size="xs" c="dimmed">version {row.version}</Text></Table.Td>
                <Table.Td>{row.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
