/**
 * The relay's logger: JSON lines on stderr in the desktop's format (`src-main/log/logger.ts`), under
 * the same `RECOURSE_LOG_LEVEL`, so one log pipeline reads both. Never pass device tokens, the
 * Twilio auth token or message bodies; log ids and SIDs instead.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = ORDER[(process.env.RECOURSE_LOG_LEVEL as Level | undefined) ?? 'info'] ?? ORDER.info;

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < threshold) return;
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
