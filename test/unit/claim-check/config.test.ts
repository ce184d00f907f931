/** The claim check's settings as every process reads them: a directory or a bucket, never both, each named in errors. */
import { blobStoreOf } from '../../../src/claim-check';
import { defaultBlobDirEnv } from '../../../src/claim-check/config';
import { loadConfig, loadTemporalConfig } from '../../../src/config';
import { thrownBy } from '../../helpers/thrown';

const BUCKET = { BULKFLOW_CLAIM_CHECK_S3_BUCKET: 'acme-bulkflow-blobs' };

describe('the claim-check settings', () => {
  it('keep payloads inline when neither a directory nor a bucket is set', () => {
    expect(loadTemporalConfig({}).claimCheck).toBeUndefined();
  });

  it('read a bucket with the defaults: prefix claim-check/, region us-east-1, AWS S3, virtual-hosted style', () => {
    expect(loadTemporalConfig(BUCKET).claimCheck).toEqual({
      s3: { bucket: 'acme-bulkflow-blobs', prefix: 'claim-check/', region: 'us-east-1', forcePathStyle: false },
      thresholdBytes: 131_072,
    });
  });

  it('read every S3 setting, ending the prefix with a slash', () => {
    const claimCheck = loadConfig({
      ...BUCKET,
      BULKFLOW_CLAIM_CHECK_S3_ENDPOINT: 'http://minio.internal:9000',
      BULKFLOW_CLAIM_CHECK_S3_PREFIX: 'prod/blobs',
      BULKFLOW_CLAIM_CHECK_S3_REGION: 'eu-central-1',
      BULKFLOW_CLAIM_CHECK_S3_FORCE_PATH_STYLE: 'true',
      BULKFLOW_CLAIM_CHECK_THRESHOLD_BYTES: '65536',
    }).temporal.claimCheck;
    expect(claimCheck).toEqual({
      s3: {
        bucket: 'acme-bulkflow-blobs',
        prefix: 'prod/blobs/',
        region: 'eu-central-1',
        endpoint: 'http://minio.internal:9000',
        forcePathStyle: true,
      },
      thresholdBytes: 65_536,
    });
    expect(claimCheck && blobStoreOf(claimCheck).location).toBe('s3://acme-bulkflow-blobs/prod/blobs/');
  });

  it('build the directory store from a directory, as before', () => {
    const claimCheck = loadTemporalConfig({ BULKFLOW_CLAIM_CHECK_DIR: '/var/lib/bulkflow/blobs' }).claimCheck;
    expect(claimCheck).toEqual({ dir: '/var/lib/bulkflow/blobs', thresholdBytes: 131_072, fileMode: 'private' });
    expect(claimCheck && blobStoreOf(claimCheck).location).toBe('/var/lib/bulkflow/blobs');
  });

  it('refuse a directory and a bucket together, naming both', () => {
    const err = thrownBy(() => loadConfig({ ...BUCKET, BULKFLOW_CLAIM_CHECK_DIR: '/blobs' })) as Error;
    expect(err).toMatchObject({ name: 'ConfigError', source: 'BULKFLOW_CLAIM_CHECK_DIR' });
    expect(err.message).toMatch(/BULKFLOW_CLAIM_CHECK_DIR.*BULKFLOW_CLAIM_CHECK_S3_BUCKET/);
  });

  it.each([
    ['BULKFLOW_CLAIM_CHECK_S3_ENDPOINT', 'http://minio:9000'],
    ['BULKFLOW_CLAIM_CHECK_S3_PREFIX', 'blobs/'],
    ['BULKFLOW_CLAIM_CHECK_S3_REGION', 'eu-west-1'],
    ['BULKFLOW_CLAIM_CHECK_S3_FORCE_PATH_STYLE', 'true'],
  ])('refuse %s without a bucket, naming it and the bucket', (name, value) => {
    const err = thrownBy(() => loadTemporalConfig({ BULKFLOW_CLAIM_CHECK_DIR: '/blobs', [name]: value })) as Error;
    expect(err).toMatchObject({ name: 'ConfigError', source: name });
    expect(err.message).toContain('BULKFLOW_CLAIM_CHECK_S3_BUCKET');
  });

  it.each([
    ['BULKFLOW_CLAIM_CHECK_S3_BUCKET', 'Not_A_Bucket'],
    ['BULKFLOW_CLAIM_CHECK_S3_ENDPOINT', 'minio:9000'],
    ['BULKFLOW_CLAIM_CHECK_S3_ENDPOINT', 'ftp://minio:9000'],
    ['BULKFLOW_CLAIM_CHECK_S3_PREFIX', '/absolute/'],
    ['BULKFLOW_CLAIM_CHECK_S3_REGION', 'EU Central'],
    ['BULKFLOW_CLAIM_CHECK_S3_FORCE_PATH_STYLE', 'yes'],
  ])('refuse a malformed %s (%s), naming it', (name, value) => {
    expect(thrownBy(() => loadConfig({ ...BUCKET, [name]: value }))).toMatchObject({
      name: 'ConfigError',
      source: name,
    });
  });

  it('treat empty S3 settings as unset, as in a fresh copy of an example env file', () => {
    const empty = {
      BULKFLOW_CLAIM_CHECK_S3_BUCKET: '',
      BULKFLOW_CLAIM_CHECK_S3_ENDPOINT: '',
      BULKFLOW_CLAIM_CHECK_S3_PREFIX: '',
      BULKFLOW_CLAIM_CHECK_S3_REGION: '',
      BULKFLOW_CLAIM_CHECK_S3_FORCE_PATH_STYLE: '',
    };
    expect(loadTemporalConfig({ ...empty, BULKFLOW_CLAIM_CHECK_DIR: '/blobs' }).claimCheck).toMatchObject({
      dir: '/blobs',
    });
  });

  it('add a default directory (the embedded stack) only where the environment chose no store', () => {
    const dataBlobs = '/checkout/.data/blobs';
    expect(defaultBlobDirEnv({}, dataBlobs)).toEqual({ BULKFLOW_CLAIM_CHECK_DIR: dataBlobs });
    const withBucket = { ...BUCKET, BULKFLOW_CLAIM_CHECK_S3_ENDPOINT: 'http://127.0.0.1:9000' };
    expect(loadTemporalConfig({ ...defaultBlobDirEnv(withBucket, dataBlobs), ...withBucket }).claimCheck).toMatchObject(
      {
        s3: { bucket: 'acme-bulkflow-blobs' },
      },
    );
    expect(defaultBlobDirEnv({ BULKFLOW_CLAIM_CHECK_DIR: '/mine' }, dataBlobs)).toEqual({});
  });
});
