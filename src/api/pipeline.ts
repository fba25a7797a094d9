// Pipelines for library callers: read and check a pipeline file once, run it as often as needed.
import { loadCatalogue, type Catalogue } from '../engine/catalogue.js';
import { loadPipeline as loadPipelineFile } from '../pipeline/config.js';
import type { Pipeline } from '../pipeline/types.js';

export interface LoadPipelineOptions {
  catalogue?: Catalogue;
  /** Values for the suites' `{"$PARAMETER": ...}` kwargs; they override the file's `params:`. */
  parameters?: Record<string, unknown>;
  /** The clock now() in parameter expressions reads (default: the current time). */
  now?: Date;
}

/**
 * Reads and checks a pipeline file and its suites; throws AssayPipelineError listing every issue.
 * Parameters are resolved here: runPipeline's own `parameters` apply only when it is given a file.
 */
export async function loadPipeline(path: string, options: LoadPipelineOptions = {}): Promise<Pipeline> {
  return loadPipelineFile(path, options.catalogue ?? (await loadCatalogue()), {
    parameters: options.parameters,
    parametersFrom: 'loadPipeline parameters',
    now: options.now,
  });
}
