import { describe, expect, it } from 'vitest';
import { messageStatusFromTwilio, nextMessageStatus, type MessageStatus } from './message-status';

describe('nextMessageStatus (forward only)', () => {
  const rows: [MessageStatus, MessageStatus, MessageStatus][] = [
    ['queued', 'sent', 'sent'],
    ['queued', 'delivered', 'delivered'],
    ['queued', 'failed', 'failed'],
    ['sent', 'queued', 'sent'],
    ['sent', 'delivered', 'delivered'],
    ['sent', 'undelivered', 'undelivered'],
    ['delivered', 'sent', 'delivered'],
    ['delivered', 'queued', 'delivered'],
    ['delivered', 'failed', 'delivered'],
    ['undelivered', 'delivered', 'undelivered'],
    ['failed', 'delivered', 'failed'],
    ['received', 'delivered', 'received'],
    ['received', 'sent', 'received'],
    ['sent', 'sent', 'sent'],
  ];
  it.each(rows)('%s + %s → %s', (current, incoming, expected) => {
    expect(nextMessageStatus(current, incoming)).toBe(expected);
  });
});

describe('messageStatusFromTwilio', () => {
  it.each([
    ['queued', 'queued'], ['sent', 'sent'], ['delivered', 'delivered'], ['read', 'delivered'], ['undelivered', 'undelivered'],
    ['failed', 'failed'], ['accepted', null], ['sending', null], ['canceled', null], ['nonsense', null],
  ])('%s → %s', (twilioStatus, expected) => {
    expect(messageStatusFromTwilio(twilioStatus)).toBe(expected);
  });
});
