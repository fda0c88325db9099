import { Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import type { RecoveryActionView } from '../../../../../src-shared/contract';
import { formatPhone } from '../../../format/phone';
import { formatDateTime, formatRelative } from '../../../format/time';
import { ACTION_STATUS_LOOK, ACTION_TYPE_LABELS, TRIGGER_LABELS } from './recovery-labels';

/** One action with its delivery as it stands (updated live by callbacks or polling), and Execute while it is pending. */
export function RecoveryActionItem({ action, timeZone, canExecute, executing, onExecute }: {
  action: RecoveryActionView;
  timeZone: string | null;
  canExecute: boolean;
  executing: boolean;
  onExecute(): void;
}) {
  const look = ACTION_STATUS_LOOK[action.status];
  const recipient = action.recipient?.startsWith('+') ? formatPhone(action.recipient) : action.recipient;
  return (
    <Paper withBorder p="xs" data-testid="recovery-action" data-status={action.status} data-type={action.type}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600}>{ACTION_TYPE_LABELS[action.type]}</Text>
          <Badge size="sm" color={look.color} variant="light">{look.label}</Badge>
        </Group>
        {recipient && <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>To {recipient}</Text>}
        <Text size="xs" c="dimmed">
          Created {formatRelative(action.createdAt)} {TRIGGER_LABELS[action.triggeredBy]}
          {action.sentAt && ` · sent ${formatDateTime(action.sentAt)}`}
          {action.deliveredAt && ` · delivered ${formatDateTime(action.deliveredAt)}`}
        </Text>
        {action.status === 'pending' && action.scheduledAt && (
          <Text size="xs" c="orange">Deferred by compliance until {formatDateTime(action.scheduledAt, timeZone)}{timeZone ? ' borrower time' : ''}</Text>
        )}
        {action.errorMessage && <Text size="xs" c="red">{action.errorCode ? `Error ${action.errorCode}: ` : ''}{action.errorMessage}</Text>}
        {action.status === 'pending' && canExecute && (
          <Group justify="flex-end">
            <Tooltip label="Send it now, through the compliance gate">
              <Button size="compact-xs" variant="light" leftSection={<IconPlayerPlay size={12} />} loading={executing} onClick={onExecute}>Execute</Button>
            </Tooltip>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
