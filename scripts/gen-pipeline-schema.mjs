// Writes suites/pipeline.schema.json from the built pipeline schema (run after tsc), so the
// schema editors use is the one `assay run` checks pipeline files against.
import { writeFileSync } from 'node:fs';
import { pipelineSchema } from '../dist/src/pipeline/schema.js';

const out = new URL('../suites/pipeline.schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(pipelineSchema(), null, 2)}\n`);
