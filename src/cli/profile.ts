// `assay profile` and `assay suggest`: the options only; the work is in ./profile-action.ts,
// loaded when a command runs. Inputs are read as `assay validate` reads them.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { addLogOptions, type ValidateCliOptions } from './validate.js';

export type InputCliOptions = Pick<
  ValidateCliOptions,
  | 'format'
  | 'delimiter'
  | 'header'
  | 'quote'
  | 'null'
  | 'columnType'
  | 'table'
  | 'sql'
  | 'urlEnv'
  | 'statementTimeout'
  | 'quiet'
  | 'logLevel'
  | 'logFormat'
>;

export interface ProfileCliOptions extends InputCliOptions {
  json?: string;
  html?: string;
  top: number;
  bins: number;
}

export interface SuggestCliOptions extends InputCliOptions {
  out?: string;
  name?: string;
  margin: number;
  maxSet: number;
  reference: string[];
  json?: string;
  html?: string;
}

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
};
const share = (v: string) => {
  const n = Number(v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : v);
  if (!Number.isFinite(n) || n < 0 || n > 10) throw new InvalidArgumentError('expected a share such as 0.1 or 10%');
  return n;
};

/** The input options `assay validate` takes, for commands that read the same inputs. */
function addInputOptions(cmd: Command): Command {
  return cmd
    .argument('[inputs...]', 'files or globs, or one DuckDB database file with --table, or `postgres` with --table or --sql')
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
    .option('--table <name>', 'table in the DuckDB database file (or, with postgres, schema.table)')
    .option(
      '--sql <query>',
      'read the result of this query; the inputs are visible as the view assay_input (with postgres: a PostgreSQL query)',
    )
    .option('--url-env <name>', 'postgres: the environment variable holding the connection URL (default DATABASE_URL)')
    .option('--statement-timeout <duration>', 'postgres: limit per query, in seconds or e.g. 90s, 15m, 2h (default 1h; 0: none)')
    .option('-q, --quiet', 'print nothing but errors');
}

export function registerProfileCommands(program: Command): void {
  const profile = addInputOptions(
    program
      .command('profile')
      .description(
        'profile files, a DuckDB table or a PostgreSQL table: per column its type, nulls, exact distinct count, range, mean, quantiles, top values, lengths and patterns',
      ),
  )
    .option('--json <file>', 'write the profile as JSON')
    .option('--html <file>', 'write the profile as a self-contained HTML page')
    .option('--top <n>', 'most frequent values and patterns kept per column', positiveInt, 20)
    .option('--bins <n>', 'histogram bins of numeric columns', positiveInt, 20);
  addLogOptions(profile).action(async (inputs: string[], o: ProfileCliOptions) => {
    const { runProfile } = await import('./profile-action.js');
    process.exitCode = await runProfile(inputs, o);
  });

  const suggest = addInputOptions(
    program
      .command('suggest')
      .description('draft a suite from a profile of the data: each expectation with a comment saying why (review it before use)'),
  )
    .option('-o, --out <file>', 'write the suite here (default: print it)')
    .option('--name <name>', 'suite name (default: the input file name)')
    .option('--margin <share>', 'ranges, lengths and the row count are widened by this share of their span', share, 0.1)
    .option('--max-set <n>', 'columns with at most this many distinct values get a value set', positiveInt, 20)
    .option(
      '--reference <column=source:column>',
      'a foreign key to check, e.g. customer_id=customers.parquet:id (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--json <file>', 'also write the profile as JSON')
    .option('--html <file>', 'also write the profile as HTML');
  addLogOptions(suggest).action(async (inputs: string[], o: SuggestCliOptions) => {
    const { runSuggest } = await import('./profile-action.js');
    process.exitCode = await runSuggest(inputs, o);
  });
}
