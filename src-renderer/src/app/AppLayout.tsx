import { ActionIcon, AppShell, Avatar, Badge, Button, Group, NavLink, Text, Title, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconListDetails, IconLogout, IconMoon, IconSun } from '@tabler/icons-react';
import { initials, roleColor } from '../format/people';
import { useState } from 'react';
import { CaseScreen } from '../screens/case/CaseScreen';
import { QueueScreen } from '../screens/queue/QueueScreen';
import { SandboxBadge } from './SandboxBadge';
import { SyncIndicator } from './SyncIndicator';
import { useSession } from './session-context';

export function AppLayout() {
  const { user, signOut } = useSession();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  // The open case, if any. The queue stays mounted behind it, so its filters, page and scroll survive a visit.
  const [openCaseId, setOpenCaseId] = useState<string | null>(null);
  const backToQueue = () => {
    const left = openCaseId;
    setOpenCaseId(null);
    // Keyboard users land back on the row they opened.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-case-id="${left}"]`)?.focus());
  };
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm' }} padding="md">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between">
          <Group gap="xs">
            <Title order={3} c="indigo">Recourse</Title>
            <Text size="sm" c="dimmed">Collections & recovery</Text>
            <SandboxBadge />
          </Group>
          <Group gap="sm">
            <SyncIndicator />
            <Tooltip label={scheme === 'dark' ? 'Light theme' : 'Dark theme'}>
              <ActionIcon variant="default" size="lg" aria-label="Toggle color scheme" onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}>
                {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
              </ActionIcon>
            </Tooltip>
            <Group gap={8} data-testid="signed-in-user">
              <Avatar color={roleColor(user.role)} radius="xl" size="sm">{initials(user.name)}</Avatar>
              <div>
                <Text size="sm" fw={600} lh={1.1}>{user.name}</Text>
                <Badge size="xs" variant="light" color={roleColor(user.role)}>{user.role}</Badge>
              </div>
            </Group>
            <Button variant="subtle" color="gray" leftSection={<IconLogout size={16} />} onClick={signOut}>Sign out</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <NavLink active={openCaseId === null} label="Collections queue" leftSection={<IconListDetails size={18} />} onClick={backToQueue} />
      </AppShell.Navbar>
      <AppShell.Main>
        <div hidden={openCaseId !== null}>
          <QueueScreen onOpenCase={setOpenCaseId} />
        </div>
        {openCaseId && <CaseScreen key={openCaseId} caseId={openCaseId} onBack={backToQueue} />}
      </AppShell.Main>
    </AppShell>
  );
}
