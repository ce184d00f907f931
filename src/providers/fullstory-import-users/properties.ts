/**
 * FullStory's rules for custom user properties (docs/contracts.md#fullstoryimportusers-payloads; the create-batch
 * page): at most 500 unique properties, names `[A-Za-z][A-Za-z0-9_]*`, nested objects allowed with the dotted full name
 * at most 512 characters, each value at most 8192 bytes. Shared by input validation and the simulator.
 */

/** One property name segment. */
export const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
export const MAX_PROPERTIES = 500;
export const MAX_PROPERTY_NAME_LENGTH = 512;
export const MAX_PROPERTY_VALUE_BYTES = 8192;

/** A broken rule, with the path of keys below `properties` that leads to it (empty for the whole object). */
export interface PropertyProblem {
  readonly path: readonly string[];
  readonly message: string;
}

interface Walk {
  readonly problems: PropertyProblem[];
  leaves: number;
}

/**
 * The rules `properties` breaks, first found first. A nested object's leaves count as properties (named by the
 * dotted concatenation of their parents); a key may itself be dotted (`plan.tier`), each segment a valid name.
 */
export function propertyProblems(properties: Readonly<Record<string, unknown>>): PropertyProblem[] {
  const walk: Walk = { problems: [], leaves: 0 };
  visit(properties, [], '', walk);
  if (walk.leaves > MAX_PROPERTIES) {
    walk.problems.push({ path: [], message: `at most ${MAX_PROPERTIES} properties allowed, got ${walk.leaves}` });
  }
  return walk.problems;
}

function visit(object: Readonly<Record<string, unknown>>, path: readonly string[], prefix: string, walk: Walk): void {
  for (const [key, value] of Object.entries(object)) {
    const here = [...path, key];
    const fullName = prefix === '' ? key : `${prefix}.${key}`;
    if (!key.split('.').every((segment) => PROPERTY_NAME.test(segment))) {
      walk.problems.push({ path: here, message: nameMessage(fullName) });
      continue;
    }
    if (fullName.length > MAX_PROPERTY_NAME_LENGTH) {
      walk.problems.push({ path: here, message: `property name longer than ${MAX_PROPERTY_NAME_LENGTH} characters` });
      continue;
    }
    if (isPlainObject(value)) {
      visit(value, here, fullName, walk);
      continue;
    }
    walk.leaves += 1;
    const bytes = valueBytes(value);
    if (bytes > MAX_PROPERTY_VALUE_BYTES) {
      walk.problems.push({ path: here, message: `value of ${bytes} bytes exceeds ${MAX_PROPERTY_VALUE_BYTES} bytes` });
    }
  }
}

function nameMessage(name: string): string {
  return `property name ${JSON.stringify(name)} must start with a letter and hold only letters, digits and underscores`;
}

/** Size of a value as sent: a string's UTF-8 bytes, anything else's JSON serialization. */
export function valueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** True for `{…}` objects (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
