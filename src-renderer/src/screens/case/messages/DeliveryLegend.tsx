import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ThreadMessage } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { DeliveryTicks } from './DeliveryTicks';

const SAMPLES: { status: string; meaning: string }[] = [
  { status: 'queued', meaning: 'Queued: accepted, not yet handed to the carrier' },
  { status: 'sent', meaning: 'Sent: the carrier has it' },
  { status: 'delivered', meaning: "Delivered to the borrower's phone" },
  { status: 'undelivered', meaning: 'Not delivered: the carrier gave up (error shown)' },
];

const sample = (status: string): ThreadMessage => ({ id: status, channel: 'sms', direction: 'outbound', body: '', status, errorCode: null, errorMessage: null, at: '' });

/** What the ticks mean and where statuses and replies come from, for agents new to the thread. */
export function DeliveryLegend() {
  const status = useQuery({ queryKey: ['communications.status'], queryFn: () => call('communications.status', {}), staleTime: 60_000 });
  const source = status.data?.statusSource === 'relay' ? 'Twilio reports them to the relay as they happen' : 'This desktop asks Twilio every 10 seconds';
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={5}>Delivery marks</Title>
        {SAMPLES.map((row) => (
          <Group key={row.status} gap="sm" wrap="nowrap">
            <div style={{ width: 20, flexShrink: 0 }}><DeliveryTicks message={sample(row.status)} iconOnly /></div>
            <Text size="sm">{row.meaning}</Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed">Statuses and replies appear here without reloading. {source}.</Text>
        {status.data?.twilio.mode === 'sandbox' && <Text size="xs" c="orange">Sandbox mode: texts go to the local simulator and never reach the borrower.</Text>}
      </Stack>
    </Paper>
  );
}
