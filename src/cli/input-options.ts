// The options that say what a command reads, one definition for every command that reads data
// as `assay validate` does (validate, profile, suggest): files and how to read CSV, a table or a
// query of a DuckDB database file, or a table or query of a server engine (`postgres`, `spark`;
// src/connections/index.ts lists them) read in place, its URL from the environment.
import { Option, type Command } from 'commander';
import type { InputSpec } from '../engine/sources.js';
import type { LogFormat } from '../log.js';

export interface InputCliOptions {
  format?: InputSpec['format'];
  delimiter?: string;
  header: boolean;
  quote?: string;
  null?: string[];
  columnType?: string[];
  table?: string;
  sql?: string;
  /** `<server>`: the environment variable holding the URL (default: the engine's, DATABASE_URL for postgres). */
  urlEnv?: string;
  statementTimeout?: string;
  quiet?: boolean;
  logLevel: string;
  logFormat?: LogFormat;
}

/** The inputs argument and the options that read them; `verb` words the help (`validate`, `profile`). */
export function addInputOptions(cmd: Command, verb: string): Command {
  return cmd
    .argument(
      '[inputs...]',
      'files or globs, or one DuckDB database file with --table, or a server engine (`postgres`, `spark`) with --table or --sql',
    )
    .addOption(
      new Option('--format <format>', 'input format (default: from the file extension)').choices([
        'csv',
        'tsv',
        'parquet',
        'json',
        'ndjson',
      ]),
    )
    .option('--delimiter <char>', 'CSV delimiter')
    .option('--no-header', 'CSV files have no header row')
    .option('--quote <char>', 'CSV quote character')
    .option('--null <string...>', 'CSV text that means null (repeatable)')
    .option('--column-type <name=TYPE...>', 'CSV column type, e.g. --column-type amount=DOUBLE (repeatable)')
    .option('--table <name>', `table in the DuckDB database file (or, with a server engine, schema.table) to ${verb}`)
    .option(
      '--sql <query>',
      `${verb} the result of this query; the inputs are visible as the view assay_input (with a server engine: a query in its SQL)`,
    )
    .option('--url-env <name>', 'server engine: the environment variable holding the connection URL (default: DATABASE_URL, SPARK_URL)')
    .option('--statement-timeout <duration>', 'server engine: limit per query, in seconds or e.g. 90s, 15m, 2h (default 1h; 0: none)');
}
