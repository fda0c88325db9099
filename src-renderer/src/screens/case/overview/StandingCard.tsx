import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconReportMoney } from '@tabler/icons-react';
import type { CaseSummary } from '../../../../../src-shared/contract';
import { formatMinor } from '../../../../../src-shared/money';
import { Field } from '../../../components/Field';
import { Money } from '../../../components/Money';
import { BUCKET_LABELS, SEVERITY_COLORS, STAGE_LABELS, STATUS_LABELS, titleCase } from '../../../format/domain-labels';
import { formatDate } from '../../../format/time';

/** What is owed and how far behind: amounts, days past due and the classifications the engine derived from them. */
export function StandingCard({ summary: c }: { summary: CaseSummary }) {
  return (
    <Paper withBorder p="md" h="100%">
      <Stack gap="md">
        <Group gap={6}><IconReportMoney size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>Standing</Title></Group>
        <SimpleGrid cols={3} spacing="md">
          <Field label="Amount past due"><Money minor={c.amountPastDueMinor} currency={c.currency} color={c.amountPastDueMinor > 0 ? 'red' : undefined} /></Field>
          <Field label="Balance"><Money minor={c.balanceMinor} currency={c.currency} /></Field>
          <Field label="Days past due"><Text size="lg" fw={700} lh={1.3}>{c.dpd}</Text></Field>
          <Field label="Bucket">{BUCKET_LABELS[c.bucket]}</Field>
          <Field label="Stage">{c.stage ? STAGE_LABELS[c.stage] : '—'}</Field>
          <Field label="Severity">{c.severity ? <Badge variant="light" color={SEVERITY_COLORS[c.severity]}>{c.severity}</Badge> : '—'}</Field>
          <Field label="Status">{STATUS_LABELS[c.status]}</Field>
          <Field label="Reason">{titleCase(c.reasonCode.toLowerCase())}</Field>
          <Field label="Principal">{formatMinor(c.loan.principalMinor, c.currency)} at {c.loan.interestRatePct}%</Field>
          <Field label="Opened">{formatDate(c.openedOn)}</Field>
          <Field label="Episode since">{formatDate(c.episodeStartedOn)}</Field>
          <Field label="As of">{c.asOf ? formatDate(c.asOf) : '—'}</Field>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
