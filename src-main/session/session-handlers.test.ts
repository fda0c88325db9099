import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStore } from '../../tests-support/temp-store';
import { createDispatcher, type Dispatcher } from '../ipc/dispatch';
import type { Session } from '../ipc/handler-types';
import { testHandlers } from '../../tests-support/communications';
import { DEMO_PASSWORD } from '../seed/demo-users';

let temp: ReturnType<typeof seededStore>;
let dispatch: Dispatcher;
beforeAll(() => {
  temp = seededStore(20);
  dispatch = createDispatcher(testHandlers(temp.store).handlers, () => undefined);
});
afterAll(() => temp.cleanup());

describe('signing in', () => {
  it('lists the users without their password hashes', async () => {
    const result = await dispatch({ user: null }, 'session.users', {});
    expect(result.ok).toBe(true);
    const users = (result as { value: Record<string, unknown>[] }).value;
    expect(users.map((u) => u.role)).toEqual(expect.arrayContaining(['agent', 'supervisor', 'admin']));
    for (const user of users) expect(Object.keys(user).sort()).toEqual(['email', 'id', 'name', 'role']);
  });

  it('signs in with the right password and takes the role from the store', async () => {
    const session: Session = { user: null };
    const users = (await dispatch(session, 'session.users', {})) as { value: { id: string; role: string }[] };
    const supervisor = users.value.find((u) => u.role === 'supervisor')!;
    const result = await dispatch(session, 'session.signIn', { userId: supervisor.id, password: DEMO_PASSWORD });
    expect(result).toMatchObject({ ok: true, value: { id: supervisor.id, role: 'supervisor' } });
    expect(session.user?.permissions).toContain('approve_settlement');
    await dispatch(session, 'session.signOut', {});
    expect(session.user).toBeNull();
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const session: Session = { user: null };
    const users = (await dispatch(session, 'session.users', {})) as { value: { id: string }[] };
    expect(await dispatch(session, 'session.signIn', { userId: users.value[0]!.id, password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await dispatch(session, 'session.signIn', { userId: 'user_nobody', password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(session.user).toBeNull();
  });
});
