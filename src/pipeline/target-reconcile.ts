// reconcile: did every row arrive? Once the load has written its rows, and before it commits
// (inside its transaction for DuckDB and PostgreSQL; before the rename for Parquet), the target
// table is compared by key with its source (the working table loaded, or another working table
// or source): rows of the source missing from the target, and rows whose compared columns
// differ, fail; rows in the target that the source lacks fail only for a `replace` load (an
// append or upsert target keeps its earlier rows). The comparison is a result of the run like
// any expectation's (expect_table_to_match_other_table), the meta-suite runs again and the gate
// is decided again: closed (strict, quarantine), the load rolls back and the target stays as it
// was. A PostgreSQL target is another engine than the working DuckDB: each side is reduced to
// its keys and hashes where it lives and only those cross (src/engine/cross-compare.ts).
import type { Connection } from '../engine/connection.js';
import { crossCompare, type CrossCompareResult } from '../engine/cross-compare.js';
import type { ExpectationResult, Sql, SuiteValidationResult } from '../engine/types.js';
import { AssayDataError } from '../errors.js';
import { VERSION } from '../version.js';
import type { RunContext } from './context.js';
import { describeTarget } from './load/index.js';
import type { RunState } from './steps.js';
import type { JudgeAgain, TargetCheck } from './target-check.js';
import type { LoadSpec, StepRecord } from './types.js';

/** `table_name` of the reconciliation's row in the results table. */
const reconcileLabel = (spec: LoadSpec) => `target:${spec.table}`;

export function targetReconcile(ctx: RunContext, state: RunState, spec: LoadSpec, again: JudgeAgain): TargetCheck {
  const rec = spec.reconcile!;
  const check: TargetCheck = {
    async beforeCommit(conn, relation) {
      const index = ctx.pipeline.steps.length + (spec.validateTarget ? 1 : 0);
      const record: StepRecord = {
        index,
        kind: 'reconcile',
        table: spec.table,
        in_place: spec.target.type,
        suite: `reconcile with ${rec.source}`,
      };
      state.steps.push(record);
      const started = new Date();
      ctx.progress.start(`reconcile ${spec.table} with ${rec.source}`);
      let result: ExpectationResult;
      try {
        result = await compare(ctx, spec, conn, relation);
      } finally {
        ctx.progress.done();
        record.duration_ms = Date.now() - started.getTime();
      }
      record.success = result.success;
      const suite: SuiteValidationResult = {
        success: result.success,
        suite_name: record.suite!,
        statistics: {
          evaluated_expectations: 1,
          successful_expectations: result.success ? 1 : 0,
          unsuccessful_expectations: result.success ? 0 : 1,
          success_percent: result.success ? 100 : 0,
        },
        results: [result],
        meta: { table: reconcileLabel(spec), step: index, in_place: spec.target.type },
        run: {
          id: ctx.runId,
          start_time: started.toISOString(),
          end_time: new Date().toISOString(),
          data_source: `${describeTarget(spec)} against ${rec.source}, after the load, before it commits`,
          engine: await conn.engineInfo(),
          assay_version: VERSION,
        },
      };
      ctx.log.info(
        { table: reconcileLabel(spec), source: rec.source, success: result.success, observed: result.result.observed_value },
        'reconciled',
      );
      check.gate = await again.judge(index, reconcileLabel(spec), suite, 'reconciling the target');
      return check.gate.open;
    },
  };
  return check;
}

/** The comparison as an expectation's result; a failure to compare is that result's exception (the gate closes). */
async function compare(ctx: RunContext, spec: LoadSpec, conn: Connection, relation: Sql): Promise<ExpectationResult> {
  const rec = spec.reconcile!;
  const d = ctx.conn.dialect;
  const source = d.ident(rec.source);
  const kwargs: Record<string, unknown> = {
    other_table: rec.source,
    key: rec.key,
    ...(rec.compareColumns ? { compare_columns: rec.compareColumns } : {}),
  };
  const config = { type: 'expect_table_to_match_other_table', kwargs, severity: 'error' as const, meta: {} };
  try {
    const columns = (await ctx.conn.columns(source)).map((c) => c.name);
    const compared = rec.compareColumns ?? columns.filter((c) => !rec.key.includes(c));
    const target = (await conn.columns(relation)).map((c) => c.name);
    const absent = [...rec.key, ...compared].filter((c) => !columns.includes(c) || !target.includes(c));
    if (absent.length)
      throw new Error(
        `reconcile: column${absent.length > 1 ? 's' : ''} ${absent.join(', ')} not in both ${rec.source} (${columns.join(', ')}) and the target (${target.join(', ')})`,
      );
    // A DuckDB or Parquet target is read by the working database itself, through the load's own
    // view of it (inside its transaction); a PostgreSQL target sends its keys and hashes over.
    const local = spec.target.type !== 'postgres';
    const r = await crossCompare({
      self: { conn, relation, local },
      other: { conn: local ? conn : ctx.conn, relation: source, local: true },
      keys: rec.key,
      compared,
      scratch: local ? conn : ctx.conn,
      append: ctx.conn,
    });
    const extraFails = spec.mode === 'replace';
    const o = r.observed;
    const success = o.missing === 0 && o.changed === 0 && o.duplicate_keys === 0 && (!extraFails || o.extra === 0);
    return {
      expectation_config: config,
      success,
      result: resultOf(r, extraFails),
      exception_info: { raised_exception: false, exception_message: null, exception_traceback: null },
    };
  } catch (err) {
    if (err instanceof AssayDataError) throw err;
    const e = err instanceof Error ? err : new Error(String(err));
    return {
      expectation_config: config,
      success: false,
      result: {},
      exception_info: { raised_exception: true, exception_message: `${e.name}: ${e.message}`, exception_traceback: e.stack ?? null },
    };
  }
}

function resultOf(r: CrossCompareResult, extraFails: boolean): Record<string, unknown> {
  return {
    observed_value: r.observed,
    details: {
      ...r.details,
      ...(extraFails ? {} : { extra_rows: 'allowed: the load appends or upserts, so the target keeps rows its source lacks' }),
      ...(r.moved.rows ? { moved: r.moved } : {}),
    },
  };
}
