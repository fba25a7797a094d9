// Run after tsc. Writes dist/expectations/index.json (type → file, so a command imports only
// the expectation files its suite uses) and suites/suite.schema.json, both assembled from the
// built expectations/ so neither can drift from it.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const { builtInIndex, EXPECTATIONS_DIR, INDEX_FILE, loadCatalogue } = await import('../dist/src/engine/catalogue.js');
const { buildSuiteSchema } = await import('../dist/src/config/schema.js');
// A stale index from an earlier build would hide new files: read the folder itself.
const index = path.join(EXPECTATIONS_DIR, INDEX_FILE);
rmSync(index, { force: true });
writeFileSync(index, `${JSON.stringify(await builtInIndex(), null, 2)}\n`);

const out = new URL('../suites/suite.schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(buildSuiteSchema(await (await loadCatalogue()).definitions()), null, 2)}\n`);
