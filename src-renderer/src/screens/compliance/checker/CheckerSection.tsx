import { Grid, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ComplianceCaseHit, ContactCheck } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { ContactVerdict } from '../../../components/ContactVerdict';
import { Empty, LoadError, Loading } from '../../../components/QueryStatus';
import { useNow } from '../../../components/use-now';
import { CHANNEL_LABELS } from '../../../format/domain-labels';
import { formatClock } from '../../../format/time';
import { ContactHistoryCard } from '../../case/compliance/ContactHistoryCard';
import { RuleCard } from '../../case/compliance/RuleCard';
import { SectionHeader } from '../../settings/SectionHeader';
import { CasePicker } from './CasePicker';

const CHANNELS: ContactCheck['channel'][] = ['voice', 'sms', 'whatsapp', 'email', 'letter'];

/** "Can I contact this borrower now?": the gate's answer for a manual contact on one channel, with the record behind it. */
export function CheckerSection() {
  const [picked, setPicked] = useState<ComplianceCaseHit | null>(null);
  const [channel, setChannel] = useState<ContactCheck['channel']>('voice');
  return (
    <Stack gap="md">
      <SectionHeader title="Can I contact this borrower now?">
        The compliance gate's answer for an agent's own contact now, as the case screen would give it, with every reason and the next time it clears.
      </SectionHeader>
      <Group align="flex-end" gap="md">
        <CasePicker value={picked} onChange={setPicked} />
        <SegmentedControl aria-label="Channel" value={channel} onChange={(value) => setChannel(value as ContactCheck['channel'])}
          data={CHANNELS.map((value) => ({ value, label: CHANNEL_LABELS[value] }))} />
      </Group>
      {picked ? <CheckResult key={picked.caseId} picked={picked} channel={channel} /> : <Empty>Pick a borrower by account number to see the gate's answer and their contact history.</Empty>}
    </Stack>
  );
}

function CheckResult({ picked, channel }: { picked: ComplianceCaseHit; channel: ContactCheck['channel'] }) {
  const now = useNow();
  const check = useQuery({ queryKey: ['compliance.check', picked.caseId, channel], queryFn: () => call('compliance.check', { caseId: picked.caseId, channel }), refetchInterval: 60_000 });
  const record = useQuery({ queryKey: ['cases.compliance', picked.caseId], queryFn: () => call('cases.compliance', { caseId: picked.caseId }) });
  return (
    <Grid gutter="md" align="flex-start">
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {picked.borrowerName}, {picked.jurisdiction}: {picked.timezone ? <>their time now <b>{formatClock(new Date(now), picked.timezone)}</b> ({picked.timezone})</> : 'time zone unknown, the jurisdiction’s zones apply'}
          </Text>
          {check.isPending ? <Loading what="the gate's answer" /> : check.isError ? <LoadError what="The gate's answer" error={check.error} onRetry={() => void check.refetch()} /> : (
            <ContactVerdict decision={check.data} subject={CHANNEL_LABELS[channel]} timeZone={picked.timezone} />
          )}
          {record.data && <RuleCard view={record.data} />}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        {record.isPending ? <Loading what="the contact history" /> : record.isError ? <LoadError what="The contact history" error={record.error} onRetry={() => void record.refetch()} /> : <ContactHistoryCard view={record.data} />}
      </Grid.Col>
    </Grid>
  );
}
