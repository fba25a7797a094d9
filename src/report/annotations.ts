// GitHub Actions annotations: `::error file=suites/orders.yml,line=14::…` lines on stdout put
// each failed expectation on the line of the suite file where it is written, in the pull
// request's diff. GitHub shows about ten annotations of each kind per step, so errors come
// first and, past the limit, the rest are summed up in one line of that kind.
import path from 'node:path';
import type { ExpectationResult, Severity } from '../engine/types.js';
import { describer, observedLine, suiteEntries, type Describe, type RunReport } from './run-report.js';

export type AnnotationKind = 'error' | 'warning' | 'notice';

export interface AnnotationOptions {
  describe?: Describe;
  /** Most annotations of one kind, the summary line included (GitHub shows 10). */
  maxPerKind?: number;
  /** Suite paths are made relative to this folder (the repository): GITHUB_WORKSPACE. */
  workspace?: string;
  /** What relative suite paths are relative to: the process's working folder. */
  cwd?: string;
}

const KIND: Record<Severity, AnnotationKind> = { error: 'error', warning: 'warning', info: 'notice' };

// The escaping of GitHub's toolkit (@actions/core): data may hold newlines, '%', and in
// properties ',' and ':' which would otherwise end the property.
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: AnnotationKind, props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind}${p ? ` ${p}` : ''}::${escapeData(message)}`;
}

/** The suite file as GitHub names it: relative to the repository, with forward slashes. */
export function repoPath(file: string, opts: { workspace?: string; cwd?: string } = {}): string {
  const cwd = opts.cwd ?? process.cwd();
  const abs = path.resolve(cwd, file);
  const rel = path.relative(opts.workspace ?? cwd, abs);
  // Outside the repository GitHub cannot place it on a line; keep the path for the reader.
  return (rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel).split(path.sep).join('/');
}

/** Annotation lines for the failed expectations of a run, errors first. */
export function githubAnnotations(report: RunReport, opts: AnnotationOptions = {}): string[] {
  const describe = opts.describe ?? describer();
  const max = Math.max(1, opts.maxPerKind ?? 10);
  const byKind = new Map<AnnotationKind, { r: ExpectationResult; suite: string }[]>([
    ['error', []],
    ['warning', []],
    ['notice', []],
  ]);
  for (const { suite } of suiteEntries(report)) {
    for (const r of suite.results) if (!r.success) byKind.get(KIND[r.expectation_config.severity])!.push({ r, suite: suite.suite_name });
  }
  const lines: string[] = [];
  for (const [kind, failed] of byKind) {
    if (failed.length === 0) continue;
    const shown = failed.length > max ? failed.slice(0, max - 1) : failed;
    for (const { r, suite } of shown) {
      const loc = r.location;
      const title = `${suite}: ${r.expectation_config.type}${r.exception_info?.raised_exception ? ' raised an error' : ' failed'}`;
      lines.push(
        command(
          kind,
          {
            file: loc?.file ? repoPath(loc.file, opts) : undefined,
            line: loc?.file ? loc.line : undefined,
            col: loc?.file ? loc.column : undefined,
            title,
          },
          `${describe(r)} — ${observedLine(r, 300)}`,
        ),
      );
    }
    const rest = failed.length - shown.length;
    if (rest > 0) {
      const sev = kind === 'notice' ? 'info' : kind;
      lines.push(
        command(
          kind,
          { title: `${rest} more failed ${sev} expectations` },
          `${rest} more ${sev}-severity expectations failed (${failed.length} in all); see the step summary, the JUnit file or the HTML report.`,
        ),
      );
    }
  }
  return lines;
}
