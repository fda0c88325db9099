import { z } from 'zod';
import { AppError } from '../src-shared/errors';

export const DEFAULT_PORT = 8787;

/** Where the ledger lives: a real Postgres, or an embedded PGlite in a folder of its own. */
export type DatabaseTarget = { url: string } | { dataDir: string };

export interface RelayConfig {
  /** 0 picks a free port (tests). */
  port: number;
  /** The origin Twilio posts to; signatures are computed over it. Null: `http://127.0.0.1:<port>`. */
  publicUrl: string | null;
  /** Null disables the Twilio endpoints (503): nothing unsigned is ever accepted. */
  twilioAuthToken: string | null;
  database: DatabaseTarget;
  /** Signs borrowers' self-service links; unset, a PGlite relay keeps a generated one in its data folder. */
  selfServiceSecret?: string;
}

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  RELAY_PORT: z.preprocess(emptyAsUnset, z.coerce.number({ error: 'must be a port number' }).int('must be a whole port number').min(0).max(65535).default(DEFAULT_PORT)),
  RELAY_PUBLIC_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://relay.example.com' }).optional()),
  TWILIO_AUTH_TOKEN: z.preprocess(emptyAsUnset, z.string().optional()),
  DATABASE_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional()),
  RELAY_DATA_DIR: z.preprocess(emptyAsUnset, z.string().default('.relay-data')),
  RELAY_SELF_SERVICE_SECRET: z.preprocess(emptyAsUnset, z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional()),
});

/** Reads the relay's settings from the environment; a bad one fails with its variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv): RelayConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]);
    throw new AppError('validation', `${variable} ${issue.message}`, variable);
  }
  const settings = parsed.data;
  return {
    port: settings.RELAY_PORT,
    publicUrl: settings.RELAY_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    twilioAuthToken: settings.TWILIO_AUTH_TOKEN ?? null,
    database: settings.DATABASE_URL ? { url: settings.DATABASE_URL } : { dataDir: settings.RELAY_DATA_DIR },
    ...(settings.RELAY_SELF_SERVICE_SECRET ? { selfServiceSecret: settings.RELAY_SELF_SERVICE_SECRET } : {}),
  };
}
