// `assay validate` at work: read the suite, open the input (DuckDB, or a server in place),
// validate, print the summary, write the reports. Loaded by ./validate.ts when the command runs.
import path from 'node:path';
import { loadSuite } from '../config/suite.js';
import type { Catalogue } from '../engine/catalogue.js';
import { openConnection } from '../connections/index.js';
import type { Connection } from '../engine/connection.js';
import { gateOpen } from '../engine/gate.js';
import { classifyDataError, isDuckDBFile, openInput, type InputSpec } from '../engine/sources.js';
import type { Suite, SuiteValidationResult } from '../engine/types.js';
import { validate } from '../engine/validate.js';
import { resolveNow } from '../history/clock.js';
import { keepValidationHistory } from '../history/record.js';
import { lockDown } from '../connections/sandbox.js';
import { openReach } from '../connections/reach.js';
import { lazyLogger } from '../log.js';
import { writeJsonResult } from '../report/json.js';
import { formatSummary } from '../report/summary.js';
import { openServerInput, parseTimeout, serverInputKind } from './validate-server.js';
import { commandCatalogue } from './project.js';
import type { InputCliOptions } from './input-options.js';
import type { ValidateCliOptions } from './validate.js';
import { AssayUsageError, EXIT } from '../errors.js';

function parseColumnTypes(pairs: string[] | undefined): Record<string, string> | undefined {
  if (!pairs?.length) return undefined;
  const out: Record<string, string> = {};
  for (const pair of pairs.flatMap((p) => p.split(','))) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new AssayUsageError(`--column-type expects name=TYPE, got ${JSON.stringify(pair)}`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** The input spec from the command line: files and globs, a DuckDB file's table, or a query. */
export function inputSpec(inputs: string[], o: InputCliOptions): InputSpec {
  const duckdbFile = inputs.length === 1 && isDuckDBFile(inputs[0]!) ? inputs[0] : undefined;
  if (duckdbFile && !o.table && !o.sql)
    throw new AssayUsageError(`${duckdbFile} is a DuckDB database: name the table with --table or give --sql`);
  if (!duckdbFile && o.table) throw new AssayUsageError('--table applies to a DuckDB database file input');
  if (inputs.length === 0 && !o.sql) throw new AssayUsageError('give at least one input file or glob, or --sql');
  return {
    ...(duckdbFile ? { duckdbFile, table: o.table } : { paths: inputs }),
    format: o.format,
    csv: { delimiter: o.delimiter, header: o.header, quote: o.quote, nullStrings: o.null, columnTypes: parseColumnTypes(o.columnType) },
    sql: o.sql,
  };
}

export async function runValidate(inputs: string[], o: ValidateCliOptions & { suite: string }): Promise<number> {
  const log = lazyLogger({ level: o.logLevel, format: o.logFormat });
  const server = serverInputKind(inputs);
  const spec = server ? undefined : inputSpec(inputs, o);
  // DuckDB starts on its own threads while this one reads and checks the suite; a failure to
  // open is thrown where the connection is awaited.
  const opening = server ? undefined : openConnection({ kind: 'duckdb' });
  opening?.catch(() => undefined);
  let now: Date, catalogue: Catalogue, suite: Suite;
  try {
    // A bad --now is an AssayError: exit 2.
    now = resolveNow(o.now);
    catalogue = await commandCatalogue();
    suite = await loadSuite(o.suite, catalogue, { parameters: o.param, parametersFrom: '--param', now });
  } catch (err) {
    await opening?.then((c) => c.close()).catch(() => undefined);
    throw err;
  }
  log.info({ suite: suite.name, expectations: suite.expectations.length }, 'suite loaded');

  const remote = server ? await openServerInput(server, inputs, o) : undefined;
  const duck = await opening;
  const conn: Connection = remote?.conn ?? duck!;
  try {
    const input = remote ?? (await openInput(duck!, spec!));
    log.info({ relation: input.relation, files: input.files.length }, 'input opened');
    // The suite may read the input and nothing else (docs/security.md).
    if (duck) await lockDown(duck, input.files, o.allowRead);
    if (await remote?.conn.superuser?.()) {
      log.warn(
        'validating as a superuser: a suite could read the server\'s files (pg_read_file). Validate with a role that can only SELECT the tables (see README, "Which role to validate with")',
      );
    }
    const history = keepValidationHistory(o.runs, suite, { asset: o.asset, now });
    const reach = openReach(conn, {
      connections: o.namedConnections,
      allowRead: o.allowRead,
      statementTimeoutMs: parseTimeout(o.statementTimeout),
    });
    const result = await validate(conn, input.relation, suite, {
      ...history?.options,
      reach,
      now,
      catalogue,
      resultFormat: o.resultFormat,
      dataSource: input.description,
      classifyError: (err) => (remote ? remote.conn.classifyError(err) : classifyDataError(err, input)),
      onQuery: (sql, purpose) => log.debug({ purpose, sql }, 'query'),
    }).finally(() => reach.close());
    await history?.record(result);
    if (o.json) {
      await writeJsonResult(o.json, result);
      log.info({ file: path.resolve(o.json) }, 'JSON result written');
    }
    if (!o.quiet) {
      process.stdout.write(
        `${formatSummary(result, {
          failOn: o.failOn,
          color: process.stdout.isTTY,
          describe: (r) => {
            const def = catalogue.get(r.expectation_config.type);
            try {
              return def ? `${r.expectation_config.type}: ${def.sentence(r.expectation_config.kwargs)}` : r.expectation_config.type;
            } catch {
              return r.expectation_config.type;
            }
          },
        })}\n`,
      );
      if (o.json) process.stdout.write(`JSON result: ${o.json}\n`);
    }
    await emitValidateReports(result, o, catalogue);
    return gateOpen(result, o.failOn) ? EXIT.OK : EXIT.GATE_CLOSED;
  } finally {
    await conn.close();
  }
}

export type ReportOutputOptions = Pick<ValidateCliOptions, 'html' | 'junit' | 'markdown' | 'runs' | 'failOn' | 'quiet'>;

/**
 * The reports step of `assay validate`: writes the reports asked for and, on GitHub Actions,
 * prints the annotations of failed expectations (even with --quiet: they are for the CI page,
 * not the log). The renderers (handlebars) are loaded only when there is something to render.
 */
export async function emitValidateReports(
  result: SuiteValidationResult,
  o: ReportOutputOptions,
  catalogue: Catalogue,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const writing = Boolean(o.html || o.junit || o.markdown || o.runs);
  const annotating = env.GITHUB_ACTIONS === 'true';
  if (!writing && !annotating) return;
  const { githubAnnotations, reportDescriber, runReportFromResult, writeReports } = await import('../report/index.js');
  const report = runReportFromResult(result, { failOn: o.failOn });
  const describe = await reportDescriber(catalogue, report);
  if (writing) {
    let written;
    try {
      written = await writeReports(report, { html: o.html, junit: o.junit, markdown: o.markdown, runsDir: o.runs, describe, env });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code && e.path) throw new AssayUsageError(`cannot write ${e.path}: ${e.code}`);
      throw err;
    }
    if (!o.quiet) {
      if (written.html) process.stdout.write(`HTML report: ${written.html}\n`);
      if (written.junit) process.stdout.write(`JUnit XML: ${written.junit}\n`);
      if (written.markdown) process.stdout.write(`Markdown summary: ${written.markdown}\n`);
      if (written.run) process.stdout.write(`Run saved: ${written.run.html} (index: ${written.index})\n`);
    }
  }
  if (annotating) {
    const lines = githubAnnotations(report, { describe, workspace: env.GITHUB_WORKSPACE });
    if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  }
}
