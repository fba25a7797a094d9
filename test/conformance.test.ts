// Great Expectations conformance: every SQL-meaningful GE test case, run through Assay.
//   npm run conformance
//   CONFORMANCE_TYPE=expect_column_values_to_be_between,expect_column_max_to_be_between npm run conformance
//   CONFORMANCE_ID=basic_positive npm run conformance
// Prints a table per expectation type, then `GE-run cases: X of 458 pass` (the cases GE's own
// runner runs on SQL, with each failing one listed above it) and, last, `conformance: N passed,
// M failed, K skipped`.
// With a filter (or CONFORMANCE_DETAILS=1) it also prints each failure. All failures go to
// test/.tmp/conformance-failures.json. CONFORMANCE_WRITE_DOC=1 on a full run rewrites the
// figures in docs/conformance.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { formatReport, geRun, markdownReport, REPO_ROOT, runConformance, type RunSummary } from './conformance/harness.js';

const types = (process.env.CONFORMANCE_TYPE ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const idContains = process.env.CONFORMANCE_ID?.trim() || undefined;
const dialect = process.env.CONFORMANCE_DIALECT?.trim() || 'duckdb';
const filtered = types.length > 0 || idContains !== undefined;

const floorFile = path.join(REPO_ROOT, 'test/conformance.floor.json');
const outFile = path.join(REPO_ROOT, 'test/.tmp/conformance-failures.json');

let summary: RunSummary | undefined;

afterAll(() => {
  if (!summary) return;
  // process.stdout.write from the worker reaches the terminal with the default reporter, without a
  // "stdout |" banner per line; the summary line is the last thing the run prints before vitest's own.
  process.stdout.write(`\n${formatReport(summary, { details: filtered || process.env.CONFORMANCE_DETAILS === '1' })}\n`);
});

// Spark runs every query as a job on its executors: its full run takes minutes, not seconds.
it(
  'GE conformance cases pass at least as often as the recorded floor',
  { timeout: dialect === 'spark' ? 1_800_000 : 300_000 },
  async () => {
    summary = await runConformance({ types, idContains, dialect });
    const failures = summary.outcomes.filter((o) => o.status === 'failed');
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(
      outFile,
      JSON.stringify(
        {
          dialect,
          filter: filtered ? { types, id: idContains ?? null } : null,
          passed: summary.outcomes.length - failures.length,
          failed: failures.length,
          skipped: summary.skipped,
          geRun: (({ total, passed, failed }) => ({ total, passed, failed: failed.map((f) => f.id) }))(geRun(summary)),
          failures,
          // Cases that pass but where GE's check is lenient (a key only one side has, an
          // exception message without GE's text): worth a look, not a failure.
          passedWithNotes: summary.outcomes
            .filter((o) => o.status === 'passed' && o.notes?.length)
            .map((o) => ({ id: o.id, notes: o.notes })),
        },
        null,
        2,
      ) + '\n',
    );
    if (!filtered && process.env.CONFORMANCE_WRITE_DOC === '1') {
      const doc = path.join(REPO_ROOT, 'docs/conformance.md');
      const text = readFileSync(doc, 'utf8');
      const begin = '<!-- conformance:begin -->';
      const end = '<!-- conformance:end -->';
      const [head, rest] = text.split(begin);
      const tail = rest?.split(end)[1];
      if (tail === undefined) throw new Error(`docs/conformance.md lacks the ${begin} ... ${end} markers`);
      writeFileSync(doc, `${head}${begin}\n${markdownReport(summary, dialect)}\n${end}${tail}`);
    }
    if (!filtered) {
      const floors = JSON.parse(readFileSync(floorFile, 'utf8')) as Record<string, number>;
      expect(summary.outcomes.length - failures.length, `passed cases (floor in test/conformance.floor.json)`).toBeGreaterThanOrEqual(
        floors[dialect] ?? 0,
      );
      // The cases GE itself runs on SQL (458): "<dialect>:ge-run" is how many must pass; once it
      // equals 458 this asserts that every one of them passes.
      const ge = geRun(summary);
      expect(ge.total, 'GE-run cases in a full run').toBe(458);
      expect(
        ge.passed,
        `GE-run cases passing (floor "${dialect}:ge-run"); failing: ${ge.failed.map((f) => f.id).join(', ')}`,
      ).toBeGreaterThanOrEqual(floors[`${dialect}:ge-run`] ?? 0);
    }
  },
);
