import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** With BENCH_CPU_PROF set to a folder, every process the sync bench starts writes a V8 CPU profile there. */
export function profileFlags(): string[] {
  return process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
}

export interface BenchChild<M> {
  process: ChildProcess;
  /** Resolves with the first message `accept` takes. */
  next<R extends M>(accept: (message: M) => message is R, timeoutMs: number): Promise<R>;
  /** Resolves when the child exits with 0; otherwise fails with its last log lines. */
  exited: Promise<void>;
  /** Ends the child if it is still running. */
  kill(): void;
}

/**
 * A bench script in a process of its own (its own event loop and peak memory), talking over IPC.
 * Its stderr (the desktop's JSON log) is kept, the last lines only, to explain a failure.
 */
export function forkBenchChild<M>(script: string, args: readonly string[], onMessage: (message: M) => void = () => undefined): BenchChild<M> {
  const child = fork(script, [...args], { execArgv: [...profileFlags(), '--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const tail: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    tail.push(...chunk.split('\n').filter((line) => line !== ''));
    tail.splice(0, Math.max(0, tail.length - 20));
  });
  const waiting = new Set<(message: M) => boolean>();
  child.on('message', (message) => {
    onMessage(message as M);
    for (const waiter of waiting) waiter(message as M);
  });
  const exited = once(child, 'exit').then(([code, signal]) => {
    if (code !== 0) throw new Error(`${script} ended with ${signal ?? `code ${String(code)}`}: ${tail.join('\n')}`);
  });
  // Whoever awaits a message hears of a failed child from `next`; keep an unobserved rejection quiet.
  exited.catch(() => undefined);
  return {
    process: child,
    exited,
    next<R extends M>(accept: (message: M) => message is R, timeoutMs: number) {
      return new Promise<R>((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`${script}: no answer in ${timeoutMs} ms`)), timeoutMs);
        const waiter = (message: M) => {
          if (!accept(message)) return false;
          finish(null, message);
          return true;
        };
        function finish(error: Error | null, message?: R) {
          clearTimeout(timer);
          waiting.delete(waiter);
          if (error) reject(error);
          else resolve(message!);
        }
        waiting.add(waiter);
        exited.then(() => finish(new Error(`${script} exited before answering`)), (error: Error) => finish(error));
      });
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
