/** DESIGN §2's opt-out words: any of them, alone in a reply, revokes SMS and WhatsApp. */
const OPT_OUT_WORDS: ReadonlySet<string> = new Set(['STOP', 'UNSUBSCRIBE', 'END', 'QUIT', 'STOPALL', 'REVOKE', 'OPTOUT', 'CANCEL']);

/**
 * The words that take an opt-out back, alone in a reply from the number that sent it. Twilio also
 * reads YES as an opt-in; here a borrower's "yes" answers a collector's question, so it does not.
 */
const OPT_IN_WORDS: ReadonlySet<string> = new Set(['START', 'UNSTOP']);

/** The reply as its keyword: case and surrounding space do not matter. */
export function replyKeyword(body: string): string {
  return body.trim().toUpperCase();
}

/** "please stop calling" is a message, not an opt-out. */
export function isOptOutReply(body: string): boolean {
  return OPT_OUT_WORDS.has(replyKeyword(body));
}

/** START or UNSTOP from the opted-out number: the borrower's own word restores texting. */
export function isOptInReply(body: string): boolean {
  return OPT_IN_WORDS.has(replyKeyword(body));
}
