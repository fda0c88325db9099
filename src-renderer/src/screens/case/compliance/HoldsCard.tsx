import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconHandStop } from '@tabler/icons-react';
import type { CaseComplianceView } from '../../../../../src-shared/contract';
import { formatDate, formatDateTime } from '../../../format/time';
import { titleCase } from '../../../format/domain-labels';

function Hold({ on, label, detail }: { on: boolean; label: string; detail: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" data-testid="compliance-hold" data-hold={label} data-on={on}>
      <div>
        <Text size="sm" fw={600}>{label}</Text>
        <Text size="xs" c="dimmed">{detail}</Text>
      </div>
      <Badge variant={on ? 'filled' : 'light'} color={on ? 'red' : 'gray'} style={{ flexShrink: 0 }}>{on ? 'In force' : 'No'}</Badge>
    </Group>
  );
}

/** The hard blocks: do-not-contact, dispute, bankruptcy and legal representation, and supervisors' overrides of do-not-contact. */
export function HoldsCard({ view }: { view: CaseComplianceView }) {
  const { holds } = view;
  const representing = holds.legalRepresentatives.filter((rep) => rep.activeNow);
  const now = new Date().toISOString();
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group gap={6}><IconHandStop size={18} color="var(--mantine-color-red-6)" /><Title order={5}>Do-not-contact and holds</Title></Group>
        <Hold on={holds.doNotContact} label="Do not contact" detail="No automated contact; a manual one only with a supervisor's override" />
        <Hold on={holds.dispute} label="Dispute" detail="Collection pauses while the debt is disputed" />
        <Hold on={holds.bankruptcy} label="Bankruptcy" detail="Collection is stayed" />
        <Hold on={representing.length > 0} label="Legal representative" detail={representing.length > 0 ? `Contact ${representing.map((rep) => `${rep.name}${rep.firm ? `, ${rep.firm}` : ''} (${titleCase(rep.type)})`).join('; ')} instead` : 'Nobody acts for the borrower'} />
        {view.overrides.length > 0 && (
          <>
            <Text size="sm" fw={600} mt="xs">Supervisor overrides</Text>
            <List size="sm" spacing={4}>
              {view.overrides.map((override) => (
                <List.Item key={override.id}>
                  {override.grantedByName ?? 'A supervisor'}, {formatDateTime(override.grantedAt)}: “{override.reason}”{' '}
                  <Text span size="xs" c="dimmed">
                    {override.usedAt ? `used ${formatDateTime(override.usedAt)}` : override.expiresAt > now ? `unused, until ${formatDateTime(override.expiresAt)}` : `expired ${formatDate(override.expiresAt.slice(0, 10))}`}
                  </Text>
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Paper>
  );
}
