import { Alert, Button, Group, Kbd, Loader, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconDownload, IconPlayerTrackNext, IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueSortField } from '../../../../src-shared/contract';
import { call } from '../../api/client';
import { useCan } from '../../app/session-context';
import { BulkAssignBar } from './BulkAssignBar';
import { downloadQueueCsv } from './export-csv';
import { NewCaseModal } from './NewCaseModal';
import { QueueFilters, type QueueFilterState } from './QueueFilters';
import { QueueTable, type QueueTableHandle } from './QueueTable';
import { useQueueShortcuts } from './use-queue-shortcuts';
import { useQueueWindow } from './use-queue-window';

const NONE: never[] = [];

/** Filters another screen asks the queue to show (a dashboard drill-down); a new nonce applies them again. */
export interface QueueFilterRequest {
  filters: QueueFilterState;
  nonce: number;
}

/**
 * The collections queue: the agent's worklist over every matching case, filtered and sorted in
 * main and scrolled as one table; a row opens its case. Supervisors select rows (or all that
 * match) and reassign them.
 */
export function QueueScreen({ onOpenCase, filterRequest, active }: { onOpenCase(caseId: string): void; filterRequest?: QueueFilterRequest; active: boolean }) {
  const client = useQueryClient();
  const canAssign = useCan('assign_cases');
  const canCreate = useCan('create_case');
  const [creating, setCreating] = useState(false);
  const [filters, setFilters] = useState<QueueFilterState>({});
  const [searchText, setSearchText] = useState('');
  const [appliedNonce, setAppliedNonce] = useState<number | null>(null);
  if (filterRequest && filterRequest.nonce !== appliedNonce) {
    setAppliedNonce(filterRequest.nonce);
    setFilters(filterRequest.filters);
    setSearchText('');
  }
  const [search] = useDebouncedValue(searchText.trim(), 250);
  const [sort, setSort] = useState<{ field: QueueSortField; direction: 'asc' | 'desc' }>({ field: 'priority', direction: 'desc' });
  const [visible, setVisible] = useState({ first: 0, last: 30 });
  const onVisibleRange = useCallback((range: { first: number; last: number }) => setVisible(range), []);
  const selection = { ...filters, ...(search.length >= 2 ? { search } : {}), sort: sort.field, direction: sort.direction };
  const queue = useQueueWindow(selection, visible);
  const agents = useQuery({ queryKey: ['directory.agents'], queryFn: () => call('directory.agents', {}) });
  const queues = useQuery({ queryKey: ['directory.queues'], queryFn: () => call('directory.queues', {}) });
  const table = useRef<QueueTableHandle>(null);

  // A selection belongs to one set of filters: a new filter or sort starts it again.
  const selectionKey = JSON.stringify(selection);
  const [selected, setSelected] = useState<{ key: string; ids: Set<string> }>({ key: selectionKey, ids: new Set() });
  const selectedIds = selected.key === selectionKey ? selected.ids : new Set<string>();
  const toggle = (caseId: string) => {
    const next = new Set(selectedIds);
    if (!next.delete(caseId)) next.add(caseId);
    setSelected({ key: selectionKey, ids: next });
  };
  const selectAll = useMutation({
    mutationFn: () => call('cases.queueIds', selection),
    onSuccess: ({ caseIds, total }) => {
      setSelected({ key: selectionKey, ids: new Set(caseIds) });
      if (caseIds.length < total) notifications.show({ color: 'orange', message: `Selected the first ${caseIds.length.toLocaleString()} of ${total.toLocaleString()}: narrow the filters to reach the rest` });
    },
  });
  const exportCsv = useMutation({
    mutationFn: () => downloadQueueCsv(selection),
    onSuccess: (rows) => notifications.show({ color: 'teal', message: `Exported ${rows.toLocaleString()} case${rows === 1 ? '' : 's'}` }),
    onError: (error) => notifications.show({ color: 'red', title: 'Not exported', message: error.message }),
  });
  const nextAccount = useMutation({
    mutationFn: () => call('cases.nextForMe', {}),
    onSuccess: ({ caseId }) => (caseId ? onOpenCase(caseId) : notifications.show({ color: 'gray', message: 'No active case is assigned to you' })),
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });

  useEffect(() => window.api.on('cases.changed', () => void client.invalidateQueries({ queryKey: ['cases.queue'] })), [client]);
  useQueueShortcuts(active, {
    move: (step) => table.current?.focusRow(step),
    focusSearch: () => document.querySelector<HTMLInputElement>('input[aria-label="Search cases"]')?.focus(),
    nextAccount: () => nextAccount.mutate(),
  });

  const total = queue.total;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Collections queue</Title>
          <Text c="dimmed" size="sm" data-testid="queue-total">
            {queue.isPending ? 'Loading…' : `${total.toLocaleString()} case${total === 1 ? '' : 's'}`}
            {queue.isFetching && !queue.isPending ? ' · updating' : ''}
          </Text>
        </div>
        <Group gap="sm">
          {canCreate && <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>New case</Button>}
          <Button variant="default" leftSection={<IconDownload size={16} />} loading={exportCsv.isPending} disabled={total === 0} onClick={() => exportCsv.mutate()}>Export CSV</Button>
          <Tooltip label={<>The highest-priority case assigned to you <Kbd size="xs">N</Kbd></>}>
            <Button leftSection={<IconPlayerTrackNext size={16} />} loading={nextAccount.isPending} onClick={() => nextAccount.mutate()}>Next account</Button>
          </Tooltip>
        </Group>
      </Group>
      <Paper withBorder p="sm">
        <QueueFilters key={appliedNonce} value={filters} searchText={searchText} onSearchText={setSearchText} onChange={setFilters} agents={agents.data ?? NONE} queues={queues.data ?? NONE} />
      </Paper>
      {canAssign && selectedIds.size > 0 && (
        <BulkAssignBar selected={[...selectedIds]} total={total} agents={agents.data ?? []} onSelectAll={() => selectAll.mutate()} selectingAll={selectAll.isPending}
          onClear={() => setSelected({ key: selectionKey, ids: new Set() })} />
      )}
      {creating && <NewCaseModal agents={agents.data ?? NONE} onClose={() => setCreating(false)} onOpenCase={onOpenCase} />}
      {queue.error && <Alert color="red" title="The queue could not be loaded">{queue.error.message}</Alert>}
      <Paper withBorder>
        {queue.isPending ? (
          <Group justify="center" p="xl"><Loader aria-label="Loading the queue" /></Group>
        ) : total === 0 ? (
          <Text c="dimmed" ta="center" p="xl">No cases match these filters.</Text>
        ) : (
          <QueueTable
            ref={table}
            total={total}
            rowAt={queue.rowAt}
            sort={sort.field}
            direction={sort.direction}
            onSort={(field) => setSort((current) => ({ field, direction: current.field === field && current.direction === 'desc' ? 'asc' : 'desc' }))}
            onOpen={(row) => onOpenCase(row.caseId)}
            onVisibleRange={onVisibleRange}
            selection={canAssign ? { has: (caseId) => selectedIds.has(caseId), toggle } : undefined}
          />
        )}
      </Paper>
    </Stack>
  );
}
