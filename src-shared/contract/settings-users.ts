import { z } from 'zod';
import { ROLES, type Role } from '../roles';
import { defineChannel } from './define-channel';

/** Who may sign in and with which role: administrators only. */

const id = z.string().min(1).max(64);

export interface UserView {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

export const NewUserInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    email: z.string().trim().toLowerCase().email('is not an email address'),
    role: z.enum(ROLES),
    /** The first password; the user is told it out of band. */
    password: z.string().min(8, 'needs at least 8 characters').max(200),
  })
  .strict();
export type NewUserInput = z.infer<typeof NewUserInput>;

export const settingsUserChannels = {
  'settings.users': defineChannel<{ users: UserView[] }>()({ input: z.object({}).strict(), permission: 'admin_settings', kind: 'query' }),
  'settings.addUser': defineChannel<UserView>()({ input: NewUserInput, permission: 'admin_settings', kind: 'command' }),
  /** An administrator cannot take away their own admin role, so there is always one left who can give it back. */
  'settings.setUserRole': defineChannel<UserView>()({ input: z.object({ userId: id, role: z.enum(ROLES) }).strict(), permission: 'admin_settings', kind: 'command' }),
  /** A deactivated user can no longer sign in; their history stays theirs. Nobody deactivates themselves. */
  'settings.setUserActive': defineChannel<UserView>()({ input: z.object({ userId: id, active: z.boolean() }).strict(), permission: 'admin_settings', kind: 'command' }),
};
