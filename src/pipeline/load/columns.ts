// Schema evolution, shared by the targets: a column new in the data is added to the target; a
// column whose type changed is accepted only when the target's type holds every value of the
// data's type (INTEGER into BIGINT, FLOAT into DOUBLE, DATE into TIMESTAMP...). Anything else
// stops the load before a single row is written, with a message naming the column and types.
import type { Column } from '../../engine/types.js';
import { LoadError } from '../../errors.js';

export interface ColumnPlan {
  /** Data columns the target lacks, with the data's type. */
  added: Column[];
  /** Data column name → target column name (the same, or the target's spelling when only case differs). */
  names: Map<string, string>;
}

/** Matches data columns to target columns; `compatible(dataType, targetType)` judges each pair. */
export function planColumns(
  data: Column[],
  target: Column[],
  compatible: (from: string, to: string) => boolean,
  describe: { target: string; table: string },
): ColumnPlan {
  const added: Column[] = [];
  const names = new Map<string, string>();
  const problems: string[] = [];
  for (const col of data) {
    const same = target.find((t) => t.name === col.name) ?? unique(target.filter((t) => t.name.toLowerCase() === col.name.toLowerCase()));
    if (!same) {
      added.push(col);
      names.set(col.name, col.name);
      continue;
    }
    names.set(col.name, same.name);
    if (!compatible(col.type, same.type))
      problems.push(`column ${JSON.stringify(col.name)} is ${col.type} in the data but ${same.type} in the target`);
  }
  if (problems.length) {
    throw new LoadError(
      `cannot load ${describe.table} into ${describe.target}: incompatible type change (nothing was written): ${problems.join('; ')}. ` +
        'Cast the column in the transform SQL, or migrate the target table.',
    );
  }
  return { added, names };
}

function unique<T>(xs: T[]): T | undefined {
  return xs.length === 1 ? xs[0] : undefined;
}

// ---- DuckDB types (DuckDB and Parquet targets) -------------------------------------------------

const INT_RANK: Record<string, number> = { TINYINT: 1, SMALLINT: 2, INTEGER: 3, BIGINT: 4, HUGEINT: 5 };
const UINT_FITS: Record<string, number> = { UTINYINT: 2, USMALLINT: 3, UINTEGER: 4, UBIGINT: 5 };
const INT_DIGITS: Record<string, number> = {
  TINYINT: 3,
  SMALLINT: 5,
  INTEGER: 10,
  BIGINT: 19,
  HUGEINT: 39,
  UTINYINT: 3,
  USMALLINT: 5,
  UINTEGER: 10,
  UBIGINT: 20,
};
const ALIASES: Record<string, string> = {
  INT: 'INTEGER',
  INT4: 'INTEGER',
  INT8: 'BIGINT',
  INT2: 'SMALLINT',
  INT1: 'TINYINT',
  LONG: 'BIGINT',
  SHORT: 'SMALLINT',
  FLOAT4: 'FLOAT',
  REAL: 'FLOAT',
  FLOAT8: 'DOUBLE',
  'DOUBLE PRECISION': 'DOUBLE',
  TEXT: 'VARCHAR',
  STRING: 'VARCHAR',
  BOOL: 'BOOLEAN',
  'TIMESTAMP WITH TIME ZONE': 'TIMESTAMPTZ',
  DATETIME: 'TIMESTAMP',
  NUMERIC: 'DECIMAL(18,3)',
  DECIMAL: 'DECIMAL(18,3)',
};

export function normalizeDuckType(t: string): string {
  const u = t.trim().toUpperCase().replace(/\s+/g, ' ');
  return ALIASES[u] ?? u.replace(/^NUMERIC/, 'DECIMAL').replace(/^VARCHAR\(\d+\)$/, 'VARCHAR');
}

const decimal = (t: string) => {
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  return m ? { p: Number(m[1]), s: Number(m[2]) } : null;
};

/** Whether every value of DuckDB type `from` fits DuckDB type `to` unchanged. */
export function duckdbFits(fromType: string, toType: string): boolean {
  const from = normalizeDuckType(fromType);
  const to = normalizeDuckType(toType);
  if (from === to) return true;
  // A column of NULLs (SELECT NULL AS x) has no type of its own.
  if (from === '"NULL"' || from === 'NULL') return true;
  const toDec = decimal(to);
  const fromDec = decimal(from);
  if (from in INT_RANK || from in UINT_FITS) {
    const rank = INT_RANK[from] ?? UINT_FITS[from]!;
    if (to in INT_RANK) return INT_RANK[to]! >= rank;
    if (to === 'DOUBLE' || to === 'UHUGEINT') return true;
    if (toDec) return toDec.p - toDec.s >= INT_DIGITS[from]!;
    return false;
  }
  if (fromDec) {
    if (toDec) return toDec.s >= fromDec.s && toDec.p - toDec.s >= fromDec.p - fromDec.s;
    return to === 'DOUBLE';
  }
  if (from === 'FLOAT') return to === 'DOUBLE';
  if (from === 'DATE') return to === 'TIMESTAMP' || to === 'TIMESTAMPTZ';
  if (/^TIMESTAMP_(S|MS)$/.test(from)) return to === 'TIMESTAMP' || to === 'TIMESTAMP_NS';
  if (from === 'JSON') return to === 'VARCHAR';
  return false;
}

// ---- PostgreSQL types --------------------------------------------------------------------------

/** The PostgreSQL type a DuckDB column becomes in a table Assay creates or extends. */
export function postgresType(duckType: string): string {
  const t = normalizeDuckType(duckType);
  const dec = decimal(t);
  if (dec) return `numeric(${dec.p},${dec.s})`;
  if (/\[\]$|\[\d+\]$|^(STRUCT|MAP|UNION)\b/.test(t)) return 'jsonb';
  switch (t) {
    case 'BOOLEAN':
      return 'boolean';
    case 'TINYINT':
    case 'UTINYINT':
    case 'SMALLINT':
      return 'smallint';
    case 'USMALLINT':
    case 'INTEGER':
      return 'integer';
    case 'UINTEGER':
    case 'BIGINT':
      return 'bigint';
    case 'UBIGINT':
    case 'HUGEINT':
    case 'UHUGEINT':
      return 'numeric';
    case 'FLOAT':
      return 'real';
    case 'DOUBLE':
      return 'double precision';
    case 'DATE':
      return 'date';
    case 'TIME':
      return 'time';
    case 'TIMETZ':
      return 'timetz';
    case 'TIMESTAMP':
    case 'TIMESTAMP_S':
    case 'TIMESTAMP_MS':
    case 'TIMESTAMP_NS':
      return 'timestamp';
    case 'TIMESTAMPTZ':
      return 'timestamptz';
    case 'INTERVAL':
      return 'interval';
    case 'UUID':
      return 'uuid';
    case 'BLOB':
      return 'bytea';
    case 'JSON':
      return 'jsonb';
    default:
      return 'text';
  }
}

const PG_ALIASES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  varchar: 'character varying',
  bpchar: 'character',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
  decimal: 'numeric',
};

export function normalizePgType(t: string): string {
  const u = t.trim().toLowerCase();
  const base = u.replace(/\(.*\)$/, '');
  const args = u.slice(base.length);
  return (PG_ALIASES[base] ?? base) + args;
}

const PG_WIDER: Record<string, string[]> = {
  smallint: ['integer', 'bigint', 'numeric', 'real', 'double precision'],
  // Into double precision as DuckDB's implicit casts do (exact up to 2^53): CSV deliveries
  // typed by sniffing flip between BIGINT and DOUBLE from one file to the next.
  integer: ['bigint', 'numeric', 'double precision'],
  bigint: ['numeric', 'double precision'],
  real: ['double precision'],
  date: ['timestamp without time zone', 'timestamp with time zone'],
  text: ['character varying'],
  jsonb: ['json'],
};

/** Whether every value of PostgreSQL type `from` (what the data maps to) fits column type `to`. */
export function postgresFits(fromType: string, toType: string): boolean {
  const from = normalizePgType(fromType);
  const to = normalizePgType(toType);
  if (from === to) return true;
  const base = (t: string) => t.replace(/\(.*\)$/, '');
  if (base(from) === 'numeric' && base(to) === 'numeric') {
    const p = (t: string) => /\((\d+),\s*(\d+)\)/.exec(t);
    const f = p(from);
    const g = p(to);
    if (!g) return true; // unconstrained numeric holds any numeric
    if (!f) return false;
    return Number(g[2]) >= Number(f[2]) && Number(g[1]) - Number(g[2]) >= Number(f[1]) - Number(f[2]);
  }
  // text goes into an unbounded varchar only; a bounded one could truncate.
  const wider = PG_WIDER[base(from)] ?? [];
  if (wider.includes(to)) return true;
  if (base(to) === 'numeric' && wider.includes('numeric')) {
    const g = /\((\d+),\s*(\d+)\)/.exec(to);
    const digits: Record<string, number> = { smallint: 5, integer: 10, bigint: 19 };
    return !g || Number(g[1]) - Number(g[2]) >= (digits[from] ?? Infinity);
  }
  return false;
}
