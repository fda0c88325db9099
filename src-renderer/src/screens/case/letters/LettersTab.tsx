import { Grid, Paper, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CaseSummary } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { Empty, LoadError, Loading } from '../../../components/QueryStatus';
import { letterKindLabel } from '../../../format/domain-labels';
import { formatDateTime } from '../../../format/time';
import { useUserNames } from '../case-queries';
import { GenerateLetter } from './GenerateLetter';
import { LetterPreview } from './LetterPreview';

/** Letters filed with the case: generate one, list them, preview, print and download. */
export function LettersTab({ summary }: { summary: CaseSummary }) {
  const caseId = summary.caseId;
  const nameOf = useUserNames();
  const letters = useQuery({ queryKey: ['letters.list', caseId], queryFn: () => call('letters.list', { caseId }) });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const list = letters.data?.letters ?? [];
  const selected = list.find((letter) => letter.id === selectedId) ?? null;
  return (
    <Grid gutter="md" align="stretch">
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack gap="md">
          <GenerateLetter summary={summary} onGenerated={(letter) => setSelectedId(letter.id)} />
          <Paper withBorder p="md">
            <Title order={5} mb="sm">Filed letters</Title>
            {letters.isPending && <Loading what="the letters" />}
            {letters.error && <LoadError what="The letters" error={letters.error} onRetry={() => void letters.refetch()} />}
            {letters.data && list.length === 0 && <Empty>No letters filed with this case yet.</Empty>}
            {list.length > 0 && (
              <Table highlightOnHover verticalSpacing={6} aria-label="Filed letters">
                <Table.Tbody>
                  {list.map((letter) => (
                    <Table.Tr key={letter.id} bg={letter.id === selectedId ? 'var(--mantine-color-indigo-light)' : undefined} data-testid="letter-row">
                      <Table.Td>
                        <UnstyledButton onClick={() => setSelectedId(letter.id)} aria-label={`Preview the ${letterKindLabel(letter.kind)} of ${formatDateTime(letter.createdAt)}`} w="100%">
                          <Text size="sm" fw={600}>{letterKindLabel(letter.kind)}</Text>
                          <Text size="xs" c="dimmed">{formatDateTime(letter.createdAt)} · {nameOf(letter.createdBy) ?? (letter.createdBy ? 'Another user' : 'Dunning')} · {letter.language.toUpperCase()}</Text>
                        </UnstyledButton>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}><LetterPreview letter={selected} /></Grid.Col>
    </Grid>
  );
}
