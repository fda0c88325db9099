import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

export interface ProcessUsage {
  cpuSeconds: number;
  peakRssMiB: number;
}

/** The fields of /proc/PID/stat after the parenthesised command name, and that name. */
function stat(pid: number | string): { name: string; fields: string[] } | null {
  let line: string;
  try {
    line = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const close = line.lastIndexOf(')');
  return { name: line.slice(line.indexOf('(') + 1, close), fields: line.slice(close + 2).split(' ') };
}

/** utime + stime, the 14th and 15th fields of the whole line. */
const cpuSecondsOf = (fields: string[]) => (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;

/** CPU seconds so far and peak RSS of a live process on this machine. */
export function processUsage(pid: number): ProcessUsage {
  const fields = stat(pid)?.fields;
  if (!fields) throw new Error(`process ${pid} is gone`);
  const peakKiB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { cpuSeconds: cpuSecondsOf(fields), peakRssMiB: Math.round(peakKiB / 1024) };
}

/**
 * CPU seconds of every running Postgres process by pid. The difference of two readings is the
 * server's share of the work between them (a backend that ended meanwhile is not counted).
 */
export function postgresCpu(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const found = stat(pid);
    if (found?.name === 'postgres') byPid.set(pid, cpuSecondsOf(found.fields));
  }
  return byPid;
}

export function postgresCpuSince(before: Map<string, number>): number {
  let seconds = 0;
  for (const [pid, now] of postgresCpu()) seconds += now - (before.get(pid) ?? 0);
  return Math.round(seconds * 10) / 10;
}
