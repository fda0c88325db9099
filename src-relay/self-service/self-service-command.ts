import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/errors';
import { DEFAULT_PORT, type RelayConfig } from '../config';
import { openRelayDatabase } from '../db/open-database';
import { SELF_SERVICE_LANGUAGES, type SelfServiceLanguage } from './link-token';
import { DEFAULT_LINK_DAYS, mintLink } from './mint-link';
import { resolveSelfServiceSecret } from './self-service-secret';

export const SELF_SERVICE_USAGE = 'self-service link --account ACC [--days 14] [--lang en|es]';

/** `self-service link`: prints a signed link to one loan's page, for a message or a letter. */
export async function runSelfServiceCommand(args: string[], config: RelayConfig, print: (line: string) => void): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { account: { type: 'string' }, days: { type: 'string' }, lang: { type: 'string' } } });
  if (positionals[0] !== 'link') throw new AppError('validation', `usage: npm run relay -- ${SELF_SERVICE_USAGE}`);
  if (!values.account) throw new AppError('validation', 'self-service link needs --account', 'account');
  const days = values.days === undefined ? DEFAULT_LINK_DAYS : Number(values.days);
  if (values.lang !== undefined && !(SELF_SERVICE_LANGUAGES as readonly string[]).includes(values.lang)) throw new AppError('validation', `--lang is one of ${SELF_SERVICE_LANGUAGES.join(', ')}`, 'lang');

  const database = await openRelayDatabase(config.database);
  try {
    const secret = resolveSelfServiceSecret(config.selfServiceSecret, config.database);
    if (secret === null) throw new AppError('validation', 'set RELAY_SELF_SERVICE_SECRET (the same on every relay sharing this Postgres) to sign self-service links', 'RELAY_SELF_SERVICE_SECRET');
    const publicUrl = config.publicUrl ?? `http://127.0.0.1:${config.port || DEFAULT_PORT}`;
    const minted = await mintLink(database.db, { secret, publicUrl, accountNumber: values.account, days, ...(values.lang ? { language: values.lang as SelfServiceLanguage } : {}) });
    print(`Link to account ${values.account} (${minted.language}), valid until ${minted.expiresAt}:`);
    print(minted.url);
  } finally {
    await database.close();
  }
}
