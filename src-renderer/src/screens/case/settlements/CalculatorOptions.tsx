import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconCalculator } from '@tabler/icons-react';
import type { SettlementOfferView } from '../../../../../src-shared/contract';
import { planPayments, type SettlementOption } from '../../../../../src-shared/domain/settlement';
import { formatMinor } from '../../../../../src-shared/money';
import { call } from '../../../api/client';
import { useCan } from '../../../app/session-context';
import { LoadError, Loading } from '../../../components/QueryStatus';
import { useRefreshCase } from '../case-queries';
import { termsLabel } from './settlement-labels';

function paymentsText(option: SettlementOption, currency: string): string {
  if (option.installments === 1) return 'One payment';
  const payments = planPayments(option.amountMinor, option.installments);
  const first = payments[0]!;
  const rest = payments[payments.length - 1]!;
  return first === rest ? `${option.installments} × ${formatMinor(rest, currency)} monthly` : `${option.installments} monthly: ${formatMinor(first, currency)} first, then ${formatMinor(rest, currency)}`;
}

/** The settlement calculator's options on today's balance and DPD (seed 003), each one click from a draft offer. */
export function CalculatorOptions({ caseId, active, onDrafted }: { caseId: string; active: boolean; onDrafted(offer: SettlementOfferView): void }) {
  const refresh = useRefreshCase(caseId);
  const canDraft = useCan('update_case') && active;
  const options = useQuery({ queryKey: ['settlements.options', caseId], queryFn: () => call('settlements.options', { caseId }) });
  const draft = useMutation({
    mutationFn: (option: SettlementOption['type']) => call('settlements.create', { caseId, option }),
    onSuccess: (offer) => {
      refresh();
      notifications.show({ color: 'teal', title: 'Offer drafted', message: `${termsLabel(offer)}: ${formatMinor(offer.amountMinor, offer.currency)}` });
      onDrafted(offer);
    },
  });
  const data = options.data;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group gap={6}><IconCalculator size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>Settlement calculator</Title></Group>
        {options.isPending && <Loading what="the settlement options" />}
        {options.error && <LoadError what="The settlement options" error={options.error} onRetry={() => void options.refetch()} />}
        {data && (
          <>
            <Text size="sm" c="dimmed">
              Balance <b>{formatMinor(data.balanceMinor, data.currency)}</b> at {data.dpd} days past due: up to {data.maxDiscountPct}% off. Above 10% off, or a 12-month plan over {formatMinor(data.longPlanThresholdMinor, data.currency)}, a supervisor approves.
            </Text>
            <Table verticalSpacing={6} aria-label="Settlement options">
              <Table.Thead>
                <Table.Tr><Table.Th>Option</Table.Th><Table.Th style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>Borrower pays</Table.Th><Table.Th /></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.options.map((option) => (
                  <Table.Tr key={option.type} data-testid="settlement-option" data-type={option.type} data-discount={option.discountPct}>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm" fw={600}>{termsLabel(option)}</Text>
                        {option.requiresApproval && <Badge size="xs" variant="light" color="orange">Needs approval</Badge>}
                      </Group>
                      <Text size="xs" c="dimmed">{paymentsText(option, data.currency)}</Text>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}><Text size="sm" fw={600}>{formatMinor(option.amountMinor, data.currency)}</Text></Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                      {canDraft && (
                        <Button size="compact-xs" variant="light" loading={draft.isPending && draft.variables === option.type} disabled={draft.isPending}
                          onClick={() => draft.mutate(option.type)} aria-label={`Draft an offer: ${termsLabel(option)}`}>Draft offer</Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {!active && <Text size="xs" c="dimmed">The case is closed: no new offers.</Text>}
          </>
        )}
        {draft.error && <Alert color="red" title="Not drafted">{draft.error.message}</Alert>}
      </Stack>
    </Paper>
  );
}
