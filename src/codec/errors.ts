/**
 * Typed errors of payload encryption. Every one names the key id it is about, never key material, and no message
 * holds a directory of this server (they reach API answers, job failures and logs); paths are properties.
 */
import { basename } from 'node:path';
import { BulkflowError } from '../domain/errors';

/**
 * Thrown when a payload names a data key the tenant key store does not hold: the tenant's key was erased
 * (`bulkflow keys erase-tenant`), or this process reads another key directory than the one the payload was
 * written with.
 */
export class DataKeyNotFoundError extends BulkflowError {
  override readonly name = 'DataKeyNotFoundError';
  constructor(
    readonly keyId: string,
    readonly dir: string,
  ) {
    super(
      `data key ${keyId} is not in the tenant key store: its tenant's data was erased, or ` +
        'BULKFLOW_TENANT_KEY_DIR is not the directory the payload was written with',
      { retryable: false },
    );
  }
}

/** Thrown when a data key is wrapped by a master key this process is not configured with. */
export class UnknownMasterKeyError extends BulkflowError {
  override readonly name = 'UnknownMasterKeyError';
  constructor(
    readonly keyId: string,
    readonly dataKeyId: string,
  ) {
    super(
      `master key ${keyId} (which wraps data key ${dataKeyId}) is not configured: add it to ` +
        'BULKFLOW_ENCRYPTION_KEY_FILE or BULKFLOW_ENCRYPTION_KEYS',
      { retryable: false },
    );
  }
}

/** Thrown when an encrypted payload names a key id that no data key can have (not written by bulkflow). */
export class MalformedKeyIdError extends BulkflowError {
  override readonly name = 'MalformedKeyIdError';
  constructor(readonly keyId: string) {
    super(`payload key id ${JSON.stringify(keyId)} is not a bulkflow data key id`, { retryable: false });
  }
}

/**
 * Thrown when a payload or a wrapped data key does not authenticate under its key: the bytes were altered, or
 * they were sealed under another key than the one their key id names.
 */
export class DecryptionError extends BulkflowError {
  override readonly name = 'DecryptionError';
  constructor(
    readonly keyId: string,
    what: string,
  ) {
    super(`${what} under key ${keyId} does not decrypt: altered, or sealed under another key`, {
      retryable: false,
    });
  }
}

/** Thrown when a data key file cannot be read as one (truncated, edited by hand, or not bulkflow's). */
export class DataKeyFileError extends BulkflowError {
  override readonly name = 'DataKeyFileError';
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`data key file ${basename(path)} of BULKFLOW_TENANT_KEY_DIR: ${problem}`, { retryable: false });
  }
}

/** Thrown when another key administration (rotate, rewrap, erase) holds the key store's lock. */
export class KeyStoreBusyError extends BulkflowError {
  override readonly name = 'KeyStoreBusyError';
  constructor(readonly lockPath: string) {
    super(
      `another key administration holds ${lockPath}; wait for it, or delete the file if no bulkflow keys ` +
        'command is running',
      { retryable: false },
    );
  }
}

/**
 * Thrown when a process without master keys meets an encrypted payload: it names the settings that would read it,
 * where the payload converter would only say "Unknown encoding".
 */
export class PayloadKeysMissingError extends BulkflowError {
  override readonly name = 'PayloadKeysMissingError';
  constructor(readonly keyId: string) {
    super(
      `this job's data is encrypted (data key ${keyId}) and this process has no keys to read it: set ` +
        'BULKFLOW_ENCRYPTION_KEY_FILE (or BULKFLOW_ENCRYPTION_KEYS) and BULKFLOW_TENANT_KEY_DIR to those of the ' +
        'workers; beside `npm start`, leave TEMPORAL_ADDRESS unset and they are read from its stack.json',
      { retryable: false },
    );
  }
}

/**
 * Thrown by a worker that holds keys when a job's input reached Temporal unencrypted (started by a client without
 * the keys): the job is refused before anything runs, and the message names the settings the client lacked.
 */
export class PlaintextInputError extends BulkflowError {
  override readonly name = 'PlaintextInputError';
  constructor() {
    super(
      "refused: this job's input was stored in Temporal unencrypted, by a client without the payload keys, and " +
        'workers that hold keys run no plaintext job. Start it again from a client with BULKFLOW_ENCRYPTION_KEY_FILE ' +
        '(or BULKFLOW_ENCRYPTION_KEYS), BULKFLOW_TENANT_KEY_DIR and BULKFLOW_CLAIM_CHECK_DIR (or ' +
        'BULKFLOW_CLAIM_CHECK_S3_BUCKET) set as the workers have them (beside `npm start`, leave TEMPORAL_ADDRESS ' +
        'unset: the CLI reads them from its stack.json). The plaintext input stays in this ' +
        "job's history until the workflow is deleted (`temporal workflow delete`)",
      { retryable: false },
    );
  }
}
