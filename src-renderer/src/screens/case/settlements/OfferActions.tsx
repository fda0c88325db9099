import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconCheck, IconSend, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { SettlementOfferView } from '../../../../../src-shared/contract';
import { formatMinor } from '../../../../../src-shared/money';
import { call } from '../../../api/client';
import { useCan } from '../../../app/session-context';
import { useRefreshCase } from '../case-queries';
import { OfferStepModal, type OfferStep } from './OfferStepModal';
import { SETTLEMENT_STATUS_LABELS } from './settlement-labels';

type Action = 'submit' | 'approve' | 'reject' | 'offer' | 'accept' | 'decline';

function stepOf(action: Exclude<Action, 'submit'>, offer: SettlementOfferView): OfferStep {
  const amount = formatMinor(offer.amountMinor, offer.currency);
  switch (action) {
    case 'approve':
      return { title: 'Approve this offer?', explanation: `The agent may then offer ${amount} to the borrower.`, input: 'note', confirmLabel: 'Approve', color: 'teal' };
    case 'reject':
      return { title: 'Reject this offer?', explanation: 'A rejected offer is final: the agent drafts a new one if terms change.', input: 'reason', confirmLabel: 'Reject offer', color: 'red' };
    case 'offer':
      return { title: 'Make this offer to the borrower?', explanation: `The borrower is offered ${amount}. Without a date the offer stands until accepted or declined.`, input: 'expiry', confirmLabel: 'Mark as offered', color: 'blue' };
    case 'accept':
      return {
        title: 'The borrower accepted?',
        explanation: offer.installments === 1 ? `A promise to pay ${amount} is recorded, due on the offer's date or in 7 days.` : `${offer.installments} monthly promises totalling ${amount} are recorded, the first in 30 days.`,
        input: 'none', confirmLabel: 'Record acceptance', color: 'green',
      };
    case 'decline':
      return { title: 'The borrower declined?', explanation: 'A declined offer is final and cannot be accepted later.', input: 'note', confirmLabel: 'Record decline', color: 'red' };
  }
}

function send(action: Action, offerId: string, text: string) {
  switch (action) {
    case 'submit': return call('settlements.submit', { offerId });
    case 'approve': return call('settlements.approve', { offerId, ...(text ? { note: text } : {}) });
    case 'reject': return call('settlements.reject', { offerId, reason: text });
    case 'offer': return call('settlements.offer', { offerId, ...(text ? { expiresOn: text } : {}) });
    case 'accept': return call('settlements.accept', { offerId });
    case 'decline': return call('settlements.decline', { offerId, ...(text ? { reason: text } : {}) });
  }
}

/**
 * The next steps an offer allows, only those the signed-in role may take: an agent never sees
 * Approve or Reject (main refuses them too). Steps that decide something go through a confirmation.
 */
export function OfferActions({ offer, active }: { offer: SettlementOfferView; active: boolean }) {
  const refresh = useRefreshCase(offer.caseId);
  const canWork = useCan('update_case');
  const canApprove = useCan('approve_settlement');
  const [confirming, setConfirming] = useState<Exclude<Action, 'submit'> | null>(null);
  const step = useMutation({
    mutationFn: ({ action, text }: { action: Action; text: string }) => send(action, offer.id, text),
    onSuccess: (moved) => {
      refresh();
      setConfirming(null);
      notifications.show({ color: 'teal', message: `Offer ${SETTLEMENT_STATUS_LABELS[moved.status].toLowerCase()}` });
    },
  });
  const open = (action: Exclude<Action, 'submit'>) => {
    step.reset();
    setConfirming(action);
  };
  const buttons: ReactNode[] = [];
  if (canWork && active && offer.status === 'draft') {
    buttons.push(<Button key="submit" size="xs" variant="light" leftSection={<IconSend size={14} />} loading={step.isPending && step.variables?.action === 'submit'} onClick={() => step.mutate({ action: 'submit', text: '' })}>Submit for approval</Button>);
    if (!offer.requiresApproval) buttons.push(<Button key="offer" size="xs" variant="light" color="blue" onClick={() => open('offer')}>Offer to borrower…</Button>);
  }
  if (canApprove && offer.status === 'pending_approval') {
    if (active) buttons.push(<Button key="approve" size="xs" color="teal" leftSection={<IconCheck size={14} />} onClick={() => open('approve')}>Approve…</Button>);
    buttons.push(<Button key="reject" size="xs" variant="light" color="red" leftSection={<IconX size={14} />} onClick={() => open('reject')}>Reject…</Button>);
  }
  if (canWork && active && offer.status === 'approved') buttons.push(<Button key="offer" size="xs" variant="light" color="blue" onClick={() => open('offer')}>Offer to borrower…</Button>);
  if (canWork && offer.status === 'offered') {
    if (active) buttons.push(<Button key="accept" size="xs" color="green" onClick={() => open('accept')}>Borrower accepted…</Button>);
    buttons.push(<Button key="decline" size="xs" variant="light" color="red" onClick={() => open('decline')}>Borrower declined…</Button>);
  }
  return (
    <>
      {(buttons.length > 0 || offer.status === 'pending_approval') && (
        <Group gap="xs" data-testid="offer-actions">
          {buttons}
          {offer.status === 'pending_approval' && !canApprove && <Text size="xs" c="dimmed">Waiting for a supervisor to approve or reject it.</Text>}
        </Group>
      )}
      {step.error && confirming === null && <Alert color="red" title="Refused" mt="xs">{step.error.message}</Alert>}
      <OfferStepModal
        key={confirming ?? 'closed'}
        step={confirming ? stepOf(confirming, offer) : null}
        pending={step.isPending}
        error={confirming ? step.error : null}
        onConfirm={(text) => confirming && step.mutate({ action: confirming, text })}
        onClose={() => {
          // The refusal was read in the dialog; it does not linger on the card.
          step.reset();
          setConfirming(null);
        }}
      />
    </>
  );
}
