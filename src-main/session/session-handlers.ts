import type { SessionUser, UserSummary } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { ROLE_PERMISSIONS, type Role } from '../../src-shared/roles';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { verifyPassword } from './passwords';

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  password_hash: string;
}

function toSessionUser(row: UserRow): SessionUser {
  return { id: row.id, name: row.name, email: row.email, role: row.role, permissions: [...ROLE_PERMISSIONS[row.role]] };
}

export function sessionHandlers(store: Store): HandlerSlice<'session.users' | 'session.signIn' | 'session.signOut' | 'session.current'> {
  const activeUsers = store.sqlite.prepare(`SELECT id, name, email, role FROM users WHERE active = 1 ORDER BY CASE role WHEN 'agent' THEN 0 WHEN 'supervisor' THEN 1 ELSE 2 END, name`);
  const userById = store.sqlite.prepare('SELECT id, name, email, role, password_hash FROM users WHERE id = ? AND active = 1');
  return {
    'session.users': () => activeUsers.all() as UserSummary[],
    'session.signIn': ({ userId, password }, { session }) => {
      const row = userById.get(userId) as UserRow | undefined;
      if (!row || !verifyPassword(password, row.password_hash)) throw new AppError('unauthenticated', 'unknown user or wrong password', 'password');
      session.user = toSessionUser(row);
      return session.user;
    },
    'session.signOut': (_input, { session }) => {
      session.user = null;
      return null;
    },
    'session.current': (_input, { session }) => session.user,
  };
}
