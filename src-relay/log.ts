import { createLogger } from '../src-shared/log';

/**
 * The relay's logger: the desktop's JSON-lines format on stderr, at `RECOURSE_LOG_LEVEL`, so one
 * log pipeline reads both. Never pass device tokens, the Twilio auth token or message bodies.
 */
export const log = createLogger((line) => process.stderr.write(line), process.env.RECOURSE_LOG_LEVEL);
