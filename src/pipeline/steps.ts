// The steps of a run and what they leave behind: tables, validation results (also rows of the
// results table), quarantined rows, meta-validations. A meta step that fails under a blocking
// policy halts the steps after it: the gate is already closed, so nothing more is worth doing.
import type { OpenedInput } from '../engine/sources.js';
import { classifyDataError } from '../engine/sources.js';
import type { ResultFormatName, Suite, SuiteValidationResult } from '../engine/types.js';
import { validate } from '../engine/validate.js';
import { keepHistory } from '../history/record.js';
import { storeFile } from '../history/store.js';
import type { RunContext } from './context.js';
import { decideGate } from './gate.js';
import { defaultMetaSuite, runMeta } from './meta.js';
import { quarantineRows, type Quarantined } from './quarantine.js';
import { appendResultRows, toResultRows, type ResultRow } from './results-table.js';
import { runsDirOf } from './run-folder.js';
import { inSandbox } from './sandbox.js';
import { runSqlStep } from './sql-step.js';
import { openInPlace } from './sources/in-place.js';
import type { GatePolicy, QuarantineRecord, ServerSource, Step, StepRecord } from './types.js';

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
  /** What was validated where it lives (PostgreSQL sources), for the result's data sources. */
  places: string[];
}

export function newRunState(policy: GatePolicy, inputs: OpenedInput[]): RunState {
  return { policy, inputs, validations: [], rows: [], metas: [], quarantine: [], steps: [], checked: 0, places: [] };
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
      const result = step.source
        ? await validateSource(ctx, state, step.source, step.suite, step.resultFormat, index)
        : await validateTable(ctx, state, step.table, step.suite, step.resultFormat, index);
      Object.assign(record, { suite: result.suite_name, success: result.success, ...(step.source ? { in_place: step.source.kind } : {}) });
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

async function validateTable(ctx: RunContext, state: RunState, table: string, suite: Suite, resultFormat: ResultFormatName, index: number) {
  const queries = queryCounter(ctx);
  const history = pipelineHistory(ctx, suite, table);
  const classify = (err: unknown) => state.inputs.map((i) => classifyDataError(err, i)).find((e) => e && e.path) ?? null;
  const remove = state.policy === 'quarantine';
  // The suite and its quarantine run in the sandbox; the quarantine file and the removal of the
  // rows are the working connection's, once the sandbox is closed.
  let blamed: Quarantined | undefined;
  const result = await inSandbox(
    ctx,
    [table],
    async (sandbox) => {
      const r = await validate(sandbox, sandbox.dialect.ident(table), suite, {
        ...history?.options,
        catalogue: ctx.catalogue,
        runId: ctx.runId,
        resultFormat,
        dataSource: `${table} (pipeline ${ctx.pipeline.name}, step ${index + 1})`,
        classifyError: classify,
        onQuery: queries.onQuery,
      });
      r.meta = { ...r.meta, table, step: index };
      blamed = await quarantineRows(ctx, table, r, remove, sandbox);
      return r;
    },
    classify,
  );
  await history?.record(result);
  const q = blamed!;
  if (q.record) state.quarantine.push(q.record);
  await recordValidation(
    ctx,
    state,
    toResultRows(ctx.runId, index, table, result, remove ? q.expectations : new Set()),
    result,
    queries.counts,
  );
  return result;
}

/**
 * `validate: {source: …}`: the suite runs inside PostgreSQL (one fused aggregate scan there, only
 * metrics come back) and its results join the others. No quarantine: the rows are not in the
 * working database and the source is not ours to change, so under `gate: quarantine` its
 * error-severity failures close the gate like aggregate ones.
 */
async function validateSource(
  ctx: RunContext,
  state: RunState,
  source: ServerSource,
  suite: Suite,
  resultFormat: ResultFormatName,
  index: number,
) {
  const place = await openInPlace(ctx, source);
  const queries = queryCounter(ctx);
  let result: SuiteValidationResult;
  const history = pipelineHistory(ctx, suite, source.name);
  try {
    result = await validate(place.conn, place.relation, suite, {
      ...history?.options,
      catalogue: ctx.catalogue,
      runId: ctx.runId,
      resultFormat,
      dataSource: place.description,
      classifyError: place.classifyError,
      onQuery: queries.onQuery,
    });
  } finally {
    await place.conn.close();
  }
  await history?.record(result);
  result.meta = { ...result.meta, table: source.name, step: index, in_place: source.kind };
  if (!state.places.includes(place.description)) state.places.push(place.description);
  await recordValidation(ctx, state, toResultRows(ctx.runId, index, source.name, result, new Set()), result, queries.counts);
  return result;
}

/**
 * Every validation of a pipeline run keeps history in <state_dir>/runs/history.duckdb, under the
 * suite's asset or `<pipeline>.<table>`; a --limit trial does not (a sample is not the data).
 */
function pipelineHistory(ctx: RunContext, suite: Suite, table: string) {
  if (ctx.limit !== null) return undefined;
  const now = ctx.now ?? new Date();
  return keepHistory({
    store: storeFile(runsDirOf(ctx.pipeline)),
    asset: suite.asset ?? `${ctx.pipeline.name}.${table}`,
    now,
    runId: ctx.runId,
  });
}

/** Counts a validation's queries by purpose (logged: "one aggregate scan" is checkable in run.log). */
export function queryCounter(ctx: RunContext) {
  const counts: Record<string, number> = { fused: 0, fallback: 0, 'follow-up': 0 };
  return {
    counts,
    onQuery: (sql: string, purpose: 'fused' | 'fallback' | 'follow-up') => {
      counts[purpose]!++;
      ctx.log.debug({ purpose, sql }, 'query');
    },
  };
}

async function recordValidation(
  ctx: RunContext,
  state: RunState,
  rows: ResultRow[],
  result: SuiteValidationResult,
  queries: Record<string, number>,
): Promise<void> {
  await appendResultRows(ctx.conn, rows);
  state.validations.push(result);
  state.rows.push(...rows);
  const table = (result.meta as { table?: string } | undefined)?.table;
  ctx.log.info({ table, suite: result.suite_name, success: result.success, statistics: result.statistics, queries }, 'validated');
}

/** Runs a meta-suite (the default when none) over the results so far. */
export async function metaCheck(ctx: RunContext, state: RunState, suite?: Suite): Promise<SuiteValidationResult> {
  if (suite) state.lastMetaSuite = suite;
  const meta = await inSandbox(ctx, [], (sandbox) => runMeta(sandbox, ctx.catalogue, suite ?? defaultMetaSuite(state.policy), ctx.runId));
  state.metas.push(meta);
  state.checked = state.validations.length;
  const gate = decideGate(state.policy, state.rows, state.metas, ctx.pipeline.failOn);
  if (!gate.open) state.halted = `the gate closed at meta-suite ${meta.suite_name}`;
  ctx.log.info({ suite: meta.suite_name, success: meta.success }, 'meta-validated');
  return meta;
}

/** True when validations ran after the last meta step (or there was none): the gate needs a meta-validation over them. */
export function needsFinalMeta(state: RunState): boolean {
  return !state.halted && (state.metas.length === 0 || state.checked < state.validations.length);
}
