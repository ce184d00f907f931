/**
 * Where JSON text stops being JSON, as a line and column and a few words. V8's own messages quote a snippet of the
 * text ("Unexpected token 'r', "root:$6$…" is not valid JSON"), which for a file given by mistake can be a password
 * hash: the CLI says where and what kind of problem, never what the file holds. Iterative (no recursion on nesting).
 */

/** A syntax error: 1-based line and column (in UTF-16 units), and what was expected. */
export interface JsonSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly problem: string;
}

type Expect = 'value' | 'key' | 'after';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];
const ESCAPES = '"\\/bfnrt';
const HEX4 = /^[0-9a-fA-F]{4}$/;

interface Failure {
  readonly at: number;
  readonly problem: string;
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.pos))) this.pos += 1;
  }

  char(): string {
    return this.text.charAt(this.pos);
  }

  /** Moves past a string starting at `pos`; a failure where it breaks. */
  string(): Failure | undefined {
    for (let i = this.pos + 1; i < this.text.length; i += 1) {
      const c = this.text.charAt(i);
      if (c === '"') {
        this.pos = i + 1;
        return undefined;
      }
      if (c < ' ') return { at: i, problem: 'a control character inside a string (escape it)' };
      if (c !== '\\') continue;
      const next = this.text.charAt(i + 1);
      if (next === 'u' && HEX4.test(this.text.slice(i + 2, i + 6))) i += 5;
      else if (ESCAPES.includes(next) && next !== '') i += 1;
      else return { at: i, problem: 'an invalid escape sequence' };
    }
    return { at: this.text.length, problem: 'a string that never ends' };
  }

  /** Moves past a number or literal at `pos`; false when there is none. */
  scalar(): boolean {
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    const literal = LITERALS.find((word) => this.text.startsWith(word, this.pos));
    const length = number?.[0].length || literal?.length || 0;
    this.pos += length;
    return length > 0;
  }
}

function unexpected(scan: Scanner, wanted: string): Failure {
  const ended = scan.pos >= scan.text.length;
  return { at: scan.pos, problem: ended ? `the text ends where ${wanted} should be` : `expected ${wanted}` };
}

/** One step from a value's start: opens a container (pushed on `stack`) or moves past a scalar. */
function value(scan: Scanner, stack: string[]): Failure | Expect {
  const c = scan.char();
  if (c === '{' || c === '[') {
    scan.pos += 1;
    scan.skipSpace();
    const close = c === '{' ? '}' : ']';
    if (scan.char() === close) {
      scan.pos += 1;
      return 'after';
    }
    stack.push(close);
    return c === '{' ? 'key' : 'value';
  }
  if (c === '"') return scan.string() ?? 'after';
  return scan.scalar() ? 'after' : unexpected(scan, 'a value (an object, list, string, number, true, false or null)');
}

function key(scan: Scanner): Failure | Expect {
  if (scan.char() !== '"') return unexpected(scan, 'a property name in double quotes');
  const broken = scan.string();
  if (broken) return broken;
  scan.skipSpace();
  if (scan.char() !== ':') return unexpected(scan, "':' after the property name");
  scan.pos += 1;
  return 'value';
}

function after(scan: Scanner, stack: string[]): Failure | Expect | 'done' {
  const close = stack.at(-1);
  if (close === undefined)
    return scan.pos < scan.text.length ? unexpected(scan, 'nothing after the JSON value') : 'done';
  if (scan.char() === ',') {
    scan.pos += 1;
    return close === '}' ? 'key' : 'value';
  }
  if (scan.char() !== close) return unexpected(scan, `',' or '${close}'`);
  scan.pos += 1;
  stack.pop();
  return 'after';
}

function position(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: at - lineStart + 1 };
}

/** The first syntax error of `text`, or `undefined` when it is JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const scan = new Scanner(text);
  const stack: string[] = [];
  let expect: Expect = 'value';
  for (;;) {
    scan.skipSpace();
    const next: Failure | Expect | 'done' =
      expect === 'value' ? value(scan, stack) : expect === 'key' ? key(scan) : after(scan, stack);
    if (next === 'done') return undefined;
    if (typeof next === 'object') return { ...position(text, next.at), problem: next.problem };
    expect = next;
  }
}
