import { Badge, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconBrandWhatsapp, IconMail, IconMessage, IconMailbox, IconPhone, IconShieldCheck } from '@tabler/icons-react';
import type { CaseSummary, ContactCheck } from '../../../../../src-shared/contract';
import { VERDICT_COLORS, VERDICT_LABELS, verdictOf } from '../../../components/contact-verdict';
import { reasonText } from '../../../format/contact-reasons';
import { CHANNEL_LABELS } from '../../../format/domain-labels';
import { formatClock, formatDateTime } from '../../../format/time';
import { useNow } from '../../../components/use-now';
import { useContactCheck } from '../case-queries';

const CHANNELS: { channel: ContactCheck['channel']; icon: typeof IconPhone }[] = [
  { channel: 'voice', icon: IconPhone },
  { channel: 'sms', icon: IconMessage },
  { channel: 'whatsapp', icon: IconBrandWhatsapp },
  { channel: 'email', icon: IconMail },
  { channel: 'letter', icon: IconMailbox },
];

function ChannelRow({ caseId, channel, icon: Icon, timeZone }: { caseId: string; channel: ContactCheck['channel']; icon: typeof IconPhone; timeZone: string | null }) {
  const check = useContactCheck(caseId, channel);
  const decision = check.data;
  const kind = decision ? verdictOf(decision) : null;
  return (
    <Table.Tr data-channel={channel} data-verdict={kind ?? undefined}>
      <Table.Td w={150}><Group gap={8} wrap="nowrap"><Icon size={16} /><Text size="sm" fw={600}>{CHANNEL_LABELS[channel]}</Text></Group></Table.Td>
      <Table.Td w={130}>
        {check.isPending ? <Loader size="xs" aria-label={`Checking ${CHANNEL_LABELS[channel]}`} /> : check.error ? <Badge color="gray">Unknown</Badge> : <Badge color={VERDICT_COLORS[kind!]} variant="light" styles={{ label: { overflow: 'visible' } }}>{VERDICT_LABELS[kind!]}</Badge>}
      </Table.Td>
      <Table.Td>
        {check.error && <Text size="sm" c="red">{check.error.message}</Text>}
        {decision && !decision.allowed && <Text size="sm">{decision.reasons.map(reasonText).join('; ')}</Text>}
        {decision && kind === 'later' && <Text size="xs" c="dimmed">Next allowed {formatDateTime(decision.nextAllowedAt!, timeZone)}</Text>}
        {decision?.allowed && <Text size="sm" c="dimmed">No rule stands in the way</Text>}
      </Table.Td>
    </Table.Tr>
  );
}

/** "May I contact this borrower now?" on every channel, as the compliance gate answers for a manual contact. */
export function ContactNowCard({ summary }: { summary: CaseSummary }) {
  const zone = summary.borrower.timezone;
  const now = useNow();
  return (
    <Paper withBorder p="md" h="100%">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap={6}><IconShieldCheck size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>Contact allowed now?</Title></Group>
          <Text size="sm" c="dimmed" data-testid="borrower-clock">
            {zone ? <>Borrower's time <b>{formatClock(new Date(now), zone)}</b></> : `Borrower's time zone unknown (${summary.borrower.jurisdiction} rules apply)`}
          </Text>
        </Group>
        <Table verticalSpacing={6} aria-label="Contact allowed now by channel">
          <Table.Tbody>
            {CHANNELS.map((row) => <ChannelRow key={row.channel} caseId={summary.caseId} {...row} timeZone={zone} />)}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
