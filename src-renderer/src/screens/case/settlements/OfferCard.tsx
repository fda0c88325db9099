import { Badge, Divider, Group, Paper, SimpleGrid, Stack, Table, Text, Timeline } from '@mantine/core';
import type { SettlementOfferView } from '../../../../../src-shared/contract';
import { planPayments } from '../../../../../src-shared/domain/settlement';
import { formatMinor } from '../../../../../src-shared/money';
import { Field } from '../../../components/Field';
import { PROMISE_STATUS_COLORS, PROMISE_STATUS_LABELS } from '../../../format/domain-labels';
import { formatDate, formatDateTime } from '../../../format/time';
import { OfferActions } from './OfferActions';
import { SETTLEMENT_STATUS_COLORS, SETTLEMENT_STATUS_LABELS, termsLabel } from './settlement-labels';

function OfferHistory({ offer }: { offer: SettlementOfferView }) {
  return (
    <Timeline bulletSize={12} lineWidth={2} active={offer.history.length - 1} aria-label="Offer history">
      {offer.history.map((entry, index) => (
        <Timeline.Item key={`${entry.at}-${index}`} title={<Text size="sm" fw={600}>{SETTLEMENT_STATUS_LABELS[entry.status]}</Text>} data-testid="offer-history-entry">
          <Text size="xs" c="dimmed">{formatDateTime(entry.at)} · {entry.byName ?? (entry.by === 'engine' ? 'Daily run' : 'Another user')}</Text>
          {entry.note && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>“{entry.note}”</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function OfferPromises({ offer }: { offer: SettlementOfferView }) {
  return (
    <Table verticalSpacing={4} aria-label="Promises from this offer">
      <Table.Thead><Table.Tr><Table.Th>Due</Table.Th><Table.Th style={{ textAlign: 'right' }}>Amount</Table.Th><Table.Th>Status</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {offer.promises.map((promise) => (
          <Table.Tr key={promise.id}>
            <Table.Td>{formatDate(promise.dueOn)}</Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>{formatMinor(promise.amountMinor, offer.currency)}</Table.Td>
            <Table.Td><Badge size="sm" variant="light" color={PROMISE_STATUS_COLORS[promise.status]}>{PROMISE_STATUS_LABELS[promise.status]}</Badge></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One settlement offer: its terms, status, the steps the user may take, its history and, once accepted, its promises. */
export function OfferCard({ offer, active, highlighted }: { offer: SettlementOfferView; active: boolean; highlighted: boolean }) {
  const payments = planPayments(offer.amountMinor, offer.installments);
  return (
    <Paper withBorder p="md" data-testid="settlement-offer" data-offer-id={offer.id} data-status={offer.status}
      style={highlighted ? { borderColor: 'var(--mantine-color-indigo-5)' } : undefined} aria-label={`${termsLabel(offer)} offer, ${SETTLEMENT_STATUS_LABELS[offer.status]}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700}>{termsLabel(offer)}</Text>
          <Group gap={6}>
            {offer.requiresApproval && <Badge size="sm" variant="outline" color="orange">Needs approval</Badge>}
            <Badge variant="light" color={SETTLEMENT_STATUS_COLORS[offer.status]} data-testid="offer-status">{SETTLEMENT_STATUS_LABELS[offer.status]}</Badge>
          </Group>
        </Group>
        <SimpleGrid cols={4} spacing="sm">
          <Field label="Borrower pays">{formatMinor(offer.amountMinor, offer.currency)}</Field>
          <Field label="On a balance of">{formatMinor(offer.balanceMinor, offer.currency)}</Field>
          <Field label="Payments">{offer.installments === 1 ? 'One' : `${offer.installments} × ${formatMinor(payments[payments.length - 1]!, offer.currency)}`}</Field>
          <Field label="Good until">{offer.expiresOn ? formatDate(offer.expiresOn) : '—'}</Field>
        </SimpleGrid>
        <OfferActions offer={offer} active={active} />
        <Divider label="History" labelPosition="left" />
        <OfferHistory offer={offer} />
        {offer.promises.length > 0 && (
          <>
            <Divider label="Promises it became" labelPosition="left" />
            <OfferPromises offer={offer} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
