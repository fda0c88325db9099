import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { QueuePage } from '../../src-shared/contract';
import { useSeededDispatcher } from '../../tests-support/dispatcher';

const seeded = useSeededDispatcher(400);
const sqlite = () => seeded.store.sqlite;
const as = (role: 'agent' | 'supervisor', index = 0) => seeded.t.sessionAs(role, index);

/** Every row of the queue for these filters, page by page, as the screen reads it. */
async function wholeQueue(filters: Record<string, unknown>): Promise<QueuePage['rows']> {
  const rows: QueuePage['rows'] = [];
  for (let page = 0; ; page += 1) {
    const result = (await seeded.t.ok(as('agent'), 'cases.queue', { ...filters, page, pageSize: 200 })) as QueuePage;
    rows.push(...result.rows);
    if (rows.length >= result.total) return rows;
  }
}

describe('cases.exportCsv', () => {
  it('writes every case the filters match, in queue order, amounts as exact decimals', async () => {
    const filters = { stages: ['early_1_30', 'mid_31_60'], sort: 'balance', direction: 'asc' } as const;
    const expected = await wholeQueue(filters);
    expect(expected.length).toBeGreaterThan(10);
    const result = (await seeded.t.ok(as('agent'), 'cases.exportCsv', filters)) as { filename: string; csv: string; rows: number };
    expect(result.filename).toMatch(/^recourse-queue-\d{4}-\d{2}-\d{2}\.csv$/);
    const records = parse(result.csv, { columns: true }) as Record<string, string>[];
    expect(result.rows).toBe(expected.length);
    expect(records.map((r) => r.Account)).toEqual(expected.map((row) => row.accountNumber));
    for (const [index, row] of expected.entries()) {
      const record = records[index]!;
      expect(Math.round(Number(record.Balance) * 100)).toBe(row.balanceMinor);
      expect(Math.round(Number(record['Amount past due']) * 100)).toBe(row.amountPastDueMinor);
      expect(record.Currency).toBe(row.currency);
      expect(record.Borrower).toBe(row.borrowerName);
    }
  });

  it('quotes names with commas and quotes so a spreadsheet reads them whole', async () => {
    const { id, account } = sqlite().prepare('SELECT id, account_number AS account FROM cases WHERE active = 1 LIMIT 1').get() as { id: string; account: string };
    sqlite().prepare(`UPDATE cases SET borrower_name = 'O"Neil, Mary' WHERE id = ?`).run(id);
    const result = (await seeded.t.ok(as('agent'), 'cases.exportCsv', { search: account })) as { csv: string };
    expect((parse(result.csv, { columns: true }) as Record<string, string>[])[0]!.Borrower).toBe('O"Neil, Mary');
  });

  it('refuses filters that cannot hold, naming the field', async () => {
    expect(await seeded.t.dispatch(as('agent'), 'cases.exportCsv', { dpdMin: 30, dpdMax: 10 })).toMatchObject({ ok: false, error: { code: 'validation', field: 'dpdMin' } });
  });
});

describe('cases.queueIds', () => {
  it('gives a supervisor the ids of everything matched, in queue order, for a bulk assignment', async () => {
    const filters = { priorities: ['HIGH'] } as const;
    const expected = (await wholeQueue(filters)).map((row) => row.caseId);
    const result = (await seeded.t.ok(as('supervisor'), 'cases.queueIds', filters)) as { caseIds: string[]; total: number };
    expect(result).toEqual({ caseIds: expected, total: expected.length });
  });

  it('is a supervisor\'s: an agent is refused', async () => {
    expect(await seeded.t.dispatch(as('agent'), 'cases.queueIds', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('cases.nextForMe', () => {
  const assign = async (agentIndex: number, count: number, offset: number) => {
    const agentId = as('agent', agentIndex).user!.id;
    const caseIds = sqlite().prepare('SELECT id FROM cases WHERE active = 1 AND assigned_agent_id IS NOT ? ORDER BY id LIMIT ? OFFSET ?').pluck().all(agentId, count, offset) as string[];
    await seeded.t.ok(as('supervisor'), 'cases.assign', { caseIds, agentId });
  };

  it('walks my active cases from the highest priority down, then says there are no more', async () => {
    await assign(0, 6, 0);
    const me = as('agent');
    const mine = sqlite().prepare('SELECT id FROM cases WHERE active = 1 AND assigned_agent_id = ? ORDER BY priority_score DESC, rowid DESC').pluck().all(me.user!.id) as string[];
    expect(mine.length).toBeGreaterThan(2);
    const walked: string[] = [];
    let next = (await seeded.t.ok(me, 'cases.nextForMe', {})) as { caseId: string | null };
    while (next.caseId !== null) {
      walked.push(next.caseId);
      next = (await seeded.t.ok(me, 'cases.nextForMe', { afterCaseId: next.caseId })) as { caseId: string | null };
    }
    expect(walked).toEqual(mine);
  });

  it('never hands me a colleague\'s case', async () => {
    await assign(1, 3, 10);
    const other = as('agent', 1);
    const { caseId } = (await seeded.t.ok(other, 'cases.nextForMe', {})) as { caseId: string | null };
    expect(caseId).not.toBeNull();
    const owner = sqlite().prepare('SELECT assigned_agent_id FROM cases WHERE id = ?').pluck().get(caseId) as string;
    expect(owner).toBe(other.user!.id);
  });
});

describe('the default-type filter (seed 000)', () => {
  it('keeps exactly the active cases of the chosen types', async () => {
    const sample = sqlite().prepare(`SELECT id FROM cases WHERE active = 1 ORDER BY id LIMIT 3`).pluck().all() as string[];
    sqlite().prepare(`UPDATE cases SET default_type = 'infraction' WHERE id IN (${sample.map(() => '?').join(', ')})`).run(...sample);
    const expected = sqlite().prepare(`SELECT id FROM cases WHERE active = 1 AND default_type = 'infraction'`).pluck().all() as string[];
    const rows = await wholeQueue({ defaultTypes: ['infraction'] });
    expect(rows.map((row) => row.caseId).sort()).toEqual([...expected].sort());
    expect(new Set(rows.map((row) => row.defaultType))).toEqual(new Set(['infraction']));
    const both = await wholeQueue({ defaultTypes: ['infraction', 'payment_default'] });
    expect(both.length).toBe(sqlite().prepare(`SELECT count(*) FROM cases WHERE active = 1 AND default_type IN ('infraction', 'payment_default')`).pluck().get());
  });
});
