/** The one field-path formatter, at the edges where the five it replaced disagreed. */
import { z } from 'zod';
import { fieldPath, firstField, issueFields, issuesText } from '../../../src/domain/field-path';

describe('fieldPath', () => {
  it('writes numeric keys as indexes and names after dots, under the prefix', () => {
    expect(fieldPath('input', ['users', 3, 'phoneNumber'])).toBe('input.users[3].phoneNumber');
    expect(fieldPath('', ['users', 3, 'phoneNumber'])).toBe('users[3].phoneNumber');
    expect(fieldPath('header', ['idempotency-key'])).toBe('header["idempotency-key"]');
  });

  it('names the prefix for an empty path, and (request) without a prefix', () => {
    expect(fieldPath('input', [])).toBe('input');
    expect(fieldPath('', [])).toBe('(request)');
  });

  it('quotes a key that is not a plain name, so it cannot fake a path or a line', () => {
    expect(fieldPath('input', ['a.b', 'x y', 'line\nbreak', '0day'])).toBe(
      'input["a.b"]["x y"]["line\\nbreak"]["0day"]',
    );
    expect(fieldPath('', [Symbol('s')])).toBe('["Symbol(s)"]');
  });
});

describe('issueFields', () => {
  const Schema = z.object({ users: z.array(z.object({ id: z.string() }).strict()) }).strict();

  it('reports each unknown key as its own field, at the object it sits in', () => {
    const result = Schema.safeParse({ users: [{ id: 'a', office: 1, desk: 2 }], extra: true });
    expect(result.success).toBe(false);
    expect(issueFields('input', result.error?.issues ?? []).map((i) => i.field)).toEqual([
      'input.users[0].office',
      'input.users[0].desk',
      'input.extra',
    ]);
  });

  it('keeps the message of every other issue', () => {
    const result = Schema.safeParse({ users: [{ id: 7 }] });
    expect(issueFields('', result.error?.issues ?? [])).toEqual([
      { field: 'users[0].id', message: expect.stringContaining('expected string') },
    ]);
  });
});

describe('firstField', () => {
  it('gives the first offending field, or the root when there is no issue', () => {
    const result = z.object({ a: z.string() }).strict().safeParse({ b: 1 });
    expect(firstField('', result.error?.issues ?? []).field).toBe('a');
    expect(firstField('', [])).toEqual({ field: '(request)', message: 'invalid' });
  });
});

describe('issuesText', () => {
  it('writes every issue as its field path and message, on one line', () => {
    const issues = [
      { path: ['users', 3, 'phoneNumber'], message: 'must be E.164' },
      { code: 'unrecognized_keys', path: ['users', 0], message: 'Unrecognized key: "x y"', keys: ['x y'] },
    ];
    expect(issuesText(issues)).toBe('users[3].phoneNumber: must be E.164; users[0]["x y"]: unknown field');
  });

  it('writes an issue about the value as a whole as its message alone', () => {
    const result = z.object({ a: z.string() }).safeParse('text');
    expect(issuesText(result.error?.issues ?? [])).toBe(result.error?.issues[0]?.message);
  });
});
