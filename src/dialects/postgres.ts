// PostgreSQL: the second dialect, and the road to PostgreSQL-wire engines (Citus, Greenplum,
// Redshift-style warehouses). Standard SQL is the base's; here is what PostgreSQL spells its own
// way (casts, POSIX regular expressions, quantile arrays) and its type names. Values still go
// through the base's `literal`/`list`, names through `ident`.
//
// PostgreSQL has no TRY_CAST (and `pg_input_is_valid` only from version 16), so `tryCast`
// guards the cast with a CASE whose condition is a regular expression (and a range check) on
// the value's text: the cast only runs on text PostgreSQL is known to accept, and anything
// else is NULL, never an error. CASE evaluates its branches lazily, and for a constant input
// the planner folds the condition first and drops the branch, so even `'abc'` cannot reach the
// cast at plan time. The guard accepts the ISO spellings DuckDB's TRY_CAST reads; other
// spellings PostgreSQL would take ('Jan 1 2020', 'epoch') are NULL, as in DuckDB.
import { defineDialect, type Dialect } from './base.js';
import type { Sql } from '../engine/types.js';

const lit = (s: string) => postgresDialect.literal(s);

const INT_RANGES: Record<string, [string, string]> = {
  SMALLINT: ['-32768', '32767'],
  INT2: ['-32768', '32767'],
  INTEGER: ['-2147483648', '2147483647'],
  INT: ['-2147483648', '2147483647'],
  INT4: ['-2147483648', '2147483647'],
  BIGINT: ['-9223372036854775808', '9223372036854775807'],
  INT8: ['-9223372036854775808', '9223372036854775807'],
};

const INTEGER_TEXT = String.raw`^\s*[-+]?[0-9]+\s*$`;
// Up to 5 exponent digits keeps the NUMERIC range check itself from overflowing.
const DECIMAL_TEXT = String.raw`^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]{1,5})?\s*$`;
const FLOAT_WORDS = String.raw`^\s*[-+]?(inf|infinity|nan)\s*$`;
// PostgreSQL's boolean input: unique prefixes of true/false/yes/no, on/off, 1/0 (any case).
const BOOLEAN_TEXT = String.raw`^\s*(t(r(ue?)?)?|f(a(l(se?)?)?)?|y(es?)?|no?|on|of(f)?|1|0)\s*$`;
const DATE_PART = String.raw`([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})`;
const TIME_PART = String.raw`([0-9]{1,2}):([0-9]{2})(:([0-9]{2})(\.[0-9]+)?)?`;
const ZONE_PART = String.raw`(\s*(Z|[-+][0-9]{2}(:?[0-9]{2})?))?`;
const DATE_TEXT = String.raw`^\s*${DATE_PART}\s*$`;
const TIMESTAMP_TEXT = String.raw`^\s*${DATE_PART}([ T]${TIME_PART})?${ZONE_PART}\s*$`;
const TIME_TEXT = String.raw`^\s*${TIME_PART}${ZONE_PART}\s*$`;

/** Capture group `n` of `pattern` in `t`, as an integer (0 when the group did not take part). */
const group = (t: Sql, pattern: string, n: number) => `CAST(COALESCE((regexp_match(${t}, ${lit(pattern)}))[${n}], '0') AS INTEGER)`;

/** True when the year, month and day captured by `pattern` (groups 1-3) make a real date. */
function validDate(t: Sql, pattern: string): Sql {
  const [y, m, d] = [1, 2, 3].map((n) => group(t, pattern, n));
  const leap = `(${y} % 4 = 0 AND (${y} % 100 <> 0 OR ${y} % 400 = 0))`;
  const days = `CASE ${m} WHEN 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END`;
  return `(${y} >= 1 AND ${m} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${days})`;
}

/** True when the hours, minutes and seconds captured by `pattern` (groups first, +1, +3) make a real time. */
function validTime(t: Sql, pattern: string, first: number): Sql {
  return `(${group(t, pattern, first)} <= 23 AND ${group(t, pattern, first + 1)} <= 59 AND ${group(t, pattern, first + 3)} <= 59)`;
}

/** `CASE WHEN <all conditions, in order> THEN <cast> END`, nested so each runs only after the previous. */
function guarded(conds: Sql[], cast: Sql): Sql {
  return conds.reduceRight((inner, cond) => `CASE WHEN ${cond} THEN ${inner} END`, cast);
}

function tryCast(e: Sql, type: string): Sql {
  const t = `CAST(${e} AS TEXT)`;
  const T = type.trim().toUpperCase();
  const cast = `CAST(${t} AS ${type})`;
  const base = T.replace(/\s*\(.*$/s, '');
  const range = INT_RANGES[base];
  if (range) {
    return guarded([`${t} ~ ${lit(INTEGER_TEXT)}`, `CAST(${t} AS NUMERIC) BETWEEN ${range[0]} AND ${range[1]}`], cast);
  }
  if (/^(REAL|FLOAT4|FLOAT8|FLOAT|DOUBLE|DOUBLE PRECISION)$/.test(base)) {
    const max = /^(REAL|FLOAT4)$/.test(base) ? '3.4028234e38' : '1.7976931348623157e308';
    const words = `${t} ~* ${lit(FLOAT_WORDS)}`;
    return `CASE WHEN ${words} THEN ${cast} ELSE ${guarded([`${t} ~ ${lit(DECIMAL_TEXT)}`, `abs(CAST(${t} AS NUMERIC)) <= ${max}`], cast)} END`;
  }
  if (/^(NUMERIC|DECIMAL)$/.test(base)) {
    // Within the column's precision, when it has one; NUMERIC without one takes any finite value.
    const ps = /\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/.exec(T);
    const conds = [`${t} ~ ${lit(DECIMAL_TEXT)}`];
    if (ps) conds.push(`abs(round(CAST(${t} AS NUMERIC), ${Number(ps[2] ?? 0)})) < 1e${Number(ps[1]) - Number(ps[2] ?? 0)}`);
    return guarded(conds, cast);
  }
  if (/^(BOOLEAN|BOOL)$/.test(base)) return guarded([`${t} ~* ${lit(BOOLEAN_TEXT)}`], cast);
  if (base === 'DATE') return guarded([`${t} ~ ${lit(DATE_TEXT)}`, validDate(t, DATE_TEXT)], cast);
  if (/^(TIMESTAMP|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE|TIMESTAMP WITHOUT TIME ZONE|DATETIME)$/.test(base)) {
    return guarded([`${t} ~ ${lit(TIMESTAMP_TEXT)}`, validDate(t, TIMESTAMP_TEXT), validTime(t, TIMESTAMP_TEXT, 5)], cast);
  }
  if (/^(TIME|TIMETZ|TIME WITH TIME ZONE|TIME WITHOUT TIME ZONE)$/.test(base)) {
    return guarded([`${t} ~ ${lit(TIME_TEXT)}`, validTime(t, TIME_TEXT, 1)], cast);
  }
  if (/^(TEXT|VARCHAR|CHARACTER VARYING|STRING|CHAR|CHARACTER|BPCHAR|NAME)$/.test(base)) return cast;
  throw new Error(`no safe cast to ${type} on PostgreSQL`);
}

export const postgresDialect: Dialect = defineDialect({
  name: 'postgres',
  capabilities: { aggregateFilter: true, tupleDistinct: false, jsonParseable: false, maxSelectItems: 1664 },
  types: {
    numeric: /^(SMALLINT|INTEGER|INT|BIGINT|REAL|DOUBLE PRECISION|DECIMAL|NUMERIC|INT2|INT4|INT8|FLOAT|FLOAT4|FLOAT8)\b/,
    string: /^(VARCHAR|TEXT|CHAR|CHARACTER|BPCHAR|CHARACTER VARYING|NAME|UUID|JSON)\b/,
    plainText: /^(VARCHAR|TEXT|CHAR|CHARACTER|BPCHAR|CHARACTER VARYING|NAME)\b/,
    temporal: /^(DATE|TIME|TIMESTAMP|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE|TIMESTAMP WITHOUT TIME ZONE|TIMETZ|INTERVAL)\b/,
    boolean: /^(BOOLEAN|BOOL)\b/,
    castableTemporal: /^(DATE|TIME|TIMETZ|TIME WITH TIME ZONE|TIMESTAMP|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE|INTERVAL)$/,
    // As PostgreSQL's connection reports them (format_type); TEXT is not VARCHAR here, as in SQLAlchemy.
    aliases: {
      BOOLEAN: ['BOOL', 'LOGICAL'],
      SMALLINT: ['INT2', 'SHORT'],
      INTEGER: ['INT', 'INT4', 'SIGNED'],
      BIGINT: ['INT8', 'LONG'],
      REAL: ['FLOAT4', 'FLOAT'],
      'DOUBLE PRECISION': ['DOUBLE', 'FLOAT8', 'FLOAT'],
      NUMERIC: ['DECIMAL'],
      VARCHAR: ['TEXT', 'STRING', 'CHAR', 'CHARACTER', 'BPCHAR', 'CHARACTER VARYING'],
      CHAR: ['CHARACTER', 'BPCHAR'],
      TIMESTAMP: ['DATETIME', 'TIMESTAMP WITHOUT TIME ZONE'],
      'TIMESTAMP WITH TIME ZONE': ['TIMESTAMPTZ', 'TIMESTAMP', 'DATETIME'],
      'TIME WITH TIME ZONE': ['TIMETZ', 'TIME'],
      BYTEA: ['BLOB', 'BINARY'],
      LIST: ['ARRAY'],
    },
  },

  castText: (e) => `CAST(${e} AS TEXT)`,
  tryCast,
  // POSIX regular expressions (ARE): `~` searches, as GE's SQL regex metrics do on PostgreSQL.
  regexMatch: (e, pattern) => `(${e} ~ ${lit(pattern)})`,
  regexExtract(e, pattern, group) {
    const g = Math.trunc(group);
    // regexp_match gives the capture groups; group 0, the whole match, is captured by wrapping.
    return g === 0
      ? `COALESCE((regexp_match(${e}, ${lit(`(${pattern})`)}))[1], '')`
      : `COALESCE((regexp_match(${e}, ${lit(pattern)}))[${g}], '')`;
  },
  regexReplaceAll: (e, pattern, replacement) => `regexp_replace(${e}, ${lit(pattern)}, ${lit(replacement)}, 'g')`,
  // LIKE is the base's; PostgreSQL's own escape character, the backslash, applies (as in GE on PostgreSQL).
  jsonParseable() {
    // PostgreSQL 15 cannot test JSON text without raising (IS JSON arrives in version 16).
    throw new Error('json_parseable is not supported on PostgreSQL 15 (it needs IS JSON, PostgreSQL 16)');
  },
  epochSeconds: (e) => `extract(epoch from ${e})`,
  md5: (e) => `md5(${e})`,
  timestampText(e, type) {
    const zoned = /TIME ZONE|TIMESTAMPTZ/.test(type.toUpperCase());
    return `to_char(${zoned ? `(${e}) AT TIME ZONE 'UTC'` : e}, 'YYYY-MM-DD HH24:MI:SS.US')`;
  },
  quantilesDisc(e, qs) {
    return `percentile_disc(ARRAY[${qs.map((q) => this.literal(q)).join(', ')}]::DOUBLE PRECISION[]) WITHIN GROUP (ORDER BY ${e})`;
  },
});
