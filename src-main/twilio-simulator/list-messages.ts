import { messageJson, type SimMessage } from './resources';

/**
 * GET Messages.json, for the desktop without a relay that polls for inbound replies (DESIGN §3).
 * Filters as the spec lists them: To, From, and DateSent / DateSent< / DateSent> (on, on or before,
 * on or after; a bare `YYYY-MM-DD` compares whole GMT days). Newest first, like Twilio. Everything
 * matching comes back on one page, so the `twilio` package never needs to follow a next page.
 */
export function listMessages(messages: readonly SimMessage[], query: URLSearchParams, path: string): Record<string, unknown> {
  const to = query.get('To');
  const from = query.get('From');
  const dateFilters = (['DateSent', 'DateSent<', 'DateSent>'] as const).flatMap((key) => {
    const value = query.get(key);
    return value === null ? [] : [{ op: key.slice(-1), value }];
  });
  const matching = messages
    .filter((m) => (to === null || m.to === to) && (from === null || m.from === from))
    .filter((m) => dateFilters.every(({ op, value }) => m.dateSent !== null && sentMatches(m.dateSent, op, value)))
    .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime());
  const uri = `${path}?${query.toString()}`;
  return {
    end: Math.max(matching.length - 1, 0),
    first_page_uri: uri,
    messages: matching.map(messageJson),
    next_page_uri: null,
    page: 0,
    page_size: matching.length,
    previous_page_uri: null,
    start: 0,
    uri,
  };
}

function sentMatches(sent: Date, op: string, value: string): boolean {
  const wholeDay = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const [actual, wanted] = wholeDay ? [sent.toISOString().slice(0, 10), value] : [sent.getTime(), Date.parse(value)];
  if (op === '<') return actual <= wanted;
  if (op === '>') return actual >= wanted;
  return actual === wanted;
}
