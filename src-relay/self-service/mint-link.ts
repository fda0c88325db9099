import { AppError } from '../../src-shared/errors';
import { mayReach } from '../../src-shared/sync/partitions';
import type { RelayDb } from '../db/relay-database';
import { loansByAccount } from '../feed/ledger-loans';
import { getRow } from '../ledger/ledger-lookups';
import { SELF_SERVICE_LANGUAGES, signLink, type SelfServiceLanguage } from './link-token';

export const DEFAULT_LINK_DAYS = 14;
export const MAX_LINK_DAYS = 90;
export const SELF_SERVICE_PATH = '/self-service';

export interface MintedLink {
  url: string;
  loanId: string;
  language: SelfServiceLanguage;
  expiresAt: string;
}

function isLanguage(value: unknown): value is SelfServiceLanguage {
  return (SELF_SERVICE_LANGUAGES as readonly unknown[]).includes(value);
}

/**
 * A link to one loan's page, in the borrower's language unless another is asked for. `regions`
 * are the asking device's: a desk may only hand out links to loans it serves.
 */
export async function mintLink(
  db: RelayDb,
  request: { secret: string; publicUrl: string; accountNumber: string; days?: number; language?: SelfServiceLanguage; regions?: readonly string[]; now?: Date },
): Promise<MintedLink> {
  const days = request.days ?? DEFAULT_LINK_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_LINK_DAYS) throw new AppError('validation', `a link lasts 1 to ${MAX_LINK_DAYS} whole days`, 'days');
  const { loan, partition, language } = await db.transaction(async (tx) => {
    const found = (await loansByAccount(tx, [request.accountNumber])).get(request.accountNumber);
    if (!found) throw new AppError('not_found', `no loan with account number ${request.accountNumber} in the ledger`, 'accountNumber');
    const row = await getRow(tx, 'loans', found.id);
    const borrower = await getRow(tx, 'borrowers', String(row!.data.borrower_id));
    return { loan: found, partition: row!.partition, language: borrower?.data.language };
  });
  if (request.regions && !mayReach(request.regions, partition)) throw new AppError('forbidden', `loan ${request.accountNumber} is in region ${partition}, which this device does not serve`, 'accountNumber');
  const chosen = request.language ?? (isLanguage(language) ? language : 'en');
  const expiresAt = Math.floor((request.now ?? new Date()).getTime() / 1000) + days * 86_400;
  const token = signLink(request.secret, { loanId: loan.id, language: chosen, expiresAt });
  return { url: `${request.publicUrl}${SELF_SERVICE_PATH}?t=${token}`, loanId: loan.id, language: chosen, expiresAt: new Date(expiresAt * 1000).toISOString() };
}
