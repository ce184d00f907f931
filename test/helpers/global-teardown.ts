import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__BULKFLOW_TEST_ENV__?.teardown();
  const bundles = globalThis.__BULKFLOW_TEST_BUNDLES__;
  if (bundles) rmSync(bundles, { recursive: true, force: true });
}
