import { describe, expect, it } from 'vitest';
import { isOptInReply, isOptOutReply } from './opt-out';

describe('isOptOutReply', () => {
  it.each(['STOP', 'stop', '  Stop \n', 'UNSUBSCRIBE', 'end', 'Quit', 'STOPALL', 'revoke', 'OPTOUT', 'cancel'])('%j opts out', (body) => {
    expect(isOptOutReply(body)).toBe(true);
  });
  it.each(['please stop calling', 'STOP.', 'START', 'I will pay', '', 'stop stop'])('%j does not', (body) => {
    expect(isOptOutReply(body)).toBe(false);
  });
});

describe('isOptInReply', () => {
  it.each(['START', ' start ', 'Unstop', 'UNSTOP\n'])('%j opts back in', (body) => {
    expect(isOptInReply(body)).toBe(true);
  });
  it.each(['YES', 'yes', 'STOP', 'start again', 'START.', ''])('%j does not', (body) => {
    expect(isOptInReply(body)).toBe(false);
  });
});
