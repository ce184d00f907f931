/**
 * A connection refused by what stands in front of Temporal, told in words an operator can act on. A TLS proxy that
 * requires client certificates (nginx's `ssl_verify_client on`) completes the handshake whatever the certificate,
 * then answers each call HTTP 400; the SDK reports that as "Received HTTP status code 400" (client) or a gRPC
 * framing error over "400 Bad Request" (the worker's core), neither of which says "certificate".
 */
import { BulkflowError, errorMessage, isError } from '../domain/errors';
import type { TemporalEndpoint } from './endpoint';

export class TemporalConnectionRefusedError extends BulkflowError {
  override readonly name = 'TemporalConnectionRefusedError';
  constructor(
    readonly address: string,
    readonly httpStatus: number,
    hint: string,
    cause: unknown,
  ) {
    super(`Temporal at ${address} refused the connection (HTTP ${httpStatus}): ${hint}`, { retryable: false, cause });
  }
}

/** The HTTP status an SDK connect error (or its cause: the client wraps the gRPC error) reports, when one does. */
export function httpStatusOf(err: unknown): number | undefined {
  for (
    let e: unknown = err, depth = 0;
    e !== undefined && depth < 3;
    e = isError(e) ? e.cause : undefined, depth += 1
  ) {
    const match = /Received HTTP status code (\d{3})|status: (\d{3}) /.exec(errorMessage(e));
    if (match) return Number(match[1] ?? match[2]);
  }
  return undefined;
}

const CERTIFICATE_SETTINGS = '--tls-cert-path, TEMPORAL_TLS_CLIENT_CERT_PATH or tls.client_cert_path of the profile';
const KEY_SETTINGS = '--api-key, TEMPORAL_API_KEY or api_key of the profile';

/** What to check for a refusal with `status` on `endpoint`; undefined when the status says nothing of the client. */
function hintFor(status: number, endpoint: TemporalEndpoint): string | undefined {
  const certificate = typeof endpoint.tls === 'object' && endpoint.tls.clientCertPair !== undefined;
  if (status === 400 && endpoint.tls)
    return certificate
      ? `the server does not accept the client certificate; check ${CERTIFICATE_SETTINGS} and the CA that signed it`
      : `the server requires a client certificate; set ${CERTIFICATE_SETTINGS}`;
  if (status === 401 || status === 403) return `the server does not accept the credentials; check ${KEY_SETTINGS}`;
  return undefined;
}

/** `err` told as a `TemporalConnectionRefusedError` when it is a refusal of the client's credentials. */
export function explainRefusal(err: unknown, endpoint: TemporalEndpoint): TemporalConnectionRefusedError | undefined {
  const status = httpStatusOf(err);
  const hint = status === undefined ? undefined : hintFor(status, endpoint);
  return status !== undefined && hint
    ? new TemporalConnectionRefusedError(endpoint.address, status, hint, err)
    : undefined;
}
