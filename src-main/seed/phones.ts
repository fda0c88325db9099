import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';
import type { Place } from './geography';
import type { Rng } from './random';

export type LineKind = 'mobile' | 'fixed';

/** Country calling code and NANP area code of each non-US country of the portfolio. */
const CARIBBEAN_DIALING: Record<string, { callingCode: string; areaCode: string }> = {
  TT: { callingCode: '1', areaCode: '868' },
  JM: { callingCode: '1', areaCode: '876' },
  BB: { callingCode: '1', areaCode: '246' },
  GY: { callingCode: '592', areaCode: '' },
};

interface Pools {
  mobile: readonly string[];
  fixed: readonly string[];
}

const pools = new Map<string, Pools>();
/** Subscriber digits a prefix must classify the same way with, so any four digits after it do. */
const SAMPLES = ['0000', '4729', '9999'];

function typeOf(e164: string): NumberType | undefined {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed && parsed.isValid() ? parsed.getType() : undefined;
}

/**
 * Three-digit prefixes (NANP exchanges after the area code; GY's first three digits) whose numbers
 * libphonenumber's full metadata types as MOBILE or FIXED_LINE, whatever the last four digits.
 * Computed once per country from the metadata, so the generated numbers stay valid when the
 * metadata moves; the seed tests check every number again.
 */
function poolsFor(country: string): Pools {
  const cached = pools.get(country);
  if (cached) return cached;
  const dialing = CARIBBEAN_DIALING[country];
  if (!dialing) throw new RangeError(`no phone plan for ${country}`);
  const mobile: string[] = [];
  const fixed: string[] = [];
  for (let prefix = 200; prefix <= 999; prefix += 1) {
    const head = `+${dialing.callingCode}${dialing.areaCode}${prefix}`;
    const first = typeOf(head + SAMPLES[0]);
    if (first !== 'MOBILE' && first !== 'FIXED_LINE') continue;
    if (!SAMPLES.slice(1).every((sample) => typeOf(head + sample) === first)) continue;
    (first === 'MOBILE' ? mobile : fixed).push(String(prefix));
  }
  const result = { mobile, fixed };
  pools.set(country, result);
  return result;
}

/** A US exchange: 200–999 without N11 service codes or the 555 directory exchange. */
function usExchange(rng: Rng): string {
  for (;;) {
    const exchange = rng.int(200, 999);
    if (exchange % 100 !== 11 && exchange !== 555) return String(exchange);
  }
}

/**
 * A valid E.164 number in the place's numbering plan. US numbers are typed fixed-line-or-mobile
 * by libphonenumber (NANP does not tell them apart), so `kind` only matters in the Caribbean,
 * where mobile and fixed-line prefixes differ and the metadata tells them apart.
 */
export function phoneNumber(rng: Rng, place: Place, kind: LineKind): string {
  if (place.country === 'US') return `+1${rng.pick(place.areaCodes)}${usExchange(rng)}${rng.digits(4)}`;
  const dialing = CARIBBEAN_DIALING[place.country];
  if (!dialing) throw new RangeError(`no phone plan for ${place.country}`);
  const pool = poolsFor(place.country)[kind];
  return `+${dialing.callingCode}${dialing.areaCode}${rng.pick(pool)}${rng.digits(4)}`;
}

/** The libphonenumber types a stored phone type may carry (used by the seed tests too). */
export function typeMatches(storedType: string, libType: NumberType | undefined): boolean {
  if (storedType === 'mobile') return libType === 'MOBILE' || libType === 'FIXED_LINE_OR_MOBILE';
  return libType === 'FIXED_LINE' || libType === 'FIXED_LINE_OR_MOBILE';
}
