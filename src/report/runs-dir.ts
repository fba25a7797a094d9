// The default runs folder, apart from ./run-index.ts so that the CLI can name it in its help
// without loading the renderers.
export const DEFAULT_RUNS_DIR = '.assay/runs';
