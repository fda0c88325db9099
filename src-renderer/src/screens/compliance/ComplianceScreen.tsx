import { Badge, Group, Paper, Tabs, Title } from '@mantine/core';
import { IconClipboardList, IconHandStop, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useCan } from '../../app/session-context';
import { BlockedReportSection } from './blocked/BlockedReportSection';
import { CheckerSection } from './checker/CheckerSection';
import { RulesSection } from './rules/RulesSection';

type Section = 'rules' | 'checker' | 'blocked';

/**
 * Compliance for supervisors and administrators: the contact rules per jurisdiction (administrators
 * change them), the gate's answer for one borrower now with their contact history, and the report
 * of contacts the gate refused.
 */
export function ComplianceScreen() {
  const isAdmin = useCan('admin_settings');
  const [section, setSection] = useState<Section>('rules');
  return (
    <Paper p="md" withBorder>
      <Group justify="space-between" mb="md">
        <Title order={2}>Compliance</Title>
        {!isAdmin && <Badge variant="light" color="gray">Read only: administrators change the rules</Badge>}
      </Group>
      <Tabs value={section} onChange={(next) => next && setSection(next as Section)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="rules" leftSection={<IconClipboardList size={16} />}>Rules per jurisdiction</Tabs.Tab>
          <Tabs.Tab value="checker" leftSection={<IconShieldCheck size={16} />}>Can I contact now?</Tabs.Tab>
          <Tabs.Tab value="blocked" leftSection={<IconHandStop size={16} />}>Blocked contacts</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="rules"><RulesSection editable={isAdmin} /></Tabs.Panel>
        <Tabs.Panel value="checker"><CheckerSection /></Tabs.Panel>
        <Tabs.Panel value="blocked"><BlockedReportSection /></Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
