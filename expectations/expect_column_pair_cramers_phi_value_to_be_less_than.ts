// Cramér's phi (V) of two columns' contingency table, as GE 0.x computed it on pandas (GE 1.2
// keeps only a stub). Numeric columns are binned (n_bins equal-width bins over [min, max], or
// the given edges), other columns keep their values, grouped by `bins` or cut to the n_bins
// most common values plus "(other)"; a missing value is a category of its own. Min and max
// ride in the fused scan; the table itself is ONE GROUP BY query, collapsed in JS.
import { aggregateResult } from '../src/engine/aggregate.js';
import { ROW_NUMBER } from '../src/engine/context.js';
import type { Ctx, ExpectationDefinition, JsonSchema, Row, Sql } from '../src/engine/types.js';
import { ValueError } from './_python_errors.js';

type Bins = (number | string[])[];

interface K {
  column_A: string;
  column_B: string;
  bins_A?: Bins | null;
  bins_B?: Bins | null;
  n_bins_A?: number | null;
  n_bins_B?: number | null;
  threshold?: number | null;
}

const MISSING = '(missing)';
const OTHER = '(other)';

const bins: JsonSchema = {
  anyOf: [{ type: 'array', items: { anyOf: [{ type: 'number' }, { type: 'array', items: { type: 'string' } }] } }, { type: 'null' }],
  description: 'Bin edges (numeric column) or groups of values (other columns).',
};
const nBins: JsonSchema = { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }], description: 'Number of bins (default 10).' };

// ---- binning --------------------------------------------------------------------------------

type Side = 'A' | 'B';
const columnOf = (k: K, s: Side) => (s === 'A' ? k.column_A : k.column_B);
const binsOf = (k: K, s: Side) => (s === 'A' ? k.bins_A : k.bins_B) ?? null;
const nBinsOf = (k: K, s: Side) => (s === 'A' ? k.n_bins_A : k.n_bins_B) ?? 10;

// As pandas' dtype check: numbers are binned, booleans and everything else are categories.
function isNumeric(ctx: Ctx<K>, s: Side): boolean {
  const type = ctx.typeOf(columnOf(ctx.kwargs, s));
  return ctx.dialect.isNumericType(type) && !ctx.dialect.isBooleanType(type);
}

/** numpy.histogram_bin_edges(values, n) from their min and max (a constant widens by ±0.5). */
function histogramEdges(min: number, max: number, n: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new ValueError(`autodetected range of [${min}, ${max}] is not finite`);
  const [lo, hi] = min === max ? [min - 0.5, max + 0.5] : [min, max];
  const step = (hi - lo) / n;
  return Array.from({ length: n + 1 }, (_, i) => (i === n ? hi : lo + i * step));
}

/** GE's edges of a numeric column: given edges widened to the data, or equal-width bins. */
function numericEdges(k: K, s: Side, min: number, max: number): number[] {
  const given = binsOf(k, s);
  if (given === null) return histogramEdges(min, max, nBinsOf(k, s));
  if (!given.every((b) => typeof b === 'number')) throw new ValueError(`bins_${s} of a numeric column must be numbers`);
  const edges = [...new Set(given as number[])].sort((a, b) => a - b);
  if (min < edges[0]!) edges.unshift(min);
  if (max > edges[edges.length - 1]!) edges.push(max);
  return edges;
}

/** "[1.0, 1.3)": each edge rounded to enough decimals for the narrowest bin. */
function binLabels(edges: number[]): string[] {
  const widths = edges.slice(1).map((e, i) => e - edges[i]!);
  const precision = Math.max(2, 2 - Math.floor(Math.log10(Math.min(...widths))));
  const show = (x: number) => {
    const r = Number(x.toFixed(Math.min(precision, 100)));
    return Number.isInteger(r) ? `${r}.0` : String(r);
  };
  return widths.map((_, i) => `[${show(edges[i]!)}, ${show(edges[i + 1]!)})`);
}

/** The category of each row, in SQL: a bin number, or the value's text (NULL when missing). */
function categorySql(ctx: Ctx<K>, s: Side, edges: number[] | null): Sql {
  const d = ctx.dialect;
  const c = ctx.col(columnOf(ctx.kwargs, s));
  if (edges) {
    // numpy.digitize: bin i is [e_i, e_i+1); the last edge is nudged up, so the last bin is closed.
    const x = d.castDouble(c);
    const whens = edges.slice(1, -1).map((e, i) => ` WHEN ${x} < ${d.castDouble(d.literal(e))} THEN ${i}`);
    return `CASE WHEN ${c} IS NULL THEN NULL${whens.join('')} ELSE ${edges.length - 2} END`;
  }
  const text = d.castText(c);
  const given = binsOf(ctx.kwargs, s);
  if (given === null) return text;
  // pandas' replace: each value of a group becomes the group's joined name (a later group wins).
  const label = new Map<string, string>();
  for (const group of given) {
    if (!Array.isArray(group)) throw new ValueError(`bins_${s} of a non-numeric column must be lists of values`);
    for (const v of group) label.set(v, group.join(', '));
  }
  const byLabel = new Map<string, string[]>();
  for (const [v, l] of label) byLabel.set(l, [...(byLabel.get(l) ?? []), v]);
  if (byLabel.size === 0) return text;
  const whens = [...byLabel].map(([l, vs]) => `WHEN ${d.inList(text, vs)} THEN ${d.literal(l)}`);
  return `CASE ${whens.join(' ')} ELSE ${text} END`;
}

// ---- the table ------------------------------------------------------------------------------

interface Axis {
  /** Category of a grouped row's raw key. */
  label(key: unknown): string;
  /** Order of the table's rows or columns (pandas sorts its categories). */
  order(a: string, b: string): number;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function numericAxis(edges: number[]): Axis {
  const labels = binLabels(edges);
  const rank = (l: string) => (l === MISSING ? labels.length : labels.indexOf(l));
  return { label: (key) => (key === null || key === undefined ? MISSING : labels[Number(key)]!), order: (a, b) => rank(a) - rank(b) };
}

/** Without bins, values beyond the n most common become "(other)" (pandas' value_counts order). */
function categoricalAxis(k: K, s: Side, rows: Row[]): Axis {
  let keep: Set<string> | null = null;
  if (binsOf(k, s) === null) {
    const counts = new Map<string, { n: number; first: number }>();
    for (const r of rows) {
      const v = r[s];
      if (v === null || v === undefined) continue;
      const c = counts.get(String(v)) ?? { n: 0, first: Infinity };
      counts.set(String(v), { n: c.n + Number(r.n), first: Math.min(c.first, Number(r.first_row)) });
    }
    const n = nBinsOf(k, s);
    if (counts.size >= n + 1) {
      const ranked = [...counts].sort(([, a], [, b]) => b.n - a.n || a.first - b.first);
      keep = new Set(ranked.slice(0, n).map(([v]) => v));
    }
  }
  return {
    label: (key) => (key === null || key === undefined ? MISSING : keep && !keep.has(String(key)) ? OTHER : String(key)),
    order: byCodePoint,
  };
}

/** scipy.stats.chi2_contingency's statistic, with Yates' correction when dof is 1 (its default). */
function chiSquare(counts: number[][]): number {
  const rowSums = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = counts[0]!.map((_, j) => counts.reduce((a, r) => a + r[j]!, 0));
  const n = rowSums.reduce((a, b) => a + b, 0);
  const dof = (rowSums.length - 1) * (colSums.length - 1);
  if (dof === 0) return 0;
  let chi2 = 0;
  counts.forEach((r, i) =>
    r.forEach((o, j) => {
      const e = (rowSums[i]! * colSums[j]!) / n;
      let diff = o - e;
      if (dof === 1) diff = Math.sign(diff) * Math.max(Math.abs(diff) - 0.5, 0);
      chi2 += (diff * diff) / e;
    }),
  );
  return chi2;
}

const def: ExpectationDefinition<K> = {
  type: 'expect_column_pair_cramers_phi_value_to_be_less_than',
  family: 'table',
  description: "Cramér's phi between two columns (0: independent, 1: one determines the other) is at most a threshold.",
  schema: {
    properties: {
      column_A: { type: 'string', minLength: 1, description: 'The first column.' },
      column_B: { type: 'string', minLength: 1, description: 'The second column.' },
      bins_A: bins,
      bins_B: bins,
      n_bins_A: nBins,
      n_bins_B: nBins,
      threshold: { type: ['number', 'null'], description: "Largest Cramér's phi that passes (default 0.1)." },
    },
    required: ['column_A', 'column_B'],
  },
  sentence: (k) => `${k.column_A} and ${k.column_B} independent (Cramér's phi at most ${k.threshold ?? 0.1})`,
  columns: (k) => [k.column_A, k.column_B],
  plan(ctx) {
    const metrics: Record<string, Sql> = {};
    for (const s of ['A', 'B'] as const) {
      if (!isNumeric(ctx, s)) continue;
      const x = ctx.dialect.castDouble(ctx.col(columnOf(ctx.kwargs, s)));
      metrics[`min_${s}`] = ctx.agg({ fn: 'min', arg: x });
      metrics[`max_${s}`] = ctx.agg({ fn: 'max', arg: x });
    }
    return metrics;
  },
  async judge(ctx, m, run) {
    const k = ctx.kwargs;
    const edges = { A: null as number[] | null, B: null as number[] | null };
    for (const s of ['A', 'B'] as const) {
      // A numeric column without values has one category: missing.
      if (isNumeric(ctx, s) && m[`min_${s}`] !== null) edges[s] = numericEdges(k, s, Number(m[`min_${s}`]), Number(m[`max_${s}`]));
    }
    // first_row: where a value first appears, to order value_counts' ties as pandas does.
    const [a, b] = [ctx.dialect.ident('A'), ctx.dialect.ident('B')];
    const rows = await run(
      `SELECT ${a}, ${b}, count(*) AS n, min(${ROW_NUMBER}) AS first_row FROM (SELECT ${categorySql(ctx, 'A', edges.A)} AS ${a}, ` +
        `${categorySql(ctx, 'B', edges.B)} AS ${b}, ${ROW_NUMBER} ${ctx.fromNumbered()}) cells GROUP BY ${a}, ${b}`,
    );
    const axis = (s: Side) => (edges[s] ? numericAxis(edges[s]!) : categoricalAxis(k, s, rows));
    const [ax, bx] = [axis('A'), axis('B')];
    const cells = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const [a, b] = [ax.label(r.A), bx.label(r.B)];
      const row = cells.get(a) ?? new Map<string, number>();
      row.set(b, (row.get(b) ?? 0) + Number(r.n));
      cells.set(a, row);
    }
    const rowLabels = [...cells.keys()].sort(ax.order);
    const colLabels = [...new Set([...cells.values()].flatMap((r) => [...r.keys()]))].sort(bx.order);
    const counts = rowLabels.map((a) => colLabels.map((b) => cells.get(a)!.get(b) ?? 0));
    const n = counts.flat().reduce((x, y) => x + y, 0);
    const dim = Math.min(rowLabels.length, colLabels.length);
    // A constant column (or no rows) leaves phi undefined; GE reports it as 0.
    const phi = n === 0 || dim < 2 ? 0 : Math.max(Math.min(Math.sqrt(chiSquare(counts) / n / (dim - 1)), 1), 0);
    const threshold = k.threshold ?? 0.1;
    return aggregateResult(ctx, phi <= threshold, {
      observed_value: phi,
      details: { crosstab: { row_variable: k.column_A, column_variable: k.column_B, rows: rowLabels, columns: colLabels, counts } },
    });
  },
};
export default def;
