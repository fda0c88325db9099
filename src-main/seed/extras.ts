import { addDays, addMonths, type IsoDate } from '../../src-shared/dates';
import { seedId as stableId } from './ids';
import { COUNTRY_NAMES } from './geography';
import { instantOn, slug, type BorrowerPlan, type SeedContext } from './people';
import { phoneNumber } from './phones';

const INDUSTRIES = ['Retail', 'Construction', 'Food service', 'Transport & logistics', 'Agriculture', 'Health care', 'Professional services', 'Manufacturing', 'Tourism'] as const;
const CARIBBEAN_TRADES = ['Trading', 'Enterprises', 'Hardware', 'Bakery', 'Transport', 'Agro', 'Auto Parts', 'Pharmacy'] as const;
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
] as const;
/** Documentation address ranges (RFC 5737): never a real client. */
const IP_PREFIXES = ['192.0.2.', '198.51.100.', '203.0.113.'] as const;

export interface ExtrasInput {
  borrower: BorrowerPlan;
  createdOn: IsoDate;
  hasSmeLoan: boolean;
  /** The next installment of a reliable payer's first loan, for an autopay plan; null for others. */
  autopay: { nextDueOn: IsoDate; amount: number } | null;
}

/** An ABA routing number with a valid check digit. */
function routingNumber(ctx: SeedContext): string {
  const digits = Array.from({ length: 8 }, () => ctx.rng.int(0, 9));
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = digits;
  const check = (10 - ((3 * (a + d + g) + 7 * (b + e + h) + (c + f)) % 10)) % 10;
  return digits.join('') + String(check);
}

function writeIdentity(ctx: SeedContext, borrower: BorrowerPlan): void {
  const { rng, insert, asOf } = ctx;
  const { place } = borrower;
  const country = COUNTRY_NAMES[place.country];
  const type = place.country === 'US' ? rng.weighted([['drivers_license', 6], ['state_id', 2], ['passport', 2]] as const) : rng.weighted([['drivers_license', 1], ['passport', 1]] as const);
  const authority =
    type === 'passport' ? (place.country === 'US' ? 'U.S. Department of State' : `${country} Immigration Division`) : place.country === 'US' ? `${place.state} Department of Motor Vehicles` : `${country} Licensing Authority`;
  const issuedOn = addDays(asOf, -rng.int(200, 3_000));
  const expiresOn = addMonths(issuedOn, type === 'passport' ? 120 : 60);
  insert.identities([stableId('identity', borrower.id, type), borrower.id, type, `*****${rng.digits(4)}`, authority, issuedOn, expiresOn]);
}

function writeConsents(ctx: SeedContext, borrower: BorrowerPlan, createdOn: IsoDate): void {
  const { rng, insert, asOf } = ctx;
  const ip = rng.pick(IP_PREFIXES) + String(rng.int(1, 254));
  const agent = rng.pick(USER_AGENTS);
  const grantedAt = instantOn(rng, createdOn);
  const types: string[] = ['credit_check', 'terms_of_service', 'privacy_policy'];
  if (rng.chance(0.7)) types.push('electronic_communications');
  if (rng.chance(0.2)) types.push('marketing');
  for (const type of types) {
    const revokedAt = type === 'marketing' && rng.chance(0.1) ? instantOn(rng, addDays(asOf, -rng.int(1, 90))) : null;
    insert.consents([stableId('consent', borrower.id, type), borrower.id, type, grantedAt, revokedAt, ip, agent]);
  }
}

function writeInstrument(ctx: SeedContext, input: ExtrasInput): void {
  const { rng, insert } = ctx;
  const { borrower, autopay } = input;
  const us = borrower.place.country === 'US';
  const bank = rng.chance(us ? 0.7 : 0.6);
  const id = stableId('payment_instrument', borrower.id, 0);
  const masked = bank ? `****${rng.digits(4)}` : `**** **** **** ${rng.digits(4)}`;
  insert.payment_instruments([id, borrower.id, bank ? 'bank_account' : 'debit_card', masked, bank && us ? routingNumber(ctx) : null, 1]);
  if (autopay && rng.chance(0.35)) {
    const fixed = rng.chance(0.2);
    insert.autopay_plans([stableId('autopay_plan', borrower.id, 0), borrower.id, id, 'monthly', autopay.nextDueOn, fixed ? 'fixed' : 'minimum_due', fixed ? Math.ceil(autopay.amount / 100) * 100 : null, 1]);
  }
}

function writeBusiness(ctx: SeedContext, borrower: BorrowerPlan): void {
  const { rng, faker, insert, asOf } = ctx;
  const { place } = borrower;
  const us = place.country === 'US';
  const name = us ? faker.company.name() : `${borrower.lastName} ${rng.pick(CARIBBEAN_TRADES)} Ltd`;
  const entity = rng.weighted([['llc', 4], ['corporation', 2], ['sole_proprietorship', 3], ['partnership', 1]] as const);
  const revenue = Math.round((rng.int(1_500, 50_000) * 100 * place.perUsd) / 100) * 100 * 100;
  insert.business_details([
    borrower.id, name, us ? `**-***${rng.digits(4)}` : null, entity, addDays(asOf, -rng.int(365, 9_000)), us ? place.state : null,
    rng.pick(INDUSTRIES), revenue, rng.int(1, 120),
  ]);
}

/** Returns true when the representative is active at as-of (contact then goes through them). */
function writeLegalRepresentative(ctx: SeedContext, borrower: BorrowerPlan): boolean {
  const { rng, faker, insert, asOf } = ctx;
  const type = rng.weighted([['attorney', 12], ['power_of_attorney', 3], ['guardian', 2], ['executor', 1], ['trustee', 2]] as const);
  const name = `${faker.person.firstName()} ${faker.person.lastName()}`;
  const firm = type === 'attorney' ? `${faker.person.lastName()} & Associates` : null;
  const email = `${slug(name.split(' ')[1] ?? name)}@${firm ? 'lawfirm' : 'mail'}.example.com`;
  const activeFrom = addDays(asOf, -rng.int(10, 400));
  const ended = rng.chance(0.15);
  const activeTo = ended ? addDays(asOf, -rng.int(1, 9)) : null;
  insert.legal_representatives([stableId('legal_representative', borrower.id, 0), borrower.id, type, name, firm, phoneNumber(rng, borrower.place, 'fixed'), email, activeFrom, activeTo]);
  return !ended;
}

/**
 * Seed 001's borrower records beyond contacts: identities, consents, a payment instrument with
 * perhaps an autopay plan, business details for SME borrowers, and about 1% legal representatives.
 * Returns whether an active legal representative stands.
 */
export function writeExtras(ctx: SeedContext, input: ExtrasInput): boolean {
  const { rng } = ctx;
  if (rng.chance(0.45)) writeIdentity(ctx, input.borrower);
  writeConsents(ctx, input.borrower, input.createdOn);
  if (rng.chance(0.6)) writeInstrument(ctx, input);
  if (input.hasSmeLoan && rng.chance(0.7)) writeBusiness(ctx, input.borrower);
  return rng.chance(0.01) ? writeLegalRepresentative(ctx, input.borrower) : false;
}
