// A few expectation definitions for config tests, so they do not depend on which files
// exist in expectations/ yet. Only `type`, `family`, `description` and `schema` matter here.
import { Catalogue } from '../../src/engine/catalogue.js';
import type { ExpectationDefinition, ExpectationFamily, JsonSchema } from '../../src/engine/types.js';

function fake(type: string, family: ExpectationFamily, schema: JsonSchema): ExpectationDefinition {
  const unused = () => {
    throw new Error('not used by config tests');
  };
  return { type, family, schema, description: `${type} (fake)`, sentence: () => type, columns: () => [], plan: unused, judge: unused };
}

export function fakeCatalogue(): Catalogue {
  const defs = [
    fake('expect_column_values_to_not_be_null', 'column_map', {}),
    fake('expect_column_values_to_be_between', 'column_map', {
      properties: {
        min_value: { type: ['number', 'null'] },
        max_value: { type: ['number', 'null'] },
        strict_min: { type: 'boolean' },
        strict_max: { type: 'boolean' },
      },
    }),
    fake('expect_column_values_to_be_in_set', 'column_map', {
      properties: { value_set: { type: 'array' } },
      required: ['value_set'],
    }),
    fake('expect_table_row_count_to_be_between', 'table', {
      properties: { min_value: { type: 'integer', minimum: 0 }, max_value: { type: 'integer', minimum: 0 } },
    }),
  ];
  return Catalogue.of(defs);
}
