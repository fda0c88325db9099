import type { SessionUser } from '../src-shared/contract';
import { ROLE_PERMISSIONS, type Role } from '../src-shared/roles';
import type { DesktopServices } from '../src-main/app/desktop-services';
import type { Session } from '../src-main/ipc/handler-types';
import type { Store } from '../src-main/store/open-store';
import { EVERYONE, ownerOf } from '../src-shared/sync/partitions';
import { rowKey, SYNCED_TABLES } from '../src-main/sync/synced-tables';
import { testServices } from '../tests-support/communications';
import { seededStore, tempStore } from '../tests-support/temp-store';
import { DEMO_PASSWORD } from '../src-main/seed/demo-users';

/** One desktop of a sync test: a real SQLite file, the services the harness runs, and sessions of its users. */
export interface Desktop {
  name: string;
  store: Store;
  services: DesktopServices & { events: { event: string; payload: unknown }[] };
  /** A signed-in session of the store's `index`-th user of a role. */
  as(role: Role, index?: number): Session;
  /**
   * Signs users of these roles in through this desktop's own sign-in (at its relay, with the demo
   * password), as the people at this desk would: their keys are registered and unlocked here, so
   * the commands their sessions from `as` make carry their signatures.
   */
  signIn(roles?: readonly Role[]): Promise<void>;
  /** Calls a channel as a user and returns its value, failing with the error when refused. */
  call<T>(session: Session, channel: string, payload: unknown): Promise<T>;
  close(): Promise<void>;
}

export function desktop(name: string, options: { seededLoans?: number; now?: () => Date } = {}): Desktop {
  const temp = options.seededLoans ? seededStore(options.seededLoans) : tempStore();
  const services = testServices(temp.store, { maxSyncRetryDelayMs: 200, now: options.now });
  // The sessions of users who signed in through `signIn`, which `as` hands out from then on.
  const signedIn = new Map<string, Session>();
  return {
    name,
    store: temp.store,
    services,
    as(role, index = 0) {
      const user = temp.store.sqlite.prepare('SELECT id, name, email, role FROM users WHERE role = ? ORDER BY id LIMIT 1 OFFSET ?').get(role, index) as Omit<SessionUser, 'permissions'> | undefined;
      if (!user) throw new Error(`${name} has no ${role} number ${index}`);
      return signedIn.get(user.id) ?? { user: { ...user, permissions: [...ROLE_PERMISSIONS[role]] } };
    },
    async signIn(roles = ['agent', 'supervisor', 'admin']) {
      const users = temp.store.sqlite.prepare(`SELECT id, role FROM users WHERE active = 1 ORDER BY id`).all() as { id: string; role: Role }[];
      for (const user of users.filter((candidate) => roles.includes(candidate.role))) {
        const session: Session = { user: null };
        const result = await services.dispatch(session, 'session.signIn', { userId: user.id, password: DEMO_PASSWORD });
        if (!result.ok) throw new Error(`${name}: ${user.id} could not sign in: ${result.error.message}`);
        signedIn.set(user.id, session);
      }
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

/**
 * Every synced row of a store, table by table in key order: two replicas of one ledger compare
 * equal. Password hashes never leave the relay, so replicas hold none and a desktop without a
 * relay holds its own: they are left out of the comparison.
 */
export function syncedRows(store: Store): Record<string, unknown[]> {
  return Object.fromEntries(
    SYNCED_TABLES.map((table) => {
      const rows = store.sqlite.prepare(`SELECT * FROM "${table.name}" ORDER BY ${table.keyColumns.map((column) => `"${column}"`).join(', ')}`).all() as Record<string, unknown>[];
      return [table.name, table.name === 'users' ? rows.map((row) => ({ ...row, password_hash: '' })) : rows];
    }),
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
