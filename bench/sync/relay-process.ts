import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { profileFlags } from './bench-child';
import { processUsage, type ProcessUsage } from './process-usage';

export interface RelayProcess {
  url: string;
  pid: number;
  /** CPU time so far and peak resident memory, read from /proc. */
  usage(): ProcessUsage;
  stop(): Promise<void>;
}

/**
 * The relay as it is deployed: `src-relay/main.ts` in a process of its own, on a Postgres ledger,
 * so its event loop and memory are not the bench's. Its log lines are read for the address it
 * listens on and kept (the last few) to explain a failure.
 */
export async function startRelayProcess(options: { databaseUrl: string; twilioAuthToken?: string }): Promise<RelayProcess> {
  const child = spawn(process.execPath, [...profileFlags(), '--import', 'tsx', 'src-relay/main.ts'], {
    env: { ...process.env, DATABASE_URL: options.databaseUrl, RELAY_PORT: '0', RELAY_PUBLIC_URL: '', TWILIO_AUTH_TOKEN: options.twilioAuthToken ?? '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const tail: string[] = [];
  let partial = '';
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the relay did not start in 60 s: ${tail.join('\n')}`)), 60_000);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (!line.includes('"relay listening"')) continue;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    void exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`the relay exited (${String(code)}) before listening: ${tail.join('\n')}`));
    });
  });
  const pid = child.pid!;
  return {
    url,
    pid,
    usage: () => processUsage(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
    },
  };
}
