// Great Expectations conformance on a real Spark (SPARK_URL; scripts/start-spark.sh, which CI
// runs), as part of `npm test`. The same runner as test/conformance.test.ts, with the floors
// "spark" and "spark:ge-run" of test/conformance.floor.json; each case is a job on the cluster, so
// this run takes minutes. Filtered runs and failure details: `npm run conformance -- --dialect spark`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { formatReport, geRun, REPO_ROOT, runConformance, type RunSummary } from './conformance/harness.js';
import { sparkUrl } from './helpers/services.js';

const url = process.env.CONFORMANCE_DIALECT === undefined ? await sparkUrl(import.meta.url) : undefined;
// With CONFORMANCE_DIALECT=spark, test/conformance.test.ts already does this run.
const skip = !url || process.env.CONFORMANCE_DIALECT !== undefined;

let summary: RunSummary | undefined;

afterAll(() => {
  if (summary) process.stdout.write(`\n[spark]\n${formatReport(summary, { details: process.env.CONFORMANCE_DETAILS === '1' })}\n`);
});

it.skipIf(skip)('GE conformance on Spark passes at least the recorded floor', { timeout: 1_800_000 }, async () => {
  summary = await runConformance({ dialect: 'spark' });
  const passed = summary.outcomes.filter((o) => o.status === 'passed').length;
  const floors = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/conformance.floor.json'), 'utf8')) as Record<string, number>;
  expect(passed, 'passed cases on Spark (floor "spark" in test/conformance.floor.json)').toBeGreaterThanOrEqual(floors.spark ?? 0);
  const ge = geRun(summary);
  expect(
    ge.passed,
    `GE-run cases passing on Spark (floor "spark:ge-run"); failing: ${ge.failed.map((f) => f.id).join(', ')}`,
  ).toBeGreaterThanOrEqual(floors['spark:ge-run'] ?? 0);
});
