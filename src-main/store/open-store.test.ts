import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempStore } from '../../tests-support/temp-store';
import { appendAudit, verifyAuditChain } from './audit-log';
import { openStore } from './open-store';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function fresh() {
  const temp = tempStore();
  cleanups.push(temp.cleanup);
  return temp;
}

describe('the local store', () => {
  it('opens in WAL mode with foreign keys enforced', () => {
    const { store } = fresh();
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => store.sqlite.prepare(`INSERT INTO phones (id, borrower_id, e164, label, type) VALUES ('p', 'nobody', '+18685550100', 'mobile', 'mobile')`).run()).toThrow(/FOREIGN KEY/);
  });

  it('keeps its client id and schema version across reopenings', () => {
    const { store, dir } = fresh();
    const { clientId } = store;
    const version = store.sqlite.pragma('user_version', { simple: true });
    store.close();
    const again = openStore(join(dir, 'test.db'));
    expect(again.clientId).toBe(clientId);
    expect(again.sqlite.pragma('user_version', { simple: true })).toBe(version);
    again.close();
    cleanups = [];
  });

  it('refuses a database written by a newer Recourse, and leaves it untouched', () => {
    const { store, dir } = fresh();
    const path = join(dir, 'test.db');
    store.close();
    cleanups = [];
    const raw = new Database(path);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openStore(path)).toThrow(/schema version 999, newer than this Recourse build/);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    check.close();
  });

  it('has an append-only, hash-chained audit log', () => {
    const { store } = fresh();
    for (let i = 0; i < 3; i += 1) appendAudit(store.sqlite, { type: 'case.assigned', entityType: 'case', entityId: `c${i}`, actorId: 'u1', at: '2026-11-20T10:00:00.000Z', payload: { i } });
    expect(verifyAuditChain(store.sqlite)).toBeNull();
    expect(() => store.sqlite.prepare(`UPDATE audit_events SET payload = '{}' WHERE seq = 2`).run()).toThrow(/append-only/);
    expect(() => store.sqlite.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    store.sqlite.exec('DROP TRIGGER audit_events_no_update');
    store.sqlite.prepare(`UPDATE audit_events SET payload = '{"i":9}' WHERE seq = 2`).run();
    expect(verifyAuditChain(store.sqlite)).toBe(2);
  });
});
