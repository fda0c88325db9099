/**
 * Who sees which rows (DESIGN §3: a desktop pulls the partition its users may see). A desk works
 * the borrowers of its region: a borrower's rows, their loans' and their cases', all sit in the
 * region of the borrower's jurisdiction (`TT`, `JM`, `US` for every `US-…`); the app's
 * configuration and its users are everyone's (`*`). A device registered for some regions pulls
 * and pushes only theirs.
 */
export const EVERYONE = '*';

export function regionOfJurisdiction(jurisdiction: string): string {
  return jurisdiction.split('-')[0]!.toUpperCase();
}

/** What a row names of its owner, most direct first; null when it is configuration or a user. */
export function ownerOf(tbl: string, data: Readonly<Record<string, unknown>>): { tbl: 'borrowers' | 'loans' | 'cases'; id: string } | { region: string } | null {
  if (tbl === 'borrowers') return typeof data.jurisdiction === 'string' ? { region: regionOfJurisdiction(data.jurisdiction) } : null;
  if (CROSS_REGION_LINKS[tbl] === 'loan_id' && typeof data.loan_id === 'string') return { tbl: 'loans', id: data.loan_id };
  if (typeof data.borrower_id === 'string') return { tbl: 'borrowers', id: data.borrower_id };
  if (typeof data.loan_id === 'string') return { tbl: 'loans', id: data.loan_id };
  if (typeof data.case_id === 'string') return { tbl: 'cases', id: data.case_id };
  return null;
}

/** Whether a device registered for `allowed` may see or change a row of `partition`. */
export function mayReach(allowed: readonly string[], partition: string): boolean {
  return partition === EVERYONE || allowed.includes(EVERYONE) || allowed.includes(partition);
}

/**
 * Rows that link a loan with a borrower who may live in another region (a guarantor abroad): the
 * link belongs to the loan's file, so its region is the region of the parent named here, and its
 * other parents may lie elsewhere. Every other row's parents must all be in one region.
 */
export const CROSS_REGION_LINKS: Readonly<Record<string, string>> = { loan_parties: 'loan_id' };
