import type { SessionUser } from '../src-shared/contract';
import { ROLE_PERMISSIONS, type Role } from '../src-shared/roles';
import { createDispatcher } from '../src-main/ipc/dispatch';
import type { Session } from '../src-main/ipc/handler-types';
import type { Store } from '../src-main/store/open-store';
import { testHandlers } from './communications';

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
