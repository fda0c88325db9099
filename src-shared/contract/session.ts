import { z } from 'zod';
import { ROLES, type Permission, type Role } from '../roles';
import { defineChannel } from './define-channel';

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface SessionUser extends UserSummary {
  permissions: Permission[];
}

const id = z.string().min(1).max(64);

export const sessionChannels = {
  'session.users': defineChannel<UserSummary[]>()({ input: z.object({}).strict(), permission: null, kind: 'query' }),
  'session.signIn': defineChannel<SessionUser>()({
    input: z.object({ userId: id, password: z.string().min(1).max(200) }).strict(),
    permission: null,
    kind: 'command',
  }),
  'session.signOut': defineChannel<null>()({ input: z.object({}).strict(), permission: null, kind: 'command' }),
  'session.current': defineChannel<SessionUser | null>()({ input: z.object({}).strict(), permission: null, kind: 'query' }),
};

export const roleSchema = z.enum(ROLES);
