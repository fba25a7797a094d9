// Staging: every source becomes a view of the working database named after it. Remote sources
// are landed in the run folder first, so what the run read stays there for inspection. A
// PostgreSQL table source that only `validate: {source: …}` reads, and a Spark source, stay where they are.
import type { OpenedInput } from '../../engine/sources.js';
import type { RunContext } from '../context.js';
import { loadedHashes } from '../ledger.js';
import type { StagedFile } from '../types.js';
import { stageFiles } from './files.js';
import { stageHttp } from './http.js';
import { stagePostgres } from './postgres.js';

export interface Staged {
  inputs: OpenedInput[];
  files: StagedFile[];
  /** Every incremental file source had only files loaded before, and there is no other source. */
  nothingNew: boolean;
}

export async function stageSources(ctx: RunContext): Promise<Staged> {
  const loaded = ctx.pipeline.sources.some((s) => s.kind === 'files' && s.incremental)
    ? await loadedHashes(ctx.pipeline.stateDir, ctx.pipeline.name)
    : new Map<string, Set<string>>();
  const inputs: OpenedInput[] = [];
  const files: StagedFile[] = [];
  let fresh = false;
  for (const source of ctx.pipeline.sources) {
    // A PostgreSQL table nothing reads from the working database, or a Spark source: validated in place only.
    if ((source.kind === 'postgres' && !source.land) || source.kind === 'spark') {
      fresh = true;
      continue;
    }
    ctx.progress.start(`source ${source.name}`);
    if (source.kind === 'files') {
      const staged = await stageFiles(ctx, source, loaded.get(source.name) ?? new Set());
      inputs.push(staged.input);
      files.push(...staged.files);
      const skipped = staged.files.filter((f) => f.skipped).length;
      ctx.log.info({ source: source.name, files: staged.files.length, skipped }, 'files staged');
      // A non-incremental source (a dimension) is read in full every time; it is not news.
      if (source.incremental && !staged.nothingNew) fresh = true;
    } else {
      inputs.push(source.kind === 'postgres' ? await stagePostgres(ctx, source) : await stageHttp(ctx, source));
      fresh = true;
    }
    ctx.progress.done();
  }
  const anyIncremental = ctx.pipeline.sources.some((s) => s.kind !== 'files' || s.incremental);
  return { inputs, files, nothingNew: anyIncremental && !fresh };
}
