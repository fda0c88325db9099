import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { NBA_ACTIONS, type NbaAction } from '../../../../../src-shared/domain/vocabulary';
import { call } from '../../../api/client';
import { NBA_LABELS } from '../../../format/domain-labels';
import { useRefreshCase } from '../case-queries';

interface Props {
  caseId: string;
  recommended: NbaAction | null;
  opened: boolean;
  onClose(): void;
}

/** An agent chooses another next step than the engine's; the reason is required and kept with the case. */
export function OverrideNbaModal({ caseId, recommended, opened, onClose }: Props) {
  const refresh = useRefreshCase(caseId);
  const [action, setAction] = useState<NbaAction | null>(null);
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () => call('cases.overrideNba', { caseId, action: action!, reason }),
    onSuccess: () => {
      refresh();
      notifications.show({ color: 'teal', message: `Next action set to ${NBA_LABELS[action!]}` });
      setAction(null);
      setReason('');
      onClose();
    },
  });
  const ready = action !== null && reason.trim().length >= 3;
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>Override the next best action</Text>} size="md">
      <Stack gap="sm">
        {recommended && <Text size="sm" c="dimmed">The engine recommends <b>{NBA_LABELS[recommended]}</b>. Your choice and reason are recorded in the audit log.</Text>}
        <Select
          label="Action to take instead"
          data={NBA_ACTIONS.filter((a) => a !== recommended).map((a) => ({ value: a, label: NBA_LABELS[a] }))}
          value={action}
          onChange={(value) => setAction(value as NbaAction | null)}
          required
          data-autofocus
        />
        <Textarea label="Reason" placeholder="Why this is the better next step" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={2} maxLength={1000} />
        {save.error && <Alert color="red">{save.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button disabled={!ready} loading={save.isPending} onClick={() => save.mutate()}>Save override</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
