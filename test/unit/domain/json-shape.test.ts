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
});
