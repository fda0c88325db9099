import { Button, Group, Loader, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconClockPlay, IconLink, IconSend } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { CaseSummary, ExecutionResult } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { ContactVerdict } from '../../../components/ContactVerdict';
import { verdictOf } from '../../../components/contact-verdict';
import { CHANNEL_LABELS } from '../../../format/domain-labels';
import { formatDateTime } from '../../../format/time';
import { useContactCheck, useRefreshCase } from '../case-queries';
import { useFocusRequest } from '../use-focus-request';
import { ExecutionOutcome } from '../../../components/ExecutionOutcome';

const MAX_LENGTH = 1600;
type TextChannel = 'sms' | 'whatsapp';

/**
 * Writes a text to the borrower with the gate's decision for the chosen channel shown before
 * sending: allowed sends now, "not now" queues it for when the rules allow, and a hard block
 * disables sending with the reason.
 */
export function SendBox({ summary, focusNonce }: { summary: CaseSummary; focusNonce: number }) {
  const caseId = summary.caseId;
  const timeZone = summary.borrower.timezone;
  const refresh = useRefreshCase(caseId);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  useFocusRequest(bodyRef, focusNonce);
  const [channel, setChannel] = useState<TextChannel>('sms');
  const [body, setBody] = useState('');
  const [outcome, setOutcome] = useState<ExecutionResult | null>(null);
  const check = useContactCheck(caseId, channel);
  const send = useMutation({
    mutationFn: () => call('messages.send', { caseId, channel, body: body.trim() }),
    onSuccess: (result) => {
      refresh();
      setOutcome(result.outcome === 'sent' ? null : result);
      if (result.outcome === 'sent' || result.outcome === 'deferred') setBody('');
      if (result.outcome === 'sent') notifications.show({ color: 'teal', message: `${CHANNEL_LABELS[channel]} sent` });
    },
  });
  // The borrower's self-service page (plan, dispute, preferences), as a link the relay signs for this loan.
  const link = useMutation({
    mutationFn: () => call('selfService.link', { caseId }),
    onSuccess: ({ url }) => setBody((current) => `${current.trimEnd()}${current.trim() ? ' ' : ''}${url}`),
  });
  const kind = check.data ? verdictOf(check.data) : null;
  const blocked = kind === 'blocked';
  const canSend = body.trim().length > 0 && kind !== null && !blocked && !send.isPending;
  const submit = () => canSend && send.mutate();

  return (
    <Stack component="form" gap="sm" aria-label="Send a message" onSubmit={(event) => { event.preventDefault(); submit(); }}>
      <Group justify="space-between">
        <SegmentedControl aria-label="Channel" value={channel} onChange={(value) => setChannel(value as TextChannel)} data={[{ value: 'sms', label: 'SMS' }, { value: 'whatsapp', label: 'WhatsApp' }]} />
        <Text size="xs" c="dimmed">Ctrl+Enter sends</Text>
      </Group>
      {check.isPending && <Group gap="xs"><Loader size="xs" /><Text size="sm" c="dimmed">Asking the compliance gate…</Text></Group>}
      {check.error && <Text size="sm" c="red">The compliance gate could not be asked: {check.error.message}</Text>}
      {check.data && <ContactVerdict decision={check.data} subject={`Texting by ${CHANNEL_LABELS[channel]}`} timeZone={timeZone} />}
      <Textarea
        ref={bodyRef}
        aria-label="Message"
        placeholder={blocked ? 'Sending is blocked for this borrower' : `Write a ${CHANNEL_LABELS[channel]} to ${summary.borrowerName}…`}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        onKeyDown={(event) => { if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); submit(); } }}
        disabled={blocked}
        autosize
        minRows={3}
        maxRows={8}
        maxLength={MAX_LENGTH}
      />
      <Group justify="space-between">
        <Group gap="sm">
          <Text size="xs" c={body.length > MAX_LENGTH - 100 ? 'orange' : 'dimmed'}>{body.length} / {MAX_LENGTH}</Text>
          <Button size="compact-xs" variant="subtle" leftSection={<IconLink size={14} />} disabled={blocked} loading={link.isPending} onClick={() => link.mutate()}>Add self-service link</Button>
        </Group>
        {kind === 'later' ? (
          <Button type="submit" color="orange" leftSection={<IconClockPlay size={16} />} disabled={!canSend} loading={send.isPending}>
            Send at {formatDateTime(check.data!.nextAllowedAt!, timeZone)}
          </Button>
        ) : (
          <Button type="submit" leftSection={<IconSend size={16} />} disabled={!canSend} loading={send.isPending}>Send {CHANNEL_LABELS[channel]}</Button>
        )}
      </Group>
      {send.error && <Text size="sm" c="red">Not sent: {send.error.message}</Text>}
      {link.error && <Text size="sm" c="red">No link: {link.error.message}</Text>}
      {outcome && <ExecutionOutcome result={outcome} timeZone={timeZone} onClose={() => setOutcome(null)} />}
    </Stack>
  );
}
