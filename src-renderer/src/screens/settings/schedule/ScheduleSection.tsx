import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CASE_SYNC_MINUTES, DAILY_JOBS, type DailyJob, type ScheduleView } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { LoadError, Loading } from '../../../components/QueryStatus';
import { SaveProblem } from '../SaveProblem';
import { SectionHeader } from '../SectionHeader';
import { useSettingsSave } from '../use-settings-save';

const JOB_LABELS: Record<DailyJob, { label: string; does: string }> = {
  delinquency: { label: 'Delinquency run', does: 'Days past due, buckets, cases, SLA timers, queues' },
  dunning: { label: 'Dunning', does: 'Sends the day’s planned dunning steps and reminders' },
  promiseCheck: { label: 'Promise check', does: 'Marks promises kept or broken' },
  snapshot: { label: 'Dashboard snapshot', does: 'Records the day’s portfolio for trends' },
};

/** When this desktop's scheduler runs its daily jobs; a saved change moves the running timers at once. */
export function ScheduleSection({ editable }: { editable: boolean }) {
  const schedule = useQuery({ queryKey: ['settings.schedule'], queryFn: () => call('settings.schedule', {}) });
  if (schedule.isPending) return <Loading what="the schedule" />;
  if (schedule.isError) return <LoadError what="The schedule" error={schedule.error} onRetry={() => void schedule.refetch()} />;
  return <ScheduleForm key={JSON.stringify(schedule.data.patterns) + schedule.data.timeZone} view={schedule.data} editable={editable} />;
}

function ScheduleForm({ view, editable }: { view: ScheduleView; editable: boolean }) {
  const [times, setTimes] = useState<Record<DailyJob, string>>(() => Object.fromEntries(DAILY_JOBS.map((job) => [job, view.times[job] ?? ''])) as Record<DailyJob, string>);
  const [caseSync, setCaseSync] = useState(String(view.caseSyncMinutes ?? 15));
  const [timeZone, setTimeZone] = useState(view.timeZone);
  const save = useSettingsSave({
    save: () => call('settings.saveSchedule', { ...times, caseSyncMinutes: Number(caseSync), timeZone }),
    done: 'Schedule saved: the scheduler follows the new times now',
    reload: [['settings.schedule']],
  });
  return (
    <Stack gap="md">
      <SectionHeader title="Scheduler">
        The daily jobs of this desktop, in its business time zone. A desktop connected to a relay leaves the daily run to the relay’s engine host, which keeps its own times.
      </SectionHeader>
      <Table verticalSpacing="xs" maw={860}>
        <Table.Thead><Table.Tr><Table.Th>Job</Table.Th><Table.Th w={140}>Local time</Table.Th><Table.Th>Next run</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {DAILY_JOBS.map((job) => (
            <Table.Tr key={job}>
              <Table.Td><Text size="sm" fw={600}>{JOB_LABELS[job].label}</Text><Text size="xs" c="dimmed">{JOB_LABELS[job].does}</Text></Table.Td>
              <Table.Td>
                <TextInput type="time" aria-label={`${JOB_LABELS[job].label} time`} value={times[job]} disabled={!editable} placeholder={view.patterns[job]}
                  onChange={(event) => setTimes((current) => ({ ...current, [job]: event.currentTarget.value }))} error={save.fieldError(job)} />
              </Table.Td>
              <Table.Td><Text size="sm">{view.nextRuns[job] ? new Date(view.nextRuns[job]!).toLocaleString() : '—'}</Text></Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td><Text size="sm" fw={600}>Case sync</Text><Text size="xs" c="dimmed">Picks up changes and sends deferred contacts now allowed</Text></Table.Td>
            <Table.Td>
              <Select aria-label="Case sync interval" data={CASE_SYNC_MINUTES.map((minutes) => ({ value: String(minutes), label: `Every ${minutes} min` }))} value={caseSync}
                onChange={(value) => value && setCaseSync(value)} disabled={!editable} allowDeselect={false} error={save.fieldError('caseSyncMinutes')} />
            </Table.Td>
            <Table.Td><Text size="sm">{view.nextRuns.caseSync ? new Date(view.nextRuns.caseSync).toLocaleString() : '—'}</Text></Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <TextInput label="Business time zone" description="IANA name, such as America/Port_of_Spain" value={timeZone} onChange={(event) => setTimeZone(event.currentTarget.value)} disabled={!editable} maw={320} error={save.fieldError('timeZone')} />
      <SaveProblem problem={save.problem} inline={[...DAILY_JOBS, 'caseSyncMinutes', 'timeZone']} />
      {editable && <Group><Button onClick={() => save.mutate(undefined)} loading={save.isPending}>Save schedule</Button></Group>}
    </Stack>
  );
}
