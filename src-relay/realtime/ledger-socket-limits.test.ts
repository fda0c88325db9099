import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { addDevice } from '../devices/device-tokens';
import type { RunningRelay } from '../start-relay';
import { seedRows } from '../test-support/ledger-fixtures';
import { scratchPglite } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { connectSocket } from '../test-support/socket-client';
import { SYNC_SOCKET_PATH } from './ledger-socket';

const TWO_MIB = 2 * 1024 * 1024;

/** A binary frame as a client sends it: masked (here with a zero key, so the payload reads as sent). */
function clientFrame(payload: Buffer, options: { masked: boolean } = { masked: true }): Buffer {
  const header = Buffer.alloc(10);
  header[0] = 0x82;
  header[1] = (options.masked ? 0x80 : 0) | 127;
  header.writeBigUInt64BE(BigInt(payload.length), 2);
  return Buffer.concat([header, options.masked ? Buffer.alloc(4) : Buffer.alloc(0), payload]);
}

/**
 * The upgrade request and `frame` in one write, so the frame reaches the relay before it has judged
 * the token; resolves once the relay's close frame (0x88) arrives, or the connection ends.
 */
function rawUpgrade(relay: RunningRelay, query: string, frame: Buffer): Promise<void> {
  const { port } = new URL(relay.url);
  const socket = connect(Number(port), '127.0.0.1');
  socket.on('error', () => {});
  socket.write(
    [`GET ${SYNC_SOCKET_PATH}${query} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13', '', ''].join('\r\n'),
  );
  socket.write(frame);
  let received = Buffer.alloc(0);
  return new Promise<void>((resolve) => {
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const headEnd = received.indexOf('\r\n\r\n');
      if (headEnd !== -1 && received[headEnd + 4] === 0x88) done();
    });
    socket.once('close', done);
  });
}

describe('the sync socket against oversized and malformed frames', () => {
  const scratch = useScratchRelay(scratchPglite);
  const socketUrl = (query: string) => `${scratch.relay.url.replace(/^http/, 'ws')}${SYNC_SOCKET_PATH}${query}`;

  /** The relay still answers /healthz and still tells a well-behaved desktop about a write. */
  async function stillServing(listener: ReturnType<typeof connectSocket>, id: string) {
    expect((await fetch(`${scratch.relay.url}/healthz`)).status).toBe(200);
    const [written] = await seedRows(scratch.relay.database.db, [{ tbl: 'notes', id, partition: '*', data: { id } }]);
    expect(await listener.next((message) => message.type === 'changed' && message.version === written!.version)).toEqual({ type: 'changed', version: written!.version });
  }

  it('closes a signed-in desktop that sends a 2 MiB frame with 1009, and only that one', async () => {
    const { token } = await addDevice(scratch.relay.database.db, 'Listener');
    const listener = connectSocket(socketUrl(`?token=${token}`));
    await listener.opened;
    const sender = new WebSocket(socketUrl(`?token=${token}`));
    sender.on('error', () => {});
    await new Promise((resolve) => sender.once('open', resolve));
    const closed = new Promise<number>((resolve) => sender.once('close', resolve));
    sender.send(Buffer.alloc(TWO_MIB, 0x61));
    expect(await closed).toBe(1009);
    await stillServing(listener, 'after-big-signed-in');
    listener.close();
  });

  it.each([
    ['a 2 MiB frame', clientFrame(Buffer.alloc(TWO_MIB, 0x61))],
    ['an unmasked frame', clientFrame(Buffer.from('hello'), { masked: false })],
  ])('survives %s sent with an unauthenticated upgrade, and keeps serving others', async (_name, frame) => {
    const { token } = await addDevice(scratch.relay.database.db, 'Listener');
    const listener = connectSocket(socketUrl(`?token=${token}`));
    await listener.opened;
    await rawUpgrade(scratch.relay, '?token=wrong', frame);
    await stillServing(listener, `after-${frame.length}-unauthenticated`);
    listener.close();
  });
});
