import { dropTemporalEnv, inheritedEnv } from '../../../bench/lib/own-env';

describe('inheritedEnv', () => {
  it("keeps the process's environment but for Temporal and bulkflow settings", () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/dev',
      TEMPORAL_ADDRESS: 'temporal.example:7233',
      TEMPORAL_NAMESPACE: 'production',
      TEMPORAL_DEBUG: '1',
      BULKFLOW_ENCRYPTION_KEY_FILE: '/etc/bulkflow/keys',
      BULKFLOW_CONFIG: '/etc/bulkflow/config.yaml',
      BENCH_DB_DIR: '/tmp/bench',
      UNSET: undefined,
    };
    expect(inheritedEnv(env)).toEqual({ PATH: '/usr/bin', HOME: '/home/dev', BENCH_DB_DIR: '/tmp/bench' });
  });

  it("drops the developer's OpenTelemetry settings: a stack's worker traces into the stack's collector or not at all", () => {
    const env = {
      PATH: '/usr/bin',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.example:4318',
      OTEL_SERVICE_NAME: 'my-worker',
      OTEL_SDK_DISABLED: 'false',
    };
    expect(inheritedEnv(env)).toEqual({ PATH: '/usr/bin' });
  });
});

describe('dropTemporalEnv', () => {
  it('removes every TEMPORAL_* variable and names them', () => {
    const env: NodeJS.ProcessEnv = {
      PATH: '/usr/bin',
      TEMPORAL_NAMESPACE: 'production',
      TEMPORAL_TLS: 'true',
      BULKFLOW_LOG_LEVEL: 'debug',
    };
    expect(dropTemporalEnv(env)).toEqual(['TEMPORAL_NAMESPACE', 'TEMPORAL_TLS']);
    expect(env).toEqual({ PATH: '/usr/bin', BULKFLOW_LOG_LEVEL: 'debug' });
  });
});
