import { describe, expect, it } from 'vitest';
import type { ScheduleView } from '../../src-shared/contract';
import { useSeededDispatcher } from '../../tests-support/dispatcher';
import { startScheduler } from '../scheduler/scheduler';

const seeded = useSeededDispatcher(20);
const times = { delinquency: '01:15', dunning: '05:45', promiseCheck: '09:00', snapshot: '23:30', caseSyncMinutes: 30, timeZone: 'America/Port_of_Spain' };

describe('scheduler times', () => {
  it('shows supervisors the seed’s times as clock times and their next runs', async () => {
    const view = (await seeded.t.ok(seeded.t.sessionAs('supervisor'), 'settings.schedule', {})) as ScheduleView;
    expect(view.times).toEqual({ delinquency: '02:30', dunning: '04:00', promiseCheck: '08:30', snapshot: '23:55' });
    expect(view.caseSyncMinutes).toBe(15);
    expect(Date.parse(view.nextRuns.delinquency!)).toBeGreaterThan(Date.now());
  });

  it('an admin’s new times move the running scheduler’s timers at once, and are audited', async () => {
    const scheduler = startScheduler(seeded.store, () => undefined, { paused: true });
    const from = new Date('2026-11-21T05:00:00Z');
    try {
      await seeded.t.ok(seeded.t.sessionAs('admin'), 'settings.saveSchedule', times);
      // Port of Spain is UTC−4: 01:15 local is 05:15Z, just after the moment asked about; 05:45 local is 09:45Z.
      expect(scheduler.nextRuns(from)).toEqual({
        delinquency: '2026-11-21T05:15:00.000Z',
        dunning: '2026-11-21T09:45:00.000Z',
        promiseCheck: '2026-11-21T13:00:00.000Z',
        snapshot: '2026-11-22T03:30:00.000Z',
        caseSync: '2026-11-21T05:30:00.000Z',
      });
      expect(scheduler.config.dunning).toBe('45 5 * * *');
    } finally {
      scheduler.stop();
    }
    const view = (await seeded.t.ok(seeded.t.sessionAs('supervisor'), 'settings.schedule', {})) as ScheduleView;
    expect(view).toMatchObject({ times: { delinquency: '01:15', dunning: '05:45', promiseCheck: '09:00', snapshot: '23:30' }, caseSyncMinutes: 30, timeZone: 'America/Port_of_Spain' });
    expect(seeded.store.sqlite.prepare(`SELECT count(*) FROM audit_events WHERE type = 'settings.schedule_saved'`).pluck().get()).toBe(1);
  });

  it('names a bad time, interval or time zone, and refuses supervisors', async () => {
    const admin = seeded.t.sessionAs('admin');
    const refused = async (payload: unknown, session = admin) => {
      const result = await seeded.t.dispatch(session, 'settings.saveSchedule', payload);
      if (result.ok) throw new Error('saved');
      return result.error;
    };
    expect(await refused({ ...times, dunning: '24:10' })).toMatchObject({ code: 'validation', field: 'dunning' });
    expect(await refused({ ...times, caseSyncMinutes: 7 })).toMatchObject({ code: 'validation', field: 'caseSyncMinutes' });
    expect(await refused({ ...times, timeZone: 'Mars/Olympus' })).toMatchObject({ code: 'validation', field: 'timeZone' });
    expect((await refused(times, seeded.t.sessionAs('supervisor'))).code).toBe('forbidden');
  });
});
