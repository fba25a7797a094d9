// Builds a case's table(s) as GE's SQL harness does (build_sa_validator_with_data): a pandas
// DataFrame from `data`, column types from the backend's `schemas` entry (values converted the
// way GE converts them before `to_sql`), other columns typed by pandas' inference, and an
// integer `pk_index` appended for map expectations. The engine-specific part is only the
// spelling of each logical type (TableTarget), so a PostgreSQL run can reuse all of this.
import type { Connection } from '../../src/engine/connection.js';
import { PyFloat, pyStr, type Py } from './pyjson.js';

/** The backend whose GE behaviour a case reproduces (its `schemas` entry and conversions). */
export type GeBackend = 'postgresql' | 'sqlite';

/** Logical column types: what GE's schemas name, after pandas' inference. */
export type Logical = 'SMALLINT' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'NUMERIC' | 'TEXT' | 'VARCHAR' | 'BOOLEAN' | 'TIMESTAMP' | 'DATE';

export interface TableTarget {
  name: string;
  /** The engine's type for a logical type. */
  sqlType(t: Logical): string;
  /** Builds the table its own way (Spark: a session's temporary view) instead of CREATE + INSERT. */
  create?(conn: Connection, spec: TableSpec): Promise<void>;
  /** Drops what `create` built. */
  drop?(conn: Connection, name: string): Promise<void>;
}

export const duckdbTarget: TableTarget = {
  name: 'duckdb',
  sqlType(t) {
    switch (t) {
      case 'DOUBLE':
        return 'DOUBLE';
      // PostgreSQL's NUMERIC has no fixed scale; DuckDB's DECIMAL would round the test data.
      case 'NUMERIC':
        return 'DOUBLE';
      case 'TEXT':
      case 'VARCHAR':
        return 'VARCHAR';
      default:
        return t;
    }
  },
};

/** Schema type names (GE's SQLITE_TYPES / POSTGRESQL_TYPES keys) → logical types. */
const SCHEMA_TYPES: Record<string, Logical> = {
  INTEGER: 'INTEGER',
  SMALLINT: 'SMALLINT',
  BIGINT: 'BIGINT',
  NUMBER: 'NUMERIC',
  NUMERIC: 'NUMERIC',
  FLOAT: 'DOUBLE',
  DOUBLE: 'DOUBLE',
  DOUBLE_PRECISION: 'DOUBLE',
  TEXT: 'TEXT',
  CHAR: 'TEXT',
  VARCHAR: 'VARCHAR',
  STRING: 'VARCHAR',
  BOOLEAN: 'BOOLEAN',
  TIMESTAMP: 'TIMESTAMP',
  DATETIME: 'TIMESTAMP',
  DATE: 'DATE',
};

export interface Column {
  name: string;
  type: Logical;
  /** Values ready for dialect.literal: null, boolean, number, string (timestamps as ISO text). */
  values: unknown[];
}

export interface TableSpec {
  name: string;
  columns: Column[];
  rows: number;
}

/** pandas' dtype inference for a list of JSON values, and to_sql's SQL type for it. */
function inferType(values: Py[]): { type: Logical; convert: (v: Py) => unknown } {
  const present = values.filter((v) => v !== null);
  const hasNull = present.length < values.length;
  const all = (p: (v: Py) => boolean) => present.length > 0 && present.every(p);
  const isInt = (v: Py) => typeof v === 'number';
  const isNum = (v: Py) => typeof v === 'number' || v instanceof PyFloat;
  if (present.length === 0) return { type: 'TEXT', convert: () => null };
  if (all((v) => typeof v === 'boolean')) return { type: 'BOOLEAN', convert: (v) => v };
  // int64 without nulls; with a null pandas makes the column float64.
  if (all(isInt) && !hasNull) return { type: 'BIGINT', convert: num };
  if (all(isNum)) return { type: 'DOUBLE', convert: num };
  if (all((v) => typeof v === 'string')) return { type: 'TEXT', convert: (v) => v };
  // An object column of mixed values: the driver writes each value into a TEXT column.
  return { type: 'TEXT', convert: textOf };
}

function num(v: Py): unknown {
  if (v === null) return null;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    // pd.to_numeric
    const n = Number(v.trim());
    if (v.trim() === '' || Number.isNaN(n)) throw new Error(`pd.to_numeric cannot parse ${JSON.stringify(v)}`);
    return n;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new Error(`not a number: ${JSON.stringify(v)}`);
}

/** What a value becomes in a PostgreSQL TEXT column when psycopg2 binds it (bool → 'true'). */
function textOf(v: Py): unknown {
  if (v === null) return null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object' && !(v instanceof PyFloat)) return JSON.stringify(v);
  return pyStr(v);
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** pd.to_datetime for the formats the corpus uses; ISO text without a time zone. */
export function toDatetime(v: Py): string | null {
  if (v === null) return null;
  if (typeof v !== 'string') throw new Error(`pd.to_datetime of ${JSON.stringify(v)} is not supported by the harness`);
  const s = v.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/.exec(s);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7]);
  m = /^([A-Za-z]{3})[a-z]* (\d{1,2}),? (\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m && MONTHS[m[1]!.toLowerCase()]) return iso(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) return iso(+m[3]!, +m[1]!, +m[2]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  throw new Error(`pd.to_datetime format not supported by the harness: ${JSON.stringify(v)}`);
}

function iso(y: number, mo: number, d: number, h: number, mi: number, s: number, frac?: string): string {
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}${frac ?? ''}`;
}

/**
 * What SQLAlchemy's SQLite dialect writes for a date/time (SQLite has no such types: the value
 * is stored as text, and GE reads it back as that text). GE's SQLITE_TYPES make DATETIME
 * `DATETIME(truncate_microseconds=True)`: `YYYY-MM-DD HH:MM:SS`; TIMESTAMP keeps the default
 * storage format, with six digits of microseconds; DATE is `YYYY-MM-DD`.
 */
function sqliteDatetimeText(iso: string | null, schemaType: string): string | null {
  if (iso === null) return null;
  if (schemaType === 'DATE') return iso.slice(0, 10);
  const [whole, frac = ''] = iso.split('.');
  if (schemaType === 'DATETIME') return whole!;
  return `${whole}.${(frac + '000000').slice(0, 6)}`;
}

/** One column as GE builds it on `backend`: the schema type with GE's conversion, or pandas' inference. */
function buildColumn(name: string, values: Py[], schemaType: string | undefined, backend: GeBackend): Column {
  if (schemaType !== undefined) {
    const type = SCHEMA_TYPES[schemaType];
    if (!type) throw new Error(`schema type ${schemaType} of column ${name} is not mapped by the harness`);
    if (backend === 'sqlite' && (type === 'TIMESTAMP' || type === 'DATE')) {
      // pd.to_datetime, then the dialect's bind processor: text in the table.
      return { name, type: 'TEXT', values: values.map((v) => sqliteDatetimeText(toDatetime(v), schemaType)) };
    }
    switch (type) {
      case 'SMALLINT':
      case 'INTEGER':
      case 'BIGINT':
      case 'DOUBLE':
        return { name, type, values: values.map(num) };
      case 'TIMESTAMP':
      case 'DATE':
        return { name, type, values: values.map((v) => (type === 'DATE' ? (toDatetime(v)?.slice(0, 10) ?? null) : toDatetime(v))) };
      case 'VARCHAR':
        // GE: df[col].apply(str), so a missing value becomes the text 'None'.
        return {
          name,
          type,
          values: values.map((v) => (v === null ? 'None' : typeof v === 'boolean' ? (v ? 'True' : 'False') : pyStr(v))),
        };
      case 'TEXT':
        return { name, type, values: values.map(textOf) };
      case 'NUMERIC':
        return { name, type, values: values.map(num) };
      case 'BOOLEAN':
        return { name, type, values: values.map((v) => (v === null ? null : typeof v === 'boolean' ? v : Boolean(num(v)))) };
    }
  }
  const { type, convert } = inferType(values);
  return { name, type, values: values.map(convert) };
}

/** The table a case's `data` describes, typed as GE's harness types it on `backend`. */
export function tableSpec(
  name: string,
  data: Record<string, Py>,
  schemas: Record<string, Record<string, string>> | null,
  backend: GeBackend,
  pkColumn: boolean,
): TableSpec {
  const other: GeBackend = backend === 'postgresql' ? 'sqlite' : 'postgresql';
  const schema = schemas?.[backend] ?? schemas?.[other] ?? null;
  const columns: Column[] = [];
  let rows = -1;
  for (const [col, raw] of Object.entries(data)) {
    if (!Array.isArray(raw)) throw new Error(`column ${col} is not a list`);
    if (rows >= 0 && raw.length !== rows) throw new Error(`columns have different lengths (${col})`);
    rows = raw.length;
    columns.push(buildColumn(col, raw, schema?.[col], backend));
  }
  if (rows < 0) rows = 0;
  if (pkColumn) columns.push({ name: 'pk_index', type: schema ? 'INTEGER' : 'BIGINT', values: Array.from({ length: rows }, (_, i) => i) });
  return { name, columns, rows };
}

/** CREATE TABLE + one INSERT, all values through the dialect. */
export async function createTable(conn: Connection, target: TableTarget, spec: TableSpec): Promise<void> {
  if (target.create) return target.create(conn, spec);
  const d = conn.dialect;
  const table = d.ident(spec.name);
  await conn.exec(`DROP TABLE IF EXISTS ${table}`);
  const cols = spec.columns.map((c) => `${d.ident(c.name)} ${target.sqlType(c.type)}`).join(', ');
  await conn.exec(`CREATE TABLE ${table} (${cols})`);
  if (spec.rows === 0 || spec.columns.length === 0) return;
  const tuples: string[] = [];
  for (let r = 0; r < spec.rows; r++) {
    tuples.push(`(${spec.columns.map((c) => literalFor(d.literal.bind(d), c, c.values[r])).join(', ')})`);
  }
  await conn.exec(`INSERT INTO ${table} VALUES ${tuples.join(', ')}`);
}

export function literalFor(literal: (v: unknown) => string, c: Column, v: unknown): string {
  // pandas' to_sql writes NaN as NULL.
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return 'NULL';
  if ((c.type === 'TIMESTAMP' || c.type === 'DATE') && typeof v === 'string') return `CAST(${literal(v)} AS ${c.type})`;
  return literal(v);
}

export async function dropTable(conn: Connection, target: TableTarget, name: string): Promise<void> {
  if (target.drop) return target.drop(conn, name);
  await conn.exec(`DROP TABLE IF EXISTS ${conn.dialect.ident(name)}`);
}
