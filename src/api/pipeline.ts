// Pipelines for library callers: read and check a pipeline file once, run it as often as needed.
import { loadCatalogue, type Catalogue } from '../engine/catalogue.js';
import { loadPipeline as loadPipelineFile } from '../pipeline/config.js';
import type { Pipeline } from '../pipeline/types.js';

/** Reads and checks a pipeline file and its suites; throws AssayPipelineError listing every issue. */
export async function loadPipeline(path: string, options: { catalogue?: Catalogue } = {}): Promise<Pipeline> {
  return loadPipelineFile(path, options.catalogue ?? (await loadCatalogue()));
}
