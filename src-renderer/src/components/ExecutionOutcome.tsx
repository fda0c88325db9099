import { Alert, List, Text } from '@mantine/core';
import type { ExecutionResult } from '../../../src-shared/contract';
import { reasonText } from '../format/contact-reasons';
import { formatDateTime } from '../format/time';

const LOOK: Record<ExecutionResult['outcome'], { color: string; title: string }> = {
  sent: { color: 'teal', title: 'Sent to the carrier' },
  deferred: { color: 'orange', title: 'Deferred: it will be sent when compliance allows' },
  blocked: { color: 'red', title: 'Blocked by compliance: not sent' },
  failed: { color: 'red', title: 'Not sent: the carrier refused it' },
  skipped: { color: 'gray', title: 'Skipped' },
};

/** What became of the last send or letter, kept in view until dismissed: deferred, blocked and failed need the agent to know. */
export function ExecutionOutcome({ result, timeZone, onClose }: { result: ExecutionResult; timeZone: string | null; onClose(): void }) {
  const look = LOOK[result.outcome];
  return (
    <Alert color={look.color} title={look.title} withCloseButton onClose={onClose} closeButtonLabel="Dismiss" data-testid="execution-outcome" data-outcome={result.outcome}>
      {result.outcome === 'deferred' && result.action.scheduledAt && (
        <Text size="sm">Scheduled for <b>{formatDateTime(result.action.scheduledAt, timeZone)}</b>{timeZone ? ' borrower time' : ''}.</Text>
      )}
      {result.outcome === 'failed' && result.action.errorMessage && <Text size="sm">{result.action.errorMessage}</Text>}
      {result.reasons.length > 0 && result.outcome !== 'failed' && (
        <List size="sm" spacing={2}>{result.reasons.map((reason) => <List.Item key={reason}>{reasonText(reason)}</List.Item>)}</List>
      )}
    </Alert>
  );
}
