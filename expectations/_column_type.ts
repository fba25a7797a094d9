// expect_column_values_to_be_of_type / _in_type_list. On SQL, GE judges the column's declared
// type, not each value: success when the column's SQLAlchemy type is an instance of the named
// type class of the dialect, and observed_value is the type's name. Here a name matches when it
// is one of the names the engine type is known by in the type vocabularies GE suites are
// written in (PostgreSQL's and SQLite's SQLAlchemy names, DuckDB's own names): a DuckDB VARCHAR
// is VARCHAR and TEXT, a DOUBLE is DOUBLE_PRECISION and FLOAT; a PostgreSQL DOUBLE PRECISION is
// FLOAT too (SQLAlchemy's DOUBLE_PRECISION is a Float). Names compare case-insensitively,
// with `_` and spaces alike. observed_value is the engine's own type name.
import type { ExpectationDefinition, JsonSchema } from '../src/engine/types.js';

const ALIASES: Record<string, string[]> = {
  BOOLEAN: ['BOOL', 'LOGICAL'],
  TINYINT: ['INT1'],
  SMALLINT: ['INT2', 'SHORT'],
  INTEGER: ['INT', 'INT4', 'SIGNED'],
  BIGINT: ['INT8', 'LONG'],
  HUGEINT: ['INT128'],
  FLOAT: ['REAL', 'FLOAT4'],
  DOUBLE: ['DOUBLE PRECISION', 'FLOAT8', 'FLOAT'],
  DECIMAL: ['NUMERIC'],
  VARCHAR: ['TEXT', 'STRING', 'CHAR', 'CHARACTER', 'BPCHAR', 'CHARACTER VARYING'],
  TIMESTAMP: ['DATETIME', 'TIMESTAMP WITHOUT TIME ZONE'],
  TIMESTAMP_S: ['TIMESTAMP', 'DATETIME'],
  TIMESTAMP_MS: ['TIMESTAMP', 'DATETIME'],
  TIMESTAMP_NS: ['TIMESTAMP', 'DATETIME'],
  'TIMESTAMP WITH TIME ZONE': ['TIMESTAMPTZ', 'TIMESTAMP', 'DATETIME'],
  'TIME WITH TIME ZONE': ['TIMETZ', 'TIME'],
  BLOB: ['BYTEA', 'BINARY', 'VARBINARY'],
  LIST: ['ARRAY'],
  // PostgreSQL's own names (as its connection reports them); TEXT is not VARCHAR there, as in SQLAlchemy.
  'DOUBLE PRECISION': ['DOUBLE', 'FLOAT8', 'FLOAT'],
  REAL: ['FLOAT4', 'FLOAT'],
  NUMERIC: ['DECIMAL'],
  CHAR: ['CHARACTER', 'BPCHAR'],
  BYTEA: ['BLOB', 'BINARY'],
};

const norm = (name: string) =>
  name
    .trim()
    .toUpperCase()
    .replace(/[\s_]+/g, ' ');
const ALIASES_BY_NAME = new Map(Object.entries(ALIASES).map(([k, v]) => [norm(k), v.map(norm)]));

/** The engine type without parameters: DECIMAL(10,2) → DECIMAL, INTEGER[] → LIST, INTEGER[3] → ARRAY. */
function baseType(type: string): string {
  const t = norm(type);
  if (/\[\d+\]$/.test(t)) return 'ARRAY';
  if (t.endsWith('[]')) return 'LIST';
  return t.replace(/\s*\(.*$/s, '');
}

/** Every name a column of this engine type answers to. */
export function typeNames(type: string): string[] {
  const base = baseType(type);
  return [base, ...(ALIASES_BY_NAME.get(base) ?? [])];
}

export function typeMatches(type: string, name: string): boolean {
  return typeNames(type).includes(norm(name));
}

export function columnTypeExpectation<K extends { column: string }>(spec: {
  type: string;
  description: string;
  schema: JsonSchema;
  sentence(k: K): string;
  /** The accepted type names, or null for "any type" (GE: vacuously true). */
  names(k: K): string[] | null;
}): ExpectationDefinition<K> {
  return {
    type: spec.type,
    family: 'column_aggregate',
    description: spec.description,
    schema: spec.schema,
    sentence: spec.sentence,
    columns: (k) => [k.column],
    plan: () => ({}),
    judge(ctx) {
      const type = ctx.typeOf(ctx.kwargs.column);
      const names = spec.names(ctx.kwargs);
      return { success: names === null || names.some((n) => typeMatches(type, n)), result: { observed_value: type } };
    },
  };
}

/** GE's map kwargs that these column-level checks accept but do not use on SQL. */
export const mostlySchema: JsonSchema = {
  type: 'number',
  minimum: 0,
  maximum: 1,
  description: "Accepted as in GE; not used on SQL engines (the type is the column's).",
};
