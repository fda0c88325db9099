import { Alert, Badge, Divider, Drawer, Group, Loader, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { UserSummary } from '../../../../src-shared/contract';
import { formatMinor } from '../../../../src-shared/money';
import { call } from '../../api/client';
import { useCan } from '../../app/session-context';
import { formatPhone } from '../../format/phone';
import { BUCKET_LABELS, NBA_LABELS, PRIORITY_COLORS, SEVERITY_COLORS, STAGE_LABELS, STATUS_LABELS, titleCase } from '../../format/domain-labels';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text size="sm" component="div">{children}</Text>
    </div>
  );
}

/** The case as the queue opens it: amounts, classification, borrower contact and ownership. */
export function CaseDrawer({ caseId, agents, onClose }: { caseId: string | null; agents: UserSummary[]; onClose(): void }) {
  const client = useQueryClient();
  const canAssign = useCan('assign_cases');
  const summary = useQuery({ queryKey: ['cases.get', caseId], queryFn: () => call('cases.get', { caseId: caseId! }), enabled: caseId !== null });
  const assign = useMutation({
    mutationFn: (agentId: string | null) => call('cases.assign', { caseIds: [caseId!], agentId }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['cases.get', caseId] });
      void client.invalidateQueries({ queryKey: ['cases.queue'] });
      notifications.show({ color: 'teal', message: 'Assignment saved' });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not assigned', message: error.message }),
  });
  const c = summary.data;
  return (
    <Drawer opened={caseId !== null} onClose={onClose} position="right" size="lg" title={c ? <Title order={3}>{c.borrowerName}</Title> : 'Case'}>
      {summary.isPending && <Loader />}
      {summary.error && <Alert color="red">{summary.error.message}</Alert>}
      {c && (
        <Stack gap="md" data-testid="case-summary">
          <Group gap="xs">
            <Badge variant="light">{STATUS_LABELS[c.status]}</Badge>
            <Badge variant="filled" color={PRIORITY_COLORS[c.priority]}>{c.priority} · {c.priorityScore.toFixed(1)}</Badge>
            {c.severity && <Badge color={SEVERITY_COLORS[c.severity]} variant="light">{c.severity}</Badge>}
            <Badge variant="outline" color="gray">{titleCase(c.defaultType)}</Badge>
            {c.borrower.doNotContact && <Badge color="red">Do not contact</Badge>}
            {c.flags.map((flag) => <Badge key={flag} color="grape" variant="light">{titleCase(flag)}</Badge>)}
          </Group>
          <SimpleGrid cols={3}>
            <Field label="Account"><Text ff="monospace" size="sm">{c.accountNumber}</Text></Field>
            <Field label="Days past due"><Text fw={700} size="lg">{c.dpd}</Text></Field>
            <Field label="Stage">{c.stage ? STAGE_LABELS[c.stage] : '—'} · {BUCKET_LABELS[c.bucket]}</Field>
            <Field label="Amount past due">{formatMinor(c.amountPastDueMinor, c.currency)}</Field>
            <Field label="Balance">{formatMinor(c.balanceMinor, c.currency)}</Field>
            <Field label="Principal">{formatMinor(c.loan.principalMinor, c.currency)}</Field>
            <Field label="Product">{titleCase(c.loan.productCode)}</Field>
            <Field label="Rate">{c.loan.interestRatePct}%</Field>
            <Field label="Risk grade">{c.loan.riskGrade ?? '—'}</Field>
            <Field label="Opened">{c.openedOn}</Field>
            <Field label="Episode since">{c.episodeStartedOn}</Field>
            <Field label="As of">{c.asOf}</Field>
          </SimpleGrid>
          {c.nbaAction && (
            <Alert variant="light" color="indigo" title="Next best action">
              {NBA_LABELS[c.nbaAction]}{c.nbaConfidence !== null && ` · confidence ${Math.round(c.nbaConfidence * 100)}%`}
            </Alert>
          )}
          <Divider label="Borrower" labelPosition="left" />
          <SimpleGrid cols={3}>
            <Field label="Phone">{c.borrower.primaryPhone ? formatPhone(c.borrower.primaryPhone) : '—'}</Field>
            <Field label="Email"><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{c.borrower.email ?? '—'}</Text></Field>
            <Field label="SSN">{c.borrower.ssnLastFour ? `•••-••-${c.borrower.ssnLastFour}` : '—'}</Field>
            <Field label="Jurisdiction">{c.borrower.jurisdiction}</Field>
            <Field label="Time zone">{c.borrower.timezone ?? 'Unknown'}</Field>
            <Field label="Language">{c.borrower.language}</Field>
          </SimpleGrid>
          <Divider label="Ownership" labelPosition="left" />
          <SimpleGrid cols={2}>
            <Field label="Queue">{c.queueName ?? '—'}</Field>
            {canAssign ? (
              <Select
                label="Assigned agent"
                data={[{ value: '', label: 'Unassigned' }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
                value={c.assignedAgentId ?? ''}
                onChange={(value) => assign.mutate(value ? value : null)}
                disabled={assign.isPending}
                allowDeselect={false}
                searchable
              />
            ) : (
              <Field label="Assigned agent">{c.assignedAgentName ?? 'Unassigned'}</Field>
            )}
          </SimpleGrid>
        </Stack>
      )}
    </Drawer>
  );
}
