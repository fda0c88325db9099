import { AppError, type ErrorCode } from '../../src-shared/errors';

export type TwilioFailureReason = 'invalid_number' | 'opted_out' | 'not_mobile' | 'delivery_failed' | 'rate_limited' | 'unknown';

export interface TwilioFailure {
  reason: TwilioFailureReason;
  /** True when the failure means the borrower withdrew texting consent (a STOP), so the app must record it. */
  revokeConsent: boolean;
  /** What an agent reads on the action: what happened and what to do about it. */
  message: string;
}

const KNOWN: Record<number, Omit<TwilioFailure, 'revokeConsent'>> = {
  21211: { reason: 'invalid_number', message: 'The number is not a valid phone number. Correct the contact before trying again.' },
  21610: { reason: 'opted_out', message: 'The borrower replied STOP: texting consent is revoked and no more texts go to this number.' },
  21614: { reason: 'not_mobile', message: 'The number is not a mobile number and cannot receive text messages. Call it or use another contact.' },
  20429: { reason: 'rate_limited', message: 'Twilio is limiting the request rate. The send was retried and still refused; try again shortly.' },
  20003: { reason: 'unknown', message: 'Twilio refused the account credentials (20003). Check the Account SID and Auth Token in Settings.' },
  21617: { reason: 'unknown', message: 'The message is longer than the 1,600 characters Twilio accepts. Shorten the template.' },
  30003: { reason: 'delivery_failed', message: "Not delivered: the borrower's handset is unreachable (switched off or out of coverage)." },
  30004: { reason: 'delivery_failed', message: 'Not delivered: the message was blocked by the borrower or their carrier.' },
  30005: { reason: 'delivery_failed', message: 'Not delivered: the number is unknown to the carrier and may no longer be in service.' },
  30006: { reason: 'delivery_failed', message: 'Not delivered: the number is a landline or its carrier cannot be reached.' },
  30007: { reason: 'delivery_failed', message: 'Not delivered: the carrier filtered the message. Review the template wording.' },
  30008: { reason: 'delivery_failed', message: 'Not delivered: the carrier reported an unknown error. Try again later.' },
  63016: { reason: 'delivery_failed', message: 'Not delivered: WhatsApp allows free-form text only within 24 hours of the borrower’s last message.' },
};

/** Maps a Twilio error code (from a refused request or a status callback's ErrorCode) to an action error. */
export function mapTwilioError(code: number | null | undefined): TwilioFailure {
  const known = code == null ? undefined : KNOWN[code];
  if (known) return { ...known, revokeConsent: code === 21610 };
  const suffix = code == null ? '' : ` (Twilio error ${code}, https://www.twilio.com/docs/errors/${code})`;
  return { reason: 'unknown', revokeConsent: false, message: `Twilio could not send this${suffix}.` };
}

/** The AppError code each reason crosses the IPC boundary as. */
const APP_CODES: Record<TwilioFailureReason, ErrorCode> = {
  invalid_number: 'validation',
  not_mobile: 'validation',
  opted_out: 'forbidden',
  delivery_failed: 'internal',
  rate_limited: 'internal',
  unknown: 'internal',
};

/** A send Twilio (or our own number check) refused; carries the mapped failure for the action row. */
export class TwilioSendError extends AppError {
  readonly reason: TwilioFailureReason;
  readonly revokeConsent: boolean;

  constructor(
    failure: TwilioFailure,
    /** Twilio's error code, null when we refused before asking Twilio. */
    readonly twilioCode: number | null,
  ) {
    super(APP_CODES[failure.reason], failure.message, failure.reason === 'invalid_number' || failure.reason === 'not_mobile' ? 'to' : undefined);
    this.name = 'TwilioSendError';
    this.reason = failure.reason;
    this.revokeConsent = failure.revokeConsent;
  }
}
