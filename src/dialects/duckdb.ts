// DuckDB, the embedded default. Its SQL is what the base dialect speaks; only capabilities differ.
import { defineDialect } from './base.js';

export const duckdbDialect = defineDialect({
  name: 'duckdb',
  capabilities: { aggregateFilter: true, regex: true, quantileList: true },
});
