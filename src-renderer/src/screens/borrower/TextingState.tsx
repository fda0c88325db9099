import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { PhoneView } from '../../../../src-shared/contract';
import { formatDateTime } from '../../format/time';
import { CONSENT_METHOD_LABELS, OPT_OUT_VIA_LABELS } from './texting-labels';

/**
 * Whether the number may be texted: an opt-out binds the number, so it shows on every row that
 * holds it, whatever the row's consent box says; a restore says how texting came back.
 */
export function TextingState({ phone }: { phone: PhoneView }) {
  if (phone.optedOutAt) {
    const via = OPT_OUT_VIA_LABELS[phone.optedOutVia ?? 'reply'];
    return (
      <Tooltip label="No SMS or WhatsApp goes to this number, on any of the borrower's rows, until they reply START from it or their consent is recorded" multiline w={280}>
        <Badge size="sm" color="red" variant="light">Opted out ({via}) {formatDateTime(phone.optedOutAt)}</Badge>
      </Tooltip>
    );
  }
  const restored = phone.textingRestored;
  const consent = phone.smsConsent ? <Badge size="sm" color="teal" variant="light">SMS consent</Badge> : <Badge size="sm" color="gray" variant="light">No SMS consent</Badge>;
  if (!restored) return consent;
  const how = restored.via === 'reply'
    ? 'the borrower replied START'
    : `${restored.method ? CONSENT_METHOD_LABELS[restored.method] : 'consent'} ${restored.reference ?? ''}, recorded by ${restored.recordedBy ?? 'a user'}`;
  return (
    <Group gap={4} wrap="nowrap">
      {consent}
      <Tooltip label={`Texting restored ${formatDateTime(restored.at)}: ${how}`} multiline w={280}>
        <Text size="xs" c="dimmed">restored</Text>
      </Tooltip>
    </Group>
  );
}
