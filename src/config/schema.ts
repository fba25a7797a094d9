// The JSON Schema of a suite file. Its top-level shape is what `parseSuite` checks with ajv;
// `buildSuiteSchema` adds each type's kwargs from the catalogue for editors (completion,
// hover text), so suites/suite.schema.json is generated and can never drift.
import { kwargsSchema } from '../engine/catalogue.js';
import type { ExpectationDefinition, JsonSchema } from '../engine/types.js';

/** Keys Great Expectations writes into suite JSON that Assay reads past (0.x and 1.x). */
const geSuiteKeys: Record<string, JsonSchema> = {
  expectation_suite_name: { type: 'string', minLength: 1, maxLength: 1000, description: 'Great Expectations 0.x spelling of name.' },
  id: { description: 'Great Expectations 1.x suite id (ignored).' },
  ge_cloud_id: { description: 'Great Expectations 0.x cloud id (ignored).' },
  data_asset_type: { description: 'Great Expectations 0.x asset type (ignored).' },
  notes: { description: 'Great Expectations notes (ignored).' },
  suite_parameters: { type: 'object', description: 'Values for {"$PARAMETER": name} kwargs (GE 1.x).' },
  evaluation_parameters: { type: 'object', description: 'Values for {"$PARAMETER": name} kwargs (GE 0.x).' },
};

const geExpectationKeys: Record<string, JsonSchema> = {
  expectation_type: { type: 'string', minLength: 1, description: 'Great Expectations 0.x spelling of type.' },
  id: { description: 'Great Expectations 1.x expectation id (ignored).' },
  ge_cloud_id: { description: 'Great Expectations 0.x cloud id (ignored).' },
  notes: { description: 'Great Expectations notes (ignored).' },
  description: { description: 'Great Expectations description (ignored).' },
  rendered_content: { description: 'Great Expectations rendering (ignored).' },
  windows: { description: 'Great Expectations 1.x windows (ignored).' },
};

/** Either spelling may name the field, but one of them must be there. */
function oneSpelling(canonical: string, ge: string): JsonSchema {
  return { if: { required: [ge] }, else: { required: [canonical] } };
}

/** The shape of one expectation entry, without type-specific kwargs. */
function expectationShape(): JsonSchema {
  return {
    type: 'object',
    properties: {
      type: { type: 'string', minLength: 1, description: 'Expectation type, e.g. expect_column_values_to_not_be_null.' },
      kwargs: { type: 'object', description: 'Arguments of the expectation type.' },
      severity: {
        enum: ['error', 'warning', 'info', 'critical'],
        default: 'error',
        description:
          'error (default) closes the gate when the expectation fails; warning and info only report. ' +
          "critical is GX Core's name for error.",
      },
      meta: { type: 'object', description: 'Free-form notes, copied into the result.' },
      ...geExpectationKeys,
    },
    additionalProperties: false,
    allOf: [oneSpelling('type', 'expectation_type')],
  };
}

/** The top-level shape of a suite: canonical YAML, GE 1.x or GE 0.x JSON. */
export function suiteShapeSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Assay expectation suite',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      name: { type: 'string', minLength: 1, maxLength: 1000, description: 'Suite name, shown in reports.' },
      data: { description: 'Default data the suite is written for: a path, glob or table.' },
      key: {
        anyOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
        ],
        description:
          'Column(s) that identify a row, e.g. order_id: samples of unexpected values come back with them ' +
          '(result_format unexpected_index_column_names, unless an expectation sets its own).',
      },
      asset: {
        type: 'string',
        minLength: 1,
        description: 'The data asset whose metric history the runs of this suite keep (default: the suite name); `--asset` overrides it.',
      },
      meta: { type: 'object', description: 'Free-form notes, copied into the result.' },
      expectations: { type: 'array', items: expectationShape(), maxItems: 10_000, description: 'The checks, in report order.' },
      ...geSuiteKeys,
    },
    required: ['expectations'],
    additionalProperties: false,
    allOf: [oneSpelling('name', 'expectation_suite_name')],
  };
}

/** The whole suite schema: the shape plus, per type, its kwargs (draft-07 if/then); `catalogue.definitions()`. */
export function buildSuiteSchema(definitions: readonly ExpectationDefinition[]): JsonSchema {
  const schema = suiteShapeSchema();
  const defs = [...definitions].sort((a, b) => a.type.localeCompare(b.type));
  const item = (schema.properties as Record<string, JsonSchema>).expectations.items as JsonSchema;
  const props = item.properties as Record<string, JsonSchema>;
  // An enum gives editors completion of type names; parseSuite checks types itself.
  props.type = { ...props.type, enum: defs.map((d) => d.type), enumDescriptions: defs.map((d) => d.description) };
  (item.allOf as JsonSchema[]).push(
    ...defs.map((def) => ({
      // `required` matters: without it an entry lacking `type` would match every `if`.
      if: { properties: { type: { const: def.type } }, required: ['type'] },
      then: { properties: { kwargs: { ...kwargsSchema(def), description: def.description } } },
    })),
  );
  return schema;
}
