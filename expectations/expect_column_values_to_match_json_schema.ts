// GE (pandas and Spark only; it skips this type on SQL): `jsonschema.validate(json.loads(value),
// json_schema)` per value. A value that is not JSON, or is not a string, raises (GE re-raises
// everything but ValidationError), and so does an invalid schema. Judged in JS with ajv over the
// column's distinct values; the schema is compiled once, at the first value. As the Python
// jsonschema library: the dialect follows "$schema" (none: 2020-12), "format" is not asserted,
// unknown keywords are ignored. Draft-04/03 schemas are read as draft-07 (ajv 8 has no draft-04).
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { pythonJsonLoads } from './_json.js';
import { textMapExpectation } from './_text.js';
import { InvalidKwargsError } from '../src/errors.js';

type K = { column: string; json_schema: Record<string, unknown>; mostly?: number };

// addUsedSchema: false, so that two suites' schemas with the same $id do not collide.
const options = { strict: false, validateFormats: false, allErrors: false, addUsedSchema: false } as const;
let engines: { d7: Ajv; d2019: Ajv2019; d2020: Ajv2020 } | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function validator(schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(schema);
  if (v) return v;
  engines ??= { d7: new Ajv(options), d2019: new Ajv2019(options), d2020: new Ajv2020(options) };
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  const { $schema: _, ...bare } = schema;
  try {
    if (/draft-0[67]\//.test(dialect)) v = engines.d7.compile(/draft-06/.test(dialect) ? bare : schema);
    else if (/draft-0[34]\//.test(dialect)) v = engines.d7.compile(bare);
    else if (/2019-09/.test(dialect)) v = engines.d2019.compile(schema);
    else v = engines.d2020.compile(/2020-12/.test(dialect) ? schema : bare);
  } catch (err) {
    throw new InvalidKwargsError(`json_schema is not a valid JSON Schema: ${(err as Error).message}`);
  }
  compiled.set(schema, v);
  return v;
}

const def = textMapExpectation<K>(
  {
    type: 'expect_column_values_to_match_json_schema',
    description: 'Each value of a column is a JSON document valid against a JSON Schema.',
    schema: {
      properties: { json_schema: { type: 'object', description: 'The JSON Schema every value must satisfy.' } },
      required: ['json_schema'],
    },
    sentence: (k) => `values of ${k.column} match a JSON Schema`,
    // Compiled at the first value, as GE (an invalid schema over an all-null column passes).
    jsUnexpected: (value, k) => !validator(k.json_schema)(pythonJsonLoads(String(value))),
  },
  (ctx) =>
    `the JSON object must be str, bytes or bytearray, not ${ctx.typeOf(ctx.kwargs.column)} (column ${JSON.stringify(ctx.kwargs.column)})`,
);

// GE compiles the schema at the first value; a suite is refused at load instead, so an invalid
// schema never waits for a column with values to surface (docs/conformance.md).
export default { ...def, check: (k: K) => void validator(k.json_schema) };
