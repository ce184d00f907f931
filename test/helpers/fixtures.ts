/** Reads the providers' documented example payloads from `test/fixtures/providers` (sources in its README). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Absolute path of the provider fixtures folder. */
export const FIXTURES_DIR = path.resolve(__dirname, '..', 'fixtures', 'providers');

/** The parsed JSON of fixture `name` (with or without `.json`). */
export function loadFixture(name: string): unknown {
  const file = name.endsWith('.json') ? name : `${name}.json`;
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, file), 'utf8')) as unknown;
}

/** Fixture file names starting with `prefix`, sorted. */
export function fixtureNames(prefix: string): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .sort();
}

/** Raw text of fixture `name` (with its extension). */
export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES_DIR, name), 'utf8');
}
