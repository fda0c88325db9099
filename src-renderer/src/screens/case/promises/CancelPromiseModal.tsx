import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { PromiseToPay } from '../../../../../src-shared/contract';
import { formatMinor } from '../../../../../src-shared/money';
import { call } from '../../../api/client';
import { formatDate } from '../../../format/time';

/** Cancelling a promise is final: it asks for the reason and a deliberate confirmation. */
export function CancelPromiseModal({ promise, onClose, onCancelled }: { promise: PromiseToPay | null; onClose(): void; onCancelled(): void }) {
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => call('promises.cancel', { promiseId: promise!.id, reason }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Promise cancelled' });
      setReason('');
      onCancelled();
      onClose();
    },
  });
  return (
    <Modal opened={promise !== null} onClose={onClose} title={<Text fw={700}>Cancel this promise?</Text>}>
      {promise && (
        <Stack gap="sm">
          <Text size="sm">
            {formatMinor(promise.amountMinor, promise.currency)} due {formatDate(promise.dueOn)}. A cancelled promise is no longer judged kept or broken, and this cannot be undone.
          </Text>
          <Textarea label="Reason" placeholder="Why the promise no longer stands" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={2} maxLength={1000} data-autofocus />
          {cancel.error && <Alert color="red">{cancel.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Keep it</Button>
            <Button color="red" disabled={reason.trim().length < 3} loading={cancel.isPending} onClick={() => cancel.mutate()}>Cancel promise</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
