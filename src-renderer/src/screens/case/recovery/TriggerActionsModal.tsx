import { Alert, Button, Checkbox, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { actionTypesForDpd } from '../../../../../src-shared/domain/recovery-ladder';
import { RECOVERY_ACTION_TYPES, type RecoveryActionType } from '../../../../../src-shared/domain/vocabulary';
import { call } from '../../../api/client';
import { useRefreshCase } from '../case-queries';
import { ACTION_TYPE_LABELS } from './recovery-labels';

/**
 * Seed 000's "Trigger actions": the types the agent picks, or the ladder's choice for the case's
 * DPD. They are created pending; each is executed on its own, through the compliance gate.
 */
export function TriggerActionsModal({ caseId, dpd, onClose }: { caseId: string; dpd: number; onClose(): void }) {
  const ladder = actionTypesForDpd(dpd);
  const [mode, setMode] = useState<'auto' | 'chosen'>(ladder.length > 0 ? 'auto' : 'chosen');
  const [chosen, setChosen] = useState<RecoveryActionType[]>([]);
  const refresh = useRefreshCase(caseId);
  const trigger = useMutation({
    mutationFn: () => call('recovery.trigger', { caseId, types: mode === 'auto' ? undefined : chosen }),
    onSuccess: ({ actions }) => {
      refresh();
      notifications.show({ color: 'teal', message: `${actions.length} action${actions.length === 1 ? '' : 's'} created, waiting to be executed` });
      onClose();
    },
  });
  const types = mode === 'auto' ? ladder : chosen;
  return (
    <Modal opened onClose={onClose} title="Trigger recovery actions" centered>
      <Stack gap="sm">
        <Radio.Group value={mode} onChange={(value) => setMode(value as typeof mode)} label="Which actions">
          <Stack gap={6} mt={6}>
            <Radio value="auto" disabled={ladder.length === 0}
              label={ladder.length > 0 ? `Automatic for ${dpd} days past due: ${ladder.map((t) => ACTION_TYPE_LABELS[t]).join(', ')}` : `Automatic: nothing is due at ${dpd} days past due`} />
            <Radio value="chosen" label="Choose the actions" />
          </Stack>
        </Radio.Group>
        {mode === 'chosen' && (
          <Checkbox.Group value={chosen} onChange={(value) => setChosen(value as RecoveryActionType[])} aria-label="Action types">
            <Stack gap={6} pl="lg">
              {RECOVERY_ACTION_TYPES.map((type) => <Checkbox key={type} value={type} label={ACTION_TYPE_LABELS[type]} />)}
            </Stack>
          </Checkbox.Group>
        )}
        {trigger.error && <Alert color="red" variant="light">{trigger.error.message}</Alert>}
        <Text size="xs" c="dimmed">Actions are created pending. Executing one sends it through the compliance gate, which may defer or block it.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button disabled={types.length === 0} loading={trigger.isPending} onClick={() => trigger.mutate()}>
            Create {types.length || ''} action{types.length === 1 ? '' : 's'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
