import { ActionIcon, AppShell, Avatar, Badge, Button, Group, NavLink, Text, Title, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconActivity, IconChecklist, IconLayoutDashboard, IconListDetails, IconLogout, IconMoon, IconSettings, IconShieldCheck, IconSun } from '@tabler/icons-react';
import { initials, roleColor } from '../format/people';
import { useEffect, useState } from 'react';
import type { AppView } from '../../../src-shared/contract';
import { ActivityLogScreen } from '../screens/activity-log/ActivityLogScreen';
import { ApprovalsScreen } from '../screens/approvals/ApprovalsScreen';
import { CaseScreen } from '../screens/case/CaseScreen';
import { DashboardScreen, type DrillDown } from '../screens/dashboard/DashboardScreen';
import { QueueScreen, type QueueFilterRequest } from '../screens/queue/QueueScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { ComplianceScreen } from '../screens/compliance/ComplianceScreen';
import { ApprovalsBadge } from '../screens/approvals/ApprovalsBadge';
import { DesktopAlerts } from './DesktopAlerts';
import { JobProgress } from './JobProgress';
import { SandboxBadge } from './SandboxBadge';
import { ShortcutsHelp } from './ShortcutsHelp';
import { SyncIndicator } from './SyncIndicator';
import { useSession } from './session-context';

type View = AppView;

export function AppLayout() {
  const { user, signOut } = useSession();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const [view, setView] = useState<View>('queue');
  // The open case, if any. The queue stays mounted behind it, so its filters, page and scroll survive a visit.
  const [openCaseId, setOpenCaseId] = useState<string | null>(null);
  const [filterRequest, setFilterRequest] = useState<QueueFilterRequest | undefined>(undefined);
  const canSeeDashboard = user.permissions.includes('view_dashboard');
  const canApprove = user.permissions.includes('approve_settlement');
  const canSeeSettings = canSeeDashboard || user.permissions.includes('admin_settings');
  const backToQueue = () => {
    const left = openCaseId;
    setOpenCaseId(null);
    // Keyboard users land back on the row they opened.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-case-id="${left}"]`)?.focus());
  };
  const show = (next: View) => {
    setOpenCaseId(null);
    setView(next);
  };
  // The application menu's Go items: a screen this user may not open is not opened.
  useEffect(
    () =>
      window.api.on('app.navigate', ({ view: next }) => {
        const allowed: Record<View, boolean> = { queue: true, activity: true, dashboard: canSeeDashboard, approvals: canApprove, compliance: canSeeSettings, settings: canSeeSettings };
        if (next !== 'shortcuts' && allowed[next]) {
          setOpenCaseId(null);
          setView(next);
        }
      }),
    [canSeeDashboard, canApprove, canSeeSettings],
  );
  const drillDown = (filters: DrillDown) => {
    setFilterRequest((current) => ({ filters, nonce: (current?.nonce ?? 0) + 1 }));
    show('queue');
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
            <ShortcutsHelp />
            <JobProgress />
            <DesktopAlerts onOpenCase={setOpenCaseId} />
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
        <NavLink component="button" active={openCaseId === null && view === 'queue'} label="Collections queue" leftSection={<IconListDetails size={18} />} onClick={() => (view === 'queue' ? backToQueue() : show('queue'))} />
        <NavLink component="button" active={openCaseId === null && view === 'activity'} label="Activity log" leftSection={<IconActivity size={18} />} onClick={() => show('activity')} />
        {canSeeDashboard && <NavLink component="button" active={openCaseId === null && view === 'dashboard'} label="Dashboard" leftSection={<IconLayoutDashboard size={18} />} onClick={() => show('dashboard')} />}
        {canApprove && (
          <NavLink component="button" active={openCaseId === null && view === 'approvals'} label="Approvals" leftSection={<IconChecklist size={18} />} rightSection={<ApprovalsBadge />} onClick={() => show('approvals')} />
        )}
        {canSeeSettings && <NavLink component="button" active={openCaseId === null && view === 'compliance'} label="Compliance" leftSection={<IconShieldCheck size={18} />} onClick={() => show('compliance')} />}
        {canSeeSettings && <NavLink component="button" active={openCaseId === null && view === 'settings'} label="Settings" leftSection={<IconSettings size={18} />} onClick={() => show('settings')} />}
      </AppShell.Navbar>
      <AppShell.Main>
        <div hidden={openCaseId !== null || view !== 'queue'}>
          <QueueScreen onOpenCase={setOpenCaseId} filterRequest={filterRequest} active={openCaseId === null && view === 'queue'} />
        </div>
        {openCaseId === null && view === 'dashboard' && <DashboardScreen onDrillDown={drillDown} />}
        {openCaseId === null && view === 'approvals' && <ApprovalsScreen onOpenCase={setOpenCaseId} />}
        {openCaseId === null && view === 'activity' && <ActivityLogScreen onOpenCase={setOpenCaseId} />}
        {openCaseId === null && view === 'settings' && <SettingsScreen />}
        {openCaseId === null && view === 'compliance' && <ComplianceScreen />}
        {openCaseId && <CaseScreen key={openCaseId} caseId={openCaseId} onBack={view === 'queue' ? backToQueue : () => setOpenCaseId(null)} onNavigate={setOpenCaseId} />}
      </AppShell.Main>
    </AppShell>
  );
}
