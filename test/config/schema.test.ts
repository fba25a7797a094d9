import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildSuiteSchema } from '../../src/config/schema.js';
import { fakeCatalogue } from './fake-catalogue.js';

const schema = buildSuiteSchema(await fakeCatalogue().definitions());
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const suite = (expectations: unknown[]) => ({ name: 's', expectations });

describe('buildSuiteSchema', () => {
  it('accepts a valid suite and checks kwargs per type, as an editor would', () => {
    expect(validate(suite([{ type: 'expect_column_values_to_be_between', kwargs: { column: 'a', min_value: 1 } }]))).toBe(true);
    expect(validate(suite([{ type: 'expect_column_values_to_be_between', kwargs: { column: 'a', min_value: 'x' } }]))).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/expectations/0/kwargs/min_value')).toBe(true);
    // One type's kwargs do not leak into another's.
    expect(validate(suite([{ type: 'expect_table_row_count_to_be_between', kwargs: { column: 'a' } }]))).toBe(false);
  });

  it('offers type names with descriptions and accepts GE 0.x spellings', () => {
    const item = (schema.properties as any).expectations.items;
    expect(item.properties.type.enum).toContain('expect_column_values_to_be_in_set');
    const rule = item.allOf.find((r: any) => r.if?.properties?.type?.const === 'expect_column_values_to_be_in_set');
    expect(rule.if.required).toEqual(['type']);
    expect(rule.then.properties.kwargs).toMatchObject({
      description: 'expect_column_values_to_be_in_set (fake)',
      required: ['column', 'value_set'],
    });
    expect(validate({ expectation_suite_name: 's', expectations: [{ expectation_type: 'anything', kwargs: {} }] })).toBe(true);
    expect(validate({ expectations: [{ kwargs: {} }] })).toBe(false);
  });
});
