import { afterAll, beforeAll } from 'vitest';
import type { SessionUser } from '../src-shared/contract';
import { ROLE_PERMISSIONS, type Role } from '../src-shared/roles';
import { createDispatcher } from '../src-main/ipc/dispatch';
import type { Session } from '../src-main/ipc/handler-types';
import type { Store } from '../src-main/store/open-store';
import { testHandlers } from './communications';
import { seededStore } from './temp-store';

/** The real dispatcher over a store, with sessions signed in as the store's users of each role. */
export function testDispatcher(store: Store) {
  const events: { event: string; payload: unknown }[] = [];
  const { handlers, communications } = testHandlers(store);
  const dispatch = createDispatcher(handlers, (event, payload) => events.push({ event, payload }));
  const sessionAs = (role: Role, index = 0): Session => {
    const user = store.sqlite.prepare('SELECT id, name, email, role FROM users WHERE role = ? ORDER BY id LIMIT 1 OFFSET ?').get(role, index) as Omit<SessionUser, 'permissions'> | undefined;
    if (!user) throw new Error(`the store has no ${role} number ${index}`);
    return { user: { ...user, permissions: [...ROLE_PERMISSIONS[role]] } };
  };
  /** Calls a channel and returns its value, failing the test with the error when it is refused. */
  const ok = async (session: Session, channel: string, payload: unknown): Promise<unknown> => {
    const result = await dispatch(session, channel, payload);
    if (!result.ok) throw new Error(`${channel} refused: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  return { dispatch, sessionAs, ok, events, close: () => communications.close() };
}

/**
 * A test file's seeded store and dispatcher, made before its tests and closed after them; the
 * getters read them once `beforeAll` has run.
 */
export function useSeededDispatcher(loans: number): { readonly store: Store; readonly t: ReturnType<typeof testDispatcher> } {
  let temp: ReturnType<typeof seededStore> | undefined;
  let dispatcher: ReturnType<typeof testDispatcher> | undefined;
  beforeAll(() => {
    temp = seededStore(loans);
    dispatcher = testDispatcher(temp.store);
  });
  afterAll(() => {
    dispatcher?.close();
    temp?.cleanup();
  });
  return {
    get store() {
      return temp!.store;
    },
    get t() {
      return dispatcher!;
    },
  };
}
