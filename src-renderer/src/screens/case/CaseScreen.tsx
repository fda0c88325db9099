import { Box, Button, Group, Kbd, Stack, Tabs, Text } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconArrowLeft, IconFileText, IconHistory, IconLayoutDashboard, IconListDetails, IconMessages, IconReceipt, IconReportMoney, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { LoadError, Loading } from '../../components/QueryStatus';
import { AuditTab } from './audit/AuditTab';
import { CaseHeader } from './CaseHeader';
import { useCaseLiveUpdates, useCaseSummary } from './case-queries';
import { ComplianceTab } from './compliance/ComplianceTab';
import { InteractionsTab } from './interactions/InteractionsTab';
import { LettersTab } from './letters/LettersTab';
import { MessagesTab } from './messages/MessagesTab';
import { OverviewTab } from './overview/OverviewTab';
import { PromisesTab } from './promises/PromisesTab';
import { RecoveryPanel } from './recovery/RecoveryPanel';
import { SettlementsTab } from './settlements/SettlementsTab';
import { neighbourCase } from '../queue/queue-order';
import { useCaseShortcuts, type CaseShortcut } from './use-case-shortcuts';

export type CaseTab = 'overview' | 'interactions' | 'messages' | 'promises' | 'settlements' | 'compliance' | 'letters' | 'audit';

type FocusTarget = 'log' | 'promise' | 'message';
const TAB_OF: Record<FocusTarget, CaseTab> = { log: 'interactions', promise: 'promises', message: 'messages' };

function ShortcutHints() {
  return (
    <Group gap="md" ml="auto" pr="xs" visibleFrom="xl" aria-hidden>
      {[['L', 'log activity'], ['P', 'promise'], ['S', 'message'], ['J/K', 'next/previous'], ['Esc', 'queue']].map(([key, what]) => (
        <Text key={key} size="xs" c="dimmed"><Kbd size="xs">{key}</Kbd> {what}</Text>
      ))}
    </Group>
  );
}

/** One case, worked end to end: overview, interactions, messages, promises, settlements, compliance, letters and its audit trail, with its keys. */
export function CaseScreen({ caseId, onBack, onNavigate }: { caseId: string; onBack(): void; onNavigate(caseId: string): void }) {
  const summary = useCaseSummary(caseId);
  useCaseLiveUpdates(caseId);
  const [tab, setTab] = useState<CaseTab>('overview');
  const [focus, setFocus] = useState<{ target: FocusTarget; nonce: number } | null>(null);
  useCaseShortcuts((shortcut: CaseShortcut) => {
    if (shortcut === 'next' || shortcut === 'previous') {
      const neighbour = neighbourCase(caseId, shortcut === 'next' ? 1 : -1);
      if (neighbour) onNavigate(neighbour);
      return;
    }
    setTab(TAB_OF[shortcut]);
    setFocus((current) => ({ target: shortcut, nonce: (current?.nonce ?? 0) + 1 }));
  }, onBack);
  const nonceFor = (target: FocusTarget) => (focus?.target === target ? focus.nonce : 0);
  // Seed 000's recovery sidebar stays open or closed from one case to the next, as the agent left it.
  const [recoveryOpen, setRecoveryOpen] = useLocalStorage({ key: 'recourse.recoverySidebar', defaultValue: false });

  if (summary.isPending) return <Loading what="the case" />;
  if (summary.error) {
    return (
      <Stack align="flex-start">
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>Back to the queue</Button>
        <LoadError what="The case" error={summary.error} onRetry={() => void summary.refetch()} />
      </Stack>
    );
  }
  const c = summary.data;
  return (
    <Stack gap="md" data-testid="case-screen">
      <CaseHeader summary={c} onBack={onBack} recoveryOpen={recoveryOpen} onToggleRecovery={() => setRecoveryOpen(!recoveryOpen)} />
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Box flex={1} miw={0}>
          <Tabs value={tab} onChange={(value) => value && setTab(value as CaseTab)}>
            <Tabs.List aria-label="Case sections">
              <Tabs.Tab value="overview" leftSection={<IconLayoutDashboard size={16} />}>Overview</Tabs.Tab>
              <Tabs.Tab value="interactions" leftSection={<IconHistory size={16} />}>Interactions</Tabs.Tab>
              <Tabs.Tab value="messages" leftSection={<IconMessages size={16} />}>Messages</Tabs.Tab>
              <Tabs.Tab value="promises" leftSection={<IconReceipt size={16} />}>Promises</Tabs.Tab>
              <Tabs.Tab value="settlements" leftSection={<IconReportMoney size={16} aria-hidden />}>Settlements</Tabs.Tab>
              <Tabs.Tab value="compliance" leftSection={<IconShieldCheck size={16} aria-hidden />}>Compliance</Tabs.Tab>
              <Tabs.Tab value="letters" leftSection={<IconFileText size={16} />}>Letters</Tabs.Tab>
              <Tabs.Tab value="audit" leftSection={<IconListDetails size={16} aria-hidden />}>Audit</Tabs.Tab>
              <ShortcutHints />
            </Tabs.List>
            <Tabs.Panel value="overview" pt="md"><OverviewTab summary={c} /></Tabs.Panel>
            <Tabs.Panel value="interactions" pt="md"><InteractionsTab summary={c} focusNonce={nonceFor('log')} /></Tabs.Panel>
            <Tabs.Panel value="messages" pt="md"><MessagesTab summary={c} focusNonce={nonceFor('message')} /></Tabs.Panel>
            <Tabs.Panel value="promises" pt="md"><PromisesTab summary={c} focusNonce={nonceFor('promise')} /></Tabs.Panel>
            <Tabs.Panel value="settlements" pt="md"><SettlementsTab summary={c} /></Tabs.Panel>
            <Tabs.Panel value="compliance" pt="md"><ComplianceTab summary={c} /></Tabs.Panel>
            <Tabs.Panel value="letters" pt="md"><LettersTab summary={c} /></Tabs.Panel>
            <Tabs.Panel value="audit" pt="md"><AuditTab summary={c} /></Tabs.Panel>
          </Tabs>
        </Box>
        {recoveryOpen && <Box w={340} style={{ flexShrink: 0 }}><RecoveryPanel summary={c} /></Box>}
      </Group>
    </Stack>
  );
}
