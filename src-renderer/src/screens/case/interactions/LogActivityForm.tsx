import { Alert, Button, Group, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { CaseSummary, ContactCheck, LogActivity } from '../../../../../src-shared/contract';
import type { ContactDirection } from '../../../../../src-shared/domain/contact-outcome';
import { DEFAULT_GRACE_DAYS } from '../../../../../src-shared/domain/promise-evaluation';
import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES, type ActivityOutcome, type ActivityType } from '../../../../../src-shared/domain/vocabulary';
import { formatMinor, parseDecimalToMinor } from '../../../../../src-shared/money';
import { call } from '../../../api/client';
import { ACTIVITY_TYPE_LABELS, OUTCOME_LABELS } from '../../../format/domain-labels';
import { formatDate, todayUtc } from '../../../format/time';
import { useRefreshCase } from '../case-queries';
import { useFocusRequest } from '../use-focus-request';
import { CallClearance } from './CallClearance';

interface Draft {
  type: ActivityType;
  direction: ContactDirection;
  contactMethod: string;
  outcome: ActivityOutcome | null;
  amount: string | number;
  dueOn: string;
  notes: string;
  nextActionOn: string;
}

const EMPTY: Draft = { type: 'CALL', direction: 'outbound', contactMethod: '', outcome: null, amount: '', dueOn: '', notes: '', nextActionOn: '' };

function toInput(caseId: string, d: Draft): LogActivity {
  const amountMinor = parseDecimalToMinor(String(d.amount));
  return {
    caseId,
    type: d.type,
    direction: d.direction,
    ...(d.contactMethod.trim() ? { contactMethod: d.contactMethod.trim() } : {}),
    ...(d.outcome ? { outcome: d.outcome } : {}),
    ...(d.notes.trim() ? { notes: d.notes.trim() } : {}),
    ...(d.nextActionOn ? { nextActionOn: d.nextActionOn } : {}),
    ...(d.outcome === 'PTP' && amountMinor !== null ? { promise: { amountMinor, dueOn: d.dueOn } } : {}),
  };
}

/** Seed 004's "Log activity": type, direction, outcome, notes, next action; a PTP outcome records its promise too. */
export function LogActivityForm({ summary, focusNonce }: { summary: CaseSummary; focusNonce: number }) {
  const caseId = summary.caseId;
  const refresh = useRefreshCase(caseId);
  const typeRef = useRef<HTMLInputElement>(null);
  useFocusRequest(typeRef, focusNonce);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [clearance, setClearance] = useState<ContactCheck | null>(null);
  const set = (patch: Partial<Draft>) => {
    // A clearance is for the outbound call it was asked for; changing what is logged asks again.
    if (patch.type !== undefined || patch.direction !== undefined) setClearance(null);
    setDraft((current) => ({ ...current, ...patch }));
  };
  const log = useMutation({
    mutationFn: (input: LogActivity) => call('activities.log', input),
    onSuccess: (logged, input) => {
      refresh();
      const promise = input.promise ? ` and a promise of ${formatMinor(input.promise.amountMinor, summary.currency)} due ${formatDate(input.promise.dueOn)}` : '';
      notifications.show({ color: 'teal', title: 'Activity logged', message: `${ACTIVITY_TYPE_LABELS[logged.type]}${promise} recorded.` });
      setDraft(EMPTY);
      setClearance(null);
    },
  });

  const needsClearance = draft.type === 'CALL' && draft.direction === 'outbound';
  const isPtp = draft.outcome === 'PTP';
  const amountMinor = parseDecimalToMinor(String(draft.amount));
  const promiseReady = !isPtp || (amountMinor !== null && amountMinor > 0 && draft.dueOn >= todayUtc());
  const cleared = !needsClearance || clearance?.allowed === true;
  const blockedReason = needsClearance && !cleared ? (clearance ? 'The gate refused this call: it cannot be logged as placed.' : 'Check before dialling to log an outbound call.') : null;

  return (
    <Paper withBorder p="md" component="form" aria-label="Log activity" onSubmit={(event) => { event.preventDefault(); if (cleared && promiseReady) log.mutate(toInput(caseId, draft)); }}>
      <Stack gap="sm">
        <Group justify="space-between"><Title order={5}>Log activity</Title><Text size="xs" c="dimmed">Shortcut: L</Text></Group>
        <SimpleGrid cols={2} spacing="sm">
          <Select ref={typeRef} label="Activity type" data={ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] }))} value={draft.type} onChange={(value) => value && set({ type: value as ActivityType })} allowDeselect={false} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="activity-direction">Direction</Text>
            <SegmentedControl aria-labelledby="activity-direction" fullWidth value={draft.direction} onChange={(value) => set({ direction: value as ContactDirection })} data={[{ value: 'outbound', label: 'Outbound' }, { value: 'inbound', label: 'Inbound' }]} />
          </Stack>
          <TextInput label="Contact method" placeholder="Mobile, office phone…" value={draft.contactMethod} onChange={(e) => set({ contactMethod: e.currentTarget.value })} maxLength={100} />
          <Select label="Outcome" placeholder="None yet" data={ACTIVITY_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))} value={draft.outcome} onChange={(value) => set({ outcome: value as ActivityOutcome | null })} clearable />
        </SimpleGrid>
        {needsClearance && <CallClearance caseId={caseId} phone={summary.borrower.primaryPhone} timeZone={summary.borrower.timezone} clearance={clearance} onClearance={setClearance} onLogNote={() => set({ type: 'NOTE' })} />}
        {isPtp && (
          <Paper withBorder p="sm" bg="var(--mantine-color-teal-light)">
            <Text size="sm" fw={600} mb="xs">The promise</Text>
            <SimpleGrid cols={2} spacing="sm">
              <NumberInput label="Promised amount" leftSection={<Text size="xs" c="dimmed">{summary.currency}</Text>} leftSectionWidth={44} value={draft.amount} onChange={(value) => set({ amount: value })}
                min={0} decimalScale={2} thousandSeparator="," required description={`Past due: ${formatMinor(summary.amountPastDueMinor, summary.currency)}`} />
              <TextInput type="date" label="Promised by" value={draft.dueOn} min={todayUtc()} onChange={(e) => set({ dueOn: e.currentTarget.value })} required description={`Grace: ${DEFAULT_GRACE_DAYS} days`} />
            </SimpleGrid>
          </Paper>
        )}
        <Textarea label="Notes" placeholder="What was said, what was agreed" value={draft.notes} onChange={(e) => set({ notes: e.currentTarget.value })} autosize minRows={3} maxRows={8} maxLength={4000} />
        <TextInput type="date" label="Next action date" value={draft.nextActionOn} min={todayUtc()} onChange={(e) => set({ nextActionOn: e.currentTarget.value })} description="Becomes a follow-up task in the due-today list" />
        {log.error && <Alert color="red" title="Not logged">{log.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => { setDraft(EMPTY); setClearance(null); log.reset(); }}>Clear</Button>
          <Button type="submit" loading={log.isPending} disabled={!cleared || !promiseReady} title={blockedReason ?? undefined}>
            {draft.type === 'CALL' ? 'Log call' : 'Log activity'}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
