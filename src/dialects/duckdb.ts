// DuckDB, the embedded default: its functions for what standard SQL has no word for, its own
// shorter spellings where the golden SQL has always used them, and its type names.
import { defineDialect, type Dialect } from './base.js';
import type { Sql } from '../engine/types.js';

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DOUBLE PRECISION|DECIMAL|NUMERIC|INT2|INT4|INT8|FLOAT4|FLOAT8|SERIAL|BIGSERIAL|VARINT)\b/;
const STRING = /^(VARCHAR|TEXT|STRING|CHAR|CHARACTER|BPCHAR|CHARACTER VARYING|NAME|UUID|JSON)\b/;
const TEMPORAL =
  /^(DATE|TIME|TIMESTAMP|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE|TIMESTAMP WITHOUT TIME ZONE|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMETZ|INTERVAL)\b/;

export const duckdbDialect: Dialect = defineDialect({
  name: 'duckdb',
  capabilities: { aggregateFilter: true, tupleDistinct: true, jsonParseable: true, maxSelectItems: Infinity },
  types: {
    numeric: NUMERIC,
    string: STRING,
    plainText: /^(VARCHAR|TEXT|STRING|CHAR|CHARACTER|BPCHAR|CHARACTER VARYING|NAME)\b/,
    temporal: TEMPORAL,
    boolean: /^(BOOLEAN|BOOL)\b/,
    castableTemporal:
      /^(DATE|TIME|TIMETZ|TIME WITH TIME ZONE|TIMESTAMP|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|INTERVAL)$/,
    // A VARCHAR is VARCHAR and TEXT, a DOUBLE is DOUBLE_PRECISION and FLOAT (SQLAlchemy's names).
    aliases: {
      BOOLEAN: ['BOOL', 'LOGICAL'],
      TINYINT: ['INT1'],
      SMALLINT: ['INT2', 'SHORT'],
      INTEGER: ['INT', 'INT4', 'SIGNED'],
      BIGINT: ['INT8', 'LONG'],
      HUGEINT: ['INT128'],
      FLOAT: ['REAL', 'FLOAT4'],
      DOUBLE: ['DOUBLE PRECISION', 'FLOAT8', 'FLOAT'],
      DECIMAL: ['NUMERIC'],
      VARCHAR: ['TEXT', 'STRING', 'CHAR', 'CHARACTER', 'BPCHAR', 'CHARACTER VARYING'],
      TIMESTAMP: ['DATETIME', 'TIMESTAMP WITHOUT TIME ZONE'],
      TIMESTAMP_S: ['TIMESTAMP', 'DATETIME'],
      TIMESTAMP_MS: ['TIMESTAMP', 'DATETIME'],
      TIMESTAMP_NS: ['TIMESTAMP', 'DATETIME'],
      'TIMESTAMP WITH TIME ZONE': ['TIMESTAMPTZ', 'TIMESTAMP', 'DATETIME'],
      'TIME WITH TIME ZONE': ['TIMETZ', 'TIME'],
      BLOB: ['BYTEA', 'BINARY', 'VARBINARY'],
      LIST: ['ARRAY'],
    },
  },

  // DuckDB plans `x IN (a, b, c, ...)` as a hash (MARK) join, which cannot stop early: a sample
  // query with LIMIT 20 then reads a whole CSV. list_contains is a plain function.
  inList(expr, values) {
    return values.length ? `list_contains([${this.list(values)}], ${expr})` : 'FALSE';
  },
  tryCast: (e, type) => `TRY_CAST(${e} AS ${type})`,
  regexMatch(e, pattern) {
    return `regexp_matches(${e}, ${this.literal(pattern)})`;
  },
  regexExtract(e, pattern, group) {
    return `regexp_extract(${e}, ${this.literal(pattern)}, ${Math.trunc(group)})`;
  },
  regexReplaceAll(e, pattern, replacement) {
    return `regexp_replace(${e}, ${this.literal(pattern)}, ${this.literal(replacement)}, 'g')`;
  },
  jsonParseable(e) {
    // DuckDB's json_valid is laxer than Python's json.loads (nan and inf in any case, trailing
    // commas) and stricter on text (lone surrogate escapes). So: every string must be valid JSON
    // text; strings are then blanked, NaN/Infinity/-Infinity (which Python accepts) become a
    // number, and what is left must be valid, without a trailing comma or any other word.
    const validString = String.raw`"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"`;
    const blanked = `regexp_replace(${e}, ${this.literal(String.raw`"(?:[^"\\]|\\.)*"`)}, '""', 'g')`;
    const numbered = `regexp_replace(${blanked}, '-?Infinity|NaN', ' 0 ', 'g')`;
    return (
      `(regexp_full_match(${e}, ${this.literal(`(?:[^"]|${validString})*`)}) AND json_valid(${numbered})` +
      ` AND NOT regexp_matches(${blanked}, ${this.literal(String.raw`,[ \t\n\r]*[\]}]`)})` +
      ` AND NOT regexp_matches(regexp_replace(${numbered}, 'true|false|null|[eE]', '', 'g'), '[A-Za-z]'))`
    );
  },
  length: (e) => `length(${e})`,
  quantilesDisc(e, qs) {
    return `quantile_disc(${e}, [${qs.map((q) => this.literal(q)).join(', ')}])`;
  },
  median: (e) => `median(${e})`,
  // stddev_samp raises "out of range" on a NaN or an infinity: those rows make it NaN instead.
  stddevSamp(e, filter) {
    const finite = `isfinite(CAST(${e} AS DOUBLE))`;
    const where = (cond: Sql) => (filter ? `(${filter}) AND ${cond}` : cond);
    // CASE inside the aggregates rather than FILTER: `filter` may already be spelled that way.
    return `CASE WHEN count(CASE WHEN ${where(`NOT ${finite}`)} THEN 1 END) > 0 THEN CAST('NaN' AS DOUBLE) ELSE stddev_samp(CASE WHEN ${where(finite)} THEN ${e} END) END`;
  },
  epochSeconds: (e) => `epoch(${e})`,
  approxCountDistinct: (e) => `approx_count_distinct(${e})`,
  // DuckDB groups an integer column whose statistics (a Parquet file's, a table's) span at most
  // 2^perfect_ht_threshold values in an array, one per thread: 10M distinct BIGINTs in 0.5 s of
  // CPU instead of 1.8 s. The default threshold is 12 bits; the array costs memory per thread,
  // so the threads share 2^26 slots (~1 GiB at most), and a larger setting is kept.
  denseGroupBy: (bits) => ({
    set:
      `SET perfect_ht_threshold = greatest(CAST(current_setting('perfect_ht_threshold') AS INTEGER), ` +
      `least(${Math.ceil(bits)}, 26 - CAST(ceil(log2(CAST(current_setting('threads') AS INTEGER))) AS INTEGER)))`,
    reset: 'RESET perfect_ht_threshold',
  }),
  md5: (e) => `md5(${e})`,
  bindValue(value, body) {
    // A lambda's parameter names the value; it must not hide a column the body reads.
    let name = 'assay_bound';
    for (let i = 1; value.toLowerCase().includes(name) || body('').toLowerCase().includes(name); i++) name = `assay_bound_${i}`;
    return `list_transform([${value}], lambda ${name}: ${body(name)})[1]`;
  },
  timestampText(e, type) {
    const zoned = /TIME ZONE|TIMESTAMPTZ/.test(type.toUpperCase());
    return `strftime(${zoned ? `timezone('UTC', ${e})` : e}, '%Y-%m-%d %H:%M:%S.%f')`;
  },
});
