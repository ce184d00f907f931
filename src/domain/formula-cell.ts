/**
 * The formula-cell rule, one for every door (API, client, CLI): a text value or key that a spreadsheet would run as a
 * formula when a provider's console exports it (`=…`, `@…`, a leading tab or carriage return, or `+`/`-` followed by
 * more than a number) is refused, since input values travel on to provider consoles and their exports. Phone numbers
 * (`+1 (408) 555-0100`) and signed numbers (`-42`) pass. Pure and iterative: any layer may use it on any JSON value.
 */

/** Why a formula cell is refused, and what to do about it. */
export const FORMULA_MESSAGE =
  'starts like a spreadsheet formula (=, @, tab, carriage return, or + / - before text); remove the leading character';

const CONTROL_START = /^[\t\r]/;
const FORMULA_START = /^[=@]/;
const SIGN = /^[+-]/;
/** A sign followed only by what a phone number or a signed number holds. */
const SIGNED_NUMBER = /^[+-][\d\s().-]*$/;

/**
 * True when `value` starts like a spreadsheet formula (see the module comment). Leading spaces are looked through:
 * schemas that trim a value would otherwise send on the formula they hid.
 */
export function startsLikeFormula(value: string): boolean {
  if (CONTROL_START.test(value)) return true;
  const text = value.trimStart();
  if (FORMULA_START.test(text)) return true;
  return SIGN.test(text) && !SIGNED_NUMBER.test(text);
}

/** The formula cells of a value: the paths of the first `max` of them, and how many there are in all. */
export interface FormulaCells {
  readonly paths: readonly (readonly (string | number)[])[];
  readonly count: number;
}

/** A walk over a value's text, with one path array that grows and shrinks (no copy per node: lists are long). */
class FormulaWalk {
  readonly paths: (readonly (string | number)[])[] = [];
  count = 0;
  private readonly path: (string | number)[] = [];
  constructor(private readonly max: number) {}

  visit(value: unknown): void {
    if (typeof value === 'string') {
      if (startsLikeFormula(value)) this.found();
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) this.child(i, value[i] as unknown);
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        // A key is text that reaches the provider too (FullStory's `schema` passes its keys through).
        if (startsLikeFormula(key)) this.child(key, undefined, true);
        else this.child(key, (value as Record<string, unknown>)[key]);
      }
    }
  }

  private child(key: string | number, value: unknown, formulaKey = false): void {
    this.path.push(key);
    if (formulaKey) this.found();
    else this.visit(value);
    this.path.pop();
  }

  private found(): void {
    this.count += 1;
    if (this.paths.length < this.max) this.paths.push([...this.path]);
  }
}

/**
 * Every text of `value` (values and object keys, at any depth) that starts like a formula, in document order:
 * the paths of the first `max`, and the count of all. Recursive: callers bound the depth first (`json-shape.ts`).
 */
export function formulaCells(value: unknown, max: number): FormulaCells {
  const walk = new FormulaWalk(max);
  walk.visit(value);
  return { paths: walk.paths, count: walk.count };
}
