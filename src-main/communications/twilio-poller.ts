import type { RecoveryService } from '../recovery/recovery-service';
import type { Store } from '../store/open-store';
import type { TwilioClient } from '../twilio/twilio-client';
import { TwilioSendError } from '../twilio/twilio-errors';
import { log } from '../log/logger';

/** How long after sending a message's delivery status is still worth asking about. */
const MESSAGE_WINDOW_MS = 72 * 3_600_000;
/** Calls end within minutes; after two hours a call's status will not move again. */
const CALL_WINDOW_MS = 2 * 3_600_000;
/** Replies are asked for from a little before the last poll, since Twilio dates them by the second; the SID keeps each one from counting twice. */
const INBOUND_OVERLAP_MS = 60_000;
const INBOUND_CURSOR_KEY = 'twilio_inbound_polled_at';

/**
 * A desktop without a relay gets no webhooks, so it asks Twilio (or the simulator) about the
 * messages and calls still in flight and for new replies (DESIGN §3), and feeds the answers through
 * the same code path the relay's webhooks use.
 */
export async function pollTwilio(store: Store, twilio: TwilioClient, recovery: RecoveryService, now: Date): Promise<{ statuses: number; replies: number }> {
  const { sqlite } = store;
  const messageSince = new Date(now.getTime() - MESSAGE_WINDOW_MS).toISOString();
  const callSince = new Date(now.getTime() - CALL_WINDOW_MS).toISOString();
  const messageSids = sqlite
    .prepare(`SELECT twilio_sid FROM messages WHERE direction = 'outbound' AND status IN ('queued', 'sent') AND twilio_sid IS NOT NULL AND at >= ?`)
    .pluck().all(messageSince) as string[];
  const callSids = sqlite
    .prepare(`SELECT twilio_call_sid FROM recovery_actions WHERE status = 'sent' AND twilio_call_sid IS NOT NULL AND sent_at >= ?`)
    .pluck().all(callSince) as string[];
  let statuses = 0;
  for (const sid of messageSids) {
    const found = await askQuietly(() => twilio.fetchMessage(sid), sid);
    if (found) {
      recovery.applyStatusCallback({ sid, status: found.status, errorCode: found.errorCode });
      statuses += 1;
    }
  }
  for (const sid of callSids) {
    const found = await askQuietly(() => twilio.fetchCall(sid), sid);
    if (found) {
      recovery.applyStatusCallback({ sid, status: found.status });
      statuses += 1;
    }
  }
  const cursor = sqlite.prepare('SELECT value FROM app_meta WHERE key = ?').pluck().get(INBOUND_CURSOR_KEY) as string | undefined;
  const since = new Date(Math.min(Date.parse(cursor ?? messageSince), now.getTime()) - INBOUND_OVERLAP_MS);
  let replies = 0;
  const inbound = await askQuietly(() => twilio.listInboundMessages(since), 'inbound');
  for (const reply of inbound ?? []) {
    const handled = recovery.handleInbound({ from: reply.channel === 'whatsapp' ? `whatsapp:${reply.from}` : reply.from, to: reply.to, body: reply.body, sid: reply.sid });
    if (handled) replies += 1;
  }
  if (inbound) sqlite.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(INBOUND_CURSOR_KEY, now.toISOString());
  return { statuses, replies };
}

/** One failed question (Twilio unreachable, a SID it no longer has) must not stop the rest of the poll. */
async function askQuietly<T>(ask: () => Promise<T>, what: string): Promise<T | null> {
  try {
    return await ask();
  } catch (error) {
    if (!(error instanceof TwilioSendError)) throw error;
    log.warn('twilio poll failed', { what, reason: error.reason, code: error.twilioCode });
    return null;
  }
}
