// Great Expectations' result_format: how much of a result is returned, and the shape of
// map-expectation results (GE's _format_map_output), kept to the letter.
import type { ResultFormat, ResultFormatName } from './types.js';

const NAMES: readonly ResultFormatName[] = ['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE'];

export function normalizeResultFormat(raw: unknown, fallback: ResultFormatName = 'BASIC'): ResultFormat {
  if (raw === undefined || raw === null) return { result_format: fallback, partial_unexpected_count: 20 };
  if (typeof raw === 'string') {
    const name = raw.toUpperCase() as ResultFormatName;
    if (!NAMES.includes(name)) throw new Error(`unknown result_format ${raw}; use one of ${NAMES.join(', ')}`);
    return { result_format: name, partial_unexpected_count: 20 };
  }
  const obj = raw as Partial<ResultFormat>;
  const base = normalizeResultFormat(obj.result_format ?? fallback);
  return { ...base, ...obj, result_format: base.result_format, partial_unexpected_count: obj.partial_unexpected_count ?? 20 };
}

export const atLeast = (rf: ResultFormat, level: ResultFormatName) => NAMES.indexOf(rf.result_format) >= NAMES.indexOf(level);

export interface MapCounts {
  element_count: number;
  /** Rows considered (not missing); null when the family has no notion of missing. */
  nonnull_count: number | null;
  unexpected_count: number;
}

export interface MapSamples {
  unexpected_list: unknown[];
  unexpected_index_list: unknown[] | null;
  unexpected_index_query?: string | null;
  unexpected_rows?: unknown[];
  /** Counts of the most common unexpected values; computed in SQL over all unexpected rows. */
  partial_unexpected_counts?: { value: unknown; count: number }[];
}

/** The `result` object of a map expectation for a given result_format. */
export function formatMapResult(rf: ResultFormat, counts: MapCounts, samples: MapSamples): Record<string, unknown> {
  if (rf.result_format === 'BOOLEAN_ONLY') return {};
  const { element_count, nonnull_count, unexpected_count } = counts;
  const skipMissing = nonnull_count === null;
  const missing_count = skipMissing ? null : element_count - nonnull_count;
  let missing_percent: number | null = null;
  let unexpected_percent_total: number | null = null;
  let unexpected_percent_nonmissing: number | null = null;
  if (element_count > 0) {
    unexpected_percent_total = (unexpected_count / element_count) * 100;
    if (!skipMissing) {
      missing_percent = (missing_count! / element_count) * 100;
      unexpected_percent_nonmissing = nonnull_count! > 0 ? (unexpected_count / nonnull_count!) * 100 : null;
    } else {
      unexpected_percent_nonmissing = unexpected_percent_total;
    }
  }
  const result: Record<string, unknown> = {
    element_count,
    unexpected_count,
    unexpected_percent: unexpected_percent_nonmissing,
    partial_unexpected_list: samples.unexpected_list.slice(0, rf.partial_unexpected_count),
  };
  if (!skipMissing) {
    Object.assign(result, { missing_count, missing_percent, unexpected_percent_total, unexpected_percent_nonmissing });
  }
  if (rf.include_unexpected_rows) result.unexpected_rows = samples.unexpected_rows ?? [];
  if (rf.result_format === 'BASIC') return result;

  if (rf.partial_unexpected_count > 0) {
    result.partial_unexpected_index_list = samples.unexpected_index_list?.slice(0, rf.partial_unexpected_count) ?? null;
    result.partial_unexpected_counts =
      samples.partial_unexpected_counts ?? countValues(samples.unexpected_list, rf.partial_unexpected_count);
  }
  if (rf.result_format === 'SUMMARY') return result;

  result.unexpected_list = samples.unexpected_list;
  result.unexpected_index_list = samples.unexpected_index_list;
  if (rf.return_unexpected_index_query !== false) result.unexpected_index_query = samples.unexpected_index_query ?? null;
  return result;
}

/** Most common values first, ties by value (GE sorts by (-count, value)). */
export function countValues(values: unknown[], limit: number): { value: unknown; count: number }[] {
  const counts = new Map<string, { value: unknown; count: number }>();
  for (const v of values) {
    const key = JSON.stringify(v);
    const entry = counts.get(key) ?? { value: v, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || compareValues(a.value, b.value)).slice(0, limit);
}

export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
