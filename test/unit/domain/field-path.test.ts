/** The one field-path formatter, at the edges where the five it replaced disagreed. */
import { z } from 'zod';
import { fieldPath, firstField, issueFields } from '../../../src/domain/field-path';

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
