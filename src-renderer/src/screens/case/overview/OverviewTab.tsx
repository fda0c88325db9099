import { Alert, Grid } from '@mantine/core';
import type { CaseSummary } from '../../../../../src-shared/contract';
import { useCaseDetail } from '../case-queries';
import { BorrowerCard } from './BorrowerCard';
import { ContactNowCard } from './ContactNowCard';
import { FlagsCard } from './FlagsCard';
import { NextBestActionCard } from './NextBestActionCard';
import { SlaCard } from './SlaCard';
import { StandingCard } from './StandingCard';

/**
 * Column widths follow the tab's own width, not the window's, so the cards keep their room when
 * the recovery sidebar takes a column beside the tabs.
 */
const CONTAINER_BREAKPOINTS = { xs: '480px', sm: '640px', md: '760px', lg: '1040px', xl: '1280px' };

/** The case at a glance: standing, what to do next, timers, whether contact is allowed now, flags and the borrower. */
export function OverviewTab({ summary }: { summary: CaseSummary }) {
  const detail = useCaseDetail(summary.caseId);
  return (
    <Grid gutter="md" type="container" breakpoints={CONTAINER_BREAKPOINTS} data-testid="case-summary">
      {detail.error && <Grid.Col span={12}><Alert color="red" title="Timers and flags could not be loaded">{detail.error.message}</Alert></Grid.Col>}
      <Grid.Col span={{ base: 12, lg: 6 }}><StandingCard summary={summary} /></Grid.Col>
      <Grid.Col span={{ base: 12, md: 6, lg: 3 }}><NextBestActionCard summary={summary} detail={detail.data} /></Grid.Col>
      <Grid.Col span={{ base: 12, md: 6, lg: 3 }}><SlaCard summary={summary} detail={detail.data} /></Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}><ContactNowCard summary={summary} /></Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}><FlagsCard summary={summary} detail={detail.data} /></Grid.Col>
      <Grid.Col span={12}><BorrowerCard summary={summary} /></Grid.Col>
    </Grid>
  );
}
