// A dialect is how SQL is spelled for one engine: a base object of standard SQL that each
// dialect file overrides where its engine differs, plus capability flags and limits.
// Connections live elsewhere (src/connections/); a dialect only writes text.
//
// What standard SQL has no word for (a cast that yields NULL, regular expressions, JSON text,
// a list of quantiles, the engine's type names) the base does not spell: `defineDialect`
// requires each dialect to provide it, so a new dialect that forgets one does not compile
// (instead of silently speaking another engine's SQL).
//
// Aggregates come as nodes ({ fn, arg, filter }), not text: the dialect decides how a filter
// is spelled, `agg(...) FILTER (WHERE cond)` or `agg(CASE WHEN cond THEN arg END)` for an
// engine without FILTER (capabilities.aggregateFilter).
//
// Every value a suite supplies goes through `literal`, every name through `ident`:
// a suite can never inject SQL.
import type { Sql } from '../engine/types.js';

export interface Capabilities {
  /** `count(*) FILTER (WHERE ...)` on aggregates; without it a filter goes inside as CASE WHEN. */
  aggregateFilter: boolean;
  /**
   * `count(DISTINCT (a, b))` over a tuple is cheap enough to ride in the fused scan (DuckDB
   * hashes it). PostgreSQL sorts tuples with a generic record comparator, several times slower
   * than a GROUP BY of its own, so there a compound uniqueness check runs its own query.
   */
  tupleDistinct: boolean;
  /** `jsonParseable` exists: JSON text can be tested in SQL without raising. */
  jsonParseable: boolean;
  /**
   * Most entries one SELECT list may have; the fused scan is split into several SELECTs above
   * it (PostgreSQL refuses more than 1,664). Infinity: no limit.
   */
  maxSelectItems: number;
}

/** An aggregate function of the fused scan. `filter` restricts the rows it reads. */
export type Aggregate = (
  | { fn: 'count'; /** absent: count(*) */ arg?: Sql }
  | { fn: 'count_distinct'; /** several expressions: distinct tuples */ arg: Sql | readonly Sql[] }
  /** A distinct count that may be approximate where the engine has a cheap sketch (else exact). */
  | { fn: 'approx_count_distinct'; arg: Sql }
  | { fn: 'sum' | 'avg' | 'min' | 'max' | 'stddev_samp' | 'median'; arg: Sql }
  /**
   * Discrete quantiles as an array, GE's `column.quantile_values` on SQL. `type` is the
   * argument's engine type, for an engine whose quantiles take numbers only (dates, timestamps).
   */
  | { fn: 'quantiles_disc'; arg: Sql; quantiles: readonly number[]; type?: string }
) & { filter?: Sql | null };

/**
 * The engine's type names, the one hook behind which every type question is answered. Each
 * pattern is tested against the upper-cased type name as the connection reports it.
 */
export interface TypeVocabulary {
  numeric: RegExp;
  /** Text of any kind, including UUID and JSON. */
  string: RegExp;
  /** Plain character text (a suite's value compares with it as text). */
  plainText: RegExp;
  temporal: RegExp;
  boolean: RegExp;
  /** Temporal types whose name may be pasted into a CAST. */
  castableTemporal: RegExp;
  /**
   * Engine type name (without parameters; `LIST` for `T[]`, `ARRAY` for `T[n]`) → the other
   * names it answers to in the vocabularies GE suites are written in (SQLAlchemy's PostgreSQL
   * and SQLite names, the engine's own synonyms): expect_column_values_to_be_of_type.
   */
  aliases: Record<string, readonly string[]>;
}

export interface Dialect {
  name: string;
  capabilities: Capabilities;
  types: TypeVocabulary;
  ident(name: string): Sql;
  literal(value: unknown): Sql;
  /** A list of literals for IN (...). */
  list(values: readonly unknown[]): Sql;
  /** True when `expr` equals one of `values` (FALSE for none); values already of the column's kind. */
  inList(expr: Sql, values: readonly unknown[]): Sql;
  /** Text of any value. */
  castText(expr: Sql): Sql;
  castDouble(expr: Sql): Sql;
  /** Cast that yields NULL instead of failing. */
  tryCast(expr: Sql, type: string): Sql;
  /** True when the text contains a match of the pattern (a search, as GE's SQL regex metrics). */
  regexMatch(expr: Sql, pattern: string): Sql;
  /** Text of capture group `group` (1-based) of the pattern's first match, '' when none. */
  regexExtract(expr: Sql, pattern: string, group: number): Sql;
  /** The text with every match of the pattern replaced (`replacement` is plain text, no group references). */
  regexReplaceAll(expr: Sql, pattern: string, replacement: string): Sql;
  /** SQL LIKE, with the engine's own escape rules. */
  like(expr: Sql, pattern: string): Sql;
  /** True when the text is a document Python's `json.loads` accepts (GE's json_parseable). */
  jsonParseable(expr: Sql): Sql;
  length(expr: Sql): Sql;
  /** A row value of several expressions, for distinct tuples. */
  row(exprs: readonly Sql[]): Sql;
  /** Seconds since 1970-01-01 of a date or timestamp, as a number. */
  epochSeconds(expr: Sql): Sql;
  /** The `approx_count_distinct` aggregate: exact unless the engine has something cheaper. */
  approxCountDistinct(expr: Sql): Sql;
  /** Discrete quantiles as an array, the `quantiles_disc` aggregate (`type`: the expression's engine type, when known). */
  quantilesDisc(expr: Sql, quantiles: readonly number[], type?: string): Sql;
  /** Median, averaging the two middle values for an even count (GE's SQL median). */
  median(expr: Sql): Sql;
  /**
   * The sample standard deviation of the rows `filter` keeps (null: all): NaN when a value is NaN
   * or infinite, as PostgreSQL and Spark answer, where DuckDB's own aggregate raises an error.
   */
  stddevSamp(expr: Sql, filter: Sql | null): Sql;
  /**
   * `name AS (body)` for a WITH clause whose table is read several times: computed once, where
   * the engine lets a query say so.
   */
  cte(name: Sql, body: Sql): Sql;
  /** An aggregate node as SQL, its filter spelled as the engine can. */
  aggregate(node: Aggregate): Sql;
  /** 1, 2, 3, ... over the relation's rows in the order they are read (file order). */
  rowNumber(): Sql;
  isNumericType(type: string): boolean;
  isStringType(type: string): boolean;
  isPlainTextType(type: string): boolean;
  isTemporalType(type: string): boolean;
  isBooleanType(type: string): boolean;
  /** True when a column of this engine type answers to the type name (case, `_` and spaces aside). */
  typeIs(type: string, name: string): boolean;
  /** The MD5 digest of a text, as 32 lower-case hex digits (NULL for NULL). */
  md5(text: Sql): Sql;
  /**
   * `body` over one value computed once: `body` names it as often as it needs. An engine that
   * cannot name a value within an expression repeats it (and pays for it each time).
   */
  bindValue(value: Sql, body: (name: Sql) => Sql): Sql;
  /**
   * Statements around a query that groups an integer column whose values span fewer than
   * 2^bits: `set` lets the engine count such groups in a directly indexed array instead of a
   * hash table, `reset` undoes it. Null where the engine has no such switch (it hashes: the
   * same result, slower).
   */
  denseGroupBy(bits: number): { set: Sql; reset: Sql } | null;
  /** `YYYY-MM-DD HH:MM:SS.ffffff` of a timestamp of this engine type; one with a time zone in UTC. */
  timestampText(expr: Sql, type: string): Sql;
  /**
   * The value as text that every engine renders alike for the same value (docs/conformance.md,
   * "Hashes across engines"): NULL stays NULL. Cross-engine reconciliation hashes it.
   */
  canonicalText(expr: Sql, type: string): Sql;
  /** 64 bits (16 hex digits) of the MD5 of `canonicalText`: equal values hash alike on every engine. */
  valueHash(expr: Sql, type: string): Sql;
}

/** What standard SQL cannot spell: each dialect must say it. */
type EngineSpecific =
  | 'types'
  | 'tryCast'
  | 'regexMatch'
  | 'regexExtract'
  | 'regexReplaceAll'
  | 'jsonParseable'
  | 'quantilesDisc'
  | 'epochSeconds'
  | 'md5'
  | 'timestampText';

function quoteString(s: string): Sql {
  if (s.includes('\u0000')) throw new Error('a text value may not contain the NUL character');
  return `'${s.replaceAll("'", "''")}'`;
}

const normType = (name: string) =>
  name
    .trim()
    .toUpperCase()
    .replace(/[\s_]+/g, ' ');

/** The engine type without parameters: DECIMAL(10,2) → DECIMAL, INTEGER[] → LIST, INTEGER[3] → ARRAY. */
function baseType(type: string): string {
  const t = normType(type);
  if (/\[\d+\]$/.test(t)) return 'ARRAY';
  if (t.endsWith('[]')) return 'LIST';
  return t.replace(/\s*\(.*$/s, '');
}

/**
 * A number as `<digits>e<point>`: its significant digits without leading or trailing zeros and
 * the position of the decimal point before them (0.1 → 1e0, 120 → 12e3, -0.05 → -5e-1, 0 → 0).
 * Every engine writes a number in its own way (1e+20, 1.0E20, 123.0, 123, .5, 1.50); all of
 * them, decimals and doubles alike, come out the same here. Plain string functions over the
 * text of the absolute value (the sign is read from the number), each derived once: no engine
 * shares a repeated subexpression, so every repetition is paid per row (a double's text took
 * ~7 s per 1M rows on PostgreSQL and ~5 s on DuckDB spelt with its sign inside; ~2 s this way).
 */
function canonicalNumber(d: Dialect, e: Sql): Sql {
  return d.bindValue(`lower(${d.castText(`abs(${e})`)})`, (text) => canonicalNumberOf(d, e, text));
}

/** canonicalNumber of `e` from `text`, the engine's text of its absolute value in lower case. */
function canonicalNumberOf(d: Dialect, e: Sql, text: Sql): Sql {
  const mantissa = `split_part(${text}, 'e', 1)`;
  const exponent = `CAST(COALESCE(NULLIF(replace(split_part(${text}, 'e', 2), '+', ''), ''), '0') AS INTEGER)`;
  const digits = `replace(${mantissa}, '.', '')`;
  const unpadded = `TRIM(LEADING '0' FROM ${digits})`;
  const significant = `TRIM(TRAILING '0' FROM ${unpadded})`;
  // Digits before the point, less the leading zeros, plus the exponent.
  const point = `position('.' IN (${mantissa} || '.')) - 1 - (${d.length(digits)} - ${d.length(unpadded)}) + ${exponent}`;
  return (
    `CASE WHEN ${text} = 'nan' THEN 'NaN' WHEN ${text} IN ('inf', 'infinity') THEN CASE WHEN ${e} < 0 THEN '-Infinity' ELSE 'Infinity' END ` +
    `WHEN ${e} = 0 THEN '0' ` +
    `ELSE CASE WHEN ${e} < 0 THEN '-' ELSE '' END || ${significant} || 'e' || ${d.castText(`(${point})`)} END`
  );
}

const INTEGER_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT1|INT2|INT4|INT8|BYTE|SHORT|LONG)$/;

/** canonicalNumber of an integer's text, cheaper: its digits are all significant but trailing zeros (-120 → -12e3). */
function canonicalInteger(d: Dialect, text: Sql): Sql {
  const digits = `CASE WHEN substr(${text}, 1, 1) = '-' THEN substr(${text}, 2) ELSE ${text} END`;
  return (
    `CASE WHEN ${text} = '0' THEN '0' ELSE CASE WHEN substr(${text}, 1, 1) = '-' THEN '-' ELSE '' END || ` +
    `TRIM(TRAILING '0' FROM ${digits}) || 'e' || ${d.castText(d.length(digits))} END`
  );
}

function unreachable(node: never): never {
  throw new Error(`unknown aggregate ${JSON.stringify(node)}`);
}

// Methods see the whole dialect as `this`: a dialect's override is what the base calls.
const standard: Omit<Dialect, EngineSpecific | 'name' | 'capabilities'> & ThisType<Dialect> = {
  ident(name) {
    if (name.includes('\u0000')) throw new Error('an identifier may not contain the NUL character');
    return `"${name.replaceAll('"', '""')}"`;
  },

  literal(value) {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return "CAST('NaN' AS DOUBLE PRECISION)";
      if (value === Infinity) return "CAST('Infinity' AS DOUBLE PRECISION)";
      if (value === -Infinity) return "CAST('-Infinity' AS DOUBLE PRECISION)";
      // Integers stay integers so comparisons keep the column's type; floats are explicit.
      return Number.isInteger(value) ? String(value) : `${value}`;
    }
    if (typeof value === 'string') return quoteString(value);
    if (value instanceof Date) return `TIMESTAMP ${quoteString(value.toISOString())}`;
    throw new Error(`cannot use ${JSON.stringify(value)} as a SQL value`);
  },

  list(values) {
    return values.map((v) => this.literal(v)).join(', ');
  },

  inList(expr, values) {
    return values.length ? `${expr} IN (${this.list(values)})` : 'FALSE';
  },

  castText: (e) => `CAST(${e} AS VARCHAR)`,
  castDouble: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  like(e, pattern) {
    return `${e} LIKE ${this.literal(pattern)}`;
  },
  length: (e) => `char_length(${e})`,
  row: (exprs) => `(${exprs.join(', ')})`,
  approxCountDistinct: (e) => `count(DISTINCT ${e})`,
  // GE's SQL median averages the two middle values, which is percentile_cont(0.5).
  median: (e) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${e})`,

  stddevSamp: (e, filter) => `stddev_samp(${e})${filter ? ` FILTER (WHERE ${filter})` : ''}`,

  rowNumber: () => 'row_number() OVER ()',
  denseGroupBy: () => null,

  // DuckDB and PostgreSQL (12+) would otherwise inline a CTE into each of its readers.
  cte: (name, body) => `${name} AS MATERIALIZED (${body})`,

  aggregate(node) {
    const filter = node.filter ?? null;
    const inside = filter !== null && !this.capabilities.aggregateFilter;
    const arg = (e: Sql) => (inside ? `CASE WHEN ${filter} THEN ${e} END` : e);
    let call: Sql;
    switch (node.fn) {
      case 'count':
        call = node.arg !== undefined ? `count(${arg(node.arg)})` : inside ? `count(${arg('1')})` : 'count(*)';
        break;
      case 'count_distinct':
        call = `count(DISTINCT ${arg(typeof node.arg === 'string' ? node.arg : this.row(node.arg as readonly Sql[]))})`;
        break;
      case 'approx_count_distinct':
        call = this.approxCountDistinct(arg(node.arg));
        break;
      case 'sum':
      case 'avg':
      case 'min':
      case 'max':
        call = `${node.fn}(${arg(node.arg)})`;
        break;
      case 'stddev_samp':
        return this.stddevSamp(arg(node.arg), inside ? null : filter);
      case 'median':
        call = this.median(arg(node.arg));
        break;
      case 'quantiles_disc':
        call = this.quantilesDisc(arg(node.arg), node.quantiles, node.type);
        break;
      default:
        return unreachable(node);
    }
    return filter !== null && !inside ? `${call} FILTER (WHERE ${filter})` : call;
  },

  isNumericType(t) {
    return this.types.numeric.test(t.toUpperCase());
  },
  isStringType(t) {
    return this.types.string.test(t.toUpperCase());
  },
  isPlainTextType(t) {
    return this.types.plainText.test(t.toUpperCase());
  },
  isTemporalType(t) {
    return this.types.temporal.test(t.toUpperCase());
  },
  isBooleanType(t) {
    return this.types.boolean.test(t.toUpperCase());
  },
  typeIs(type, name) {
    const base = baseType(type);
    const aliases = Object.entries(this.types.aliases).find(([n]) => normType(n) === base)?.[1] ?? [];
    return [base, ...aliases.map(normType)].includes(normType(name));
  },

  canonicalText(e, type) {
    const base = baseType(type);
    // Integers, decimals and doubles of one value agree (2 = 2.00 = 2.0E0): numbers compare by value.
    if (this.isNumericType(type))
      return `CASE WHEN ${e} IS NULL THEN NULL ELSE ${INTEGER_TYPE.test(base) ? this.bindValue(this.castText(e), (text) => canonicalInteger(this, text)) : canonicalNumber(this, e)} END`;
    if (this.isBooleanType(type)) return `CASE WHEN ${e} IS NULL THEN NULL WHEN ${e} THEN 'true' ELSE 'false' END`;
    if (base === 'DATE' || this.isStringType(type)) return this.castText(e);
    if (this.isTemporalType(type) && base.startsWith('TIMESTAMP')) return this.timestampText(e, type);
    // Times, intervals, binary and nested values: the engine's own text, which need not agree
    // across engines (docs/conformance.md).
    return this.castText(e);
  },

  bindValue: (value, body) => body(value),

  valueHash(e, type) {
    return `substr(${this.md5(this.canonicalText(e, type))}, 1, 16)`;
  },
};

/** A dialect: standard SQL, overridden where the engine differs, plus what only the engine can spell. */
export function defineDialect(
  spec: Pick<Dialect, EngineSpecific | 'name' | 'capabilities'> &
    Partial<Omit<Dialect, EngineSpecific | 'name' | 'capabilities'>> &
    ThisType<Dialect>,
): Dialect {
  return { ...standard, ...spec };
}
