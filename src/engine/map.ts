// Map expectations: a predicate per row. Counting happens in the fused scan as
// `count(*) FILTER (WHERE <considered> AND <unexpected>)`; unexpected values and their row
// numbers are fetched afterwards, only when there are any. One factory serves the three
// families (column, column pair, multicolumn); they differ only in which rows are
// "missing" and in the shape of an unexpected value.
import { isoText } from './aggregate.js';
import { and, ROW_NUMBER } from './context.js';
import { atLeast, countValues, formatMapResult } from './result-format.js';
import type { Ctx, ExpectationDefinition, ExpectationFamily, JsonSchema, QueryRunner, Row, Sql } from './types.js';

type MapFamily = Extract<ExpectationFamily, 'column_map' | 'column_pair_map' | 'multicolumn_map'>;

export interface MapSpec<K> {
  type: string;
  description: string;
  schema: JsonSchema;
  sentence(kwargs: K): string;
  family?: MapFamily;
  /**
   * Whether null values are set aside as missing before the predicate (GE's
   * filter_column_isnull). False for the null checks themselves.
   */
  filterNull?: boolean;
  /**
   * True for a considered row whose value is unexpected. Must not be true for missing rows' sake.
   * Predicates counted in their own query (window, ownQuery) also get the fused metrics, so they
   * can use scalars of the same scan (e.g. mean and stdev for z-scores); fused ones get none.
   */
  unexpected?(ctx: Ctx<K>, metrics?: Row): Sql;
  /**
   * Window columns over the considered rows in file order (e.g. the previous value), which
   * `unexpected` may refer to. Such a predicate cannot share the fused scan: it is counted
   * in its own query.
   */
  window?(ctx: Ctx<K>): Record<string, Sql>;
  /**
   * A check SQL cannot express (JSON Schema, dateutil): judged in JS over the column's
   * DISTINCT values (one GROUP BY query), never row by row. Returns true for an unexpected value.
   */
  jsUnexpected?(value: unknown, kwargs: K): boolean;
  /** A predicate that needs a subquery (duplicates): counted in its own query, unless `knownZero` says 0. */
  ownQuery?: boolean;
  /**
   * For an own-query predicate: work before it is counted (rows landed from another engine for
   * it to read); returns what undoes it, run once the samples are read.
   */
  prepare?(ctx: Ctx<K>): Promise<(() => Promise<void>) | undefined>;
  /** Extra scalar metrics for the fused scan, for `knownZero`. */
  extraMetrics?(ctx: Ctx<K>): Record<string, Sql>;
  /** Given the fused metrics, true when there cannot be any unexpected row (skips the own query). */
  knownZero?(metrics: Row): boolean;
  /**
   * For an own-query predicate: one query returning the unexpected count as `n`, when counting
   * the predicate's rows would be slower (duplicates: one GROUP BY summing the sizes of the
   * duplicate groups, instead of a semi-join of the table with its own GROUP BY).
   */
  countQuery?(ctx: Ctx<K>): Sql;
  /** Kwargs checks beyond the schema; throw InvalidKwargsError. */
  check?(kwargs: K): void;
}

interface Domain {
  columns: string[];
  /** True for a row set aside as missing (not considered), or null when none are. */
  missing: Sql | null;
  /** Select list of an unexpected value, and how to turn a row into GE's value shape. */
  select: Sql;
  value(row: Row): unknown;
  /** The i-th column's value of a row as GE's JSON result writes it (dates in isoformat). */
  out(row: Row, i: number): unknown;
}

/** Per column: dates and times as Python's isoformat() (GE's JSON results), others unchanged. */
function outputs(ctx: Ctx<any>, names: string[]): (row: Row, i: number) => unknown {
  const temporal = names.map((n) => ctx.dialect.isTemporalType(ctx.typeOf(n)));
  return (row, i) => (temporal[i] ? isoText(row[`v${i}`]) : row[`v${i}`]);
}

function domain(ctx: Ctx<any>, family: MapFamily, filterNull: boolean): Domain {
  const k = ctx.kwargs;
  if (family === 'column_map') {
    const c = ctx.col(k.column);
    const out = outputs(ctx, [k.column]);
    return {
      columns: [k.column],
      missing: filterNull ? `${c} IS NULL` : null,
      select: `${c} AS v0`,
      value: (r) => out(r, 0),
      out,
    };
  }
  const names: string[] = family === 'column_pair_map' ? [k.column_A, k.column_B] : k.column_list;
  const cols = names.map((n) => ctx.col(n));
  const nulls = cols.map((c) => `${c} IS NULL`);
  const ignore: string = k.ignore_row_if ?? (family === 'column_pair_map' ? 'both_values_are_missing' : 'all_values_are_missing');
  const missing =
    ignore === 'both_values_are_missing' || ignore === 'all_values_are_missing'
      ? nulls.join(' AND ')
      : ignore === 'either_value_is_missing' || ignore === 'any_value_is_missing'
        ? nulls.join(' OR ')
        : null;
  const out = outputs(ctx, names);
  return {
    columns: names,
    out,
    missing,
    select: cols.map((c, i) => `${c} AS v${i}`).join(', '),
    // GE: a pair is a [a, b] tuple; a multicolumn row a {column: value} dict.
    value: (r) => (family === 'column_pair_map' ? [out(r, 0), out(r, 1)] : Object.fromEntries(names.map((n, i) => [n, out(r, i)]))),
  };
}

const considered = (d: Domain) => (d.missing ? `NOT (${d.missing})` : null);

export function mapExpectation<K extends Record<string, any>>(spec: MapSpec<K>): ExpectationDefinition<K> {
  const family = spec.family ?? 'column_map';
  const filterNull = spec.filterNull ?? true;
  const fused = !spec.window && !spec.jsUnexpected && !spec.ownQuery;

  /** The relation whose rows are the considered rows, with row numbers and window columns. */
  function windowed(ctx: Ctx<K>, d: Domain): Sql {
    const extra = Object.entries(spec.window!(ctx)).map(([name, expr]) => `${expr} AS ${ctx.dialect.ident(name)}`);
    const base = ctx.fromNumbered(considered(d));
    return `(SELECT *, ${extra.join(', ')} FROM (SELECT * ${base}) AS c) AS w`;
  }

  async function badValues(ctx: Ctx<K>, d: Domain, run: QueryRunner): Promise<{ values: unknown[]; count: number }> {
    const rows = await run(`SELECT ${d.select}, count(*) AS n ${ctx.from(considered(d))} GROUP BY ${ctx.col(ctx.kwargs.column)}`);
    const bad = rows.filter((r) => spec.jsUnexpected!(r.v0, ctx.kwargs));
    return { values: bad.map((r) => r.v0), count: bad.reduce((s, r) => s + Number(r.n), 0) };
  }

  const def: ExpectationDefinition<K> = {
    type: spec.type,
    family,
    description: spec.description,
    schema: spec.schema,
    sentence: spec.sentence,
    ...(spec.check ? { check: spec.check } : {}),
    columns(k) {
      return family === 'column_map' ? [k.column] : family === 'column_pair_map' ? [k.column_A, k.column_B] : k.column_list;
    },

    plan(ctx) {
      spec.check?.(ctx.kwargs);
      const d = domain(ctx, family, filterNull);
      const metrics: Record<string, Sql> = {
        element_count: ctx.count(),
        ...(d.missing ? { missing_count: ctx.count(d.missing) } : {}),
        ...(spec.extraMetrics?.(ctx) ?? {}),
      };
      if (fused) metrics.unexpected_count = ctx.count(and(considered(d), spec.unexpected!(ctx)));
      return metrics;
    },

    async judge(ctx, m, run) {
      const undo = await spec.prepare?.(ctx);
      try {
        return await judgeMap(ctx, m, run);
      } finally {
        await undo?.();
      }
    },
  };

  async function judgeMap(ctx: Ctx<K>, m: Row, run: QueryRunner) {
    const d = domain(ctx, family, filterNull);
    const element_count = Number(m.element_count);
    const nonnull_count = element_count - Number(m.missing_count ?? 0);

    // Rows with unexpected values, as a predicate over the numbered relation, and the count.
    let unexpected_count: number;
    let sampleFrom: (numbered: boolean) => Sql;
    if (spec.jsUnexpected) {
      const bad = await badValues(ctx, d, run);
      unexpected_count = bad.count;
      const cond = ctx.dialect.inList(ctx.col(ctx.kwargs.column), bad.values);
      sampleFrom = (numbered) => (numbered ? ctx.fromNumbered(and(considered(d), cond)) : ctx.from(and(considered(d), cond)));
    } else if (spec.window) {
      const rel = windowed(ctx, d);
      const cond = spec.unexpected!(ctx, m);
      const [row] = await run(`SELECT count(*) AS n FROM ${rel} WHERE ${cond}`);
      unexpected_count = Number(row!.n);
      sampleFrom = () => `FROM ${rel} WHERE ${cond} ORDER BY ${ROW_NUMBER}`;
    } else {
      const cond = and(considered(d), spec.unexpected!(ctx, fused ? undefined : m));
      if (fused) unexpected_count = Number(m.unexpected_count);
      else if (spec.knownZero?.(m)) unexpected_count = 0;
      else unexpected_count = Number((await run(spec.countQuery?.(ctx) ?? `SELECT count(*) AS n ${ctx.from(cond)}`))[0]!.n);
      sampleFrom = (numbered) => (numbered ? ctx.fromNumbered(cond) : ctx.from(cond));
    }

    const success =
      element_count === 0 || nonnull_count === 0 ? true : (nonnull_count - unexpected_count) / nonnull_count >= (ctx.kwargs.mostly ?? 1);

    const rf = ctx.resultFormat;
    let samples = {
      unexpected_list: [] as unknown[],
      unexpected_index_list: null as unknown[] | null,
      unexpected_index_query: null as string | null,
    };
    if (unexpected_count > 0 && rf.result_format !== 'BOOLEAN_ONLY') {
      const indexCols = rf.unexpected_index_column_names ?? [];
      // Row numbers cost a numbering pass (and a database table has no order to number): only
      // SUMMARY and up show them, and only when no key columns (index columns) name the rows.
      const keyed = indexCols.length > 0;
      const numbered = !keyed && atLeast(rf, 'SUMMARY');
      const idxSelect = indexCols.map((c, i) => `${ctx.col(c)} AS i${i}`);
      const select = [d.select, ...idxSelect, ...(numbered ? [ROW_NUMBER] : [])].join(', ');
      const body = `SELECT ${select} ${sampleFrom(numbered)}`;
      const limit = rf.result_format === 'COMPLETE' ? '' : ` LIMIT ${rf.partial_unexpected_count}`;
      const rows = await run(body + limit);
      samples = {
        unexpected_list: rows.map(d.value),
        unexpected_index_list:
          numbered || keyed
            ? rows.map((r) =>
                indexCols.length
                  ? {
                      ...Object.fromEntries(d.columns.map((c, i) => [c, d.out(r, i)])),
                      ...Object.fromEntries(indexCols.map((c, i) => [c, r[`i${i}`]])),
                    }
                  : r[ROW_NUMBER],
              )
            : null,
        unexpected_index_query: body,
      };
    }
    // GE's null checks (filter_column_isnull=False) report no missing_* keys: nonnull_count=None.
    const reported = family === 'column_map' && !filterNull ? null : nonnull_count;
    const result = formatMapResult(
      rf,
      { element_count, nonnull_count: reported, unexpected_count },
      {
        ...samples,
        partial_unexpected_counts: countValues(samples.unexpected_list, rf.partial_unexpected_count),
      },
    );
    // GE counts unexpected values with a Python Counter; a multicolumn value is a dict, which
    // cannot be hashed, so GE returns no counts and says why in details.
    if (family === 'multicolumn_map' && 'partial_unexpected_counts' in result && samples.unexpected_list.length > 0) {
      result.partial_unexpected_counts = [];
      result.details = {
        ...((result.details as object | undefined) ?? {}),
        partial_unexpected_counts_error: 'partial_unexpected_counts requested, but requires a hashable type',
      };
    }
    return { success, result };
  }

  // The failing rows themselves, for a pipeline's quarantine (see unexpectedRowsQuery). A symbol
  // key, so wrappers that spread the definition ({...def, judge}) keep it.
  const rows = async (ctx: Ctx<K>, run: QueryRunner): Promise<Sql> => {
    const d = domain(ctx, family, filterNull);
    if (spec.jsUnexpected) {
      const bad = await badValues(ctx, d, run);
      const cond = ctx.dialect.inList(ctx.col(ctx.kwargs.column), bad.values);
      return `SELECT * ${ctx.from(and(considered(d), cond))}`;
    }
    let m: Row | undefined;
    if (!fused) {
      const metrics = Object.entries(def.plan(ctx));
      const [row] = await run(`SELECT ${metrics.map(([, sql], i) => `${sql} AS m${i}`).join(', ')} FROM ${ctx.table}`);
      m = Object.fromEntries(metrics.map(([name], i) => [name, row![`m${i}`]]));
    }
    if (spec.window) return `SELECT * FROM ${windowed(ctx, d)} WHERE ${spec.unexpected!(ctx, m)}`;
    return `SELECT * ${ctx.from(and(considered(d), spec.unexpected!(ctx, m)))}`;
  };
  return Object.assign(def, { [UNEXPECTED_ROWS]: rows });
}

const UNEXPECTED_ROWS = Symbol('assay.unexpectedRows');

/**
 * A SELECT of the rows a map expectation finds unexpected (considered, unexpected, within its
 * row_condition), with every column of ctx.table (window expectations add their own columns);
 * null for expectations that are not row-level. Pipelines quarantine these rows.
 */
export async function unexpectedRowsQuery(def: ExpectationDefinition<any>, ctx: Ctx<any>, run: QueryRunner): Promise<Sql | null> {
  const query = (def as { [UNEXPECTED_ROWS]?: (ctx: Ctx<any>, run: QueryRunner) => Promise<Sql> })[UNEXPECTED_ROWS];
  return query ? query(ctx, run) : null;
}
