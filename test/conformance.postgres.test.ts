// Great Expectations conformance on a real PostgreSQL, as part of `npm test` when DATABASE_URL
// is set (CI starts one). The same runner as test/conformance.test.ts (which runs DuckDB, or any
// dialect with CONFORMANCE_DIALECT), with the floors "postgres" and "postgres:ge-run" of
// test/conformance.floor.json. Filtered runs and failure details: `npm run conformance -- --dialect postgres`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { formatReport, geRun, REPO_ROOT, runConformance, type RunSummary } from './conformance/harness.js';
import { postgresUrl } from './helpers/services.js';

const url = process.env.CONFORMANCE_DIALECT === undefined ? await postgresUrl(import.meta.url) : undefined;
// With CONFORMANCE_DIALECT=postgres, test/conformance.test.ts already does this run.
const skip = !url || process.env.CONFORMANCE_DIALECT !== undefined;

let summary: RunSummary | undefined;

afterAll(() => {
  if (summary) process.stdout.write(`\n[postgres]\n${formatReport(summary, { details: process.env.CONFORMANCE_DETAILS === '1' })}\n`);
});

it.skipIf(skip)('GE conformance on PostgreSQL passes at least the recorded floor', { timeout: 300_000 }, async () => {
  summary = await runConformance({ dialect: 'postgres' });
  const passed = summary.outcomes.filter((o) => o.status === 'passed').length;
  const floors = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/conformance.floor.json'), 'utf8')) as Record<string, number>;
  expect(passed, 'passed cases on PostgreSQL (floor "postgres" in test/conformance.floor.json)').toBeGreaterThanOrEqual(
    floors.postgres ?? 0,
  );
  const ge = geRun(summary);
  expect(
    ge.passed,
    `GE-run cases passing on PostgreSQL (floor "postgres:ge-run"); failing: ${ge.failed.map((f) => f.id).join(', ')}`,
  ).toBeGreaterThanOrEqual(floors['postgres:ge-run'] ?? 0);
});
