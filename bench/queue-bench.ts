import type { QueueQuery } from '../src-shared/contract';
import { queueQuerySchema } from '../src-shared/contract';
import { BUCKETS, PRIORITIES, SEVERITIES, STAGES } from '../src-shared/domain/vocabulary';
import { createQueueReader } from '../src-main/cases/query-queue';
import type { Store } from '../src-main/store/open-store';
import { summarize, timeIt } from './stats';

const SORTS = ['priority', 'dpd', 'balance', 'opened', 'name'] as const;

/** A deterministic sequence of pseudo-random picks, so every bench run asks the same questions. */
function picker(seed: number) {
  let state = seed;
  const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return { pick: <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!, chance: (p: number) => next() < p };
}

/** The queue query as agents use it: a couple of filters, a sort, the first page of 50. */
export function benchQueue(store: Store, runs: number) {
  const read = createQueueReader(store.sqlite);
  const agents = store.sqlite.prepare(`SELECT id FROM users WHERE role = 'agent'`).pluck().all() as string[];
  const queues = store.sqlite.prepare('SELECT id FROM queues').pluck().all() as string[];
  const { pick, chance } = picker(17);
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const query: QueueQuery = {
      sort: pick(SORTS),
      direction: chance(0.5) ? 'asc' : 'desc',
      pageSize: 50,
      ...(chance(0.5) ? { stages: [pick(STAGES)] } : {}),
      ...(chance(0.3) ? { buckets: [pick(BUCKETS)] } : {}),
      ...(chance(0.3) ? { severities: [pick(SEVERITIES), pick(SEVERITIES)] } : {}),
      ...(chance(0.3) ? { priorities: [pick(PRIORITIES)] } : {}),
      ...(chance(0.3) ? { agentId: pick(agents) } : chance(0.2) ? { queueId: pick(queues) } : {}),
      ...(chance(0.2) ? { dpdMin: 30, dpdMax: 120 } : {}),
      ...(chance(0.2) ? { balanceMinMinor: 100_000 } : {}),
    };
    const parsed = queueQuerySchema.parse(query);
    samples.push(timeIt(() => read(parsed)).ms);
  }
  return summarize(samples);
}

/** Search as agents type it: a surname, an account number, or phone digits. */
export function benchSearch(store: Store, runs: number) {
  const read = createQueueReader(store.sqlite);
  const sample = store.sqlite
    .prepare(`SELECT b.last_name, l.account_number, (SELECT substr(p.e164, -7) FROM phones p WHERE p.borrower_id = b.id LIMIT 1) AS digits
              FROM loans l JOIN borrowers b ON b.id = l.borrower_id ORDER BY l.rowid LIMIT ? OFFSET 0`)
    .all(runs) as { last_name: string; account_number: string; digits: string | null }[];
  const samples: number[] = [];
  sample.forEach((row, index) => {
    const search = index % 3 === 0 ? row.last_name : index % 3 === 1 ? row.account_number : (row.digits ?? row.account_number);
    const parsed = queueQuerySchema.parse({ search, statuses: [...(index % 2 ? ['open', 'in_progress'] : [])] });
    samples.push(timeIt(() => read(parsed)).ms);
  });
  return summarize(samples);
}
