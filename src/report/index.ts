// Writing reports: the one call the CLI and the pipeline make after a run. The renderers are
// pure (html.ts, junit.ts, markdown.ts, annotations.ts); this file only loads the catalogue's
// sentences, finds the previous runs, and writes files.
import { writeOutputFile } from './output-file.js';
import path from 'node:path';
import type { Catalogue } from '../engine/catalogue.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { buildRunIndex, findHistory, indexPath, readRuns, runPaths, type RunPaths } from './run-index.js';
import { describer, reportDescriber, type Describe, type History, type RunReport } from './run-report.js';

export { githubAnnotations } from './annotations.js';
export { renderHtml } from './html.js';
export { renderJunit } from './junit.js';
export { renderMarkdown } from './markdown.js';
export { buildRunIndex, readRuns, runPaths } from './run-index.js';
export { describer, reportDescriber, runReportFromResult, toRunReport } from './run-report.js';
export type { RunReport } from './run-report.js';

export interface WriteReportsOptions {
  html?: string;
  junit?: string;
  markdown?: string;
  /**
   * A runs folder: the run is also saved there (run.json and report.html, see runPaths), its
   * reports link to the previous run of each suite found there, and the folder's index.html
   * is brought up to date.
   */
  runsDir?: string;
  /** A runs folder only read, for the previous-run links (`assay report --runs`). */
  historyDir?: string;
  /** Where the expectations' sentences come from (or give `describe`). */
  catalogue?: Catalogue;
  /** Sentences for expectations; by default the catalogue's (else the kwargs). */
  describe?: Describe;
  /** Extra line at the end of the Markdown summary. */
  markdownFooter?: string;
  /** Environment, for $GITHUB_STEP_SUMMARY (default: process.env). */
  env?: Record<string, string | undefined>;
}

export interface WrittenReports {
  html?: string;
  junit?: string;
  markdown?: string;
  run?: RunPaths;
  index?: string;
}

const write = (file: string, text: string, append = false) => writeOutputFile(file, text, { append });

export async function writeReports(report: RunReport, opts: WriteReportsOptions = {}): Promise<WrittenReports> {
  const describe = opts.describe ?? (opts.catalogue ? await reportDescriber(opts.catalogue, report) : describer());
  const env = opts.env ?? process.env;
  const written: WrittenReports = {};
  const historyDir = opts.runsDir ?? opts.historyDir;
  const runs = historyDir ? (await readRuns(historyDir)).runs.filter((r) => r.report.id !== report.id) : [];
  const historyFor = (htmlFile: string): History | undefined =>
    historyDir ? findHistory(runs, report, path.dirname(htmlFile), describe) : undefined;

  if (opts.runsDir) {
    const paths = runPaths(opts.runsDir, report.id);
    await write(paths.json, `${JSON.stringify(report, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`);
    const indexHref = path.relative(paths.dir, indexPath(opts.runsDir)).split(path.sep).join('/');
    await write(paths.html, renderHtml(report, { describe, history: historyFor(paths.html), indexHref }));
    written.run = paths;
    written.index = (await buildRunIndex(opts.runsDir, { describe })).file;
  }
  if (opts.html) {
    await write(opts.html, renderHtml(report, { describe, history: historyFor(opts.html) }));
    written.html = opts.html;
  }
  if (opts.junit) {
    await write(opts.junit, renderJunit(report, { describe }));
    written.junit = opts.junit;
  }
  if (opts.markdown) {
    // $GITHUB_STEP_SUMMARY is shared by the step's commands: add to it, never replace it.
    const summary = env.GITHUB_STEP_SUMMARY;
    const append = !!summary && path.resolve(summary) === path.resolve(opts.markdown);
    await write(opts.markdown, renderMarkdown(report, { describe, footer: opts.markdownFooter }), append);
    written.markdown = opts.markdown;
  }
  return written;
}
