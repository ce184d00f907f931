/**
 * An operation's input checked with a bounded cost and a bounded answer: its own schema, and the formula-cell rule
 * (`domain/formula-cell.ts`) on every text value. A long item list is first read item by item, and reading stops
 * once {@link MAX_LISTED_ISSUES} problems are found: the answer then says "at least" that many, without the zod
 * work and the answer size that tens of thousands of invalid items would cost. Otherwise every problem is counted.
 */
import type { z } from 'zod';
import { FORMULA_MESSAGE, formulaCells } from '../domain/formula-cell';
import { fieldPath, firstIssueFields } from '../domain/field-path';
import type { FieldIssue } from '../domain/field-path';
import { MAX_LISTED_ISSUES } from '../domain/issue-list';
import type { IssueCount } from './errors';

/** The outcome: the parsed input, or the first problems and their count. */
export type InputCheck =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly issues: readonly FieldIssue[]; readonly count: IssueCount };

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'readonly', 'prefault', 'catch', 'nonoptional']);

/** `schema` without optional/default/nullable wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (WRAPPERS.has(current.def.type)) {
    current = (current.def as unknown as { innerType: z.ZodType }).innerType;
  }
  return current;
}

/** The top-level fields of an object schema that are lists, with the schema of one element. */
function listFields(schema: z.ZodType): [string, z.ZodType][] {
  const object = unwrap(schema);
  if (object.def.type !== 'object') return [];
  const { shape } = object.def as unknown as { shape: Record<string, z.ZodType> };
  return Object.entries(shape).flatMap(([key, field]): [string, z.ZodType][] => {
    const list = unwrap(field);
    return list.def.type === 'array' ? [[key, (list.def as unknown as { element: z.ZodType }).element]] : [];
  });
}

function formulaIssues(value: unknown, path: readonly (string | number)[]) {
  const cells = formulaCells(value, MAX_LISTED_ISSUES);
  const issues = cells.paths.map((at) => ({ field: fieldPath('input', [...path, ...at]), message: FORMULA_MESSAGE }));
  return { issues, count: cells.count };
}

/** The problems of one list item, under its place (`input.users[3]`). */
function itemIssues(element: z.ZodType, item: unknown, path: readonly (string | number)[]): FieldIssue[] {
  const parsed = element.safeParse(item);
  const own = parsed.success
    ? []
    : firstIssueFields(fieldPath('input', path), parsed.error.issues, MAX_LISTED_ISSUES).fields;
  return [...own, ...formulaIssues(item, path).issues];
}

/**
 * The first {@link MAX_LISTED_ISSUES} problems of the input's long lists, item by item, when they hold that many
 * (reading stops there); `undefined` when they hold fewer, and the whole input is then checked at once.
 */
function earlyListIssues(schema: z.ZodType, input: unknown): FieldIssue[] | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const found: FieldIssue[] = [];
  for (const [key, element] of listFields(schema)) {
    const items = (input as Record<string, unknown>)[key];
    if (!Array.isArray(items) || items.length <= MAX_LISTED_ISSUES) continue;
    for (let i = 0; i < items.length && found.length < MAX_LISTED_ISSUES; i += 1) {
      for (const issue of itemIssues(element, items[i] as unknown, [key, i])) found.push(issue);
    }
    if (found.length >= MAX_LISTED_ISSUES) return found;
  }
  return undefined;
}

/**
 * Checks an operation's input with its schema and the formula-cell rule. Problems are named as `input.users[3].x`;
 * at most {@link MAX_LISTED_ISSUES} are built, and all are counted unless reading stopped early.
 */
export function checkInput(schema: z.ZodType, input: unknown): InputCheck {
  const early = earlyListIssues(schema, input);
  if (early) return { ok: false, issues: early, count: { total: early.length, exact: false } };
  const parsed = schema.safeParse(input);
  const formulas = formulaIssues(input, []);
  if (parsed.success && formulas.count === 0) return { ok: true, data: parsed.data };
  const own = parsed.success
    ? { fields: [], count: 0 }
    : firstIssueFields('input', parsed.error.issues, MAX_LISTED_ISSUES);
  const issues = [...own.fields, ...formulas.issues];
  return { ok: false, issues, count: { total: own.count + formulas.count, exact: true } };
}
