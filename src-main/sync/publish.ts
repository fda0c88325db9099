import type { Store } from '../store/open-store';
import type { RelayClient } from './relay-client';
import { foreignKeysOf, replicaTable } from '../../src-shared/sync/row-shape';
import { rowKey, SYNCED_TABLES } from './synced-tables';

const PAGE = 2_000;

/**
 * Parents before children: the relay refuses a row naming a parent it has not been sent yet, and
 * places each row in its owner's region (a borrower before their loans, a loan before its cases).
 */
function depth(name: string, seen: readonly string[] = []): number {
  if (seen.includes(name)) throw new Error(`the foreign keys of ${seen.join(' → ')} → ${name} form a cycle, so no order sends every parent first`);
  const parents = foreignKeysOf(replicaTable(name)!).map((reference) => reference.table);
  return parents.length === 0 ? 0 : 1 + Math.max(...parents.map((parent) => depth(parent, [...seen, name])));
}
const DEPTHS = new Map(SYNCED_TABLES.map((table) => [table.name, depth(table.name)]));
const PUBLISH_ORDER = [...SYNCED_TABLES].sort((a, b) => DEPTHS.get(a.name)! - DEPTHS.get(b.name)! || a.name.localeCompare(b.name));

/**
 * Moves this desktop's data onto a new, empty relay (the relay's bootstrap): every synced row, in
 * pages, the last one marked final, parents before children.
 */
export async function publishToRelay(store: Store, relay: RelayClient, onProgress?: (rows: number) => void): Promise<{ rows: number }> {
  let page: { tbl: string; id: string; data: Record<string, unknown> }[] = [];
  let rows = 0;
  for (const table of PUBLISH_ORDER) {
    // Keyset pages rather than one open iterator: the connection stays free for other work between awaits.
    const keys = table.keyColumns.map((column) => `"${column}"`).join(', ');
    const first = store.sqlite.prepare(`SELECT * FROM "${table.name}" ORDER BY ${keys} LIMIT ${PAGE}`);
    const next = store.sqlite.prepare(`SELECT * FROM "${table.name}" WHERE (${keys}) > (${table.keyColumns.map(() => '?').join(', ')}) ORDER BY ${keys} LIMIT ${PAGE}`);
    let chunk = first.all() as Record<string, unknown>[];
    while (chunk.length > 0) {
      for (const data of chunk) page.push({ tbl: table.name, id: rowKey(table, data), data });
      if (page.length >= PAGE) {
        await relay.bootstrap({ rows: page, final: false });
        rows += page.length;
        onProgress?.(rows);
        page = [];
      }
      const last = chunk[chunk.length - 1]!;
      chunk = chunk.length < PAGE ? [] : (next.all(...table.keyColumns.map((column) => last[column])) as Record<string, unknown>[]);
    }
  }
  // Whatever this desktop did before is in the rows just sent: its outbox is settled, and the relay
  // expects its next command after the last one.
  const lastSeq = (store.sqlite.prepare('SELECT coalesce(max(seq), 0) FROM outbox WHERE client_id = ?').pluck().get(store.clientId) as number);
  await relay.bootstrap({ rows: page, final: true, client: { clientId: store.clientId, lastSeq } });
  store.sqlite.prepare(`UPDATE outbox SET state = 'applied' WHERE client_id = ? AND state = 'pending'`).run(store.clientId);
  // From here on the relay alone checks passwords (DESIGN §3, Trust): the hashes it now holds leave this desktop.
  store.sqlite.prepare(`UPDATE users SET password_hash = ''`).run();
  rows += page.length;
  onProgress?.(rows);
  return { rows };
}
