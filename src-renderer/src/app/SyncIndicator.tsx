import { Anchor, Badge, Button, Drawer, Group, Loader, Progress, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCloud, IconCloudOff, IconLock, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import type { SyncStatus } from '../../../src-shared/contract';
import { call } from '../api/client';
import { SetAsideRows } from './SetAsideRows';

const LOOK: Record<SyncStatus['state'], { color: string; label: (status: SyncStatus) => string; icon: typeof IconCloud }> = {
  local: { color: 'gray', label: () => 'Local ledger', icon: IconCloud },
  online: { color: 'teal', label: () => 'Synced', icon: IconCloud },
  syncing: { color: 'blue', label: (s) => (s.initialSync ? `First sync: ${s.initialSync.percent === null ? '' : `${s.initialSync.percent}%, `}${s.initialSync.rows.toLocaleString()} rows` : 'Syncing…'), icon: IconCloud },
  offline: { color: 'orange', label: (s) => (s.pending > 0 ? `Offline: ${s.pending} waiting` : 'Offline'), icon: IconCloudOff },
  unauthorized: { color: 'red', label: () => 'Device not authorised', icon: IconLock },
};

/**
 * Where this desktop stands with the relay, always in view: synced, syncing (with the first
 * sync's progress), offline with the changes waiting, or refused; the commands the relay
 * rejected, each with its reason, and the ledger rows this desktop set aside, a click away.
 */
export function SyncIndicator() {
  const client = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => call('sync.status', {}) });
  const rejections = useQuery({ queryKey: ['sync.rejections'], queryFn: () => call('sync.rejections', {}), enabled: (status.data?.rejected ?? 0) > 0 });
  const syncNow = useMutation({ mutationFn: () => call('sync.now', {}), onSuccess: (next) => client.setQueryData(['sync.status'], next) });
  useEffect(
    () =>
      window.api.on('sync.status', (next) => {
        client.setQueryData(['sync.status'], next);
        void client.invalidateQueries({ queryKey: ['sync.rejections'] });
        void client.invalidateQueries({ queryKey: ['sync.setAside'] });
      }),
    [client],
  );
  if (!status.data) return null;
  const current = status.data;
  const look = LOOK[current.state];
  const Icon = look.icon;
  return (
    <>
      <Stack gap={0} align="center">
        <Button onClick={open} variant="light" color={look.color} size="compact-sm" leftSection={current.state === 'syncing' ? <Loader size={12} color={look.color} /> : <Icon size={16} />}
          rightSection={current.rejected > 0 ? <Badge size="xs" color="red" circle>{current.rejected}</Badge> : null} data-testid="sync-indicator" aria-label={`Sync: ${look.label(current)}`}>
          {look.label(current)}
        </Button>
        {current.setAside > 0 && (
          <Anchor component="button" type="button" size="xs" c="orange" lh={1.2} onClick={open} data-testid="sync-set-aside">
            {current.setAside} row{current.setAside === 1 ? '' : 's'} set aside
          </Anchor>
        )}
      </Stack>
      <Drawer opened={opened} onClose={close} position="right" size="lg" title={<Text fw={700}>Sync with the central ledger</Text>}>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text size="sm" fw={600}>{current.relayUrl ?? 'No relay: this desktop is its own ledger'}</Text>
            {current.state !== 'local' && (
              <Button size="compact-xs" variant="default" leftSection={<IconRefresh size={14} />} loading={syncNow.isPending} onClick={() => syncNow.mutate()}>Sync now</Button>
            )}
          </Group>
          {current.initialSync && (
            <Stack gap={4} data-testid="initial-sync-progress">
              <Text size="xs">First sync: {current.initialSync.rows.toLocaleString()} rows received</Text>
              <Progress value={current.initialSync.percent ?? 100} animated striped={current.initialSync.percent === null} size="sm" aria-label="First sync progress" />
            </Stack>
          )}
          {current.lastSyncedAt && <Text size="xs" c="dimmed">Last synced {new Date(current.lastSyncedAt).toLocaleString()}</Text>}
          {current.problem && <Text size="xs" c={look.color}>{current.problem}</Text>}
          <Text size="xs">{current.pending} change{current.pending === 1 ? '' : 's'} waiting to be sent</Text>
          <SetAsideRows count={current.setAside} />
          {current.rejected > 0 && (
            <>
              <Group gap={6}><IconAlertTriangle size={16} color="var(--mantine-color-red-6)" /><Text size="sm" fw={600}>Refused by the relay</Text></Group>
              <Table fz="xs" striped>
                <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>What</Table.Th><Table.Th>Why</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {(rejections.data?.rejections ?? []).map((rejection) => (
                    <Table.Tr key={rejection.seq}>
                      <Table.Td>{new Date(rejection.at).toLocaleString()}</Table.Td>
                      <Table.Td>{rejection.name}</Table.Td>
                      <Table.Td>{rejection.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </Stack>
      </Drawer>
    </>
  );
}
