import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../tests-support/ports';

/** `npm run relay` as a child process on a Postgres database and a fixed port, so it can be killed and started again in place. */
export interface RelayProcess {
  url: string;
  start(): Promise<void>;
  /** As a crash: SIGKILL, no clean shutdown. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function relayProcess(databaseUrl: string): Promise<RelayProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<unknown> = Promise.resolve();
  const env = { ...process.env, DATABASE_URL: databaseUrl, RELAY_PORT: String(port), RECOURSE_LOG_LEVEL: 'error' };
  const end = async (signal: NodeJS.Signals) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
    child = null;
  };
  return {
    url,
    async start() {
      const started = spawn(process.execPath, ['--import', 'tsx', 'src-relay/main.ts'], { stdio: ['ignore', 'ignore', 'inherit'], env });
      child = started;
      exited = new Promise((resolve) => started.once('exit', resolve));
      for (let attempt = 0; ; attempt++) {
        try {
          if ((await fetch(`${url}/healthz`)).ok) return;
        } catch {
          if (attempt > 300) throw new Error(`the relay on ${url} did not start`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
