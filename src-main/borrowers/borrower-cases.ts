import type { Store } from '../store/open-store';

/** Cases of the borrower's loans, to tell the open screens that their borrower changed. */
export function casesOfBorrower(store: Store, borrowerId: string): string[] {
  return (store.sqlite.prepare('SELECT c.id FROM cases c JOIN loans l ON l.id = c.loan_id WHERE l.borrower_id = ? AND c.active = 1').all(borrowerId) as { id: string }[]).map((row) => row.id);
}
