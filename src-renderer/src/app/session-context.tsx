import { createContext, useContext } from 'react';
import type { SessionUser } from '../../../src-shared/contract';
import type { Permission } from '../../../src-shared/roles';

export interface SessionState {
  user: SessionUser;
  signOut(): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}

export function useCan(permission: Permission): boolean {
  return useSession().user.permissions.includes(permission);
}
