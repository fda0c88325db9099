import { Badge, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconHourglass } from '@tabler/icons-react';
import type { CaseDetail, CaseSummary } from '../../../../../src-shared/contract';
import { STAGE_LABELS } from '../../../format/domain-labels';
import { useNow } from '../../../components/use-now';
import { formatDateTime, formatDuration, formatRelative } from '../../../format/time';

function Timer({ label, dueAt, allowance, now }: { label: string; dueAt: string; allowance: number | null; now: number }) {
  const overdue = Date.parse(dueAt) < now;
  return (
    <div>
      <Group justify="space-between">
        <Text size="sm" fw={600}>{label}</Text>
        <Badge color={overdue ? 'red' : 'blue'} variant="light">{overdue ? `Overdue by ${formatDuration(now - Date.parse(dueAt))}` : `Due in ${formatDuration(Date.parse(dueAt) - now)}`}</Badge>
      </Group>
      <Text size="xs" c="dimmed">{formatDateTime(dueAt)}{allowance !== null && ` · ${allowance} h allowed`}</Text>
    </div>
  );
}

/** The stage's SLA timers (seed 003): first contact, then each follow-up, and the daily run's verdict. */
export function SlaCard({ summary, detail }: { summary: CaseSummary; detail: CaseDetail | undefined }) {
  const sla = detail?.sla;
  const now = useNow();
  return (
    <Paper withBorder p="md" h="100%">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap={6}><IconHourglass size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>SLA timers</Title></Group>
          {sla?.breached && (
            <Tooltip multiline w={260} label={`The daily run of ${summary.asOf} found this case past its SLA by the end of that day, which raised its priority. The timers below count every contact made since.`}>
              <Badge color="red" variant="filled">Breached</Badge>
            </Tooltip>
          )}
        </Group>
        {!sla ? (
          <Text size="sm" c="dimmed">Loading…</Text>
        ) : sla.firstContactDueAt === null && sla.nextFollowUpDueAt === null ? (
          <Text size="sm" c="dimmed">{summary.stage ? `No SLA is set for ${STAGE_LABELS[summary.stage]}.` : 'No SLA runs while the account is not past due.'}</Text>
        ) : (
          <>
            {sla.firstContactDueAt && <Timer label="First contact" dueAt={sla.firstContactDueAt} allowance={sla.firstContactHours} now={now} />}
            {sla.nextFollowUpDueAt && <Timer label="Next follow-up" dueAt={sla.nextFollowUpDueAt} allowance={sla.followUpHours} now={now} />}
          </>
        )}
        <Text size="xs" c="dimmed">
          Last outbound contact: {detail?.lastOutboundContactAt ? `${formatRelative(detail.lastOutboundContactAt, now)} (${formatDateTime(detail.lastOutboundContactAt)})` : 'none yet'}
        </Text>
      </Stack>
    </Paper>
  );
}
