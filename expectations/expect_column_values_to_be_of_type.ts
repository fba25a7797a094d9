import { columnTypeExpectation, mostlySchema } from './_column_type.js';

type K = { column: string; type_: string | null; mostly?: number };

export default columnTypeExpectation<K>({
  type: 'expect_column_values_to_be_of_type',
  description: "A column's type is the given type (e.g. INTEGER, TEXT, DOUBLE_PRECISION, TIMESTAMP).",
  schema: {
    properties: { type_: { type: ['string', 'null'], description: 'Type name; null accepts any type.' }, mostly: mostlySchema },
    required: ['type_'],
  },
  sentence: (k) => `type of ${k.column} is ${k.type_}`,
  names: (k) => (k.type_ == null ? null : [k.type_]),
});
