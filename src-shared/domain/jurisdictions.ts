import type { CountryCode } from 'libphonenumber-js';

/**
 * Jurisdictions Recourse knows: the four seeded Caribbean ones (seed 003) and US states as
 * `US-XX` (with `US-NY-NYC` for New York City). `zones` are every IANA zone the jurisdiction
 * spans, most populous first: with no borrower time zone, contact hours must hold in all of them
 * and days are counted in the first (DESIGN §2).
 */
export interface Jurisdiction {
  code: string;
  country: CountryCode;
  zones: readonly string[];
}

const CARIBBEAN: Record<string, Jurisdiction> = {
  TT: { code: 'TT', country: 'TT', zones: ['America/Port_of_Spain'] },
  JM: { code: 'JM', country: 'JM', zones: ['America/Jamaica'] },
  BB: { code: 'BB', country: 'BB', zones: ['America/Barbados'] },
  GY: { code: 'GY', country: 'GY', zones: ['America/Guyana'] },
};

/** IANA zones per US state, most populous first. */
const US_STATE_ZONES: Record<string, readonly string[]> = {
  AL: ['America/Chicago'], AK: ['America/Anchorage', 'America/Adak'], AZ: ['America/Phoenix'], AR: ['America/Chicago'],
  CA: ['America/Los_Angeles'], CO: ['America/Denver'], CT: ['America/New_York'], DE: ['America/New_York'],
  DC: ['America/New_York'], FL: ['America/New_York', 'America/Chicago'], GA: ['America/New_York'], HI: ['Pacific/Honolulu'],
  ID: ['America/Boise', 'America/Los_Angeles'], IL: ['America/Chicago'], IN: ['America/Indiana/Indianapolis', 'America/Chicago'],
  IA: ['America/Chicago'], KS: ['America/Chicago', 'America/Denver'], KY: ['America/New_York', 'America/Chicago'],
  LA: ['America/Chicago'], ME: ['America/New_York'], MD: ['America/New_York'], MA: ['America/New_York'],
  MI: ['America/Detroit', 'America/Menominee'], MN: ['America/Chicago'], MS: ['America/Chicago'], MO: ['America/Chicago'],
  MT: ['America/Denver'], NE: ['America/Chicago', 'America/Denver'], NV: ['America/Los_Angeles', 'America/Boise'],
  NH: ['America/New_York'], NJ: ['America/New_York'], NM: ['America/Denver'], NY: ['America/New_York'],
  NC: ['America/New_York'], ND: ['America/Chicago', 'America/Denver'], OH: ['America/New_York'], OK: ['America/Chicago'],
  OR: ['America/Los_Angeles', 'America/Boise'], PA: ['America/New_York'], RI: ['America/New_York'], SC: ['America/New_York'],
  SD: ['America/Chicago', 'America/Denver'], TN: ['America/Chicago', 'America/New_York'], TX: ['America/Chicago', 'America/Denver'],
  UT: ['America/Denver'], VT: ['America/New_York'], VA: ['America/New_York'], WA: ['America/Los_Angeles'],
  WV: ['America/New_York'], WI: ['America/Chicago'], WY: ['America/Denver'],
};

/** Returns the jurisdiction for a code such as `TT`, `US-TX` or `US-NY-NYC`, or null when unknown. */
export function findJurisdiction(code: string): Jurisdiction | null {
  const caribbean = CARIBBEAN[code];
  if (caribbean) return caribbean;
  if (code === 'US-NY-NYC') return { code, country: 'US', zones: ['America/New_York'] };
  const state = /^US-([A-Z]{2})$/.exec(code)?.[1];
  const zones = state ? US_STATE_ZONES[state] : undefined;
  return zones ? { code, country: 'US', zones } : null;
}

export const SEEDED_CARIBBEAN_JURISDICTIONS = Object.keys(CARIBBEAN);
