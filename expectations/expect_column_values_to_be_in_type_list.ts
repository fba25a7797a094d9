import { columnTypeExpectation, mostlySchema } from './_column_type.js';

type K = { column: string; type_list: string[] | null; mostly?: number };

export default columnTypeExpectation<K>({
  type: 'expect_column_values_to_be_in_type_list',
  description: "A column's type is one of the given types.",
  schema: {
    properties: {
      type_list: { type: ['array', 'null'], items: { type: 'string' }, description: 'Type names; null accepts any type.' },
      mostly: mostlySchema,
    },
    required: ['type_list'],
  },
  sentence: (k) => `type of ${k.column} is one of ${(k.type_list ?? []).join(', ')}`,
  names: (k) => k.type_list ?? null,
});
