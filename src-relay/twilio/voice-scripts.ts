import { formatMinor } from '../../src-shared/money';

/** Voice locales Twilio's `<Say>` reads our scripts in. */
export type VoiceLocale = 'en-US' | 'es-MX';

export interface VoiceScript {
  locale: VoiceLocale;
  menu: string;
  noInput: string;
  amountDue: (amount: string) => string;
  amountUnknown: string;
  promiseNoted: string;
  callbackNoted: string;
  notAnOption: string;
}

/**
 * The IVR's answers per borrower language (`borrowers.language`, ISO 639-1); the menu matches the
 * desktop's call script. Any other language hears English, so the borrower can still act.
 */
const SCRIPTS: Readonly<Record<string, VoiceScript>> = {
  en: {
    locale: 'en-US',
    menu: 'Press 1 to hear the amount due. Press 2 to promise a payment. Press 3 to be called back by an agent.',
    noInput: 'We did not receive a selection. Goodbye.',
    amountDue: (amount) => `The amount due on your account is ${amount}.`,
    amountUnknown: 'An agent will confirm the amount due on your account when they call you.',
    promiseNoted: 'Thank you. We have noted your promise to pay, and an agent will contact you to confirm the amount and date. Goodbye.',
    callbackNoted: 'Thank you. An agent will call you back. Goodbye.',
    notAnOption: 'Sorry, that is not an option.',
  },
  es: {
    locale: 'es-MX',
    menu: 'Marque 1 para escuchar el monto adeudado. Marque 2 para prometer un pago. Marque 3 para que un agente le devuelva la llamada.',
    noInput: 'No recibimos ninguna opción. Adiós.',
    amountDue: (amount) => `El monto adeudado en su cuenta es ${amount}.`,
    amountUnknown: 'Un agente le confirmará el monto adeudado cuando le llame.',
    promiseNoted: 'Gracias. Hemos registrado su promesa de pago y un agente se comunicará con usted para confirmar el monto y la fecha. Adiós.',
    callbackNoted: 'Gracias. Un agente le devolverá la llamada. Adiós.',
    notAnOption: 'Lo sentimos, esa opción no es válida.',
  },
};

export function voiceScriptFor(language: string): VoiceScript {
  return SCRIPTS[language.toLowerCase().split(/[-_]/)[0] ?? ''] ?? SCRIPTS.en!;
}

/** An amount as the voice reads it, in the script's own locale (minor units, DESIGN §2). */
export function spokenAmount(script: VoiceScript, minor: number, currency: string): string {
  return formatMinor(minor, currency, script.locale);
}
