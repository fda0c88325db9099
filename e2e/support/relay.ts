import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RunningRelay {
  url: string;
  /** A registered desktop's token. */
  token: string;
  /** Kills the relay as a crash would (SIGKILL). */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** `npm run relay` on an embedded PGlite in a temp folder, with one desktop registered first (PGlite serves one process at a time). */
export async function startRelay(): Promise<RunningRelay> {
  const dir = mkdtempSync(join(tmpdir(), 'recourse-e2e-relay-'));
  const port = await freePort();
  const env = { ...process.env, RELAY_DATA_DIR: dir, RELAY_PORT: String(port), RECOURSE_LOG_LEVEL: 'warn' };
  const added = await run(process.execPath, ['--import', 'tsx', 'src-relay/main.ts', 'device', 'add', '--name', 'e2e desk'], { env });
  const token = added.stdout.trim().split('\n').at(-1)!.trim();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src-relay/main.ts'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      if (attempt > 200) throw new Error('the relay did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url,
    token,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
