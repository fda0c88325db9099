import { describe, expect, it } from 'vitest';
import { formToken, signLink, verifyFormToken, verifyLink } from './link-token';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const NOW = 1_795_000_000;
const claims = { loanId: 'loan-1', language: 'es' as const, expiresAt: NOW + 3600 };

/** Flips one base64url character of `text` at `index` to another valid one. */
function flip(text: string, index: number): string {
  return `${text.slice(0, index)}${text[index] === 'A' ? 'B' : 'A'}${text.slice(index + 1)}`;
}

describe('signed self-service links', () => {
  it('a link signed with the secret gives back its loan, language and expiry', () => {
    expect(verifyLink(SECRET, signLink(SECRET, claims), NOW)).toEqual({ ok: true, claims });
  });

  it.each([
    ['a changed signature', (token: string) => flip(token, token.length - 3)],
    ['a changed claim', (token: string) => flip(token, 5)],
    ['another loan under the same signature', (token: string) => `${Buffer.from(JSON.stringify({ v: 1, l: 'loan-2', g: 'es', e: NOW + 3600 })).toString('base64url')}.${token.split('.')[1]}`],
    ['no signature', (token: string) => token.split('.')[0]!],
    ['an extra part', (token: string) => `${token}.x`],
    ['nothing', () => ''],
  ])('%s is refused as tampered', (_name, tamper) => {
    expect(verifyLink(SECRET, tamper(signLink(SECRET, claims)), NOW)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('a link signed with another secret is tampered, even when expired', () => {
    expect(verifyLink(SECRET, signLink('another-secret-of-at-least-32-chars!!', { ...claims, expiresAt: NOW - 1 }), NOW)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('a genuine link is expired from its expiry second on', () => {
    const token = signLink(SECRET, claims);
    expect(verifyLink(SECRET, token, claims.expiresAt - 1).ok).toBe(true);
    expect(verifyLink(SECRET, token, claims.expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a form token holds only for its link, form and nonce', () => {
    const link = signLink(SECRET, claims);
    const other = signLink(SECRET, { ...claims, loanId: 'loan-2' });
    const nonce = '3b241101-e2bb-4255-8caf-4136c566a962';
    const token = formToken(SECRET, link, 'plan', nonce);
    expect(verifyFormToken(SECRET, link, 'plan', nonce, token)).toBe(true);
    expect(verifyFormToken(SECRET, other, 'plan', nonce, token)).toBe(false);
    expect(verifyFormToken(SECRET, link, 'dispute', nonce, token)).toBe(false);
    expect(verifyFormToken(SECRET, link, 'plan', '3b241101-e2bb-4255-8caf-4136c566a963', token)).toBe(false);
    expect(verifyFormToken(SECRET, link, 'plan', nonce, '')).toBe(false);
  });
});
