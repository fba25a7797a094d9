// Writes suites/suite.schema.json from the built catalogue (run after tsc), so the schema
// editors use is assembled from expectations/ and cannot drift from it.
import { writeFileSync } from 'node:fs';
import { buildSuiteSchema } from '../dist/src/config/schema.js';
import { loadCatalogue } from '../dist/src/engine/catalogue.js';

const out = new URL('../suites/suite.schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(buildSuiteSchema(await loadCatalogue()), null, 2)}\n`);
