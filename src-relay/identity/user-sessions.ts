import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { userSessions } from '../db/schema';
import type { RelayDb, RelayTx } from '../db/relay-database';
import { hashToken } from '../devices/device-tokens';

/** A working day and a bit: a desk signs in each morning; offline work needs no session (commands are signed). */
const SESSION_HOURS = 14;

export async function issueSession(tx: RelayTx, input: { userId: string; deviceId: string; now?: Date }): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date((input.now ?? new Date()).getTime() + SESSION_HOURS * 3_600_000);
  await tx.insert(userSessions).values({ tokenHash: hashToken(token), userId: input.userId, deviceId: input.deviceId, expiresAt });
  return { token, expiresAt };
}

/** The user a live session of this device belongs to, or null. */
export async function sessionUserId(db: RelayDb, input: { token: string; deviceId: string; now?: Date }): Promise<string | null> {
  const [row] = await db
    .select({ userId: userSessions.userId })
    .from(userSessions)
    .where(and(eq(userSessions.tokenHash, hashToken(input.token)), eq(userSessions.deviceId, input.deviceId), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, input.now ?? new Date())));
  return row?.userId ?? null;
}

export async function endSession(db: RelayDb, input: { token: string; deviceId: string }): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.tokenHash, hashToken(input.token)), eq(userSessions.deviceId, input.deviceId)));
}
