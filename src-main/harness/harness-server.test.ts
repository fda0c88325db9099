import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Result } from '../../src-shared/errors';
import { startHarness, type Harness } from './harness-server';
import { MAX_FRAME_BYTES } from './socket-protocol';

// Security regression specs for the harness socket (issue 14, item 6): a hostile frame or page costs
// only its own socket, and only the harness's own page may call the contract.

let harness: Harness;
let rendererDir: string;
let port: number;
let ownOrigin: string;
// In the harness process an uncaught exception ends the process; under Vitest it is caught and
// reported, so the specs watch for one themselves to fail where the harness would have died.
const crashes: Error[] = [];
const recordCrash = (error: Error) => crashes.push(error);

beforeAll(async () => {
  process.on('uncaughtExceptionMonitor', recordCrash);
  rendererDir = mkdtempSync(join(tmpdir(), 'recourse-harness-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Recourse</title>');
  writeFileSync(join(rendererDir, 'probe.html'), PROBE_PAGE);
  // A dispatcher that echoes the channel: these specs are about the transport, not the handlers.
  harness = await startHarness({ rendererDir, port: 0, createDispatch: () => async (_session, channel): Promise<Result<unknown>> => ({ ok: true, value: channel }) });
  port = Number(new URL(harness.url).port);
  ownOrigin = new URL(harness.url).origin;
});
afterAll(async () => {
  process.off('uncaughtExceptionMonitor', recordCrash);
  await harness.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** A page that calls the harness the way the browser preload does, and reports whether it got an answer. */
const PROBE_PAGE = `<!doctype html><script>
window.probe = (url) => new Promise((resolve) => {
  const socket = new WebSocket(url);
  socket.onopen = () => socket.send(JSON.stringify({ id: 1, channel: 'session.current', payload: {} }));
  socket.onmessage = (message) => resolve(JSON.parse(message.data).result);
  socket.onerror = () => resolve('refused');
});
</script>`;

const apiUrl = () => `ws://127.0.0.1:${port}/api`;

/** Opens a socket as a page at `origin` would (null: a client that sends no Origin); resolves once open. */
function connect(origin: string | null = ownOrigin): Promise<WebSocket> {
  const socket = new WebSocket(apiUrl(), origin === null ? {} : { origin });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The HTTP status the upgrade was answered with: 101 when the socket opened. */
function upgradeStatus(origin: string | null): Promise<number> {
  const socket = new WebSocket(apiUrl(), origin === null ? {} : { origin });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', reject);
  });
}

function call(socket: WebSocket, id: number, channel: string): Promise<unknown> {
  return new Promise((resolve) => {
    socket.on('message', function answer(data) {
      const frame = JSON.parse(String(data)) as { id: number; result: unknown };
      if (frame.id !== id) return;
      socket.off('message', answer);
      resolve(frame.result);
    });
    socket.send(JSON.stringify({ id, channel, payload: {} }));
  });
}

interface Probe {
  probe(url: string): Promise<unknown>;
}

const closeCode = (socket: WebSocket): Promise<number> => new Promise((resolve) => socket.once('close', (code) => resolve(code)));

describe('the harness socket under a hostile frame', () => {
  it('closes a socket that sends a 16 MiB frame (1009, too big) and keeps serving the others', async () => {
    const bystander = await connect();
    const attacker = await connect();
    // The client side sees the reset as an error too; only the close code matters here.
    attacker.on('error', () => undefined);
    const closed = closeCode(attacker);
    attacker.send(Buffer.alloc(16 * 1024 * 1024, 0x61));
    expect(await closed).toBe(1009);
    expect(crashes).toEqual([]);
    expect(await call(bystander, 1, 'session.current')).toEqual({ ok: true, value: 'session.current' });
    const newcomer = await connect();
    expect(await call(newcomer, 2, 'session.current')).toEqual({ ok: true, value: 'session.current' });
    bystander.close();
    newcomer.close();
  });

  it('closes a socket that sends a malformed frame (a reserved opcode) and keeps serving the others', async () => {
    const bystander = await connect();
    const attacker = new WebSocket(apiUrl(), { origin: ownOrigin });
    attacker.on('error', () => undefined);
    const raw = await new Promise<Socket>((resolve) => attacker.once('upgrade', (response) => resolve(response.socket as Socket)));
    const closed = closeCode(attacker);
    // FIN + opcode 0x3 (reserved), masked, empty: a protocol error no client library would send.
    raw.write(Buffer.from([0x83, 0x80, 0, 0, 0, 0]));
    expect(await closed).toBe(1002);
    expect(crashes).toEqual([]);
    expect(await call(bystander, 3, 'session.current')).toEqual({ ok: true, value: 'session.current' });
    bystander.close();
  });

  it('still carries the largest legitimate call: a 20,000-character template body of escaped characters', async () => {
    const socket = await connect();
    const body = '\u0001'.repeat(20_000);
    const frame = JSON.stringify({ id: 5, channel: 'settings.saveTemplate', payload: { language: 'en', name: 'letter_demand', body } });
    expect(Buffer.byteLength(frame)).toBeGreaterThan(120_000);
    expect(Buffer.byteLength(frame)).toBeLessThan(MAX_FRAME_BYTES / 4);
    const answered = new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket.send(frame);
    expect(await answered).toEqual({ id: 5, result: { ok: true, value: 'settings.saveTemplate' } });
    socket.close();
  });

  it('answers a frame that is not a request with a validation error and keeps the socket', async () => {
    const socket = await connect();
    const answered = new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket.send('{not json');
    expect(await answered).toMatchObject({ id: -1, result: { ok: false, error: { code: 'validation' } } });
    expect(await call(socket, 4, 'session.current')).toEqual({ ok: true, value: 'session.current' });
    socket.close();
  });
});

describe('the harness socket origin check', () => {
  it('accepts the page it serves, by 127.0.0.1 or localhost', async () => {
    expect(await upgradeStatus(`http://127.0.0.1:${port}`)).toBe(101);
    expect(await upgradeStatus(`http://localhost:${port}`)).toBe(101);
  });

  it('refuses another origin with 403 at the upgrade', async () => {
    expect(await upgradeStatus('http://evil.example')).toBe(403);
    expect(await upgradeStatus(`http://127.0.0.1:${port + 1}`)).toBe(403);
    expect(await upgradeStatus(`https://127.0.0.1:${port}`)).toBe(403);
    expect(await upgradeStatus('null')).toBe(403);
  });

  it('lets the page it serves call in a real browser, and refuses the same page served from elsewhere', async () => {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const elsewhere = createServer((_request, response) => response.end(PROBE_PAGE));
    try {
      await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
      const page = await browser.newPage();
      for (const host of ['127.0.0.1', 'localhost']) {
        await page.goto(`http://${host}:${port}/probe.html`);
        expect(await page.evaluate((url) => (globalThis as unknown as Probe).probe(url), `ws://${host}:${port}/api`)).toEqual({ ok: true, value: 'session.current' });
      }
      await page.goto(`http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`);
      expect(await page.evaluate((url) => (globalThis as unknown as Probe).probe(url), apiUrl())).toBe('refused');
    } finally {
      await browser.close();
      elsewhere.close();
    }
  });

  it('refuses a client that sends no Origin with 403', async () => {
    expect(await upgradeStatus(null)).toBe(403);
  });
});
