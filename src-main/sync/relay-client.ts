import { AppError } from '../../src-shared/errors';
import { SESSION_HEADER, type RelaySignInRequest, type RelaySignInResponse } from '../../src-shared/identity/relay-sign-in';
import type { BootstrapRequest, ClaimResponse, PullResponse, PushRequest, PushResponse } from '../../src-shared/sync/protocol';

/** The relay could not be reached or answered with a server error: worth trying again later. */
export class RelayUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RelayUnavailable';
  }
}

export interface RelayClient {
  push(request: PushRequest): Promise<PushResponse>;
  /** `clientId`: this desktop's outbox, named on a pull's first page so the relay binds it to this device from the first contact. */
  pull(cursor: number, limit: number, clientId?: string): Promise<PullResponse>;
  claim(clientId: string, key: string): Promise<ClaimResponse>;
  bootstrap(request: BootstrapRequest): Promise<void>;
  /** The WebSocket URL of the relay's change notices, with this device's token. */
  noticesUrl(): string;
  /** A user's sign-in at the relay: the ledger's password check, a session, and this device's public key registered for the user. */
  signIn(request: RelaySignInRequest): Promise<RelaySignInResponse>;
  signOut(sessionToken: string): Promise<void>;
  /** A signed, expiring borrower self-service link for one loan; the relay alone holds the signing key. */
  selfServiceLink(request: { accountNumber: string; days?: number }, relaySession: string): Promise<{ url: string; expiresAt: string }>;
}

const TIMEOUT_MS = 30_000;
const SIGN_IN_PATH = '/api/auth/sign-in';

/** The relay's sync API over HTTP with this device's token; errors name what to do about them. */
export function createRelayClient(relayUrl: string, deviceToken: string): RelayClient {
  const base = relayUrl.replace(/\/+$/, '');
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { ...headers, authorization: `Bearer ${deviceToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new RelayUnavailable(`cannot reach the relay at ${base} (${cause})`);
    }
    const text = await response.text();
    const parsed = text === '' ? {} : (JSON.parse(text) as { error?: { code?: string; message?: string; field?: string } });
    if (response.status >= 500) throw new RelayUnavailable(`the relay answered ${response.status}: ${parsed.error?.message ?? 'server error'}`);
    // At sign-in the relay's own words say what failed: the password, a lockout, or the device's token.
    if (response.status === 401 && path === SIGN_IN_PATH) throw new AppError('unauthenticated', parsed.error?.message ?? 'unknown user or wrong password', parsed.error?.field);
    if (response.status === 401) throw new AppError('unauthenticated', 'the relay refused this device’s token: it was revoked or mistyped; an admin registers the device again');
    if (!response.ok) throw new AppError(response.status === 409 ? 'conflict' : 'validation', `the relay refused ${path}: ${parsed.error?.message ?? response.statusText}`);
    return parsed as T;
  }
  return {
    push: (request) => call('POST', '/api/sync/push', request),
    pull: (cursor, limit, clientId) => call('GET', `/api/sync/pull?cursor=${cursor}&limit=${limit}${clientId ? `&clientId=${encodeURIComponent(clientId)}` : ''}`),
    claim: (clientId, key) => call('POST', '/api/sync/claim', { clientId, key }),
    bootstrap: async (request) => {
      await call('POST', '/api/sync/bootstrap', request);
    },
    noticesUrl: () => `${base.replace(/^http/, 'ws')}/api/sync/ws?token=${encodeURIComponent(deviceToken)}`,
    selfServiceLink: (request, relaySession) => call('POST', '/api/self-service/links', request, { [SESSION_HEADER]: relaySession }),
    signIn: (request) => call('POST', SIGN_IN_PATH, request),
    signOut: async (sessionToken) => {
      await call('POST', '/api/auth/sign-out', {}, { [SESSION_HEADER]: sessionToken });
    },
  };
}
