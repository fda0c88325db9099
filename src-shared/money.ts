/**
 * Money is always an integer count of minor units (cents) next to an ISO 4217 currency code.
 * Decimal strings are parsed exactly, never through floating point.
 */
export type Minor = number;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parses "1234.5" into 123450 for a currency with two decimals; null when the text is not an exact amount. */
export function parseDecimalToMinor(text: string, fractionDigits = 2): Minor | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > fractionDigits) return null;
  const minor = Number(whole) * 10 ** fractionDigits + Number(fraction.padEnd(fractionDigits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return sign === '-' ? -minor : minor;
}

/** The exact inverse of `parseDecimalToMinor`: 123450 → "1234.50", for files other software reads (CSV). */
export function minorToDecimal(minor: Minor, fractionDigits = 2): string {
  const scale = 10 ** fractionDigits;
  const abs = Math.abs(minor);
  const fraction = fractionDigits === 0 ? '' : `.${String(abs % scale).padStart(fractionDigits, '0')}`;
  return `${minor < 0 ? '-' : ''}${Math.floor(abs / scale)}${fraction}`;
}

/** Formats minor units as a currency amount for display, e.g. 123450 USD → "$1,234.50". */
export function formatMinor(minor: Minor, currency: string, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
}

/** Multiplies an amount by a ratio and rounds half up to the minor unit (half away from zero). */
export function scaleMinor(minor: Minor, numerator: number, denominator: number): Minor {
  const exact = (minor * numerator) / denominator;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}
