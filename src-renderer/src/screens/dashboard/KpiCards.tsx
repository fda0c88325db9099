import { Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCash, IconHeartHandshake, IconPhoneCall, IconPhoneCheck, IconRosetteDiscountCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { CurrencyAmount, DashboardSummary } from '../../../../src-shared/contract';
import type { Ratio } from '../../../../src-shared/domain/kpis';
import type { Stage } from '../../../../src-shared/domain/vocabulary';
import { STAGE_LABELS } from '../../format/domain-labels';
import { compactAmount, count, percent } from './dashboard-format';
import classes from './Dashboard.module.css';

export const STAGE_COLORS: Record<Stage, string> = { early_1_30: 'yellow', mid_31_60: 'orange', late_61_90: 'red', severe_90_plus: 'grape' };

/** Amounts side by side, currency code small beside each: figures in different currencies are never added. */
function Amounts({ amounts }: { amounts: CurrencyAmount[] }) {
  if (amounts.length === 0) return <Text size="sm" fw={600} c="dimmed">—</Text>;
  return (
    <SimpleGrid cols={2} spacing={8} verticalSpacing={2} data-testid="amounts">
      {amounts.map((a) => (
        <Text key={a.currency} size="sm" fw={650} style={{ whiteSpace: 'nowrap' }}>
          <Text span size="xs" c="dimmed" fw={600} mr={3}>{a.currency}</Text>
          {compactAmount(a.amountMinor)}
        </Text>
      ))}
    </SimpleGrid>
  );
}

function Card({ label, value, icon, color, children, testId }: { label: string; value: ReactNode; icon: ReactNode; color: string; children?: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" radius="md" className={classes.card} data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.4}>{label}</Text>
          <Text fz={26} fw={700} lh={1.1} data-testid="kpi-value">{value}</Text>
        </Stack>
        <ThemeIcon variant="light" color={color} size={36} radius="md">{icon}</ThemeIcon>
      </Group>
      {children && <div className={classes.cardFoot}>{children}</div>}
    </Paper>
  );
}

/** One amount, its currency code small before it. */
function Amount({ amount }: { amount: CurrencyAmount }) {
  return (
    <Text fw={700} size="md" style={{ whiteSpace: 'nowrap' }} data-testid="kpi-value">
      <Text span size="xs" c="dimmed" fw={600} mr={4}>{amount.currency}</Text>
      {compactAmount(amount.amountMinor)}
    </Text>
  );
}

/** What came in on loans under a case, today and this month, one figure per currency. */
function CollectedCard({ today, monthToDate }: { today: CurrencyAmount[]; monthToDate: CurrencyAmount[] }) {
  const none = <Text fw={650} c="dimmed">—</Text>;
  return (
    <Paper withBorder p="md" radius="md" className={`${classes.card} ${classes.collected}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.4}>Collected</Text>
        <ThemeIcon variant="light" color="teal" size={36} radius="md"><IconCash size={20} /></ThemeIcon>
      </Group>
      <SimpleGrid cols={3} spacing="md">
        <Stack gap={2} data-testid="kpi-collected-today">
          <Text size="xs" c="dimmed" fw={600}>Today</Text>
          {today.length === 0 ? none : today.map((a) => <Amount key={a.currency} amount={a} />)}
        </Stack>
        <Stack gap={2} data-testid="kpi-collected-mtd" style={{ gridColumn: 'span 2' }}>
          <Text size="xs" c="dimmed" fw={600}>Month to date</Text>
          {monthToDate.length === 0 ? none : <SimpleGrid cols={2} spacing="md" verticalSpacing={2}>{monthToDate.map((a) => <Amount key={a.currency} amount={a} />)}</SimpleGrid>}
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

function RateCard({ label, ratio, icon, color, explain, testId }: { label: string; ratio: Ratio; icon: ReactNode; color: string; explain: string; testId: string }) {
  return (
    <Card label={label} value={percent(ratio)} icon={icon} color={color} testId={testId}>
      <Tooltip label={explain} multiline w={260} withArrow>
        <Text size="xs" c="dimmed">{count(ratio.numerator)} of {count(ratio.denominator)}</Text>
      </Tooltip>
    </Card>
  );
}

/** The stage cards (each opens the queue at that stage) and the period's performance cards. */
export function KpiCards({ summary, onStage }: { summary: DashboardSummary; onStage(stage: Stage): void }) {
  const { kpis } = summary;
  return (
    <Stack gap="md">
      <SimpleGrid cols={5} spacing="md">
        <Paper withBorder p="md" radius="md" className={classes.card} data-testid="kpi-arrears">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.4}>Accounts in arrears</Text>
          <Text fz={30} fw={750} lh={1.15} data-testid="kpi-value">{count(kpis.accountsInArrears)}</Text>
          <div className={classes.cardFoot}><Amounts amounts={kpis.pastDue} /></div>
        </Paper>
        {kpis.arrearsByStage.map((stage) => (
          <UnstyledButton key={stage.stage} onClick={() => onStage(stage.stage)} aria-label={`Open the queue at stage ${STAGE_LABELS[stage.stage]}`} className={classes.stageButton}>
            <Paper withBorder p="md" radius="md" className={classes.card} style={{ borderTop: `3px solid var(--mantine-color-${STAGE_COLORS[stage.stage]}-6)` }} data-testid={`kpi-stage-${stage.stage}`}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.4}>{STAGE_LABELS[stage.stage]}</Text>
              <Text fz={30} fw={750} lh={1.15} data-testid="kpi-value">{count(stage.accounts)}</Text>
              <div className={classes.cardFoot}><Amounts amounts={stage.pastDue} /></div>
            </Paper>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={6} spacing="md" className={classes.performanceRow}>
        <CollectedCard today={kpis.collectedToday} monthToDate={kpis.collectedMonthToDate} />
        <RateCard label="Promise-kept rate" ratio={kpis.promiseKeptRate} icon={<IconRosetteDiscountCheck size={20} />} color="indigo" testId="kpi-kept"
          explain="Promises kept among those that fell due in the period; cancelled ones and those still in their grace days are left out." />
        <RateCard label="Cure rate" ratio={kpis.cureRate} icon={<IconHeartHandshake size={20} />} color="green" testId="kpi-cure"
          explain="Accounts delinquent at the start of the period that are current at its end." />
        <RateCard label="Right-party contact" ratio={kpis.rightPartyContactRate} icon={<IconPhoneCheck size={20} />} color="blue" testId="kpi-rpc"
          explain="Conversations with the borrower among outbound call attempts in the period (voicemails and no answers are attempts)." />
        <Card label="Contacts today" value={count(kpis.contactsToday)} icon={<IconPhoneCall size={20} />} color="cyan" testId="kpi-contacts-today">
          <Text size="xs" c="dimmed">outbound, all channels</Text>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
