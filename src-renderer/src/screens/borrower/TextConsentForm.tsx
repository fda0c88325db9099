import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { PhoneView } from '../../../../src-shared/contract';
import { TEXT_CONSENT_METHODS, type TextConsentMethod } from '../../../../src-shared/domain/text-opt-outs';
import { ApiError } from '../../api/client';
import { formatPhone } from '../../format/phone';
import { formatDateTime, todayUtc } from '../../format/time';
import { useBorrowerCommand } from './use-borrower-profile';
import { CONSENT_METHOD_LABELS, OPT_OUT_VIA_LABELS } from './texting-labels';

/**
 * Records the borrower's consent to texts on a number they opted out of, with what shows they gave
 * it: how, its reference and the day. Without all three nothing is restored; the record is audited.
 */
export function TextConsentForm({ caseId, borrowerId, phone, onClose }: { caseId: string; borrowerId: string; phone: PhoneView; onClose(): void }) {
  const [method, setMethod] = useState<TextConsentMethod | null>(null);
  const [reference, setReference] = useState('');
  const [givenOn, setGivenOn] = useState(todayUtc());
  const save = useBorrowerCommand(caseId, 'contacts.recordTextConsent', 'Consent recorded: texting restored on this number', onClose);
  const fieldError = (field: string) => (save.error instanceof ApiError && save.error.data.field === field ? save.error.message : undefined);
  const via = OPT_OUT_VIA_LABELS[phone.optedOutVia ?? 'reply'];
  return (
    <Modal opened onClose={onClose} title="Record borrower's consent" centered>
      <form onSubmit={(event) => { event.preventDefault(); if (method) save.mutate({ borrowerId, e164: phone.e164, method, reference, givenOn }); }}>
        <Stack gap="sm">
          <Alert color="orange" variant="light">
            The borrower opted out of texts on {formatPhone(phone.e164)} ({via}, {formatDateTime(phone.optedOutAt!)}). Editing or adding the number does not change that: texting comes back only
            when they reply START from it, or with their consent recorded here with what shows they gave it.
          </Alert>
          <Select label="How the borrower gave consent" placeholder="Choose" data={TEXT_CONSENT_METHODS.map((value) => ({ value, label: CONSENT_METHOD_LABELS[value] }))}
            value={method} onChange={(value) => setMethod(value as TextConsentMethod | null)} allowDeselect={false} required error={fieldError('method')} data-autofocus />
          <TextInput label="Reference" description="The form's number or the call recording's id, so anyone can find the evidence" value={reference}
            onChange={(e) => setReference(e.currentTarget.value)} required error={fieldError('reference')} />
          <TextInput type="date" label="Given on" value={givenOn} max={todayUtc()} onChange={(e) => setGivenOn(e.currentTarget.value)} required error={fieldError('givenOn')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" disabled={!method || reference.trim().length < 3} loading={save.isPending}>Record consent</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
