const LOCALE = 'en-US';

function formatter(options: Intl.DateTimeFormatOptions, timeZone?: string | null): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: timeZone ?? undefined });
  } catch {
    // A zone name this runtime does not know: the agent's own zone is the honest fallback.
    return new Intl.DateTimeFormat(LOCALE, options);
  }
}

/** "Mon, Nov 23, 8:00 AM", in the given IANA zone (with its abbreviation) or the agent's own. */
export function formatDateTime(instant: string, timeZone?: string | null): string {
  return formatter({ weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', ...(timeZone ? { timeZoneName: 'short' } : {}) }, timeZone).format(new Date(instant));
}

/** "8:05 PM" in a zone, for a clock of the borrower's local time. */
export function formatClock(instant: Date, timeZone: string | null): string {
  return formatter({ hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }, timeZone).format(instant);
}

/** "Nov 23, 2026" for a business date (YYYY-MM-DD), which has no zone. */
export function formatDate(isoDate: string): string {
  return new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [['minute', 60], ['hour', 24], ['day', 30], ['month', 12], ['year', Infinity]];

/** "in 3 hours", "2 days ago": how far an instant is from now. */
export function formatRelative(instant: string, now = Date.now()): string {
  let value = (Date.parse(instant) - now) / 60_000;
  if (Math.abs(value) < 1) return 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return relative.format(Math.round(value), 'year');
}

/** "45 min", "5 h", "3 d": the length of a span, for "due in" and "overdue by" labels. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

/** Today's date in UTC, the day the main process checks follow-ups and promises against. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
