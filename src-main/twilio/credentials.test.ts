import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { fileKeyCipher } from '../secrets/sealed-file';
import { createCredentialVault } from './credentials';

const CREDENTIALS = { accountSid: `AC${'9f'.repeat(16)}`, authToken: 'secret-token-0123456789abcdef', fromNumber: '+15005550006' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recourse-twilio-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('credential vault with the file-key cipher', () => {
  it('round-trips credentials sealed, never in plain text on disk', () => {
    const vault = createCredentialVault(join(dir, 'twilio.sealed'), fileKeyCipher(join(dir, 'keys', 'secrets.key')));
    expect(vault.load()).toBeNull();
    vault.save(CREDENTIALS);
    expect(vault.load()).toEqual(CREDENTIALS);
    expect(readFileSync(join(dir, 'twilio.sealed')).toString('latin1')).not.toContain('secret-token');
    expect(statSync(join(dir, 'keys', 'secrets.key')).mode & 0o077).toBe(0);
    expect(statSync(join(dir, 'twilio.sealed')).mode & 0o077).toBe(0);
  });

  it('summarises for the renderer without the token', () => {
    const vault = createCredentialVault(join(dir, 'twilio.sealed'), fileKeyCipher(join(dir, 'secrets.key')));
    expect(vault.summary()).toEqual({ configured: false });
    vault.save({ ...CREDENTIALS, whatsappFrom: '+18684801234' });
    const summary = vault.summary();
    expect(summary).toEqual({ configured: true, accountSidHint: 'AC…9f9f', fromNumber: '+15005550006', whatsappFrom: '+18684801234' });
    expect(JSON.stringify(summary)).not.toContain(CREDENTIALS.authToken);
    vault.clear();
    expect(vault.load()).toBeNull();
  });

  it('refuses malformed credentials with the field at fault', () => {
    const vault = createCredentialVault(join(dir, 'twilio.sealed'), fileKeyCipher(join(dir, 'secrets.key')));
    expect(() => vault.save({ ...CREDENTIALS, accountSid: 'AC123' })).toThrow(expect.objectContaining({ code: 'validation', field: 'accountSid' }));
  });

  it('says to re-enter credentials sealed under another key', () => {
    createCredentialVault(join(dir, 'twilio.sealed'), fileKeyCipher(join(dir, 'a.key'))).save(CREDENTIALS);
    const other = createCredentialVault(join(dir, 'twilio.sealed'), fileKeyCipher(join(dir, 'b.key')));
    expect(() => other.load()).toThrow(AppError);
    expect(() => other.load()).toThrow(/Enter them again/);
  });
});
