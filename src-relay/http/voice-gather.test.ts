import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { twilioEvents } from '../db/schema';
import { allRowsOf, borrowerRows, seedRows } from '../test-support/ledger-fixtures';
import { BACKENDS } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { fakeSid, postAsTwilio } from '../test-support/twilio-requests';

const GATHER = '/api/twilio/voice/gather';

describe.each(BACKENDS)('IVR gather on $name', ({ scratch: backend }) => {
  const scratch = useScratchRelay(backend);
  const gather = async (params: Record<string, string>) => {
    const response = await postAsTwilio(scratch.relay.url, GATHER, params);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    return response.text();
  };
  const menu = (language: string, gatherUrl: string) =>
    `<Gather input="dtmf" numDigits="1" action="${gatherUrl}" method="POST" timeout="8"><Say language="${language}">`;


  it('1 says the amount past due of the call’s case, then offers the menu again', async () => {
    const borrower = borrowerRows();
    await seedRows(scratch.relay.database.db, allRowsOf(borrower));
    const twiml = await gather({ CallSid: borrower.sids.call, Digits: '1' });
    expect(twiml).toContain('<Say language="en-US">The amount due on your account is $1,234.50.</Say>');
    expect(twiml).toContain(menu('en-US', `${scratch.relay.url}${GATHER}`));
  });

  it('speaks the borrower’s language when the ledger knows it', async () => {
    const borrower = borrowerRows({ language: 'es' });
    await seedRows(scratch.relay.database.db, allRowsOf(borrower));
    const twiml = await gather({ CallSid: borrower.sids.call, Digits: '1' });
    expect(twiml).toContain('<Say language="es-MX">El monto adeudado en su cuenta es');
    expect(twiml).toContain('1,234.50');
  });

  it('falls back to English and a generic line for a call the ledger does not know', async () => {
    const twiml = await gather({ CallSid: fakeSid('CA'), Digits: '1' });
    expect(twiml).toContain('<Say language="en-US">An agent will confirm the amount due on your account when they call you.</Say>');
  });

  it('2 acknowledges a promise to pay and records it once for an agent', async () => {
    const borrower = borrowerRows();
    await seedRows(scratch.relay.database.db, allRowsOf(borrower));
    const twiml = await gather({ CallSid: borrower.sids.call, Digits: '2' });
    expect(twiml).toMatch(/<Say language="en-US">Thank you. We have noted your promise to pay[^<]*<\/Say><Hangup\/>/);
    await gather({ CallSid: borrower.sids.call, Digits: '2' });
    const events = await scratch.relay.database.db.select().from(twilioEvents).where(eq(twilioEvents.subject, borrower.sids.call));
    expect(events.map((event) => event.payload)).toEqual([
      { kind: 'voice_gather', callSid: borrower.sids.call, digits: '2', choice: 'promise_to_pay', recoveryActionId: borrower.ids.callAction },
    ]);
  });

  it('3 promises a call back and records the request', async () => {
    const borrower = borrowerRows();
    await seedRows(scratch.relay.database.db, allRowsOf(borrower));
    const twiml = await gather({ CallSid: borrower.sids.call, Digits: '3' });
    expect(twiml).toContain('<Say language="en-US">Thank you. An agent will call you back. Goodbye.</Say><Hangup/>');
    const [event] = await scratch.relay.database.db.select().from(twilioEvents).where(eq(twilioEvents.subject, borrower.sids.call));
    expect(event?.payload).toMatchObject({ choice: 'callback_requested', recoveryActionId: borrower.ids.callAction });
  });

  it.each(['9', '', '12'])('repeats the menu for %j', async (digits) => {
    const twiml = await gather({ CallSid: fakeSid('CA'), Digits: digits });
    expect(twiml).toContain('<Say language="en-US">Sorry, that is not an option.</Say>');
    expect(twiml).toContain(menu('en-US', `${scratch.relay.url}${GATHER}`));
  });

  it('is signature-verified like the webhooks', async () => {
    expect((await postAsTwilio(scratch.relay.url, GATHER, { CallSid: fakeSid('CA'), Digits: '1' }, 'unsigned')).status).toBe(400);
    expect((await postAsTwilio(scratch.relay.url, GATHER, { CallSid: fakeSid('CA'), Digits: '1' }, 'forged')).status).toBe(403);
  });
});
