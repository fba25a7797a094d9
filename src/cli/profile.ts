// `assay profile` and `assay suggest`: the options only; the work is in ./profile-action.ts,
// loaded when a command runs. Inputs are read as `assay validate` reads them.
import { InvalidArgumentError, type Command } from 'commander';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { addLogOptions } from './validate.js';

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

export function registerProfileCommands(program: Command): void {
  const profile = addInputOptions(
    program
      .command('profile')
      .description(
        'profile files, a DuckDB table or a table of a server engine in place (`profile postgres --table s.t`, `profile spark --table db.t`): per column its type, nulls, exact distinct count, range, mean, quantiles, top values, lengths and patterns',
      ),
    'profile',
  )
    .option('--json <file>', 'write the profile as JSON')
    .option('--html <file>', 'write the profile as a self-contained HTML page')
    .option('--top <n>', 'most frequent values and patterns kept per column', positiveInt, 20)
    .option('--bins <n>', 'histogram bins of numeric columns', positiveInt, 20)
    .option('-q, --quiet', 'print nothing but errors');
  addLogOptions(profile).action(async (inputs: string[], o: ProfileCliOptions) => {
    const { runProfile } = await import('./profile-action.js');
    process.exitCode = await runProfile(inputs, o);
  });

  const suggest = addInputOptions(
    program
      .command('suggest')
      .description('draft a suite from a profile of the data: each expectation with a comment saying why (review it before use)'),
    'profile',
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
    .option('--html <file>', 'also write the profile as HTML')
    .option('-q, --quiet', 'print nothing but errors');
  addLogOptions(suggest).action(async (inputs: string[], o: SuggestCliOptions) => {
    const { runSuggest } = await import('./profile-action.js');
    process.exitCode = await runSuggest(inputs, o);
  });
}
