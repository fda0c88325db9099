import type { LedgerData } from '../db/schema';
import { EVERYONE } from './ledger-row';

/**
 * Who may pull a row a desktop pushed or bootstrapped. Every row is everyone's for now; this is
 * the one place to refine that (by queue, by team) without touching the writers.
 */
export function partitionOf(_tbl: string, _data: LedgerData): string {
  return EVERYONE;
}
