// The runs folder and its index (`assay docs`). One layout, used by `assay validate --runs`,
// by pipeline runs and by `assay docs`:
//
//   <runs>/<run-id>/run.json      the run report (RunReport: gate, data sources, suite results)
//   <runs>/<run-id>/report.html   its HTML report, linking to the previous run of each suite
//   <runs>/index.html             runs newest first, a success trend per suite
//
// A folder holding a `result.json` (one suite's result, `assay validate --json`) instead of a
// run.json is read too, so results copied in by hand show up.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { ensureDir } from './output-file.js';
import path from 'node:path';
import { renderHtml, renderIndexHtml, type IndexRun, type IndexSuite } from './html.js';
import { assetTrends } from './asset-trends.js';
import { compareResults, describer, toRunReport, type Describe, type History, type RunReport } from './run-report.js';

export interface RunPaths {
  dir: string;
  json: string;
  html: string;
  junit: string;
  markdown: string;
}

/** A run id as a folder name: anything but letters, digits, '.', '_' and '-' becomes '_'. */
export function runFolderName(runId: string): string {
  const name = runId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return name || '_';
}

/** Where a run's files go under a runs folder. The one place that defines the layout. */
export function runPaths(runsDir: string, runId: string): RunPaths {
  const dir = path.join(runsDir, runFolderName(runId));
  return {
    dir,
    json: path.join(dir, 'run.json'),
    html: path.join(dir, 'report.html'),
    junit: path.join(dir, 'junit.xml'),
    markdown: path.join(dir, 'summary.md'),
  };
}

export const indexPath = (runsDir: string) => path.join(runsDir, 'index.html');

export interface SavedRun {
  report: RunReport;
  paths: RunPaths;
  /** The JSON file it was read from (run.json or result.json). */
  source: string;
}

export interface ReadRuns {
  /** Newest first. */
  runs: SavedRun[];
  /** Folders with a JSON file that is not a readable result, and why. */
  skipped: { file: string; reason: string }[];
}

const byNewest = (a: SavedRun, b: SavedRun) =>
  Date.parse(b.report.start_time) - Date.parse(a.report.start_time) || b.report.id.localeCompare(a.report.id);

/** Every saved run under a runs folder, newest first. */
export async function readRuns(runsDir: string): Promise<ReadRuns> {
  const out: ReadRuns = { runs: [], skipped: [] };
  let names: string[];
  try {
    names = (await readdir(runsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return out;
  }
  for (const name of names) {
    const dir = path.join(runsDir, name);
    const file = ['run.json', 'result.json'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
    if (!file) continue;
    try {
      const report = toRunReport(JSON.parse(await readFile(file, 'utf8')));
      // The folder is the run's home whatever its id says (a copied folder keeps working).
      const paths = { ...runPaths(runsDir, name), dir, html: path.join(dir, 'report.html') };
      out.runs.push({ report, paths, source: file });
    } catch (err) {
      out.skipped.push({ file, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  out.runs.sort(byNewest);
  return out;
}

const href = (fromDir: string, file: string) => path.relative(fromDir, file).split(path.sep).join('/');

/**
 * The previous run of each suite of `report` among `runs` (newest first): the latest run that
 * started before it and validated a suite of the same name, with the expectations that changed
 * state. Links are relative to `fromDir`, the folder of the report being rendered.
 */
export function findHistory(runs: SavedRun[], report: RunReport, fromDir: string, describe: Describe = describer()): History {
  const history: History = new Map();
  const start = Date.parse(report.start_time);
  for (const suite of report.suites) {
    if (history.has(suite.suite_name)) continue;
    for (const run of runs) {
      if (run.report.id === report.id || !(Date.parse(run.report.start_time) < start)) continue;
      const before = run.report.suites.find((s) => s.suite_name === suite.suite_name);
      if (!before) continue;
      history.set(suite.suite_name, {
        run_id: run.report.id,
        start_time: run.report.start_time,
        href: href(fromDir, run.paths.html),
        success_percent: before.statistics.success_percent,
        changes: compareResults(before, suite, describe),
      });
      break;
    }
  }
  return history;
}

/** What the index page shows, with links relative to the index's folder. */
export function indexModel(runs: SavedRun[], indexDir: string): { runs: IndexRun[]; suites: IndexSuite[] } {
  const rows: IndexRun[] = runs.map((r) => ({
    id: r.report.id,
    title: r.report.title ?? r.report.suites.map((s) => s.suite_name).join(', '),
    href: href(indexDir, r.paths.html),
    gate: r.report.gate,
    start_time: r.report.start_time,
    end_time: r.report.end_time,
    data_sources: r.report.data_sources,
    suites: r.report.suites.map((s) => ({
      name: s.suite_name,
      success: s.success,
      success_percent: s.statistics.success_percent,
      failed: s.statistics.unsuccessful_expectations,
    })),
  }));
  const suites = new Map<string, IndexSuite>();
  for (const r of [...runs].reverse()) {
    r.report.suites.forEach((s, i) => {
      const entry = suites.get(s.suite_name) ?? { name: s.suite_name, points: [] };
      entry.points.push({
        run_id: r.report.id,
        start_time: r.report.start_time,
        success_percent: s.statistics.success_percent,
        success: s.success,
        gate: r.report.gate,
      });
      entry.latestHref = `${href(indexDir, r.paths.html)}#s${i + 1}`;
      suites.set(s.suite_name, entry);
    });
  }
  return { runs: rows, suites: [...suites.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

export interface BuildIndexResult {
  file: string;
  runs: number;
  /** Reports that were missing and were rendered. */
  rendered: string[];
  skipped: ReadRuns['skipped'];
}

/**
 * Writes <runs>/index.html, and the report.html of any run that has none (a result.json
 * copied in by hand, or a run saved without its report).
 */
export async function buildRunIndex(runsDir: string, opts: { out?: string; describe?: Describe } = {}): Promise<BuildIndexResult> {
  const describe = opts.describe ?? describer();
  const { runs, skipped } = await readRuns(runsDir);
  const rendered: string[] = [];
  const oldestFirst = [...runs].reverse();
  for (const run of oldestFirst) {
    if (existsSync(run.paths.html)) continue;
    const history = findHistory(runs, run.report, run.paths.dir, describe);
    await writeFile(
      run.paths.html,
      renderHtml(run.report, { describe, history, indexHref: href(run.paths.dir, opts.out ?? indexPath(runsDir)) }),
    );
    rendered.push(run.paths.html);
  }
  const file = opts.out ?? indexPath(runsDir);
  await ensureDir(path.dirname(path.resolve(file)));
  const model = indexModel(runs, path.dirname(file));
  await writeFile(file, renderIndexHtml(model.runs, model.suites, { assets: await assetTrends(runsDir) }));
  return { file, runs: runs.length, rendered, skipped };
}
