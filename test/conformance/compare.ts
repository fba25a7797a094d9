// Compares one Assay result with a GE case's `expected`, key by key, as GE's
// check_json_test_result does (see ./ge/README.md). Where GE's check is
// looser than it looks: exact_match_out compares only the result keys both sides have. We
// follow it, and add notes (never failures) for the keys only one side has.
import type { ExpectationResult } from '../../src/engine/types.js';
import { PyFloat, pyRepr, toJs, type Py } from './pyjson.js';

export const RTOL = 1e-7;
export const ATOL = 5e-2;
const RX_FLOAT = /\d\.\d/;

export interface Verdict {
  pass: boolean;
  /** Why the case fails, one line per difference. */
  problems: string[];
  /** Things worth knowing that GE's check does not fail on. */
  notes: string[];
}

export interface CompareInput {
  expected: Record<string, Py>;
  exactMatchOut: boolean;
  tolerance: number | null;
  pkColumn: boolean;
  actual: ExpectationResult;
}

/** Short, stable text of a value for messages. */
export function show(v: unknown): string {
  const s = JSON.stringify(v, (_k, x) =>
    typeof x === 'number' && !Number.isFinite(x) ? String(x) : typeof x === 'bigint' ? x.toString() : x,
  );
  if (s === undefined) return String(v);
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
}

/** Python ==, on JSON-shaped values (True != 1 here; it never matters in the corpus). */
export function pyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => pyEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b as object, k) && pyEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** np.allclose(actual, expected): elementwise |a - e| <= atol + rtol * |e|; throws on non-numbers. */
export function allclose(actual: unknown, expected: unknown, rtol: number, atol = 1e-8): boolean {
  if (Array.isArray(actual) || Array.isArray(expected)) {
    if (!Array.isArray(actual) || !Array.isArray(expected)) throw new TypeError('cannot compare a list with a scalar');
    if (actual.length !== expected.length) {
      if (actual.length === 1) return expected.every((e) => allclose(actual[0], e, rtol, atol));
      if (expected.length === 1) return actual.every((a) => allclose(a, expected[0], rtol, atol));
      throw new TypeError(`shapes differ (${actual.length} vs ${expected.length})`);
    }
    return actual.every((a, i) => allclose(a, expected[i], rtol, atol));
  }
  const a = typeof actual === 'boolean' ? Number(actual) : actual;
  const e = typeof expected === 'boolean' ? Number(expected) : expected;
  if (typeof a !== 'number' || typeof e !== 'number') throw new TypeError(`not numbers: ${show(actual)}, ${show(expected)}`);
  if (Number.isNaN(a) || Number.isNaN(e)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(e)) return a === e;
  return Math.abs(a - e) <= atol + rtol * Math.abs(e);
}

function closeOrProblem(what: string, actual: unknown, expected: unknown, rtol: number, atol?: number): string | null {
  try {
    return allclose(actual, expected, rtol, atol)
      ? null
      : `${what}: expected ${show(expected)} (allclose rtol=${rtol}${atol !== undefined ? ` atol=${atol}` : ''}), got ${show(actual)}`;
  } catch (err) {
    return `${what}: expected ${show(expected)}, got ${show(actual)} (${(err as Error).message})`;
  }
}

/** A sort key that puts equal values together and keeps distinct values distinct. */
const keyOf = (v: unknown) => show(v);

/** GE's sort_unexpected_values: dicts by their values (keys of the first expected), others by str. */
function sortBoth(expected: unknown[], actual: unknown[]): [unknown[], unknown[]] {
  if (expected.length === 0) return [expected, actual];
  const first = expected[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    const keys = Object.keys(first);
    const k = (x: unknown) =>
      keyOf(keys.map((key) => (x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[key] : undefined)));
    const by = (a: unknown, b: unknown) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0);
    return [[...expected].sort(by), [...actual].sort(by)];
  }
  const by = (a: unknown, b: unknown) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0);
  return [[...expected].sort(by), [...actual].sort(by)];
}

const hasFloat = (v: Py): boolean => RX_FLOAT.test(pyRepr(v));

export function compare(input: CompareInput): Verdict {
  const { expected, actual } = input;
  const problems: string[] = [];
  const notes: string[] = [];
  const result = (actual.result ?? {}) as Record<string, unknown>;
  const raised = actual.exception_info?.raised_exception === true;
  if (raised && !('traceback_substring' in expected)) {
    notes.push(`raised: ${actual.exception_info.exception_message}`);
  }

  // GE asserts this first for map expectations: a failed result with an index list has its query.
  if (input.pkColumn && !actual.success && 'unexpected_index_list' in result && !('unexpected_index_query' in result)) {
    problems.push('result has unexpected_index_list but no unexpected_index_query');
  }

  if (input.exactMatchOut) {
    exact(input, problems, notes);
    return { pass: problems.length === 0, problems, notes };
  }

  for (const [key, exPy] of Object.entries(expected)) {
    const ex = toJs(exPy);
    const missing = (k: string, obj: Record<string, unknown> = result, where = 'result') => {
      if (!Object.hasOwn(obj, k)) {
        problems.push(
          `${key}: ${where} has no ${k} (expected ${show(ex)})${raised ? `; raised ${actual.exception_info.exception_message}` : ''}`,
        );
        return true;
      }
      return false;
    };
    switch (key) {
      case 'success':
        if (actual.success !== ex) {
          problems.push(
            `success: expected ${show(ex)}, got ${show(actual.success)}${raised ? ` (raised ${actual.exception_info.exception_message})` : ''}`,
          );
        }
        break;
      case 'observed_value': {
        if (missing('observed_value')) break;
        const got = result.observed_value;
        let p: string | null = null;
        if (input.tolerance !== null && input.tolerance !== undefined) {
          if (ex !== null && typeof ex === 'object' && !Array.isArray(ex)) {
            const g = (got ?? {}) as Record<string, unknown>;
            if (!pyEqual(Object.keys(g).sort(), Object.keys(ex).sort()))
              p = `observed_value keys: expected ${show(Object.keys(ex))}, got ${show(Object.keys(g))}`;
            else for (const [k, v] of Object.entries(ex)) p ??= closeOrProblem(`observed_value.${k}`, g[k], v, input.tolerance);
          } else p = closeOrProblem('observed_value', got, ex, input.tolerance);
        } else if (ex !== null && typeof ex === 'object' && !Array.isArray(ex) && 'values' in ex) {
          try {
            if (!allclose((got as Record<string, unknown>)?.values, (ex as Record<string, unknown>).values, RTOL, ATOL))
              p = `observed_value: expected ${show(ex)} (allclose), got ${show(got)}`;
          } catch {
            if (!pyEqual(got, ex)) p = `observed_value: expected ${show(ex)}, got ${show(got)}`;
          }
        } else if (hasFloat(exPy)) {
          p = closeOrProblem('observed_value', got, ex, RTOL, ATOL);
        } else if (!pyEqual(got, ex)) {
          p = `observed_value: expected ${show(ex)}, got ${show(got)}`;
        }
        if (p) problems.push(p);
        break;
      }
      case 'observed_value_list':
        if (missing('observed_value')) break;
        if (!(ex as unknown[]).some((v) => pyEqual(result.observed_value, v))) {
          problems.push(`observed_value: expected one of ${show(ex)}, got ${show(result.observed_value)}`);
        }
        break;
      case 'unexpected_index_list': {
        const got = result.unexpected_index_list;
        if (!input.pkColumn || !Array.isArray(got) || got.length === 0) {
          if (Array.isArray(ex) && ex.length > 0)
            notes.push(
              `unexpected_index_list not checked (GE checks it only when the result has one): expected ${show(ex)}, got ${show(got)}`,
            );
          break;
        }
        const pk = (x: unknown) => Number((x as Record<string, unknown>)?.pk_index);
        const sorted = [...got].sort((a, b) => pk(a) - pk(b));
        if (!pyEqual(sorted, ex)) problems.push(`unexpected_index_list: expected ${show(ex)}, got ${show(sorted)}`);
        break;
      }
      case 'unexpected_list': {
        if (missing('unexpected_list')) break;
        const got = result.unexpected_list;
        if (!Array.isArray(got) || !Array.isArray(ex)) {
          if (!pyEqual(got, ex)) problems.push(`unexpected_list: expected ${show(ex)}, got ${show(got)}`);
          break;
        }
        const [e, g] = sortBoth(ex, got);
        if (!pyEqual(g, e)) problems.push(`unexpected_list: expected ${show(e)}, got ${show(g)} (both sorted)`);
        break;
      }
      case 'partial_unexpected_list':
        if (missing('partial_unexpected_list')) break;
        if (!pyEqual(result.partial_unexpected_list, ex))
          problems.push(`partial_unexpected_list: expected ${show(ex)}, got ${show(result.partial_unexpected_list)}`);
        break;
      case 'unexpected_count':
        break;
      case 'details':
        if (missing('details')) break;
        if (!pyEqual(result.details, ex)) problems.push(`details: expected ${show(ex)}, got ${show(result.details)}`);
        break;
      case 'value_counts': {
        const vc = (result.details as Record<string, unknown> | undefined)?.value_counts;
        if (!Array.isArray(vc)) {
          problems.push(`value_counts: result.details.value_counts is ${show(vc)}`);
          break;
        }
        for (const entry of ex as unknown[]) {
          if (!vc.some((x) => pyEqual(x, entry))) problems.push(`value_counts: ${show(entry)} not in ${show(vc)}`);
        }
        break;
      }
      case 'traceback_substring': {
        if (!raised) {
          problems.push(`traceback_substring: expected an exception containing ${show(ex)}, none was raised (success=${actual.success})`);
          break;
        }
        const text = `${actual.exception_info.exception_message ?? ''}\n${actual.exception_info.exception_traceback ?? ''}`;
        if (!text.includes(String(ex)))
          notes.push(`raised, but the message does not contain GE's ${show(ex)}: ${actual.exception_info.exception_message}`);
        break;
      }
      case 'expected_partition':
      case 'observed_partition': {
        const part = (result.details as Record<string, unknown> | undefined)?.[key] as Record<string, unknown> | undefined;
        if (!part) {
          problems.push(`${key}: result.details has no ${key}`);
          break;
        }
        const e = ex as Record<string, unknown>;
        const p =
          closeOrProblem(`${key}.bins`, part.bins, e.bins, 1e-5) ??
          closeOrProblem(`${key}.weights`, part.weights, e.weights, 1e-5) ??
          ('tail_weights' in part ? closeOrProblem(`${key}.tail_weights`, part.tail_weights, e.tail_weights, 1e-5) : null);
        if (p) problems.push(p);
        break;
      }
      default:
        if (key.startsWith('observed_cdf')) {
          const x = ((result.details as Record<string, unknown> | undefined)?.observed_cdf as Record<string, unknown> | undefined)?.x;
          if (!Array.isArray(x) || x.length === 0) {
            problems.push(`${key}: result.details.observed_cdf.x is ${show(x)}`);
            break;
          }
          const v = key.includes('x_-1') ? x[x.length - 1] : x[0];
          const ok = key.endsWith('gt')
            ? (v as number) > (ex as number)
            : key.endsWith('lt')
              ? (v as number) < (ex as number)
              : pyEqual(v, ex);
          if (!ok) problems.push(`${key}: expected ${show(ex)}, got ${show(v)}`);
          break;
        }
        problems.push(`unknown expected key ${key}`);
    }
  }
  return { pass: problems.length === 0, problems, notes };
}

/** exact_match_out: success, exception_info, and the result keys both sides have (observed_value by allclose when it is a float). */
function exact(input: CompareInput, problems: string[], notes: string[]): void {
  const { actual } = input;
  const exp = toJs(input.expected as Py) as Record<string, unknown>;
  const result = (actual.result ?? {}) as Record<string, unknown>;
  if ('success' in exp && actual.success !== exp.success)
    problems.push(`success: expected ${show(exp.success)}, got ${show(actual.success)}`);
  const exInfo = (exp.exception_info ?? { raised_exception: false }) as Record<string, unknown>;
  if (Boolean(exInfo.raised_exception) !== actual.exception_info.raised_exception) {
    problems.push(
      `exception_info.raised_exception: expected ${show(exInfo.raised_exception)}, got ${show(actual.exception_info.raised_exception)} (${actual.exception_info.exception_message})`,
    );
  }
  const exResult = (exp.result ?? {}) as Record<string, unknown>;
  const exResultPy = ((input.expected.result ?? {}) as Record<string, Py>) ?? {};
  const emptyE = Object.keys(exResult).length === 0;
  const emptyA = Object.keys(result).length === 0;
  if (emptyE !== emptyA) {
    problems.push(`result: expected ${show(exResult)}, got ${show(result)}`);
    return;
  }
  const absent: string[] = [];
  for (const [k, v] of Object.entries(exResult)) {
    // GE's ExpectationValidationResult.__eq__ compares only the keys both results have; the
    // corpus lists keys (element_count, missing_count) that GE 1.x no longer returns.
    if (!Object.hasOwn(result, k)) {
      absent.push(k);
      continue;
    }
    const got = result[k];
    if (k === 'observed_value' && typeof got === 'number' && (exResultPy.observed_value instanceof PyFloat || !Number.isInteger(got))) {
      const p = closeOrProblem('result.observed_value', got, v, RTOL, ATOL);
      if (p) problems.push(p);
    } else if (k === 'partial_unexpected_list' || k === 'unexpected_list') {
      const [e, g] = Array.isArray(v) && Array.isArray(got) ? sortBoth(v, got) : [v, got];
      if (!pyEqual(g, e)) problems.push(`result.${k}: expected ${show(e)}, got ${show(g)} (both sorted)`);
    } else if (!pyEqual(got, v)) {
      problems.push(`result.${k}: expected ${show(v)}, got ${show(got)}`);
    }
  }
  if (absent.length) notes.push(`expected result keys not in the result (GE ignores them too): ${absent.join(', ')}`);
  const extra = Object.keys(result).filter((k) => !Object.hasOwn(exResult, k));
  if (extra.length) notes.push(`result has keys the expected result does not list (GE ignores them): ${extra.join(', ')}`);
}
