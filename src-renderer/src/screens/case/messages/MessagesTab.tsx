import { Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { CaseSummary } from '../../../../../src-shared/contract';
import { formatPhone } from '../../../format/phone';
import { DeliveryLegend } from './DeliveryLegend';
import { MessageThread } from './MessageThread';
import { SendBox } from './SendBox';

/** The text conversation with the borrower: the thread beside the send box, and what the marks mean. */
export function MessagesTab({ summary, focusNonce }: { summary: CaseSummary; focusNonce: number }) {
  return (
    <Grid gutter="md" align="flex-start">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            Thread with {summary.borrowerName}
            <Text span size="sm" c="dimmed" fw={400}> · {summary.borrower.primaryPhone ? formatPhone(summary.borrower.primaryPhone) : 'no phone on file'}</Text>
          </Title>
          <MessageThread caseId={summary.caseId} height="calc(100vh - 340px)" />
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack gap="md">
          <Paper withBorder p="md">
            <Group justify="space-between" mb="sm"><Title order={5}>New message</Title><Text size="xs" c="dimmed">Shortcut: S</Text></Group>
            <SendBox summary={summary} focusNonce={focusNonce} />
          </Paper>
          <DeliveryLegend />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
