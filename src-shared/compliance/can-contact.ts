import { hardBlocks } from './hard-blocks';
import type { EpochMs } from './local-time';
import { timeBlocks, type TimeBlockEvaluator } from './time-blocks';
import { CONTACT_REASONS, type CanContactInput, type ContactDecision, type ContactReason } from './types';

/**
 * Enough for the longest real chain (a weekly cap clearing at midnight, then the hours opening,
 * then a cooling-off ending, across zones); a rule that never clears gives up with null.
 */
const MAX_STEPS = 60;

/**
 * The one question every outbound contact, manual or automated, asks before it goes out
 * (DESIGN §2 "Contact compliance"). Pure: the caller loads the borrower, the address, the rule and
 * the borrower's contact history across all loans.
 */
export function canContact(input: CanContactInput): ContactDecision {
  const at = Date.parse(input.at);
  if (Number.isNaN(at)) throw new RangeError(`not an ISO instant: ${input.at}`);
  const hard = hardBlocks(input);
  const evaluate = timeBlocks(input);
  const reasons = inOrder([...hard, ...evaluate(at).map((block) => block.reason)]);
  if (reasons.length === 0) return { allowed: true, reasons, nextAllowedAt: new Date(at).toISOString() };
  const next = hard.length > 0 ? null : earliestClear(evaluate, at);
  return { allowed: false, reasons, nextAllowedAt: next === null ? null : new Date(next).toISOString() };
}

/**
 * Steps from candidate to candidate rather than minute by minute: every standing block names the
 * earliest instant it could clear, none can clear before the latest of those, and re-evaluating
 * there either finds nothing standing or a later candidate (a window opening, the next local day,
 * a cooling-off end, the day the oldest counted attempt leaves the 7-day window).
 */
function earliestClear(evaluate: TimeBlockEvaluator, from: EpochMs): EpochMs | null {
  let at = from;
  for (let step = 0; step < MAX_STEPS; step++) {
    const blocks = evaluate(at);
    if (blocks.length === 0) return at;
    let next = at;
    for (const block of blocks) {
      if (block.clearsAt === null) return null;
      next = Math.max(next, block.clearsAt);
    }
    if (next <= at) return null; // a bound that does not move would loop forever
    at = next;
  }
  return null;
}

/** Reasons are a set, listed in the DESIGN §4 order. */
function inOrder(reasons: readonly ContactReason[]): ContactReason[] {
  const present = new Set(reasons);
  return CONTACT_REASONS.filter((reason) => present.has(reason));
}
