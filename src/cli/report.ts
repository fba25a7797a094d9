// `assay report <result.json>`: renders the HTML report, JUnit XML or Markdown summary of a
// saved JSON result (`assay validate --json`, or a run's run.json) without touching data.
// The options only; the rendering is in ./report-action.ts, loaded when the command runs.
import { Option, type Command } from 'commander';
import type { Severity } from '../engine/types.js';

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
    .addOption(
      new Option('--fail-on <severity>', 'lowest severity whose failure closed the gate (for a suite result)')
        .choices(['error', 'warning', 'info'])
        .default('error'),
    )
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (file: string, o: ReportCliOptions) => {
      const { runReport } = await import('./report-action.js');
      process.exitCode = await runReport(file, o);
    });
}
