import { Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CaseSummary } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { Empty, LoadError, Loading } from '../../../components/QueryStatus';
import { CalculatorOptions } from './CalculatorOptions';
import { OfferCard } from './OfferCard';

/** Settlement offers on the case, newest first, with the calculator beside them to draft another. */
export function SettlementsTab({ summary }: { summary: CaseSummary }) {
  const caseId = summary.caseId;
  const active = summary.closedOn === null;
  const offers = useQuery({ queryKey: ['settlements.list', caseId], queryFn: () => call('settlements.list', { caseId }) });
  const [lastDrafted, setLastDrafted] = useState<string | null>(null);
  const list = offers.data ?? [];
  const waiting = list.filter((offer) => offer.status === 'pending_approval').length;
  return (
    <Grid gutter="md" align="flex-start">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={5}>Offers</Title>
            {waiting > 0 && <Text size="sm" c="orange">{waiting} waiting for approval</Text>}
          </Group>
          {offers.isPending && <Loading what="the settlement offers" />}
          {offers.error && <LoadError what="The settlement offers" error={offers.error} onRetry={() => void offers.refetch()} />}
          {offers.data && list.length === 0 && (
            <Paper withBorder><Empty hint="Draft one from the calculator's options.">No settlement offers on this case.</Empty></Paper>
          )}
          {list.map((offer) => <OfferCard key={offer.id} offer={offer} active={active} highlighted={offer.id === lastDrafted} />)}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <CalculatorOptions caseId={caseId} active={active} onDrafted={(offer) => setLastDrafted(offer.id)} />
      </Grid.Col>
    </Grid>
  );
}
