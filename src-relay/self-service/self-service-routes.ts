import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { authenticateDevice, presentedToken } from '../devices/authenticate-device';
import { authenticateUser } from '../identity/authenticate-user';
import { readFormParams } from '../http/read-form';
import { readJson } from '../http/read-json';
import { sendJson } from '../http/responses';
import type { RelayServices, Route, RouteRequest } from '../http/route';
import { FORM_PATHS, accountPage, type FormProblem } from './account-page';
import { refusalPage } from './html';
import { SELF_SERVICE_LANGUAGES, verifyFormToken, verifyLink, type LinkClaims, type SelfServiceLanguage } from './link-token';
import { loadLoanAccount } from './loan-account';
import { MAX_LINK_DAYS, mintLink, SELF_SERVICE_PATH } from './mint-link';
import { PAGE_STYLES } from './page-styles';
import { textFor, type ErrorKey } from './page-text';
import { recordSubmission } from './record-submission';
import { SUBMISSION_KINDS, SUBMISSION_SCHEMAS, type SubmissionKind } from './submission-forms';

/**
 * No script, no frames, nothing from elsewhere; the link's token sits in the URL, so no Referer
 * may carry it off and no cache may keep the page.
 */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

function sendPage(response: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...PAGE_HEADERS, ...headers });
  response.end(html);
}

/** A refused link has no language of its own: the browser's is the best guess. */
function browserLanguage({ request }: RouteRequest): SelfServiceLanguage {
  return /^\s*es\b/i.test(request.headers['accept-language'] ?? '') ? 'es' : 'en';
}

const mintRequest = z
  .object({ accountNumber: z.string().trim().min(1).max(64), days: z.number().int().min(1).max(MAX_LINK_DAYS).optional(), language: z.enum(SELF_SERVICE_LANGUAGES).optional() })
  .strict();

/** The message key of a refused field: the schemas name their problems by the key the page shows. */
function problemOf(error: z.ZodError, kind: SubmissionKind, fields: Record<string, string>): FormProblem {
  const issue = error.issues[0]!;
  const field = issue.path.length > 0 ? String(issue.path[0]) : null;
  const text = textFor('en').errors;
  const key = (Object.hasOwn(text, issue.message) ? issue.message : 'invalid') as ErrorKey;
  const { t: _t, nonce: _nonce, csrf: _csrf, ...values } = fields;
  return { kind, field, key, values };
}

/**
 * Borrower self-service (issue 8): a page per signed link, and one form per request, each posted
 * back with the link and a CSRF token bound to it. `secret` null (a Postgres relay without
 * `RELAY_SELF_SERVICE_SECRET`) answers every page 503, so no link is ever judged with a key other
 * relays do not share.
 */
export function selfServiceRoutes(services: RelayServices, secret: string | null): Route[] {
  const { db } = services.database;
  const now = () => new Date();

  /** The link's claims, or the refusal already sent (403 forged, 410 expired): never a borrower's data. */
  const claimsOf = (input: RouteRequest, token: string | null): LinkClaims | null => {
    const fallback = browserLanguage(input);
    if (secret === null) {
      sendPage(input.response, 503, refusalPage(fallback, textFor(fallback).unavailable));
      return null;
    }
    const check = verifyLink(secret, token ?? '', Math.floor(now().getTime() / 1000));
    if (check.ok) return check.claims;
    sendPage(input.response, check.reason === 'expired' ? 410 : 403, refusalPage(fallback, textFor(fallback)[check.reason]));
    return null;
  };

  const showAccount = async (input: RouteRequest, claims: LinkClaims, link: string, status: number, extra: { done: SubmissionKind | null; problem: FormProblem | null }) => {
    const account = await loadLoanAccount(db, claims.loanId);
    if (!account) {
      sendPage(input.response, 404, refusalPage(claims.language, textFor(claims.language).notFound));
      return;
    }
    sendPage(input.response, status, accountPage({ account, claims, link, secret: secret!, ...extra }));
  };

  const submission = (kind: SubmissionKind): Route => ({
    method: 'POST',
    path: FORM_PATHS[kind],
    async handle(input) {
      const fields = await readFormParams(input.request);
      const link = fields.t ?? '';
      const claims = claimsOf(input, link);
      if (!claims) return;
      if (!verifyFormToken(secret!, link, kind, fields.nonce ?? '', fields.csrf ?? '')) {
        sendPage(input.response, 403, refusalPage(claims.language, textFor(claims.language).errors.form_expired));
        return;
      }
      const parsed = SUBMISSION_SCHEMAS[kind].safeParse(fields);
      if (!parsed.success) {
        await showAccount(input, claims, link, 422, { done: null, problem: problemOf(parsed.error, kind, fields) });
        return;
      }
      const outcome = await recordSubmission(db, { kind, loanId: claims.loanId, input: parsed.data, now: now() });
      if (outcome.status === 'limited') {
        sendPage(input.response, 429, refusalPage(claims.language, textFor(claims.language).tooMany), { 'retry-after': String(outcome.retryAfterSeconds) });
        return;
      }
      if (outcome.status === 'refused') {
        const { t: _t, nonce: _nonce, csrf: _csrf, ...values } = fields;
        await showAccount(input, claims, link, 409, { done: null, problem: { kind, field: null, key: outcome.messageKey, values } });
        return;
      }
      // Post/redirect/get: a reload shows the confirmation again instead of posting again.
      input.response.writeHead(303, { location: `${SELF_SERVICE_PATH}?t=${encodeURIComponent(link)}&done=${kind}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      input.response.end();
    },
  });

  return [
    {
      method: 'GET',
      path: SELF_SERVICE_PATH,
      async handle(input) {
        const link = input.url.searchParams.get('t');
        const claims = claimsOf(input, link);
        if (!claims) return;
        const done = input.url.searchParams.get('done');
        await showAccount(input, claims, link!, 200, { done: (SUBMISSION_KINDS as readonly string[]).includes(done ?? '') ? (done as SubmissionKind) : null, problem: null });
      },
    },
    {
      method: 'GET',
      path: `${SELF_SERVICE_PATH}/styles.css`,
      async handle({ response }) {
        response.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' });
        response.end(PAGE_STYLES);
      },
    },
    ...SUBMISSION_KINDS.map(submission),
    {
      // Desktops put links in messages and letters through here, so the signing key never leaves the relay.
      method: 'POST',
      path: '/api/self-service/links',
      async handle({ request, response, url }) {
        const device = await authenticateDevice(db, presentedToken(request, url, { allowQuery: false }));
        // A link opens a borrower's account page: a signed-in user who works cases asks for it, not a bare device.
        await authenticateUser(db, device, request, 'view_cases');
        if (secret === null) throw new AppError('conflict', 'self-service links are off: set RELAY_SELF_SERVICE_SECRET on every relay sharing this database');
        const asked = await readJson(request, mintRequest);
        const minted = await mintLink(db, { secret, publicUrl: services.publicUrl(), ...asked, regions: device.partitions, now: now() });
        sendJson(response, 200, { ok: true, ...minted });
      },
    },
  ];
}
