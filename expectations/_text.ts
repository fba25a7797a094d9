// Shared by the expectations on text values (regex, LIKE, lengths, formats, JSON): how a column
// is read as text, GE's "values must be strings" rule, and the pattern-list kwargs.
import { mapExpectation, type MapSpec } from '../src/engine/map.js';
import { type Ctx, type ExpectationDefinition, type JsonSchema, type Sql } from '../src/engine/types.js';
import { InvalidKwargsError } from '../src/errors.js';

/**
 * The column as text. GE's pandas and Spark engines match `astype(str)` of any value (SQLite
 * casts too; only PostgreSQL refuses), so a non-text column is cast rather than refused.
 */
export function textOf(ctx: Ctx, column: string): Sql {
  const c = ctx.col(column);
  const type = ctx.typeOf(column);
  return ctx.dialect.isStringType(type) && !/^UUID\b/i.test(type) ? c : ctx.dialect.castText(c);
}

export const isText = (ctx: Ctx, column: string) => ctx.dialect.isStringType(ctx.typeOf(column));

/**
 * A map expectation that, like GE's per-value Python checks (strptime, dateutil, json.loads
 * before a JSON Schema), raises a TypeError on a non-text column as soon as it has a value to
 * check; an all-null column of any type is vacuously fine, as in GE.
 */
export function textMapExpectation<K extends { column: string }>(
  spec: MapSpec<K>,
  typeError: string | ((ctx: Ctx<K>) => string),
): ExpectationDefinition<K> {
  const def = mapExpectation<K>(spec);
  return {
    ...def,
    judge(ctx, metrics, run) {
      const nonnull = Number(metrics.element_count) - Number(metrics.missing_count ?? 0);
      if (nonnull > 0 && !isText(ctx, ctx.kwargs.column)) throw new TypeError(typeof typeError === 'string' ? typeError : typeError(ctx));
      return def.judge(ctx, metrics, run);
    },
  };
}

export const stringsTypeError = (type: string) =>
  `Values passed to ${type} must be of type string.\nIf you want to validate a column of dates or timestamps, please call the expectation before converting from string format.`;

export const matchOnSchema: JsonSchema = {
  enum: ['any', 'all'],
  default: 'any',
  description: "'any': a value must match at least one pattern; 'all': every pattern.",
};

export const patternList = (what: string): JsonSchema => ({
  type: 'array',
  items: { type: 'string' },
  minItems: 1,
  description: `The ${what}.`,
});

/**
 * True when the column's text matches any (OR) or all (AND) of the patterns: regular expressions
 * (a search, as GE's `~`) or LIKE patterns, one predicate per pattern.
 */
export function matchesPatterns(
  ctx: Ctx<{ column: string }>,
  kind: 'regex' | 'like',
  patterns: string[],
  matchOn: 'any' | 'all' = 'any',
): Sql {
  const text = textOf(ctx, ctx.kwargs.column);
  const preds = patterns.map((p) => (kind === 'regex' ? ctx.dialect.regexMatch(text, p) : ctx.dialect.like(text, p)));
  return preds.map((p) => `(${p})`).join(matchOn === 'all' ? ' AND ' : ' OR ');
}

/** GE refuses an empty list (pydantic validator); the schema says so too, this covers API callers. */
export function checkList(list: unknown, message: string): void {
  if (!Array.isArray(list) || list.length === 0) throw new InvalidKwargsError(message);
}

/** "a", "b" and "c" for sentences. */
export function quoteList(items: readonly string[]): string {
  const q = items.map((s) => JSON.stringify(s));
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q.at(-1)}`;
}
