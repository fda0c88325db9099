import { Badge, Button, Divider, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { SyncStatus } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { Field } from '../../../components/Field';
import { Empty, LoadError, Loading } from '../../../components/QueryStatus';
import { SectionHeader } from '../SectionHeader';
import { RelayForm } from './RelayForm';

const STATE_LOOK: Record<SyncStatus['state'], { color: string; label: string }> = {
  local: { color: 'gray', label: 'Local ledger (no relay)' },
  online: { color: 'teal', label: 'Synced' },
  syncing: { color: 'blue', label: 'Syncing' },
  offline: { color: 'orange', label: 'Offline' },
  unauthorized: { color: 'red', label: 'Device not authorised' },
};

/** The relay this desktop syncs with, where sync stands, and every command the relay refused with its reason. */
export function SyncSection({ editable }: { editable: boolean }) {
  const client = useQueryClient();
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => call('sync.status', {}) });
  const rejections = useQuery({ queryKey: ['sync.rejections'], queryFn: () => call('sync.rejections', {}) });
  const users = useQuery({ queryKey: ['session.users'], queryFn: () => call('session.users', {}) });
  const nameOf = (id: string) => users.data?.find((user) => user.id === id)?.name ?? id;
  const syncNow = useMutation({ mutationFn: () => call('sync.now', {}), onSuccess: (next) => client.setQueryData(['sync.status'], next) });
  useEffect(() => window.api.on('sync.status', (next) => {
    client.setQueryData(['sync.status'], next);
    void client.invalidateQueries({ queryKey: ['sync.rejections'] });
  }), [client]);
  if (status.isPending) return <Loading what="sync status" />;
  if (status.isError) return <LoadError what="Sync status" error={status.error} onRetry={() => void status.refetch()} />;
  const current = status.data;
  const look = STATE_LOOK[current.state];
  const refused = rejections.data?.rejections ?? [];
  return (
    <Stack gap="lg">
      <SectionHeader title="Sync" actions={current.state !== 'local' && <Button variant="default" leftSection={<IconRefresh size={16} />} loading={syncNow.isPending} onClick={() => syncNow.mutate()}>Sync now</Button>}>
        Desktops share one ledger through the relay. Changes made here wait in the outbox until the relay accepts or refuses them.
      </SectionHeader>
      <SimpleGrid cols={4}>
        <Field label="State"><Badge color={look.color} variant="light">{look.label}</Badge></Field>
        <Field label="Relay">{current.relayUrl ?? '—'}</Field>
        <Field label="Waiting to be sent">{current.pending}</Field>
        <Field label="Last synced">{current.lastSyncedAt ? new Date(current.lastSyncedAt).toLocaleString() : 'Never'}</Field>
      </SimpleGrid>
      {current.initialSync && <Text size="sm">First sync: {current.initialSync.rows.toLocaleString()} rows received</Text>}
      {current.problem && <Text size="sm" c={look.color}>{current.problem}</Text>}
      <Divider />
      <Title order={4}>Relay connection</Title>
      {editable ? <RelayForm key={current.relayUrl ?? 'none'} status={current} /> : <Text size="sm" c="dimmed">An administrator connects this desktop to a relay.</Text>}
      <Divider />
      <Title order={4}>Refused by the relay ({refused.length})</Title>
      {refused.length === 0 ? (
        <Empty>The relay has refused nothing made on this desktop.</Empty>
      ) : (
        <Table striped fz="sm">
          <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Command</Table.Th><Table.Th>By</Table.Th><Table.Th>Why</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {refused.map((rejection) => (
              <Table.Tr key={rejection.seq}>
                <Table.Td>{new Date(rejection.at).toLocaleString()}</Table.Td>
                <Table.Td>{rejection.name}</Table.Td>
                <Table.Td>{nameOf(rejection.actorId)}</Table.Td>
                <Table.Td>{rejection.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
