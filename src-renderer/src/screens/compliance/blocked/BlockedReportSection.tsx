import { Badge, Button, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CONTACT_REASONS } from '../../../../../src-shared/compliance/types';
import { BLOCKED_LIST_LIMIT, type BlockedContactsReport } from '../../../../../src-shared/contract';
import { CHANNELS, type Channel } from '../../../../../src-shared/domain/vocabulary';
import { ApiError, call } from '../../../api/client';
import { Empty, LoadError, Loading } from '../../../components/QueryStatus';
import { reasonText } from '../../../format/contact-reasons';
import { CHANNEL_LABELS } from '../../../format/domain-labels';
import { formatDateTime, todayUtc } from '../../../format/time';
import { SectionHeader } from '../../settings/SectionHeader';
import { downloadBlockedCsv } from './export-blocked-csv';

const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** Contacts the gate refused over a range of days: how many per reason and channel, each one, and a CSV of them all. */
export function BlockedReportSection() {
  const [from, setFrom] = useState(() => daysBefore(todayUtc(), 30));
  const [to, setTo] = useState(todayUtc);
  const [reason, setReason] = useState<string | null>(null);
  const [channel, setChannel] = useState<Channel | null>(null);
  const range = { from, to, reason: reason as (typeof CONTACT_REASONS)[number] | null, channel };
  const report = useQuery({ queryKey: ['complianceAdmin.blockedReport', range], queryFn: () => call('complianceAdmin.blockedReport', range), retry: false });
  const [exporting, setExporting] = useState(false);
  const exportCsv = async () => {
    setExporting(true);
    try {
      const rows = await downloadBlockedCsv(range);
      notifications.show({ color: 'teal', message: `Exported ${rows} blocked contact${rows === 1 ? '' : 's'}` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not exported', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setExporting(false);
    }
  };
  const rangeError = report.error instanceof ApiError && report.error.data.field ? report.error.data : null;
  return (
    <Stack gap="md">
      <SectionHeader title="Blocked contacts"
        actions={<Button leftSection={<IconDownload size={16} />} variant="default" onClick={() => void exportCsv()} loading={exporting} disabled={!report.data || report.data.total === 0}>Export CSV</Button>}>
        Every call and message the compliance gate refused, by UTC day, grouped by reason and channel. An attempt refused for two reasons counts under both.
      </SectionHeader>
      <SimpleGrid cols={4} maw={960}>
        <TextInput type="date" label="From" value={from} onChange={(event) => setFrom(event.currentTarget.value)} />
        <TextInput type="date" label="To" value={to} onChange={(event) => setTo(event.currentTarget.value)} error={rangeError?.field === 'to' ? 'Must not be before the start' : undefined} />
        <Select label="Reason" placeholder="Every reason" clearable value={reason} onChange={setReason} data={CONTACT_REASONS.map((value) => ({ value, label: reasonText(value) }))} />
        <Select label="Channel" placeholder="Every channel" clearable value={channel} onChange={(value) => setChannel(value as Channel | null)} data={CHANNELS.map((value) => ({ value, label: CHANNEL_LABELS[value] }))} />
      </SimpleGrid>
      {report.isPending ? <Loading what="blocked contacts" /> : report.isError ? (rangeError ? null : <LoadError what="Blocked contacts" error={report.error} onRetry={() => void report.refetch()} />) : <ReportBody report={report.data} />}
    </Stack>
  );
}

function ReportBody({ report }: { report: BlockedContactsReport }) {
  if (report.total === 0) return <Empty>No contact was blocked in this range.</Empty>;
  return (
    <Stack gap="md">
      <Text size="sm" data-testid="blocked-total"><b>{report.total}</b> blocked contact{report.total === 1 ? '' : 's'}</Text>
      <Table maw={720} verticalSpacing={4} striped aria-label="Blocked contacts by reason and channel">
        <Table.Thead><Table.Tr><Table.Th>Reason</Table.Th><Table.Th>Channel</Table.Th><Table.Th ta="right">Blocked</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {report.groups.map((group) => (
            <Table.Tr key={`${group.reason}:${group.channel}`} data-testid="blocked-group" data-reason={group.reason} data-channel={group.channel}>
              <Table.Td><Text size="sm">{reasonText(group.reason)}</Text></Table.Td>
              <Table.Td><Text size="sm">{CHANNEL_LABELS[group.channel]}</Text></Table.Td>
              <Table.Td ta="right"><Text size="sm" fw={700}>{group.count}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table.ScrollContainer minWidth={760} mah={420}>
        <Table verticalSpacing={4} stickyHeader aria-label="Blocked contacts">
          <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Channel</Table.Th><Table.Th>Account</Table.Th><Table.Th>Borrower</Table.Th><Table.Th>Why</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {report.attempts.map((attempt) => (
              <Table.Tr key={attempt.id} data-testid="blocked-attempt">
                <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="sm">{formatDateTime(attempt.at)}</Text></Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="sm">{CHANNEL_LABELS[attempt.channel]}</Text></Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="sm" ff="monospace">{attempt.accountNumber}</Text></Table.Td>
                <Table.Td><Text size="sm">{attempt.borrowerName} <Badge size="xs" variant="outline" color="gray">{attempt.jurisdiction}</Badge></Text></Table.Td>
                <Table.Td><Text size="xs" c="red">{attempt.reasons.map(reasonText).join('; ') || 'No reason recorded'}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {report.total > report.attempts.length && <Text size="xs" c="dimmed">The latest {BLOCKED_LIST_LIMIT} are listed; the CSV has all {report.total}.</Text>}
    </Stack>
  );
}
