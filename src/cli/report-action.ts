// `assay report` at work: read the saved result, render what was asked. Loaded by ./report.ts.
import { readFile } from 'node:fs/promises';
import { writeReports } from '../report/index.js';
import { isRunReport, toRunReport } from '../report/run-report.js';
import { commandCatalogue } from './project.js';
import type { ReportCliOptions } from './report.js';
import { AssayUsageError, EXIT } from '../errors.js';

export async function runReport(file: string, o: ReportCliOptions): Promise<number> {
  if (!o.html && !o.junit && !o.markdown)
    throw new AssayUsageError('say what to write: --html <file>, --junit <file> and/or --markdown <file>');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AssayUsageError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AssayUsageError(`${file} is not JSON: ${(err as Error).message}`);
  }
  let report;
  try {
    report = toRunReport(json, { failOn: o.failOn });
  } catch (err) {
    throw new AssayUsageError(`${file}: ${(err as Error).message}`);
  }
  // A run report carries its own fail-on; --fail-on only applies to a bare suite result.
  if (isRunReport(json) && o.failOn !== 'error' && o.failOn !== report.fail_on) {
    process.stderr.write(`note: ${file} is a run report with fail-on ${report.fail_on}; --fail-on is ignored\n`);
  }
  // The runs folder is only read here (for the previous-run links), never written.
  const written = await writeReports(report, {
    html: o.html,
    junit: o.junit,
    markdown: o.markdown,
    historyDir: o.runs,
    catalogue: await commandCatalogue(),
  });
  if (!o.quiet) for (const f of [written.html, written.junit, written.markdown]) if (f) process.stdout.write(`wrote ${f}\n`);
  return EXIT.OK;
}
