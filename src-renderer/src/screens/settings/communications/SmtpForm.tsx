import { Button, Checkbox, Group, NumberInput, PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { CommunicationsStatus } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { SaveProblem } from '../SaveProblem';
import { useSettingsSave } from '../use-settings-save';

/** The SMTP account borrower email goes through; the password is never shown back. */
export function SmtpForm({ status }: { status: CommunicationsStatus }) {
  const smtp = status.email.mode === 'smtp' ? status.email : null;
  const [host, setHost] = useState(smtp?.host ?? '');
  const [port, setPort] = useState<number | string>(smtp?.port ?? 587);
  const [secure, setSecure] = useState(smtp?.port === 465);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(smtp?.from ?? '');
  const reload = [['communications.status']] as const;
  const save = useSettingsSave({
    save: () => call('communications.saveSmtp', { host, port: Number(port), secure, from, ...(user ? { user } : {}), ...(password ? { password } : {}) }),
    done: 'SMTP account saved',
    reload,
    onSaved: () => setPassword(''),
  });
  const clear = useSettingsSave({ save: () => call('communications.clearSmtp', {}), done: 'SMTP account removed: email is kept in the sandbox', reload });
  const test = useSettingsSave({ save: () => call('communications.testSmtp', {}), done: 'The SMTP server accepted the login', reload: [] });
  return (
    <form onSubmit={(event) => { event.preventDefault(); save.mutate(undefined); }}>
      <SimpleGrid cols={3} spacing="sm">
        <TextInput label="Host" placeholder="smtp.lender.com" value={host} onChange={(event) => setHost(event.currentTarget.value)} error={save.fieldError('host')} required />
        <NumberInput label="Port" value={port} onChange={setPort} min={1} max={65535} error={save.fieldError('port')} required />
        <Checkbox label="TLS from the first byte (port 465)" checked={secure} onChange={(event) => setSecure(event.currentTarget.checked)} mt={30} />
        <TextInput label="User" placeholder="Optional" value={user} onChange={(event) => setUser(event.currentTarget.value)} error={save.fieldError('user')} />
        <PasswordInput label="Password" placeholder={smtp ? 'Saved; never shown' : 'Optional'} value={password} onChange={(event) => setPassword(event.currentTarget.value)} error={save.fieldError('password')} />
        <TextInput label="From" placeholder="Lender <collections@lender.com>" value={from} onChange={(event) => setFrom(event.currentTarget.value)} error={save.fieldError('from')} required />
      </SimpleGrid>
      <Group mt="sm" gap="xs">
        <Button type="submit" loading={save.isPending}>Save SMTP account</Button>
        {smtp && <Button variant="default" loading={test.isPending} onClick={() => test.mutate(undefined)}>Test the login</Button>}
        {smtp && <Button variant="default" color="red" loading={clear.isPending} onClick={() => clear.mutate(undefined)}>Remove and use the sandbox</Button>}
      </Group>
      <SaveProblem problem={save.problem} inline={['host', 'port', 'user', 'password', 'from']} />
      <SaveProblem problem={test.problem} />
      <SaveProblem problem={clear.problem} />
    </form>
  );
}
