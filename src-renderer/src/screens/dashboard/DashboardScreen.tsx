import { Badge, Button, Grid, Group, Menu, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import type { DashboardQuery } from '../../../../src-shared/contract';
import type { Bucket, Stage } from '../../../../src-shared/domain/vocabulary';
import { call } from '../../api/client';
import { LoadError, Loading } from '../../components/QueryStatus';
import { formatDate } from '../../format/time';
import { AgentTable } from './AgentTable';
import { AgingChart } from './AgingChart';
import classes from './Dashboard.module.css';
import { downloadCsv } from '../../components/download-csv';
import { agentCsv, kpiCsv } from './dashboard-csv';
import { KpiCards } from './KpiCards';
import { PeriodPicker } from './PeriodPicker';
import { RollMatrix } from './RollMatrix';
import { TrendChart } from './TrendChart';

/** What a drill-down asks of the queue: the cases behind a chart's bar or a stage card. */
export interface DrillDown {
  stages?: Stage[];
  buckets?: Bucket[];
}

function Panel({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" radius="md" className={classes.panel} h="100%" data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Text fw={650}>{title}</Text>
        {extra}
      </Group>
      {children}
    </Paper>
  );
}

/** The supervisor's dashboard: KPI cards, aging, trend, roll matrix and agent table for a period and currency. */
export function DashboardScreen({ onDrillDown }: { onDrillDown(filters: DrillDown): void }) {
  const client = useQueryClient();
  const [query, setQuery] = useState<DashboardQuery>({});
  const summary = useQuery({ queryKey: ['dashboard.summary', query], queryFn: () => call('dashboard.summary', query), placeholderData: keepPreviousData });
  useEffect(() => {
    const refresh = () => void client.invalidateQueries({ queryKey: ['dashboard.summary'] });
    const offCases = window.api.on('cases.changed', refresh);
    const offEngine = window.api.on('engine.progress', (progress) => progress.finished && refresh());
    return () => {
      offCases();
      offEngine();
    };
  }, [client]);

  if (summary.isPending) return <Loading what="the dashboard" />;
  if (!summary.data) return <LoadError what="The dashboard" error={summary.error!} onRetry={() => void summary.refetch()} />;
  const data = summary.data;
  const stamp = `${data.from}_${data.to}${data.currency ? `_${data.currency}` : ''}`;
  return (
    <Stack gap="md" data-testid="dashboard">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div style={{ minWidth: 0, flex: 1 }}>
          <Title order={2}>Collections dashboard</Title>
          <Text c="dimmed" size="sm">
            {formatDate(data.from)} – {formatDate(data.to)} · business date {formatDate(data.businessDate)}
            {summary.isFetching ? ' · updating' : ''}
          </Text>
        </div>
        <Group gap="sm" align="flex-end" wrap="nowrap" style={{ flexShrink: 0 }}>
          <PeriodPicker businessDate={data.businessDate} from={data.from} to={data.to} onChange={(range) => setQuery((q) => ({ ...q, ...range }))} />
          <Select
            label="Currency"
            aria-label="Currency"
            data={[{ value: '', label: 'All currencies' }, ...data.currencies.map((c) => ({ value: c, label: c }))]}
            value={data.currency ?? ''}
            onChange={(value) => setQuery(({ currency: _dropped, ...rest }) => (value ? { ...rest, currency: value } : rest))}
            allowDeselect={false}
            w={150}
          />
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" leftSection={<IconDownload size={16} />}>Export</Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => downloadCsv(`recourse-kpis_${stamp}.csv`, kpiCsv(data))}>KPIs and aging</Menu.Item>
              <Menu.Item onClick={() => downloadCsv(`recourse-agents_${stamp}.csv`, agentCsv(data))}>Agent performance</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      {summary.error && <LoadError what="The new period" error={summary.error} />}
      <KpiCards summary={data} onStage={(stage) => onDrillDown({ stages: [stage] })} />
      <Grid gutter="md">
        <Grid.Col span={6}>
          <Panel title="DPD aging" testId="aging-panel" extra={<Text size="xs" c="dimmed">Active cases · click a bar for its cases</Text>}>
            <AgingChart aging={data.aging} onBucket={(bucket) => onDrillDown({ buckets: [bucket] })} />
          </Panel>
        </Grid.Col>
        <Grid.Col span={6}>
          <Panel title="30-day trend" testId="trend-panel" extra={<Text size="xs" c="dimmed">Daily snapshots to {formatDate(data.to)}</Text>}>
            <TrendChart trend={data.trend} currency={data.currency} />
          </Panel>
        </Grid.Col>
        <Grid.Col span={12}>
          <Panel title="Roll rates" testId="roll-panel" extra={<Badge variant="light" color="gray">{data.roll.matrix.reduce((sum, row) => sum + row.accounts, 0).toLocaleString()} active loans</Badge>}>
            <RollMatrix matrix={data.roll.matrix} rates={data.roll.rates} startOn={data.startOn} to={data.to} />
          </Panel>
        </Grid.Col>
        <Grid.Col span={12}>
          <Panel title="Agent performance" testId="agents-panel" extra={<Text size="xs" c="dimmed">Collected: payments in the period on each agent’s cases</Text>}>
            <AgentTable agents={data.agents} />
          </Panel>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
