// expect_column_values_to_be_of_type / _in_type_list. On SQL, GE judges the column's declared
// type, not each value: success when the column's SQLAlchemy type is an instance of the named
// type class of the dialect, and observed_value is the type's name. Here a name matches when it
// is one of the names the engine type is known by in the type vocabularies GE suites are
// written in: the dialect's type vocabulary says which (src/dialects/, `types.aliases`), e.g. a
// DuckDB VARCHAR is VARCHAR and TEXT, a DOUBLE is DOUBLE_PRECISION and FLOAT. Names compare
// case-insensitively, with `_` and spaces alike. observed_value is the engine's own type name.
import type { ExpectationDefinition, JsonSchema } from '../src/engine/types.js';

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
      return { success: names === null || names.some((n) => ctx.dialect.typeIs(type, n)), result: { observed_value: type } };
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
