import type { RelayTx } from '../db/relay-database';
import { findRowsBy, getRow } from '../ledger/ledger-lookups';

export interface CallContext {
  recoveryActionId: string | null;
  language: string;
  amountDue: { minor: number; currency: string } | null;
}

/**
 * What the IVR may say on a call: found through the call's recovery action, its case, loan and
 * borrower as far as the ledger has them. Unknown parts fall back to English and a generic line.
 */
export async function callContextOf(tx: RelayTx, callSid: string): Promise<CallContext> {
  const [action] = await findRowsBy(tx, 'recovery_actions', 'twilio_call_sid', callSid);
  const kase = typeof action?.data.case_id === 'string' ? await getRow(tx, 'cases', action.data.case_id) : null;
  const loan = typeof kase?.data.loan_id === 'string' ? await getRow(tx, 'loans', kase.data.loan_id) : null;
  const borrower = typeof loan?.data.borrower_id === 'string' ? await getRow(tx, 'borrowers', loan.data.borrower_id) : null;
  const minor = kase?.data.amount_past_due_minor;
  const currency = kase?.data.currency;
  return {
    recoveryActionId: action?.id ?? null,
    language: typeof borrower?.data.language === 'string' ? borrower.data.language : 'en',
    amountDue: typeof minor === 'number' && Number.isSafeInteger(minor) && typeof currency === 'string' ? { minor, currency } : null,
  };
}
