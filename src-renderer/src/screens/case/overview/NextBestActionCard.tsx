import { Badge, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBulb, IconPencil } from '@tabler/icons-react';
import type { CaseDetail, CaseSummary } from '../../../../../src-shared/contract';
import { useCan } from '../../../app/session-context';
import { NBA_LABELS, NBA_WHY } from '../../../format/domain-labels';
import { OverrideNbaModal } from './OverrideNbaModal';

/** The engine's recommended next step with its confidence, and the agent's override if one was made. */
export function NextBestActionCard({ summary, detail }: { summary: CaseSummary; detail: CaseDetail | undefined }) {
  const canOverride = useCan('update_case');
  const [opened, { open, close }] = useDisclosure(false);
  const override = detail?.nbaOverride ?? null;
  const confidence = summary.nbaConfidence === null ? null : Math.round(summary.nbaConfidence * 100);
  return (
    <Paper withBorder p="md" h="100%">
      <Stack gap="sm" h="100%">
        <Group justify="space-between">
          <Group gap={6}><IconBulb size={18} color="var(--mantine-color-indigo-6)" /><Title order={5}>Next best action</Title></Group>
          {override && <Badge color="grape" variant="light">Overridden</Badge>}
        </Group>
        {summary.nbaAction === null && !override ? (
          <Text size="sm" c="dimmed">No action recommended: the account is not past due.</Text>
        ) : (
          <>
            <Text size="xl" fw={700} lh={1.2} data-testid="nba-action">{NBA_LABELS[override?.action ?? summary.nbaAction!]}</Text>
            {override ? (
              <Stack gap={2}>
                <Text size="sm">“{override.reason}”</Text>
                <Text size="xs" c="dimmed">
                  {override.byName ?? 'An agent'} chose this over the engine's {summary.nbaAction ? NBA_LABELS[summary.nbaAction] : 'no action'}.
                </Text>
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">{NBA_WHY[summary.nbaAction!]}</Text>
            )}
            {!override && confidence !== null && (
              <div>
                <Group justify="space-between" mb={4}><Text size="xs" c="dimmed">Confidence</Text><Text size="xs" fw={600}>{confidence}%</Text></Group>
                <Progress value={confidence} color={confidence >= 85 ? 'teal' : confidence >= 75 ? 'indigo' : 'yellow'} size="sm" aria-label={`Confidence ${confidence}%`} />
              </div>
            )}
          </>
        )}
        {canOverride && (
          <Button variant="light" size="xs" leftSection={<IconPencil size={14} />} onClick={open} mt="auto" style={{ alignSelf: 'flex-start' }}>
            Override with reason
          </Button>
        )}
      </Stack>
      <OverrideNbaModal caseId={summary.caseId} recommended={summary.nbaAction} opened={opened} onClose={close} />
    </Paper>
  );
}
