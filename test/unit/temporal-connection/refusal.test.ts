/**
 * A proxy's refusal told as one: the messages below are what SDK 1.24 reported when nginx (`ssl_verify_client on`)
 * refused a client certificate (test/integration/temporal-tls.test.ts shows it on a real nginx).
 */
import { explainRefusal, httpStatusOf, plainEndpoint } from '../../../src/temporal-connection';
import type { TemporalEndpoint } from '../../../src/temporal-connection';

const CLIENT_400 = new Error('13 INTERNAL: Received HTTP status code 400');
const CORE_400 = new Error(
  "Failed to call GetSystemInfo: code: 'Internal error', message: \"protocol error: received message with invalid " +
    'compression flag: 60 (valid flags are 0 and 1) while receiving response with status: 400 Bad Request"',
);
const pair = { crt: Buffer.from('c'), key: Buffer.from('k') };
const mtls: TemporalEndpoint = { ...plainEndpoint('proxy:7233'), tls: { clientCertPair: pair } };

describe('explainRefusal', () => {
  it('reads the HTTP status out of the client and the core errors', () => {
    expect(httpStatusOf(CLIENT_400)).toBe(400);
    expect(httpStatusOf(CORE_400)).toBe(400);
    // Connection.connect wraps the gRPC error: the status is in its cause.
    expect(httpStatusOf(new Error('Failed to connect to Temporal server', { cause: CLIENT_400 }))).toBe(400);
    expect(httpStatusOf(new Error('14 UNAVAILABLE: No connection established'))).toBeUndefined();
  });

  it('says the certificate was refused, and which settings give it, when a TLS endpoint with one gets 400', () => {
    const err = explainRefusal(CORE_400, mtls) as Error;
    expect(err.name).toBe('TemporalConnectionRefusedError');
    expect(err.message).toBe(
      'Temporal at proxy:7233 refused the connection (HTTP 400): the server does not accept the client certificate; ' +
        'check --tls-cert-path, TEMPORAL_TLS_CLIENT_CERT_PATH or tls.client_cert_path of the profile and the CA that ' +
        'signed it',
    );
    expect(err.cause).toBe(CORE_400);
  });

  it('says a certificate is required when a TLS endpoint without one gets 400', () => {
    const err = explainRefusal(CLIENT_400, { ...plainEndpoint('proxy:7233'), tls: true }) as Error;
    expect(err.message).toContain('the server requires a client certificate; set --tls-cert-path');
  });

  it('points at the API key on 401 and 403', () => {
    const err = explainRefusal(new Error('Received HTTP status code 401'), plainEndpoint('a:1')) as Error;
    expect(err.message).toContain('check --api-key, TEMPORAL_API_KEY or api_key of the profile');
  });

  it('leaves every other error as it is (400 in plain text says nothing of a certificate)', () => {
    const unavailable = new Error('14 UNAVAILABLE: No connection established');
    expect(explainRefusal(unavailable, mtls)).toBeUndefined();
    expect(explainRefusal(CLIENT_400, plainEndpoint('a:1'))).toBeUndefined();
  });
});
