import { describe, expect, it } from 'vitest';
import { buildRecoveryCallTwiml, voiceLocale } from './recovery-twiml';

describe('buildRecoveryCallTwiml', () => {
  it('greets, then gathers one key for the relay in the borrower’s language', () => {
    const twiml = buildRecoveryCallTwiml({ language: 'es', greeting: 'Hola María.', gatherUrl: 'https://relay.example/api/twilio/voice/gather' });
    expect(twiml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        '<Say language="es-MX">Hola María.</Say>' +
        '<Gather input="dtmf" numDigits="1" action="https://relay.example/api/twilio/voice/gather" method="POST" timeout="8">' +
        '<Say language="es-MX">Marque 1 para escuchar el monto adeudado. Marque 2 para prometer un pago. Marque 3 para que un agente le devuelva la llamada.</Say>' +
        '</Gather><Say language="es-MX">No recibimos ninguna opción. Adiós.</Say><Hangup/></Response>',
    );
  });

  it('offers amount due, promise and call-back in English', () => {
    const twiml = buildRecoveryCallTwiml({ language: 'en', greeting: 'Hello.', gatherUrl: 'https://relay.example/g' });
    expect(twiml).toContain('<Say language="en-US">Press 1 to hear the amount due. Press 2 to promise a payment. Press 3 to be called back by an agent.</Say>');
  });

  it('escapes the greeting and the action URL as XML', () => {
    const twiml = buildRecoveryCallTwiml({ language: 'en', greeting: 'Smith & <Sons>', gatherUrl: 'https://relay.example/g?case=1&step=2' });
    expect(twiml).toContain('Smith &amp; &lt;Sons&gt;');
    expect(twiml).toContain('action="https://relay.example/g?case=1&amp;step=2"');
  });

  it('maps languages to voice locales, regional codes to their language, unknown ones to English', () => {
    expect(['en', 'es', 'fr', 'pt', 'es-US', 'PT_br', 'xx'].map(voiceLocale)).toEqual(['en-US', 'es-MX', 'fr-FR', 'pt-BR', 'es-MX', 'pt-BR', 'en-US']);
  });
});
