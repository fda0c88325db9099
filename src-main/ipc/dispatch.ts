import { channels, isChannelName, type ChannelName } from '../../src-shared/contract';
import { AppError, type Result } from '../../src-shared/errors';
import { roleAllows } from '../../src-shared/roles';
import { log } from '../log/logger';
import type { Handler, HandlerContext, Handlers, Session } from './handler-types';

export interface Dispatcher {
  (session: Session, channel: unknown, payload: unknown): Promise<Result<unknown>>;
}

/**
 * The single entry of every call from a renderer, whatever the transport: the channel must
 * exist, the payload (untrusted) must pass the channel's schema, and the caller's role must hold
 * the channel's permission. Failures come back as data; nothing thrown crosses the boundary.
 */
export function createDispatcher(handlers: Handlers, broadcast: HandlerContext['broadcast'], options: { afterCommand?: () => void } = {}): Dispatcher {
  return async (session, channel, payload) => {
    if (!isChannelName(channel)) return { ok: false, error: { code: 'validation', message: `unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}` } };
    const spec = channels[channel];
    const parsed = spec.input.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || undefined;
      return { ok: false, error: { code: 'validation', message: `${channel}: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid input'}`, ...(field ? { field } : {}) } };
    }
    const user = session.user;
    if (spec.permission !== null) {
      if (!user) return { ok: false, error: { code: 'unauthenticated', message: 'sign in first' } };
      if (!roleAllows(user.role, spec.permission)) {
        log.warn('refused call', { channel, userId: user.id, role: user.role });
        return { ok: false, error: { code: 'forbidden', message: `${channel} needs the ${spec.permission} permission, which the ${user.role} role does not have` } };
      }
    }
    const context: HandlerContext = { session, actor: user ? { id: user.id, role: user.role } : null, broadcast };
    try {
      const handler = handlers[channel] as Handler<ChannelName>;
      return { ok: true, value: await handler(parsed.data as never, context) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toData() };
      log.error('handler failed', { channel, error: error instanceof Error ? error.stack : String(error) });
      return { ok: false, error: { code: 'internal', message: `${channel} failed unexpectedly; the change was not saved` } };
    } finally {
      // A command may have queued outbox entries (even one that failed late, after a send): push them.
      if (spec.kind === 'command') options.afterCommand?.();
    }
  };
}
