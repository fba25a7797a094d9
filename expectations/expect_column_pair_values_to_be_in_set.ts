import { mapExpectation } from '../src/engine/map.js';

type K = { column_A: string; column_B: string; value_pairs_set: [unknown, unknown][] | null; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_pair_values_to_be_in_set',
  family: 'column_pair_map',
  description: "Each row's (A, B) pair is one of the allowed pairs.",
  schema: {
    properties: {
      value_pairs_set: {
        type: ['array', 'null'],
        items: { type: 'array', minItems: 2, maxItems: 2 },
        description: 'The allowed [A, B] pairs; null allows any pair.',
      },
    },
    required: ['value_pairs_set'],
  },
  sentence: (k) =>
    k.value_pairs_set == null
      ? `(${k.column_A}, ${k.column_B}) any pair`
      : `(${k.column_A}, ${k.column_B}) one of ${k.value_pairs_set.map((p) => `(${p.map((v) => JSON.stringify(v)).join(', ')})`).join(', ')}`,
  unexpected(ctx) {
    const { dialect: d, kwargs: k } = ctx;
    if (k.value_pairs_set == null) return 'FALSE';
    const a = ctx.col(k.column_A);
    const b = ctx.col(k.column_B);
    // A pair matches like a Python tuple in a set (GE pandas, Spark's eqNullSafe): null matches
    // only null, and a row with a missing value is unexpected unless its pair is listed.
    const is = (c: string, v: unknown) => (v === null ? `${c} IS NULL` : `${c} = ${d.literal(v)}`);
    const allowed = k.value_pairs_set.map(([x, y]) => `(${is(a, x)} AND ${is(b, y)})`);
    return allowed.length ? `(${allowed.join(' OR ')}) IS NOT TRUE` : 'TRUE';
  },
});
