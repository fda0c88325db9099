import { isoDate } from '../src-shared/dates';
import { runDaily } from '../src-main/engine/daily-run';
import { openStore } from '../src-main/store/open-store';
import { timeIt } from './stats';

/**
 * Runs one daily run in its own process, so its peak memory is its own and not the seed's.
 * Usage: bench/daily-run-child.ts DB AS_OF → JSON on stdout.
 */
const [path, asOf] = process.argv.slice(2) as [string, string];
const store = openStore(path);
const run = timeIt(() => runDaily(store, isoDate(asOf)));
store.close();
process.stdout.write(`${JSON.stringify({ seconds: Math.round(run.ms / 10) / 100, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), summary: run.value })}\n`);
