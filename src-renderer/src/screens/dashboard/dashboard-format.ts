import type { CurrencyAmount } from '../../../../src-shared/contract';
import type { Ratio } from '../../../../src-shared/domain/kpis';

/** "42.5%", or an em dash when there was nothing to divide by. */
export function percent(ratio: Ratio | number | null, digits = 1): string {
  const rate = typeof ratio === 'number' || ratio === null ? ratio : ratio.rate;
  return rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** "1.2M", "845K": a money amount short enough for a card or an axis, in major units. */
export function compactAmount(minor: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(minor / 100);
}

/** "12,345.67" in major units, as a spreadsheet reads it. */
export function plainAmount(minor: number): string {
  return (minor / 100).toFixed(2);
}

/** "USD 1.2M · TTD 845K": amounts side by side, one per currency, never added up. */
export function amountsLine(amounts: CurrencyAmount[]): string {
  return amounts.length === 0 ? '—' : amounts.map((a) => `${a.currency} ${compactAmount(a.amountMinor)}`).join(' · ');
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}
