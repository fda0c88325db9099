import { afterAll, describe, expect, it } from 'vitest';
import { startSandboxTwilio, type SandboxTwilio } from './sandbox';
import { startWebhookReceiver } from './webhook-receiver.test-support';

describe('sandbox mode', () => {
  let sandbox: SandboxTwilio | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
  afterAll(async () => {
    await sandbox?.simulator.close();
    await receiver?.close();
  });

  it('sends through the simulator with throwaway credentials whose callbacks verify', async () => {
    let authToken = '';
    receiver = await startWebhookReceiver(() => authToken);
    sandbox = await startSandboxTwilio({ statusCallbackBase: receiver.url });
    authToken = sandbox.authToken;
    expect(sandbox.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    const sent = await sandbox.client.sendSms({ to: '+447400123401', body: 'Sandbox' });
    await receiver.waitFor((posts) => posts.some((post) => post.params.MessageSid === sent.sid && post.params.MessageStatus === 'delivered'));
    expect(receiver.received.every((post) => post.signatureValid)).toBe(true);
  });
});
