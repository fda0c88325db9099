import { Alert, Button, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { CaseSummary } from '../../../../../src-shared/contract';
import { DEFAULT_GRACE_DAYS } from '../../../../../src-shared/domain/promise-evaluation';
import { formatMinor, parseDecimalToMinor } from '../../../../../src-shared/money';
import { call } from '../../../api/client';
import { formatDate, todayUtc } from '../../../format/time';
import { useRefreshCase } from '../case-queries';
import { useFocusRequest } from '../use-focus-request';

/** Records a promise to pay without a call (a payment arrangement by letter or in person). */
export function NewPromiseForm({ summary, focusNonce }: { summary: CaseSummary; focusNonce: number }) {
  const refresh = useRefreshCase(summary.caseId);
  const amountRef = useRef<HTMLInputElement>(null);
  useFocusRequest(amountRef, focusNonce);
  const [amount, setAmount] = useState<string | number>('');
  const [dueOn, setDueOn] = useState('');
  const [graceDays, setGraceDays] = useState<string | number>(DEFAULT_GRACE_DAYS);
  const amountMinor = parseDecimalToMinor(String(amount));
  const create = useMutation({
    mutationFn: () => call('promises.create', { caseId: summary.caseId, amountMinor: amountMinor!, dueOn, graceDays: Number(graceDays) }),
    onSuccess: (promise) => {
      refresh();
      notifications.show({ color: 'teal', title: 'Promise recorded', message: `${formatMinor(promise.amountMinor, promise.currency)} due ${formatDate(promise.dueOn)}` });
      setAmount('');
      setDueOn('');
      setGraceDays(DEFAULT_GRACE_DAYS);
    },
  });
  const ready = amountMinor !== null && amountMinor > 0 && dueOn >= todayUtc() && graceDays !== '';
  return (
    <Paper withBorder p="md" component="form" aria-label="New promise" onSubmit={(event) => { event.preventDefault(); if (ready) create.mutate(); }}>
      <Stack gap="sm">
        <Group justify="space-between"><Title order={5}>New promise to pay</Title><Text size="xs" c="dimmed">Shortcut: P</Text></Group>
        <NumberInput ref={amountRef} label="Amount" leftSection={<Text size="xs" c="dimmed">{summary.currency}</Text>} leftSectionWidth={44} value={amount} onChange={setAmount}
          min={0} decimalScale={2} thousandSeparator="," required description={`Past due: ${formatMinor(summary.amountPastDueMinor, summary.currency)}`} />
        <TextInput type="date" label="Due on" value={dueOn} min={todayUtc()} onChange={(e) => setDueOn(e.currentTarget.value)} required />
        <NumberInput label="Grace days" value={graceDays} onChange={setGraceDays} min={0} max={30} allowDecimal={false} description="Payments this many days after the due date still count" />
        {create.error && <Alert color="red" title="Not recorded">{create.error.message}</Alert>}
        <Group justify="flex-end"><Button type="submit" disabled={!ready} loading={create.isPending}>Record promise</Button></Group>
      </Stack>
    </Paper>
  );
}
