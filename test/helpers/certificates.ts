/**
 * Certificates for the TLS tests, made with OpenSSL in a folder of the test: a CA, a server certificate for
 * `localhost` and 127.0.0.1 signed by it, a client certificate signed by it, and a client certificate signed by a
 * CA the server does not trust. EC P-256 keys: quick to make, and every TLS stack involved (nginx's OpenSSL, Node,
 * the SDK core's rustls) takes them.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENSSL, requireSystemTool } from '../../src/dev/tools';

export interface CertPair {
  readonly cert: string;
  readonly key: string;
}

export interface TestCertificates {
  /** The CA that signed the server's and the good client's certificates. */
  readonly ca: string;
  readonly server: CertPair;
  readonly client: CertPair;
  /** A client certificate of another CA: the server refuses it. */
  readonly stranger: CertPair;
}

function openssl(args: readonly string[], cwd: string): void {
  execFileSync(requireSystemTool(OPENSSL, 'openssl'), args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function makeCa(dir: string, name: string): CertPair {
  const pair = { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
  const ext = ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'];
  openssl(
    ['req', '-x509', ...EC_KEY, '-keyout', pair.key, '-out', pair.cert, '-days', '2', '-subj', `/CN=${name}`, ...ext],
    dir,
  );
  return pair;
}

/** A leaf certificate `name` signed by `ca`, with the extensions in `extensions` (OpenSSL's config syntax). */
function makeLeaf(dir: string, name: string, ca: CertPair, extensions: string): CertPair {
  const pair = { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
  const csr = join(dir, `${name}.csr`);
  const extFile = join(dir, `${name}.ext`);
  writeFileSync(extFile, `${extensions}\nbasicConstraints=critical,CA:FALSE\n`);
  openssl(['req', '-new', ...EC_KEY, '-keyout', pair.key, '-out', csr, '-subj', `/CN=${name}`], dir);
  const sign = ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial'];
  openssl([...sign, '-out', pair.cert, '-days', '2', '-extfile', extFile], dir);
  return pair;
}

/** Makes the certificates into `dir`. Thrown when OpenSSL is missing or fails. */
export function makeTestCertificates(dir: string): TestCertificates {
  const ca = makeCa(dir, 'test-ca');
  const other = makeCa(dir, 'other-ca');
  const server = makeLeaf(dir, 'server', ca, 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth');
  const client = makeLeaf(dir, 'client', ca, 'extendedKeyUsage=clientAuth');
  const stranger = makeLeaf(dir, 'stranger', other, 'extendedKeyUsage=clientAuth');
  return { ca: ca.cert, server, client, stranger };
}
