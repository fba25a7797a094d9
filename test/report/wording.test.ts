// One wording of a result: the terminal summaries and every report describe a map result the
// same way, nulls counted apart ("1 unexpected of 3 non-null values (33.33%); 1 missing").
import { describe, expect, it } from 'vitest';
import type { ExpectationResult, SuiteValidationResult } from '../../src/engine/types.js';
import { formatRunSummary } from '../../src/pipeline/summary.js';
import { githubAnnotations } from '../../src/report/annotations.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { observedLine, runReportFromResult, unexpectedSummary } from '../../src/report/run-report.js';
import { formatSummary } from '../../src/report/summary.js';
import { pipelineRunOf, runInfo, withStats } from './fixtures.js';

const WORDS = '1 unexpected of 3 non-null values (33.33%); 1 missing';

function mapResult(result: Record<string, unknown>): ExpectationResult {
  return {
    expectation_config: {
      type: 'expect_column_values_to_be_in_set',
      kwargs: { column: 'status', value_set: ['a', 'b'] },
      severity: 'error',
      meta: {},
    },
    success: false,
    result,
    exception_info: { raised_exception: false, exception_message: null, exception_traceback: null },
    location: { file: 'suites/s.yml', line: 4, column: 5, index: 0 },
  };
}

// GE's result for ['a', 'x', null, 'b']: the percent excludes the null, so the count must too.
const withNull = mapResult({
  element_count: 4,
  missing_count: 1,
  missing_percent: 25,
  unexpected_count: 1,
  unexpected_percent: 33.33333333333333,
  partial_unexpected_list: ['x'],
  partial_unexpected_index_list: [1],
});

describe('the wording of a result', () => {
  it('counts non-null values when some are missing, and all values otherwise', () => {
    expect(unexpectedSummary(withNull)).toBe(WORDS);
    expect(observedLine(withNull)).toBe(`${WORDS}; e.g. x; rows 1`);
    const noNull = mapResult({
      element_count: 4,
      missing_count: 0,
      unexpected_count: 2,
      unexpected_percent: 50,
      partial_unexpected_list: [],
    });
    expect(observedLine(noNull)).toBe('2 unexpected of 4 values (50%)');
    expect(observedLine(mapResult({ observed_value: 12.5 }))).toBe('observed 12.5');
    const raised = {
      ...withNull,
      exception_info: { raised_exception: true, exception_message: 'ValueError: bad', exception_traceback: null },
    };
    expect(observedLine(raised)).toBe('error: ValueError: bad');
  });

  it('is the same in the terminal summaries, Markdown, JUnit, annotations and HTML', () => {
    const suite: SuiteValidationResult = withStats({ suite_name: 's', results: [withNull], meta: {}, run: runInfo() });
    const report = runReportFromResult(suite, { failOn: 'error' });
    expect(formatSummary(suite, { failOn: 'error' })).toContain(WORDS);
    expect(formatRunSummary(pipelineRunOf(report))).toContain(WORDS);
    expect(renderMarkdown(report)).toContain(WORDS);
    expect(renderJunit(report)).toContain(WORDS);
    expect(githubAnnotations(report).join('\n')).toContain(WORDS.replace('%', '%25'));
    // The HTML labels the line "Unexpected", so the noun is not repeated.
    expect(renderHtml(report)).toContain('1 of 3 non-null values (33.33%); 1 missing');
    // What the terminal once said, mixing a count with nulls and a percent without them.
    expect(formatSummary(suite, { failOn: 'error' })).not.toContain('1 unexpected of 4 (33.33%)');
  });
});
