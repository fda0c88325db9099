import { Alert, Avatar, Badge, Button, Center, Group, Paper, PasswordInput, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SessionUser, UserSummary } from '../../../../src-shared/contract';
import { call } from '../../api/client';
import { initials, roleColor } from '../../format/people';

/** Picks one of the store's users and signs in with their password; the role decides the rest. */
export function SignInScreen({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const users = useQuery({ queryKey: ['session.users'], queryFn: () => call('session.users', {}) });
  const [selected, setSelected] = useState<UserSummary | null>(null);
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => call('session.signIn', { userId: selected!.id, password }),
    onSuccess: onSignedIn,
  });

  return (
    <Center mih="100vh" bg="var(--mantine-color-default-hover)">
      <Paper withBorder shadow="md" p="xl" radius="lg" w={460}>
        <Stack gap="lg">
          <div>
            <Title order={2}>Recourse</Title>
            <Text c="dimmed" size="sm">Collections and recovery. Choose who you are to sign in.</Text>
          </div>
          <Stack gap={6} role="listbox" aria-label="Users">
            {(users.data ?? []).map((user) => (
              <UnstyledButton
                key={user.id}
                role="option"
                aria-selected={selected?.id === user.id}
                onClick={() => setSelected(user)}
                p="xs"
                style={{
                  borderRadius: 8,
                  border: `1px solid ${selected?.id === user.id ? 'var(--mantine-color-indigo-5)' : 'var(--mantine-color-default-border)'}`,
                  background: selected?.id === user.id ? 'var(--mantine-color-indigo-light)' : undefined,
                }}
              >
                <Group justify="space-between">
                  <Group gap="sm">
                    <Avatar color={roleColor(user.role)} radius="xl" size="sm">{initials(user.name)}</Avatar>
                    <div>
                      <Text size="sm" fw={600}>{user.name}</Text>
                      <Text size="xs" c="dimmed">{user.email}</Text>
                    </div>
                  </Group>
                  <Badge variant="light" color={roleColor(user.role)}>{user.role}</Badge>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (selected) signIn.mutate();
            }}
          >
            <Stack gap="sm">
              <PasswordInput label="Password" description="Demo users share the password listed in the README." value={password} onChange={(event) => setPassword(event.currentTarget.value)} disabled={!selected} />
              {signIn.error && <Alert color="red" variant="light">{signIn.error.message}</Alert>}
              <Button type="submit" disabled={!selected || password.length === 0} loading={signIn.isPending}>
                {selected ? `Sign in as ${selected.name}` : 'Choose a user'}
              </Button>
            </Stack>
          </form>
        </Stack>
      </Paper>
    </Center>
  );
}
