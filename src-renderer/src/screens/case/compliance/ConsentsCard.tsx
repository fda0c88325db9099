import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import type { CaseComplianceView } from '../../../../../src-shared/contract';
import { titleCase } from '../../../format/domain-labels';
import { formatPhone } from '../../../format/phone';
import { formatDate } from '../../../format/time';

function TextingState({ phone }: { phone: CaseComplianceView['phones'][number] }) {
  if (phone.optedOutAt) return <Badge size="sm" color="red" variant="light">Opted out {formatDate(phone.optedOutAt.slice(0, 10))}</Badge>;
  if (phone.type !== 'mobile') return <Badge size="sm" color="gray" variant="light">Not a mobile</Badge>;
  return phone.smsConsent ? <Badge size="sm" color="teal" variant="light">Texts allowed</Badge> : <Badge size="sm" color="orange" variant="light">No text consent</Badge>;
}

/** Opt-outs and consents per phone and e-mail address, and the borrower's recorded consents. */
export function ConsentsCard({ view }: { view: CaseComplianceView }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group gap={6}><IconChecklist size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>Opt-outs and consents</Title></Group>
        <Table verticalSpacing={4} aria-label="Contact points and opt-outs">
          <Table.Tbody>
            {view.phones.map((phone) => (
              <Table.Tr key={phone.e164} data-testid="consent-phone" opacity={phone.active ? 1 : 0.6}>
                <Table.Td><Text size="sm">{formatPhone(phone.e164)}</Text><Text size="xs" c="dimmed">{titleCase(phone.label)}{phone.isPrimary ? ', primary' : ''}{phone.active ? '' : ', inactive'}</Text></Table.Td>
                <Table.Td style={{ textAlign: 'right' }}><TextingState phone={phone} /></Table.Td>
              </Table.Tr>
            ))}
            {view.emails.map((email) => (
              <Table.Tr key={email.email} opacity={email.active ? 1 : 0.6}>
                <Table.Td><Text size="sm">{email.email}</Text><Text size="xs" c="dimmed">{titleCase(email.label)}{email.isPrimary ? ', primary' : ''}{email.active ? '' : ', inactive'}</Text></Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{email.optedOut ? <Badge size="sm" color="red" variant="light">Opted out</Badge> : <Badge size="sm" color="teal" variant="light">E-mail allowed</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {view.phones.length === 0 && view.emails.length === 0 && <Text size="sm" c="dimmed">No phone or e-mail on file.</Text>}
        <Text size="sm" fw={600}>Consents</Text>
        {view.consents.length === 0 ? <Text size="sm" c="dimmed">None recorded.</Text> : (
          <Table verticalSpacing={4} aria-label="Consents">
            <Table.Tbody>
              {view.consents.map((consent) => (
                <Table.Tr key={`${consent.type}-${consent.grantedAt}`}>
                  <Table.Td><Text size="sm">{titleCase(consent.type)}</Text></Table.Td>
                  <Table.Td><Text size="xs" c="dimmed">Given {formatDate(consent.grantedAt.slice(0, 10))}</Text></Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {consent.revokedAt ? <Badge size="sm" color="red" variant="light">Revoked {formatDate(consent.revokedAt.slice(0, 10))}</Badge> : <Badge size="sm" color="teal" variant="light">In force</Badge>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
