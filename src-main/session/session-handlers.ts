import type { UserSummary } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { createSignInThrottle, type SignInThrottle } from '../../src-shared/sign-in-throttle';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { dropSigner } from './command-signers';
import { signIn, type RelayForSignIn } from './sign-in';

/** One throttle per process by default: Electron IPC and the harness both reach sign-in through here. */
export function sessionHandlers(
  store: Store,
  relay: () => RelayForSignIn | null = () => null,
  throttle: SignInThrottle = createSignInThrottle(),
): HandlerSlice<'session.users' | 'session.signIn' | 'session.signOut' | 'session.current'> {
  const activeUsers = store.sqlite.prepare(`SELECT id, name, email, role FROM users WHERE active = 1 ORDER BY CASE role WHEN 'agent' THEN 0 WHEN 'supervisor' THEN 1 ELSE 2 END, name`);
  return {
    'session.users': () => activeUsers.all() as UserSummary[],
    'session.signIn': async ({ userId, password }, { session }) => {
      throttle.check(userId, session);
      let signedIn;
      try {
        signedIn = await signIn(store, relay(), userId, password);
      } catch (error) {
        if (error instanceof AppError && error.field === 'password') throttle.failed(userId, session);
        throw error;
      }
      throttle.succeeded(userId);
      if (session.user && session.user.id !== userId) dropSigner(store, session.user.id);
      session.user = signedIn.user;
      session.relaySession = signedIn.relaySession;
      return session.user;
    },
    'session.signOut': async (_input, { session }) => {
      const { user, relaySession } = session;
      session.user = null;
      session.relaySession = null;
      if (user) dropSigner(store, user.id);
      // Ending the relay's session is a courtesy: it expires on its own, and offline there is none to end.
      if (relaySession) await relay()?.client.signOut(relaySession).catch(() => undefined);
      return null;
    },
    'session.current': (_input, { session }) => session.user,
  };
}
