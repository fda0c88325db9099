import { Grid } from '@mantine/core';
import type { CaseSummary } from '../../../../../src-shared/contract';
import { ActivityTimeline } from './ActivityTimeline';
import { LogActivityForm } from './LogActivityForm';

/** The case's history beside the form that adds to it. */
export function InteractionsTab({ summary, focusNonce }: { summary: CaseSummary; focusNonce: number }) {
  return (
    <Grid gutter="md" align="flex-start">
      <Grid.Col span={{ base: 12, lg: 7 }}><ActivityTimeline caseId={summary.caseId} /></Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }} style={{ position: 'sticky', top: 72 }}><LogActivityForm summary={summary} focusNonce={focusNonce} /></Grid.Col>
    </Grid>
  );
}
