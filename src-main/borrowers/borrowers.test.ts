import { describe, expect, it } from 'vitest';
import type { BorrowerProfile } from '../../src-shared/contract';
import { useSeededDispatcher } from '../../tests-support/dispatcher';

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
