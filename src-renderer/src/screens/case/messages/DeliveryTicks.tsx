import { Group, Text, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconChecks, IconClock } from '@tabler/icons-react';
import type { ThreadMessage } from '../../../../../src-shared/contract';

interface Look {
  label: string;
  color: string;
  icon: typeof IconCheck;
}

const LOOKS: Record<string, Look> = {
  queued: { label: 'Queued', color: 'var(--mantine-color-dimmed)', icon: IconCheck },
  sent: { label: 'Sent', color: 'var(--mantine-color-text)', icon: IconCheck },
  delivered: { label: 'Delivered', color: 'var(--mantine-color-teal-6)', icon: IconChecks },
  undelivered: { label: 'Not delivered', color: 'var(--mantine-color-red-6)', icon: IconAlertCircle },
  failed: { label: 'Failed', color: 'var(--mantine-color-red-6)', icon: IconAlertCircle },
};
const UNKNOWN: Look = { label: 'Sending', color: 'var(--mantine-color-gray-5)', icon: IconClock };

/** An outbound text's delivery as ticks: ✓ grey queued, ✓ sent, ✓✓ delivered, red with Twilio's error when it failed. */
export function DeliveryTicks({ message, iconOnly = false }: { message: ThreadMessage; iconOnly?: boolean }) {
  const look = LOOKS[message.status] ?? UNKNOWN;
  const Icon = look.icon;
  const failed = message.status === 'failed' || message.status === 'undelivered';
  const label = failed && message.errorCode ? `${look.label} (Twilio error ${message.errorCode})` : look.label;
  // The code is what support asks for; the words are what the agent can act on.
  const explained = failed && message.errorMessage ? `${label}: ${message.errorMessage}` : label;
  return (
    <Tooltip label={explained} multiline w={320}>
      <Group gap={3} wrap="nowrap" data-testid="delivery-status" data-status={message.status} aria-label={explained} role="img">
        <Icon size={16} color={look.color} stroke={2.2} />
        {failed && !iconOnly && <Text size="xs" c="red" fw={600}>{label}</Text>}
      </Group>
    </Tooltip>
  );
}
