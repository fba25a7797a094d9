// `assay report <result.json>`: renders the HTML report, JUnit XML or Markdown summary of a
// saved JSON result (`assay validate --json`, or a run's run.json) without touching data.
// Also the reports step of `assay validate` (emitValidateReports).
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { Severity, SuiteValidationResult } from '../engine/types.js';
import { defaultDescribe, githubAnnotations, writeReports } from '../report/index.js';
import { isRunReport, runReportFromResult, toRunReport } from '../report/run-report.js';
import { UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';

export interface ReportCliOptions {
  html?: string;
  junit?: string;
  markdown?: string;
  runs?: string;
  failOn: Severity;
  quiet?: boolean;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('render the HTML report, JUnit XML or Markdown summary of a saved JSON result')
    .argument('<result>', 'a JSON result (assay validate --json) or a run report (run.json)')
    .option('--html <file>', 'write the HTML report (self-contained, opens from disk)')
    .option('--junit <file>', 'write JUnit XML (one testcase per expectation)')
    .option('--markdown <file>', 'write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY)')
    .option('--runs <dir>', 'link to the previous run of each suite in this runs folder (assay docs)')
    .addOption(new Option('--fail-on <severity>', 'lowest severity whose failure closed the gate (for a suite result)').choices(['error', 'warning', 'info']).default('error'))
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (file: string, o: ReportCliOptions) => {
      process.exitCode = await runReport(file, o);
    });
}

export async function runReport(file: string, o: ReportCliOptions): Promise<number> {
  if (!o.html && !o.junit && !o.markdown) throw new UsageError('say what to write: --html <file>, --junit <file> and/or --markdown <file>');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not JSON: ${(err as Error).message}`);
  }
  let report;
  try {
    report = toRunReport(json, { failOn: o.failOn });
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
  // A run report carries its own fail-on; --fail-on only applies to a bare suite result.
  if (isRunReport(json) && o.failOn !== 'error' && o.failOn !== report.fail_on) {
    process.stderr.write(`note: ${file} is a run report with fail-on ${report.fail_on}; --fail-on is ignored\n`);
  }
  // The runs folder is only read here (for the previous-run links), never written.
  const written = await writeReports(report, { html: o.html, junit: o.junit, markdown: o.markdown, historyDir: o.runs });
  if (!o.quiet) for (const f of [written.html, written.junit, written.markdown]) if (f) process.stdout.write(`wrote ${f}\n`);
  return EXIT.OK;
}

export interface ReportOutputOptions {
  html?: string;
  junit?: string;
  markdown?: string;
  runs?: string;
  failOn: Severity;
  quiet?: boolean;
}

/**
 * After `assay validate`: writes the reports asked for and, on GitHub Actions, prints the
 * annotations of failed expectations (even with --quiet: they are for the CI page, not the log).
 */
export async function emitValidateReports(result: SuiteValidationResult, o: ReportOutputOptions, env: Record<string, string | undefined> = process.env): Promise<void> {
  const report = runReportFromResult(result, { failOn: o.failOn });
  const describe = await defaultDescribe();
  if (o.html || o.junit || o.markdown || o.runs) {
    let written;
    try {
      written = await writeReports(report, { html: o.html, junit: o.junit, markdown: o.markdown, runsDir: o.runs, describe, env });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code && e.path) throw new UsageError(`cannot write ${e.path}: ${e.code}`);
      throw err;
    }
    if (!o.quiet) {
      if (written.html) process.stdout.write(`HTML report: ${written.html}\n`);
      if (written.junit) process.stdout.write(`JUnit XML: ${written.junit}\n`);
      if (written.markdown) process.stdout.write(`Markdown summary: ${written.markdown}\n`);
      if (written.run) process.stdout.write(`Run saved: ${written.run.html} (index: ${written.index})\n`);
    }
  }
  if (env.GITHUB_ACTIONS === 'true') {
    const lines = githubAnnotations(report, { describe, workspace: env.GITHUB_WORKSPACE });
    if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  }
}
