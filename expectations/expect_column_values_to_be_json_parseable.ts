// GE (pandas and Spark only; it skips this type on SQL): `json.loads(value)` must succeed.
// Anything else fails quietly, non-string values included (json.loads of a number is a
// TypeError, which GE counts as unparseable). In SQL through the dialect (fused scan), with
// Python's rules: NaN and Infinity are accepted, trailing commas are not. A dialect that cannot
// test JSON without raising (PostgreSQL 15) is judged in JS instead, over the distinct values.
import { mapExpectation, unexpectedRowsQuery, type MapSpec } from '../src/engine/map.js';
import type { Ctx, ExpectationDefinition } from '../src/engine/types.js';
import { pythonJsonLoads } from './_json.js';
import { isText, textOf } from './_text.js';

type K = { column: string; mostly?: number };

const common: Omit<MapSpec<K>, 'unexpected' | 'jsUnexpected'> = {
  type: 'expect_column_values_to_be_json_parseable',
  description: 'Each value of a column is text that parses as JSON.',
  schema: {},
  sentence: (k) => `values of ${k.column} are JSON documents`,
};

const inSql = mapExpectation<K>({
  ...common,
  unexpected: (ctx) => (isText(ctx, ctx.kwargs.column) ? `NOT ${ctx.dialect.jsonParseable(textOf(ctx, ctx.kwargs.column))}` : 'TRUE'),
});

const parses = (value: unknown) => {
  try {
    pythonJsonLoads(value as string);
    return true;
  } catch {
    return false;
  }
};
const inJs = mapExpectation<K>({ ...common, jsUnexpected: (value) => typeof value !== 'string' || !parses(value) });

const pick = (ctx: Ctx<K>) => (ctx.dialect.capabilities.jsonParseable ? inSql : inJs);

// The map expectation's hooks (e.g. the quarantine's failing-rows query) follow the same choice.
const hooks = Object.fromEntries(
  Object.getOwnPropertySymbols(inSql).map((key) => [
    key,
    (ctx: Ctx<K>, run: Parameters<typeof unexpectedRowsQuery>[2]) => unexpectedRowsQuery(pick(ctx), ctx, run),
  ]),
);

const def: ExpectationDefinition<K> = {
  ...inSql,
  plan: (ctx) => pick(ctx).plan(ctx),
  judge: (ctx, metrics, run) => pick(ctx).judge(ctx, metrics, run),
};
export default Object.assign(def, hooks);
