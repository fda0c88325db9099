import { TwilioCredentialsInput, type TwilioCredentials } from '../../src-shared/contract/communications';
import { createSealedFile, type SecretCipher } from '../secrets/sealed-file';

export type { TwilioCredentials };

/** What the renderer may see of the settings: whether Twilio is set up and which numbers, never the token. */
export type TwilioCredentialsSummary =
  | { configured: false }
  | { configured: true; accountSidHint: string; fromNumber: string; whatsappFrom: string | null };

export interface CredentialVault {
  save(input: unknown): void;
  /** The stored credentials, or null when none are set (the app then runs Twilio in sandbox mode). */
  load(): TwilioCredentials | null;
  clear(): void;
  summary(): TwilioCredentialsSummary;
}

export function createCredentialVault(filePath: string, cipher: SecretCipher): CredentialVault {
  const file = createSealedFile(filePath, cipher, TwilioCredentialsInput, 'Twilio credentials');
  return {
    save: (input) => void file.save(input),
    load: file.load,
    clear: file.clear,
    summary() {
      const credentials = file.load();
      if (!credentials) return { configured: false };
      const { accountSid, fromNumber, whatsappFrom } = credentials;
      return { configured: true, accountSidHint: `${accountSid.slice(0, 2)}…${accountSid.slice(-4)}`, fromNumber, whatsappFrom: whatsappFrom ?? null };
    },
  };
}
