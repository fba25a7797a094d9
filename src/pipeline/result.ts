// The run's result: a run report (what report.html renders, what `assay docs` indexes) plus what
// the pipeline did, written as run.json through the shared report writer; and the validation
// results table saved as Parquet beside it.
import type { Catalogue } from '../engine/catalogue.js';
import type { DuckDBConnection } from '../connections/duckdb.js';
import { writeReports } from '../report/index.js';
import type { Pipeline } from './types.js';
import { RESULTS_TABLE } from './results-table.js';
import type { RunFolder } from './run-folder.js';
import type { RunState } from './steps.js';
import type { GateDecision, LoadRecord, PipelineRunResult, RunStatus, StagedFile } from './types.js';

export interface Outcome {
  status: RunStatus;
  exitCode: number;
  gate: GateDecision | null;
  load: LoadRecord | null;
  error?: string;
}

export function buildResult(
  pipeline: Pipeline,
  runId: string,
  started: Date,
  folder: RunFolder,
  options: PipelineRunResult['options'],
  state: RunState,
  files: StagedFile[],
  outcome: Outcome,
): PipelineRunResult {
  const metaValidation = state.metas.at(-1);
  const closed = outcome.gate ? !outcome.gate.open : outcome.status === 'error';
  return {
    id: runId,
    title: pipeline.name,
    gate: closed ? 'closed' : 'open',
    fail_on: pipeline.failOn ?? 'error',
    ...(outcome.gate?.reasons.length ? { gate_reasons: outcome.gate.reasons } : outcome.error ? { gate_reasons: [outcome.error] } : {}),
    data_sources: [...state.inputs.map((i) => i.description), ...state.places],
    start_time: started.toISOString(),
    end_time: new Date().toISOString(),
    suites: state.validations,
    ...(metaValidation ? { meta_validation: metaValidation } : {}),
    pipeline: pipeline.name,
    pipeline_file: pipeline.file,
    status: outcome.status,
    exit_code: outcome.exitCode,
    options,
    gate_decision: outcome.gate,
    staged_files: files,
    steps: state.steps,
    meta_validations: state.metas,
    quarantine: state.quarantine,
    load: outcome.load,
    run_dir: folder.dir,
    files: { result: folder.json, log: folder.log },
    ...(pipeline.parameters ? { parameters: pipeline.parameters } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
  };
}

export async function writeResult(
  result: PipelineRunResult,
  folder: RunFolder,
  runs: string,
  conn: DuckDBConnection | null,
  catalogue: Catalogue,
): Promise<PipelineRunResult> {
  if (conn) {
    try {
      await conn.exec(`COPY ${conn.dialect.ident(RESULTS_TABLE)} TO ${conn.dialect.literal(folder.results)} (FORMAT parquet)`);
      result.files.validation_results = folder.results;
    } catch {
      /* the table was never created (the run failed before its steps) */
    }
  }
  result.files.html = folder.html;
  const written = await writeReports(result, { runsDir: runs, catalogue });
  if (written.run?.html) result.files.html = written.run.html;
  return result;
}
