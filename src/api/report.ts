// Reports and the gate for library callers. The renderers take a validation result (or a run
// report, as `assay run` saves it) and return the document's text; writing it is the caller's.
// Sentences for expectations come from the catalogue unless `describe` is given.
import type { Severity, SuiteValidationResult } from '../engine/types.js';
import { decideGate as decidePipelineGate } from '../pipeline/gate.js';
import { toResultRows } from '../pipeline/results-table.js';
import type { GateDecision, GatePolicy } from '../pipeline/types.js';
import { loadCatalogue, type Catalogue } from '../engine/catalogue.js';
import { renderHtml as html, renderJunit as junit, renderMarkdown as markdown, reportDescriber, toRunReport } from '../report/index.js';
import type { Describe, RunReport } from '../report/run-report.js';

export interface RenderOptions {
  /** Lowest severity whose failure counts as blocking in the report (default error). */
  failOn?: Severity;
  /** Words for an expectation; by default the catalogue's sentence for its type. */
  describe?: Describe;
  /** Where the sentences come from (default: the built-in types). */
  catalogue?: Catalogue;
}

async function prepare(result: SuiteValidationResult | RunReport, o: RenderOptions): Promise<[RunReport, Describe]> {
  const report = toRunReport(result, { failOn: o.failOn });
  return [report, o.describe ?? (await reportDescriber(o.catalogue ?? (await loadCatalogue()), report))];
}

/** The self-contained HTML report (opens from disk, no network). */
export async function renderHtml(result: SuiteValidationResult | RunReport, options: RenderOptions = {}): Promise<string> {
  const [report, describe] = await prepare(result, options);
  return html(report, { describe });
}

/** JUnit XML: one testcase per expectation. */
export async function renderJUnit(result: SuiteValidationResult | RunReport, options: RenderOptions = {}): Promise<string> {
  const [report, describe] = await prepare(result, options);
  return junit(report, { describe });
}

/** A Markdown summary, e.g. for $GITHUB_STEP_SUMMARY. */
export async function renderMarkdown(result: SuiteValidationResult | RunReport, options: RenderOptions = {}): Promise<string> {
  const [report, describe] = await prepare(result, options);
  return markdown(report, { describe });
}

export interface GateOptions {
  /**
   * strict (default): closed by any failed expectation at or above `failOn`; warn: always open,
   * with what failed as reasons. (A pipeline's quarantine policy needs its quarantine: `runPipeline`.)
   */
  policy?: Exclude<GatePolicy, 'quarantine'>;
  /** Lowest severity whose failure closes the gate (default error), as `assay validate --fail-on`. */
  failOn?: Severity;
  /** Meta-suite results (checks of the run itself): any failure closes the gate, as in a pipeline. */
  meta?: SuiteValidationResult[];
}

/** The gate over validation results: the pipeline's gate, with the same reasons in words. */
export function decideGate(results: SuiteValidationResult | SuiteValidationResult[], options: GateOptions = {}): GateDecision {
  const all = Array.isArray(results) ? results : [results];
  const rows = all.flatMap((r) => toResultRows(r.run.id, 0, r.suite_name, r, new Set()));
  return decidePipelineGate(options.policy ?? 'strict', rows, options.meta ?? [], options.failOn);
}
