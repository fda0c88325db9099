import { Alert, Group, Loader, Pagination, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { QueueSortField } from '../../../../src-shared/contract';
import { call } from '../../api/client';
import { QueueFilters, type QueueFilterState } from './QueueFilters';
import { QueueTable } from './QueueTable';

/** Filters another screen asks the queue to show (a dashboard drill-down); a new nonce applies them again. */
export interface QueueFilterRequest {
  filters: QueueFilterState;
  nonce: number;
}

/** The collections queue: the agent's worklist, filtered, sorted and paged in main; a row opens its case. */
export function QueueScreen({ onOpenCase, filterRequest }: { onOpenCase(caseId: string): void; filterRequest?: QueueFilterRequest }) {
  const client = useQueryClient();
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
  const [pageSize, setPageSize] = useState(50);
  // The page belongs to one set of filters: any change to them starts again at the first page.
  const filterKey = JSON.stringify([filters, search, sort, pageSize]);
  const [paging, setPaging] = useState({ filterKey, page: 0 });
  const page = paging.filterKey === filterKey ? paging.page : 0;
  const setPage = (next: number) => setPaging({ filterKey, page: next });

  const query = { ...filters, ...(search.length >= 2 ? { search } : {}), sort: sort.field, direction: sort.direction, page, pageSize };
  const queue = useQuery({ queryKey: ['cases.queue', query], queryFn: () => call('cases.queue', query), placeholderData: keepPreviousData });
  const agents = useQuery({ queryKey: ['directory.agents'], queryFn: () => call('directory.agents', {}) });
  const queues = useQuery({ queryKey: ['directory.queues'], queryFn: () => call('directory.queues', {}) });

  useEffect(() => window.api.on('cases.changed', () => void client.invalidateQueries({ queryKey: ['cases.queue'] })), [client]);

  const total = queue.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Collections queue</Title>
          <Text c="dimmed" size="sm" data-testid="queue-total">
            {queue.data ? `${total.toLocaleString()} case${total === 1 ? '' : 's'}` : 'Loading…'}
            {queue.isFetching && queue.data ? ' · updating' : ''}
          </Text>
        </div>
      </Group>
      <Paper withBorder p="sm">
        <QueueFilters key={appliedNonce} value={filters} searchText={searchText} onSearchText={setSearchText} onChange={setFilters} agents={agents.data ?? []} queues={queues.data ?? []} />
      </Paper>
      {queue.error && <Alert color="red" title="The queue could not be loaded">{queue.error.message}</Alert>}
      <Paper withBorder>
        {queue.isPending ? (
          <Group justify="center" p="xl"><Loader /></Group>
        ) : queue.data && queue.data.rows.length === 0 ? (
          <Text c="dimmed" ta="center" p="xl">No cases match these filters.</Text>
        ) : (
          <QueueTable
            rows={queue.data?.rows ?? []}
            sort={sort.field}
            direction={sort.direction}
            onSort={(field) => setSort((current) => ({ field, direction: current.field === field && current.direction === 'desc' ? 'asc' : 'desc' }))}
            onOpen={(row) => onOpenCase(row.caseId)}
          />
        )}
      </Paper>
      <Group justify="space-between">
        <Select aria-label="Rows per page" data={['25', '50', '100', '200']} value={String(pageSize)} onChange={(value) => setPageSize(Number(value ?? 50))} w={90} allowDeselect={false} />
        <Pagination total={pages} value={page + 1} onChange={(next) => setPage(next - 1)} siblings={1} boundaries={1} />
      </Group>
    </Stack>
  );
}
