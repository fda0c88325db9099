import { randomUUID } from 'node:crypto';
import type { ContactChannel } from '../../src-shared/compliance/types';
import type { ExecutionResult, RecoveryActionView } from '../../src-shared/contract/recovery';
import { ACTION_CHANNEL, actionTypesForDpd, nextActionStatus } from '../../src-shared/domain/recovery-ladder';
import type { Channel, RecoveryActionType } from '../../src-shared/domain/vocabulary';
import { AppError } from '../../src-shared/errors';
import { stableId } from '../../src-shared/ids';
import { requireActiveCase } from '../case-work/require-case';
import { checkContact } from '../compliance/contact-facts';
import { useDoNotContactOverride } from '../compliance/use-override';
import { createSandboxMailer, type Mailer } from '../email';
import type { LetterPdfRenderer } from '../letters';
import type { Store } from '../store/open-store';
import { runCommand, SYSTEM_ACTOR, type Actor } from '../store/run-command';
import { optOutLine, parseLanguage } from '../templates/language';
import { readTemplateOverridesFrom } from '../templates/overrides';
import type { TwilioClient } from '../twilio/twilio-client';
import { DeliveryFailure, type AuditEvent, type ChannelSender, type Delivery, type Outgoing } from './action-sender';
import { createEmailSender } from './email-sender';
import { createLetterSender } from './letter-sender';
import { dispatchPreDelinquency, type PreDelinquencyCounts } from './pre-delinquency';
import { createRecoveryEvents, type InboundInput, type StatusCallbackInput } from './recovery-events';
import { recordTextOptOut } from '../compliance/text-opt-outs';
import { contactPartyOf, insertContactAttempt, requireAction, toView, type ActionRow, type ContactParty } from './recovery-records';
import { createTwilioSender } from './twilio-sender';

export interface RecoveryServiceOptions {
  store: Store;
  /** Live credentials or the sandbox simulator; a swapping wrapper lets a settings change take effect at once. */
  twilio: TwilioClient;
  /** The lender's SMTP account; without one, email goes to a sandbox mailer of the service's own. Given ones are the caller's to close. */
  mailer?: Mailer;
  /** Electron's printToPDF in the app, headless Chromium under Node; the caller's to close. */
  letterRenderer: LetterPdfRenderer;
  /** Injected so compliance windows, deferrals and tests do not depend on the wall clock. */
  now(): Date;
  /** The relay's public origin for the voice IVR's Gather, asked on each call; without a relay the menu answers nowhere. */
  publicUrl?: () => string | null;
  /**
   * Claims an automated action's deterministic key at the relay before it is sent, so when several
   * desktops dispatch the same dunning step only one sends it (DESIGN §3). Absent: always granted.
   */
  claim?: (key: string) => Promise<boolean>;
}

export type DunningCounts = Record<ExecutionResult['outcome'], number>;

export interface RecoveryService {
  triggerActions(caseId: string, options: { types?: RecoveryActionType[]; actor: Actor; manual: boolean }): RecoveryActionView[];
  /** A manual text typed by an agent: an action carrying its body, executed at once as a manual send. */
  sendManualMessage(caseId: string, options: { channel: 'sms' | 'whatsapp'; body: string; actor: Actor }): Promise<ExecutionResult>;
  executeAction(actionId: string, options: { actor: Actor; manual: boolean }): Promise<ExecutionResult>;
  applyStatusCallback(input: StatusCallbackInput): RecoveryActionView | null;
  handleInbound(input: InboundInput): { messageId: string; respondedActionId: string | null; optedOut: boolean } | null;
  /** Sends every pending action whose time has come (deferred ones once compliance allows). */
  runDueActions(): Promise<ExecutionResult[]>;
  /** The daily run's planned dunning steps, each as one recovery action sent once. */
  dispatchPlannedDunning(): Promise<DunningCounts>;
  /** The daily run's pre-delinquency reminders to loans not (yet) in collections, and deferred ones now due. */
  dispatchPreDelinquency(): Promise<PreDelinquencyCounts>;
  close(): Promise<void>;
}

/** The letter an action type prints. */
const LETTER_KIND: Partial<Record<RecoveryActionType, Outgoing['letterKind']>> = { letter: 'demand', escalation: 'escalation', legal_notice: 'legal_notice' };

/** The dunning step's record follows its action's outcome. */
const DUNNING_STATUS: Readonly<Record<Exclude<ExecutionResult['outcome'], 'skipped'>, string>> = { sent: 'sent', deferred: 'deferred', blocked: 'failed', failed: 'failed' };

/**
 * Seed 000's recovery actions on every channel: SMS, WhatsApp and voice through Twilio, email
 * over SMTP, letters printed to PDF. Every send asks `checkContact` first; "not now" defers the
 * action (pending, `scheduled_at` = the next allowed moment) rather than dropping it, a hard
 * block fails it with the reasons. Each state change is one `runCommand` transaction with its
 * audit event (CDM name `RecoveryAction`).
 */
export function createRecoveryService(options: RecoveryServiceOptions): RecoveryService {
  const { store, now } = options;
  const { sqlite } = store;
  // Every message this service renders uses the administrator's template overrides in this store.
  readTemplateOverridesFrom(sqlite);
  const events = createRecoveryEvents(store, now);
  const mailer = options.mailer ?? createSandboxMailer();
  const gatherUrl = () => `${(options.publicUrl?.() ?? 'http://127.0.0.1').replace(/\/+$/, '')}/api/twilio/voice/gather`;
  const twilioSender = createTwilioSender(sqlite, () => options.twilio, gatherUrl);
  const senders: Readonly<Record<Channel, ChannelSender>> = {
    sms: twilioSender,
    whatsapp: twilioSender,
    voice: twilioSender,
    email: createEmailSender(() => mailer),
    letter: createLetterSender(sqlite, () => options.letterRenderer),
  };
  // One process may be asked to execute an action twice (a double click, the scheduler); only one send may leave.
  const inFlight = new Set<string>();
  // Keys another desktop holds stay theirs: asking the relay again each cycle would change nothing.
  const claimedElsewhere = new Set<string>();
  async function claimed(key: string): Promise<boolean> {
    if (!options.claim) return true;
    if (claimedElsewhere.has(key)) return false;
    const granted = await options.claim(key);
    if (!granted) claimedElsewhere.add(key);
    return granted;
  }
  const insertAction = sqlite.prepare(`INSERT INTO recovery_actions (id, case_id, type, channel, recipient_phone, recipient_email, template_name, content, status,
    scheduled_at, triggered_by, created_by, created_at, dunning_event_id) VALUES (@id, @caseId, @type, @channel, @phone, @email, @templateName, @content, 'pending', @at,
    @triggeredBy, @createdBy, @at, @dunningEventId)`);

  function createAction(
    party: ContactParty & { caseId: string }, type: RecoveryActionType, actor: Actor, manual: boolean, at: string, content: string | null,
    dunning?: { eventId: string; templateName: string },
  ): RecoveryActionView {
    const channel = ACTION_CHANNEL[type];
    const id = dunning ? stableId('action', dunning.eventId) : `ra_${randomUUID()}`;
    insertAction.run({
      id, caseId: party.caseId, type, channel, phone: channel === 'sms' || channel === 'whatsapp' || channel === 'voice' ? party.phone : null,
      email: channel === 'email' ? party.email : null, templateName: dunning?.templateName ?? null, content, at, triggeredBy: manual ? 'manual' : 'dunning',
      createdBy: actor === SYSTEM_ACTOR ? null : actor.id, dunningEventId: dunning?.eventId ?? null,
    });
    return toView(requireAction(sqlite, id));
  }

  function caseParty(caseId: string): ContactParty & { caseId: string } {
    return contactPartyOf(sqlite, { caseId }) as ContactParty & { caseId: string };
  }

  function triggerActions(caseId: string, input: { types?: RecoveryActionType[]; actor: Actor; manual: boolean }): RecoveryActionView[] {
    return runCommand(store, input.actor, 'recovery.trigger', { caseId, types: input.types }, () => {
      const c = requireActiveCase(sqlite, caseId);
      const party = caseParty(caseId);
      const at = now().toISOString();
      const types = [...new Set(input.types ?? actionTypesForDpd(c.dpd))];
      const created = types.map((type) => createAction(party, type, input.actor, input.manual, at, null));
      return { value: created, audit: created.map((a) => ({ type: 'RecoveryAction', entityType: 'recovery_action', entityId: a.id, payload: { event: 'created', caseId, type: a.type, status: a.status } })) };
    });
  }

  /**
   * Writes one outcome of an execution in one transaction: the rows that belong with it first (a
   * letter the action points at must exist), then the action, its dunning step and audit event.
   */
  function record(
    action: ActionRow, actor: Actor, outcome: Exclude<ExecutionResult['outcome'], 'skipped'>, changes: Partial<ActionRow>, write: (at: string) => AuditEvent[],
    payload: Record<string, unknown>,
  ): RecoveryActionView {
    // Automated sends are the system's own command; a person's is checked against their role at the relay.
    const name = actor === SYSTEM_ACTOR ? 'recovery.sendAutomated' : 'recovery.execute';
    return runCommand(store, actor, name, { actionId: action.id, outcome }, () => {
      const at = now().toISOString();
      const audit = write(at);
      const columns = Object.keys(changes);
      if (columns.length > 0) {
        sqlite.prepare(`UPDATE recovery_actions SET ${columns.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id`).run({ ...changes, id: action.id });
      }
      if (action.dunning_event_id !== null) {
        const reasons = (payload.reasons as string[] | undefined) ?? (payload.reason === undefined ? [] : [String(payload.reason)]);
        sqlite.prepare('UPDATE dunning_events SET status = ?, reason = ? WHERE id = ?').run(DUNNING_STATUS[outcome], reasons.length > 0 ? reasons.join(', ') : null, action.dunning_event_id);
      }
      const view = toView(requireAction(sqlite, action.id));
      return { value: view, audit: [...audit, { type: 'RecoveryAction', entityType: 'recovery_action', entityId: action.id, payload: { event: outcome, status: view.status, ...payload } }] };
    });
  }

  async function send(action: ActionRow, party: ContactParty, actor: Actor, manual: boolean): Promise<ExecutionResult> {
    const atDate = now();
    const at = atDate.toISOString();
    const decision = checkContact(sqlite, { loanId: party.loanId, channel: action.channel as ContactChannel, at, manual });
    const attempt = { borrowerId: party.borrowerId, loanId: party.loanId, channel: action.channel, at };
    if (!decision.allowed) {
      const blocked = (writeAt: string) => {
        insertContactAttempt(sqlite, { ...attempt, id: randomUUID(), at: writeAt, outcome: 'attempt', blockedReasons: decision.reasons });
        return [];
      };
      if (decision.nextAllowedAt !== null) {
        const view = record(action, actor, 'deferred', { scheduled_at: decision.nextAllowedAt }, blocked, { reasons: decision.reasons });
        return { outcome: 'deferred', reasons: decision.reasons, action: view };
      }
      const message = `Compliance refused the contact: ${decision.reasons.join(', ')}`;
      const view = record(action, actor, 'blocked', { status: 'failed', error_code: 'blocked', error_message: message }, blocked, { reasons: decision.reasons });
      return { outcome: 'blocked', reasons: decision.reasons, action: view };
    }
    if (manual) useDoNotContactOverride(store, actor, party, at);
    else if (!(await claimed(action.id))) return { outcome: 'skipped', reasons: ['claimed_elsewhere'], action: toView(action) };
    const outgoing: Outgoing = {
      channel: action.channel, templateName: action.template_name, content: action.content, actionId: action.id,
      actorId: actor === SYSTEM_ACTOR ? null : actor.id, letterKind: LETTER_KIND[action.type],
    };
    let delivery: Delivery;
    try {
      delivery = await senders[action.channel].deliver(outgoing, party, atDate);
    } catch (error) {
      if (!(error instanceof DeliveryFailure)) throw error;
      const view = record(action, actor, 'failed', { status: 'failed', content: error.content, error_code: error.code, error_message: error.message }, (writeAt) => {
        // A refused request still counts as an attempt: caps count every outbound attempt, whatever its outcome (DESIGN §2).
        insertContactAttempt(sqlite, { ...attempt, id: randomUUID(), outcome: 'failed' });
        if (error.revokeConsentOf !== null) recordTextOptOut(sqlite, party.borrowerId, error.revokeConsentOf, writeAt, { via: 'carrier', word: null, reference: action.id });
        return [];
      }, { code: error.code, reason: error.reason, consentRevoked: error.revokeConsentOf !== null });
      return { outcome: 'failed', reasons: [error.reason], action: view };
    }
    const recipientColumn = action.channel === 'email' ? 'recipient_email' : action.channel === 'letter' ? null : 'recipient_phone';
    const changes: Partial<ActionRow> = { ...delivery.columns, content: delivery.content, sent_at: at, status: nextActionStatus(action.status, 'sent') };
    if (recipientColumn !== null) changes[recipientColumn] = delivery.recipient;
    const view = record(action, actor, 'sent', changes, (writeAt) => {
      insertContactAttempt(sqlite, { ...attempt, id: randomUUID(), outcome: 'attempt' });
      return delivery.write?.(writeAt) ?? [];
    }, delivery.audit);
    return { outcome: 'sent', reasons: [], action: view };
  }

  async function executeAction(actionId: string, input: { actor: Actor; manual: boolean }): Promise<ExecutionResult> {
    const action = requireAction(sqlite, actionId);
    if (action.status !== 'pending') throw new AppError('conflict', `action ${actionId} is already ${action.status}`, 'actionId');
    if (inFlight.has(actionId)) throw new AppError('conflict', `action ${actionId} is being sent`, 'actionId');
    inFlight.add(actionId);
    try {
      return await send(action, caseParty(action.case_id), input.actor, input.manual);
    } finally {
      inFlight.delete(actionId);
    }
  }

  async function sendManualMessage(caseId: string, input: { channel: 'sms' | 'whatsapp'; body: string; actor: Actor }): Promise<ExecutionResult> {
    const party = caseParty(caseId);
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
      .prepare(`SELECT id FROM recovery_actions WHERE status = 'pending' AND scheduled_at <= ? ORDER BY scheduled_at, id`)
      .pluck().all(now().toISOString()) as string[];
    const results: ExecutionResult[] = [];
    // The scheduler is automated contact: never manual, so no do-not-contact override applies.
    for (const id of due) {
      if (!inFlight.has(id)) results.push(await executeAction(id, { actor: SYSTEM_ACTOR, manual: false }));
    }
    return results;
  }

  /**
   * Turns the daily run's planned dunning steps into actions and sends them through the gate
   * (DESIGN §2: deferred, not dropped, when compliance says not now). The action's id is hashed
   * from the step's event, so a second dispatch of the same step finds it instead of sending again;
   * a deferred step is sent later by `runDueActions`, and its event follows.
   */
  async function dispatchPlannedDunning(): Promise<DunningCounts> {
    const planned = sqlite
      .prepare(`SELECT e.id, e.case_id, s.channel, s.template_name, s.escalate FROM dunning_events e JOIN dunning_steps s ON s.id = e.step_id JOIN cases c ON c.id = e.case_id
                WHERE e.kind = 'dunning' AND e.status = 'planned' AND c.active = 1 ORDER BY e.planned_on, e.id`)
      .all() as { id: string; case_id: string; channel: Channel; template_name: string; escalate: number }[];
    const counts: DunningCounts = { sent: 0, deferred: 0, blocked: 0, failed: 0, skipped: 0 };
    for (const step of planned) {
      const type = dunningActionType(step.channel, step.escalate === 1);
      const actionId = stableId('action', step.id);
      // Claimed before the action exists, so the desktops that lose the claim do not create it either.
      if (!(await claimed(actionId))) {
        counts.skipped += 1;
        continue;
      }
      if (!sqlite.prepare('SELECT 1 FROM recovery_actions WHERE id = ?').get(actionId)) {
        runCommand(store, SYSTEM_ACTOR, 'dunning.dispatch', { eventId: step.id }, () => {
          const created = createAction(caseParty(step.case_id), type, SYSTEM_ACTOR, false, now().toISOString(), null, { eventId: step.id, templateName: step.template_name });
          return { value: created, audit: [{ type: 'RecoveryAction', entityType: 'recovery_action', entityId: actionId, payload: { event: 'created', dunningEventId: step.id } }] };
        });
      }
      if (requireAction(sqlite, actionId).status !== 'pending' || inFlight.has(actionId)) continue;
      const result = await executeAction(actionId, { actor: SYSTEM_ACTOR, manual: false });
      counts[result.outcome] += 1;
    }
    return counts;
  }

  return {
    triggerActions, sendManualMessage, executeAction, runDueActions, dispatchPlannedDunning,
    applyStatusCallback: events.applyStatusCallback,
    handleInbound: events.handleInbound,
    dispatchPreDelinquency: () => dispatchPreDelinquency({ store, senders, now, claimed }),
    close() {
      if (!options.mailer) mailer.close();
      return Promise.resolve();
    },
  };
}

/** The recovery action a dunning step on each channel becomes (seed 000's action types). */
function dunningActionType(channel: Channel, escalate: boolean): RecoveryActionType {
  switch (channel) {
    case 'sms': return 'sms_reminder';
    case 'whatsapp': return 'whatsapp_reminder';
    case 'voice': return 'voice_call';
    case 'email': return 'email';
    case 'letter': return escalate ? 'escalation' : 'letter';
  }
}
