import { Badge, Group, Loader, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ActivityLogQuery } from '../../../../src-shared/contract';
import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES, type ActivityOutcome, type ActivityType } from '../../../../src-shared/domain/vocabulary';
import { call } from '../../api/client';
import { LoadError } from '../../components/QueryStatus';
import { ACTIVITY_TYPE_LABELS, OUTCOME_COLORS, OUTCOME_LABELS } from '../../format/domain-labels';
import { formatDateTime } from '../../format/time';

const PAGE_SIZE = 50;

interface Filters {
  type?: ActivityType;
  outcome?: ActivityOutcome;
  performedBy?: string;
  from?: string;
  to?: string;
}

/** Seed 004's activity log across every case, newest first, filtered by type, outcome, agent and dates; a row opens its case. */
export function ActivityLogScreen({ onOpenCase }: { onOpenCase(caseId: string): void }) {
  const client = useQueryClient();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ key: '{}', page: 0 });
  const key = JSON.stringify(filters);
  const page = paging.key === key ? paging.page : 0;
  const badRange = filters.from !== undefined && filters.to !== undefined && filters.from > filters.to;
  const query: ActivityLogQuery = { ...filters, page, pageSize: PAGE_SIZE };
  // A range that ends before it starts is shown as an error on the field, not asked of main.
  const log = useQuery({ queryKey: ['activities.list', 'all', query], queryFn: () => call('activities.list', query), placeholderData: keepPreviousData, enabled: !badRange });
  const agents = useQuery({ queryKey: ['directory.agents'], queryFn: () => call('directory.agents', {}) });
  useEffect(() => window.api.on('cases.changed', () => void client.invalidateQueries({ queryKey: ['activities.list', 'all'] })), [client]);
  const set = (patch: Filters) => setFilters((current) => Object.fromEntries(Object.entries({ ...current, ...patch }).filter(([, value]) => value)) as Filters);
  const total = log.data?.total ?? 0;
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Activity log</Title>
        <Text c="dimmed" size="sm" data-testid="activity-total">{log.data ? `${total.toLocaleString()} activit${total === 1 ? 'y' : 'ies'}, newest first` : 'Loading…'}</Text>
      </div>
      <Paper withBorder p="sm">
        <Group gap="sm" align="flex-end">
          <Select label="Type" placeholder="Any type" clearable data={ACTIVITY_TYPES.map((value) => ({ value, label: ACTIVITY_TYPE_LABELS[value] }))} value={filters.type ?? null} onChange={(value) => set({ type: (value ?? undefined) as ActivityType | undefined })} w={170} />
          <Select label="Outcome" placeholder="Any outcome" clearable data={ACTIVITY_OUTCOMES.map((value) => ({ value, label: OUTCOME_LABELS[value] }))} value={filters.outcome ?? null} onChange={(value) => set({ outcome: (value ?? undefined) as ActivityOutcome | undefined })} w={180} />
          <Select label="Agent" placeholder="Anyone" clearable searchable data={(agents.data ?? []).map((a) => ({ value: a.id, label: a.name }))} value={filters.performedBy ?? null} onChange={(value) => set({ performedBy: value ?? undefined })} w={200} />
          <TextInput label="From" type="date" value={filters.from ?? ''} onChange={(e) => set({ from: e.currentTarget.value || undefined })} w={160} />
          <TextInput label="To" type="date" value={filters.to ?? ''} onChange={(e) => set({ to: e.currentTarget.value || undefined })} w={160} error={badRange ? 'before From' : undefined} />
        </Group>
      </Paper>
      {log.error && <LoadError what="The activity log" error={log.error} onRetry={() => void log.refetch()} />}
      <Paper withBorder>
        {log.isPending ? (
          <Group justify="center" p="xl"><Loader aria-label="Loading activities" /></Group>
        ) : log.data && log.data.rows.length === 0 ? (
          <Text c="dimmed" ta="center" p="xl">No activity matches these filters.</Text>
        ) : (
          <Table highlightOnHover verticalSpacing="xs" aria-label="Activity log">
            <Table.Thead>
              <Table.Tr><Table.Th>When</Table.Th><Table.Th>Borrower</Table.Th><Table.Th>Activity</Table.Th><Table.Th>Outcome</Table.Th><Table.Th>Notes</Table.Th><Table.Th>By</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(log.data?.rows ?? []).map((row) => (
                <Table.Tr key={row.id} tabIndex={0} style={{ cursor: 'pointer' }} data-testid="activity-log-row" onClick={() => onOpenCase(row.caseId)} onKeyDown={(e) => e.key === 'Enter' && onOpenCase(row.caseId)}>
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.at)}</Text></Table.Td>
                  <Table.Td><Text size="sm" fw={600}>{row.borrowerName}</Text><Text size="xs" c="dimmed" ff="monospace">{row.accountNumber}</Text></Table.Td>
                  <Table.Td><Text size="sm">{ACTIVITY_TYPE_LABELS[row.type]}{row.direction === 'inbound' ? ' (inbound)' : ''}</Text></Table.Td>
                  <Table.Td>{row.outcome ? <Badge variant="light" color={OUTCOME_COLORS[row.outcome]}>{OUTCOME_LABELS[row.outcome]}</Badge> : <Text size="xs" c="dimmed">—</Text>}</Table.Td>
                  <Table.Td maw={420}><Text size="sm" lineClamp={2}>{row.notes ?? ''}</Text></Table.Td>
                  <Table.Td><Text size="sm">{row.performerName ?? 'System'}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Group justify="flex-end">
        <Pagination total={Math.max(1, Math.ceil(total / PAGE_SIZE))} value={page + 1} onChange={(next) => setPaging({ key, page: next - 1 })} siblings={1} boundaries={1} />
      </Group>
    </Stack>
  );
}
