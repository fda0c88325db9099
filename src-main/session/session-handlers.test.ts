import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStore } from '../../tests-support/temp-store';
import { createDispatcher, type Dispatcher } from '../ipc/dispatch';
import type { Session } from '../ipc/handler-types';
import { testHandlers } from '../../tests-support/communications';
import { DEMO_PASSWORD } from '../seed/demo-users';
import { createSignInThrottle } from '../../src-shared/sign-in-throttle';
import { sessionHandlers } from './session-handlers';

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

describe('throttling failed sign-ins', () => {
  async function userOfRole(role: string): Promise<string> {
    const users = (await dispatch({ user: null }, 'session.users', {})) as { value: { id: string; role: string }[] };
    return users.value.find((u) => u.role === role)!.id;
  }

  it('refuses even the right password once a user has failed five times, as every transport dispatches', async () => {
    // The supervisor: the tests above failed once for the first agent, and this dispatcher's throttle remembers.
    const supervisorId = await userOfRole('supervisor');
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await dispatch({ user: null }, 'session.signIn', { userId: supervisorId, password: `guess-${attempt}` })).toMatchObject({ ok: false, error: { code: 'unauthenticated', field: 'password' } });
    }
    const session: Session = { user: null };
    expect(await dispatch(session, 'session.signIn', { userId: supervisorId, password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/too many failed sign-ins/i) } });
    expect(session.user).toBeNull();
  });

  it('lets the user in once the wait has passed, and a success starts the count again', async () => {
    let now = Date.UTC(2026, 11, 1, 9, 0);
    const throttle = createSignInThrottle({ now: () => now });
    const signIn = sessionHandlers(temp.store, () => null, throttle)['session.signIn'];
    const adminId = await userOfRole('admin');
    const attempt = (password: string, session: Session = { user: null }) => Promise.resolve().then(() => signIn({ userId: adminId, password }, { session, actor: null, broadcast: () => undefined }));
    for (let failure = 0; failure < 5; failure++) await expect(attempt('wrong')).rejects.toMatchObject({ code: 'unauthenticated', field: 'password' });
    await expect(attempt(DEMO_PASSWORD)).rejects.toThrow(/too many failed sign-ins/i);
    now += 60_000;
    await expect(attempt(DEMO_PASSWORD)).resolves.toMatchObject({ id: adminId, role: 'admin' });
    for (let failure = 0; failure < 4; failure++) await expect(attempt('wrong')).rejects.toMatchObject({ field: 'password' });
    await expect(attempt(DEMO_PASSWORD)).resolves.toMatchObject({ id: adminId });
  });
});
