import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import { classifyDataError, openInput, type InputSpec, type OpenedInput } from '../../src/engine/sources.js';
import { AssayDataError } from '../../src/errors.js';

let dir: string;
let conn: DuckDBConnection;
const f = (name: string) => path.join(dir, name);
const write = (name: string, content: string | Buffer) => (writeFileSync(f(name), content), f(name));
const rows = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'assay-sources-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  conn = await DuckDBConnection.open();
});
afterEach(async () => {
  await conn.close();
});

async function open(spec: InputSpec, name?: string) {
  const input = await openInput(conn, spec, name);
  return { input, rows: await conn.query(`SELECT * FROM ${input.relation}`) };
}

/** Runs a query over the input and returns the classified error it throws. */
async function scanError(input: OpenedInput, sql: string): Promise<AssayDataError> {
  try {
    await conn.query(sql);
  } catch (err) {
    const classified = classifyDataError(err, input);
    expect(classified, String(err)).toBeInstanceOf(AssayDataError);
    return classified!;
  }
  throw new Error(`expected ${sql} to fail`);
}

async function minOfAll(input: OpenedInput) {
  const cols = await conn.columns(input.relation);
  return `SELECT ${cols.map((c) => `min(${conn.dialect.ident(c.name)})`).join(', ')} FROM ${input.relation}`;
}

async function openError(spec: InputSpec): Promise<Error> {
  const err = await openInput(conn, spec).then(
    () => null,
    (e: Error) => e,
  );
  expect(err).not.toBeNull();
  return err!;
}

describe('formats', () => {
  it('reads CSV with quoted delimiters and newlines through the sniffer', async () => {
    const file = write('orders.csv', 'id,note,amount\n1,"a, b",2.5\n2,"two\nlines",3\n');
    const { input, rows } = await open({ paths: [file] });
    expect(input).toMatchObject({ relation: '"assay_input"', description: `${file} (csv)`, files: [file], format: 'csv' });
    expect(rows).toEqual([
      { id: 1, note: 'a, b', amount: 2.5 },
      { id: 2, note: 'two\nlines', amount: 3 },
    ]);
  });

  it('reads TSV, gzip CSV, JSON arrays, NDJSON, JSONL and gzip JSON', async () => {
    const cases: [string, string | Buffer][] = [
      ['t.tsv', 'a\tb\n1\tx\n'],
      ['g.csv.gz', gzipSync('a,b\n1,x\n')],
      ['arr.json', '[{"a": 1, "b": "x"}]'],
      ['arr.json.gz', gzipSync('[{"a": 1, "b": "x"}]')],
      ['lines.json', '{"a": 1, "b": "x"}\n'],
      ['l.ndjson', '{"a": 1, "b": "x"}\n'],
      ['l.jsonl', '{"a": 1, "b": "x"}\n'],
      ['l.ndjson.gz', gzipSync('{"a": 1, "b": "x"}\n')],
    ];
    for (const [name, content] of cases) {
      const { rows } = await open({ paths: [write(name, content)] });
      expect(rows, name).toEqual([{ a: 1, b: 'x' }]);
    }
  });

  it('reads Parquet', async () => {
    const file = f('p.parquet');
    await conn.exec(`COPY (SELECT range AS a, 'x' || range AS b FROM range(3)) TO ${conn.dialect.literal(file)} (FORMAT parquet)`);
    const { input, rows } = await open({ paths: [file] });
    expect(input.description).toBe(`${file} (parquet)`);
    expect(rows).toEqual([
      { a: 0, b: 'x0' },
      { a: 1, b: 'x1' },
      { a: 2, b: 'x2' },
    ]);
  });

  it('unions globs and several paths by column name', async () => {
    write('part-1.csv', 'a,b\n1,x\n');
    write('part-2.csv', 'b,a,c\ny,2,true\n');
    const { input, rows } = await open({ paths: [f('part-*.csv')] });
    expect(input.files).toEqual([f('part-1.csv'), f('part-2.csv')]);
    expect(input.description).toContain('(csv, 2 files)');
    expect(rows).toEqual([
      { a: 1, b: 'x', c: null },
      { a: 2, b: 'y', c: true },
    ]);
    const both = await open({ paths: [f('part-2.csv'), f('part-1.csv')] });
    expect(both.input.files).toEqual([f('part-2.csv'), f('part-1.csv')]);
  });

  it('takes the format from the spec when given, and refuses mixed or unknown extensions', async () => {
    const file = write('data.txt', 'a|b\n1|2\n');
    expect((await open({ paths: [file], format: 'csv' })).rows).toEqual([{ a: 1, b: 2 }]);
    expect((await openError({ paths: [file] })).message).toMatch(/cannot tell the format of .*data\.txt/);
    expect((await openError({ paths: [write('m.csv', 'a\n1\n'), write('m.json', '[]')] })).message).toMatch(/mix formats/);
  });
});

describe('CSV options', () => {
  it('honours delimiter, header, quote, escape, null strings and column types', async () => {
    const file = write('opts.csv', "1;'x;\\'y';NA\n2;-;007\n");
    const { rows } = await open({
      paths: [file],
      csv: { delimiter: ';', header: false, quote: "'", escape: '\\', nullStrings: ['NA', '-'], columnTypes: { column2: 'VARCHAR' } },
    });
    expect(rows).toEqual([
      { column0: 1, column1: "x;'y", column2: null },
      { column0: 2, column1: null, column2: '007' },
    ]);
  });

  it('reports an unknown column type as a configuration error, not a data error', async () => {
    const err = await openError({ paths: [write('t.csv', 'a\n1\n')], csv: { columnTypes: { a: 'NOTATYPE' } } });
    expect(err).not.toBeInstanceOf(AssayDataError);
    expect(err.message).toMatch(/NOTATYPE/);
  });
});

describe('malformed input', () => {
  const header = 'id,name,amount';
  const good = (i: number) => `${i},"n, ${i}",${i * 2}`;

  it('names file and line of a row with too many fields inside the sniffer sample', async () => {
    // The sniffer would silently read this as ONE column "id,name,amount"; we refuse instead.
    const file = write('small-bad.csv', `${header}\n1,a,2\n2,"multi\nline",3\n3,b,4,5\n4,c,6\n`);
    const err = await openError({ paths: [file] });
    expect(err).toBeInstanceOf(AssayDataError);
    expect(err.message).toBe(`cannot read ${file}, line 5: Expected Number of Columns: 3 Found: 4 (row: 3,b,4,5)`);
  });

  it('names file and line of a short row when the delimiter is given', async () => {
    const file = write('small-short.csv', `${header}\n1,a,2\n2,b\n`);
    const err = await openError({ paths: [file], csv: { delimiter: ',' } });
    expect(err.message).toBe(`cannot read ${file}, line 3: Expected Number of Columns: 3 Found: 2 (row: 2,b)`);
  });

  it('refuses a malformed last row instead of letting the sniffer skip the rows above it', async () => {
    // Left alone, DuckDB's sniffer reads this as ONE row (skip=2, no header): 3,4,5.
    const file = write('last-bad.csv', 'a,b\n1,2\n3,4,5\n');
    expect((await openError({ paths: [file] })).message).toBe(
      `cannot read ${file}, line 3: Expected Number of Columns: 2 Found: 3 (row: 3,4,5)`,
    );
    const tsv = write('last-bad.tsv', 'a\tb\n1\t2\n3\t4\t5\n');
    expect((await openError({ paths: [tsv] })).message).toMatch(
      new RegExp(`^cannot read ${tsv}, line 3: Expected Number of Columns: 2 Found: 3`),
    );
    // A real preamble is skipped when asked to.
    const pre = write('preamble.csv', 'exported by a tool\n\na,b\n1,2\n');
    expect((await open({ paths: [pre], csv: { skip: 2 } })).rows).toEqual([{ a: 1, b: 2 }]);
  });

  it('names the line of an unclosed quote, which the sniffer cannot get past', async () => {
    const file = write('unclosed.csv', 'a,b,c\n1,"q,q",2\n7,"8,9\n1,2,3\n');
    expect((await openError({ paths: [file] })).message).toBe(`cannot read ${file}, line 3: Value with unterminated quote found.`);
  });

  it('reads a quoted delimiter that first appears after the sniffer sample', async () => {
    const file = write('late-quote.csv', `a,b,c\n${rows(25_000, (i) => `${i},x,${i}`)}\n7,"8,5",9\n`);
    const input = await openInput(conn, { paths: [file] });
    expect(await conn.query(`SELECT b FROM ${input.relation} WHERE a = 7 AND c = 9`)).toEqual([{ b: '8,5' }]);
  });

  it('names file and physical line when the bad row is only found by the scan', async () => {
    // 30k rows push the bad one past the 20480-row sample; quoted newlines make records != lines.
    const body = rows(30_000, (i) => (i % 1000 === 0 ? `${i},"two\nlines",1` : good(i)));
    for (const [name, bad, reason] of [
      ['late-many.csv', '7,x,8,9', 'Expected Number of Columns: 3 Found: 4'],
      ['late-few.csv', '7,x', 'Expected Number of Columns: 3 Found: 2'],
    ] as const) {
      const file = write(name, `${header}\n${body}\n${bad}\n${good(1)}\n`);
      const physical = 1 + 30_000 + 30 + 1;
      const input = await openInput(conn, { paths: [file] });
      for (const sql of [`SELECT count(*) FROM ${input.relation}`, await minOfAll(input)]) {
        const err = await scanError(input, sql);
        expect(err.message).toBe(`cannot read ${file}, line ${physical}: ${reason} (row: ${bad})`);
        expect(err.path).toBe(file);
      }
    }
  });

  it('names the line of a value that does not fit the guessed type, in a gzip file of a glob', async () => {
    write('typed-1.csv.gz', gzipSync(`a,b\n1,x\n`));
    const file = write('typed-2.csv.gz', gzipSync(`a,b\n${rows(25_000, (i) => `${i},x`)}\noops,y\n`));
    const input = await openInput(conn, { paths: [f('typed-*.csv.gz')] });
    const err = await scanError(input, await minOfAll(input));
    expect(err.message).toMatch(
      new RegExp(
        `^cannot read ${file}, line 25002: Error when converting column "a"\\. Could not convert string "oops" to 'BIGINT' \\(the type was guessed`,
      ),
    );
  });

  it('names file and line of malformed NDJSON and JSON arrays', async () => {
    const nd = write('bad.ndjson', '{"a": 1}\n\n{"a": 2}\n{"a": }\n{"a": 4}\n');
    expect((await openError({ paths: [nd] })).message).toBe(`cannot read ${nd}, line 4: malformed JSON: unexpected character`);
    const arr = write('bad.json', '[\n  {"a": 1},\n  {"a": 2,\n   "b": }\n]');
    expect((await openError({ paths: [arr] })).message).toBe(`cannot read ${arr}, line 4: malformed JSON: unexpected character`);
    // Past the sample, the error comes from the scan.
    const late = write('late.ndjson', `${rows(30_000, (i) => `{"a": ${i}}`)}\n{"a": 1,,}\n`);
    const input = await openInput(conn, { paths: [late] });
    const err = await scanError(input, `SELECT count(*) FROM ${input.relation}`);
    expect(err.message).toBe(`cannot read ${late}, line 30001: malformed JSON: unexpected character`);
  });

  it('names a corrupt Parquet file', async () => {
    const file = write('bad.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 7), Buffer.from('PAR1')]));
    const err = await openError({ paths: [file] });
    expect(err).toBeInstanceOf(AssayDataError);
    expect(err.message).toMatch(new RegExp(`^cannot read ${file}: `));
  });

  it('refuses an empty file clearly, but reads a header-only CSV as an empty table', async () => {
    const empty = write('empty.csv', '');
    const err = await openError({ paths: [empty] });
    expect(err).toBeInstanceOf(AssayDataError);
    expect(err.message).toBe(`cannot read ${empty}: file is empty`);
    const { input, rows } = await open({ paths: [write('header-only.csv', 'a,b,c\n')] });
    expect(rows).toEqual([]);
    expect((await conn.columns(input.relation)).map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });

  it('names a missing file and a glob matching nothing', async () => {
    const missing = f('nope.csv');
    const err = await openError({ paths: [missing] });
    expect(err).toBeInstanceOf(AssayDataError);
    expect(err.message).toBe(`file not found: ${missing}`);
    expect((await openError({ paths: [f('nothing-*.csv')] })).message).toBe(`no file matches ${f('nothing-*.csv')}`);
  });

  it('reads a path containing a single quote', async () => {
    const file = write("it's here.csv", 'a\n1\n');
    expect((await open({ paths: [file] })).rows).toEqual([{ a: 1 }]);
    const bad = write("it's bad.csv", 'a,b\n1,2\n3\n');
    expect((await openError({ paths: [bad] })).message).toBe(`cannot read ${bad}, line 3: Expected Number of Columns: 2 Found: 1 (row: 3)`);
  });

  it('leaves errors that are not about reading input alone', async () => {
    const input = await openInput(conn, { paths: [write('ok.csv', 'a,b\nx,1\n')] });
    for (const sql of [
      `SELECT count(*) FILTER (WHERE regexp_matches(a, '(')) FROM ${input.relation}`,
      `SELECT CAST(a AS INTEGER) FROM ${input.relation}`,
    ]) {
      const err = await conn.query(sql).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeTruthy();
      expect(classifyDataError(err, input)).toBeNull();
    }
  });
});

describe('SQL and DuckDB files', () => {
  it('runs --sql over the opened files', async () => {
    const file = write('q.csv', 'a,b\n1,x\n2,y\n3,z\n');
    const { input, rows } = await open({ paths: [file], sql: 'SELECT a * 10 AS a10 FROM assay_input WHERE a > 1;' });
    expect(input.relation).toBe('"assay_input_sql"');
    expect(input.description).toBe(`SQL query over ${file} (csv)`);
    expect(input.files).toEqual([file]);
    expect(rows).toEqual([{ a10: 20 }, { a10: 30 }]);
    // A query-only spec names its own view and may refer to earlier ones.
    const named = await open({ sql: 'SELECT count(*) AS n FROM assay_input' }, 'counted');
    expect(named.input.relation).toBe('"counted"');
    expect(named.rows).toEqual([{ n: 3 }]);
    await expect(openInput(conn, { sql: 'SELECT 1; DROP VIEW assay_input' }, 'x')).rejects.toThrow(/exactly one/);
    await expect(openInput(conn, { sql: 'SELECT nope FROM assay_input' }, 'y')).rejects.toThrow(
      /the SQL query cannot be run: Binder Error/,
    );
  });

  it('opens a table of a DuckDB file read-only, and queries its tables', async () => {
    const db = f('warehouse.duckdb');
    const maker = await DuckDBConnection.open(db);
    await maker.exec(`CREATE TABLE orders AS SELECT range AS id FROM range(3); CREATE SCHEMA s; CREATE TABLE s."It's" AS SELECT 7 AS x`);
    await maker.close();

    const { input, rows } = await open({ duckdbFile: db, table: 'orders' });
    expect(input).toMatchObject({ relation: '"src"."main"."orders"', description: `${db}: orders (duckdb)`, files: [db] });
    expect(rows).toHaveLength(3);
    expect((await open({ duckdbFile: db, table: "s.It's" })).rows).toEqual([{ x: 7 }]);
    await expect(conn.exec('CREATE TABLE src.main.x (a INT)')).rejects.toThrow(/read-only/);

    const err = await openError({ duckdbFile: db, table: 'missing' });
    expect(err).toBeInstanceOf(AssayDataError);
    expect(err.message).toBe(`table missing not found in ${db}; it has: main.orders, s.It's`);

    const q = await open({ duckdbFile: db, sql: 'SELECT max(id) AS m FROM orders' }, 'q');
    expect(q.rows).toEqual([{ m: 2 }]);
    expect((await openError({ duckdbFile: db })).message).toBe(`name a table of ${db}, or give a SQL query; it has: main.orders, s.It's`);
  });

  it('joins files with the tables of a DuckDB file, on a connection that is itself a file', async () => {
    const db = f('dims.duckdb');
    const maker = await DuckDBConnection.open(db);
    await maker.exec(`CREATE TABLE customers AS SELECT 1 AS id, 'Ada' AS name`);
    await maker.close();
    const own = await DuckDBConnection.open(f('own.duckdb'));
    try {
      const file = write('facts.csv', 'customer,amount\n1,5\n');
      const input = await openInput(own, {
        paths: [file],
        duckdbFile: db,
        sql: 'SELECT c.name, a.amount FROM assay_input a JOIN customers c ON c.id = a.customer',
      });
      expect(await own.query(`SELECT * FROM ${input.relation}`)).toEqual([{ name: 'Ada', amount: 5 }]);
      // Views are TEMP: nothing was written into the connection's own database file.
      expect(await own.query(`SELECT count(*) AS n FROM duckdb_views() WHERE NOT internal AND NOT temporary`)).toEqual([{ n: 0 }]);
    } finally {
      await own.close();
    }
  });

  it('names a DuckDB file that is missing or not a database', async () => {
    expect((await openError({ duckdbFile: f('none.duckdb'), table: 't' })).message).toBe(`file not found: ${f('none.duckdb')}`);
    const junk = write('junk.duckdb', 'not a database '.repeat(500));
    const err = await openError({ duckdbFile: junk, table: 't' });
    expect(err).toBeInstanceOf(AssayDataError);
    expect(err.message).toMatch(/^cannot open .*junk\.duckdb as a DuckDB database: IO Error: .*not a valid DuckDB database file/);
    expect(readFileSync(junk, 'utf8')).toMatch(/^not a database/);
  });
});
