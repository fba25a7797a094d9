import type { ExpectationDefinition } from '../src/engine/types.js';

type K = { column: string; column_index?: number | null };

const def: ExpectationDefinition<K> = {
  type: 'expect_column_to_exist',
  family: 'table',
  description: 'A column exists, optionally at a given position.',
  schema: {
    properties: {
      column: { type: 'string', minLength: 1, description: 'The column that must exist.' },
      column_index: { type: ['integer', 'null'], description: 'Its 0-based position (negative counts from the end).' },
    },
    required: ['column'],
  },
  sentence: (k) => (k.column_index == null ? `column ${k.column} exists` : `column ${k.column} is at position ${k.column_index}`),
  // Not a column the expectation reads: a missing one is its failure, not an error.
  columns: () => [],
  plan: () => ({}),
  judge(ctx) {
    const names = ctx.columns.map((c) => c.name);
    const { column, column_index: index } = ctx.kwargs;
    // As GE: index 0 (falsy in Python) only asks for existence; a negative index counts from the end.
    const success = index ? (index < 0 ? names[names.length + index] : names[index]) === column : names.includes(column);
    return { success, result: {} };
  },
};
export default def;
