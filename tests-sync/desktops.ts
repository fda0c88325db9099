import type { SessionUser } from '../src-shared/contract';
import { ROLE_PERMISSIONS, type Role } from '../src-shared/roles';
import type { DesktopServices } from '../src-main/app/desktop-services';
import type { Session } from '../src-main/ipc/handler-types';
import type { Store } from '../src-main/store/open-store';
import { EVERYONE, ownerOf } from '../src-shared/sync/partitions';
import { rowKey, SYNCED_TABLES } from '../src-main/sync/synced-tables';
import { testServices } from '../tests-support/communications';
import { seededStore, tempStore } from '../tests-support/temp-store';

/** One desktop of a sync test: a real SQLite file, the services the harness runs, and sessions of its users. */
export interface Desktop {
  name: string;
  store: Store;
  services: DesktopServices & { events: { event: string; payload: unknown }[] };
  /** A signed-in session of the store's `index`-th user of a role. */
  as(role: Role, index?: number): Session;
  /** Calls a channel as a user and returns its value, failing with the error when refused. */
  call<T>(session: Session, channel: string, payload: unknown): Promise<T>;
  close(): Promise<void>;
}

export function desktop(name: string, options: { seededLoans?: number; now?: () => Date } = {}): Desktop {
  const temp = options.seededLoans ? seededStore(options.seededLoans) : tempStore();
  const services = testServices(temp.store, { maxSyncRetryDelayMs: 200, now: options.now });
  return {
    name,
    store: temp.store,
    services,
    as(role, index = 0) {
      const user = temp.store.sqlite.prepare('SELECT id, name, email, role FROM users WHERE role = ? ORDER BY id LIMIT 1 OFFSET ?').get(role, index) as Omit<SessionUser, 'permissions'> | undefined;
      if (!user) throw new Error(`${name} has no ${role} number ${index}`);
      return { user: { ...user, permissions: [...ROLE_PERMISSIONS[role]] } };
    },
    async call<T>(session: Session, channel: string, payload: unknown): Promise<T> {
      const result = await services.dispatch(session, channel, payload);
      if (!result.ok) throw new Error(`${name}: ${channel} refused: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
    async close() {
      await services.close();
      temp.cleanup();
    },
  };
}

/** Every synced row of a store, table by table in key order: two replicas of one ledger compare equal. */
export function syncedRows(store: Store): Record<string, unknown[]> {
  return Object.fromEntries(
    SYNCED_TABLES.map((table) => [table.name, store.sqlite.prepare(`SELECT * FROM "${table.name}" ORDER BY ${table.keyColumns.map((column) => `"${column}"`).join(', ')}`).all()]),
  );
}

/** The rows of `rows` a desk serving `region` may see, worked out here from the owners, independently of the relay. */
export function visibleTo(region: string, rows: Record<string, unknown[]>): Record<string, unknown[]> {
  const partitionOf = new Map<string, string>();
  const key = (tbl: string, id: string) => `${tbl}\u001f${id}`;
  const place = (tbl: string, data: Record<string, unknown>): string => {
    const owner = ownerOf(tbl, data);
    if (!owner) return EVERYONE;
    if ('region' in owner) return owner.region;
    return partitionOf.get(key(owner.tbl, owner.id)) ?? EVERYONE;
  };
  for (const tbl of ['borrowers', 'loans', 'cases']) {
    const table = SYNCED_TABLES.find((candidate) => candidate.name === tbl)!;
    for (const data of rows[tbl] as Record<string, unknown>[]) partitionOf.set(key(tbl, rowKey(table, data)), place(tbl, data));
  }
  return Object.fromEntries(
    Object.entries(rows).map(([tbl, list]) => [tbl, (list as Record<string, unknown>[]).filter((data) => [EVERYONE, region].includes(place(tbl, data)))]),
  );
}
