import { Alert, List, Text } from '@mantine/core';
import { IconCircleCheck, IconClockPause, IconHandStop } from '@tabler/icons-react';
import type { ContactCheck } from '../../../src-shared/contract';
import { reasonText } from '../format/contact-reasons';
import { formatDateTime } from '../format/time';
import { VERDICT_COLORS, verdictOf } from './contact-verdict';

const ICONS = { allowed: IconCircleCheck, later: IconClockPause, blocked: IconHandStop };

interface Props {
  decision: ContactCheck;
  /** What the agent is about to do, e.g. "Sending an SMS", "This call". */
  subject: string;
  /** The borrower's IANA zone, for the next allowed time as they would read it. */
  timeZone: string | null;
}

/** The compliance gate's answer for one contact, in full: verdict, every reason, and when it clears. */
export function ContactVerdict({ decision, subject, timeZone }: Props) {
  const kind = verdictOf(decision);
  const Icon = ICONS[kind];
  const title = kind === 'allowed' ? `${subject} is allowed now` : kind === 'later' ? `${subject} is not allowed right now` : `${subject} is blocked`;
  return (
    <Alert color={VERDICT_COLORS[kind]} variant="light" icon={<Icon size={18} />} title={title} data-testid="contact-verdict" data-verdict={kind} py="xs">
      {kind !== 'allowed' && (
        <List size="sm" spacing={2}>
          {decision.reasons.map((reason) => <List.Item key={reason}>{reasonText(reason)}</List.Item>)}
        </List>
      )}
      {kind === 'later' && (
        <Text size="sm" mt={4}>
          Next allowed <b>{formatDateTime(decision.nextAllowedAt!, timeZone ?? undefined)}</b>
          {timeZone ? <>, borrower time <Text span c="dimmed" size="xs">({formatDateTime(decision.nextAllowedAt!)} yours)</Text></> : ', your time (the borrower\'s zone is unknown)'}
        </Text>
      )}
      {kind === 'blocked' && <Text size="xs" c="dimmed" mt={4}>This stays blocked until the borrower's record changes.</Text>}
    </Alert>
  );
}
