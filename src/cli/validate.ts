import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadSuite } from '../config/suite.js';
import { DuckDBConnection } from '../engine/duckdb-connection.js';
import { gateOpen } from '../engine/gate.js';
import { classifyDataError, openInput, type InputSpec } from '../engine/sources.js';
import type { ResultFormatName, Severity } from '../engine/types.js';
import { validate } from '../engine/validate.js';
import { createLogger, type LogFormat } from '../log.js';
import { writeJsonResult } from '../report/json.js';
import { formatSummary } from '../report/summary.js';
import { loadCatalogue } from '../engine/catalogue.js';
import { UsageError } from './errors.js';
import { isPostgresInput, openPostgresInput } from './validate-postgres.js';
import type { Connection } from '../engine/connection.js';
import { emitValidateReports } from './report.js';
import { EXIT } from './exit-codes.js';

export interface ValidateCliOptions {
  suite: string;
  json?: string;
  html?: string;
  junit?: string;
  markdown?: string;
  runs?: string;
  resultFormat: ResultFormatName;
  failOn: Severity;
  format?: InputSpec['format'];
  delimiter?: string;
  header: boolean;
  quote?: string;
  null?: string[];
  columnType?: string[];
  table?: string;
  sql?: string;
  /** `validate postgres`: the environment variable holding the URL (default DATABASE_URL). */
  urlEnv?: string;
  statementTimeout?: string;
  quiet?: boolean;
  logLevel: string;
  logFormat?: LogFormat;
}

export function addLogOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--log-level <level>', 'log level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'))
    .addOption(new Option('--log-format <format>', 'log format on stderr (default: pretty on a terminal, json otherwise)').choices(['json', 'pretty']));
}

function parseColumnTypes(pairs: string[] | undefined): Record<string, string> | undefined {
  if (!pairs?.length) return undefined;
  const out: Record<string, string> = {};
  for (const pair of pairs.flatMap((p) => p.split(','))) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--column-type expects name=TYPE, got ${JSON.stringify(pair)}`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** The input spec from the command line: files and globs, a DuckDB file's table, or a query. */
export function inputSpec(inputs: string[], o: ValidateCliOptions): InputSpec {
  const duckdbFile = inputs.length === 1 && /\.(duckdb|ddb|db)$/i.test(inputs[0]!) ? inputs[0] : undefined;
  if (duckdbFile && !o.table && !o.sql) throw new UsageError(`${duckdbFile} is a DuckDB database: name the table with --table or give --sql`);
  if (!duckdbFile && o.table) throw new UsageError('--table applies to a DuckDB database file input');
  if (inputs.length === 0 && !o.sql) throw new UsageError('give at least one input file or glob, or --sql');
  return {
    ...(duckdbFile ? { duckdbFile, table: o.table } : { paths: inputs }),
    format: o.format,
    csv: { delimiter: o.delimiter, header: o.header, quote: o.quote, nullStrings: o.null, columnTypes: parseColumnTypes(o.columnType) },
    sql: o.sql,
  };
}

export function registerValidateCommand(program: Command): void {
  const cmd = program
    .command('validate')
    .description('validate files (CSV, TSV, Parquet, JSON, NDJSON; gzip), a DuckDB table, or a PostgreSQL table in place (`validate postgres --table s.t`) against a suite')
    .argument('[inputs...]', 'files or globs, or one DuckDB database file with --table, or `postgres` with --table or --sql')
    .requiredOption('-s, --suite <file>', 'suite file (Assay YAML, or Great Expectations JSON 0.x/1.x)')
    .option('--json <file>', 'write the JSON result to this file')
    .option('--html <file>', 'write the HTML report (self-contained, opens from disk)')
    .option('--junit <file>', 'write JUnit XML: one testcase per expectation')
    .option('--markdown <file>', 'write a Markdown summary (e.g. "$GITHUB_STEP_SUMMARY")')
    .option('--runs <dir>', 'also save the run under <dir>/<run-id>/ and update <dir>/index.html (see assay docs)')
    .addOption(new Option('--result-format <format>', 'detail of each result').choices(['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE']).default('BASIC'))
    .addOption(new Option('--fail-on <severity>', 'lowest severity whose failure closes the gate (exit 1)').choices(['error', 'warning', 'info']).default('error'))
    .addOption(new Option('--format <format>', 'input format (default: from the file extension)').choices(['csv', 'tsv', 'parquet', 'json', 'ndjson']))
    .option('--delimiter <char>', 'CSV delimiter')
    .option('--no-header', 'CSV files have no header row')
    .option('--quote <char>', 'CSV quote character')
    .option('--null <string...>', 'CSV text that means null (repeatable)')
    .option('--column-type <name=TYPE...>', 'CSV column type, e.g. --column-type amount=DOUBLE (repeatable)')
    .option('--table <name>', 'table in the DuckDB database file (or, with postgres, schema.table) to validate')
    .option('--sql <query>', 'validate the result of this query; the inputs are visible as the view assay_input (with postgres: a PostgreSQL query)')
    .option('--url-env <name>', 'postgres: the environment variable holding the connection URL (default DATABASE_URL)')
    .option('--statement-timeout <duration>', 'postgres: limit per query, in seconds or e.g. 90s, 15m, 2h (default 1h; 0: none)')
    .option('-q, --quiet', 'print nothing but errors');
  addLogOptions(cmd).action(async (inputs: string[], o: ValidateCliOptions) => {
    process.exitCode = await runValidate(inputs, o);
  });
}

export async function runValidate(inputs: string[], o: ValidateCliOptions): Promise<number> {
  const log = createLogger({ level: o.logLevel, format: o.logFormat });
  const postgres = isPostgresInput(inputs);
  const spec = postgres ? undefined : inputSpec(inputs, o);
  await loadCatalogue();
  const suite = await loadSuite(o.suite);
  log.info({ suite: suite.name, expectations: suite.expectations.length }, 'suite loaded');

  const pg = postgres ? await openPostgresInput(inputs, o) : undefined;
  const duck = pg ? undefined : await DuckDBConnection.open();
  const conn: Connection = pg?.conn ?? duck!;
  try {
    const input = pg ?? (await openInput(duck!, spec!));
    log.info({ relation: input.relation, files: input.files.length }, 'input opened');
    const result = await validate(conn, input.relation, suite, {
      resultFormat: o.resultFormat,
      dataSource: input.description,
      classifyError: (err) => (pg ? pg.classifyError(err) : classifyDataError(err, input)),
      onQuery: (sql, purpose) => log.debug({ purpose, sql }, 'query'),
    });
    if (o.json) {
      await writeJsonResult(o.json, result);
      log.info({ file: path.resolve(o.json) }, 'JSON result written');
    }
    const catalogue = await loadCatalogue();
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
    await emitValidateReports(result, o);
    return gateOpen(result, o.failOn) ? EXIT.OK : EXIT.GATE_CLOSED;
  } finally {
    await conn.close();
  }
}
