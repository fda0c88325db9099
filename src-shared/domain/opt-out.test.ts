import { describe, expect, it } from 'vitest';
import { isOptOutReply } from './opt-out';

describe('isOptOutReply', () => {
  it.each(['STOP', 'stop', '  Stop \n', 'UNSUBSCRIBE', 'end', 'Quit', 'STOPALL', 'revoke', 'OPTOUT', 'cancel'])('%j opts out', (body) => {
    expect(isOptOutReply(body)).toBe(true);
  });
  it.each(['please stop calling', 'STOP.', 'START', 'I will pay', '', 'stop stop'])('%j does not', (body) => {
    expect(isOptOutReply(body)).toBe(false);
  });
});
