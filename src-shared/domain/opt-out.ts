/** DESIGN §2's opt-out words: any of them, alone in a reply, revokes SMS and WhatsApp. */
const OPT_OUT_WORDS: ReadonlySet<string> = new Set(['STOP', 'UNSUBSCRIBE', 'END', 'QUIT', 'STOPALL', 'REVOKE', 'OPTOUT', 'CANCEL']);

/** Case and surrounding space do not matter; "please stop calling" is a message, not an opt-out. */
export function isOptOutReply(body: string): boolean {
  return OPT_OUT_WORDS.has(body.trim().toUpperCase());
}
