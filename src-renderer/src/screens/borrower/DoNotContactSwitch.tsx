import { Alert, Button, Group, Modal, Stack, Switch, Text, Textarea, Tooltip } from '@mantine/core';
import { IconBan } from '@tabler/icons-react';
import { useState } from 'react';
import type { BorrowerProfile } from '../../../../src-shared/contract';
import { useCan } from '../../app/session-context';
import { useBorrowerCommand } from './use-borrower-profile';

/**
 * Stopping all contact is a step with legal weight either way: it asks for confirmation and a
 * reason, which the audit keeps; lifting it is a supervisor's decision.
 */
export function DoNotContactSwitch({ caseId, profile }: { caseId: string; profile: BorrowerProfile }) {
  const canSet = useCan('update_case');
  const canLift = useCan('override_do_not_contact');
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const turningOn = !profile.doNotContact;
  const save = useBorrowerCommand(caseId, 'borrowers.setDoNotContact', turningOn ? 'Contact stopped' : 'Contact allowed again', () => {
    setAsking(false);
    setReason('');
  });
  const allowed = turningOn ? canSet : canLift;
  const toggle = (
    <Switch
      size="md"
      color="red"
      label={<Group gap={6}><IconBan size={16} /><Text size="sm" fw={600}>Do not contact</Text></Group>}
      checked={profile.doNotContact}
      disabled={!allowed}
      onChange={() => setAsking(true)}
    />
  );
  return (
    <>
      {allowed ? toggle : <Tooltip label="Only a supervisor can lift do-not-contact"><div>{toggle}</div></Tooltip>}
      <Modal opened={asking} onClose={() => setAsking(false)} title={turningOn ? 'Stop all contact with this borrower?' : 'Allow contact again?'} centered>
        <Stack gap="sm">
          <Alert color={turningOn ? 'red' : 'orange'} variant="light">
            {turningOn
              ? 'Every call, text, email and letter to this borrower will be blocked, automated and manual, until a supervisor lifts it.'
              : 'Automated dunning and agents will be able to reach this borrower again, within the usual rules.'}
          </Alert>
          <Textarea label="Reason" description="Kept in the audit trail" value={reason} onChange={(e) => setReason(e.currentTarget.value)} minRows={2} required data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(false)}>Cancel</Button>
            <Button color={turningOn ? 'red' : 'orange'} disabled={reason.trim().length < 3} loading={save.isPending}
              onClick={() => save.mutate({ borrowerId: profile.id, doNotContact: turningOn, reason })}>
              {turningOn ? 'Stop contact' : 'Allow contact'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
