// DuckDB, the embedded default. Its SQL is what the base dialect speaks; only capabilities differ,
// and one spelling for speed.
import { defineDialect } from './base.js';

export const duckdbDialect = defineDialect({
  name: 'duckdb',
  capabilities: { aggregateFilter: true, regex: true, quantileList: true },
  // DuckDB plans `x IN (a, b, c, ...)` as a hash (MARK) join, which cannot stop early: a sample
  // query with LIMIT 20 then reads a whole CSV. list_contains is a plain function.
  inList(expr, values) {
    return values.length ? `list_contains([${duckdbDialect.list(values)}], ${expr})` : 'FALSE';
  },
});
