import { createHash } from 'node:crypto';
import { and, eq, like, sql } from 'drizzle-orm';
import { syncCommands } from '../db/schema';
import type { RelayTx } from '../db/relay-database';

/** How many submissions one link may make in each window: enough for a borrower, too few to flood the ledger. */
export interface SubmissionLimits {
  windows: readonly { seconds: number; max: number }[];
}

export const SUBMISSION_LIMITS: SubmissionLimits = {
  windows: [
    { seconds: 10 * 60, max: 5 },
    { seconds: 24 * 3600, max: 20 },
  ],
};

/**
 * A link's name inside command ids: a digest, so the log never holds a working link. Hex, so it
 * is also safe inside a LIKE pattern.
 */
export function linkKey(link: string): string {
  return createHash('sha256').update(link).digest('hex').slice(0, 32);
}

/** The command id of one submitted form: the link's key, so its submissions can be counted, and the form's nonce. */
export function submissionCommandId(kind: string, link: string, nonce: string): string {
  return `self-service:link-${linkKey(link)}:${kind}:${nonce}`;
}

/**
 * Seconds until one more submission fits every window, or null when it fits now. `ages` are the
 * link's earlier submissions, in seconds before now: in a window that is full, the wait is until
 * its `max`-th newest submission leaves it.
 */
export function retryAfterSeconds(ages: readonly number[], limits: SubmissionLimits): number | null {
  let wait = 0;
  for (const { seconds, max } of limits.windows) {
    const inWindow = ages.filter((age) => age < seconds).sort((a, b) => a - b);
    if (inWindow.length >= max) wait = Math.max(wait, Math.ceil(seconds - inWindow[max - 1]!));
  }
  return wait > 0 ? wait : null;
}

/**
 * The ages of the link's submissions logged within the longest window, by the database's clock,
 * which every relay sharing it reads alike. Called under the ledger clock's lock, so two
 * submissions racing from one link are counted one after the other.
 */
export async function recentSubmissionAges(tx: RelayTx, clientId: string, link: string, limits: SubmissionLimits): Promise<number[]> {
  const longest = Math.max(...limits.windows.map((window) => window.seconds));
  const age = sql<number>`extract(epoch from (now() - ${syncCommands.receivedAt}))`;
  const rows = await tx
    .select({ age })
    .from(syncCommands)
    .where(and(eq(syncCommands.clientId, clientId), like(syncCommands.commandId, `self-service:link-${linkKey(link)}:%`), sql`${syncCommands.receivedAt} > now() - make_interval(secs => ${longest})`));
  return rows.map((row) => Number(row.age));
}
