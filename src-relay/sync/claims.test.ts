import { beforeAll, describe, expect, it } from 'vitest';
import type { ClaimResponse } from '../../src-shared/sync/protocol';
import { addDevice } from '../devices/device-tokens';
import { BACKENDS } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { postJson, uniqueId } from '../test-support/sync-client';

describe.each(BACKENDS)('POST /api/sync/claim on $name', ({ scratch: backend }) => {
  const scratch = useScratchRelay(backend);
  let token: string;
  const claim = async (clientId: string, key: string) => {
    const response = await postJson(`${scratch.relay.url}/api/sync/claim`, token, { clientId, key });
    expect(response.status).toBe(200);
    return (await response.json()) as ClaimResponse & { ok: true };
  };

  beforeAll(async () => {
    ({ token } = await addDevice(scratch.relay.database.db, 'Engine host', ['*'], { engineHost: true }));
  });

  it('grants a key to the first client for good: it may ask again, another is refused without learning who holds it', async () => {
    const key = uniqueId('dunning:loan-1:step-3');
    expect(await claim('desk-a', key)).toEqual({ ok: true, granted: true });
    expect(await claim('desk-b', key)).toEqual({ ok: true, granted: false });
    expect(await claim('desk-a', key)).toEqual({ ok: true, granted: true });
    expect(await claim('desk-b', uniqueId('dunning:loan-1:step-4'))).toEqual({ ok: true, granted: true });
  });

  it('grants exactly one of five clients claiming one key at once', async () => {
    const key = uniqueId('pre-delinquency:loan-9:3');
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => claim(`desk-${n}`, key)));
    const winners = answers.filter((answer) => answer.granted);
    expect(winners).toHaveLength(1);
  });

  it('refuses claims without a device token or a key', async () => {
    expect((await postJson(`${scratch.relay.url}/api/sync/claim`, null, { clientId: 'desk-a', key: 'k' })).status).toBe(401);
    const keyless = await postJson(`${scratch.relay.url}/api/sync/claim`, token, { clientId: 'desk-a', key: '' });
    expect(keyless.status).toBe(400);
    expect(await keyless.json()).toMatchObject({ ok: false, error: { code: 'validation', field: 'key' } });
  });
});
