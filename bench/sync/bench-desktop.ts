import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, Events, SessionUser } from '../../src-shared/contract';
import { isoDate } from '../../src-shared/dates';
import { ROLE_PERMISSIONS, type Role } from '../../src-shared/roles';
import { createDesktopServices, type DesktopServices } from '../../src-main/app/desktop-services';
import { seedDatabase } from '../../src-main/demo/seed-database';
import type { Session } from '../../src-main/ipc/handler-types';
import { chromiumPdfRenderer } from '../../src-main/letters/chromium-pdf-renderer';
import { openStore, type Store } from '../../src-main/store/open-store';
import { DEMO_PASSWORD } from '../../src-main/seed/demo-users';

/** One desktop as the harness wires it: its own SQLite file and secrets in a temp folder. */
export interface BenchDesktop {
  store: Store;
  services: DesktopServices;
  /** A session of the store's first user of a role (its commands are unsigned: for a desktop without a relay). */
  as(role: Role): Session;
  /** Signs the store's first user of a role in through the desktop's sign-in (at its relay): their commands are signed. */
  signIn(role: Role): Promise<Session>;
  /** Calls a channel and returns its value; a refusal fails the bench. */
  call<T>(session: Session, channel: string, payload: unknown): Promise<T>;
  /** Stops its sync, closes the store and deletes the folder. */
  close(): Promise<void>;
}

export function benchDesktop(options: { seededLoans?: number; onEvent?<E extends EventName>(event: E, payload: Events[E]): void } = {}): BenchDesktop {
  const dir = mkdtempSync(join(tmpdir(), 'recourse-bench-desktop-'));
  const store = openStore(join(dir, 'desktop.db'));
  try {
    if (options.seededLoans) seedDatabase(store, { loans: options.seededLoans, seed: 3, asOf: isoDate('2026-11-20') });
  } catch (error) {
    store.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const services = createDesktopServices({
    store, secretsDir: join(dir, 'secrets'), letterRenderer: chromiumPdfRenderer(), maxSyncRetryDelayMs: 1_000,
    broadcast: (event, payload) => options.onEvent?.(event, payload),
  });
  return {
    store,
    services,
    as(role) {
      const user = store.sqlite.prepare('SELECT id, name, email, role FROM users WHERE role = ? ORDER BY id LIMIT 1').get(role) as Omit<SessionUser, 'permissions'> | undefined;
      if (!user) throw new Error(`the desktop has no ${role}`);
      return { user: { ...user, permissions: [...ROLE_PERMISSIONS[role]] } };
    },
    async signIn(role) {
      const session: Session = { user: null };
      const userId = store.sqlite.prepare('SELECT id FROM users WHERE role = ? ORDER BY id LIMIT 1').pluck().get(role) as string;
      const result = await services.dispatch(session, 'session.signIn', { userId, password: DEMO_PASSWORD });
      if (!result.ok) throw new Error(`${userId} could not sign in: ${result.error.message}`);
      return session;
    },
    async call<T>(session: Session, channel: string, payload: unknown): Promise<T> {
      const result = await services.dispatch(session, channel, payload);
      if (!result.ok) throw new Error(`${channel} refused: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
    async close() {
      try {
        await services.close();
      } finally {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
