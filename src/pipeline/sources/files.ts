// Staged files: each file matched by the source's paths and globs is hashed (sha256), files an
// earlier run already loaded are set aside (unless --force or `incremental: false`), and the
// rest become one view named after the source, read by the engine's input layer.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { openInput, type OpenedInput } from '../../engine/sources.js';
import type { RunContext } from '../context.js';
import type { FileSource, StagedFile } from '../types.js';
import { limitedView } from './view.js';
import { AssayDataError } from '../../errors.js';

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

async function expand(ctx: RunContext, source: FileSource): Promise<string[]> {
  const files: string[] = [];
  for (const p of source.paths) {
    const matched = /[*?[]/.test(p)
      ? (await ctx.conn.query(`SELECT file FROM glob(${ctx.conn.dialect.literal(p)}) ORDER BY file`)).map((r) => String(r.file))
      : [p];
    if (matched.length === 0) throw new AssayDataError(`source ${source.name}: no file matches ${p}`, p);
    for (const f of matched) if (!files.includes(f)) files.push(f);
  }
  return files;
}

export interface StagedFileSource {
  input: OpenedInput;
  files: StagedFile[];
  /** Every file was loaded before: the view is empty (it keeps the columns). */
  nothingNew: boolean;
}

export async function stageFiles(ctx: RunContext, source: FileSource, loaded: Set<string>): Promise<StagedFileSource> {
  const all = await expand(ctx, source);
  const files: StagedFile[] = [];
  for (const path of all) {
    let bytes: number;
    try {
      const st = statSync(path);
      // Hashing a FIFO would wait for a writer forever.
      if (!st.isFile() && !st.isDirectory())
        throw new AssayDataError(`source ${source.name}: cannot read ${path}: it is not a regular file (a FIFO, socket or device)`, path);
      bytes = st.size;
    } catch (err) {
      if (err instanceof AssayDataError) throw err;
      throw new AssayDataError(`source ${source.name}: file not found: ${path}`, path, { cause: err });
    }
    ctx.progress.update(`hashing ${path}`);
    const sha256 = await sha256File(path);
    const skipped = source.incremental && !ctx.force && loaded.has(sha256);
    files.push({ source: source.name, path, sha256, bytes, skipped });
  }
  const fresh = files.filter((f) => !f.skipped).map((f) => f.path);
  const nothingNew = fresh.length === 0;
  // With nothing new, the view still has the files' columns (and no rows), so SQL that joins
  // it still binds.
  const input = await openInput(
    ctx.conn,
    {
      paths: nothingNew ? all : fresh,
      format: source.format,
      csv: source.csv && {
        delimiter: source.csv.delimiter,
        header: source.csv.header,
        quote: source.csv.quote,
        nullStrings: source.csv.null,
        columnTypes: source.csv.types,
      },
    },
    `__assay_source_${source.name}`,
  );
  await limitedView(ctx, source.name, input.relation, nothingNew ? 0 : ctx.limit);
  return { input, files, nothingNew };
}
