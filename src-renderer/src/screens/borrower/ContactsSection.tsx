import { ActionIcon, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconAddressBook, IconCircleCheck, IconMessageCheck, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { BorrowerProfile, EmailView, PhoneView } from '../../../../src-shared/contract';
import { useCan } from '../../app/session-context';
import { titleCase } from '../../format/domain-labels';
import { formatPhone } from '../../format/phone';
import { EmailForm } from './EmailForm';
import { PhoneForm } from './PhoneForm';
import { ProfileSection } from './ProfileSection';
import { TextConsentForm } from './TextConsentForm';
import { TextingState } from './TextingState';

function Marks({ primary, verified, active }: { primary: boolean; verified: boolean; active: boolean }) {
  return (
    <Group gap={4} wrap="nowrap">
      {primary && <Badge size="xs" variant="filled" color="indigo">Primary</Badge>}
      {verified && <Tooltip label="Verified"><IconCircleCheck size={16} color="var(--mantine-color-teal-6)" aria-label="Verified" /></Tooltip>}
      {!active && <Badge size="xs" variant="outline" color="gray">Not in use</Badge>}
    </Group>
  );
}

type Editing = { kind: 'phone'; phone: PhoneView | null } | { kind: 'email'; email: EmailView | null } | { kind: 'consent'; phone: PhoneView } | null;

/** Numbers, email addresses and postal addresses with their labels, primary and verified marks, and texting consent. */
export function ContactsSection({ caseId, profile }: { caseId: string; profile: BorrowerProfile }) {
  const canEdit = useCan('update_case');
  const [editing, setEditing] = useState<Editing>(null);
  const edit = (label: string, onClick: () => void) =>
    canEdit && <Tooltip label={label}><ActionIcon variant="subtle" aria-label={label} onClick={onClick}><IconPencil size={16} /></ActionIcon></Tooltip>;
  return (
    <ProfileSection
      title="Contacts"
      icon={<IconAddressBook size={18} color="var(--mantine-color-indigo-6)" />}
      actions={canEdit && (
        <Group gap="xs">
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing({ kind: 'phone', phone: null })}>Phone</Button>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing({ kind: 'email', email: null })}>Email</Button>
        </Group>
      )}
    >
      <Table verticalSpacing={6} aria-label="Phone numbers and email addresses">
        <Table.Tbody>
          {profile.phones.map((phone) => (
            <Table.Tr key={phone.id} data-testid={`phone-${phone.e164}`}>
              <Table.Td><Text size="sm" ff="monospace">{formatPhone(phone.e164)}</Text></Table.Td>
              <Table.Td><Text size="sm">{titleCase(phone.label)} · {titleCase(phone.type)}</Text></Table.Td>
              <Table.Td><Marks primary={phone.isPrimary} verified={phone.isVerified} active={phone.isActive} /></Table.Td>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <TextingState phone={phone} />
                  {canEdit && phone.optedOutAt && (
                    <Button size="compact-xs" variant="subtle" color="orange" leftSection={<IconMessageCheck size={12} />} onClick={() => setEditing({ kind: 'consent', phone })}>
                      Record borrower's consent
                    </Button>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td w={40}>{edit(`Edit ${formatPhone(phone.e164)}`, () => setEditing({ kind: 'phone', phone }))}</Table.Td>
            </Table.Tr>
          ))}
          {profile.emails.map((email) => (
            <Table.Tr key={email.id}>
              <Table.Td><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{email.email}</Text></Table.Td>
              <Table.Td><Text size="sm">{titleCase(email.label)} · Email</Text></Table.Td>
              <Table.Td><Marks primary={email.isPrimary} verified={email.isVerified} active={email.isActive} /></Table.Td>
              <Table.Td>{email.optedOut ? <Badge size="sm" color="red" variant="light">Opted out</Badge> : null}</Table.Td>
              <Table.Td w={40}>{edit(`Edit ${email.email}`, () => setEditing({ kind: 'email', email }))}</Table.Td>
            </Table.Tr>
          ))}
          {profile.addresses.map((address) => (
            <Table.Tr key={address.id}>
              <Table.Td colSpan={2}><Text size="sm">{address.line}</Text></Table.Td>
              <Table.Td><Text size="sm">{titleCase(address.label)} address</Text></Table.Td>
              <Table.Td colSpan={2}>{address.isPrimary && <Badge size="xs" variant="filled" color="indigo">Primary</Badge>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing?.kind === 'phone' && <PhoneForm caseId={caseId} borrowerId={profile.id} phone={editing.phone} onClose={() => setEditing(null)} />}
      {editing?.kind === 'consent' && <TextConsentForm caseId={caseId} borrowerId={profile.id} phone={editing.phone} onClose={() => setEditing(null)} />}
      {editing?.kind === 'email' && <EmailForm caseId={caseId} borrowerId={profile.id} email={editing.email} onClose={() => setEditing(null)} />}
    </ProfileSection>
  );
}
