// Prints a plain closing line `tests: N passed, M failed, K skipped` after vitest's own summary,
// so CI logs end with one unambiguous count.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    // A file that fails before its tests run (a server missing under CI=true) has no test to count.
    const broken = modules.filter((m) => m.errors().length > 0).length;
    const files = broken ? `, ${broken} file${broken === 1 ? '' : 's'} failed to load` : '';
    process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${files}\n`);
  }
}
