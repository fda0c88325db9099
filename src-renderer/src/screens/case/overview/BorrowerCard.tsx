import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconId, IconUser } from '@tabler/icons-react';
import { useState } from 'react';
import type { CaseSummary } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { useCan } from '../../../app/session-context';
import { Field } from '../../../components/Field';
import { productLabel } from '../../../format/domain-labels';
import { formatPhone } from '../../../format/phone';
import { formatDate } from '../../../format/time';
import { BorrowerProfileDrawer } from '../../borrower/BorrowerProfileDrawer';
import { useRefreshCase } from '../case-queries';

function AssignedAgent({ summary }: { summary: CaseSummary }) {
  const client = useQueryClient();
  const refresh = useRefreshCase(summary.caseId);
  const agents = useQuery({ queryKey: ['directory.agents'], queryFn: () => call('directory.agents', {}), staleTime: 5 * 60_000 });
  const assign = useMutation({
    mutationFn: (agentId: string | null) => call('cases.assign', { caseIds: [summary.caseId], agentId }),
    onSuccess: () => {
      refresh();
      void client.invalidateQueries({ queryKey: ['cases.queue'] });
      notifications.show({ color: 'teal', message: 'Assignment saved' });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not assigned', message: error.message }),
  });
  return (
    <Select
      label="Assigned agent"
      data={[{ value: '', label: 'Unassigned' }, ...(agents.data ?? []).map((a) => ({ value: a.id, label: a.name }))]}
      value={summary.assignedAgentId ?? ''}
      onChange={(value) => assign.mutate(value ? value : null)}
      disabled={assign.isPending}
      allowDeselect={false}
      searchable
      size="xs"
      styles={{ label: { textTransform: 'uppercase', fontSize: 'var(--mantine-font-size-xs)', fontWeight: 600, color: 'var(--mantine-color-dimmed)', letterSpacing: 0.3 } }}
    />
  );
}

/** Who the borrower is and how to reach them (only the SSN's last four), and who owns the case. */
export function BorrowerCard({ summary: c }: { summary: CaseSummary }) {
  const canAssign = useCan('assign_cases');
  const [profileOpen, setProfileOpen] = useState(false);
  return (
    <Paper withBorder p="md" h="100%">
      <Stack gap="md">
        <Group justify="space-between">
          <Group gap={6}><IconUser size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>Borrower and ownership</Title></Group>
          <Button size="xs" variant="light" leftSection={<IconId size={14} />} onClick={() => setProfileOpen(true)}>Borrower profile</Button>
        </Group>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
          <Field label="Account"><Text size="sm" ff="monospace">{c.accountNumber}</Text></Field>
          <Field label="Product">{productLabel(c.loan.productCode)} · since {formatDate(c.loan.originatedOn)}</Field>
          <Field label="Risk grade">{c.loan.riskGrade ?? '—'}</Field>
          <Field label="Queue">{c.queueName ?? '—'}</Field>
          <Field label="Phone">{c.borrower.primaryPhone ? formatPhone(c.borrower.primaryPhone) : '—'}</Field>
          <Field label="Email"><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{c.borrower.email ?? '—'}</Text></Field>
          <Field label="SSN">{c.borrower.ssnLastFour ? `•••-••-${c.borrower.ssnLastFour}` : '—'}</Field>
          {canAssign ? <AssignedAgent summary={c} /> : <Field label="Assigned agent">{c.assignedAgentName ?? 'Unassigned'}</Field>}
          <Field label="Jurisdiction">{c.borrower.jurisdiction}</Field>
          <Field label="Time zone">{c.borrower.timezone ?? 'Unknown'}</Field>
          <Field label="Language">{c.borrower.language.toUpperCase()}</Field>
        </SimpleGrid>
      </Stack>
      {profileOpen && <BorrowerProfileDrawer caseId={c.caseId} borrowerId={c.borrower.id} currency={c.currency} onClose={() => setProfileOpen(false)} />}
    </Paper>
  );
}
