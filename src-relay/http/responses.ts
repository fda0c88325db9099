import type { ServerResponse } from 'node:http';
import { AppError, type ErrorCode } from '../../src-shared/errors';
import { log } from '../log';

const STATUS_OF: Readonly<Record<ErrorCode, number>> = { validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, internal: 500 };

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

export function sendXml(response: ServerResponse, xml: string): void {
  response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
  response.end(xml);
}

export function sendNoContent(response: ServerResponse): void {
  response.writeHead(204);
  response.end();
}

/**
 * Every failure answers `{ ok: false, error: { code, message, field? } }`. Anything that is not an
 * `AppError` is a bug or an outage: it is logged and answered without its details.
 */
export function sendError(response: ServerResponse, error: unknown, status?: number): void {
  if (error instanceof AppError) {
    sendJson(response, status ?? STATUS_OF[error.code], { ok: false, error: error.toData() });
    return;
  }
  log.error('request failed', { error: error instanceof Error ? error.message : String(error) });
  sendJson(response, status ?? 500, { ok: false, error: { code: 'internal', message: 'the relay could not handle this request' } });
}
