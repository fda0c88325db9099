import { Badge, Group, Loader, Table, Text, Tooltip } from '@mantine/core';
import type { ApprovalDecision, DecisionState } from '../../../../src-shared/contract';
import { formatDateTime } from '../../format/time';

const STATE_LOOK: Record<DecisionState, { color: string; label: string; hint: string }> = {
  recorded: { color: 'teal', label: 'Recorded', hint: 'This desktop is its own ledger: the decision is final.' },
  pending: { color: 'orange', label: 'Pending sync', hint: 'Waiting for the relay to take the decision.' },
  confirmed: { color: 'teal', label: 'Confirmed', hint: 'The relay has taken the decision.' },
  rejected: { color: 'red', label: 'Refused by relay', hint: 'The relay refused the decision; the offer is back as the ledger has it.' },
};

/** Decisions made on this desktop, newest first, each with where it stands with the relay. */
export function DecisionsList({ decisions }: { decisions: ApprovalDecision[] }) {
  if (decisions.length === 0) return <Text size="sm" c="dimmed" py={4}>No decisions yet on this desktop.</Text>;
  return (
    <Table verticalSpacing="xs" aria-label="Recent decisions">
      <Table.Thead>
        <Table.Tr><Table.Th>Borrower</Table.Th><Table.Th>Decision</Table.Th><Table.Th>Note or reason</Table.Th><Table.Th>When</Table.Th><Table.Th>Status</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {decisions.map((d, index) => {
          const look = STATE_LOOK[d.state];
          return (
            <Table.Tr key={`${d.offerId}-${index}`} data-decision-offer={d.offerId}>
              <Table.Td><Text size="sm">{d.borrowerName ?? '—'}</Text><Text size="xs" c="dimmed">{d.accountNumber ?? d.offerId}</Text></Table.Td>
              <Table.Td><Badge variant="dot" color={d.decision === 'approved' ? 'teal' : 'red'}>{d.decision === 'approved' ? 'Approved' : 'Rejected'}</Badge></Table.Td>
              <Table.Td><Text size="sm" c={d.note ? undefined : 'dimmed'}>{d.note ?? '—'}</Text></Table.Td>
              <Table.Td><Text size="sm">{formatDateTime(d.at)}</Text><Text size="xs" c="dimmed">{d.by ?? ''}</Text></Table.Td>
              <Table.Td>
                <Tooltip label={look.hint} withArrow>
                  <Group gap={6} wrap="nowrap" data-testid="decision-state">
                    {d.state === 'pending' && <Loader size={12} color="orange" />}
                    <Badge variant="light" color={look.color}>{look.label}</Badge>
                  </Group>
                </Tooltip>
                {d.refusal && <Text size="xs" c="red" mt={4}>{d.refusal}</Text>}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
