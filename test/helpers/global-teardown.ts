export default async function globalTeardown(): Promise<void> {
  await globalThis.__BULKFLOW_TEST_ENV__?.teardown();
}
