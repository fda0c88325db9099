import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningHarness {
  url: string;
  dbPath: string;
  stop(): Promise<void>;
}

/**
 * Starts `src-main/harness/main.ts` as users do (`npm run start:web`, minus the build the test
 * command has already done) on a fresh database in a temp folder and a free port.
 */
export async function startHarness(options: { dbPath?: string; relay?: { url: string; token: string }; sandboxReplies?: boolean } = {}): Promise<RunningHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'recourse-e2e-'));
  const dbPath = options.dbPath ?? join(dir, 'demo.db');
  const extraArgs = [...(options.relay ? ['--relay', options.relay.url, '--device-token', options.relay.token] : []), ...(options.sandboxReplies ? ['--sandbox-replies'] : [])];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src-main/harness/main.ts', '--port', '0', '--db', dbPath, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RECOURSE_LOG_LEVEL: 'warn' },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += String(chunk);
      const match = /running at (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`harness exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    dbPath,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
