import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStore } from '../../tests-support/temp-store';
import type { Store } from '../store/open-store';
import { readSchedule } from './schedule-config';
import { startScheduler } from './scheduler';

let temp: ReturnType<typeof seededStore>;
let store: Store;
const setSchedule = (value: object) => store.sqlite.prepare(`INSERT INTO app_meta (key, value) VALUES ('schedule', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(value));

beforeAll(() => {
  temp = seededStore(40);
  store = temp.store;
});
afterAll(() => temp.cleanup());

describe('the scheduler', () => {
  it('runs each job at its configured local time', () => {
    setSchedule({ timeZone: 'America/Port_of_Spain' });
    const scheduler = startScheduler(store, () => undefined, { paused: true });
    expect(scheduler.nextRuns(new Date('2026-11-21T05:00:00Z'))).toEqual({
      delinquency: '2026-11-21T06:30:00.000Z',
      dunning: '2026-11-21T08:00:00.000Z',
      promiseCheck: '2026-11-21T12:30:00.000Z',
      snapshot: '2026-11-22T03:55:00.000Z',
      caseSync: '2026-11-21T05:15:00.000Z',
    });
    scheduler.stop();
  });

  it('judges the business date of its moment in that time zone and reports it', () => {
    const events: unknown[] = [];
    const scheduler = startScheduler(store, (event, payload) => events.push({ event, payload }), { paused: true });
    // 01:00 UTC on the 22nd is still the 21st in Port of Spain (UTC−4).
    const summary = scheduler.run('delinquency', new Date('2026-11-22T01:00:00Z'));
    expect(summary.asOf).toBe('2026-11-21');
    expect(store.sqlite.prepare(`SELECT value FROM app_meta WHERE key = 'last_daily_run'`).pluck().get()).toBe('2026-11-21');
    expect(events).toContainEqual({ event: 'engine.progress', payload: expect.objectContaining({ job: 'delinquency', finished: true }) });
    expect(scheduler.run('snapshot', new Date('2026-11-22T01:00:00Z'))).toEqual({ snapshotOn: '2026-11-21' });
    scheduler.stop();
  });

  it('names what is wrong with a stored schedule', () => {
    setSchedule({ caseSync: '*/61 * * * *' });
    expect(() => readSchedule(store)).toThrow(/caseSync is not a valid cron pattern/);
    setSchedule({ timeZone: 'Mars/Olympus' });
    expect(() => readSchedule(store)).toThrow(/timeZone is not an IANA time zone/);
  });
});
