import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../contract';
import { permissionForCommand } from './command-permissions';
import { WRITE_SETS, writeSetProblem } from './write-sets';

const openCase = { id: 'c1', loan_id: 'l1', status: 'open', assigned_agent_id: 'u1', priority: 'LOW', dispute_flag: 0, close_reason: null, closed_on: null };

describe('write-sets: what each command may change', () => {
  it.each([
    // command, table, before, after, expected problem (null: allowed)
    ['cases.update', 'cases', openCase, { ...openCase, status: 'on_hold', priority: 'HIGH' }, null],
    ['cases.update', 'cases', openCase, { ...openCase, status: 'written_off' }, 'cases.update may set cases.status only to "open" or "in_progress" or "on_hold" or "legal", not "written_off"'],
    ['cases.update', 'cases', openCase, { ...openCase, assigned_agent_id: 'u2' }, 'cases.update may not change cases.assigned_agent_id'],
    ['cases.assign', 'cases', openCase, { ...openCase, assigned_agent_id: 'u2' }, null],
    ['cases.assign', 'cases', openCase, { ...openCase, status: 'closed' }, 'cases.assign may not change cases.status'],
    ['cases.writeOff', 'cases', openCase, { ...openCase, status: 'written_off', close_reason: 'written_off', closed_on: '2026-12-08' }, null],
    ['cases.close', 'cases', openCase, { ...openCase, status: 'closed', close_reason: 'settled', closed_on: '2026-12-08' }, 'cases.close may set cases.close_reason only to "manual", not "settled"'],
    ['activities.log', 'cases', openCase, { ...openCase, status: 'in_progress' }, null],
    ['activities.log', 'cases', openCase, { ...openCase, status: 'closed' }, 'activities.log may set cases.status only to "in_progress", not "closed"'],
    ['activities.log', 'payments', null, { loan_id: 'l1', reference: 'R', amount_minor: 99_999_999 }, 'activities.log does not change payments'],
    ['activities.log', 'loans', { id: 'l1', balance_minor: 500 }, { id: 'l1', balance_minor: 0 }, 'activities.log does not change loans'],
    ['activities.log', 'promises', null, { id: 'p1', status: 'kept' }, 'activities.log creates promises rows with status ["pending"], not "kept"'],
    ['activities.log', 'activities', { id: 'a1', notes: 'x' }, { id: 'a1', notes: 'y' }, 'activities.log may not change activities.notes'],
    ['settlements.create', 'settlement_offers', null, { id: 'o1', status: 'approved' }, 'settlements.create creates settlement_offers rows with status ["draft"], not "approved"'],
    ['borrowers.savePhone', 'phones', null, { id: 'p1', e164: '+18685550111', opted_out_at: null }, null],
    ['borrowers.savePhone', 'phones', { id: 'p1', opted_out_at: '2026-12-01T00:00:00Z' }, { id: 'p1', opted_out_at: null }, 'borrowers.savePhone may not change phones.opted_out_at'],
    ['recovery.execute', 'phones', { id: 'p1', sms_consent: 1, opted_out_at: null }, { id: 'p1', sms_consent: 0, opted_out_at: '2026-12-08T10:00:00Z' }, null],
    ['recovery.execute', 'phones', { id: 'p1', sms_consent: 0 }, { id: 'p1', sms_consent: 1 }, 'recovery.execute may set phones.sms_consent only to 0 or false, not 1'],
    ['settings.setUserRole', 'users', { id: 'u1', role: 'agent', password_hash: '' }, { id: 'u1', role: 'admin', password_hash: '' }, null],
    ['settings.setUserRole', 'users', { id: 'u1', role: 'agent', password_hash: 'a' }, { id: 'u1', role: 'agent', password_hash: 'b' }, 'settings.setUserRole may not change users.password_hash'],
    ['settings.saveQueue', 'queue_members', { queue_id: 'q', user_id: 'u' }, null, null],
    ['cases.assign', 'queue_members', { queue_id: 'q', user_id: 'u' }, null, 'cases.assign does not change queue_members'],
    ['cases.obliterate', 'cases', openCase, openCase, 'cases.obliterate changes no rows of the ledger'],
  ] as const)('%s on %s: %j → %j', (name, tbl, before, after, problem) => {
    expect(writeSetProblem(name, { tbl, before, after })).toBe(problem);
  });

  it('ignores generated columns, which the replica computes itself', () => {
    expect(writeSetProblem('cases.overrideNba', { tbl: 'cases', before: { ...openCase, active: 1 }, after: { ...openCase, active: 0, nba_override_action: 'call_now' } })).toBeNull();
  });

  it('declares a write-set for every command the relay takes, and none for a name it does not', () => {
    const commands = [...CHANNEL_NAMES.filter((name) => permissionForCommand(name) !== null), ...Object.keys(WRITE_SETS)].filter((name) => permissionForCommand(name) !== null);
    const missing = commands.filter((name) => WRITE_SETS[name] === undefined && !['communications.saveTwilio', 'communications.clearTwilio', 'communications.saveSmtp', 'communications.clearSmtp', 'sync.configure', 'sync.disconnect', 'sync.now', 'tape.import'].includes(name));
    expect(missing).toEqual([]);
    expect(Object.keys(WRITE_SETS).filter((name) => permissionForCommand(name) === null)).toEqual([]);
  });
});
