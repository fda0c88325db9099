import { Badge, Table, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import type { BorrowerProfile } from '../../../../src-shared/contract';
import { Money } from '../../components/Money';
import { productLabel, titleCase } from '../../format/domain-labels';
import { ProfileSection } from './ProfileSection';

/** Every loan the borrower answers for, with their role and liability and who else is on it. */
export function LoansSection({ profile }: { profile: BorrowerProfile }) {
  return (
    <ProfileSection title="Loans and parties" icon={<IconUsers size={18} color="var(--mantine-color-indigo-6)" />}>
      <Table verticalSpacing={6} aria-label="Loans and parties">
        <Table.Thead>
          <Table.Tr><Table.Th>Account</Table.Th><Table.Th>Role</Table.Th><Table.Th ta="right">Balance</Table.Th><Table.Th>DPD</Table.Th><Table.Th>Other parties</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {profile.loans.map((loan) => (
            <Table.Tr key={loan.loanId}>
              <Table.Td>
                <Text size="sm" ff="monospace">{loan.accountNumber}</Text>
                <Text size="xs" c="dimmed">{productLabel(loan.productCode)} · {titleCase(loan.status)}{loan.caseId ? ' · open case' : ''}</Text>
              </Table.Td>
              <Table.Td><Badge variant="light">{titleCase(loan.role)}</Badge><Text size="xs" c="dimmed">{titleCase(loan.liability)} liability</Text></Table.Td>
              <Table.Td ta="right"><Money minor={loan.balanceMinor} currency={loan.currency} size="sm" /></Table.Td>
              <Table.Td><Text size="sm" c={loan.dpd > 0 ? 'red' : undefined} fw={600}>{loan.dpd}</Text></Table.Td>
              <Table.Td>
                {loan.otherParties.length === 0 ? <Text size="xs" c="dimmed">—</Text> : loan.otherParties.map((p) => (
                  <Text key={`${p.name}-${p.role}`} size="xs">{p.name} · {titleCase(p.role)} ({p.liability})</Text>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ProfileSection>
  );
}
