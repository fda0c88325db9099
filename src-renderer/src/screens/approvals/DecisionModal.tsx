import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PendingSettlement } from '../../../../src-shared/contract';
import { call } from '../../api/client';
import { settlementTerms } from './approval-format';

export type Decision = 'approve' | 'reject';

interface Props {
  offer: PendingSettlement;
  decision: Decision;
  onClose(): void;
}

/** Approve (with an optional note) or reject (with a reason, which the agent will read) one settlement offer. */
export function DecisionModal({ offer, decision, onClose }: Props) {
  const client = useQueryClient();
  const [text, setText] = useState('');
  const approve = decision === 'approve';
  const decide = useMutation({
    mutationFn: () =>
      approve ? call('settlements.approve', { offerId: offer.offerId, ...(text.trim() ? { note: text.trim() } : {}) }) : call('settlements.reject', { offerId: offer.offerId, reason: text.trim() }),
    onSuccess: () => {
      notifications.show({ color: approve ? 'teal' : 'orange', message: `Settlement for ${offer.borrowerName} ${approve ? 'approved' : 'rejected'}` });
      void client.invalidateQueries({ queryKey: ['approvals.inbox'] });
      void client.invalidateQueries({ queryKey: ['approvals.count'] });
      onClose();
    },
  });
  const tooShort = !approve && text.trim().length < 3;
  return (
    <Modal opened onClose={onClose} title={<Text fw={700}>{approve ? 'Approve settlement' : 'Reject settlement'}</Text>} centered>
      <Stack gap="sm">
        <Text size="sm">
          {offer.borrowerName} · {offer.accountNumber}
          <br />
          <Text span fw={600}>{settlementTerms(offer)}</Text>
        </Text>
        <Textarea
          label={approve ? 'Note (optional)' : 'Reason'}
          description={approve ? undefined : 'The agent sees this reason on the case.'}
          placeholder={approve ? 'Within policy for this borrower' : 'Why the offer cannot go ahead'}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          autosize
          minRows={2}
          data-autofocus
          error={decide.error?.message}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button color={approve ? 'teal' : 'red'} loading={decide.isPending} disabled={tooShort} onClick={() => decide.mutate()}>
            {approve ? 'Approve' : 'Reject'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
