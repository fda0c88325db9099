import type { CurrencyAmount } from '../../src-shared/contract/dashboard';
import type { Minor } from '../../src-shared/money';

/** Adds amounts per currency, never across currencies, in currency order. */
export function perCurrency(rows: Iterable<{ currency: string; amountMinor: Minor }>): CurrencyAmount[] {
  const totals = new Map<string, Minor>();
  for (const row of rows) totals.set(row.currency, (totals.get(row.currency) ?? 0) + row.amountMinor);
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

/** A `Record<currency, amount>` (as the KPI rules return it) as the contract's list. */
export function fromRecord(record: Readonly<Record<string, Minor>>): CurrencyAmount[] {
  return perCurrency(Object.entries(record).map(([currency, amountMinor]) => ({ currency, amountMinor })));
}
