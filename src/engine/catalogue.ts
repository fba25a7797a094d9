// The catalogue: every expectation type, found by reading the `expectations/` folder.
// Each file default-exports one ExpectationDefinition; the suite JSON Schema and the
// `assay expectations` listing are assembled from them, so nothing can drift.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { ExpectationDefinition, ExpectationFamily, JsonSchema } from './types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** `expectations/` beside `src/`, both in the source tree and in dist/. */
export const EXPECTATIONS_DIR = path.resolve(here, '../../expectations');

let cached: Promise<Map<string, ExpectationDefinition>> | undefined;

export function loadCatalogue(): Promise<Map<string, ExpectationDefinition>> {
  cached ??= readCatalogue();
  return cached;
}

async function readCatalogue(): Promise<Map<string, ExpectationDefinition>> {
  const files = readdirSync(EXPECTATIONS_DIR)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('_'))
    .sort();
  const catalogue = new Map<string, ExpectationDefinition>();
  for (const file of files) {
    const mod = await import(pathToFileURL(path.join(EXPECTATIONS_DIR, file)).href);
    const defs: ExpectationDefinition[] = Array.isArray(mod.default) ? mod.default : [mod.default];
    for (const def of defs) {
      if (!def?.type) throw new Error(`expectations/${file} does not default-export an expectation definition`);
      if (catalogue.has(def.type)) throw new Error(`expectation type ${def.type} is defined twice (expectations/${file})`);
      catalogue.set(def.type, def);
    }
  }
  return catalogue;
}

const resultFormat: JsonSchema = {
  description: 'How much detail the result carries (Great Expectations result_format).',
  oneOf: [
    { enum: ['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE'] },
    {
      type: 'object',
      properties: {
        result_format: { enum: ['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE'] },
        partial_unexpected_count: { type: 'integer', minimum: 0 },
        unexpected_index_column_names: { type: 'array', items: { type: 'string' } },
        include_unexpected_rows: { type: 'boolean' },
        return_unexpected_index_query: { type: 'boolean' },
        exclude_unexpected_values: { type: 'boolean' },
      },
      additionalProperties: false,
    },
  ],
};

const common: Record<string, JsonSchema> = {
  result_format: resultFormat,
  catch_exceptions: { type: 'boolean', description: 'Turn an error into a failed result (always on in Assay).' },
  row_condition: { type: 'string', description: 'Only rows matching this condition are checked (SQL by default).' },
  condition_parser: {
    enum: ['sql', 'great_expectations', 'great_expectations__experimental__', 'pandas'],
    description: 'Syntax of row_condition: sql (default) or Great Expectations\' col("x") > 1 form.',
  },
  meta: { type: 'object' },
  // Written by Great Expectations 0.x into saved suites; accepted and ignored.
  include_config: { type: 'boolean', description: 'Ignored (Great Expectations 0.x).' },
  batch_id: { type: 'string', description: 'Ignored (Great Expectations).' },
};

const mostly: JsonSchema = { type: 'number', minimum: 0, maximum: 1, description: 'Fraction of non-null rows that must pass.' };
const column: JsonSchema = { type: 'string', minLength: 1, description: 'Column to check.' };

/** Kwargs every expectation of a family accepts, beside its own. */
export function familyKwargs(family: ExpectationFamily): { properties: Record<string, JsonSchema>; required: string[] } {
  switch (family) {
    case 'column_map':
      return { properties: { ...common, column, mostly }, required: ['column'] };
    case 'column_pair_map':
      return {
        properties: {
          ...common,
          column_A: column,
          column_B: column,
          mostly,
          ignore_row_if: { enum: ['both_values_are_missing', 'either_value_is_missing', 'neither'] },
        },
        required: ['column_A', 'column_B'],
      };
    case 'multicolumn_map':
      return {
        properties: {
          ...common,
          column_list: { type: 'array', items: { type: 'string' }, minItems: 1 },
          mostly,
          ignore_row_if: { enum: ['all_values_are_missing', 'any_value_is_missing', 'never'] },
        },
        required: ['column_list'],
      };
    case 'column_aggregate':
      return { properties: { ...common, column }, required: ['column'] };
    case 'table':
    case 'query':
      return { properties: { ...common }, required: [] };
  }
}

/** The full JSON Schema of one type's kwargs: family kwargs merged with the type's own. */
export function kwargsSchema(def: ExpectationDefinition): JsonSchema {
  const fam = familyKwargs(def.family);
  const own = def.schema as { properties?: Record<string, JsonSchema>; required?: string[] };
  return {
    ...def.schema,
    type: 'object',
    properties: { ...fam.properties, ...(own.properties ?? {}) },
    required: [...new Set([...fam.required, ...(own.required ?? [])])],
    additionalProperties: false,
  };
}
