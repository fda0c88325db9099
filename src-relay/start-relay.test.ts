import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { scratchPglite } from './test-support/scratch-databases';
import { useScratchRelay } from './test-support/scratch-relay';

/** Whether a TCP connection to `host:port` is accepted. 127.0.0.0/8 is all loopback on Linux, so 127.0.0.2 is this machine too. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const portOf = (url: string) => Number(new URL(url).port);

describe('the address the relay listens on', () => {
  describe('by default', () => {
    const scratch = useScratchRelay(scratchPglite, {});

    it('is 127.0.0.1 only, not every interface', async () => {
      expect(new URL(scratch.relay.url).hostname).toBe('127.0.0.1');
      expect(await accepts('127.0.0.1', portOf(scratch.relay.url))).toBe(true);
      expect(await accepts('127.0.0.2', portOf(scratch.relay.url))).toBe(false);
    });
  });

  describe('with host 127.0.0.2 (RELAY_HOST)', () => {
    const scratch = useScratchRelay(scratchPglite, { host: '127.0.0.2' });

    it('is that address only, and the relay names it in its url', async () => {
      expect(scratch.relay.url).toBe(`http://127.0.0.2:${portOf(scratch.relay.url)}`);
      expect((await fetch(`${scratch.relay.url}/healthz`)).status).toBe(200);
      expect(await accepts('127.0.0.1', portOf(scratch.relay.url))).toBe(false);
    });
  });
});
