import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStore, tableCounts } from '../../tests-support/temp-store';
import { CHANNEL_NAMES, channels, type SessionUser } from '../../src-shared/contract';
import { ROLE_PERMISSIONS, type Role } from '../../src-shared/roles';
import type { Store } from '../store/open-store';
import { createDispatcher, type Dispatcher } from './dispatch';
import type { Session } from './handler-types';
import { testHandlers } from '../../tests-support/communications';

let temp: ReturnType<typeof seededStore>;
let store: Store;
let dispatch: Dispatcher;
const events: unknown[] = [];

function userWithRole(role: Role): SessionUser {
  const row = store.sqlite.prepare('SELECT id, name, email, role FROM users WHERE role = ? ORDER BY id LIMIT 1').get(role) as SessionUser;
  return { ...row, permissions: [...ROLE_PERMISSIONS[role]] };
}

beforeAll(() => {
  temp = seededStore(80);
  store = temp.store;
  dispatch = createDispatcher(testHandlers(store).handlers, (event, payload) => events.push({ event, payload }));
});
afterAll(() => temp.cleanup());

describe('the contract boundary', () => {
  it('answers every malformed payload on every channel with a validation error and writes nothing', async () => {
    const admin: Session = { user: userWithRole('admin') };
    const before = tableCounts(store);
    for (const channel of CHANNEL_NAMES) {
      const malformed = fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }).filter((value) => !channels[channel].input.safeParse(value).success);
      const payloads = fc.sample(malformed, { numRuns: 150, seed: 42 });
      for (const payload of payloads) {
        const result = await dispatch(admin, channel, payload);
        expect(result.ok, `${channel} accepted ${fc.stringify(payload)}`).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('validation');
      }
    }
    expect(tableCounts(store)).toEqual(before);
  });

  it('refuses unknown channels and non-string channel names', async () => {
    for (const channel of ['cases.drop', '__proto__', 'constructor', 42, null, { name: 'cases.queue' }]) {
      const result = await dispatch({ user: userWithRole('admin') }, channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
  });

  it('refuses a caller who has not signed in', async () => {
    expect(await dispatch({ user: null }, 'cases.queue', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('refuses an agent forging a supervisor-only call, and changes nothing', async () => {
    const agent: Session = { user: userWithRole('agent') };
    const caseId = store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id LIMIT 1').pluck().get() as string;
    const before = tableCounts(store);
    const result = await dispatch(agent, 'cases.assign', { caseIds: [caseId], agentId: agent.user!.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tableCounts(store)).toEqual(before);
  });

  it('a forged session role is not trusted beyond the permissions it carries', async () => {
    const forged: Session = { user: { ...userWithRole('agent'), role: 'agent', permissions: ['assign_cases'] } };
    const caseId = store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id LIMIT 1').pluck().get() as string;
    expect(await dispatch(forged, 'cases.assign', { caseIds: [caseId], agentId: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('assigns as a supervisor with its audit event and outbox command in one transaction', async () => {
    const supervisor: Session = { user: userWithRole('supervisor') };
    const agent = userWithRole('agent');
    const caseId = store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 AND (assigned_agent_id IS NULL OR assigned_agent_id != ?) ORDER BY id LIMIT 1').pluck().get(agent.id) as string;
    const result = await dispatch(supervisor, 'cases.assign', { caseIds: [caseId], agentId: agent.id });
    expect(result).toEqual({ ok: true, value: { updated: 1 } });
    expect(store.sqlite.prepare('SELECT assigned_agent_id FROM cases WHERE id = ?').pluck().get(caseId)).toBe(agent.id);
    expect(store.sqlite.prepare(`SELECT actor_id FROM audit_events WHERE type = 'case.assigned' AND entity_id = ?`).pluck().get(caseId)).toBe(supervisor.user!.id);
    expect(store.sqlite.prepare(`SELECT name FROM outbox ORDER BY seq DESC LIMIT 1`).pluck().get()).toBe('cases.assign');
    expect(events).toContainEqual({ event: 'cases.changed', payload: { caseIds: [caseId] } });
  });

  it('writes nothing when one case of a bulk assignment does not exist', async () => {
    const supervisor: Session = { user: userWithRole('supervisor') };
    const caseId = store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id DESC LIMIT 1').pluck().get() as string;
    const before = tableCounts(store);
    const assignee = store.sqlite.prepare('SELECT assigned_agent_id FROM cases WHERE id = ?').pluck().get(caseId);
    const result = await dispatch(supervisor, 'cases.assign', { caseIds: [caseId, 'case_missing'], agentId: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found', field: 'caseIds' } });
    expect(store.sqlite.prepare('SELECT assigned_agent_id FROM cases WHERE id = ?').pluck().get(caseId)).toBe(assignee);
    expect(tableCounts(store)).toEqual(before);
  });
});
