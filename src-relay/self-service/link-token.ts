import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const SELF_SERVICE_LANGUAGES = ['en', 'es'] as const;
export type SelfServiceLanguage = (typeof SELF_SERVICE_LANGUAGES)[number];

/** What a link grants: one loan, shown in one language, until `expiresAt` (Unix seconds). */
export interface LinkClaims {
  loanId: string;
  language: SelfServiceLanguage;
  expiresAt: number;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'tampered' | 'expired' };

const claimsSchema = z.object({ v: z.literal(1), l: z.string().min(1).max(128), g: z.enum(SELF_SERVICE_LANGUAGES), e: z.number().int().positive() }).strict();

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

function mac(secret: string, purpose: string, text: string): Buffer {
  return createHmac('sha256', secret).update(`${purpose}\u001f${text}`).digest();
}

function sameMac(expected: Buffer, presented: string): boolean {
  const given = Buffer.from(presented, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `<claims>.<HMAC-SHA256>`, both base64url: short enough for an SMS, opaque to the borrower. */
export function signLink(secret: string, claims: LinkClaims): string {
  const body = encode(JSON.stringify({ v: 1, l: claims.loanId, g: claims.language, e: claims.expiresAt }));
  return `${body}.${mac(secret, 'link', body).toString('base64url')}`;
}

/**
 * The signature is checked before anything in the token is read, so a forged loan id is never
 * looked up; expiry is judged only on a genuine link (an expired one says so, a tampered one never does).
 */
export function verifyLink(secret: string, token: string, nowSeconds: number): LinkCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || !sameMac(mac(secret, 'link', body), signature)) return { ok: false, reason: 'tampered' };
  let parsed: z.infer<typeof claimsSchema>;
  try {
    parsed = claimsSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'tampered' };
  }
  if (parsed.e <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { loanId: parsed.l, language: parsed.g, expiresAt: parsed.e } };
}

/**
 * The CSRF token of one rendered form: bound to the link, the form's kind and a nonce made when
 * the page was drawn. Another site cannot forge it without the secret, and the nonce is also the
 * submission's identity, so posting the same form twice is one request.
 */
export function formToken(secret: string, link: string, kind: string, nonce: string): string {
  return mac(secret, 'form', `${kind}\u001f${nonce}\u001f${link}`).toString('base64url');
}

export function verifyFormToken(secret: string, link: string, kind: string, nonce: string, presented: string): boolean {
  return sameMac(mac(secret, 'form', `${kind}\u001f${nonce}\u001f${link}`), presented);
}
