import { Button, Group, PasswordInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ROLES, type Role } from '../../../../../src-shared/roles';
import { call } from '../../../api/client';
import { SaveProblem } from '../SaveProblem';
import { useSettingsSave } from '../use-settings-save';

/** A new user with a first password, told to them out of band. */
export function AddUserForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [password, setPassword] = useState('');
  const save = useSettingsSave({ save: () => call('settings.addUser', { name, email, role, password }), done: `${name} can now sign in`, reload: [['settings.users'], ['session.users']], onSaved: onDone });
  return (
    <form onSubmit={(event) => { event.preventDefault(); save.mutate(undefined); }}>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label="Name" value={name} onChange={(event) => setName(event.currentTarget.value)} error={save.fieldError('name')} required data-autofocus />
        <TextInput label="Email" value={email} onChange={(event) => setEmail(event.currentTarget.value)} error={save.fieldError('email')} required />
        <Select label="Role" data={ROLES.map((value) => ({ value, label: value }))} value={role} onChange={(value) => value && setRole(value as Role)} allowDeselect={false} />
        <PasswordInput label="First password" description="At least 8 characters" value={password} onChange={(event) => setPassword(event.currentTarget.value)} error={save.fieldError('password')} required />
      </SimpleGrid>
      <SaveProblem problem={save.problem} inline={['name', 'email', 'password']} />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onDone}>Cancel</Button>
        <Button type="submit" loading={save.isPending}>Add user</Button>
      </Group>
    </form>
  );
}
