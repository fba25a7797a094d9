// The steps of a run and what they leave behind: tables, validation results (also rows of the
// results table), quarantined rows, meta-validations. A meta step that fails under a blocking
// policy halts the steps after it: the gate is already closed, so nothing more is worth doing.
import type { OpenedInput } from '../engine/sources.js';
import { classifyDataError } from '../engine/sources.js';
import type { Suite, SuiteValidationResult } from '../engine/types.js';
import { validate } from '../engine/validate.js';
import type { RunContext } from './context.js';
import { decideGate } from './gate.js';
import { defaultMetaSuite, runMeta } from './meta.js';
import { quarantineRows } from './quarantine.js';
import { appendResultRows, toResultRows, type ResultRow } from './results-table.js';
import { runSqlStep } from './sql-step.js';
import type { GatePolicy, QuarantineRecord, Step, StepRecord } from './types.js';

export interface RunState {
  policy: GatePolicy;
  inputs: OpenedInput[];
  validations: SuiteValidationResult[];
  rows: ResultRow[];
  metas: SuiteValidationResult[];
  quarantine: QuarantineRecord[];
  steps: StepRecord[];
  /** Validations already covered by a meta step. */
  checked: number;
  /** The meta-suite of the last meta step, reused at the end when validations followed it. */
  lastMetaSuite?: Suite;
  /** Why the remaining steps were skipped. */
  halted?: string;
}

export function newRunState(policy: GatePolicy, inputs: OpenedInput[]): RunState {
  return { policy, inputs, validations: [], rows: [], metas: [], quarantine: [], steps: [], checked: 0 };
}

export async function runStep(ctx: RunContext, state: RunState, step: Step, index: number): Promise<void> {
  const record: StepRecord = { index, kind: step.kind, ...('table' in step ? { table: step.table } : {}) };
  state.steps.push(record);
  if (state.halted) {
    record.skipped = true;
    return;
  }
  const started = Date.now();
  ctx.progress.start(`${step.kind}${'table' in step ? ` ${step.table}` : ''}`);
  try {
    if (step.kind === 'extract' || step.kind === 'transform') {
      record.rows = await runSqlStep(ctx, step, state.inputs);
    } else if (step.kind === 'validate') {
      const result = await validateTable(ctx, state, step.table, step.suite, step.resultFormat, index);
      Object.assign(record, { suite: result.suite_name, success: result.success });
    } else if (step.kind === 'meta') {
      const meta = await metaCheck(ctx, state, step.suite);
      Object.assign(record, { suite: meta.suite_name, success: meta.success });
    }
  } finally {
    ctx.progress.done();
    record.duration_ms = Date.now() - started;
  }
  ctx.log.info({ step: index, ...record }, 'step done');
}

async function validateTable(ctx: RunContext, state: RunState, table: string, suite: Suite, resultFormat: Extract<Step, { kind: 'validate' }>['resultFormat'], index: number) {
  const { conn } = ctx;
  const result = await validate(conn, conn.dialect.ident(table), suite, {
    runId: ctx.runId,
    resultFormat,
    dataSource: `${table} (pipeline ${ctx.pipeline.name}, step ${index + 1})`,
    classifyError: (err) => state.inputs.map((i) => classifyDataError(err, i)).find((e) => e && e.source) ?? null,
    onQuery: (sql, purpose) => ctx.log.debug({ purpose, sql }, 'query'),
  });
  result.meta = { ...result.meta, table, step: index };
  const remove = state.policy === 'quarantine';
  const q = await quarantineRows(ctx, table, result, remove);
  if (q.record) state.quarantine.push(q.record);
  const rows = toResultRows(ctx.runId, index, table, result, remove ? q.expectations : new Set());
  await appendResultRows(conn, rows);
  state.validations.push(result);
  state.rows.push(...rows);
  ctx.log.info({ table, suite: result.suite_name, success: result.success, statistics: result.statistics }, 'validated');
  return result;
}

/** Runs a meta-suite (the default when none) over the results so far. */
export async function metaCheck(ctx: RunContext, state: RunState, suite?: Suite): Promise<SuiteValidationResult> {
  if (suite) state.lastMetaSuite = suite;
  const meta = await runMeta(ctx.conn, suite ?? defaultMetaSuite(state.policy), ctx.runId);
  state.metas.push(meta);
  state.checked = state.validations.length;
  const gate = decideGate(state.policy, state.rows, state.metas);
  if (!gate.open) state.halted = `the gate closed at meta-suite ${meta.suite_name}`;
  ctx.log.info({ suite: meta.suite_name, success: meta.success }, 'meta-validated');
  return meta;
}

/** True when validations ran after the last meta step (or there was none): the gate needs a meta-validation over them. */
export function needsFinalMeta(state: RunState): boolean {
  return !state.halted && (state.metas.length === 0 || state.checked < state.validations.length);
}
