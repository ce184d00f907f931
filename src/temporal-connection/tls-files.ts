/**
 * The TLS material of a profile, read and checked before any connection is tried: a certificate that is not one, a
 * key that does not match its certificate or a certificate without its key is a `ConfigError` naming the setting,
 * where the SDK would fail later with a handshake error (or, for a lone certificate, silently connect without it).
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ClientConfigTLS, ConfigDataSource } from '@temporalio/envconfig';
import { ConfigError, errorMessage } from '../domain/errors';

/** Names the setting that gave a TLS part (its path or its data form, as `source` says). */
export type TlsPartLabel = (part: 'clientCert' | 'clientKey' | 'serverCACert', source: ConfigDataSource) => string;

/** The bytes of `source`. Thrown when its file does not read: `ConfigError` naming `label`. */
function bytesOf(source: ConfigDataSource, label: string): Buffer {
  if (!('path' in source)) return Buffer.from(source.data);
  try {
    return readFileSync(source.path);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(`${label} (${source.path})`, missing ? 'no such file' : errorMessage(err));
  }
}

function certificateOf(bytes: Buffer, label: string): X509Certificate {
  try {
    return new X509Certificate(bytes);
  } catch {
    throw new ConfigError(label, 'is not a PEM certificate');
  }
}

function checkKey(key: Buffer, keyLabel: string, cert: X509Certificate, certLabel: string): void {
  let parsed;
  try {
    parsed = createPrivateKey(key);
  } catch {
    throw new ConfigError(keyLabel, 'is not a PEM private key');
  }
  if (!cert.checkPrivateKey(parsed))
    throw new ConfigError(keyLabel, `is not the key of the certificate of ${certLabel}`);
}

/**
 * `tls` with every part as checked data (no file read later). Thrown when a part does not read, is not what it
 * should be, or a client certificate comes without its key (or the reverse): `ConfigError` naming the setting.
 */
export function loadTlsParts(tls: ClientConfigTLS, label: TlsPartLabel): ClientConfigTLS {
  const { clientCert, clientKey, serverCACert } = tls;
  if (clientCert && !clientKey) throw new ConfigError(label('clientCert', clientCert), 'needs the client key as well');
  if (clientKey && !clientCert)
    throw new ConfigError(label('clientKey', clientKey), 'needs the client certificate as well');
  const loaded: ClientConfigTLS = { ...tls };
  if (clientCert && clientKey) {
    const [certLabel, keyLabel] = [label('clientCert', clientCert), label('clientKey', clientKey)];
    const [cert, key] = [bytesOf(clientCert, certLabel), bytesOf(clientKey, keyLabel)];
    checkKey(key, keyLabel, certificateOf(cert, certLabel), certLabel);
    Object.assign(loaded, { clientCert: { data: cert }, clientKey: { data: key } });
  }
  if (serverCACert) {
    const caLabel = label('serverCACert', serverCACert);
    const ca = bytesOf(serverCACert, caLabel);
    certificateOf(ca, caLabel);
    loaded.serverCACert = { data: ca };
  }
  return loaded;
}
