import { describe, expect, it } from 'vitest';
import { AppError } from '../src-shared/errors';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to 127.0.0.1 port 8787, an embedded ledger in .relay-data and Twilio webhooks off', () => {
    expect(loadConfig({})).toEqual({ host: '127.0.0.1', port: 8787, publicUrl: null, twilioAuthToken: null, database: { dataDir: '.relay-data' } });
  });

  it.each(['0.0.0.0', '::', '10.1.2.3', 'fd00::5', 'relay.internal'])('listens on RELAY_HOST=%s', (host) => {
    expect(loadConfig({ RELAY_HOST: host }).host).toBe(host);
  });

  it('reads every setting, treating empty values as unset', () => {
    expect(
      loadConfig({ RELAY_PORT: '9000', RELAY_PUBLIC_URL: 'https://relay.example.com/', TWILIO_AUTH_TOKEN: 'tok', DATABASE_URL: 'postgres://u@db:5432/ledger', RELAY_DATA_DIR: '/ignored' }),
    ).toEqual({ host: '127.0.0.1', port: 9000, publicUrl: 'https://relay.example.com', twilioAuthToken: 'tok', database: { url: 'postgres://u@db:5432/ledger' } });
    expect(loadConfig({ RELAY_HOST: '', RELAY_PORT: '', TWILIO_AUTH_TOKEN: '', RELAY_DATA_DIR: '/var/lib/relay' })).toMatchObject({ host: '127.0.0.1', port: 8787, twilioAuthToken: null, database: { dataDir: '/var/lib/relay' } });
  });

  it.each([
    [{ RELAY_PORT: 'eighty' }, 'RELAY_PORT'],
    [{ RELAY_PORT: '70000' }, 'RELAY_PORT'],
    [{ RELAY_PORT: '80.5' }, 'RELAY_PORT'],
    [{ RELAY_PUBLIC_URL: 'relay.example.com' }, 'RELAY_PUBLIC_URL'],
    [{ RELAY_PUBLIC_URL: 'ftp://relay.example.com' }, 'RELAY_PUBLIC_URL'],
    [{ DATABASE_URL: 'mysql://db/ledger' }, 'DATABASE_URL'],
    [{ RELAY_HOST: 'http://relay.example.com' }, 'RELAY_HOST'],
    [{ RELAY_HOST: '10.0.0.1:8787' }, 'RELAY_HOST'],
    [{ RELAY_HOST: '300.1.1.1' }, 'RELAY_HOST'],
  ])('fails on %j naming %s', (env, variable) => {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).field).toBe(variable);
    expect((thrown as AppError).message).toMatch(new RegExp(`^${variable} `));
  });
});
