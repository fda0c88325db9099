import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';

type SayLanguage = NonNullable<VoiceResponse.SayAttributes['language']>;

interface VoiceScript {
  locale: SayLanguage;
  menu: string;
  noInput: string;
}

/**
 * The IVR's words per borrower language (`borrowers.language`, an ISO 639-1 code) and the voice
 * locale Twilio reads them in. A language without a script falls back to English so the borrower
 * still hears a menu they can act on.
 */
const SCRIPTS: Record<string, VoiceScript> = {
  en: {
    locale: 'en-US',
    menu: 'Press 1 to hear the amount due. Press 2 to promise a payment. Press 3 to be called back by an agent.',
    noInput: 'We did not receive a selection. Goodbye.',
  },
  es: {
    locale: 'es-MX',
    menu: 'Marque 1 para escuchar el monto adeudado. Marque 2 para prometer un pago. Marque 3 para que un agente le devuelva la llamada.',
    noInput: 'No recibimos ninguna opción. Adiós.',
  },
  fr: {
    locale: 'fr-FR',
    menu: 'Appuyez sur 1 pour entendre le montant dû. Appuyez sur 2 pour promettre un paiement. Appuyez sur 3 pour être rappelé par un agent.',
    noInput: "Nous n'avons reçu aucun choix. Au revoir.",
  },
  pt: {
    locale: 'pt-BR',
    menu: 'Pressione 1 para ouvir o valor devido. Pressione 2 para prometer um pagamento. Pressione 3 para receber a ligação de um agente.',
    noInput: 'Não recebemos nenhuma opção. Até logo.',
  },
};

function scriptFor(language: string): VoiceScript {
  return SCRIPTS[language.toLowerCase().split(/[-_]/)[0] ?? ''] ?? SCRIPTS.en!;
}

/** The Twilio voice locale for a borrower language, so the Gather action's answers speak it too. */
export function voiceLocale(language: string): SayLanguage {
  return scriptFor(language).locale;
}

/**
 * The recovery call: the greeting (already in the borrower's language), then a one-key menu whose
 * choice Twilio posts to `gatherUrl` (the relay's `/api/twilio/voice/gather`). The greeting is said
 * before the Gather so the menu can be interrupted but the greeting is heard whole; with no key
 * pressed the call says goodbye and ends.
 */
export function buildRecoveryCallTwiml(input: { language: string; greeting: string; gatherUrl: string }): string {
  const script = scriptFor(input.language);
  const response = new twilio.twiml.VoiceResponse();
  response.say({ language: script.locale }, input.greeting);
  const gather = response.gather({ input: ['dtmf'], numDigits: 1, action: input.gatherUrl, method: 'POST', timeout: 8 });
  gather.say({ language: script.locale }, script.menu);
  response.say({ language: script.locale }, script.noInput);
  response.hangup();
  return response.toString();
}
