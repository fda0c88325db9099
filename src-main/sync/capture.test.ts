import { afterAll, describe, expect, it } from 'vitest';
import { testDispatcher } from '../../tests-support/dispatcher';
import { seededStore, TEST_AS_OF } from '../../tests-support/temp-store';
import type { RowChange } from '../../src-shared/sync/protocol';
import { addDays } from '../../src-shared/dates';
import { runDaily } from '../engine/daily-run';
import { runCommand } from '../store/run-command';
import { drainChanges, isCapturing, setCapturing } from './capture';
import { SYNCED_TABLES } from './synced-tables';

describe('capturing the rows each command writes', () => {
  const temp = seededStore(40);
  const { sqlite } = temp.store;
  const { ok, sessionAs, close } = testDispatcher(temp.store);
  afterAll(async () => {
    await close();
    temp.cleanup();
  });
  const lastOutbox = () => sqlite.prepare('SELECT name, actor_id, changes FROM outbox ORDER BY seq DESC LIMIT 1').get() as { name: string; actor_id: string; changes: string };
  const caseIds = sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id LIMIT 2').pluck().all() as string[];

  it('syncs every table but this desktop\'s settings, sync bookkeeping and audit chain, each by its key', () => {
    const names = SYNCED_TABLES.map((table) => table.name);
    expect(names).toContain('cases');
    expect(names).not.toEqual(expect.arrayContaining(['outbox']));
    for (const local of ['app_meta', 'audit_events', 'outbox', 'sync_pending', 'sync_capture', 'sync_versions']) expect(names).not.toContain(local);
    expect(SYNCED_TABLES.find((table) => table.name === 'installments')!.keyColumns).toEqual(['loan_id', 'seq']);
    expect(SYNCED_TABLES.find((table) => table.name === 'queue_members')!.keyColumns).toEqual(['queue_id', 'user_id']);
  });

  it('a command carries the images of the rows it wrote, as they stand after it', async () => {
    const agent = sqlite.prepare(`SELECT id FROM users WHERE role = 'agent' ORDER BY id DESC LIMIT 1`).pluck().get() as string;
    await ok(sessionAs('supervisor'), 'cases.assign', { caseIds, agentId: agent });
    const entry = lastOutbox();
    expect(entry.name).toBe('cases.assign');
    const changes = JSON.parse(entry.changes) as RowChange[];
    const cases = changes.filter((change) => change.tbl === 'cases');
    expect(cases.map((change) => change.id).sort()).toEqual([...caseIds].sort());
    for (const change of cases) {
      expect(change).toMatchObject({ op: 'upsert', baseVersion: null, data: { id: change.id, assigned_agent_id: agent }, base: { id: change.id } });
      expect((change as { base: Record<string, unknown> }).base.assigned_agent_id).not.toBe(agent);
    }
    // The assignment history rows the command added travel with it too.
    expect(changes.some((change) => change.tbl === 'case_assignments')).toBe(true);
    expect(sqlite.prepare('SELECT count(*) FROM sync_pending').pluck().get()).toBe(0);
    expect(isCapturing(sqlite)).toBe(false);
  });

  it('a command that fails leaves no notes behind and capture off', () => {
    expect(() =>
      runCommand(temp.store, { id: 'system', role: 'admin' }, 'test.fail', {}, () => {
        sqlite.prepare('UPDATE cases SET priority_score = priority_score + 1 WHERE id = ?').run(caseIds[0]);
        throw new Error('refused halfway');
      }),
    ).toThrow('refused halfway');
    expect(sqlite.prepare('SELECT count(*) FROM sync_pending').pluck().get()).toBe(0);
    expect(isCapturing(sqlite)).toBe(false);
  });

  it('the daily run, seeding and imports write without notes: only commands are pushed', () => {
    const before = sqlite.prepare('SELECT count(*) FROM outbox').pluck().get();
    runDaily(temp.store, addDays(TEST_AS_OF, 1));
    expect(sqlite.prepare('SELECT count(*) FROM sync_pending').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(before);
  });

  it('a deleted row reads as a delete, a composite key joins its parts, and the base version is the last one seen from the relay', () => {
    const installment = sqlite.prepare('SELECT loan_id, seq FROM installments ORDER BY loan_id, seq LIMIT 1').get() as { loan_id: string; seq: number };
    const before = sqlite.prepare('SELECT fees_due_minor FROM installments WHERE loan_id = ? AND seq = ?').get(installment.loan_id, installment.seq) as { fees_due_minor: number };
    const member = sqlite.prepare('SELECT queue_id, user_id FROM queue_members LIMIT 1').get() as { queue_id: string; user_id: string };
    sqlite.prepare('INSERT INTO sync_versions (tbl, key, version) VALUES (?, ?, 41)').run('installments', `${installment.loan_id}:${installment.seq}`);
    let changes: RowChange[] = [];
    sqlite.transaction(() => {
      setCapturing(sqlite, true);
      sqlite.prepare('UPDATE installments SET fees_due_minor = fees_due_minor + 1 WHERE loan_id = ? AND seq = ?').run(installment.loan_id, installment.seq);
      sqlite.prepare('DELETE FROM queue_members WHERE queue_id = ? AND user_id = ?').run(member.queue_id, member.user_id);
      changes = drainChanges(sqlite);
      setCapturing(sqlite, false);
    })();
    expect(changes).toEqual([
      {
        tbl: 'installments', id: `${installment.loan_id}:${installment.seq}`, op: 'upsert', baseVersion: 41,
        data: expect.objectContaining({ loan_id: installment.loan_id, seq: installment.seq, fees_due_minor: before.fees_due_minor + 1 }),
        base: expect.objectContaining({ loan_id: installment.loan_id, seq: installment.seq, fees_due_minor: before.fees_due_minor }),
      },
      { tbl: 'queue_members', id: `${member.queue_id}:${member.user_id}`, op: 'delete', base: expect.objectContaining(member), baseVersion: null },
    ]);
  });
});
