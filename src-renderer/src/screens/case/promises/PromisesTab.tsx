import { Badge, Button, Grid, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CaseSummary, PromiseToPay } from '../../../../../src-shared/contract';
import { formatMinor } from '../../../../../src-shared/money';
import { call } from '../../../api/client';
import { useCan } from '../../../app/session-context';
import { Empty, LoadError, Loading } from '../../../components/QueryStatus';
import { PROMISE_STATUS_COLORS, PROMISE_STATUS_LABELS } from '../../../format/domain-labels';
import { formatDate } from '../../../format/time';
import { useRefreshCase, useUserNames } from '../case-queries';
import { CancelPromiseModal } from './CancelPromiseModal';
import { NewPromiseForm } from './NewPromiseForm';

/** The case's promises to pay with their verdicts, a form for a new one, and cancelling with a reason. */
export function PromisesTab({ summary, focusNonce }: { summary: CaseSummary; focusNonce: number }) {
  const caseId = summary.caseId;
  const refresh = useRefreshCase(caseId);
  const nameOf = useUserNames();
  const canCancel = useCan('update_case');
  const promises = useQuery({ queryKey: ['promises.list', caseId], queryFn: () => call('promises.list', { caseId }) });
  const [cancelling, setCancelling] = useState<PromiseToPay | null>(null);
  const rows = [...(promises.data ?? [])].sort((a, b) => b.createdOn.localeCompare(a.createdOn) || b.dueOn.localeCompare(a.dueOn));
  const pendingMinor = rows.filter((p) => p.status === 'pending').reduce((sum, p) => sum + p.amountMinor, 0);
  return (
    <Grid gutter="md" align="flex-start">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Title order={5}>Promises to pay</Title>
            {pendingMinor > 0 && <Text size="sm" c="dimmed">{formatMinor(pendingMinor, summary.currency)} pending</Text>}
          </Group>
          {promises.isPending && <Loading what="the promises" />}
          {promises.error && <LoadError what="The promises" error={promises.error} onRetry={() => void promises.refetch()} />}
          {promises.data && rows.length === 0 && <Empty hint="Press P to record one, or log a call with the outcome Promise to pay.">No promises on this case.</Empty>}
          {rows.length > 0 && (
            <Table striped highlightOnHover verticalSpacing={8} aria-label="Promises to pay" styles={{ td: { whiteSpace: 'nowrap' } }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Made</Table.Th><Table.Th>Due</Table.Th><Table.Th style={{ textAlign: 'right' }}>Amount</Table.Th><Table.Th>Status</Table.Th><Table.Th>By</Table.Th><Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((promise) => (
                  <Table.Tr key={promise.id} data-testid="promise-row" data-status={promise.status}>
                    <Table.Td>{formatDate(promise.createdOn)}</Table.Td>
                    <Table.Td>{formatDate(promise.dueOn)}<Text span size="xs" c="dimmed"> + {promise.graceDays} d grace</Text></Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}><Text size="sm" fw={600}>{formatMinor(promise.amountMinor, promise.currency)}</Text></Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={PROMISE_STATUS_COLORS[promise.status]}>{PROMISE_STATUS_LABELS[promise.status]}</Badge>
                      {promise.statusChangedOn && promise.status !== 'pending' && <Text size="xs" c="dimmed">{formatDate(promise.statusChangedOn)}</Text>}
                    </Table.Td>
                    <Table.Td><Text size="sm">{nameOf(promise.createdBy) ?? (promise.createdBy ? 'Another user' : 'Loan tape')}</Text></Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {canCancel && promise.status === 'pending' && (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setCancelling(promise)} aria-label={`Cancel the promise due ${formatDate(promise.dueOn)}`}>Cancel…</Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}><NewPromiseForm summary={summary} focusNonce={focusNonce} /></Grid.Col>
      <CancelPromiseModal promise={cancelling} onClose={() => setCancelling(null)} onCancelled={refresh} />
    </Grid>
  );
}
