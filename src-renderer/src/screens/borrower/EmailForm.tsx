import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { EMAIL_LABELS, type EmailView } from '../../../../src-shared/contract';
import { titleCase } from '../../format/domain-labels';
import { useBorrowerCommand } from './use-borrower-profile';

export function EmailForm({ caseId, borrowerId, email, onClose }: { caseId: string; borrowerId: string; email: EmailView | null; onClose(): void }) {
  const [address, setAddress] = useState(email?.email ?? '');
  const [label, setLabel] = useState<EmailView['label']>(email?.label ?? 'home');
  const [isPrimary, setPrimary] = useState(email?.isPrimary ?? false);
  const [isActive, setActive] = useState(email?.isActive ?? true);
  const save = useBorrowerCommand(caseId, 'borrowers.saveEmail', email ? 'Email updated' : 'Email added', onClose);
  return (
    <Modal opened onClose={onClose} title={email ? 'Edit email address' : 'Add an email address'} centered>
      <form onSubmit={(event) => { event.preventDefault(); save.mutate({ borrowerId, emailId: email?.id, email: address, label, isPrimary, isActive }); }}>
        <Stack gap="sm">
          <TextInput label="Email" type="email" value={address} onChange={(e) => setAddress(e.currentTarget.value)} required data-autofocus />
          <Select label="Label" data={EMAIL_LABELS.map((value) => ({ value, label: titleCase(value) }))} value={label} onChange={(value) => value && setLabel(value as EmailView['label'])} allowDeselect={false} />
          <Checkbox label="Primary address" checked={isPrimary} onChange={(e) => setPrimary(e.currentTarget.checked)} />
          <Checkbox label="In use" checked={isActive} onChange={(e) => setActive(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={save.isPending}>Save email</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
