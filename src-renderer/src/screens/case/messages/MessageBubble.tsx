import { Box, Group, Paper, Text } from '@mantine/core';
import { IconBrandWhatsapp, IconMessage } from '@tabler/icons-react';
import type { ThreadMessage } from '../../../../../src-shared/contract';
import { DeliveryTicks } from './DeliveryTicks';

const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });

/** One text in the thread: ours on the right with delivery ticks, the borrower's replies on the left. */
export function MessageBubble({ message }: { message: ThreadMessage }) {
  const outbound = message.direction === 'outbound';
  const failed = message.status === 'failed' || message.status === 'undelivered';
  const ChannelIcon = message.channel === 'whatsapp' ? IconBrandWhatsapp : IconMessage;
  return (
    <Group justify={outbound ? 'flex-end' : 'flex-start'} data-testid="thread-message" data-direction={message.direction}>
      <Box maw="72%">
        <Paper
          px="sm"
          py={8}
          radius="lg"
          bg={outbound ? (failed ? 'var(--mantine-color-red-light)' : 'var(--mantine-color-indigo-light)') : 'var(--mantine-color-default-hover)'}
          style={{ borderBottomRightRadius: outbound ? 4 : undefined, borderBottomLeftRadius: outbound ? undefined : 4 }}
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.body}</Text>
        </Paper>
        <Group gap={6} justify={outbound ? 'flex-end' : 'flex-start'} mt={2} px={4}>
          <ChannelIcon size={12} color="var(--mantine-color-dimmed)" aria-label={message.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} />
          <Text size="xs" c="dimmed">{outbound ? '' : 'Borrower · '}{time.format(new Date(message.at))}</Text>
          {outbound && <DeliveryTicks message={message} />}
        </Group>
      </Box>
    </Group>
  );
}
