// `assay profile` and `assay suggest` at work: open the input as `assay validate` does (DuckDB,
// or a server engine's table in place), profile it, write what was asked for.
import path from 'node:path';
import type { Connection } from '../engine/connection.js';
import { openConnection } from '../connections/index.js';
import { openInput } from '../engine/sources.js';
import { lazyLogger } from '../log.js';
import { profile, type Profile } from '../profile/profile.js';
import { formatProfile } from '../profile/summary.js';
import { suggestSuite } from '../profile/suggest.js';
import { writeOutputFile } from '../report/output-file.js';
import { AssayUsageError, EXIT } from '../errors.js';
import type { InputCliOptions } from './input-options.js';
import type { ProfileCliOptions, SuggestCliOptions } from './profile.js';
import { inputSpec } from './validate-action.js';
import { openServerInput, serverInputKind } from './validate-server.js';

async function profileInputs(inputs: string[], o: InputCliOptions, top?: number, bins?: number): Promise<Profile> {
  const log = lazyLogger({ level: o.logLevel, format: o.logFormat });
  const server = serverInputKind(inputs);
  const spec = server ? undefined : inputSpec(inputs, o);
  const remote = server ? await openServerInput(server, inputs, o, 'profile') : undefined;
  const duck = remote ? undefined : await openConnection({ kind: 'duckdb' });
  const conn: Connection = remote?.conn ?? duck!;
  try {
    const input = remote ?? (await openInput(duck!, spec!));
    return await profile(conn, input.relation, {
      top,
      bins,
      description: input.description,
      onQuery: (sql, purpose) => log.debug({ purpose, sql }, 'query'),
    });
  } finally {
    await conn.close();
  }
}

async function writeProfileFiles(p: Profile, o: { json?: string; html?: string; quiet?: boolean }): Promise<void> {
  if (o.json) {
    await writeOutputFile(o.json, `${JSON.stringify(p, null, 2)}\n`);
    if (!o.quiet) process.stdout.write(`JSON profile: ${o.json}\n`);
  }
  if (o.html) {
    const { renderProfileHtml } = await import('../profile/html.js');
    await writeOutputFile(o.html, renderProfileHtml(p));
    if (!o.quiet) process.stdout.write(`HTML profile: ${o.html}\n`);
  }
}

export async function runProfile(inputs: string[], o: ProfileCliOptions): Promise<number> {
  const p = await profileInputs(inputs, o, o.top, o.bins);
  if (!o.quiet) process.stdout.write(`${formatProfile(p)}\n`);
  await writeProfileFiles(p, o);
  return EXIT.OK;
}

/** `col=source:col`; the source may itself hold colons (a URL), so the key column is after the last. */
function parseReference(spec: string): { column: string; other: string; otherColumn: string } {
  const eq = spec.indexOf('=');
  const colon = spec.lastIndexOf(':');
  if (eq < 1 || colon <= eq + 1 || colon === spec.length - 1)
    throw new AssayUsageError(
      `--reference expects column=source:column (e.g. customer_id=customers.parquet:id), got ${JSON.stringify(spec)}`,
    );
  return { column: spec.slice(0, eq), other: spec.slice(eq + 1, colon), otherColumn: spec.slice(colon + 1) };
}

export async function runSuggest(inputs: string[], o: SuggestCliOptions): Promise<number> {
  const references = o.reference.map(parseReference);
  const p = await profileInputs(inputs, o);
  const first = inputs[0] && !serverInputKind(inputs) ? path.basename(inputs[0]).replace(/\..*$/, '') : o.table;
  const suite = suggestSuite(p, { name: o.name ?? first ?? 'suggested', margin: o.margin, maxSetSize: o.maxSet, references });
  const missing = references.filter((r) => !p.columns.some((c) => c.name === r.column));
  if (missing.length)
    throw new AssayUsageError(`--reference names a column the input does not have: ${missing.map((r) => r.column).join(', ')}`);
  if (o.out) {
    await writeOutputFile(o.out, suite.yaml);
    if (!o.quiet) process.stdout.write(`Suggested ${suite.expectations.length} expectations: ${o.out} (review them before use)\n`);
  } else process.stdout.write(suite.yaml);
  await writeProfileFiles(p, { ...o, quiet: o.quiet || !o.out });
  return EXIT.OK;
}
