import { Alert, Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { PHONE_LABELS, type PhoneView } from '../../../../src-shared/contract';
import { ApiError } from '../../api/client';
import { PHONE_TYPES } from '../../../../src-shared/domain/vocabulary';
import { titleCase } from '../../format/domain-labels';
import { formatPhone } from '../../format/phone';
import { formatDateTime } from '../../format/time';
import { useBorrowerCommand } from './use-borrower-profile';

/**
 * Adds a number, or edits one. A number the borrower opted out of texting stays opted out whatever
 * is saved here: the row that took the STOP cannot be given consent, and a row that holds the
 * number again is saved but texting stays blocked, which the agent is told.
 */
export function PhoneForm({ caseId, borrowerId, phone, onClose }: { caseId: string; borrowerId: string; phone: PhoneView | null; onClose(): void }) {
  const [number, setNumber] = useState(phone ? formatPhone(phone.e164) : '');
  const [label, setLabel] = useState<PhoneView['label']>(phone?.label ?? 'mobile');
  const [type, setType] = useState<PhoneView['type']>(phone?.type ?? 'mobile');
  const [isPrimary, setPrimary] = useState(phone?.isPrimary ?? false);
  const [isActive, setActive] = useState(phone?.isActive ?? true);
  const [smsConsent, setConsent] = useState(phone?.smsConsent ?? false);
  const save = useBorrowerCommand(caseId, 'borrowers.savePhone', phone ? 'Number updated' : 'Number added', (saved) => {
    // Said when the agent asked for texting on a number whose opt-out stands, which saving does not lift.
    if (saved.textingBlockedSince && smsConsent) {
      notifications.show({
        color: 'orange', title: 'Texting stays blocked on this number', autoClose: 12_000,
        message: `The borrower opted out of texts on it (${formatDateTime(saved.textingBlockedSince)}). Only their START reply, or their consent recorded with its source, restores texting.`,
      });
    }
    onClose();
  });
  const optedOut = phone?.optedOutAt != null;
  return (
    <Modal opened onClose={onClose} title={phone ? 'Edit phone number' : 'Add a phone number'} centered>
      <form onSubmit={(event) => { event.preventDefault(); save.mutate({ borrowerId, phoneId: phone?.id, number, label, type, isPrimary, isActive, smsConsent }); }}>
        <Stack gap="sm">
          <TextInput label="Number" description="Local numbers are read in the borrower's country" value={number} onChange={(e) => setNumber(e.currentTarget.value)} required data-autofocus
            error={save.error instanceof ApiError && save.error.data.field === 'number' ? save.error.message : undefined} />
          <Group grow>
            <Select label="Label" data={PHONE_LABELS.map((value) => ({ value, label: titleCase(value) }))} value={label} onChange={(value) => value && setLabel(value as PhoneView['label'])} allowDeselect={false} />
            <Select label="Line type" data={PHONE_TYPES.map((value) => ({ value, label: titleCase(value) }))} value={type} onChange={(value) => value && setType(value as PhoneView['type'])} allowDeselect={false} />
          </Group>
          <Checkbox label="Primary number" checked={isPrimary} onChange={(e) => setPrimary(e.currentTarget.checked)} />
          <Checkbox label="In use" checked={isActive} onChange={(e) => setActive(e.currentTarget.checked)} />
          <Checkbox label="Consents to SMS and WhatsApp" checked={smsConsent} disabled={optedOut && !phone?.smsConsent} onChange={(e) => setConsent(e.currentTarget.checked)} />
          {optedOut && <Alert color="orange" variant="light">The borrower opted out of texts on this number. Texting comes back only when they reply START, or with their consent recorded with its source (Record borrower's consent, beside the number).</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={save.isPending}>Save number</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
