import { runInNewContext } from 'node:vm';
import {
  errorMessage,
  hasErrorName,
  isBulkflowError,
  isError,
  isProviderError,
  ProviderRejectedError,
} from '../../../src/domain/errors';

/** An error made in another realm, as the workflow sandbox or another jest environment makes them. */
const foreign = (source: string): unknown => runInNewContext(source);

describe('isError', () => {
  it('recognises an error of this realm', () => {
    expect(isError(new TypeError('x'))).toBe(true);
  });

  it('recognises an error from another realm, which instanceof Error does not', () => {
    const err = foreign('new Error("x")');
    expect(err instanceof Error).toBe(false);
    expect(isError(err)).toBe(true);
  });

  it('recognises an object shaped like an error, as the SDK does', () => {
    expect(isError({ name: 'Failure', message: 'went wrong' })).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'Error: x'],
    ['an object without a message', { name: 'Failure' }],
    ['an object with a number for a name', { name: 1, message: 'x' }],
    ['an object whose stack is not text', { name: 'Failure', message: 'x', stack: 1 }],
  ])('refuses %s', (_, value) => {
    expect(isError(value)).toBe(false);
  });
});

describe('the guards built on it', () => {
  it("recognise another realm's errors by name and shape", () => {
    const notFound = foreign('Object.assign(new Error("gone"), { name: "WorkflowNotFoundError" })');
    const typed = foreign('Object.assign(new Error("x"), { name: "ConfigError", retryable: false })');
    const provider = foreign('Object.assign(new Error("x"), { provider: "webex", details: {}, retryable: false })');
    expect([
      hasErrorName(notFound, 'WorkflowNotFoundError'),
      isBulkflowError(typed),
      isProviderError(provider),
    ]).toEqual([true, true, true]);
  });

  it('recognise our own typed errors', () => {
    const err = new ProviderRejectedError('webex', { status: 400 });
    expect([hasErrorName(err, 'ProviderRejectedError'), isBulkflowError(err), isProviderError(err)]).toEqual([
      true,
      true,
      true,
    ]);
  });
});

describe('errorMessage', () => {
  it("gives an error's message, whatever its realm", () => {
    expect([errorMessage(new Error('here')), errorMessage(foreign('new Error("there")'))]).toEqual(['here', 'there']);
  });

  it('gives anything else as text', () => {
    expect([errorMessage('plain'), errorMessage(42), errorMessage(undefined)]).toEqual(['plain', '42', 'undefined']);
  });
});
