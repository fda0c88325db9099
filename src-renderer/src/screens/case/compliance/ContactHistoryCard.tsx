import { Badge, Group, Paper, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowDownLeft, IconArrowUpRight, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import type { CaseComplianceView, ContactAttemptView } from '../../../../../src-shared/contract';
import { CHANNELS, type Channel } from '../../../../../src-shared/domain/vocabulary';
import { Empty } from '../../../components/QueryStatus';
import { reasonText } from '../../../format/contact-reasons';
import { CHANNEL_LABELS, titleCase } from '../../../format/domain-labels';
import { formatDateTime, formatRelative } from '../../../format/time';

type Shown = 'all' | 'blocked' | 'made';

function TalliesTable({ view }: { view: CaseComplianceView }) {
  return (
    <Table verticalSpacing={4} aria-label="Contact attempts per channel" styles={{ td: { whiteSpace: 'nowrap' } }}>
      <Table.Thead>
        <Table.Tr><Table.Th>Channel</Table.Th><Table.Th ta="right">Went out</Table.Th><Table.Th ta="right">Received</Table.Th><Table.Th ta="right">Blocked</Table.Th><Table.Th>Last</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {view.tallies.map((tally) => (
          <Table.Tr key={tally.channel} data-testid="channel-tally" data-channel={tally.channel}>
            <Table.Td><Text size="sm" fw={600}>{CHANNEL_LABELS[tally.channel]}</Text></Table.Td>
            <Table.Td ta="right">{tally.outbound}</Table.Td>
            <Table.Td ta="right">{tally.inbound}</Table.Td>
            <Table.Td ta="right"><Text size="sm" c={tally.blocked > 0 ? 'red' : undefined} fw={tally.blocked > 0 ? 700 : undefined}>{tally.blocked}</Text></Table.Td>
            <Table.Td><Text size="xs" c="dimmed">{tally.lastAt ? formatRelative(tally.lastAt) : 'Never'}</Text></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function AttemptRow({ attempt, timeZone }: { attempt: ContactAttemptView; timeZone: string | null }) {
  const Direction = attempt.direction === 'inbound' ? IconArrowDownLeft : IconArrowUpRight;
  return (
    <Table.Tr data-testid="contact-attempt" data-blocked={attempt.blocked} data-channel={attempt.channel}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{formatDateTime(attempt.at)}</Text>
        {timeZone && <Text size="xs" c="dimmed">{formatDateTime(attempt.at, timeZone)}</Text>}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Group gap={4} wrap="nowrap"><Direction size={14} aria-label={attempt.direction} /><Text size="sm">{CHANNEL_LABELS[attempt.channel]}</Text></Group>
        {!attempt.onThisLoan && <Badge size="xs" variant="outline" color="gray">Other loan</Badge>}
      </Table.Td>
      <Table.Td>
        {attempt.blocked ? (
          <Stack gap={2}>
            <Badge size="sm" color="red" variant="filled" w="fit-content">Blocked</Badge>
            <Text size="xs" c="red">{attempt.blockedReasons.map(reasonText).join('; ')}</Text>
          </Stack>
        ) : <Badge size="sm" variant="light" color={attempt.outcome === 'failed' ? 'red' : attempt.outcome === 'conversation' ? 'teal' : 'gray'}>{titleCase(attempt.outcome)}</Badge>}
      </Table.Td>
      <Table.Td><Text size="xs" c="dimmed">{titleCase(attempt.source)}</Text></Table.Td>
    </Table.Tr>
  );
}

/**
 * Every attempt to reach the borrower, on every loan of theirs (the caps count them all): totals
 * per channel, then each attempt with its outcome or, when the gate refused it, why.
 */
export function ContactHistoryCard({ view }: { view: CaseComplianceView }) {
  const [shown, setShown] = useState<Shown>('all');
  const [channel, setChannel] = useState<Channel | null>(null);
  const rows = view.attempts.filter((attempt) => (shown === 'all' || (shown === 'blocked') === attempt.blocked) && (channel === null || attempt.channel === channel));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap={6}><IconHistory size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>Contact history</Title></Group>
          <Text size="sm" c="dimmed">{view.totalAttempts} attempt{view.totalAttempts === 1 ? '' : 's'}{view.totalAttempts > view.attempts.length ? `, the latest ${view.attempts.length} listed` : ''}</Text>
        </Group>
        <TalliesTable view={view} />
        <Group gap="sm">
          <SegmentedControl size="xs" value={shown} onChange={(value) => setShown(value as Shown)} aria-label="Show attempts"
            data={[{ value: 'all', label: 'All' }, { value: 'made', label: 'Went out' }, { value: 'blocked', label: 'Blocked' }]} />
          <Select size="xs" placeholder="Every channel" aria-label="Channel" clearable value={channel} onChange={(value) => setChannel(value as Channel | null)}
            data={CHANNELS.map((value) => ({ value, label: CHANNEL_LABELS[value] }))} w={160} />
        </Group>
        {rows.length === 0 ? <Empty>{view.attempts.length === 0 ? 'No contact with this borrower on record.' : 'No attempt matches.'}</Empty> : (
          <Table.ScrollContainer minWidth={560} mah={420}>
            <Table striped verticalSpacing={6} aria-label="Contact attempts" stickyHeader>
              <Table.Thead>
                <Table.Tr><Table.Th>When</Table.Th><Table.Th>Channel</Table.Th><Table.Th>Outcome</Table.Th><Table.Th>Source</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>{rows.map((attempt) => <AttemptRow key={attempt.id} attempt={attempt} timeZone={view.timezone} />)}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
