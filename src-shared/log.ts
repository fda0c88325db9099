/**
 * The one log format of every Recourse process: JSON lines, filtered by level. Each process gives
 * it a sink (stderr, so stdout stays clean for CLI output). Never pass credentials, tokens, full
 * SSNs or message bodies; log ids instead.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

/** `level` is `RECOURSE_LOG_LEVEL` as set (info when unset or unknown). */
export function createLogger(sink: (line: string) => void, level: string | undefined): Logger {
  const threshold = ORDER[level as LogLevel] ?? ORDER.info;
  const write = (at: LogLevel) => (message: string, fields?: Fields) => {
    if (ORDER[at] >= threshold) sink(`${JSON.stringify({ at: new Date().toISOString(), level: at, message, ...fields })}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
