import { base, en, en_US, Faker } from '@faker-js/faker';
import { addDays, type IsoDate } from '../../src-shared/dates';
import { findJurisdiction } from '../../src-shared/domain/jurisdictions';
import { newTextOptOut } from '../../src-shared/domain/text-opt-outs';
import { seedId as stableId } from './ids';
import {
  CARIBBEAN_EMPLOYERS,
  CARIBBEAN_FIRST_NAMES,
  CARIBBEAN_LAST_NAMES,
  CARIBBEAN_STREETS,
  SPANISH_FIRST_NAMES,
  SPANISH_LAST_NAMES,
  type Place,
} from './geography';
import { phoneNumber, type LineKind } from './phones';
import type { Rng } from './random';
import type { Inserts } from './statements';

export interface SeedContext {
  rng: Rng;
  faker: Faker;
  insert: Inserts;
  asOf: IsoDate;
}

/** A faker of its own (never the shared singleton), seeded for a replayable portfolio. */
export function seededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en_US, en, base] });
  faker.seed(seed);
  return faker;
}

export interface PhonePlan {
  e164: string;
  type: 'mobile' | 'home' | 'work';
  /** SMS/WhatsApp allowed: a mobile with consent, active and never opted out. */
  textable: boolean;
}

export interface BorrowerPlan {
  id: string;
  place: Place;
  firstName: string;
  lastName: string;
  doNotContact: boolean;
  phones: PhonePlan[];
  email: string | null;
}

export const externalIdFor = (index: number): string => `BR-${String(index + 1).padStart(6, '0')}`;
export const borrowerIdFor = (index: number): string => stableId('borrower', externalIdFor(index));

/** Lower-case ASCII for e-mail local parts: "José O'Neil" → "joseoneil". */
export function slug(text: string): string {
  return text.normalize('NFD').toLowerCase().replace(/[^a-z]/g, '');
}

/** A timestamp on `date` at a random UTC time of day. */
export function instantOn(rng: Rng, date: IsoDate, fromHour = 13, toHour = 22): string {
  const hour = String(rng.int(fromHour, toHour)).padStart(2, '0');
  const minute = String(rng.int(0, 59)).padStart(2, '0');
  const second = String(rng.int(0, 59)).padStart(2, '0');
  return `${date}T${hour}:${minute}:${second}.000Z`;
}

function names(ctx: SeedContext, place: Place, language: string): [string, string] {
  const { rng, faker } = ctx;
  if (language === 'es') return [rng.pick(SPANISH_FIRST_NAMES), rng.pick(SPANISH_LAST_NAMES)];
  if (place.country !== 'US' && rng.chance(0.65)) return [rng.pick(CARIBBEAN_FIRST_NAMES), rng.pick(CARIBBEAN_LAST_NAMES)];
  return [faker.person.firstName(), faker.person.lastName()];
}

function employer(ctx: SeedContext, place: Place): string | null {
  const roll = ctx.rng.int(0, 99);
  if (roll < 8) return null;
  if (roll < 15) return 'Self-employed';
  return place.country === 'US' ? ctx.faker.company.name() : ctx.rng.pick(CARIBBEAN_EMPLOYERS);
}

function preferences(rng: Rng, place: Place): string {
  const roll = rng.int(0, 99);
  if (roll >= 35) return '{}';
  const channels = place.country === 'US' ? (['sms', 'voice', 'email'] as const) : (['whatsapp', 'sms', 'voice', 'email'] as const);
  const channel = rng.pick(channels);
  return roll < 10 ? JSON.stringify({ channel }) : JSON.stringify({ channel, hours: { start: '09:00', end: '18:00' } });
}

function writePhones(ctx: SeedContext, borrowerId: string, place: Place): PhonePlan[] {
  const { rng, insert, asOf } = ctx;
  const primaryMobile = rng.chance(0.92);
  const lines: { kind: LineKind; type: PhonePlan['type'] }[] = [primaryMobile ? { kind: 'mobile', type: 'mobile' } : { kind: 'fixed', type: 'home' }];
  if (rng.chance(0.45)) {
    const type = primaryMobile ? rng.weighted([['home', 5], ['work', 3], ['mobile', 2]] as const) : rng.weighted([['mobile', 7], ['work', 3]] as const);
    lines.push({ kind: type === 'mobile' ? 'mobile' : 'fixed', type });
  }
  const plans: PhonePlan[] = [];
  lines.forEach((line, position) => {
    const e164 = phoneNumber(rng, place, line.kind);
    const consent = line.kind === 'mobile' && rng.chance(0.88);
    const optedOutAt = consent && rng.chance(0.015) ? instantOn(rng, addDays(asOf, -rng.int(5, 200))) : null;
    const active = position === 0 || rng.chance(0.97);
    const id = stableId('phone', borrowerId, position);
    insert.phones([id, borrowerId, e164, line.type, line.type, position === 0 ? 1 : 0, rng.chance(0.6) ? 1 : 0, active ? 1 : 0, consent ? 1 : 0, optedOutAt]);
    if (optedOutAt !== null) {
      // The borrower texted STOP before the book's message history begins.
      const optOut = newTextOptOut(borrowerId, e164, optedOutAt, { via: 'reply', word: 'STOP', reference: null });
      insert.text_opt_outs([optOut.id, borrowerId, e164, optedOutAt, optOut.opt_out_via, optOut.opt_out_word, optOut.opt_out_reference]);
    }
    plans.push({ e164, type: line.type, textable: consent && active && optedOutAt === null });
  });
  return plans;
}

function writeAddresses(ctx: SeedContext, borrowerId: string, place: Place): void {
  const { rng, faker, insert } = ctx;
  const city = rng.pick(place.cities);
  const prefix = place.postalPrefixes ? rng.pick(place.postalPrefixes) : null;
  const postal = prefix === null ? null : prefix + rng.digits((place.country === 'US' ? 5 : 7) - prefix.length);
  const us = place.country === 'US';
  const line1 = us ? faker.location.streetAddress() : `${rng.int(1, 250)} ${rng.pick(CARIBBEAN_STREETS)}`;
  const line2 = us && rng.chance(0.15) ? faker.location.secondaryAddress() : null;
  insert.addresses([stableId('address', borrowerId, 'home'), borrowerId, 'home', line1, line2, city, place.state, postal, place.country, 1]);
  if (rng.chance(0.08)) {
    insert.addresses([stableId('address', borrowerId, 'mailing'), borrowerId, 'mailing', `PO Box ${rng.int(10, 9999)}`, null, city, place.state, postal, place.country, 0]);
  }
}

/**
 * Writes a borrower with phones, e-mail and addresses. `createdOn` comes from the borrower's
 * first loan, so `created_at` never depends on the wall clock.
 */
export function writeBorrower(ctx: SeedContext, index: number, place: Place, createdOn: IsoDate): BorrowerPlan {
  const { rng, insert, asOf } = ctx;
  const id = borrowerIdFor(index);
  const us = place.country === 'US';
  const language = us && rng.chance(0.12) ? 'es' : 'en';
  const [firstName, lastName] = names(ctx, place, language);
  const dateOfBirth = addDays(asOf, -rng.int(21 * 365, 75 * 365));
  const income = rng.int(us ? 250 : 90, us ? 1_600 : 700) * 100;
  const incomeMinor = Math.round((income * place.perUsd) / 100) * 100 * 100;
  const timezone = rng.chance(0.03) ? null : (findJurisdiction(place.code)?.zones[0] ?? null);
  const doNotContact = rng.chance(0.03);
  insert.borrowers([
    id, externalIdFor(index), firstName, lastName, dateOfBirth, us ? String(rng.int(1, 9999)).padStart(4, '0') : null, employer(ctx, place), incomeMinor,
    place.currency, language, preferences(rng, place), timezone, place.code, doNotContact ? 1 : 0,
    rng.chance(0.03) ? 1 : 0, rng.chance(0.04) ? 1 : 0, '{}', instantOn(rng, createdOn),
  ]);
  const phones = writePhones(ctx, id, place);
  let email: string | null = null;
  if (rng.chance(0.94)) {
    const address = `${slug(firstName)}.${slug(lastName)}${rng.int(1, 999)}@${rng.pick(['example.com', 'example.net', 'example.org'])}`;
    const optedOut = rng.chance(0.02);
    insert.emails([stableId('email', id, 0), id, address, 'home', 1, rng.chance(0.65) ? 1 : 0, 1, optedOut ? 1 : 0]);
    if (!optedOut) email = address;
  }
  writeAddresses(ctx, id, place);
  return { id, place, firstName, lastName, doNotContact, phones, email };
}
