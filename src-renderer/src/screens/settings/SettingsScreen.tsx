import { Badge, Group, Paper, Tabs, Text, Title } from '@mantine/core';
import { IconAddressBook, IconBell, IconCalendarTime, IconClockHour4, IconFileImport, IconCloud, IconCoin, IconMessage, IconStack2, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useCan } from '../../app/session-context';
import { CommunicationsSection } from './communications/CommunicationsSection';
import { DunningSection } from './dunning/DunningSection';
import { FeesSection } from './fees/FeesSection';
import { QueuesSection } from './queues/QueuesSection';
import { ScheduleSection } from './schedule/ScheduleSection';
import { SlaSection } from './sla/SlaSection';
import { SyncSection } from './sync/SyncSection';
import { TapeImportSection } from './tape/TapeImportSection';
import { TemplatesSection } from './templates/TemplatesSection';
import { UsersSection } from './users/UsersSection';

const SECTIONS = [
  { value: 'communications', label: 'Communications', icon: IconMessage, adminOnly: false },
  { value: 'sync', label: 'Sync', icon: IconCloud, adminOnly: false },
  { value: 'schedule', label: 'Scheduler', icon: IconCalendarTime, adminOnly: false },
  { value: 'templates', label: 'Templates', icon: IconAddressBook, adminOnly: false },
  { value: 'users', label: 'Users and roles', icon: IconUsers, adminOnly: true },
  { value: 'queues', label: 'Queues', icon: IconStack2, adminOnly: false },
  { value: 'dunning', label: 'Dunning', icon: IconBell, adminOnly: false },
  { value: 'sla', label: 'SLA timers', icon: IconClockHour4, adminOnly: false },
  { value: 'fees', label: 'Fee schedules', icon: IconCoin, adminOnly: false },
  { value: 'tape', label: 'Loan tape import', icon: IconFileImport, adminOnly: true },
] as const;
type Section = (typeof SECTIONS)[number]['value'];

/**
 * Settings for supervisors and administrators. Administrators change everything; supervisors read
 * the configuration (the admin-only users section is hidden from them) and see why they cannot
 * change it, since the relay would refuse the change anyway.
 */
export function SettingsScreen() {
  const isAdmin = useCan('admin_settings');
  const [section, setSection] = useState<Section>('communications');
  const visible = SECTIONS.filter((entry) => isAdmin || !entry.adminOnly);
  return (
    <Paper p="md" withBorder>
      <Group justify="space-between" mb="md">
        <Title order={2}>Settings</Title>
        {!isAdmin && <Badge variant="light" color="gray">Read only: administrators change settings</Badge>}
      </Group>
      <Tabs value={section} onChange={(next) => next && setSection(next as Section)} orientation="vertical" variant="pills" keepMounted={false}
        styles={{ tab: { justifyContent: 'flex-start' }, tabLabel: { textAlign: 'left', flex: 'none' } }}>
        <Tabs.List miw={190} mr="lg">
          {visible.map(({ value, label, icon: Icon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} />}>
              <Text size="sm">{label}</Text>
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="communications"><CommunicationsSection editable={isAdmin} /></Tabs.Panel>
        <Tabs.Panel value="sync"><SyncSection editable={isAdmin} /></Tabs.Panel>
        <Tabs.Panel value="schedule"><ScheduleSection editable={isAdmin} /></Tabs.Panel>
        <Tabs.Panel value="templates"><TemplatesSection editable={isAdmin} /></Tabs.Panel>
        {isAdmin && <Tabs.Panel value="users"><UsersSection /></Tabs.Panel>}
        <Tabs.Panel value="queues"><QueuesSection editable={isAdmin} /></Tabs.Panel>
        <Tabs.Panel value="dunning"><DunningSection editable={isAdmin} /></Tabs.Panel>
        <Tabs.Panel value="sla"><SlaSection editable={isAdmin} /></Tabs.Panel>
        <Tabs.Panel value="fees"><FeesSection editable={isAdmin} /></Tabs.Panel>
        {isAdmin && <Tabs.Panel value="tape"><TapeImportSection /></Tabs.Panel>}
      </Tabs>
    </Paper>
  );
}
