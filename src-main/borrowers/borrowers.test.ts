import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BorrowerProfile, ContactCheck } from '../../src-shared/contract';
import { businessDateAt } from '../../src-shared/dates';
import { useSeededDispatcher } from '../../tests-support/dispatcher';
import { recordTextOptOut } from '../compliance/text-opt-outs';

const seeded = useSeededDispatcher(60);
const sqlite = () => seeded.store.sqlite;
const borrowerWhere = (condition: string) => (sqlite().prepare(`SELECT b.id FROM borrowers b WHERE ${condition} ORDER BY b.id LIMIT 1`).get() as { id: string } | undefined)?.id;
const profileOf = async (borrowerId: string) => (await seeded.t.ok(seeded.t.sessionAs('agent'), 'borrowers.profile', { borrowerId })) as BorrowerProfile;
const outboxNames = () => (sqlite().prepare('SELECT name FROM outbox ORDER BY seq').all() as { name: string }[]).map((row) => row.name);
const auditOf = (borrowerId: string) =>
  sqlite().prepare(`SELECT type, payload FROM audit_events WHERE entity_type = 'borrower' AND entity_id = ? ORDER BY rowid`).all(borrowerId) as { type: string; payload: string }[];

describe('borrowers.profile', () => {
  it('shows identity with only the SSN\'s last four, and never the encrypted SSN or full account numbers', async () => {
    const id = borrowerWhere('b.ssn_last_four IS NOT NULL')!;
    const profile = await profileOf(id);
    const row = sqlite().prepare('SELECT * FROM borrowers WHERE id = ?').get(id) as Record<string, string | null>;
    expect(profile.ssnLastFour).toBe(row.ssn_last_four);
    const text = JSON.stringify(profile);
    if (row.ssn_encrypted) expect(text).not.toContain(row.ssn_encrypted);
    for (const instrument of sqlite().prepare('SELECT account_number_masked FROM payment_instruments WHERE borrower_id = ?').all(id) as { account_number_masked: string }[]) {
      expect(profile.paymentInstruments.map((p) => p.numberMasked)).toContain(instrument.account_number_masked);
    }
  });

  it('lists every loan the borrower is a party to with their role and liability, and the other parties', async () => {
    const party = sqlite().prepare(`SELECT p.borrower_id, p.loan_id, p.role, p.liability FROM loan_parties p JOIN loans l ON l.id = p.loan_id WHERE l.borrower_id <> p.borrower_id LIMIT 1`).get() as
      | { borrower_id: string; loan_id: string; role: string; liability: string }
      | undefined;
    expect(party, 'the demo seed has co-borrowers or guarantors').toBeDefined();
    const profile = await profileOf(party!.borrower_id);
    const loan = profile.loans.find((l) => l.loanId === party!.loan_id)!;
    expect(loan).toMatchObject({ role: party!.role, liability: party!.liability });
    const primary = sqlite().prepare(`SELECT b.first_name || ' ' || b.last_name AS name FROM loans l JOIN borrowers b ON b.id = l.borrower_id WHERE l.id = ?`).get(party!.loan_id) as { name: string };
    expect(loan.otherParties.map((p) => p.name)).not.toContain(profile.name);
    // The primary borrower is on the loan by its borrower_id; parties are listed from loan_parties, which seed 001 gives the primary too.
    const partyNames = (sqlite().prepare('SELECT b.first_name || \' \' || b.last_name AS name FROM loan_parties p JOIN borrowers b ON b.id = p.borrower_id WHERE p.loan_id = ? AND p.borrower_id <> ?').all(party!.loan_id, party!.borrower_id) as { name: string }[]).map((r) => r.name);
    expect(loan.otherParties.map((p) => p.name).sort()).toEqual(partyNames.sort());
    expect(primary.name).toBeTruthy();
  });

  it('marks a legal representative in force, the one contact is routed to, and not one whose mandate ended', async () => {
    const id = borrowerWhere('NOT EXISTS (SELECT 1 FROM legal_representatives r WHERE r.borrower_id = b.id)')!;
    const insert = sqlite().prepare(`INSERT INTO legal_representatives (id, borrower_id, type, name, firm, active_from, active_to) VALUES (?, ?, 'attorney', ?, 'Doe & Roe', ?, ?)`);
    insert.run('rep_current', id, 'Jane Doe', '2020-01-01', null);
    insert.run('rep_ended', id, 'John Roe', '2019-01-01', '2019-12-31');
    const byName = Object.fromEntries((await profileOf(id)).legalRepresentatives.map((r) => [r.name, r.inForce]));
    expect(byName).toEqual({ 'Jane Doe': true, 'John Roe': false });
  });

  it('refuses an unknown borrower by name', async () => {
    expect(await seeded.t.dispatch(seeded.t.sessionAs('agent'), 'borrowers.profile', { borrowerId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'borrowerId' } });
  });
});

describe('do-not-contact', () => {
  it('an agent sets it with a reason, audited and queued for sync; lifting it takes a supervisor', async () => {
    const id = borrowerWhere('b.do_not_contact = 0')!;
    await seeded.t.ok(seeded.t.sessionAs('agent'), 'borrowers.setDoNotContact', { borrowerId: id, doNotContact: true, reason: 'borrower asked us to stop calling' });
    expect((await profileOf(id)).doNotContact).toBe(true);
    expect(outboxNames().at(-1)).toBe('borrowers.setDoNotContact');
    expect(await seeded.t.dispatch(seeded.t.sessionAs('agent'), 'borrowers.setDoNotContact', { borrowerId: id, doNotContact: false, reason: 'changed my mind' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await profileOf(id)).doNotContact).toBe(true);
    await seeded.t.ok(seeded.t.sessionAs('supervisor'), 'borrowers.setDoNotContact', { borrowerId: id, doNotContact: false, reason: 'written consent received' });
    expect((await profileOf(id)).doNotContact).toBe(false);
    expect(auditOf(id).map((a) => [a.type, JSON.parse(a.payload).reason])).toEqual([
      ['borrower.do_not_contact_set', 'borrower asked us to stop calling'],
      ['borrower.do_not_contact_lifted', 'written consent received'],
    ]);
  });

  it('blocks the compliance gate once set', async () => {
    const c = sqlite().prepare(`SELECT c.id AS caseId, l.borrower_id AS borrowerId FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
      WHERE c.active = 1 AND b.do_not_contact = 0 ORDER BY c.id LIMIT 1 OFFSET 3`).get() as { caseId: string; borrowerId: string };
    await seeded.t.ok(seeded.t.sessionAs('agent'), 'borrowers.setDoNotContact', { borrowerId: c.borrowerId, doNotContact: true, reason: 'cease and desist letter' });
    const decision = (await seeded.t.ok(seeded.t.sessionAs('agent'), 'compliance.check', { caseId: c.caseId, channel: 'sms' })) as { allowed: boolean; reasons: { code: string }[] };
    expect(decision.allowed).toBe(false);
    expect(JSON.stringify(decision)).toContain('do_not_contact');
  });
});

describe('contacts', () => {
  it('adds a number normalised to E.164 for the borrower\'s country, and a new primary demotes the old one', async () => {
    const id = borrowerWhere(`b.jurisdiction = 'TT' AND EXISTS (SELECT 1 FROM phones p WHERE p.borrower_id = b.id AND p.is_primary = 1)`)!;
    const { phoneId } = (await seeded.t.ok(seeded.t.sessionAs('agent'), 'borrowers.savePhone', { borrowerId: id, number: '(868) 620-1234', label: 'work', type: 'mobile', isPrimary: true, smsConsent: true })) as { phoneId: string };
    const profile = await profileOf(id);
    expect(profile.phones.filter((p) => p.isPrimary).map((p) => p.id)).toEqual([phoneId]);
    expect(profile.phones.find((p) => p.id === phoneId)).toMatchObject({ e164: '+18686201234', label: 'work', smsConsent: true });
  });

  it('refuses a number that cannot be valid, naming the field, and writes nothing', async () => {
    const id = borrowerWhere(`b.jurisdiction = 'TT'`)!;
    const before = (await profileOf(id)).phones.length;
    expect(await seeded.t.dispatch(seeded.t.sessionAs('agent'), 'borrowers.savePhone', { borrowerId: id, number: '12', label: 'home', type: 'home', isPrimary: false, smsConsent: false })).toMatchObject({ ok: false, error: { code: 'validation', field: 'number' } });
    expect((await profileOf(id)).phones).toHaveLength(before);
  });

  it('never gives texting back over a STOP reply', async () => {
    const phone = sqlite().prepare('SELECT id, borrower_id, e164, label, type FROM phones WHERE sms_consent = 1 LIMIT 1').get() as { id: string; borrower_id: string; e164: string; label: string; type: string };
    sqlite().prepare(`UPDATE phones SET sms_consent = 0, opted_out_at = '2026-11-20T10:00:00.000Z' WHERE id = ?`).run(phone.id);
    const refused = await seeded.t.dispatch(seeded.t.sessionAs('supervisor'), 'borrowers.savePhone', { borrowerId: phone.borrower_id, phoneId: phone.id, number: phone.e164, label: phone.label, type: phone.type, isPrimary: false, smsConsent: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'smsConsent' } });
    expect(refused.ok ? '' : refused.error.message).toContain('START');
  });

  it('updates an email, lower-cased, and refuses one of another borrower', async () => {
    const email = sqlite().prepare('SELECT id, borrower_id FROM emails LIMIT 1').get() as { id: string; borrower_id: string };
    await seeded.t.ok(seeded.t.sessionAs('agent'), 'borrowers.saveEmail', { borrowerId: email.borrower_id, emailId: email.id, email: 'New.Address@Example.com', label: 'work', isPrimary: true });
    expect((await profileOf(email.borrower_id)).emails.find((e) => e.id === email.id)).toMatchObject({ email: 'new.address@example.com', label: 'work', isPrimary: true });
    const other = borrowerWhere(`b.id <> '${email.borrower_id}'`)!;
    expect(await seeded.t.dispatch(seeded.t.sessionAs('agent'), 'borrowers.saveEmail', { borrowerId: other, emailId: email.id, email: 'x@example.com', label: 'home', isPrimary: false })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'emailId' } });
  });

  it('sets language and the preferred channel and hours, refusing a window that ends before it starts', async () => {
    const id = borrowerWhere('1 = 1')!;
    await seeded.t.ok(seeded.t.sessionAs('agent'), 'borrowers.setPreferences', { borrowerId: id, language: 'es', channel: 'whatsapp', hours: { start: '09:00', end: '17:30' } });
    expect(await profileOf(id)).toMatchObject({ language: 'es', preferences: { channel: 'whatsapp', hours: { start: '09:00', end: '17:30' } } });
    expect(await seeded.t.dispatch(seeded.t.sessionAs('agent'), 'borrowers.setPreferences', { borrowerId: id, language: 'en', channel: null, hours: { start: '18:00', end: '09:00' } })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((await profileOf(id)).language).toBe('es');
  });
});

describe('texting opt-outs stick to the number (issue 14, item 5)', () => {
  /** A borrower with a case whose primary number is a mobile with texting consent and no opt-out, not used by an earlier test. */
  const used: string[] = [];
  function textable(): { borrowerId: string; caseId: string; phoneId: string; e164: string; timezone: string | null } {
    const row = sqlite()
      .prepare(`SELECT b.id AS borrowerId, b.timezone, c.id AS caseId, p.id AS phoneId, p.e164 FROM borrowers b JOIN loans l ON l.borrower_id = b.id JOIN cases c ON c.loan_id = l.id
        JOIN phones p ON p.borrower_id = b.id AND p.is_primary = 1 AND p.is_active = 1
        WHERE p.type = 'mobile' AND p.sms_consent = 1 AND p.opted_out_at IS NULL AND b.id NOT IN (SELECT value FROM json_each(?))
          AND NOT EXISTS (SELECT 1 FROM text_opt_outs t WHERE t.borrower_id = b.id) AND (SELECT count(*) FROM phones o WHERE o.e164 = p.e164) = 1
        ORDER BY b.id LIMIT 1`)
      .get(JSON.stringify(used)) as { borrowerId: string; caseId: string; phoneId: string; e164: string; timezone: string | null };
    used.push(row.borrowerId);
    return row;
  }
  const texting = async (caseId: string) => ((await seeded.t.ok(seeded.t.sessionAs('agent'), 'compliance.check', { caseId, channel: 'sms' })) as ContactCheck).reasons;
  /** The borrower's STOP, as the inbound path records it (each reply has its own SID). */
  const stop = (borrowerId: string, e164: string, at = new Date().toISOString()) =>
    sqlite().transaction(() => recordTextOptOut(sqlite(), borrowerId, e164, at, { via: 'reply', word: 'STOP', reference: `SM${randomUUID().replaceAll('-', '')}` }))();
  const consentOf = (kase: { borrowerId: string; e164: string; timezone: string | null }) => ({
    borrowerId: kase.borrowerId, e164: kase.e164, method: 'recorded_call', reference: 'Call recording CR-5501', givenOn: businessDateAt(new Date(), kase.timezone ?? 'UTC'),
  });

  it('a new row for an opted-out number is saved, with consent as given, and texting stays refused; the answer and the profile say why', async () => {
    const kase = textable();
    stop(kase.borrowerId, kase.e164);
    const added = (await seeded.t.ok(seeded.t.sessionAs('agent'), 'borrowers.savePhone', {
      borrowerId: kase.borrowerId, number: kase.e164, label: 'work', type: 'mobile', isPrimary: true, smsConsent: true,
    })) as { phoneId: string; textingBlockedSince: string | null };
    expect(added.textingBlockedSince).toEqual(expect.any(String));
    expect(sqlite().prepare('SELECT sms_consent, opted_out_at, is_primary FROM phones WHERE id = ?').get(added.phoneId)).toEqual({ sms_consent: 1, opted_out_at: null, is_primary: 1 });
    expect(await texting(kase.caseId)).toContain('opted_out');
    const phones = (await profileOf(kase.borrowerId)).phones.filter((phone) => phone.e164 === kase.e164);
    expect(phones.map((phone) => [phone.optedOutAt, phone.optedOutVia])).toEqual([
      [added.textingBlockedSince, 'reply'],
      [added.textingBlockedSince, 'reply'],
    ]);
  });

  it('consent is recorded only with its source, given since the STOP, on a number that is opted out', async () => {
    const kase = textable();
    const agent = seeded.t.sessionAs('agent');
    const consent = consentOf(kase);
    expect(await seeded.t.dispatch(agent, 'contacts.recordTextConsent', consent)).toMatchObject({ ok: false, error: { code: 'conflict', field: 'e164' } });
    stop(kase.borrowerId, kase.e164);
    for (const [change, field] of [[{ method: 'said so' }, 'method'], [{ reference: ' ' }, 'reference'], [{ givenOn: '2026-13-01' }, 'givenOn'], [{ givenOn: '2999-01-01' }, 'givenOn'], [{ givenOn: '2020-01-01' }, 'givenOn'], [{ e164: '+18685550000' }, 'e164']] as const) {
      expect(await seeded.t.dispatch(agent, 'contacts.recordTextConsent', { ...consent, ...change }), field).toMatchObject({ ok: false, error: { field } });
    }
    expect(await texting(kase.caseId)).toContain('opted_out');
  });

  it('recorded consent restores texting on the number, names who recorded it and how it was given, and is audited; the STOP mark stays', async () => {
    const kase = textable();
    stop(kase.borrowerId, kase.e164);
    const agent = seeded.t.sessionAs('agent');
    const restored = (await seeded.t.ok(agent, 'contacts.recordTextConsent', consentOf(kase))) as { e164: string; restoredAt: string };
    expect(restored.e164).toBe(kase.e164);
    expect(await texting(kase.caseId)).not.toEqual(expect.arrayContaining(['opted_out']));
    expect(await texting(kase.caseId)).not.toEqual(expect.arrayContaining(['no_consent']));
    expect(sqlite().prepare('SELECT sms_consent, opted_out_at IS NOT NULL AS marked FROM phones WHERE id = ?').get(kase.phoneId)).toEqual({ sms_consent: 1, marked: 1 });
    const phone = (await profileOf(kase.borrowerId)).phones.find((p) => p.id === kase.phoneId)!;
    expect(phone).toMatchObject({ optedOutAt: null, optedOutVia: null, textingRestored: { at: restored.restoredAt, via: 'recorded_consent', method: 'recorded_call', reference: 'Call recording CR-5501', recordedBy: agent.user!.name } });
    const audit = auditOf(kase.borrowerId).filter((event) => event.type === 'contact.text_consent_recorded');
    expect(audit.map((event) => JSON.parse(event.payload) as Record<string, unknown>)).toEqual([expect.objectContaining({ e164: kase.e164, method: 'recorded_call', reference: 'Call recording CR-5501' })]);
    expect(outboxNames().at(-1)).toBe('contacts.recordTextConsent');
    // A new STOP is a new opt-out, and it stands again.
    stop(kase.borrowerId, kase.e164, new Date(Date.now() + 1000).toISOString());
    expect(await texting(kase.caseId)).toContain('opted_out');
  });

  it('a number opted out before opt-outs were kept by number (only its row’s STOP mark) is restored the same way', async () => {
    const kase = textable();
    sqlite().prepare('UPDATE phones SET sms_consent = 0, opted_out_at = ? WHERE id = ?').run(new Date(Date.now() - 60_000).toISOString(), kase.phoneId);
    expect(await texting(kase.caseId)).toContain('opted_out');
    await seeded.t.ok(seeded.t.sessionAs('agent'), 'contacts.recordTextConsent', consentOf(kase));
    expect(sqlite().prepare('SELECT restored_via, restored_by IS NOT NULL AS recorded FROM text_opt_outs WHERE borrower_id = ? AND e164 = ?').all(kase.borrowerId, kase.e164)).toEqual([{ restored_via: 'recorded_consent', recorded: 1 }]);
    expect(await texting(kase.caseId)).not.toEqual(expect.arrayContaining(['opted_out']));
  });
});
