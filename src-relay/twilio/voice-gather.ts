import twilio from 'twilio';
import type { RelayDb } from '../db/relay-database';
import { callContextOf } from './call-context';
import type { GatherChoice } from './twilio-event';
import { recordHandledTwilioEvent } from './twilio-event-store';
import { spokenAmount, voiceScriptFor, type VoiceScript } from './voice-scripts';

const CHOICES: Readonly<Record<string, GatherChoice>> = { '2': 'promise_to_pay', '3': 'callback_requested' };

function offerMenu(response: InstanceType<typeof twilio.twiml.VoiceResponse>, script: VoiceScript, gatherUrl: string): void {
  const gather = response.gather({ input: ['dtmf'], numDigits: 1, action: gatherUrl, method: 'POST', timeout: 8 });
  gather.say({ language: script.locale }, script.menu);
  response.say({ language: script.locale }, script.noInput);
  response.hangup();
}

/**
 * The answer to a key pressed on the recovery call's menu: 1 says the amount due and offers the
 * menu again, 2 and 3 are recorded (once per call and key) for an agent to follow up, anything
 * else repeats the menu.
 */
export async function answerGather(db: RelayDb, input: { callSid: string; digits: string; gatherUrl: string }): Promise<string> {
  const context = await db.transaction((tx) => callContextOf(tx, input.callSid));
  const script = voiceScriptFor(context.language);
  const response = new twilio.twiml.VoiceResponse();
  const say = (text: string) => response.say({ language: script.locale }, text);
  const choice = CHOICES[input.digits];
  if (input.digits === '1') {
    say(context.amountDue ? script.amountDue(spokenAmount(script, context.amountDue.minor, context.amountDue.currency)) : script.amountUnknown);
    offerMenu(response, script, input.gatherUrl);
  } else if (choice) {
    await db.transaction((tx) =>
      recordHandledTwilioEvent(tx, { kind: 'voice_gather', callSid: input.callSid, digits: input.digits, choice, recoveryActionId: context.recoveryActionId }),
    );
    say(choice === 'promise_to_pay' ? script.promiseNoted : script.callbackNoted);
    response.hangup();
  } else {
    say(script.notAnOption);
    offerMenu(response, script, input.gatherUrl);
  }
  return response.toString();
}
