import { tracingConfigFrom } from '../../../src/tracing/tracing';

describe('tracingConfigFrom', () => {
  it('is off when no OTLP endpoint is set', () => {
    expect(tracingConfigFrom({}, 'bulkflow-worker')).toBeUndefined();
  });

  it('appends /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT, as the OTLP exporter spec says', () => {
    expect(tracingConfigFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'bulkflow-worker')).toEqual({
      url: 'http://collector:4318/v1/traces',
      serviceName: 'bulkflow-worker',
    });
  });

  it('takes OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as it is, before the base endpoint', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.test/otlp/spans',
      OTEL_SERVICE_NAME: 'bulkflow-eu',
    };
    expect(tracingConfigFrom(env, 'bulkflow-api')).toEqual({
      url: 'https://traces.example.test/otlp/spans',
      serviceName: 'bulkflow-eu',
    });
  });

  it('is off with OTEL_SDK_DISABLED=true, whatever the endpoint', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' };
    expect(tracingConfigFrom(env, 'bulkflow-worker')).toBeUndefined();
  });

  it.each([
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'grpc://collector:4317'],
  ])('names %s when it is not an http(s) URL', (variable, value) => {
    expect(() => tracingConfigFrom({ [variable]: value }, 'bulkflow-worker')).toThrow(
      `invalid configuration: ${variable}: `,
    );
  });
});
