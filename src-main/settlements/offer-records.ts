import type Database from 'better-sqlite3';
import type { SettlementHistoryEntry, SettlementOfferView } from '../../src-shared/contract';
import type { IsoDate } from '../../src-shared/dates';
import { DEFAULT_LONG_PLAN_THRESHOLD_MINOR } from '../../src-shared/domain/settlement';
import type { PromiseStatus, SettlementStatus, SettlementType } from '../../src-shared/domain/vocabulary';
import { AppError } from '../../src-shared/errors';
import type { Minor } from '../../src-shared/money';
import { log } from '../log/logger';

/** The stored form of a history entry; names are resolved when read, so a renamed user shows as now. */
export type StoredHistoryEntry = Omit<SettlementHistoryEntry, 'byName'>;

export interface OfferRow {
  id: string;
  case_id: string;
  type: SettlementType;
  status: SettlementStatus;
  balance_minor: Minor;
  amount_minor: Minor;
  discount_pct: number;
  installments: number;
  requires_approval: number;
  history: string;
  expires_on: IsoDate | null;
  currency: string;
}

const THRESHOLD_KEY_PREFIX = 'long_plan_threshold_minor:';

/**
 * The per-currency balance above which a 12-month plan needs approval (DESIGN §2): an `app_meta`
 * override when one is set, else 1,000.00. A malformed override is ignored loudly rather than
 * read as 0, which would send every long plan to a supervisor.
 */
export function longPlanThresholdMinor(sqlite: Database.Database, currency: string): Minor {
  const text = sqlite.prepare('SELECT value FROM app_meta WHERE key = ?').pluck().get(`${THRESHOLD_KEY_PREFIX}${currency}`) as string | undefined;
  if (text === undefined) return DEFAULT_LONG_PLAN_THRESHOLD_MINOR;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(value)) return value;
  log.warn('ignoring a malformed long-plan threshold', { key: `${THRESHOLD_KEY_PREFIX}${currency}` });
  return DEFAULT_LONG_PLAN_THRESHOLD_MINOR;
}

/** Reads and writes offers with statements prepared once per store. */
export function offerRecords(sqlite: Database.Database) {
  const byId = sqlite.prepare('SELECT o.*, c.currency FROM settlement_offers o JOIN cases c ON c.id = o.case_id WHERE o.id = ?');
  const byCase = sqlite.prepare(`SELECT o.*, c.currency FROM settlement_offers o JOIN cases c ON c.id = o.case_id
                                 WHERE o.case_id = ? ORDER BY json_extract(o.history, '$[0].at') DESC, o.id`);
  const promisesOf = sqlite.prepare('SELECT id, due_on, amount_minor, status FROM promises WHERE settlement_offer_id = ? ORDER BY due_on, id');
  const userName = sqlite.prepare('SELECT name FROM users WHERE id = ?').pluck();
  const insert = sqlite.prepare(`INSERT INTO settlement_offers (id, case_id, type, status, balance_minor, amount_minor, discount_pct, installments, requires_approval, history, expires_on)
                                 VALUES (@id, @caseId, @type, 'draft', @balanceMinor, @amountMinor, @discountPct, @installments, @requiresApproval, @history, NULL)`);
  const move = sqlite.prepare('UPDATE settlement_offers SET status = ?, history = ?, expires_on = ? WHERE id = ?');

  const toView = (row: OfferRow): SettlementOfferView => {
    const names = new Map<string, string | null>();
    const nameOf = (by: string) => {
      if (!names.has(by)) names.set(by, (userName.get(by) as string | undefined) ?? null);
      return names.get(by)!;
    };
    const history = (JSON.parse(row.history) as StoredHistoryEntry[]).map((entry) => ({ ...entry, byName: nameOf(entry.by) }));
    const promises = promisesOf.all(row.id) as { id: string; due_on: IsoDate; amount_minor: Minor; status: PromiseStatus }[];
    return {
      id: row.id,
      caseId: row.case_id,
      type: row.type,
      status: row.status,
      currency: row.currency,
      balanceMinor: row.balance_minor,
      amountMinor: row.amount_minor,
      discountPct: row.discount_pct,
      installments: row.installments,
      requiresApproval: row.requires_approval === 1,
      expiresOn: row.expires_on,
      history,
      promises: promises.map((p) => ({ id: p.id, dueOn: p.due_on, amountMinor: p.amount_minor, status: p.status })),
    };
  };

  return {
    /** The offer a command acts on, or not_found naming `offerId`. */
    require(offerId: string): OfferRow {
      const row = byId.get(offerId) as OfferRow | undefined;
      if (!row) throw new AppError('not_found', `no settlement offer ${offerId}`, 'offerId');
      return row;
    },
    view(offerId: string): SettlementOfferView {
      return toView(byId.get(offerId) as OfferRow);
    },
    listForCase(caseId: string): SettlementOfferView[] {
      return (byCase.all(caseId) as OfferRow[]).map(toView);
    },
    insert(offer: { id: string; caseId: string; type: SettlementType; balanceMinor: Minor; amountMinor: Minor; discountPct: number; installments: number; requiresApproval: boolean }, first: StoredHistoryEntry): void {
      insert.run({ ...offer, requiresApproval: offer.requiresApproval ? 1 : 0, history: JSON.stringify([first]) });
    },
    /** Moves an offer to `entry.status`, appending the step to its history. */
    move(row: OfferRow, entry: StoredHistoryEntry, expiresOn: IsoDate | null = row.expires_on): void {
      const history = [...(JSON.parse(row.history) as StoredHistoryEntry[]), entry];
      move.run(entry.status, JSON.stringify(history), expiresOn, row.id);
    },
  };
}
