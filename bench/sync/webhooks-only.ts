import { benchWebhooks } from './webhooks';

/**
 * Just the webhook step of `npm run bench` (`npx tsx bench/sync/webhooks-only.ts`), for work on
 * ingestion without the rest of the bench; prints its report as JSON. BENCH_WEBHOOK_CALLBACKS
 * overrides the number sent 32 in flight (default 20,000, as in the full bench).
 */
const callbacks = Number(process.env.BENCH_WEBHOOK_CALLBACKS ?? 20_000);
const started = Date.now();
const report = await benchWebhooks({ sequential: 1_000, callbacks, seconds: 10, concurrency: 32 }, (message) =>
  process.stderr.write(`bench ${((Date.now() - started) / 1000).toFixed(1)}s: ${message}\n`),
);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
