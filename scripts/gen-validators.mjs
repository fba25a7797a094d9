// Run after tsc: ajv's standalone code for the suite shape and every built-in type's kwargs,
// one CommonJS file each in dist/expectations/validators/, so checking a suite compiles
// nothing at start-up (compiling took ~120 ms of a small validation) and loads only the
// validators of the types the suite uses. A project's own types are compiled when used.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { Ajv } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;
const addFormats = require('ajv-formats').default;
const { EXPECTATIONS_DIR, kwargsSchema, loadCatalogue } = await import('../dist/src/engine/catalogue.js');
const { suiteShapeSchema } = await import('../dist/src/config/schema.js');
const { AJV_OPTIONS, SHAPE_VALIDATOR, VALIDATORS_DIR } = await import('../dist/src/config/validators.js');

const dir = path.join(EXPECTATIONS_DIR, VALIDATORS_DIR);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const write = (name, schema) => {
  const ajv = addFormats(new Ajv({ ...AJV_OPTIONS, code: { source: true } }));
  writeFileSync(path.join(dir, `${name}.cjs`), standaloneCode(ajv, ajv.compile(schema)));
};
write(SHAPE_VALIDATOR, suiteShapeSchema());
for (const def of await (await loadCatalogue()).definitions()) write(def.type, kwargsSchema(def));
