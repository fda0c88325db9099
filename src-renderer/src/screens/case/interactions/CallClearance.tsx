import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconPhoneCheck } from '@tabler/icons-react';
import type { ContactCheck } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { ContactVerdict } from '../../../components/ContactVerdict';
import { formatPhone } from '../../../format/phone';

interface Props {
  caseId: string;
  phone: string | null;
  timeZone: string | null;
  clearance: ContactCheck | null;
  onClearance(decision: ContactCheck): void;
  /** Switches the form to a note, the honest record of a call that could not be placed. */
  onLogNote(): void;
}

/**
 * Before an outbound call is placed the gate is asked (`compliance.prepareCall`): a refusal is
 * recorded as a blocked attempt and the call cannot be logged as placed; a go-ahead uses up a
 * do-not-contact override, so the agent asks right before dialling, not on opening the form.
 */
export function CallClearance({ caseId, phone, timeZone, clearance, onClearance, onLogNote }: Props) {
  const prepare = useMutation({ mutationFn: () => call('compliance.prepareCall', { caseId }), onSuccess: onClearance });
  return (
    <Stack gap="xs" data-testid="call-clearance">
      {clearance ? (
        <>
          <ContactVerdict decision={clearance} subject="This call" timeZone={timeZone} />
          {clearance.allowed && phone && <Text size="sm">Dial <b>{formatPhone(phone)}</b>, then log what happened.</Text>}
          {!clearance.allowed && <Text size="sm" c="red">A call the gate refused cannot be logged as placed.</Text>}
        </>
      ) : (
        <Text size="sm" c="dimmed">Ask the compliance gate right before you dial; a call it refuses cannot be logged as placed.</Text>
      )}
      <Group>
        <Button variant={clearance ? 'default' : 'filled'} color="indigo" size="xs" leftSection={<IconPhoneCheck size={16} />} loading={prepare.isPending} onClick={() => prepare.mutate()}>
          {clearance ? 'Check again' : 'Check before dialling'}
        </Button>
        {clearance && !clearance.allowed && <Button variant="subtle" size="xs" onClick={onLogNote}>Log a note instead</Button>}
        {prepare.error && <Text size="sm" c="red">{prepare.error.message}</Text>}
      </Group>
    </Stack>
  );
}
