import { Grid, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { CaseSummary } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { LoadError, Loading } from '../../../components/QueryStatus';
import { ConsentsCard } from './ConsentsCard';
import { ContactHistoryCard } from './ContactHistoryCard';
import { ContactNowList } from './ContactNowList';
import { HoldsCard } from './HoldsCard';
import { RuleCard } from './RuleCard';

/** Why contact is or is not allowed: the gate's answer now, the holds, the rule, the consents and every attempt so far. */
export function ComplianceTab({ summary }: { summary: CaseSummary }) {
  const caseId = summary.caseId;
  const compliance = useQuery({ queryKey: ['cases.compliance', caseId], queryFn: () => call('cases.compliance', { caseId }) });
  if (compliance.isPending) return <Loading what="the compliance record" />;
  if (compliance.error) return <LoadError what="The compliance record" error={compliance.error} onRetry={() => void compliance.refetch()} />;
  const view = compliance.data;
  return (
    <Grid gutter="md" align="flex-start">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="md">
          <ContactHistoryCard view={view} />
          <RuleCard view={view} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack gap="md">
          <ContactNowList summary={summary} />
          <HoldsCard view={view} />
          <ConsentsCard view={view} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
