// Assay as a library: `import { validate } from 'assay'`. Everything here is the public API;
// the rest of src/ may change between versions. Nothing here prints or exits: results are
// values, problems are AssayError subclasses, and the CLI alone turns them into exit codes.
export { validate, type ValidateInput, type ValidateOptions } from './api/validate.js';
export { loadSuite, parseSuite, type SuiteOptions } from './api/suite.js';
export { profile, type ProfileInput, type ProfileOptions, type ServerSource } from './api/profile.js';
export type { ColumnProfile, Profile } from './profile/profile.js';
export {
  defineSuite,
  type ExpectationEntry,
  type ExpectationKwargs,
  type ExpectationType,
  type ParameterRef,
  type SuiteDefinition,
} from './api/define-suite.js';
export { decideGate, renderHtml, renderJUnit, renderMarkdown, type GateOptions, type RenderOptions } from './api/report.js';
export { loadCatalogue, type Catalogue, type CatalogueOptions } from './engine/catalogue.js';
export { loadPipeline, type LoadPipelineOptions } from './api/pipeline.js';
export { historyAssets, historyMetrics, historySeries, type HistoryOptions, type SeriesOptions } from './api/history.js';
export { defineConfig, loadConfig, type AssayConfig, type ConnectionConfig, type LoadedConfig } from './config/project.js';
export type { ExpectationKit } from './engine/kit.js';
export { runPipeline, type PipelineOutcome, type RunOptions } from './pipeline/run.js';
export {
  AssayCatalogueError,
  AssayConfigError,
  AssayDataError,
  AssayEnvironmentError,
  AssayError,
  AssayOutputError,
  AssayPipelineError,
  AssaySuiteError,
  AssayUsageError,
  EXIT,
  InvalidKwargsError,
  LoadError,
  MissingColumnError,
  PipelineBusyError,
  RowConditionError,
  StepError,
  TargetBusyError,
  type AssayErrorOptions,
  type ConfigIssue,
  type ConfigIssueCode,
  type ExitCode,
} from './errors.js';
export type { ExpectationResult, ResultFormatName, Severity, Suite, SuiteValidationResult, ValidationStatistics } from './engine/types.js';
export type { CsvOptions, FileFormat } from './engine/sources.js';
export type { GateDecision, GatePolicy, Pipeline, PipelineRunResult } from './pipeline/types.js';
export type { RunReport } from './report/run-report.js';
