import { parseIsoDate, type IsoDate, type UtcInstant } from '../../src-shared/dates';
import { CONTACT_OUTCOMES, type ContactOutcome } from '../../src-shared/domain/vocabulary';
import type { Minor } from '../../src-shared/money';
import type { TapeCsv } from './csv-file';
import { FieldReader, type Issues } from './fields';
import { UniqueKeys, type References } from './references';
import { TAPE_CONTACT_CHANNELS, TAPE_DIRECTIONS } from '../../src-shared/tape-format';

export interface PromiseRecord {
  accountNumber: string;
  createdOn: IsoDate;
  dueOn: IsoDate;
  amountMinor: Minor;
}

export interface ContactRecord {
  accountNumber: string;
  /** Normalised to a UTC instant, so attempts sort and count the same whatever offset the tape used. */
  at: UtcInstant;
  channel: (typeof TAPE_CONTACT_CHANNELS)[number];
  direction: (typeof TAPE_DIRECTIONS)[number];
  outcome: ContactOutcome;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

/** An ISO 8601 date-time that carries its offset (a local time without one names no instant). */
function parseInstant(text: string): UtcInstant | null {
  const match = DATE_TIME.exec(text);
  if (!match || !parseIsoDate(match[1] ?? '')) return null;
  return new Date(text).toISOString() as UtcInstant;
}

export function parsePromises(csv: TapeCsv, issues: Issues, refs: References): PromiseRecord[] {
  const unique = new UniqueKeys('promise (account_number / created_on / due_on / amount)');
  const records: PromiseRecord[] = [];
  for (const row of csv.rows) {
    const r = new FieldReader(issues, 'promises', row.line, row.values);
    const accountNumber = refs.requireAccount(r, 'account_number');
    const createdOn = r.date('created_on');
    const dueOn = r.date('due_on');
    // A promise of nothing would count as kept the moment it is made.
    const amountMinor = r.money('amount', { positive: true });
    if (createdOn !== undefined && dueOn !== undefined && dueOn < createdOn) r.fail(`due_on "${dueOn}" is before created_on "${createdOn}"`);
    if (accountNumber !== undefined && createdOn !== undefined && dueOn !== undefined && amountMinor !== undefined) {
      unique.claim(r, [accountNumber, createdOn, dueOn, amountMinor]);
    }
    const record = r.result<PromiseRecord>({ accountNumber, createdOn, dueOn, amountMinor });
    if (record) records.push(record);
  }
  return records;
}

export function parseContacts(csv: TapeCsv, issues: Issues, refs: References): ContactRecord[] {
  const unique = new UniqueKeys('contact (account_number / at / channel / direction)');
  const records: ContactRecord[] = [];
  for (const row of csv.rows) {
    const r = new FieldReader(issues, 'contacts', row.line, row.values);
    const accountNumber = refs.requireAccount(r, 'account_number');
    const atText = r.required('at');
    const at = atText === undefined ? undefined : (parseInstant(atText) ?? r.fail(`at "${atText}" is not an ISO date-time with an offset (e.g. 2026-03-01T14:30:00-04:00)`));
    const channel = r.oneOf('channel', TAPE_CONTACT_CHANNELS);
    const direction = r.oneOf('direction', TAPE_DIRECTIONS);
    if (accountNumber !== undefined && at !== undefined && channel !== undefined && direction !== undefined) unique.claim(r, [accountNumber, at, channel, direction]);
    const record = r.result<ContactRecord>({ accountNumber, at, channel, direction, outcome: r.oneOf('outcome', CONTACT_OUTCOMES) });
    if (record) records.push(record);
  }
  return records;
}
