import { z } from 'zod';
import type { ProviderContractError } from '../../../src/domain/errors';
import { parseBody, readJson } from '../../../src/http/body';
import { makeResponse } from './make-response';
import { fixtureText } from '../../helpers/fixtures';

const StartSchema = z.object({
  response: z.object({
    id: z.string(),
    latestExecutionStatus: z.string(),
    counts: z.object({ moved: z.number(), failed: z.number() }),
  }),
});

const ErrorsSchema = z.object({
  items: z.array(z.object({ itemNumber: z.number(), error: z.object({ key: z.string() }) })),
});

function contractError(run: () => unknown): ProviderContractError {
  try {
    run();
  } catch (err) {
    if (err instanceof Error && err.name === 'ProviderContractError') return err as ProviderContractError;
    throw err;
  }
  throw new Error('expected a ProviderContractError');
}

describe('readJson', () => {
  it('returns the parsed body', () => {
    expect(readJson('webex', makeResponse(200, { body: '{"a":[1,2]}' }))).toEqual({ a: [1, 2] });
  });

  it('rejects malformed JSON with a non-retryable ProviderContractError at (body)', () => {
    const error = contractError(() => readJson('oracle', makeResponse(200, { body: '{"job": 12' })));
    expect(error.path).toBe('(body)');
    expect(error.problem).toBe('not valid JSON');
    expect(error.retryable).toBe(false);
    expect(error.details.status).toBe(200);
  });

  it('rejects an empty body', () => {
    expect(contractError(() => readJson('oracle', makeResponse(202))).problem).toBe('not valid JSON');
  });

  it('keeps a redacted snippet of the body on the error, but not in its message', () => {
    const body = '<html>token for jane.doe@example.com: Bearer abc.def.ghi</html>';
    const error = contractError(() => readJson('webex', makeResponse(200, { body })));
    expect(error.bodySnippet).toBe('<html>token for [email]: Bearer [redacted]</html>');
    expect(error.message).not.toContain('example.com');
  });

  it('truncates the snippet of a large body', () => {
    const error = contractError(() => readJson('webex', makeResponse(500, { body: 'x'.repeat(10_000) })));
    expect(error.bodySnippet).toBe(`${'x'.repeat(500)}…`);
  });
});

describe('parseBody', () => {
  it('returns the validated body of a documented fixture', () => {
    const body = parseBody(
      'webex',
      StartSchema,
      makeResponse(201, { body: fixtureText('webex-move-users-start-201.json') }),
    );
    expect(body.response.latestExecutionStatus).toBe('STARTED');
    expect(body.response.counts.moved).toBe(0);
  });

  it('names the offending nested field in the ProviderContractError path', () => {
    const fixture = JSON.parse(fixtureText('webex-move-users-start-201.json')) as {
      response: { counts: Record<string, unknown> };
    };
    fixture.response.counts['moved'] = 'zero';
    const error = contractError(() => parseBody('webex', StartSchema, makeResponse(201, { body: fixture })));
    expect(error.path).toBe('response.counts.moved');
    expect(error.problem).toBe('Invalid input: expected number, received string');
    expect(error.message).toBe(
      'webex answered outside its contract at response.counts.moved: Invalid input: expected number, received string',
    );
  });

  it('writes array indexes in brackets in the path', () => {
    const body = { items: [{ itemNumber: 1, error: { key: '400' } }, { itemNumber: 2 }] };
    expect(contractError(() => parseBody('webex', ErrorsSchema, makeResponse(200, { body }))).path).toBe(
      'items[1].error',
    );
  });

  it('gives an empty path when the root does not match', () => {
    expect(contractError(() => parseBody('webex', ErrorsSchema, makeResponse(200, { body: '[]' }))).path).toBe('');
  });

  it('rejects a body that is not JSON before validating', () => {
    expect(contractError(() => parseBody('webex', ErrorsSchema, makeResponse(200, { body: 'OK' }))).path).toBe(
      '(body)',
    );
  });

  it('keeps the tracking id header on the contract error', () => {
    const response = makeResponse(200, { body: '{}', headers: { trackingid: 'NA_42' } });
    expect(contractError(() => parseBody('webex', ErrorsSchema, response)).details).toEqual({
      status: 200,
      trackingId: 'NA_42',
    });
  });
});
