import { Badge, Button, Group, Paper, ScrollArea, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconBolt, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { CaseSummary, ExecutionResult } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { useCan } from '../../../app/session-context';
import { ExecutionOutcome } from '../../../components/ExecutionOutcome';
import { LoadError, Loading } from '../../../components/QueryStatus';
import { titleCase } from '../../../format/domain-labels';
import { useRefreshCase } from '../case-queries';
import { RecoveryActionItem } from './RecoveryActionItem';
import { TriggerActionsModal } from './TriggerActionsModal';

type Show = 'all' | 'pending' | 'done';

/**
 * Seed 000's Loan Recovery Sidebar for the open default: what it is, its recovery actions with
 * their live delivery status, triggering new ones and executing those still pending.
 */
export function RecoveryPanel({ summary: c }: { summary: CaseSummary }) {
  const canAct = useCan('log_activity');
  const refresh = useRefreshCase(c.caseId);
  const [triggering, setTriggering] = useState(false);
  const [show, setShow] = useState<Show>('all');
  const [last, setLast] = useState<ExecutionResult | null>(null);
  const actions = useQuery({ queryKey: ['recovery.actions', c.caseId], queryFn: () => call('recovery.actions', { caseId: c.caseId }) });
  const execute = useMutation({
    mutationFn: (actionId: string) => call('recovery.execute', { actionId }),
    onSuccess: (result) => {
      setLast(result);
      refresh();
    },
  });
  const list = (actions.data?.actions ?? []).filter((a) => show === 'all' || (show === 'pending') === (a.status === 'pending'));
  const pending = (actions.data?.actions ?? []).filter((a) => a.status === 'pending').length;
  return (
    <Paper withBorder p="md" component="aside" aria-label="Recovery" data-testid="recovery-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap={6}><IconBolt size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>Recovery</Title></Group>
          {canAct && <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setTriggering(true)}>Trigger actions</Button>}
        </Group>
        <Group gap={6}>
          <Badge variant="light" color="gray">{titleCase(c.defaultType)}</Badge>
          <Badge variant="light" color="gray">{c.dpd} DPD</Badge>
          {pending > 0 && <Badge variant="filled" color="blue">{pending} pending</Badge>}
        </Group>
        <SegmentedControl size="xs" value={show} onChange={(value) => setShow(value as Show)} data={[{ value: 'all', label: 'All' }, { value: 'pending', label: 'Pending' }, { value: 'done', label: 'Sent' }]} aria-label="Show actions" />
        {last && <ExecutionOutcome result={last} timeZone={c.borrower.timezone} onClose={() => setLast(null)} />}
        {execute.error && <Text size="sm" c="red">{execute.error.message}</Text>}
        {actions.isPending && <Loading what="recovery actions" />}
        {actions.error && <LoadError what="Recovery actions" error={actions.error} onRetry={() => void actions.refetch()} />}
        {actions.data && list.length === 0 && <Text size="sm" c="dimmed">{show === 'pending' ? 'Nothing waiting to be executed.' : 'No recovery actions yet.'}</Text>}
        <ScrollArea.Autosize mah={520} type="auto" offsetScrollbars>
          <Stack gap="xs">
            {list.map((action) => (
              <RecoveryActionItem key={action.id} action={action} timeZone={c.borrower.timezone} canExecute={canAct}
                executing={execute.isPending && execute.variables === action.id} onExecute={() => execute.mutate(action.id)} />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Stack>
      {triggering && <TriggerActionsModal caseId={c.caseId} dpd={c.dpd} onClose={() => setTriggering(false)} />}
    </Paper>
  );
}
