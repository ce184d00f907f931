/** The webhook sender resolves the host itself on every connection and refuses what the policy does not allow. */
import type { LookupAddress } from 'node:dns';
import { postWebhook } from '../../../src/http/webhook';
import type { Resolver } from '../../../src/http/webhook';
import { startReceiver } from '../../helpers/receiver';
import type { Receiver } from '../../helpers/receiver';

/** A resolver that answers `answers[i]` to the i-th lookup (the last one after that). */
function playedResolver(answers: readonly string[][]): Resolver & { calls: number } {
  const resolver = Object.assign(
    ((_host, _options, callback) => {
      const addresses = answers[Math.min(resolver.calls, answers.length - 1)] ?? [];
      resolver.calls += 1;
      const found: LookupAddress[] = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
      callback(null, found);
    }) as Resolver,
    { calls: 0 },
  );
  return resolver;
}

describe('postWebhook', () => {
  let receiver: Receiver;

  beforeEach(async () => {
    receiver = await startReceiver();
  });

  afterEach(async () => {
    await receiver.close();
  });

  function send(url: string, allowedNetworks: string[], resolver: Resolver) {
    const policy = { origins: [new URL(url).origin], allowedNetworks };
    return postWebhook({ url, body: '{}', headers: {}, timeoutMs: 5_000, policy }, resolver);
  }

  it('connects to the address its resolver gives when the policy allows it', async () => {
    const url = receiver.url.replace('127.0.0.1', 'receiver.test');
    const resolver = playedResolver([['127.0.0.1']]);
    await expect(send(url, ['127.0.0.1/32'], resolver)).resolves.toMatchObject({ status: 200 });
    expect(resolver.calls).toBe(1);
  });

  it('resolves again for every request, so a name that later points inside the network is refused', async () => {
    const url = receiver.url.replace('127.0.0.1', 'receiver.test');
    // First a (pretend) public-looking allowed answer, then a private one: DNS rebinding.
    const resolver = playedResolver([['127.0.0.1'], ['10.0.0.5']]);
    await send(url, ['127.0.0.1/32'], resolver);
    await expect(send(url, ['127.0.0.1/32'], resolver)).rejects.toMatchObject({ name: 'CallbackRefusedError' });
    expect(receiver.requests).toHaveLength(1);
  });

  it('refuses a name when any of its addresses is private', async () => {
    const url = receiver.url.replace('127.0.0.1', 'receiver.test');
    const resolver = playedResolver([['93.184.216.34', '169.254.169.254']]);
    await expect(send(url, [], resolver)).rejects.toMatchObject({
      name: 'CallbackRefusedError',
      message: expect.stringContaining('private, loopback, link-local or metadata'),
    });
    expect(receiver.requests).toHaveLength(0);
  });
});
