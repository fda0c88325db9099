import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';

export const twilioCredentialsSchema = z.object({
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'An Account SID is AC followed by 32 hex digits'),
  authToken: z.string().min(16).max(128),
  // A long code or short code, or an alphanumeric sender id (up to 11 letters/digits) where carriers allow one.
  fromNumber: z.string().regex(/^(\+[1-9]\d{3,14}|[A-Za-z0-9 ]{1,11})$/, 'An E.164 number or an alphanumeric sender id'),
  whatsappFrom: z.string().regex(/^\+[1-9]\d{6,14}$/, 'An E.164 number').optional(),
});
export type TwilioCredentials = z.infer<typeof twilioCredentialsSchema>;

/**
 * Seals secrets at rest. In Electron the shell passes `safeStorage` (the OS keychain) as
 * `{ encrypt: safeStorage.encryptString, decrypt: safeStorage.decryptString }`; under plain Node
 * (harness, CLI) `fileKeyCipher` stands in.
 */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM under a random key kept in its own owner-only file, created on first use. Weaker
 * than a keychain (whoever reads both files has the secret) but keeps tokens out of plain-text
 * config, backups of the data folder without the key, and logs.
 */
export function fileKeyCipher(keyPath: string): SecretCipher {
  const key = (): Buffer => {
    try {
      return readFileSync(keyPath);
    } catch {
      mkdirSync(dirname(keyPath), { recursive: true });
      // `wx`: if another process created the key meanwhile, fail here rather than overwrite it.
      writeFileSync(keyPath, randomBytes(32), { mode: 0o600, flag: 'wx' });
      return readFileSync(keyPath);
    }
  };
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (sealed[0] !== FORMAT_VERSION) throw new Error('unknown sealed format');
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key(), iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

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
  const load = (): TwilioCredentials | null => {
    let sealed: Buffer;
    try {
      sealed = readFileSync(filePath);
    } catch {
      return null;
    }
    try {
      return twilioCredentialsSchema.parse(JSON.parse(cipher.decrypt(sealed)));
    } catch {
      throw new AppError('internal', 'The saved Twilio credentials cannot be read on this machine. Enter them again in Settings.');
    }
  };
  return {
    save(input) {
      const parsed = twilioCredentialsSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new AppError('validation', issue.message, issue.path.join('.'));
      }
      mkdirSync(dirname(filePath), { recursive: true });
      // Write then rename, so a crash never leaves half a sealed file behind.
      const temporary = `${filePath}.${process.pid}.tmp`;
      writeFileSync(temporary, cipher.encrypt(JSON.stringify(parsed.data)), { mode: 0o600 });
      renameSync(temporary, filePath);
    },
    load,
    clear: () => rmSync(filePath, { force: true }),
    summary() {
      const credentials = load();
      if (!credentials) return { configured: false };
      const { accountSid, fromNumber, whatsappFrom } = credentials;
      return { configured: true, accountSidHint: `${accountSid.slice(0, 2)}…${accountSid.slice(-4)}`, fromNumber, whatsappFrom: whatsappFrom ?? null };
    },
  };
}
