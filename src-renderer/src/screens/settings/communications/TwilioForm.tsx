import { Button, Group, PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { CommunicationsStatus } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { SaveProblem } from '../SaveProblem';
import { useSettingsSave } from '../use-settings-save';

/** The Twilio account: the SID and numbers are shown back, the auth token never is. */
export function TwilioForm({ status }: { status: CommunicationsStatus }) {
  const live = status.twilio.mode === 'live' ? status.twilio : null;
  const [accountSid, setAccountSid] = useState('');
  const [authToken, setAuthToken] = useState('');
  const [fromNumber, setFromNumber] = useState(live?.fromNumber ?? '');
  const [whatsappFrom, setWhatsappFrom] = useState(live?.whatsappFrom ?? '');
  const reload = [['communications.status']] as const;
  const save = useSettingsSave({
    save: () => call('communications.saveTwilio', { accountSid: accountSid.trim(), authToken, fromNumber: fromNumber.trim(), ...(whatsappFrom.trim() ? { whatsappFrom: whatsappFrom.trim() } : {}) }),
    done: 'Twilio account saved: messages now go to borrowers',
    reload,
    onSaved: () => setAuthToken(''),
  });
  const clear = useSettingsSave({ save: () => call('communications.clearTwilio', {}), done: 'Twilio account removed: back to sandbox', reload });
  return (
    <form onSubmit={(event) => { event.preventDefault(); save.mutate(undefined); }}>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label="Account SID" placeholder={live ? `${live.accountSidHint} (saved; type to replace)` : 'AC…'} value={accountSid} onChange={(event) => setAccountSid(event.currentTarget.value)} error={save.fieldError('accountSid')} required />
        <PasswordInput label="Auth token" placeholder={live ? 'Saved; never shown' : 'From the Twilio console'} value={authToken} onChange={(event) => setAuthToken(event.currentTarget.value)} error={save.fieldError('authToken')} required />
        <TextInput label="Sender (SMS and voice)" placeholder="+18685550100" value={fromNumber} onChange={(event) => setFromNumber(event.currentTarget.value)} error={save.fieldError('fromNumber')} required />
        <TextInput label="WhatsApp sender" placeholder="Optional, +18685550101" value={whatsappFrom} onChange={(event) => setWhatsappFrom(event.currentTarget.value)} error={save.fieldError('whatsappFrom')} />
      </SimpleGrid>
      <SaveProblem problem={save.problem} inline={['accountSid', 'authToken', 'fromNumber', 'whatsappFrom']} />
      <Group mt="sm" gap="xs">
        <Button type="submit" loading={save.isPending}>Save Twilio account</Button>
        {live && <Button variant="default" color="red" loading={clear.isPending} onClick={() => clear.mutate(undefined)}>Remove and use the sandbox</Button>}
      </Group>
    </form>
  );
}
