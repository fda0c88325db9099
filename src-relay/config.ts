import { z } from 'zod';
import { AppError } from '../src-shared/errors';

export const DEFAULT_PORT = 8787;

/** Only this machine, until an operator chooses an interface: a relay is reached through a TLS proxy or a private network. */
export const DEFAULT_HOST = '127.0.0.1';

/** Where the ledger lives: a real Postgres, or an embedded PGlite in a folder of its own. */
export type DatabaseTarget = { url: string } | { dataDir: string };

export interface RelayConfig {
  /** The address to listen on (`RELAY_HOST`); unset, `DEFAULT_HOST`. `0.0.0.0` or `::` is every interface. */
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** The origin Twilio posts to; signatures are computed over it. Null: the relay's own address and port. */
  publicUrl: string | null;
  /** Null disables the Twilio endpoints (503): nothing unsigned is ever accepted. */
  twilioAuthToken: string | null;
  database: DatabaseTarget;
  /** Signs borrowers' self-service links; unset, a PGlite relay keeps a generated one in its data folder. */
  selfServiceSecret?: string;
}

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

/** An IP address or a host name; a name needs a letter, so `300.1.1.1` is not taken for one. */
const listenAddress = z.union([z.ipv4(), z.ipv6(), z.hostname().regex(/[a-z]/i)], { error: 'must be an address to listen on, such as 127.0.0.1, 0.0.0.0 or ::' });

const envSchema = z.object({
  RELAY_HOST: z.preprocess(emptyAsUnset, listenAddress.default(DEFAULT_HOST)),
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
    host: settings.RELAY_HOST,
    port: settings.RELAY_PORT,
    publicUrl: settings.RELAY_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    twilioAuthToken: settings.TWILIO_AUTH_TOKEN ?? null,
    database: settings.DATABASE_URL ? { url: settings.DATABASE_URL } : { dataDir: settings.RELAY_DATA_DIR },
    ...(settings.RELAY_SELF_SERVICE_SECRET ? { selfServiceSecret: settings.RELAY_SELF_SERVICE_SECRET } : {}),
  };
}
