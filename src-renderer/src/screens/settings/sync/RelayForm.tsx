import { Button, Group, PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SyncStatus } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { SaveProblem } from '../SaveProblem';
import { useSettingsSave } from '../use-settings-save';

/** Connects this desktop to a relay with the device token an administrator registered; the token is sealed and never shown again. */
export function RelayForm({ status }: { status: SyncStatus }) {
  const [relayUrl, setRelayUrl] = useState(status.relayUrl ?? '');
  const [deviceToken, setDeviceToken] = useState('');
  const reload = [['sync.status'], ['sync.rejections']] as const;
  const configure = useSettingsSave({ save: () => call('sync.configure', { relayUrl: relayUrl.trim(), deviceToken: deviceToken.trim() }), done: 'Relay saved: syncing', reload, onSaved: () => setDeviceToken('') });
  const disconnect = useSettingsSave({ save: () => call('sync.disconnect', {}), done: 'Disconnected: the local data stays', reload });
  return (
    <form onSubmit={(event) => { event.preventDefault(); configure.mutate(undefined); }}>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label="Relay URL" placeholder="https://relay.lender.com" value={relayUrl} onChange={(event) => setRelayUrl(event.currentTarget.value)} error={configure.fieldError('relayUrl')} required />
        <PasswordInput label="Device token" placeholder={status.relayUrl ? 'Saved; never shown (type to replace)' : 'From npm run relay -- device add'} value={deviceToken}
          onChange={(event) => setDeviceToken(event.currentTarget.value)} error={configure.fieldError('deviceToken')} required />
      </SimpleGrid>
      <SaveProblem problem={configure.problem ?? disconnect.problem} inline={['relayUrl', 'deviceToken']} />
      <Group mt="sm" gap="xs">
        <Button type="submit" loading={configure.isPending}>{status.relayUrl ? 'Save and reconnect' : 'Connect'}</Button>
        {status.relayUrl && <Button variant="default" color="red" loading={disconnect.isPending} onClick={() => disconnect.mutate(undefined)}>Disconnect</Button>}
      </Group>
    </form>
  );
}
