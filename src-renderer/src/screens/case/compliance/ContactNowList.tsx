import { Badge, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import type { CaseSummary, ContactCheck } from '../../../../../src-shared/contract';
import { VERDICT_COLORS, VERDICT_LABELS, verdictOf } from '../../../components/contact-verdict';
import { useNow } from '../../../components/use-now';
import { reasonText } from '../../../format/contact-reasons';
import { CHANNEL_LABELS } from '../../../format/domain-labels';
import { formatClock, formatDateTime } from '../../../format/time';
import { useContactCheck } from '../case-queries';

const CHANNELS: ContactCheck['channel'][] = ['voice', 'sms', 'whatsapp', 'email', 'letter'];

function ChannelVerdict({ caseId, channel, timeZone }: { caseId: string; channel: ContactCheck['channel']; timeZone: string | null }) {
  const check = useContactCheck(caseId, channel);
  const decision = check.data;
  const kind = decision ? verdictOf(decision) : null;
  return (
    <Stack gap={2} data-testid="contact-now" data-channel={channel} data-verdict={kind ?? undefined}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>{CHANNEL_LABELS[channel]}</Text>
        {check.isPending ? <Loader size="xs" aria-label={`Checking ${CHANNEL_LABELS[channel]}`} /> : check.error ? <Badge color="gray">Unknown</Badge> : (
          <Badge color={VERDICT_COLORS[kind!]} variant="light" style={{ flexShrink: 0 }}>{VERDICT_LABELS[kind!]}</Badge>
        )}
      </Group>
      {check.error && <Text size="xs" c="red">{check.error.message}</Text>}
      {decision && !decision.allowed && <Text size="xs" c="dimmed">{decision.reasons.map(reasonText).join('; ')}</Text>}
      {decision && kind === 'later' && <Text size="xs">Next allowed <b>{formatDateTime(decision.nextAllowedAt!, timeZone)}</b></Text>}
    </Stack>
  );
}

/** The gate's answer for a manual contact now on each channel, compact, beside the record that explains it. */
export function ContactNowList({ summary }: { summary: CaseSummary }) {
  const zone = summary.borrower.timezone;
  const now = useNow();
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap={6}><IconShieldCheck size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>Contact allowed now?</Title></Group>
          <Text size="xs" c="dimmed">{zone ? <>Borrower's time <b>{formatClock(new Date(now), zone)}</b></> : 'Borrower zone unknown'}</Text>
        </Group>
        {CHANNELS.map((channel) => <ChannelVerdict key={channel} caseId={summary.caseId} channel={channel} timeZone={zone} />)}
      </Stack>
    </Paper>
  );
}
