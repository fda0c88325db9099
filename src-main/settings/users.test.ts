import { describe, expect, it } from 'vitest';
import type { UserView } from '../../src-shared/contract';
import { useSeededDispatcher } from '../../tests-support/dispatcher';

const seeded = useSeededDispatcher(20);

async function refusal(session: ReturnType<typeof seeded.t.sessionAs>, channel: string, payload: unknown) {
  const result = await seeded.t.dispatch(session, channel, payload);
  if (result.ok) throw new Error(`${channel} was allowed`);
  return result.error;
}

describe('users and roles', () => {
  it('lists every user for an admin, and nobody else', async () => {
    const { users } = (await seeded.t.ok(seeded.t.sessionAs('admin'), 'settings.users', {})) as { users: UserView[] };
    expect(users).toHaveLength(seeded.store.sqlite.prepare('SELECT count(*) FROM users').pluck().get() as number);
    expect(users.every((user) => !('passwordHash' in user) && !('password_hash' in user))).toBe(true);
    expect((await refusal(seeded.t.sessionAs('supervisor'), 'settings.users', {})).code).toBe('forbidden');
  });

  it('an admin adds a user who can then sign in; the password is in neither the audit log nor the outbox', async () => {
    const admin = seeded.t.sessionAs('admin');
    const added = (await seeded.t.ok(admin, 'settings.addUser', { name: 'Rhea Mohammed', email: ' Rhea.Mohammed@Recourse.demo ', role: 'agent', password: 'long-enough-1' })) as UserView;
    expect(added).toMatchObject({ name: 'Rhea Mohammed', email: 'rhea.mohammed@recourse.demo', role: 'agent', active: true });
    const signedIn = await seeded.t.dispatch({ user: null }, 'session.signIn', { userId: added.id, password: 'long-enough-1' });
    expect(signedIn).toMatchObject({ ok: true, value: { id: added.id, role: 'agent' } });
    const { sqlite } = seeded.store;
    const outbox = sqlite.prepare(`SELECT args FROM outbox WHERE name = 'settings.addUser'`).pluck().get() as string;
    const audit = sqlite.prepare(`SELECT payload FROM audit_events WHERE type = 'user.added' AND entity_id = ?`).pluck().get(added.id) as string;
    expect(outbox).not.toContain('long-enough-1');
    expect(audit).not.toContain('long-enough-1');
    expect(await refusal(admin, 'settings.addUser', { name: 'Again', email: 'rhea.mohammed@recourse.demo', role: 'agent', password: 'long-enough-2' })).toMatchObject({ code: 'conflict', field: 'email' });
    expect(await refusal(admin, 'settings.addUser', { name: 'Bad', email: 'not-an-email', role: 'agent', password: 'long-enough-2' })).toMatchObject({ code: 'validation', field: 'email' });
    expect(await refusal(admin, 'settings.addUser', { name: 'Short', email: 'short@recourse.demo', role: 'agent', password: 'short' })).toMatchObject({ code: 'validation', field: 'password' });
  });

  it('an admin promotes an agent and deactivates them, after which they cannot sign in', async () => {
    const admin = seeded.t.sessionAs('admin');
    const agent = seeded.t.sessionAs('agent', 1).user!;
    expect(await seeded.t.ok(admin, 'settings.setUserRole', { userId: agent.id, role: 'supervisor' })).toMatchObject({ role: 'supervisor' });
    expect(seeded.store.sqlite.prepare(`SELECT payload FROM audit_events WHERE type = 'user.role_changed' AND entity_id = ?`).pluck().get(agent.id)).toBe(JSON.stringify({ from: 'agent', to: 'supervisor' }));
    expect(await seeded.t.ok(admin, 'settings.setUserActive', { userId: agent.id, active: false })).toMatchObject({ active: false });
    const signIn = await seeded.t.dispatch({ user: null }, 'session.signIn', { userId: agent.id, password: 'recourse' });
    expect(signIn.ok).toBe(false);
  });

  it('an admin cannot remove their own admin role or deactivate themselves; a supervisor changes no one', async () => {
    const admin = seeded.t.sessionAs('admin');
    expect(await refusal(admin, 'settings.setUserRole', { userId: admin.user!.id, role: 'supervisor' })).toMatchObject({ code: 'forbidden', field: 'role' });
    expect(await refusal(admin, 'settings.setUserActive', { userId: admin.user!.id, active: false })).toMatchObject({ code: 'forbidden', field: 'active' });
    expect(seeded.store.sqlite.prepare('SELECT role, active FROM users WHERE id = ?').get(admin.user!.id)).toEqual({ role: 'admin', active: 1 });
    const supervisor = seeded.t.sessionAs('supervisor');
    const agentId = seeded.t.sessionAs('agent').user!.id;
    expect((await refusal(supervisor, 'settings.setUserRole', { userId: agentId, role: 'admin' })).code).toBe('forbidden');
    expect((await refusal(seeded.t.sessionAs('agent'), 'settings.setUserRole', { userId: agentId, role: 'admin' })).code).toBe('forbidden');
  });
});
