import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemResolver } from './receiver-address';
import { NO_ANSWER, sendDelivery, type OutgoingDelivery } from './send-delivery';
import { downUrl } from './test-receiver';

/** Answers by path: `/status/<n>`, `/redirect`, or `/slow` which never answers. */
function testServer(): Server {
  return createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/slow') return;
    if (path === '/redirect') return void response.writeHead(307, { location: '/status/200' }).end();
    response.writeHead(Number(path.split('/')[2] ?? 200)).end('ignored');
  });
}

describe('sendDelivery', () => {
  const server = testServer();
  let origin: string;
  const delivery = (path: string): OutgoingDelivery => ({
    deliveryId: 'whd_1', eventId: 'evt_1', type: 'case.opened', occurredAt: new Date('2026-11-21T10:00:00.000Z'), ledgerVersion: 7, payload: { caseId: 'c1' }, url: `${origin}${path}`, secret: 'whsec_test',
  });
  const send = (path: string, timeoutMs = 2000, stopping = new AbortController().signal) => sendDelivery(delivery(path), { timeoutMs, stopping, resolveHost: systemResolver });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each([
    ['/status/200', 200, true],
    ['/status/204', 204, true],
    ['/status/410', 410, false],
    ['/status/500', 500, false],
    ['/redirect', 307, false],
  ])('%s: answer %i, delivered %s', async (path, httpStatus, delivered) => {
    expect(await send(path)).toMatchObject({ httpStatus, delivered, error: null, durationMs: expect.any(Number), attemptedAt: expect.any(Date) });
  });

  it('records a receiver that does not answer in time and a closed port alike, so the log tells no open port from a closed one', async () => {
    const outcome = await send('/slow', 150);
    expect(outcome).toMatchObject({ httpStatus: null, error: NO_ANSWER, delivered: false });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(140);
    expect(await sendDelivery({ ...delivery(''), url: await downUrl() }, { timeoutMs: 2000, stopping: new AbortController().signal, resolveHost: systemResolver })).toMatchObject({ httpStatus: null, error: NO_ANSWER });
  });

  it('connects to the address it checked, not wherever the name points by the time it connects', async () => {
    // Listening on 127.0.0.3 only: the system resolves localhost to 127.0.0.1 or ::1, where this port is closed.
    const pinned = testServer();
    await new Promise<void>((resolve) => pinned.listen(0, '127.0.0.3', resolve));
    try {
      const resolveHost = vi.fn(async () => ['127.0.0.3']);
      const url = `http://localhost:${(pinned.address() as AddressInfo).port}/status/204`;
      expect(await sendDelivery({ ...delivery(''), url }, { timeoutMs: 2000, stopping: new AbortController().signal, resolveHost })).toMatchObject({ httpStatus: 204, delivered: true });
      expect(resolveHost).toHaveBeenCalledOnce();
    } finally {
      await new Promise<void>((resolve) => pinned.close(() => resolve()));
    }
  });

  it('names a relay stopping mid-request', async () => {
    const stopping = new AbortController();
    const pending = send('/slow', 5000, stopping.signal);
    setTimeout(() => stopping.abort(), 50);
    expect(await pending).toMatchObject({ httpStatus: null, error: 'relay stopping', delivered: false });
  });
});
