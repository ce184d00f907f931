import {
  ProviderContractError,
  ProviderLockedError,
  ProviderRateLimitError,
  ProviderRejectedError,
  ProviderUnavailableError,
  TenantBusyError,
} from '../../../src/domain/errors';
import { OPERATION_IDS } from '../../../src/domain/job';
import { METRICS, answerOfError, jobMetricTags } from '../../../src/domain/metrics';

describe('jobMetricTags', () => {
  it('labels a known operation with its id and provider', () => {
    expect(OPERATION_IDS.map(jobMetricTags)).toContainEqual({ operation: 'webex.moveUsers', provider: 'webex' });
  });

  it('labels anything else unknown, so no caller-chosen text becomes a label', () => {
    expect(jobMetricTags('jane.doe@example.com')).toEqual({ operation: 'unknown', provider: 'unknown' });
  });
});

describe('answerOfError', () => {
  it.each([
    ['423', new ProviderLockedError('webex', { status: 423 })],
    ['429', new ProviderRateLimitError('webex', { status: 429 })],
    ['5xx', new ProviderUnavailableError('webex', 'HTTP 502', { status: 502 })],
    ['network', new ProviderUnavailableError('webex', 'timeout')],
    ['4xx', new ProviderRejectedError('webex', { status: 400 })],
    ['contract', new ProviderContractError('webex', 'counts', 'not a number')],
    ['busy', new TenantBusyError('webex', {})],
    ['error', new Error('boom')],
  ])('names %s', (answer, error) => {
    expect(answerOfError(error)).toBe(answer);
  });
});

describe('METRICS', () => {
  it('exports counters with _total and histograms with _seconds, every name once', () => {
    const specs = Object.values(METRICS);
    expect(specs.filter((m) => m.kind === 'counter').every((m) => m.exported === `${m.name}_total`)).toBe(true);
    expect(specs.filter((m) => m.kind === 'histogram').every((m) => m.exported === `${m.name}_seconds`)).toBe(true);
    expect(new Set(specs.map((m) => m.name)).size).toBe(specs.length);
  });
});
