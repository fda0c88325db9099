import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { NewUserInput, UserView } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import type { Role } from '../../src-shared/roles';
import { hashPassword } from '../session/passwords';
import type { Store } from '../store/open-store';
import { runCommand, type Actor } from '../store/run-command';

type UserRow = { id: string; name: string; email: string; role: Role; active: number; created_at: string };

const toView = (row: UserRow): UserView => ({ id: row.id, name: row.name, email: row.email, role: row.role, active: row.active === 1, createdAt: row.created_at });

function userRow(sqlite: Database.Database, id: string): UserRow {
  const row = sqlite.prepare('SELECT id, name, email, role, active, created_at FROM users WHERE id = ?').get(id) as UserRow | undefined;
  if (!row) throw new AppError('not_found', `no user ${id}`, 'userId');
  return row;
}

export function listUsers(sqlite: Database.Database): UserView[] {
  return (sqlite.prepare('SELECT id, name, email, role, active, created_at FROM users ORDER BY active DESC, name').all() as UserRow[]).map(toView);
}

export function addUser(store: Store, actor: Actor, input: NewUserInput): UserView {
  const { sqlite } = store;
  if (sqlite.prepare('SELECT 1 FROM users WHERE email = ?').pluck().get(input.email) !== undefined) throw new AppError('conflict', `email: ${input.email} already has an account`, 'email');
  const id = randomUUID();
  const hash = hashPassword(input.password);
  // The password never enters the audit log or the outbox's arguments; its hash travels in the row.
  const { password: _password, ...recorded } = input;
  runCommand(store, actor, 'settings.addUser', recorded, (at) => {
    sqlite.prepare('INSERT INTO users (id, name, email, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)').run(id, input.name, input.email, input.role, hash, at);
    return { value: null, audit: [{ type: 'user.added', entityType: 'user', entityId: id, payload: recorded }] };
  });
  return toView(userRow(sqlite, id));
}

export function setUserRole(store: Store, actor: Actor, userId: string, role: Role): UserView {
  const { sqlite } = store;
  const before = userRow(sqlite, userId);
  if (userId === actor.id && before.role === 'admin' && role !== 'admin') throw new AppError('forbidden', 'you cannot remove your own admin role; another administrator can', 'role');
  if (before.role === role) return toView(before);
  runCommand(store, actor, 'settings.setUserRole', { userId, role }, () => {
    sqlite.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, userId);
    return { value: null, audit: [{ type: 'user.role_changed', entityType: 'user', entityId: userId, payload: { from: before.role, to: role } }] };
  });
  return toView(userRow(sqlite, userId));
}

export function setUserActive(store: Store, actor: Actor, userId: string, active: boolean): UserView {
  const { sqlite } = store;
  const before = userRow(sqlite, userId);
  if (userId === actor.id && !active) throw new AppError('forbidden', 'you cannot deactivate your own account', 'active');
  if ((before.active === 1) === active) return toView(before);
  runCommand(store, actor, 'settings.setUserActive', { userId, active }, () => {
    sqlite.prepare('UPDATE users SET active = ? WHERE id = ?').run(active ? 1 : 0, userId);
    return { value: null, audit: [{ type: active ? 'user.reactivated' : 'user.deactivated', entityType: 'user', entityId: userId, payload: { active } }] };
  });
  return toView(userRow(sqlite, userId));
}
