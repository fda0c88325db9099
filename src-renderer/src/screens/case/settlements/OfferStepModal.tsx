import { Alert, Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { todayUtc } from '../../../format/time';

/** What a step asks for before it goes: nothing, an optional note, a required reason, or an optional expiry date. */
export type StepInput = 'none' | 'note' | 'reason' | 'expiry';

export interface OfferStep {
  title: string;
  /** What the step does and what cannot be undone. */
  explanation: string;
  input: StepInput;
  confirmLabel: string;
  color: string;
}

const MIN_REASON = 3;

/**
 * The confirmation every consequential step of an offer passes through (approve, reject, offer,
 * accept, decline): it says what happens, takes the step's note, reason or expiry, and shows
 * main's refusal in its own words without closing.
 */
export function OfferStepModal({ step, pending, error, onConfirm, onClose }: {
  step: OfferStep | null;
  pending: boolean;
  error: Error | null;
  onConfirm(text: string): void;
  onClose(): void;
}) {
  const [text, setText] = useState('');
  const close = () => {
    setText('');
    onClose();
  };
  const ready = step?.input !== 'reason' || text.trim().length >= MIN_REASON;
  return (
    <Modal opened={step !== null} onClose={close} title={<Text fw={700}>{step?.title}</Text>}>
      {step && (
        <Stack gap="sm" component="form" onSubmit={(event) => { event.preventDefault(); if (ready) onConfirm(text.trim()); }}>
          <Text size="sm">{step.explanation}</Text>
          {step.input === 'note' && <Textarea label="Note (optional)" value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} maxLength={1000} data-autofocus />}
          {step.input === 'reason' && (
            <Textarea label="Reason" description="Kept in the offer's history and the audit trail" value={text} onChange={(e) => setText(e.currentTarget.value)} required autosize minRows={2} maxLength={1000} data-autofocus />
          )}
          {step.input === 'expiry' && <TextInput type="date" label="Offer good until (optional)" min={todayUtc()} value={text} onChange={(e) => setText(e.currentTarget.value)} data-autofocus />}
          {error && <Alert color="red" title="Refused">{error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>Go back</Button>
            <Button type="submit" color={step.color} disabled={!ready} loading={pending}>{step.confirmLabel}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
