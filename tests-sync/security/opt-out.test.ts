import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { BorrowerProfile, ContactCheck } from '../../src-shared/contract';
import { businessDateAt } from '../../src-shared/dates';
import { syncCommands } from '../../src-relay/db/schema';
import { DEMO_PASSWORD } from '../../src-main/seed/demo-users';
import type { Session } from '../../src-main/ipc/handler-types';
import { runCommand, type Actor } from '../../src-main/store/run-command';
import { useSecurityStage } from './security-fixture';

type Row = Record<string, unknown>;

/**
 * Issue 14, item 5: a STOP revokes texting for the number, for that borrower, whatever phones row
 * holds it, until the borrower texts START or gives consent that is recorded with its source. Each
 * attack the security review ran, replayed through the real relay on Postgres and a real desk.
 */
describe('security: an opt-out sticks to the number', () => {
  const stage = useSecurityStage();
  const desk = () => stage.agentDesk;
  const sqlite = () => stage.agentDesk.store.sqlite;
  const agent = (): Session => desk().as('agent');
  const actorOf = (session: Session): Actor => ({ id: session.user!.id, role: session.user!.role });
  const taken: string[] = [];

  /** A case (open or closed: the gate asks of its borrower) of its own per test, whose borrower's primary number is a mobile with texting consent. */
  function textableCase(): { caseId: string; borrowerId: string; phoneId: string; e164: string } {
    const found = sqlite()
      .prepare(`SELECT c.id AS caseId, b.id AS borrowerId, p.id AS phoneId, p.e164 FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
        JOIN phones p ON p.borrower_id = b.id AND p.is_primary = 1
        WHERE p.type = 'mobile' AND p.sms_consent = 1 AND p.is_active = 1 AND p.opted_out_at IS NULL
          AND (SELECT count(*) FROM phones other WHERE other.e164 = p.e164) = 1
          AND c.id = (SELECT min(c2.id) FROM cases c2 JOIN loans l2 ON l2.id = c2.loan_id WHERE l2.borrower_id = b.id)
          AND b.id NOT IN (SELECT value FROM json_each(?))
        ORDER BY c.id LIMIT 1`)
      .get(JSON.stringify(taken)) as { caseId: string; borrowerId: string; phoneId: string; e164: string } | undefined;
    if (!found) throw new Error('the book has no more textable cases');
    taken.push(found.borrowerId);
    return found;
  }

  async function synced(): Promise<void> {
    expect(await desk().services.sync.syncNow()).toMatchObject({ state: 'online', pending: 0 });
  }

  /** What the desk's compliance gate says of texting the case's borrower now. */
  async function textingRefusals(caseId: string): Promise<{ sms: string[]; whatsapp: string[] }> {
    const ask = async (channel: 'sms' | 'whatsapp') => (await desk().call<ContactCheck>(agent(), 'compliance.check', { caseId, channel })).reasons;
    return { sms: await ask('sms'), whatsapp: await ask('whatsapp') };
  }

  /** The borrower texts STOP from the number, through Twilio and the relay, and the desk pulls it. */
  async function stopFrom(kase: { caseId: string; e164: string }): Promise<void> {
    await stage.textFromBorrower(kase.e164, 'STOP');
    await synced();
    expect(await textingRefusals(kase.caseId)).toEqual({ sms: expect.arrayContaining(['opted_out']), whatsapp: expect.arrayContaining(['opted_out']) });
  }

  const optOutRows = (borrowerId: string, e164: string) => sqlite().prepare('SELECT * FROM text_opt_outs WHERE borrower_id = ? AND e164 = ? ORDER BY opted_out_at, id').all(borrowerId, e164) as Row[];

  /**
   * The agent's own desk, altered: it writes rows as it likes and its outbox signs them with the
   * agent's key, exactly as an honest command is signed. Pushes it; answers the relay's reason.
   */
  async function tamperedPush(name: string, change: () => void): Promise<string> {
    const before = sqlite().prepare(`SELECT coalesce(max(seq), 0) FROM outbox WHERE client_id = ?`).pluck().get(desk().store.clientId) as number;
    runCommand(desk().store, actorOf(agent()), name, {}, () => {
      change();
      return { value: null, audit: [] };
    });
    await desk().services.sync.syncNow();
    const entry = sqlite().prepare('SELECT state, rejection FROM outbox WHERE client_id = ? AND seq = ?').get(desk().store.clientId, before + 1) as { state: string; rejection: string | null };
    expect(entry.state).toBe('rejected');
    return entry.rejection!;
  }

  it('(a) after a STOP, an agent adding the same number as a new primary row with SMS consent does not make it textable', async () => {
    const kase = textableCase();
    await stopFrom(kase);
    const added = await desk().call<{ phoneId: string; textingBlockedSince: string | null }>(agent(), 'borrowers.savePhone', {
      borrowerId: kase.borrowerId, number: kase.e164, label: 'mobile', type: 'mobile', isPrimary: true, isActive: true, smsConsent: true,
    });
    expect(added.phoneId).not.toBe(kase.phoneId);
    await synced();
    // The new row is saved, at the desk and in the ledger, and is the one the gate looks at now.
    expect(await stage.ledgerData('phones', added.phoneId)).toMatchObject({ borrower_id: kase.borrowerId, e164: kase.e164, is_primary: 1 });
    const refusals = await textingRefusals(kase.caseId);
    expect(refusals.sms).toContain('opted_out');
    expect(refusals.whatsapp).toContain('opted_out');
    // The agent is told why: the answer and the profile name the standing opt-out.
    expect(added.textingBlockedSince).toEqual(expect.any(String));
    const profile = await desk().call<BorrowerProfile>(agent(), 'borrowers.profile', { borrowerId: kase.borrowerId });
    expect(profile.phones.find((phone) => phone.id === added.phoneId)).toMatchObject({ optedOutAt: added.textingBlockedSince, optedOutVia: 'reply' });
    // The ledger holds the opt-out by number, with its source: the word and the message that said it.
    expect(optOutRows(kase.borrowerId, kase.e164)).toEqual([
      expect.objectContaining({ opt_out_via: 'reply', opt_out_word: 'STOP', opt_out_reference: expect.stringMatching(/^SM/), restored_at: null }),
    ]);
  });

  it('(b) a forged push cannot undo a STOP: not by clearing the phone’s opted_out_at, nor by restoring or deleting the opt-out', async () => {
    const kase = textableCase();
    await stopFrom(kase);
    const ledgerPhone = await stage.ledgerData('phones', kase.phoneId);
    expect(ledgerPhone).toMatchObject({ sms_consent: 0, opted_out_at: expect.any(String) });

    const cleared = await tamperedPush('borrowers.savePhone', () => sqlite().prepare('UPDATE phones SET opted_out_at = NULL, sms_consent = 1 WHERE id = ?').run(kase.phoneId));
    expect(cleared).toMatch(/^phones .*opted_out_at/);
    expect(await stage.ledgerData('phones', kase.phoneId)).toEqual(ledgerPhone);
    // A send's write-set lets a carrier's refusal mark the number, so a forged send may write opted_out_at: the row rule refuses clearing it.
    const unmarked = await tamperedPush('messages.send', () => sqlite().prepare('UPDATE phones SET opted_out_at = NULL WHERE id = ?').run(kase.phoneId));
    expect(unmarked).toMatch(/^phones .*a STOP mark \(opted_out_at\) is cleared only by the borrower’s START/);
    expect(await stage.ledgerData('phones', kase.phoneId)).toEqual(ledgerPhone);
    // The desk's own row is put back to the ledger's.
    expect(sqlite().prepare('SELECT opted_out_at, sms_consent FROM phones WHERE id = ?').get(kase.phoneId)).toEqual({ opted_out_at: ledgerPhone!.opted_out_at, sms_consent: 0 });

    const [optOut] = optOutRows(kase.borrowerId, kase.e164);
    const id = String(optOut!.id);
    const ledgerOptOut = await stage.ledgerData('text_opt_outs', id);
    expect(ledgerOptOut).toMatchObject({ restored_at: null, opted_out_at: expect.any(String) });
    // Pushed as the one command that may restore an opt-out, so the relay judges each row by the opt-out's rule.
    const now = () => new Date().toISOString();
    const attacks: [string, () => void, RegExp][] = [
      ['restored with no source', () => sqlite().prepare('UPDATE text_opt_outs SET restored_at = ? WHERE id = ?').run(now(), id), /restored_via/],
      ['restored as if the borrower had texted START', () =>
        sqlite().prepare(`UPDATE text_opt_outs SET restored_at = ?, restored_via = 'reply', restored_word = 'START', restored_reference = 'SM0' WHERE id = ?`).run(now(), id), /only the borrower’s own reply/],
      ['restored by a consent with no evidence', () =>
        sqlite().prepare(`UPDATE text_opt_outs SET restored_at = ?, restored_via = 'recorded_consent', restored_by = ? WHERE id = ?`).run(now(), actorOf(agent()).id, id), /consent_method/],
      ['moved to another number', () => sqlite().prepare(`UPDATE text_opt_outs SET e164 = '+18685550999' WHERE id = ?`).run(id), /e164/],
      ['deleted', () => sqlite().prepare('DELETE FROM text_opt_outs WHERE id = ?').run(id), /delete/],
    ];
    for (const [what, attack, why] of attacks) {
      const reason = await tamperedPush('contacts.recordTextConsent', attack);
      expect(reason, what).toMatch(new RegExp(`^text_opt_outs ${id}: .*${why.source}`));
      expect(await stage.ledgerData('text_opt_outs', id), what).toEqual(ledgerOptOut);
    }
    expect(optOutRows(kase.borrowerId, kase.e164)).toEqual([expect.objectContaining({ id, restored_at: null })]);
    expect((await textingRefusals(kase.caseId)).sms).toContain('opted_out');
  });

  it('(c) a supervisor editing the phones does not restore texting', async () => {
    const kase = textableCase();
    await stopFrom(kase);
    const supervisorId = stage.userOf('supervisor');
    expect(await desk().services.dispatch({ user: null }, 'session.signIn', { userId: supervisorId, password: DEMO_PASSWORD })).toMatchObject({ ok: true });
    const supervisor = desk().as('supervisor');
    const phone = { borrowerId: kase.borrowerId, label: 'mobile', type: 'mobile', isActive: true } as const;

    // Ticking consent on the opted-out row is refused, with the reason.
    const ticked = await desk().services.dispatch(supervisor, 'borrowers.savePhone', { ...phone, phoneId: kase.phoneId, number: kase.e164, isPrimary: true, smsConsent: true });
    expect(ticked).toMatchObject({ ok: false, error: { code: 'conflict', field: 'smsConsent' } });

    // Moving the number onto another row of the borrower, primary and with consent, does not carry consent past the STOP.
    const other = await desk().call<{ phoneId: string }>(supervisor, 'borrowers.savePhone', { ...phone, label: 'work', number: '+1 868 620 7781', isPrimary: false, smsConsent: true });
    await desk().call(supervisor, 'borrowers.savePhone', { ...phone, phoneId: other.phoneId, number: kase.e164, isPrimary: true, smsConsent: true });
    await synced();
    expect(await stage.ledgerData('phones', other.phoneId)).toMatchObject({ e164: kase.e164, is_primary: 1 });
    const refusals = await textingRefusals(kase.caseId);
    expect(refusals.sms).toContain('opted_out');
    expect(refusals.whatsapp).toContain('opted_out');
    expect(optOutRows(kase.borrowerId, kase.e164).map((row) => row.restored_at)).toEqual([null]);
  });

  it('(d) the borrower’s START from the number restores texting; a later STOP stands again', async () => {
    const kase = textableCase();
    await stopFrom(kase);
    await stage.textFromBorrower(kase.e164, 'start');
    await synced();
    expect(await textingRefusals(kase.caseId)).toEqual({ sms: expect.not.arrayContaining(['opted_out', 'no_consent']), whatsapp: expect.not.arrayContaining(['opted_out', 'no_consent']) });
    const [restored] = optOutRows(kase.borrowerId, kase.e164);
    expect(restored).toMatchObject({ restored_at: expect.any(String), restored_via: 'reply', restored_word: 'START', restored_by: null, restored_reference: expect.stringMatching(/^SM/) });
    expect(await stage.ledgerData('text_opt_outs', String(restored!.id))).toMatchObject({ restored_via: 'reply', restored_word: 'START' });
    expect(await stage.ledgerData('phones', kase.phoneId)).toMatchObject({ sms_consent: 1, opted_out_at: null });

    await stopFrom(kase);
    expect(optOutRows(kase.borrowerId, kase.e164).map((row) => row.restored_at === null)).toEqual([false, true]);
  });

  it('(d) consent recorded with its source (who, how, a reference, when) restores texting, and is audited at the desk and the relay', async () => {
    const kase = textableCase();
    await stopFrom(kase);
    // The day the borrower signed, in their own time zone: the day of their STOP, or later.
    const timezone = sqlite().prepare('SELECT timezone FROM borrowers WHERE id = ?').pluck().get(kase.borrowerId) as string | null;
    const today = businessDateAt(new Date(), timezone ?? 'UTC');
    const consent = { borrowerId: kase.borrowerId, e164: kase.e164, method: 'signed_form', reference: 'Consent form TC-2291', givenOn: today };
    // No source, no restore: how it was given, the reference and the date are required.
    for (const missing of ['method', 'reference', 'givenOn'] as const) {
      const { [missing]: _left, ...partial } = consent;
      expect(await desk().services.dispatch(agent(), 'contacts.recordTextConsent', partial), missing).toMatchObject({ ok: false, error: { code: 'validation', field: missing } });
    }
    // Consent dated before the STOP cannot lift it.
    const stale = await desk().services.dispatch(agent(), 'contacts.recordTextConsent', { ...consent, givenOn: '2020-01-01' });
    expect(stale).toMatchObject({ ok: false, error: { field: 'givenOn' } });

    await desk().call(agent(), 'contacts.recordTextConsent', consent);
    await synced();
    expect(await textingRefusals(kase.caseId)).toEqual({ sms: expect.not.arrayContaining(['opted_out', 'no_consent']), whatsapp: expect.not.arrayContaining(['opted_out', 'no_consent']) });
    const agentId = actorOf(agent()).id;
    const [restored] = optOutRows(kase.borrowerId, kase.e164);
    const source = { restored_via: 'recorded_consent', restored_by: agentId, consent_method: 'signed_form', restored_reference: 'Consent form TC-2291', consent_given_on: today, restored_at: expect.any(String) };
    expect(await stage.ledgerData('text_opt_outs', String(restored!.id))).toMatchObject(source);

    const audit = sqlite().prepare(`SELECT actor_id, payload FROM audit_events WHERE type = 'contact.text_consent_recorded' AND entity_id = ?`).all(kase.borrowerId) as { actor_id: string; payload: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(agentId);
    expect(JSON.parse(audit[0]!.payload)).toMatchObject({ e164: kase.e164, method: 'signed_form', reference: 'Consent form TC-2291', givenOn: today });
    // The relay's log of commands keeps who recorded it, signed by them.
    const commandId = sqlite().prepare(`SELECT id FROM outbox WHERE client_id = ? AND name = 'contacts.recordTextConsent' ORDER BY seq DESC LIMIT 1`).pluck().get(desk().store.clientId) as string;
    const logged = await stage.relay.database.db
      .select({ name: syncCommands.name, actorId: syncCommands.actorId, status: syncCommands.status })
      .from(syncCommands)
      .where(and(eq(syncCommands.clientId, desk().store.clientId), eq(syncCommands.commandId, commandId)));
    expect(logged).toEqual([{ name: 'contacts.recordTextConsent', actorId: agentId, status: 'applied' }]);
  });
});
