import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { startSandboxTwilio } from '../twilio/sandbox';
import type { TwilioClient } from '../twilio/twilio-client';
import { actionsOfCase, requireAction, threadOfCase } from './recovery-records';
import { createRecoveryService, type RecoveryService } from './recovery-service';
import { requireCase } from '../case-work/require-case';

type Slice = 'recovery.actions' | 'recovery.trigger' | 'recovery.execute' | 'messages.thread' | 'messages.send';

/**
 * A Twilio client that starts only when something is first sent. Sandbox mode: with no client
 * given, sends go to the local Twilio simulator (throwaway credentials, nothing reaches a phone,
 * no status callbacks), so the screens work before credentials are set up.
 */
function lazyTwilio(start: () => Promise<TwilioClient>): TwilioClient {
  let client: Promise<TwilioClient> | undefined;
  const get = () => (client ??= start());
  return {
    sendSms: async (input) => (await get()).sendSms(input),
    sendWhatsApp: async (input) => (await get()).sendWhatsApp(input),
    placeCall: async (input) => (await get()).placeCall(input),
    fetchMessage: async (sid) => (await get()).fetchMessage(sid),
    fetchCall: async (sid) => (await get()).fetchCall(sid),
    listInboundMessages: async (since) => (await get()).listInboundMessages(since),
  };
}

/** The recovery service in sandbox mode: sends go to the local Twilio simulator, started on first use. */
export function createSandboxRecoveryService(store: Store): RecoveryService {
  return createRecoveryService({ store, twilio: lazyTwilio(async () => (await startSandboxTwilio({})).client), now: () => new Date() });
}

/** Seed 000's recovery actions and the borrower's text thread; `service` is injected by tests and by a main process holding real credentials. */
export function recoveryHandlers(store: Store, options: { service?: RecoveryService } = {}): HandlerSlice<Slice> {
  const { sqlite } = store;
  const service = options.service ?? createSandboxRecoveryService(store);
  return {
    'recovery.actions': (input) => {
      requireCase(sqlite, input.caseId);
      return { actions: actionsOfCase(sqlite, input.caseId) };
    },
    'recovery.trigger': (input, { actor, broadcast }) => {
      const actions = service.triggerActions(input.caseId, { types: input.types, actor: actor!, manual: true });
      broadcast('cases.changed', { caseIds: [input.caseId] });
      return { actions };
    },
    'recovery.execute': async (input, { actor, broadcast }) => {
      const result = await service.executeAction(input.actionId, { actor: actor!, manual: true });
      broadcast('cases.changed', { caseIds: [requireAction(sqlite, input.actionId).case_id] });
      return result;
    },
    'messages.thread': (input) => {
      requireCase(sqlite, input.caseId);
      return { messages: threadOfCase(sqlite, input.caseId) };
    },
    'messages.send': async (input, { actor, broadcast }) => {
      const result = await service.sendManualMessage(input.caseId, { channel: input.channel, body: input.body, actor: actor! });
      broadcast('cases.changed', { caseIds: [input.caseId] });
      return result;
    },
  };
}
