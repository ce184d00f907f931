/** Errors paging against scripted answers: Link targets the simulator never sends (other origin, loops). */
import type { HttpClient, HttpRequest, HttpResponse } from '../../../../src/http/types';
import { webexResendActivationEmails as op } from '../../../../src/providers/webex-resend-activation-emails';
import type { ProviderJobSnapshot } from '../../../../src/domain/job';
import { batchFor } from './sim-context';

const ORIGIN = 'https://webexapis.test';
const snapshot: ProviderJobSnapshot = {
  state: 'partial',
  providerStatus: 'COMPLETED/COMPLETED_WITH_ERRORS',
  counts: { total: 3, succeeded: 1, failed: 2, skipped: 0, pending: 0 },
};
const page = (itemNumber: number) => ({
  items: [{ itemNumber, error: { key: '500', message: [{ description: 'x', code: 'E1' }] } }],
});

/** A client that answers each request with the next scripted (link, body) and records what was asked. */
function scripted(answers: Array<{ link?: string; body: unknown }>): { http: HttpClient; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const http: HttpClient = {
    provider: 'webex',
    send: (request) => {
      sent.push(request);
      const answer = answers[sent.length - 1];
      if (!answer) throw new Error('unexpected request');
      const url = request.path.startsWith('http') ? request.path : `${ORIGIN}${request.path}?max=50`;
      const headers = new Headers(answer.link ? { link: answer.link } : {});
      const res: HttpResponse = {
        status: 200,
        headers,
        url,
        text: JSON.stringify(answer.body),
        receivedAt: Date.now(),
      };
      return Promise.resolve(res);
    },
  };
  return { http, sent };
}

const ctxOf = (http: HttpClient) => ({
  http,
  log: { info: () => undefined, warn: () => undefined },
  authScheme: 'Bearer' as const,
});

describe('errors paging by Link header', () => {
  it('follows next to the last page and sends each next target as given', async () => {
    const { http, sent } = scripted([
      { link: `<${ORIGIN}/v1/e?cursor=a>; rel="next"`, body: page(1) },
      { link: '</v1/e?cursor=b>; rel="next", </v1/e>; rel="prev"', body: page(2) },
      { body: page(3) },
    ]);
    const { items } = await op.collectItems(ctxOf(http), 'job', batchFor(), snapshot);
    expect(items.map((i) => i.ref)).toEqual(['item-1', 'item-2', 'item-3']);
    expect(sent.map((r) => r.path.replace(ORIGIN, ''))).toEqual([
      expect.stringMatching(/\/errors$/),
      '/v1/e?cursor=a',
      '/v1/e?cursor=b',
    ]);
    expect(sent[0]?.query).toEqual({ max: 50 });
  });

  it('throws ProviderContractError on a next target at another origin, without following it', async () => {
    const { http, sent } = scripted([{ link: '<https://evil.test/steal>; rel="next"', body: page(1) }]);
    await expect(op.collectItems(ctxOf(http), 'job', batchFor(), snapshot)).rejects.toMatchObject({
      name: 'ProviderContractError',
      path: 'headers.link',
    });
    expect(sent).toHaveLength(1);
  });

  it('throws ProviderContractError when next points back to a page already read', async () => {
    const { http } = scripted([
      { link: `<${ORIGIN}/v1/e?cursor=a>; rel="next"`, body: page(1) },
      { link: `<${ORIGIN}/v1/e?cursor=a>; rel="next"`, body: page(2) },
    ]);
    await expect(op.collectItems(ctxOf(http), 'job', batchFor(), snapshot)).rejects.toMatchObject({
      name: 'ProviderContractError',
      problem: expect.stringContaining('already read'),
    });
  });

  it('throws ProviderContractError when a page is not the documented shape', async () => {
    const { http } = scripted([{ body: { items: [{ itemNumber: 1 }] } }]);
    await expect(op.collectItems(ctxOf(http), 'job', batchFor(), snapshot)).rejects.toMatchObject({
      name: 'ProviderContractError',
      path: 'items[0].error',
    });
  });
});
