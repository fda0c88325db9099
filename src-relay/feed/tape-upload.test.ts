import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRelayDatabase } from '../db/open-database';
import type { RelayDatabase } from '../db/relay-database';
import { ledgerRows } from '../db/schema';
import { addDevice } from '../devices/device-tokens';
import { createRequestHandler } from '../http/request-handler';
import { sendJson } from '../http/responses';
import { scratchPglite, type ScratchDatabase } from '../test-support/scratch-databases';
import { feedRoutes } from './feed-routes';
import { receiveTape, type TapeUploadLimits } from './tape-upload';

const KIB = 1024;

/** A CSV of about `bytes` bytes; its content does not matter, the upload is refused before it is read. */
const csvOf = (bytes: number) => `borrower_id,first_name\n${'B-1,Ana\n'.repeat(Math.ceil(bytes / 8))}`;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('tape uploads over their size limits', () => {
  let scratch: ScratchDatabase;
  let database: RelayDatabase;
  let server: Server;
  let url: string;
  let token: string;
  let work: string;
  const uploads = () => readdirSync(join(work, 'uploads'));
  const ledgerRowCount = async () => (await database.db.select({ n: count() }).from(ledgerRows))[0]!.n;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'recourse-tape-limit-test-'));
    process.env.RELAY_FEED_DIR = join(work, 'feed');
    scratch = await scratchPglite();
    database = await openRelayDatabase(scratch.target);
    token = (await addDevice(database.db, 'Core banking', ['*'], { engineHost: true })).token;
    const limits: TapeUploadLimits = { maxRequestBytes: 64 * KIB, maxFileBytes: 32 * KIB, maxTextBytes: 16 * KIB, tempDir: join(work, 'uploads') };
    mkdirSync(limits.tempDir!);
    const services = { database, twilioAuthToken: null, publicUrl: () => url };
    const handle = createRequestHandler(feedRoutes(services, scratch.target, limits));
    server = createServer((request, response) => void handle(request, response));
    url = await listen(server);
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await database?.close();
    await scratch?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  const upload = (body: FormData | string, headers: Record<string, string> = {}) => fetch(`${url}/api/feed/tape`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body });
  const multipart = (files: Record<string, string>) => {
    const form = new FormData();
    for (const [name, text] of Object.entries(files)) form.append('file', new Blob([text]), name);
    return form;
  };

  it.each([
    ['a request over the per-request limit', () => upload(multipart({ 'borrowers.csv': csvOf(30 * KIB), 'loans.csv': csvOf(30 * KIB), 'phones.csv': csvOf(30 * KIB) }))],
    ['one file over the per-file limit', () => upload(multipart({ 'borrowers.csv': csvOf(10 * KIB), 'loans.csv': csvOf(40 * KIB) }))],
    ['a JSON tape over the JSON limit', () => upload(JSON.stringify({ files: { 'borrowers.csv': csvOf(20 * KIB) } }), { 'content-type': 'application/json' })],
  ])('answers %s 413, writing nothing and leaving no temp files', async (_case, send) => {
    const response = await send();
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/larger than \d+ bytes/) } });
    expect(uploads()).toEqual([]);
    expect(await ledgerRowCount()).toBe(0);
  });

  it('counts a chunked body as it streams, with no length announced: three files each under the file limit', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${url}/api/feed/tape`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=XX', 'transfer-encoding': 'chunked' } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, body: text }));
      });
      request.on('error', reject);
      for (const name of ['borrowers', 'loans', 'phones']) request.write(`--XX\r\nContent-Disposition: form-data; name="file"; filename="${name}.csv"\r\n\r\n${csvOf(30 * KIB)}\r\n`);
      request.end('--XX--\r\n');
    });
    expect(status).toBe(413);
    expect(body).toContain('larger than');
    expect(uploads()).toEqual([]);
  });
});

describe('receiveTape', () => {
  it('streams each multipart file to a folder of its own and names it by its file name or its field', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'recourse-tape-receive-test-'));
    const limits: TapeUploadLimits = { maxRequestBytes: 64 * KIB, maxFileBytes: 32 * KIB, maxTextBytes: 16 * KIB, tempDir: parent };
    let received: { files: string[]; contents: string[] } | undefined;
    const server = createServer(async (request, response) => {
      const tape = await receiveTape(request, limits);
      received = { files: tape.files, contents: tape.files.map((name) => readFileSync(join(tape.dir, name), 'utf8')) };
      tape.cleanup();
      sendJson(response, 200, { ok: true });
    });
    const url = await listen(server);
    try {
      const form = new FormData();
      form.append('file', new Blob(['borrower_id\nB-1\n']), 'borrowers.csv');
      form.append('loans', new Blob(['account_number\nL-1\n']), 'export-2026-12.csv');
      expect((await fetch(url, { method: 'POST', body: form })).status).toBe(200);
      expect(received).toEqual({ files: ['borrowers.csv', 'loans.csv'], contents: ['borrower_id\nB-1\n', 'account_number\nL-1\n'] });
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
