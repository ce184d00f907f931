/** Request JSON that could make a schema or a digest recurse without bound, or reach a prototype. */
import { MAX_JSON_DEPTH, jsonShapeProblem } from '../../../src/domain/json-shape';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('jsonShapeProblem', () => {
  it(`accepts ${MAX_JSON_DEPTH} levels and names the path where the next one starts`, () => {
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
    const problem = jsonShapeProblem(nested(MAX_JSON_DEPTH + 1));
    expect(problem?.message).toBe(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(problem?.path).toHaveLength(MAX_JSON_DEPTH);
  });

  it('refuses a lone surrogate in a key or a text, naming where, and keeps a well-formed pair', () => {
    expect(jsonShapeProblem({ users: [{ 'k\udfff': 1 }] })).toEqual({
      path: ['users', 0, 'k\udfff'],
      message: 'the key must be well-formed Unicode (no lone UTF-16 surrogate)',
    });
    expect(jsonShapeProblem({ orgId: 'org\ud800A' })).toEqual({
      path: ['orgId'],
      message: 'must be well-formed Unicode (no lone UTF-16 surrogate)',
    });
    expect(jsonShapeProblem({ name: 'Ann \ud83d\ude00' })).toBeUndefined();
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(jsonShapeProblem(nested(100_000))?.path).toHaveLength(MAX_JSON_DEPTH);
  });

  it('refuses __proto__ and constructor.prototype keys, parsed as own keys, wherever they are', () => {
    const body = JSON.parse('{"users":[{"id":"u","__proto__":{"admin":true}}]}') as unknown;
    expect(jsonShapeProblem(body)).toEqual({
      path: ['users', 0, '__proto__'],
      message: 'the key __proto__ is not allowed',
    });
    const ctor = JSON.parse('{"constructor":{"prototype":{"x":1}}}') as unknown;
    expect(jsonShapeProblem(ctor)?.path).toEqual(['constructor']);
  });

  it('lets a plain key named constructor through', () => {
    expect(jsonShapeProblem({ properties: { constructor: 'Ada' } })).toBeUndefined();
  });

  it.each([
    ['NaN', Number.NaN, 'NaN is not a number JSON can carry'],
    ['Infinity', -Infinity, '-Infinity is not a number JSON can carry'],
    ['a bigint', 10n, 'a bigint is not a JSON value'],
    ['a function', () => 1, 'a function is not a JSON value'],
  ])('refuses %s, naming where it is', (_what, leaf, message) => {
    expect(jsonShapeProblem({ users: [{ score: leaf }] })).toEqual({ path: ['users', 0, 'score'], message });
  });

  it('lets finite numbers, negatives and fractions through', () => {
    expect(jsonShapeProblem({ a: -1, b: 0.5, c: Number.MAX_SAFE_INTEGER, d: -0 })).toBeUndefined();
  });

  it.each(['\u0000', '\n', '\t', '\u001b', '\u0085', '\u2028', '\u202e', '\u2066', '\u061c'])(
    'refuses text holding %j, in values and in keys',
    (ch) => {
      expect(jsonShapeProblem({ users: [{ name: `Ada${ch}` }] })).toEqual({
        path: ['users', 0, 'name'],
        message: 'must not contain control or bidirectional characters',
      });
      expect(jsonShapeProblem({ properties: { [`k${ch}`]: 'v' } })?.path).toEqual(['properties', `k${ch}`]);
    },
  );

  it('lets zero-width characters through in text (scripts and emoji use them), not in keys', () => {
    expect(jsonShapeProblem({ name: 'क्\u200dष', emoji: '👩🏽\u200d💻', bom: '\ufeffAda' })).toBeUndefined();
    expect(jsonShapeProblem({ ['a\u200bb']: 1 })?.path).toEqual(['a\u200bb']);
  });

  it('lets any printable text through', () => {
    expect(jsonShapeProblem({ name: 'Zoë Ødegård 山田 — ¿qué? 👩🏽‍💻 "quoted" \\ / % #' })).toBeUndefined();
  });
});
