import { Badge, Button, Modal, Select, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { UserView } from '../../../../../src-shared/contract';
import { ROLES, type Role } from '../../../../../src-shared/roles';
import { call } from '../../../api/client';
import { useSession } from '../../../app/session-context';
import { LoadError, Loading } from '../../../components/QueryStatus';
import { SaveProblem } from '../SaveProblem';
import { SectionHeader } from '../SectionHeader';
import { useSettingsSave } from '../use-settings-save';
import { AddUserForm } from './AddUserForm';

/** Who may sign in and with which role (administrators only). Nobody demotes or deactivates themselves. */
export function UsersSection() {
  const { user: me } = useSession();
  const users = useQuery({ queryKey: ['settings.users'], queryFn: () => call('settings.users', {}) });
  const [adding, { open, close }] = useDisclosure(false);
  const reload = [['settings.users'], ['session.users'], ['settings.configuration']] as const;
  const setRole = useSettingsSave({ save: (input: { userId: string; role: Role }) => call('settings.setUserRole', input), done: 'Role changed', reload });
  const setActive = useSettingsSave({ save: (input: { userId: string; active: boolean }) => call('settings.setUserActive', input), done: 'Access changed', reload });
  if (users.isPending) return <Loading what="users" />;
  if (users.isError) return <LoadError what="Users" error={users.error} onRetry={() => void users.refetch()} />;
  const row = (user: UserView) => {
    const self = user.id === me.id;
    return (
      <Table.Tr key={user.id} data-user-email={user.email} style={{ opacity: user.active ? 1 : 0.55 }}>
        <Table.Td><Text size="sm" fw={600}>{user.name}{self && <Badge ml={6} size="xs" variant="light">you</Badge>}</Text></Table.Td>
        <Table.Td><Text size="sm">{user.email}</Text></Table.Td>
        <Table.Td w={170}>
          <Tooltip label="Another administrator can change your role" disabled={!self}>
            <Select size="xs" aria-label={`Role of ${user.name}`} data={ROLES.map((value) => ({ value, label: value }))} value={user.role} allowDeselect={false}
              disabled={self} onChange={(value) => value && value !== user.role && setRole.mutate({ userId: user.id, role: value as Role })} />
          </Tooltip>
        </Table.Td>
        <Table.Td w={140}>
          <Switch size="sm" label={user.active ? 'Active' : 'Deactivated'} checked={user.active} disabled={self} aria-label={`${user.name} may sign in`}
            onChange={(event) => setActive.mutate({ userId: user.id, active: event.currentTarget.checked })} />
        </Table.Td>
        <Table.Td><Text size="xs" c="dimmed">{new Date(user.createdAt).toLocaleDateString()}</Text></Table.Td>
      </Table.Tr>
    );
  };
  return (
    <Stack gap="md">
      <SectionHeader title="Users and roles" actions={<Button leftSection={<IconUserPlus size={16} />} onClick={open}>Add user</Button>}>
        Agents work cases; supervisors also approve and see the dashboard; administrators also change settings. A deactivated user keeps their history but cannot sign in.
      </SectionHeader>
      <SaveProblem problem={setRole.problem ?? setActive.problem} />
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Email</Table.Th><Table.Th>Role</Table.Th><Table.Th>Access</Table.Th><Table.Th>Since</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>{users.data.users.map(row)}</Table.Tbody>
      </Table>
      <Modal opened={adding} onClose={close} title={<Text fw={700}>Add a user</Text>} size="lg">
        <AddUserForm onDone={close} />
      </Modal>
    </Stack>
  );
}
