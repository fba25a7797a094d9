// The ajv validators suites are checked with: the suite's shape and each type's kwargs. The
// build writes them as ajv standalone code (scripts/gen-validators.mjs), one CommonJS file per
// built-in type, so a command loads the few its suite uses and compiles nothing: compiling them
// at start-up cost ~120 ms of a 200-row validation. A project's own types, and the sources run by
// the tests, are compiled with ajv on first use; ajv itself loads only then.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv, ValidateFunction } from 'ajv';
import { EXPECTATIONS_DIR, kwargsSchema } from '../engine/catalogue.js';
import type { ExpectationDefinition, JsonSchema } from '../engine/types.js';
import { suiteShapeSchema } from './schema.js';

/** verbose: errors carry the offending value and its schema, for "got ..." and did-you-mean. */
export const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true } as const;
/** In EXPECTATIONS_DIR of the build: `<type>.cjs`, and the suite shape's. */
export const VALIDATORS_DIR = 'validators';
export const SHAPE_VALIDATOR = '_suite_shape';

const require = createRequire(import.meta.url);
let ajv: Ajv | undefined;

function compile(schema: JsonSchema): ValidateFunction {
  if (!ajv) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    // ajv-formats is CommonJS: its function is the module or its default.
    const formats = require('ajv-formats') as { default?: (a: Ajv) => Ajv } & ((a: Ajv) => Ajv);
    ajv = (formats.default ?? formats)(new Ajv({ ...AJV_OPTIONS }));
  }
  return ajv.compile(schema);
}

function precompiled(name: string): ValidateFunction | undefined {
  const file = path.join(EXPECTATIONS_DIR, VALIDATORS_DIR, `${name}.cjs`);
  if (!existsSync(file)) return undefined;
  const mod = require(file) as ValidateFunction & { default?: ValidateFunction };
  return mod.default ?? mod;
}

let shape: ValidateFunction | undefined;
export function shapeValidator(): ValidateFunction {
  shape ??= precompiled(SHAPE_VALIDATOR) ?? compile(suiteShapeSchema());
  return shape;
}

const kwargValidators = new WeakMap<ExpectationDefinition, ValidateFunction>();
/** `builtIn`: the type ships with Assay, so the build's validator is its own. */
export function kwargValidator(def: ExpectationDefinition, builtIn: boolean): ValidateFunction {
  let validate = kwargValidators.get(def);
  if (!validate) kwargValidators.set(def, (validate = (builtIn && precompiled(def.type)) || compile(kwargsSchema(def))));
  return validate;
}
