// Extract and transform steps: one SELECT whose result becomes a table of the working database.
// A failure names the step's line in the pipeline file; an unreadable staged file names the file.
import { classifyDataError, type OpenedInput } from '../engine/sources.js';
import { StepError } from '../errors.js';
import type { RunContext } from './context.js';
import type { Step } from './types.js';

type SqlStep = Extract<Step, { kind: 'extract' | 'transform' }>;

export function where(step: Step): string {
  const l = step.location;
  return `${l.file ?? 'pipeline'}${l.line ? `:${l.line}` : ''}`;
}

export async function runSqlStep(ctx: RunContext, step: SqlStep, inputs: OpenedInput[]): Promise<number> {
  const sql = step.sql.trim().replace(/;+\s*$/, '');
  const label = `${step.kind} ${step.table}${step.sqlFile ? ` (${step.sqlFile})` : ''}`;
  if (!sql) throw new StepError(`${where(step)}: ${label}: the SQL is empty`);
  // DuckDB parses while counting statements: SQL it cannot parse is the step's error, not ours.
  const statements = await ctx.conn.raw.extractStatements(sql).catch((err: Error) => {
    throw new StepError(
      `${where(step)}: ${label}: the SQL does not parse: ${err.message.replace(/^Failed to extract statements: /, '').split('\n')[0]}`,
      {
        cause: err,
      },
    );
  });
  if (statements.count !== 1) throw new StepError(`${where(step)}: ${label}: the SQL must be exactly one SELECT statement`);
  const table = ctx.conn.dialect.ident(step.table);
  try {
    await ctx.conn.exec(`CREATE OR REPLACE TABLE ${table} AS ${sql}`);
  } catch (err) {
    // Files are read lazily: a malformed row surfaces here, in the first step that scans it.
    const data = inputs.map((i) => classifyDataError(err, i)).find((e) => e && e.path) ?? classifyDataError(err);
    if (data) throw data;
    const msg = (err as Error).message ?? String(err);
    throw new StepError(`${where(step)}: ${label} failed: ${msg.split('\n')[0]}`, { cause: err });
  }
  const [row] = await ctx.conn.query(`SELECT count(*) AS n FROM ${table}`);
  return Number(row!.n);
}
