// validate_target: the load's last word. Once every row is written, and before the load commits
// (inside its transaction for DuckDB and PostgreSQL; before the rename for Parquet), the whole
// target table is validated where it lives with the load's suite. Its results join the run's
// results, the meta-suite runs again over all of them, and the gate is decided again:
//   strict, quarantine  a closed gate rolls the load back: the target stays exactly as it was
//                       (the target's rows cannot be quarantined: they are the target's)
//   warn                the failures are reported and the load commits
// The results table is written only after the transaction ends: DuckDB lets one transaction
// write to one database, and a rolled-back load must not take the results with it.
import type { Connection } from '../engine/connection.js';
import type { Sql, SuiteValidationResult } from '../engine/types.js';
import { validate } from '../engine/validate.js';
import type { RunContext } from './context.js';
import { decideGate } from './gate.js';
import { describeTarget } from './load/index.js';
import { defaultMetaSuite, runMeta } from './meta.js';
import { appendResultRows, resultsWith, toResultRows, type ResultRow } from './results-table.js';
import { inSandbox, openFileSandbox } from './sandbox.js';
import { queryCounter, type RunState } from './steps.js';
import type { GateDecision, LoadSpec, StepRecord } from './types.js';

export interface TargetCheck {
  /** Called by the load with its own connection and the target table, before COMMIT; false rolls it back. */
  beforeCommit(conn: Connection, relation: Sql, files?: readonly string[]): Promise<boolean>;
  /** The gate decided again over every result, the target's included; undefined until the check ran. */
  gate?: GateDecision;
}

export type JudgeAgain = ReturnType<typeof judgeAgain>;

/** `table_name` of the target's rows in the results table. */
export const targetLabel = (spec: LoadSpec) => `target:${spec.table}`;

export function targetCheck(ctx: RunContext, state: RunState, spec: LoadSpec, again: JudgeAgain): TargetCheck {
  const suite = spec.validateTarget!;
  const check: TargetCheck = {
    async beforeCommit(load, relation, files) {
      const index = ctx.pipeline.steps.length;
      const record: StepRecord = { index, kind: 'validate_target', table: spec.table, in_place: spec.target.type };
      state.steps.push(record);
      const started = Date.now();
      ctx.progress.start(`validate target ${spec.table}`);
      const queries = queryCounter(ctx);
      let result: SuiteValidationResult;
      // A target that is files (Parquet) is read in a sandbox that reads them and nothing else,
      // like every suite of a pipeline; a DuckDB or PostgreSQL target only the load's
      // transaction can see (PostgreSQL's is made read-only for the suite, see load/postgres.ts).
      const sandbox = files ? await openFileSandbox(ctx, files) : null;
      const conn = sandbox ?? load;
      try {
        result = await validate(conn, relation, suite, {
          catalogue: ctx.catalogue,
          runId: ctx.runId,
          resultFormat: 'SUMMARY',
          dataSource: `${describeTarget(spec)}, after the load, before it commits`,
          onQuery: queries.onQuery,
        });
      } finally {
        await sandbox?.close();
        ctx.progress.done();
        record.duration_ms = Date.now() - started;
      }
      result.meta = { ...result.meta, table: targetLabel(spec), step: index, in_place: spec.target.type };
      Object.assign(record, { suite: result.suite_name, success: result.success });
      ctx.log.info(
        {
          table: targetLabel(spec),
          suite: result.suite_name,
          success: result.success,
          statistics: result.statistics,
          queries: queries.counts,
        },
        'validated',
      );
      check.gate = await again.judge(index, targetLabel(spec), result, 'validating the target');
      return check.gate.open;
    },
  };
  return check;
}

/**
 * A result about the target, judged with the run's: its rows join the results, the meta-suite
 * runs again over all of them and the gate is decided again. Shared by the load's checks
 * (validate_target, reconcile), so each meta-suite sees the results of the checks before it.
 */
export function judgeAgain(ctx: RunContext, state: RunState) {
  let pending: ResultRow[] = [];
  return {
    /** `after` says in the log what the gate was decided after ("validating the target"). */
    async judge(index: number, label: string, result: SuiteValidationResult, after: string): Promise<GateDecision> {
      const rows = toResultRows(ctx.runId, index, label, result, new Set());
      pending.push(...rows);
      state.validations.push(result);
      state.rows.push(...rows);
      const meta = await inSandbox(ctx, [], (sandbox) =>
        runMeta(sandbox, ctx.catalogue, state.lastMetaSuite ?? defaultMetaSuite(state.policy), ctx.runId, resultsWith(sandbox, pending)),
      );
      state.metas.push(meta);
      state.checked = state.validations.length;
      const gate = decideGate(state.policy, state.rows, state.metas, ctx.pipeline.failOn);
      ctx.log.info({ gate }, `gate ${gate.open ? 'open' : 'closed'} after ${after}${gate.open ? '' : ': rolling the load back'}`);
      return gate;
    },
    /** Appends the target's results to the results table, once the load's transaction has ended. */
    async flush() {
      const rows = pending;
      pending = [];
      await appendResultRows(ctx.conn, rows);
    },
  };
}
