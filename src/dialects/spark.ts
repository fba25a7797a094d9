// Spark SQL (Apache Spark 3.4+ and Databricks SQL): backtick names, string literals with
// backslash escapes, Java regular expressions (`rlike` searches, as GE's Spark regex metrics do),
// exact discrete quantiles with percentile_disc (never percentile_approx), TRY_CAST for casts that
// must not fail. Spark 4 runs with ANSI SQL on (a failed CAST raises), as Databricks SQL does.
import { defineDialect, type Dialect } from './base.js';
import type { Sql } from '../engine/types.js';

/** A Spark string literal: backslash and quote escaped (Spark reads C-style escapes in '...'). */
function quoteString(s: string): Sql {
  if (s.includes('\u0000')) throw new Error('a text value may not contain the NUL character');
  return `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** The Spark spelling of a type name the expectations use (DuckDB's and standard SQL's). */
function sparkType(type: string): string {
  const t = type.trim().toUpperCase();
  const base = t.replace(/\s*\(.*$/s, '');
  const names: Record<string, string> = {
    VARCHAR: 'STRING',
    TEXT: 'STRING',
    'CHARACTER VARYING': 'STRING',
    INTEGER: 'INT',
    INT4: 'INT',
    INT8: 'BIGINT',
    INT2: 'SMALLINT',
    REAL: 'FLOAT',
    FLOAT4: 'FLOAT',
    FLOAT8: 'DOUBLE',
    'DOUBLE PRECISION': 'DOUBLE',
    BOOL: 'BOOLEAN',
    DATETIME: 'TIMESTAMP',
    'TIMESTAMP WITHOUT TIME ZONE': 'TIMESTAMP_NTZ',
    'TIMESTAMP WITH TIME ZONE': 'TIMESTAMP',
    TIMESTAMPTZ: 'TIMESTAMP',
    NUMERIC: t.replace(/^NUMERIC/, 'DECIMAL'),
  };
  if (base === 'TIME' || base === 'TIMETZ') throw new Error('Spark has no TIME type');
  return names[base] ?? t;
}

const lit = (v: unknown): Sql => sparkDialect.literal(v);

export const sparkDialect: Dialect = defineDialect({
  name: 'spark',
  // Spark has no select-list limit of its own; past a few thousand columns its code generation
  // falls back to interpretation, which only slows it down.
  capabilities: { aggregateFilter: true, tupleDistinct: true, jsonParseable: false, maxSelectItems: Infinity },
  types: {
    numeric: /^(TINYINT|BYTE|SMALLINT|SHORT|INT|INTEGER|BIGINT|LONG|FLOAT|REAL|DOUBLE|DECIMAL|DEC|NUMERIC)\b/,
    string: /^(STRING|VARCHAR|CHAR)\b/,
    plainText: /^(STRING|VARCHAR|CHAR)\b/,
    temporal: /^(DATE|TIMESTAMP|TIMESTAMP_NTZ|TIMESTAMP_LTZ|INTERVAL)\b/,
    boolean: /^BOOLEAN\b/,
    castableTemporal: /^(DATE|TIMESTAMP|TIMESTAMP_NTZ|TIMESTAMP_LTZ)$/,
    // As DESCRIBE spells them; STRING is Spark's one text type, so it answers to both text names.
    aliases: {
      BOOLEAN: ['BOOL', 'LOGICAL'],
      TINYINT: ['BYTE', 'INT1'],
      SMALLINT: ['SHORT', 'INT2'],
      INT: ['INTEGER', 'INT4', 'SIGNED'],
      BIGINT: ['LONG', 'INT8'],
      FLOAT: ['REAL', 'FLOAT4'],
      DOUBLE: ['DOUBLE PRECISION', 'FLOAT8', 'FLOAT'],
      DECIMAL: ['NUMERIC', 'DEC'],
      STRING: ['VARCHAR', 'TEXT', 'CHARACTER VARYING'],
      TIMESTAMP: ['DATETIME', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP LTZ'],
      'TIMESTAMP NTZ': ['TIMESTAMP', 'DATETIME', 'TIMESTAMP WITHOUT TIME ZONE'],
      BINARY: ['BLOB', 'BYTEA', 'VARBINARY'],
    },
  },

  ident(name) {
    if (name.includes('\u0000')) throw new Error('an identifier may not contain the NUL character');
    return `\`${name.replaceAll('`', '``')}\``;
  },

  literal(value) {
    if (typeof value === 'string') return quoteString(value);
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return "CAST('NaN' AS DOUBLE)";
      if (value === Infinity) return "CAST('Infinity' AS DOUBLE)";
      if (value === -Infinity) return "CAST('-Infinity' AS DOUBLE)";
      // A literal with a point is a DECIMAL in Spark, exact as the suite wrote it; an exponent
      // makes it a DOUBLE. Beyond DECIMAL's 38 digits, and for unsafe integers, the double.
      if (!Number.isInteger(value)) return String(value).length > 38 ? `${value}D` : String(value);
      return Number.isSafeInteger(value) ? String(value) : `${value}D`;
    }
    if (value instanceof Date) return `TIMESTAMP ${quoteString(value.toISOString())}`;
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'bigint') return value.toString();
    throw new Error(`cannot use ${JSON.stringify(value)} as a SQL value`);
  },

  castText: (e) => `CAST(${e} AS STRING)`,
  castDouble: (e) => `CAST(${e} AS DOUBLE)`,
  tryCast: (e, type) => `TRY_CAST(${e} AS ${sparkType(type)})`,
  // Java regular expressions; RLIKE searches (Matcher.find), as GE's Spark regex metrics do.
  regexMatch: (e, pattern) => `(${e} RLIKE ${lit(pattern)})`,
  regexExtract: (e, pattern, group) => `COALESCE(regexp_extract(${e}, ${lit(pattern)}, ${Math.trunc(group)}), '')`,
  // regexp_replace replaces every match; its replacement reads Java's `$1` and `\\`, so both are escaped.
  regexReplaceAll: (e, pattern, replacement) => `regexp_replace(${e}, ${lit(pattern)}, ${lit(replacement.replace(/[\\$]/g, '\\$&'))})`,
  // LIKE's escape character is the backslash, as in GE on Spark.
  like: (e, pattern) => `${e} LIKE ${lit(pattern)}`,
  jsonParseable() {
    // from_json and get_json_object return NULL for both invalid documents and JSON null.
    throw new Error('json_parseable is not computed in Spark SQL');
  },
  epochSeconds: (e) => `unix_timestamp(${e})`,
  md5: (e) => `md5(${e})`,
  // TIMESTAMP is Spark's local-time-zone type, shown in the session's zone: rendered in UTC whatever that zone is.
  timestampText(e, type) {
    const local = !/NTZ/.test(type.toUpperCase());
    return `date_format(${local ? `to_utc_timestamp(${e}, current_timezone())` : e}, 'yyyy-MM-dd HH:mm:ss.SSSSSS')`;
  },
  approxCountDistinct: (e) => `approx_count_distinct(${e})`,
  quantilesDisc(e, qs, type) {
    // percentile_disc takes numbers and intervals only: a date is ordered by its day number and
    // a timestamp by its microseconds (UTC), and each quantile comes back as the value's text,
    // as DuckDB's and PostgreSQL's quantiles of dates and timestamps arrive.
    const t = (type ?? '').trim().toUpperCase();
    const each = (order: Sql, back: (p: Sql) => Sql) =>
      `array(${qs.map((q) => back(`percentile_disc(${lit(q)}) WITHIN GROUP (ORDER BY ${order})`)).join(', ')})`;
    // (percentile_disc answers a double, exact for days and for microseconds up to the year 2255.)
    if (t === 'DATE') return each(`unix_date(${e})`, (p) => `CAST(date_from_unix_date(CAST(${p} AS INT)) AS STRING)`);
    if (/^TIMESTAMP/.test(t)) {
      const ntz = /NTZ/.test(t);
      return each(`unix_micros(${ntz ? `CAST(${e} AS TIMESTAMP)` : e})`, (p) => {
        const ts = `timestamp_micros(CAST(${p} AS BIGINT))`;
        return `CAST(${ntz ? `CAST(${ts} AS TIMESTAMP_NTZ)` : ts} AS STRING)`;
      });
    }
    return each(e, (p) => p);
  },
  // Spark SQL has no MATERIALIZED: it plans the CTE into each of its readers, and adaptive
  // execution may share their identical shuffle stages (Spark's exchange reuse).
  cte: (name, body) => `${name} AS (${body})`,
  // A window must be ordered in Spark; monotonically_increasing_id follows the scan (partition,
  // then position in it), which for one file is its order.
  rowNumber: () => 'row_number() OVER (ORDER BY monotonically_increasing_id())',
});
