import type { ChannelName, ChannelOutput, EventName, Events, ParsedInput, SessionUser } from '../../src-shared/contract';
import type { Actor } from '../store/run-command';

/** One signed-in window or browser tab; the transport owns it, handlers read and set it. */
export interface Session {
  user: SessionUser | null;
  /** The relay's session for the signed-in user, for requests a user (not only a device) makes there; absent offline or without a relay. */
  relaySession?: string | null;
}

export interface HandlerContext {
  session: Session;
  /** The signed-in caller; present on every channel that needs a permission. */
  actor: Actor | null;
  /** Sends an event to every connected renderer. */
  broadcast<E extends EventName>(event: E, payload: Events[E]): void;
}

export type Handler<K extends ChannelName> = (input: ParsedInput<K>, context: HandlerContext) => ChannelOutput<K> | Promise<ChannelOutput<K>>;

export type HandlerSlice<K extends ChannelName> = { [C in K]: Handler<C> };
export type Handlers = HandlerSlice<ChannelName>;
