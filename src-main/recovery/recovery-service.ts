import { randomUUID } from 'node:crypto';
import type { ExecutionResult, RecoveryActionView } from '../../src-shared/contract/recovery';
import { ACTION_CHANNEL, actionTypesForDpd, nextActionStatus } from '../../src-shared/domain/recovery-ladder';
import type { RecoveryActionType } from '../../src-shared/domain/vocabulary';
import { AppError } from '../../src-shared/errors';
import { stableId } from '../../src-shared/ids';
import { requireActiveCase } from '../case-work/require-case';
import type { ContactChannel } from '../../src-shared/compliance/types';
import { checkContact } from '../compliance/contact-facts';
import type { Store } from '../store/open-store';
import { runCommand, type Actor } from '../store/run-command';
import { renderMessage } from '../templates';
import { optOutLine, parseLanguage } from '../templates/language';
import { buildRecoveryCallTwiml } from '../twilio/recovery-twiml';
import type { TwilioClient } from '../twilio/twilio-client';
import { TwilioSendError } from '../twilio/twilio-errors';
import { createRecoveryEvents, SYSTEM_ACTOR, type InboundInput, type StatusCallbackInput } from './recovery-events';
import { casePartyOf, insertContactAttempt, requireAction, revokeTextConsent, toView, type ActionRow, type CaseParty } from './recovery-records';

export interface RecoveryServiceOptions {
  store: Store;
  twilio: TwilioClient;
  /** Injected so compliance windows, deferrals and tests do not depend on the wall clock. */
  now(): Date;
  /** The relay's public origin for the voice IVR's Gather; without a relay the menu answers nowhere. */
  publicUrl?: string;
}

export interface RecoveryService {
  triggerActions(caseId: string, options: { types?: RecoveryActionType[]; actor: Actor; manual: boolean }): RecoveryActionView[];
  /** A manual text typed by an agent: an action carrying its body, executed at once as a manual send. */
  sendManualMessage(caseId: string, options: { channel: 'sms' | 'whatsapp'; body: string; actor: Actor }): Promise<ExecutionResult>;
  executeAction(actionId: string, options: { actor: Actor; manual: boolean }): Promise<ExecutionResult>;
  applyStatusCallback(input: StatusCallbackInput): RecoveryActionView | null;
  handleInbound(input: InboundInput): { messageId: string; respondedActionId: string | null; optedOut: boolean } | null;
  runDueActions(): Promise<ExecutionResult[]>;
  dispatchPlannedDunning(): Promise<Record<'sent' | 'deferred' | 'blocked' | 'waiting', number>>;
}

/** Channels this service sends through Twilio; email and letter actions belong to their own senders. */
const TWILIO_CHANNELS = new Set(['sms', 'whatsapp', 'voice']);
/** The recovery action a dunning step on each channel becomes (seed 000's action types). */
const DUNNING_ACTION_TYPES: Partial<Record<string, RecoveryActionType>> = { sms: 'sms_reminder', whatsapp: 'whatsapp_reminder', voice: 'voice_call' };

/**
 * Seed 000's recovery actions over the compliance gate and Twilio. Every send asks
 * `checkContact` first; "not now" defers the action (pending, `scheduled_at` = the next allowed
 * moment) rather than dropping it, a hard block fails it with the reasons. Each state change is
 * one `runCommand` transaction with its audit event (CDM name `RecoveryAction`).
 */
export function createRecoveryService(options: RecoveryServiceOptions): RecoveryService {
  const { store, twilio, now } = options;
  const { sqlite } = store;
  const events = createRecoveryEvents(store, now);
  // One process may be asked to execute an action twice (a double click, the scheduler); only one send may leave.
  const inFlight = new Set<string>();
  const gatherUrl = `${(options.publicUrl ?? 'http://127.0.0.1').replace(/\/+$/, '')}/api/twilio/voice/gather`;
  const insertAction = sqlite.prepare(`INSERT INTO recovery_actions (id, case_id, type, channel, recipient_phone, recipient_email, template_name, content, status,
    scheduled_at, triggered_by, created_by, created_at) VALUES (@id, @caseId, @type, @channel, @phone, @email, @templateName, @content, 'pending', @at, @triggeredBy,
    @createdBy, @at)`);

  function createAction(
    party: CaseParty, type: RecoveryActionType, actor: Actor, manual: boolean, at: string, content: string | null,
    dunning?: { id: string; templateName: string },
  ): RecoveryActionView {
    const channel = ACTION_CHANNEL[type];
    const id = dunning?.id ?? `ra_${randomUUID()}`;
    const createdBy = actor === SYSTEM_ACTOR ? null : actor.id;
    insertAction.run({
      id, caseId: party.caseId, type, channel, phone: channel === 'email' || channel === 'letter' ? null : party.phone, email: channel === 'email' ? party.email : null,
      templateName: dunning?.templateName ?? null, content, at, triggeredBy: manual ? 'manual' : 'dunning', createdBy,
    });
    return toView(requireAction(sqlite, id));
  }

  function triggerActions(caseId: string, input: { types?: RecoveryActionType[]; actor: Actor; manual: boolean }): RecoveryActionView[] {
    return runCommand(store, input.actor, 'recovery.trigger', { caseId, types: input.types }, () => {
      const c = requireActiveCase(sqlite, caseId);
      const party = casePartyOf(sqlite, caseId);
      const at = now().toISOString();
      const types = [...new Set(input.types ?? actionTypesForDpd(c.dpd))];
      const created = types.map((type) => createAction(party, type, input.actor, input.manual, at, null));
      return { value: created, audit: created.map((a) => ({ type: 'RecoveryAction', entityType: 'recovery_action', entityId: a.id, payload: { event: 'created', caseId, type: a.type, status: a.status } })) };
    });
  }

  /** Writes one outcome of an execution: the action's new fields, its contact attempt, its audit event. */
  function record(action: ActionRow, actor: Actor, event: string, changes: Partial<ActionRow>, extra: (at: string) => void, payload: Record<string, unknown>): RecoveryActionView {
    return runCommand(store, actor, 'recovery.execute', { actionId: action.id, event }, () => {
      const columns = Object.keys(changes);
      if (columns.length > 0) {
        sqlite.prepare(`UPDATE recovery_actions SET ${columns.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id`).run({ ...changes, id: action.id });
      }
      extra(now().toISOString());
      const view = toView(requireAction(sqlite, action.id));
      return { value: view, audit: [{ type: 'RecoveryAction', entityType: 'recovery_action', entityId: action.id, payload: { event, status: view.status, ...payload } }] };
    });
  }

  function render(action: ActionRow, party: CaseParty): { content: string; twiml?: string } {
    // Only texts typed by an agent carry their content from creation; calls always render their greeting.
    if (action.content !== null && action.channel !== 'voice') return { content: action.content };
    const rendered = renderMessage({
      channel: action.channel,
      ...(action.template_name ? { name: action.template_name } : { defaultType: party.defaultType, severity: party.severity }),
      language: party.language,
      variables: party.variables,
    });
    if (action.channel !== 'voice') return { content: rendered.body };
    return { content: rendered.body, twiml: buildRecoveryCallTwiml({ language: party.language, greeting: rendered.body, gatherUrl }) };
  }

  async function send(action: ActionRow, party: CaseParty, actor: Actor, manual: boolean): Promise<ExecutionResult> {
    const at = now().toISOString();
    const decision = checkContact(sqlite, { loanId: party.loanId, channel: action.channel as ContactChannel, at, manual });
    const attempt = { borrowerId: party.borrowerId, loanId: party.loanId, channel: action.channel, at };
    if (!decision.allowed) {
      const blocked = (a: string) => insertContactAttempt(sqlite, { ...attempt, id: randomUUID(), at: a, outcome: 'attempt', blockedReasons: decision.reasons });
      if (decision.nextAllowedAt !== null) {
        const view = record(action, actor, 'deferred', { scheduled_at: decision.nextAllowedAt }, blocked, { reasons: decision.reasons });
        return { outcome: 'deferred', reasons: decision.reasons, action: view };
      }
      const view = record(action, actor, 'blocked', { status: 'failed', error_code: 'blocked', error_message: `Compliance refused the contact: ${decision.reasons.join(', ')}` }, blocked, { reasons: decision.reasons });
      return { outcome: 'blocked', reasons: decision.reasons, action: view };
    }
    const { content, twiml } = render(action, party);
    const to = party.phone;
    if (to === null) throw new AppError('conflict', 'the borrower has no phone number', 'actionId');
    if (manual) claimOverride(party, actor, at);
    try {
      const sent = twiml === undefined
        ? await (action.channel === 'whatsapp' ? twilio.sendWhatsApp({ to, body: content }) : twilio.sendSms({ to, body: content }))
        : await twilio.placeCall({ to, twiml });
      const sidColumn = twiml === undefined ? 'twilio_message_sid' : 'twilio_call_sid';
      const status = nextActionStatus(action.status, 'sent');
      const view = record(action, actor, 'sent', { [sidColumn]: sent.sid, content, recipient_phone: to, sent_at: at, status }, () => {
        insertContactAttempt(sqlite, { ...attempt, id: randomUUID(), outcome: 'attempt' });
        if (twiml !== undefined) return;
        sqlite
          .prepare(`INSERT INTO messages (id, borrower_id, case_id, recovery_action_id, channel, direction, from_address, to_address, body, twilio_sid, status, at)
            VALUES (?, ?, ?, ?, ?, 'outbound', 'recourse', ?, ?, ?, 'queued', ?)`)
          .run(randomUUID(), party.borrowerId, party.caseId, action.id, action.channel, to, content, sent.sid, at);
      }, { sid: sent.sid });
      return { outcome: 'sent', reasons: [], action: view };
    } catch (error) {
      if (!(error instanceof TwilioSendError)) throw error;
      const view = record(action, actor, 'failed', { status: 'failed', content, error_code: String(error.twilioCode ?? error.reason), error_message: error.message }, (a) => {
        // A refused request still counts as an attempt: caps count every outbound attempt, whatever its outcome (DESIGN §2).
        insertContactAttempt(sqlite, { ...attempt, id: randomUUID(), outcome: 'failed' });
        if (error.revokeConsent) revokeTextConsent(sqlite, party.borrowerId, to, a);
      }, { code: error.twilioCode, reason: error.reason, consentRevoked: error.revokeConsent });
      return { outcome: 'failed', reasons: [error.reason], action: view };
    }
  }

  /** A manual send to a do-not-contact borrower used the supervisor's override; it is good for one contact, so consume it before sending. */
  function claimOverride(party: CaseParty, actor: Actor, at: string): void {
    const dnc = sqlite.prepare('SELECT do_not_contact FROM borrowers WHERE id = ?').pluck().get(party.borrowerId) === 1;
    if (!dnc) return;
    runCommand(store, actor, 'contacts.useDoNotContactOverride', { caseId: party.caseId }, () => {
      const override = sqlite
        .prepare('SELECT id FROM contact_overrides WHERE borrower_id = ? AND used_at IS NULL AND granted_at <= ? AND expires_at > ? ORDER BY granted_at LIMIT 1')
        .pluck().get(party.borrowerId, at, at) as string | undefined;
      if (!override) throw new AppError('forbidden', 'the do-not-contact override was used or expired before the send', 'caseId');
      sqlite.prepare('UPDATE contact_overrides SET used_at = ? WHERE id = ?').run(at, override);
      return { value: null, audit: [{ type: 'contact.dnc_override_used', entityType: 'contact_override', entityId: override, payload: { caseId: party.caseId } }] };
    });
  }

  async function executeAction(actionId: string, input: { actor: Actor; manual: boolean }): Promise<ExecutionResult> {
    const action = requireAction(sqlite, actionId);
    if (action.status !== 'pending') throw new AppError('conflict', `action ${actionId} is already ${action.status}`, 'actionId');
    if (!TWILIO_CHANNELS.has(action.channel)) throw new AppError('conflict', `${action.channel} actions are sent by the ${action.channel} sender, not through Twilio`, 'actionId');
    if (inFlight.has(actionId)) throw new AppError('conflict', `action ${actionId} is being sent`, 'actionId');
    inFlight.add(actionId);
    try {
      return await send(action, casePartyOf(sqlite, action.case_id), input.actor, input.manual);
    } finally {
      inFlight.delete(actionId);
    }
  }

  async function sendManualMessage(caseId: string, input: { channel: 'sms' | 'whatsapp'; body: string; actor: Actor }): Promise<ExecutionResult> {
    const party = casePartyOf(sqlite, caseId);
    // The agent's text carries the opt-out line every text must (DESIGN §2), as a rendered template does.
    const line = optOutLine(input.channel, parseLanguage(party.language).base);
    const body = line === null || input.body.includes(line) ? input.body : `${input.body}\n${line}`;
    const [action] = runCommand(store, input.actor, 'messages.send', { caseId, channel: input.channel }, () => {
      requireActiveCase(sqlite, caseId);
      const created = createAction(party, input.channel === 'sms' ? 'sms_reminder' : 'whatsapp_reminder', input.actor, true, now().toISOString(), body);
      return { value: [created], audit: [{ type: 'RecoveryAction', entityType: 'recovery_action', entityId: created.id, payload: { event: 'created', caseId, type: created.type, manual: true } }] };
    });
    return executeAction(action!.id, { actor: input.actor, manual: true });
  }

  async function runDueActions(): Promise<ExecutionResult[]> {
    const due = sqlite
      .prepare(`SELECT id FROM recovery_actions WHERE status = 'pending' AND scheduled_at <= ? AND channel IN ('sms', 'whatsapp', 'voice') ORDER BY scheduled_at, id`)
      .pluck().all(now().toISOString()) as string[];
    const results: ExecutionResult[] = [];
    // The scheduler is automated contact: never manual, so no do-not-contact override applies.
    for (const id of due) results.push(await executeAction(id, { actor: SYSTEM_ACTOR, manual: false }));
    return results;
  }

  /**
   * Turns the daily run's planned dunning steps into actions and sends them through the gate
   * (DESIGN §2: deferred, not dropped, when compliance says not now). The action's id is hashed
   * from the step's event, so a second dispatch of the same step finds it instead of sending again.
   * Email and letter steps wait for their senders.
   */
  async function dispatchPlannedDunning(): Promise<Record<'sent' | 'deferred' | 'blocked' | 'waiting', number>> {
    const planned = sqlite
      .prepare(`SELECT e.id, e.case_id, s.channel, s.template_name FROM dunning_events e JOIN dunning_steps s ON s.id = e.step_id JOIN cases c ON c.id = e.case_id
                WHERE e.kind = 'dunning' AND e.status = 'planned' AND c.active = 1 ORDER BY e.planned_on, e.id`)
      .all() as { id: string; case_id: string; channel: string; template_name: string }[];
    const counts = { sent: 0, deferred: 0, blocked: 0, waiting: 0 };
    const setStatus = sqlite.prepare('UPDATE dunning_events SET status = ?, reason = ? WHERE id = ?');
    for (const step of planned) {
      const type = DUNNING_ACTION_TYPES[step.channel];
      if (!type) {
        counts.waiting += 1;
        continue;
      }
      const actionId = stableId('action', step.id);
      if (!sqlite.prepare('SELECT 1 FROM recovery_actions WHERE id = ?').get(actionId)) {
        runCommand(store, SYSTEM_ACTOR, 'dunning.dispatch', { eventId: step.id }, () => {
          const created = createAction(casePartyOf(sqlite, step.case_id), type, SYSTEM_ACTOR, false, now().toISOString(), null, { id: actionId, templateName: step.template_name });
          return { value: created, audit: [{ type: 'RecoveryAction', entityType: 'recovery_action', entityId: actionId, payload: { event: 'created', dunningEventId: step.id } }] };
        });
      }
      const result = await executeAction(actionId, { actor: SYSTEM_ACTOR, manual: false });
      const status = result.outcome === 'sent' ? 'sent' : result.outcome === 'deferred' ? 'deferred' : 'failed';
      setStatus.run(status, result.reasons.length > 0 ? result.reasons.join(', ') : null, step.id);
      counts[result.outcome === 'sent' ? 'sent' : result.outcome === 'deferred' ? 'deferred' : 'blocked'] += 1;
    }
    return counts;
  }

  return {
    triggerActions, sendManualMessage, executeAction, applyStatusCallback: events.applyStatusCallback, handleInbound: events.handleInbound, runDueActions, dispatchPlannedDunning,
  };
}
