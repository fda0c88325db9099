import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { actionsOfCase, requireAction, threadOfCase } from './recovery-records';
import type { RecoveryService } from './recovery-service';
import { requireCase } from '../case-work/require-case';

type Slice = 'recovery.actions' | 'recovery.trigger' | 'recovery.execute' | 'messages.thread' | 'messages.send';

/** Seed 000's recovery actions and the borrower's text thread, over the process's one recovery service. */
export function recoveryHandlers(store: Store, service: RecoveryService): HandlerSlice<Slice> {
  const { sqlite } = store;
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
