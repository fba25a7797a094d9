// The inputs layer: files, globs, a DuckDB database table or a query become ONE relation the
// engine can put after FROM. Files are opened as a TEMP view over DuckDB's read_* functions
// (temp, so a connection on a database file never writes our views into the user's file).
// DuckDB reads lazily: most parse errors appear when the engine scans the view, so
// classifyDataError (./sources/errors.ts) turns those into AssayDataErrors naming file and line.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Sql } from './types.js';
import type { DuckDBConnection } from '../connections/duckdb.js';
import type { Dialect } from '../dialects/base.js';
import { classifyDataError, csvRejectError, oneLine, unclosedQuoteError } from './sources/errors.js';
import { AssayDataError, AssayError } from '../errors.js';

export { classifyDataError };

export type FileFormat = 'csv' | 'tsv' | 'parquet' | 'json' | 'ndjson';

export interface CsvOptions {
  delimiter?: string;
  header?: boolean;
  quote?: string;
  escape?: string;
  nullStrings?: string[];
  /** Column name -> DuckDB type, overriding the sniffer for those columns. */
  columnTypes?: Record<string, string>;
  /** Lines before the header (default 0: the sniffer's guess could silently drop rows). */
  skip?: number;
}

export interface InputSpec {
  paths?: string[];
  format?: FileFormat | 'auto';
  csv?: CsvOptions;
  duckdbFile?: string;
  table?: string;
  sql?: string;
}

export interface OpenedInput {
  /** What goes after FROM, e.g. a quoted view name. */
  relation: Sql;
  /** For the result's data_source, e.g. "data/orders.csv (csv)". */
  description: string;
  files: string[];
  /** How the relation was read; lets classifyDataError blame Parquet files for thrift errors. */
  format?: FileFormat | 'duckdb' | 'sql';
}

/** The alias an attached DuckDB file gets (`src.orders`). */
export const ATTACHED = 'src';

const EXTENSIONS: [RegExp, FileFormat][] = [
  [/\.csv$/i, 'csv'],
  [/\.(tsv|tab)$/i, 'tsv'],
  [/\.(parquet|pq)$/i, 'parquet'],
  [/\.json$/i, 'json'],
  [/\.(ndjson|jsonl)$/i, 'ndjson'],
];

/** The format a path's extension names (compression suffixes ignored), or null. */
export function formatOf(path: string): FileFormat | null {
  const bare = path.replace(/\.(gz|gzip|zst)$/i, '');
  return EXTENSIONS.find(([re]) => re.test(bare))?.[1] ?? null;
}

/** A DuckDB database file, by its extension. */
export const isDuckDBFile = (path: string): boolean => /\.(duckdb|ddb|db)$/i.test(path);

const isRemote = (p: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(p);
const hasGlob = (p: string) => /[*?[]/.test(p);

export async function openInput(conn: DuckDBConnection, spec: InputSpec, name = 'assay_input'): Promise<OpenedInput> {
  const d = conn.dialect;
  let opened: OpenedInput | undefined;
  // A DuckDB file beside paths is attached too, so a query can join files and tables.
  const alone = !spec.paths?.length;
  const db = spec.duckdbFile ? await openDuckDBFile(conn, spec.duckdbFile, alone ? spec.table : undefined, alone && !spec.sql) : undefined;
  if (spec.paths?.length) opened = await openFiles(conn, spec, name);
  else if (db) opened = db;
  else if (spec.table)
    opened = {
      relation: spec.table
        .split('.')
        .map((p) => d.ident(p))
        .join('.'),
      description: spec.table,
      files: [],
    };
  if (!spec.sql) {
    if (!opened) throw new AssayError('no input: give paths, a DuckDB file, a table or a SQL query');
    return opened;
  }

  // The query's own view: `<name>_sql` when this spec also opened files as `<name>`, so the
  // query can say FROM assay_input; otherwise `name` itself.
  const sql = spec.sql.trim().replace(/;+\s*$/, '');
  if ((await conn.raw.extractStatements(sql)).count !== 1) throw new AssayError('the SQL query must be exactly one SELECT statement');
  if (spec.duckdbFile) {
    // Let the query name the file's tables unqualified (temp views still resolve first).
    const [{ db } = {}] = await conn.query('SELECT current_database() AS db');
    await conn.exec(`SET search_path = ${d.literal(`${d.ident(String(db))}.main,${ATTACHED}.main`)}`);
  }
  const view = spec.paths?.length ? `${name}_sql` : name;
  try {
    await conn.exec(`CREATE OR REPLACE TEMP VIEW ${d.ident(view)} AS ${sql}`);
  } catch (err) {
    throw classifyDataError(err, opened) ?? new AssayError(`the SQL query cannot be run: ${oneLine(err)}`, { cause: err });
  }
  const over = opened ? ` over ${opened.description}` : '';
  return { relation: d.ident(view), description: `SQL query${over}`, files: opened?.files ?? [], format: 'sql' };
}

async function openFiles(conn: DuckDBConnection, spec: InputSpec, name: string): Promise<OpenedInput> {
  const d = conn.dialect;
  const paths = spec.paths!;
  const files = await expand(conn, paths);
  let format = spec.format && spec.format !== 'auto' ? spec.format : undefined;
  if (!format) {
    const found = new Set(paths.map((p) => formatOf(p)));
    if (found.has(null))
      throw new AssayError(`cannot tell the format of ${paths.find((p) => !formatOf(p))} from its extension; give the format`);
    if (found.size > 1) throw new AssayError(`the paths mix formats (${[...found].join(', ')}); open them separately or give one format`);
    format = [...found][0]!;
  }

  // Text formats must be text: DuckDB reads random binary as a CSV of zero rows.
  if (format !== 'parquet') for (const f of files) if (!isRemote(f)) refuseBinary(f);
  const list = `[${files.map((f) => d.literal(f)).join(', ')}]`;
  // union_by_name: several files become one relation even if their columns differ in order.
  const union = files.length > 1 ? ', union_by_name = true' : '';
  const csv = format === 'csv' || format === 'tsv' ? csvOptions(format, spec.csv ?? {}) : undefined;
  const reader =
    format === 'parquet'
      ? `read_parquet(${list}${union})`
      : format === 'json' || format === 'ndjson'
        ? // A .json file may hold an array or one record per line; DuckDB's 'auto' tells them apart.
          `read_json(${list}, format = ${d.literal(format === 'ndjson' ? 'newline_delimited' : 'auto')}${union})`
        : `read_csv(${list}, ${render(d, { ...csv, ...STRICT })}${union})`;

  const relation = d.ident(name);
  const opened: OpenedInput = {
    relation,
    description: `${paths.join(', ')} (${format}${files.length > 1 ? `, ${files.length} files` : ''})`,
    files,
    format,
  };
  const diagnose = (delim?: string) => diagnoseCsv(conn, files, { ...csv, ...(delim && { delim }) }, union);
  try {
    await conn.exec(`CREATE OR REPLACE TEMP VIEW ${relation} AS SELECT * FROM ${reader}`);
  } catch (err) {
    // A malformed row inside the sniffer's sample makes sniffing fail with no line number.
    if (csv && /Error when sniffing file/.test(String((err as Error)?.message))) {
      const found = (await diagnose()) ?? classifyDataError(err, opened);
      if (found) throw found;
      // Nothing to point at (a lone stray quote, say): the file DuckDB names, and its words.
      const file = /sniffing file "([^"]+)"/.exec(String((err as Error).message))?.[1] ?? files[0]!;
      throw new AssayDataError(`cannot read ${file} as ${format.toUpperCase()}: ${oneLine(err)}`, file, { cause: err });
    }
    throw classifyDataError(err, opened) ?? new AssayError(`cannot open ${opened.description}: ${oneLine(err)}`, { cause: err });
  }
  if (format === 'json' || format === 'ndjson') await refuseNonRecords(conn, relation, files, format);
  if (format === 'json' || format === 'ndjson') await jsonColumnsAsText(conn, relation, reader, opened);
  if (csv && csv.delim === undefined) {
    // When no delimiter fits every sampled row, the sniffer silently falls back to ONE column
    // named like "a,b,c". A column name holding a delimiter is the tell: find the bad row.
    const columns = await conn.columns(relation).catch((err) => Promise.reject(classifyDataError(err, opened) ?? err));
    const delim = columns.map((c) => /[,;|\t]/.exec(c.name)?.[0]).find(Boolean);
    const bad = delim ? await diagnose(delim) : null;
    if (bad) throw bad;
  }
  return opened;
}

/**
 * A JSON column whose values mix kinds (strings and numbers) is typed JSON by DuckDB, and its
 * values read back as JSON text: "abc" with its quotes. Great Expectations (pandas) sees each
 * value as itself, so such a column is read as text: strings without quotes, numbers in their
 * JSON spelling, JSON null as null.
 */
async function jsonColumnsAsText(conn: DuckDBConnection, relation: string, reader: string, opened: OpenedInput): Promise<void> {
  const d = conn.dialect;
  const columns = await conn.columns(relation).catch((err) => Promise.reject(classifyDataError(err, opened) ?? err));
  const json = columns.filter((c) => c.type === 'JSON');
  if (!json.length) return;
  const replace = json.map((c) => `json_extract_string(${d.ident(c.name)}, '$') AS ${d.ident(c.name)}`).join(', ');
  await conn.exec(`CREATE OR REPLACE TEMP VIEW ${relation} AS SELECT * REPLACE (${replace}) FROM ${reader}`);
}

/** A NUL byte in the first 8 KB of an uncompressed text file: it is binary, not CSV or JSON. */
function refuseBinary(file: string): void {
  if (/\.(gz|gzip|zst)$/i.test(file)) return;
  const head = Buffer.alloc(8192);
  let n: number;
  try {
    const fd = openSync(file, 'r');
    try {
      n = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return; // DuckDB says why it cannot read the file
  }
  const at = head.subarray(0, n).indexOf(0);
  if (at >= 0)
    throw new AssayDataError(
      `cannot read ${file}: it is binary, not text (a NUL byte at byte ${at + 1}); give the file you meant, or its format if it is Parquet`,
      file,
    );
}

/** json_type's answer in JSON's words. */
const jsonKind = (t: string) =>
  t === 'ARRAY' ? 'array' : t === 'VARCHAR' ? 'string' : t === 'BOOLEAN' ? 'boolean' : t === 'NULL' ? 'null' : 'number';

/**
 * Every JSON record must be an object (a row). DuckDB reads a bare scalar, or lines mixing
 * arrays and strings, as one column named "json": the tell that sends us looking for the first
 * value that is not an object.
 */
async function refuseNonRecords(conn: DuckDBConnection, relation: Sql, files: string[], format: 'json' | 'ndjson'): Promise<void> {
  const d = conn.dialect;
  const columns = await conn.columns(relation).catch(() => null);
  if (!(columns?.length === 1 && columns[0]!.name === 'json')) return;
  const [bad] = await conn.query(
    `SELECT filename, n, json_type(json) AS t FROM (
       SELECT *, row_number() OVER () AS n
       FROM read_json_objects([${d.list(files)}], format = ${d.literal(format === 'ndjson' ? 'newline_delimited' : 'auto')}, filename = true))
     WHERE json_type(json) <> 'OBJECT' LIMIT 1`,
  );
  if (bad)
    throw new AssayDataError(
      `cannot read ${bad.filename}, record ${bad.n}: a JSON ${jsonKind(String(bad.t))} where a record (an object) should be; each record must be a JSON object`,
      String(bad.filename),
    );
}

/** The files each path or glob names, in order; a missing file or an empty match is an error. */
async function expand(conn: DuckDBConnection, paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    if (isRemote(p)) {
      files.push(p); // globbing remote stores needs extensions and credentials; let DuckDB do it
      continue;
    }
    const matched = hasGlob(p)
      ? (await conn.query(`SELECT file FROM glob(${conn.dialect.literal(p)}) ORDER BY file`)).map((r) => String(r.file))
      : [p];
    if (matched.length === 0) throw new AssayDataError(`no file matches ${p}`, p);
    for (const f of matched) {
      let st;
      try {
        st = statSync(f);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new AssayDataError(code === 'ENOENT' ? `file not found: ${f}` : `cannot read ${f}: ${(err as Error).message}`, f, {
          cause: err,
        });
      }
      if (st.isDirectory()) throw new AssayDataError(`${f} is a directory; give a glob such as ${f.replace(/\/$/, '')}/*.csv`, f);
      // A FIFO or device has no size and may never end: Assay reads files.
      if (!st.isFile())
        throw new AssayDataError(
          `cannot read ${f}: it is ${st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : 'a device'}, not a file; write the data to a file first`,
          f,
        );
      // DuckDB reads a 0-byte CSV as a table with no columns, and its sniffer errors are confusing.
      if (st.size === 0) throw new AssayDataError(`cannot read ${f}: file is empty`, f);
      if (!files.includes(f)) files.push(f);
    }
  }
  return files;
}

type CsvReadOptions = Record<string, unknown>;
// A row with too many or too few fields must be an error naming its line, never skipped or padded.
const STRICT: CsvReadOptions = { strict_mode: true, null_padding: false, ignore_errors: false };

/** read_csv options from ours; what is not given is left to DuckDB's sniffer, except quote and skip. */
function csvOptions(format: 'csv' | 'tsv', o: CsvOptions): CsvReadOptions {
  const opts: CsvReadOptions = {};
  const delim = o.delimiter ?? (format === 'tsv' ? '\t' : undefined);
  if (delim !== undefined) opts.delim = delim;
  if (o.header !== undefined) opts.header = o.header;
  // RFC 4180's quote, unless told otherwise: when the sniffer's sample holds no quoted field it
  // picks "no quote", and a quoted comma further down then fails as a row with too many fields.
  // TSV usually has no quoting, so there the sniffer decides.
  const quote = o.quote ?? (format === 'csv' ? '"' : undefined);
  if (quote !== undefined) opts.quote = quote;
  if (o.escape !== undefined) opts.escape = o.escape;
  if (o.nullStrings?.length) opts.nullstr = o.nullStrings;
  if (o.columnTypes && Object.keys(o.columnTypes).length) opts.types = o.columnTypes;
  // Left to guess, the sniffer treats leading rows that disagree with a malformed LAST row as a
  // preamble and skips them: rows vanish without an error.
  opts.skip = o.skip ?? 0;
  return opts;
}

/** `key = value` pairs, every value rendered by the dialect (lists and maps included). */
function render(d: Dialect, opts: CsvReadOptions): Sql {
  const value = (v: unknown): Sql =>
    Array.isArray(v)
      ? `[${d.list(v)}]`
      : typeof v === 'object' && v !== null
        ? `{${Object.entries(v)
            .map(([k, t]) => `${d.literal(k)}: ${d.literal(t)}`)
            .join(', ')}}`
        : d.literal(v);
  return Object.entries(opts)
    .map(([k, v]) => `${k} = ${value(v)}`)
    .join(', ');
}

/**
 * Names the first malformed row after sniffing went wrong (so its full reads cost nothing on
 * good data). DuckDB's sniffer cannot get past an unclosed quote, so we look for one first;
 * then re-read tolerantly, letting DuckDB store the rows it rejects.
 */
async function diagnoseCsv(conn: DuckDBConnection, files: string[], csv: CsvReadOptions, union: Sql): Promise<AssayDataError | null> {
  const { delim, quote, escape } = csv as Record<string, string | undefined>;
  for (const f of delim && quote ? files : []) {
    const unclosed = unclosedQuoteError(f, delim!, quote!, escape);
    if (unclosed) return unclosed;
  }
  const d = conn.dialect;
  const drop = 'DROP TABLE IF EXISTS assay_rejects; DROP TABLE IF EXISTS assay_reject_scans';
  try {
    await conn.exec(drop);
    const options = render(d, {
      ...csv,
      strict_mode: true,
      store_rejects: true,
      rejects_table: 'assay_rejects',
      rejects_scan: 'assay_reject_scans',
    });
    await conn.exec(`SELECT count(*) FROM read_csv([${d.list(files)}], ${options}${union})`);
    const [row] = await conn.query(
      `SELECT s.file_path, s.delimiter, s.quote, s.escape, e.line, e.csv_line, e.error_message
       FROM assay_rejects e JOIN assay_reject_scans s USING (scan_id, file_id) ORDER BY e.file_id, e.line LIMIT 1`,
    );
    return row ? csvRejectError(row) : null;
  } catch {
    return null; // the tolerant read failed too: the caller reports the original error
  } finally {
    await conn.exec(drop).catch(() => {});
  }
}

async function openDuckDBFile(conn: DuckDBConnection, file: string, table: string | undefined, needTable: boolean): Promise<OpenedInput> {
  const d = conn.dialect;
  let st;
  try {
    st = statSync(file);
  } catch (err) {
    throw new AssayDataError(`file not found: ${file}`, file, { cause: err });
  }
  if (st.size === 0) throw new AssayDataError(`cannot read ${file}: file is empty`, file);
  const [attached] = await conn.query(`SELECT path FROM duckdb_databases() WHERE database_name = ${d.literal(ATTACHED)}`);
  if (attached && resolve(String(attached.path)) !== resolve(file)) {
    throw new AssayDataError(`cannot attach ${file}: ${attached.path} is already attached as ${ATTACHED}`, file);
  }
  if (!attached) {
    try {
      await conn.exec(`ATTACH ${d.literal(file)} AS ${d.ident(ATTACHED)} (READ_ONLY)`);
    } catch (err) {
      throw new AssayDataError(`cannot open ${file} as a DuckDB database: ${oneLine(err)}`, file, { cause: err });
    }
  }
  const tables = (
    await conn.query(
      `SELECT schema_name AS s, table_name AS t FROM duckdb_tables() WHERE database_name = ${d.literal(ATTACHED)}
       UNION ALL SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = ${d.literal(ATTACHED)} AND NOT internal
       ORDER BY 1, 2`,
    )
  ).map((r) => [String(r.s), String(r.t)] as const);
  const listing = tables.map(([s, t]) => `${s}.${t}`).join(', ') || '(no tables)';
  if (!table && needTable) throw new AssayError(`name a table of ${file}, or give a SQL query; it has: ${listing}`);
  if (!table) return { relation: d.ident(ATTACHED), description: `${file} (duckdb)`, files: [file], format: 'duckdb' };
  // `orders` means main.orders; names match case-insensitively, as in DuckDB.
  const [schema, name] = table.includes('.') ? table.split(/\.(.*)/s) : ['main', table];
  const found = tables.find(([s, t]) => s.toLowerCase() === schema!.toLowerCase() && t.toLowerCase() === name!.toLowerCase());
  if (!found) throw new AssayDataError(`table ${table} not found in ${file}; it has: ${listing}`, file);
  return {
    relation: [ATTACHED, ...found].map((p) => d.ident(p)).join('.'),
    description: `${file}: ${table} (duckdb)`,
    files: [file],
    format: 'duckdb',
  };
}
