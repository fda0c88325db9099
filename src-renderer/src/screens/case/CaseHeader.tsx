import { ActionIcon, Badge, Button, Group, Kbd, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconBolt } from '@tabler/icons-react';
import type { CaseSummary } from '../../../../src-shared/contract';
import { formatMinor } from '../../../../src-shared/money';
import { PRIORITY_COLORS, SEVERITY_COLORS, STATUS_LABELS, productLabel, titleCase } from '../../format/domain-labels';

function Stat({ label, value, color }: { label: string; value: string; color?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} ta="right">{label}</Text>
      <Text size="lg" fw={700} c={color} ta="right" lh={1.2}>{value}</Text>
    </div>
  );
}

/** Who and what the case is, always in view on every tab: the borrower, the account, its standing and the money. */
export function CaseHeader({ summary: c, onBack, recoveryOpen, onToggleRecovery }: { summary: CaseSummary; onBack(): void; recoveryOpen: boolean; onToggleRecovery(): void }) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <Tooltip label={<>Back to the queue <Kbd size="xs">Esc</Kbd></>}>
            <ActionIcon variant="default" size="lg" onClick={onBack} aria-label="Back to the queue">
              <IconArrowLeft size={18} />
            </ActionIcon>
          </Tooltip>
          <Stack gap={4}>
            <Group gap="xs">
              <Title order={2} lh={1.1}>{c.borrowerName}</Title>
              <Badge variant="light" color="indigo">{STATUS_LABELS[c.status]}</Badge>
              <Badge variant="filled" color={PRIORITY_COLORS[c.priority]}>{c.priority} · {c.priorityScore.toFixed(1)}</Badge>
              {c.severity && <Badge variant="light" color={SEVERITY_COLORS[c.severity]}>{c.severity}</Badge>}
              {c.borrower.doNotContact && <Badge color="red" variant="filled">Do not contact</Badge>}
              {c.flags.map((flag) => <Badge key={flag} color={flag === 'dispute' ? 'orange' : 'grape'} variant="light">{titleCase(flag)}</Badge>)}
            </Group>
            <Text size="sm" c="dimmed">
              <Text span ff="monospace" c="var(--mantine-color-text)">{c.accountNumber}</Text> · {titleCase(c.defaultType)} · {productLabel(c.loan.productCode)} · {c.borrower.jurisdiction}
              {' · '}{c.assignedAgentName ? `Worked by ${c.assignedAgentName}` : 'Unassigned'}
            </Text>
          </Stack>
        </Group>
        <Group gap="xl" wrap="nowrap">
          <Button variant={recoveryOpen ? 'filled' : 'light'} leftSection={<IconBolt size={16} />} aria-pressed={recoveryOpen} onClick={onToggleRecovery}>Recovery</Button>
          <Stat label="Past due" value={formatMinor(c.amountPastDueMinor, c.currency)} color={c.amountPastDueMinor > 0 ? 'red' : undefined} />
          <Stat label="Balance" value={formatMinor(c.balanceMinor, c.currency)} />
          <Stat label="DPD" value={String(c.dpd)} />
        </Group>
      </Group>
    </Paper>
  );
}
