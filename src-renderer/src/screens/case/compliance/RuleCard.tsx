import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconGavel } from '@tabler/icons-react';
import type { AppliedRule, CaseComplianceView } from '../../../../../src-shared/contract';
import { Field } from '../../../components/Field';
import { CHANNEL_LABELS, titleCase } from '../../../format/domain-labels';

const PRESET_LABELS: Record<AppliedRule['preset'], string> = {
  caribbean: 'Caribbean rules (seed 003)',
  US: 'US: FDCPA and Regulation F',
  'US-MA': 'Massachusetts, with Regulation F',
  'US-NY-NYC': 'New York City, with Regulation F',
};

/** Limits a preset adds on top of the configurable hours and caps. */
function statutoryLimits(rule: AppliedRule): string[] {
  const limits: string[] = [];
  if (rule.regulationF) limits.push('Regulation F: at most 7 calls in 7 days per debt, and none for 7 days after a conversation');
  if (rule.preset === 'US-MA') limits.push(`Massachusetts: at most 2 contacts in 7 days (${rule.countedChannels.map((c) => CHANNEL_LABELS[c]).join(', ')})`);
  if (rule.preset === 'US-NY-NYC') limits.push('New York City: at most 3 contacts in 7 days');
  return limits;
}

function hoursText(start: string, end: string): string {
  return start === end ? 'Any time of day' : `${start}–${end}`;
}

function coolingOffText(minutes: number | null): string {
  if (minutes === null) return 'None';
  return minutes % 60 === 0 ? `${minutes / 60} h between contacts` : `${minutes} min between contacts`;
}

/** The rule the compliance gate applies to this borrower's jurisdiction, in plain words. */
export function RuleCard({ view }: { view: CaseComplianceView }) {
  const rule = view.rule;
  const limits = statutoryLimits(rule);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap={6}><IconGavel size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>Rules for {rule.jurisdiction}</Title></Group>
          <Badge variant="light" color={rule.source === 'stored' ? 'indigo' : 'gray'}>{rule.source === 'stored' ? 'Configured' : 'Built-in preset'}</Badge>
        </Group>
        <Text size="sm" c="dimmed">{PRESET_LABELS[rule.preset]}</Text>
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
          <Field label="Contact hours">{hoursText(rule.hoursStart, rule.hoursEnd)} <Text span size="xs" c="dimmed">borrower's time</Text></Field>
          <Field label="Cooling-off">{coolingOffText(rule.coolingOffMinutes)}</Field>
          <Field label="Daily cap">{rule.dailyCap === null ? 'None' : `${rule.dailyCap} contacts`}</Field>
          <Field label="7-day cap">{rule.weeklyCap === null ? 'None' : `${rule.weeklyCap} contacts`}</Field>
          <Field label="Caps count">{rule.countedChannels.map((channel) => CHANNEL_LABELS[channel]).join(', ')}</Field>
          <Field label="Counted over">{rule.countsAcrossLoans ? "All the borrower's loans" : 'This debt only'}</Field>
          <Field label="Borrower's own hours">{view.preferredHours ? `${hoursText(view.preferredHours.start, view.preferredHours.end)} (automated contact)` : 'None given'}</Field>
          <Field label="Preferred channel">{view.preferredChannel ? titleCase(view.preferredChannel) : 'None given'}</Field>
        </SimpleGrid>
        {limits.map((limit) => <Text key={limit} size="sm">{limit}</Text>)}
      </Stack>
    </Paper>
  );
}
