import { describe, expect, it } from 'vitest';
import { harnessOrigins, isAllowedOrigin } from './allowed-origins';

describe('isAllowedOrigin', () => {
  const own = harnessOrigins('127.0.0.1', 5180);

  it.each([
    ['http://127.0.0.1:5180', true],
    ['http://localhost:5180', true],
    ['http://LOCALHOST:5180', true],
    ['http://127.0.0.1:5181', false],
    ['https://127.0.0.1:5180', false],
    ['http://127.0.0.1', false],
    ['http://localhost.evil.example:5180', false],
    ['http://evil.example', false],
    ['null', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (origin, allowed) => {
    expect(isAllowedOrigin(origin, own)).toBe(allowed);
  });

  it('accepts the host the harness was started on, but never a wildcard bind address', () => {
    expect(isAllowedOrigin('http://recourse.lan:5180', harnessOrigins('recourse.lan', 5180))).toBe(true);
    expect([...harnessOrigins('0.0.0.0', 5180)]).toEqual(['http://127.0.0.1:5180', 'http://localhost:5180']);
    expect(isAllowedOrigin('http://0.0.0.0:5180', harnessOrigins('0.0.0.0', 5180))).toBe(false);
  });
});
