/**
 * Where the demo borrowers live: the jurisdictions of the portfolio with their share, currency,
 * cities, postal codes and telephone area codes. About 55% US, 45% Caribbean (TT, JM, BB, GY).
 */
export interface Place {
  /** Recourse jurisdiction code (`US-MA`, `US-NY-NYC`, `TT`, …). */
  code: string;
  /** Share of borrowers, in percent. */
  weight: number;
  country: 'US' | 'TT' | 'JM' | 'BB' | 'GY';
  /** Two-letter state for US addresses; null elsewhere. */
  state: string | null;
  currency: 'USD' | 'TTD' | 'JMD' | 'BBD' | 'GYD';
  /** Local currency units per US dollar, to scale amounts (rounded, demo only). */
  perUsd: number;
  cities: readonly string[];
  /** First digits of the postal code (US ZIP prefix, BB `BB` + digits); null when none is used. */
  postalPrefixes: readonly string[] | null;
  /** NANP area codes, or the country calling code's trunk for GY (handled in phones.ts). */
  areaCodes: readonly string[];
}

const us = (code: string, weight: number, state: string, cities: string[], zips: string[], areaCodes: string[]): Place => ({
  code,
  weight,
  country: 'US',
  state,
  currency: 'USD',
  perUsd: 1,
  cities,
  postalPrefixes: zips,
  areaCodes,
});

export const PLACES: readonly Place[] = [
  us('US-MA', 12, 'MA', ['Boston', 'Worcester', 'Springfield', 'Cambridge', 'Lowell', 'Quincy', 'New Bedford', 'Brockton'], ['021', '022', '016', '011', '018', '027'], ['617', '508', '781', '978', '413', '857', '774', '339']),
  us('US-NY-NYC', 12, 'NY', ['New York', 'Brooklyn', 'Bronx', 'Queens', 'Staten Island'], ['100', '101', '112', '104', '113', '103'], ['212', '718', '917', '646', '347', '929']),
  us('US-NY', 4, 'NY', ['Buffalo', 'Rochester', 'Albany', 'Syracuse', 'Yonkers', 'Ithaca'], ['142', '146', '122', '132', '107', '148'], ['518', '315', '585', '716', '607', '914', '845', '631', '516']),
  us('US-CA', 6, 'CA', ['Los Angeles', 'San Diego', 'San Jose', 'Fresno', 'Sacramento', 'Oakland'], ['900', '921', '951', '937', '958', '946'], ['213', '310', '415', '619', '408', '916', '714', '818']),
  us('US-TX', 5, 'TX', ['Houston', 'Dallas', 'Austin', 'San Antonio', 'Fort Worth', 'El Paso'], ['770', '752', '787', '782', '761', '799'], ['713', '214', '512', '210', '817', '915', '281']),
  us('US-FL', 5, 'FL', ['Miami', 'Orlando', 'Tampa', 'Jacksonville', 'Fort Lauderdale'], ['331', '328', '336', '322', '333'], ['305', '407', '813', '904', '954', '561']),
  us('US-IL', 3, 'IL', ['Chicago', 'Aurora', 'Naperville', 'Springfield', 'Joliet'], ['606', '605', '625', '604'], ['312', '773', '630', '847', '217']),
  us('US-AZ', 2, 'AZ', ['Phoenix', 'Tucson', 'Mesa', 'Chandler'], ['850', '857', '852'], ['602', '480', '520', '623']),
  us('US-GA', 2, 'GA', ['Atlanta', 'Savannah', 'Augusta', 'Macon'], ['303', '314', '309', '312'], ['404', '770', '678', '912']),
  us('US-NJ', 2, 'NJ', ['Newark', 'Jersey City', 'Paterson', 'Trenton'], ['071', '073', '075', '086'], ['201', '973', '732', '908', '609']),
  us('US-PA', 2, 'PA', ['Philadelphia', 'Pittsburgh', 'Allentown', 'Harrisburg'], ['191', '152', '181', '171'], ['215', '267', '412', '717', '610']),
  {
    code: 'TT', weight: 15, country: 'TT', state: null, currency: 'TTD', perUsd: 6.8,
    cities: ['Port of Spain', 'San Fernando', 'Chaguanas', 'Arima', 'Couva', 'Tunapuna', 'Diego Martin', 'Point Fortin', 'Scarborough'],
    postalPrefixes: null, areaCodes: ['868'],
  },
  {
    code: 'JM', weight: 14, country: 'JM', state: null, currency: 'JMD', perUsd: 155,
    cities: ['Kingston', 'Montego Bay', 'Spanish Town', 'Portmore', 'Mandeville', 'May Pen', 'Ocho Rios', 'Savanna-la-Mar'],
    postalPrefixes: null, areaCodes: ['876'],
  },
  {
    code: 'BB', weight: 8, country: 'BB', state: null, currency: 'BBD', perUsd: 2,
    cities: ['Bridgetown', 'Speightstown', 'Oistins', 'Holetown', 'Bathsheba', 'Warrens'],
    postalPrefixes: ['BB11', 'BB14', 'BB17', 'BB20', 'BB23'], areaCodes: ['246'],
  },
  {
    code: 'GY', weight: 8, country: 'GY', state: null, currency: 'GYD', perUsd: 209,
    cities: ['Georgetown', 'Linden', 'New Amsterdam', 'Anna Regina', 'Bartica', 'Rose Hall'],
    postalPrefixes: null, areaCodes: [],
  },
];

export const PLACE_WEIGHTS: readonly (readonly [Place, number])[] = PLACES.map((place) => [place, place.weight] as const);

export const COUNTRY_NAMES: Record<Place['country'], string> = {
  US: 'United States',
  TT: 'Trinidad and Tobago',
  JM: 'Jamaica',
  BB: 'Barbados',
  GY: 'Guyana',
};

/** Caribbean streets for addresses (the US uses faker's en_US streets). */
export const CARIBBEAN_STREETS = [
  'Frederick Street', 'Eastern Main Road', 'Southern Main Road', 'Ariapita Avenue', 'Hope Road', 'Constant Spring Road',
  'Half Way Tree Road', 'Barbados Avenue', 'Broad Street', 'Bay Street', 'Roebuck Street', 'Regent Street', 'Camp Street',
  'Sheriff Street', 'Vlissengen Road', 'Coffee Street', 'Independence Avenue', 'Church Street', 'Harbour Road', 'Main Street',
] as const;

export const CARIBBEAN_EMPLOYERS = [
  'Republic Bank', 'Massy Stores', 'Digicel', 'Flow', 'Sagicor', 'GraceKennedy', 'Ministry of Education', 'Ministry of Health',
  'National Petroleum', 'Caribbean Airlines', 'Banks Holdings', 'Guyana Power & Light', 'Demerara Distillers', 'JPS',
  'Scotiabank', 'First Citizens', 'Sandals Resorts', 'Heritage Petroleum', 'Self-employed', 'Goddard Enterprises',
] as const;

export const CARIBBEAN_FIRST_NAMES = [
  'Keisha', 'Shanice', 'Tamika', 'Kerry-Ann', 'Jodi-Ann', 'Latoya', 'Ayanna', 'Savitri', 'Shivani', 'Nadira', 'Roxanne',
  'Carlene', 'Marcia', 'Tricia', 'Anjali', 'Kimone', 'Shernette', 'Rhea', 'Andre', 'Dwayne', 'Kemar', 'Rajesh', 'Anand',
  'Ravi', 'Devon', 'Marlon', 'Omari', 'Jahmal', 'Kareem', 'Akeem', 'Rohan', 'Fitzroy', 'Winston', 'Delroy', 'Errol',
  'Vishnu', 'Sherlon', 'Kwame', 'Tyrone', 'Nigel',
] as const;

export const CARIBBEAN_LAST_NAMES = [
  'Ramdass', 'Persaud', 'Singh', 'Maharaj', 'Ramkissoon', 'Mohammed', 'Ali', 'Baptiste', 'Charles', 'Joseph', 'Williams',
  'Campbell', 'Brown', 'Clarke', 'Forde', 'Greaves', 'Holder', 'Best', 'Gittens', 'Bascombe', 'Phillips', 'Grant', 'Reid',
  'McKenzie', 'Chin', 'Lue', 'Sealy', 'Haynes', 'Boodhoo', 'Rampersad', 'Seepersad', 'Lewis', 'Cumberbatch', 'Ifill',
  'Jagdeo', 'Narine', 'Thomas', 'Francis', 'Alleyne', 'Walcott',
] as const;

export const SPANISH_FIRST_NAMES = ['José', 'María', 'Luis', 'Carmen', 'Juan', 'Ana', 'Carlos', 'Rosa', 'Miguel', 'Lucía', 'Jorge', 'Isabel', 'Alejandro', 'Gabriela'] as const;
export const SPANISH_LAST_NAMES = ['García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Rivera', 'Morales', 'Ortiz'] as const;
