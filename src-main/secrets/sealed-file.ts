import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../src-shared/errors';

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

/** One sealed settings file: validated on save, decrypted and re-validated on load. */
export interface SealedFile<T> {
  save(input: unknown): T;
  /** The stored value, or null when none is set. */
  load(): T | null;
  clear(): void;
}

/** `what` names the settings in errors: "The saved Twilio credentials cannot be read…". */
export function createSealedFile<T>(filePath: string, cipher: SecretCipher, schema: z.ZodType<T>, what: string): SealedFile<T> {
  return {
    save(input) {
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new AppError('validation', issue.message, issue.path.join('.'));
      }
      mkdirSync(dirname(filePath), { recursive: true });
      // Write then rename, so a crash never leaves half a sealed file behind.
      const temporary = `${filePath}.${process.pid}.tmp`;
      writeFileSync(temporary, cipher.encrypt(JSON.stringify(parsed.data)), { mode: 0o600 });
      renameSync(temporary, filePath);
      return parsed.data;
    },
    load() {
      let sealed: Buffer;
      try {
        sealed = readFileSync(filePath);
      } catch {
        return null;
      }
      try {
        return schema.parse(JSON.parse(cipher.decrypt(sealed)));
      } catch {
        throw new AppError('internal', `The saved ${what} cannot be read on this machine. Enter them again in Settings.`);
      }
    },
    clear: () => rmSync(filePath, { force: true }),
  };
}
