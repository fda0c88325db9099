import type { Store } from '../store/open-store';
import type { RelayClient } from './relay-client';
import { rowKey, SYNCED_TABLES } from './synced-tables';

const PAGE = 2_000;

/** Owners first (a borrower, then their loans and cases): the relay places each row in its owner's region. */
const OWNERS = ['borrowers', 'loans', 'cases'];
const PUBLISH_ORDER = [...SYNCED_TABLES].sort((a, b) => rank(a.name) - rank(b.name));
function rank(name: string): number {
  const index = OWNERS.indexOf(name);
  return index === -1 ? OWNERS.length : index;
}

/**
 * Moves this desktop's data onto a new, empty relay (the relay's bootstrap): every synced row, in
 * pages, the last one marked final. Parents go before children (tables in dependency order do not
 * matter to the ledger, which holds JSON rows, but a desktop pulling page by page sees them sooner).
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
  rows += page.length;
  onProgress?.(rows);
  return { rows };
}
