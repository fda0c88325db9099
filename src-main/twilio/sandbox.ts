import { randomBytes } from 'node:crypto';
import { startTwilioSimulator, type TwilioSimulator } from '../twilio-simulator/simulator';
import type { Clock } from './pacing';
import { createTwilioClient, type TwilioClient } from './twilio-client';

/** Twilio's documented magic "From" number for test credentials: valid, owned by nobody. */
const SANDBOX_FROM = '+15005550006';

export interface SandboxTwilio {
  client: TwilioClient;
  simulator: TwilioSimulator;
  /** The simulator's throwaway credentials; the webhook receiver verifies signatures with `authToken`. */
  accountSid: string;
  authToken: string;
}

/**
 * Sandbox mode, used when no Twilio credentials are set: the same client over the real `twilio`
 * package, talking to a local simulator with throwaway credentials, so every screen and flow
 * works without sending anything to a real phone.
 */
export async function startSandboxTwilio(options: { statusCallbackBase?: string; inboundWebhookUrl?: string; clock?: Clock }): Promise<SandboxTwilio> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const simulator = await startTwilioSimulator({ accountSid, authToken, inboundWebhookUrl: options.inboundWebhookUrl });
  const client = createTwilioClient({
    accountSid,
    authToken,
    fromNumber: SANDBOX_FROM,
    baseUrl: simulator.url,
    statusCallbackBase: options.statusCallbackBase,
    clock: options.clock,
  });
  return { client, simulator, accountSid, authToken };
}
