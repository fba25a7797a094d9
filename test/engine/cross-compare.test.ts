// Keyed comparison across engines on real DuckDB and PostgreSQL data: the same 1,000 rows built
// in both engines, then rows deleted, added and changed on one side; each direction, a Parquet
// file against PostgreSQL, and proof that only keys and hashes leave PostgreSQL.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection, type ServerConnection } from '../../src/connections/index.js';
import type { DuckDBConnection } from '../../src/connections/duckdb.js';
import { crossCompare, type CompareSide } from '../../src/engine/cross-compare.js';
import { landRows } from '../../src/engine/land.js';
import { lockDown, SANDBOX_REFUSAL } from '../../src/connections/sandbox.js';
import { postgresUrl } from '../helpers/services.js';
import { COMPARED, DUCK, expectTheChanges, ROWS } from './cross-compare-cases.js';

const url = await postgresUrl(import.meta.url);

// The same values in PostgreSQL as ./cross-compare-cases.ts's DUCK, from the same formula.
const PG = `SELECT i AS id, 'name ' || i AS name, CAST((i * 7 % 1000) / 100.0 AS NUMERIC(12,2)) AS amount,
  CAST(i / 8.0 AS DOUBLE PRECISION) AS price, i % 3 = 0 AS ok, DATE '2024-01-01' + (i % 365) AS day,
  TIMESTAMP '2024-01-01' + (i * 61500) * INTERVAL '1 millisecond' AS at
  FROM generate_series(1, ${ROWS}) AS g(i)`;

describe.skipIf(!url)('keyed comparison across DuckDB and PostgreSQL', () => {
  let duck: DuckDBConnection;
  let pg: ServerConnection;
  let dir: string;
  const table = 'xc_target';
  const pgSide = (): CompareSide => ({ conn: pg, relation: `public.${table}` });
  const duckSide = (relation = 'source'): CompareSide => ({ conn: duck, relation, local: true });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'assay-xc-'));
    duck = await openConnection({ kind: 'duckdb' });
    await duck.exec(`CREATE TABLE source AS ${DUCK}`);
    await duck.exec(`COPY source TO '${path.join(dir, 'source.parquet')}' (FORMAT parquet)`);
    pg = await openConnection({ kind: 'postgres', url: url! });
    await pg.exec(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} AS ${PG}`);
  });
  afterAll(async () => {
    await pg?.exec(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    await pg?.close();
    await duck?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds nothing when both sides hold the same rows, every type hashed alike', async () => {
    const r = await crossCompare({ self: pgSide(), other: duckSide(), keys: ['id'], compared: COMPARED, scratch: duck });
    expect(r).toMatchObject({
      success: true,
      observed: { rows: ROWS, other_rows: ROWS, missing: 0, extra: 0, changed: 0, duplicate_keys: 0 },
    });
    expect(r.details).toEqual({ key: ['id'], compared_columns: COMPARED, changed_columns: {} });
  });

  it('an INTEGER key meets the same key as a DECIMAL on the other side (both by canonical text)', async () => {
    const decimalKey = `(SELECT CAST(id AS DECIMAL(12,0)) AS id, ${COMPARED.map((c) => duck.dialect.ident(c)).join(', ')} FROM source)`;
    const r = await crossCompare({ self: pgSide(), other: duckSide(decimalKey), keys: ['id'], compared: COMPARED, scratch: duck });
    expect(r).toMatchObject({ success: true, observed: { rows: ROWS, other_rows: ROWS, missing: 0, extra: 0, changed: 0 } });
  });

  it('another DuckDB database is another engine too: its keys and hashes stream over in batches', async () => {
    const other = await openConnection({ kind: 'duckdb' });
    try {
      await other.exec(`CREATE TABLE source AS ${DUCK}; DELETE FROM source WHERE id = 3`);
      const r = await crossCompare({
        self: duckSide(),
        other: { conn: other, relation: 'source' },
        keys: ['id'],
        compared: COMPARED,
        scratch: duck,
        batchRows: 256,
      });
      expect(r.observed).toMatchObject({ rows: ROWS, other_rows: ROWS - 1, missing: 0, extra: 1, changed: 0 });
      expect(r.details.samples).toEqual({ extra: [{ id: 3 }] });
      expect(r.moved.rows).toBe(ROWS - 1);
    } finally {
      await other.close();
    }
  });

  describe('with rows lost, added and changed in PostgreSQL', () => {
    beforeAll(async () => {
      await pg.exec(`DELETE FROM ${table} WHERE id IN (10, 11);
        INSERT INTO ${table} (id, name) VALUES (5000, 'new');
        UPDATE ${table} SET amount = amount + 0.01 WHERE id = 20;
        UPDATE ${table} SET name = 'renamed', price = price * 2 WHERE id = 30;
        UPDATE ${table} SET ok = NULL WHERE id = 40;
        UPDATE ${table} SET at = at + INTERVAL '1 microsecond' WHERE id = 50`);
    });

    it('PostgreSQL against DuckDB: missing, extra and changed rows, per column, with their keys', async () => {
      const r = await crossCompare({ self: pgSide(), other: duckSide(), keys: ['id'], compared: COMPARED, scratch: duck });
      expectTheChanges(r);
    });

    it('DuckDB against PostgreSQL: the same differences, seen from the other side', async () => {
      const r = await crossCompare({ self: duckSide(), other: pgSide(), keys: ['id'], compared: COMPARED, scratch: duck });
      expect(r.observed).toMatchObject({ rows: ROWS, other_rows: ROWS - 1, missing: 1, extra: 2, changed: 4 });
      expect(r.details.samples).toMatchObject({ missing: [{ id: 5000 }], extra: [{ id: 10 }, { id: 11 }] });
    });

    it('a Parquet file against PostgreSQL, read in place by DuckDB', async () => {
      const file = duck.dialect.literal(path.join(dir, 'source.parquet'));
      const r = await crossCompare({
        self: duckSide(`read_parquet(${file})`),
        other: pgSide(),
        keys: ['id'],
        compared: ['amount', 'price'],
        scratch: duck,
      });
      expect(r.observed).toMatchObject({ missing: 1, extra: 2, changed: 2 });
      expect(r.details.changed_columns).toEqual({ amount: 1, price: 1 });
    });

    it('two PostgreSQL sides meet in a fresh DuckDB; a row condition applies on each side', async () => {
      await pg.exec(`DROP TABLE IF EXISTS xc_source; CREATE TABLE xc_source AS ${PG}`);
      const scratch = await openConnection({ kind: 'duckdb' });
      try {
        const r = await crossCompare({
          self: { ...pgSide(), where: 'id < 35' },
          other: { conn: pg, relation: 'public.xc_source', where: 'id < 35' },
          keys: ['id'],
          compared: COMPARED,
          scratch,
        });
        expect(r.observed).toMatchObject({ rows: 32, other_rows: 34, missing: 2, extra: 0, changed: 2 });
        expect(r.moved.rows).toBe(66);
      } finally {
        await scratch.close();
        await pg.exec('DROP TABLE IF EXISTS xc_source');
      }
    });
  });

  // Two ways out of PostgreSQL: COPY TO STDOUT into a file DuckDB reads (the default), or a
  // cursor's batches appended (an engine without copyOut).
  it.each(['file', 'batches'] as const)('only keys and hashes leave PostgreSQL (%s)', async (way) => {
    const sent: string[] = [];
    let batches = 0;
    const files: string[][] = [];
    const folders: string[] = [];
    const counted: ServerConnection = Object.create(pg) as ServerConnection;
    if (way === 'file') {
      counted.copyOut = async (sql, file) => {
        const rows = await pg.copyOut!(sql, file);
        files.push(readFileSync(file, 'utf8').split('\n'));
        folders.push(path.dirname(file));
        return rows;
      };
    } else {
      counted.copyOut = undefined;
      counted.batches = async function* (sql, rows) {
        for await (const batch of pg.batches!(sql, rows)) {
          batches++;
          expect(batch.length).toBeLessThanOrEqual(rows);
          yield batch;
        }
      };
    }
    const r = await crossCompare({
      self: { conn: counted, relation: `public.${table}` },
      other: duckSide(),
      keys: ['id'],
      compared: COMPARED,
      scratch: duck,
      batchRows: 100,
      onQuery: (sql, side) => side === 'self' && sql.startsWith('SELECT') && sent.push(sql),
    });
    if (way === 'batches') expect(batches).toBe(10);
    else {
      // One file, every line a quoted key and six quoted 16-hex-digit hashes (or an empty null).
      expect(files).toHaveLength(1);
      const lines = files[0]!;
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(r.moved.rows);
      for (const line of lines) expect(line).toMatch(/^"\d+"(,("[0-9a-f]{16}")?){6}$/);
      // The file and its folder are gone once DuckDB has read it.
      expect(existsSync(folders[0]!)).toBe(false);
    }
    // One statement read the table, and every compared column appears in it only inside md5();
    // a second read the values of the sampled changed rows' changed columns (not day), by key.
    expect(sent).toHaveLength(2);
    const changedColumns = COMPARED.filter((c) => c !== 'day');
    expect(sent[1]).toBe(
      `SELECT CAST("id" AS TEXT) AS k0, ${changedColumns.map((c, i) => `"${c}" AS v${i}`).join(', ')} FROM public.${table} ` +
        `WHERE (("id" = 20) OR ("id" = 30) OR ("id" = 40) OR ("id" = 50))`,
    );
    let rest = sent[0]!;
    for (;;) {
      const at = rest.indexOf('substr(md5(');
      if (at < 0) break;
      let depth = 0;
      let end = at + 'substr('.length;
      for (; end < rest.length; end++) {
        if (rest[end] === '(') depth++;
        else if (rest[end] === ')' && depth-- === 0) break;
      }
      rest = rest.slice(0, at) + 'HASH' + rest.slice(end + 1);
    }
    expect(rest).toBe(`SELECT CAST("id" AS TEXT) AS k0, ${COMPARED.map((_, i) => `HASH AS h${i}`).join(', ')} FROM public.${table}`);
    // What crossed is exactly the keys' digits and 16 hex digits per non-null value.
    const [expected] = await pg.query(
      `SELECT sum(length(id::text)) + 16 * (${COMPARED.map((c) => `count(${c})`).join(' + ')}) AS bytes, count(*) AS n FROM ${table}`,
    );
    expect(r.moved).toEqual({
      rows: Number(expected!.n),
      bytes: Number(expected!.bytes),
      columns: ['k0', ...COMPARED.map((_, i) => `h${i}`)],
    });
  });

  it('a locked-down DuckDB reads the landed file only from the folder it admitted before its lockdown', async () => {
    const scratch = (await openConnection({ kind: 'duckdb' })) as DuckDBConnection;
    const parquet = path.join(dir, 'source.parquet');
    try {
      await lockDown(scratch, [parquet]);
      const landing = scratch.landing!;
      let file = '';
      const watched: ServerConnection = Object.create(pg) as ServerConnection;
      watched.copyOut = (sql, f) => ((file = f), pg.copyOut!(sql, f));
      const r = await crossCompare({
        self: { conn: scratch, relation: `read_parquet(${scratch.dialect.literal(parquet)})`, local: true },
        other: { conn: watched, relation: `public.${table}` },
        keys: ['id'],
        compared: ['price'],
        scratch,
      });
      expect(r.observed).toMatchObject({ rows: ROWS, missing: 1, extra: 2, changed: 1 });
      expect(path.dirname(file)).toBe(landing);
      expect(existsSync(landing)).toBe(false);
      // The sandbox holds: nothing else is readable, and the landing folder is not made now.
      await expect(scratch.query(`SELECT * FROM read_csv(${scratch.dialect.literal(path.join(dir, 'x.csv'))})`)).rejects.toThrow(
        SANDBOX_REFUSAL,
      );
      // A landing folder someone else made is refused, not used.
      mkdirSync(landing);
      await expect(
        crossCompare({
          self: { conn: scratch, relation: 'range(3) AS r(id)', local: true },
          other: pgSide(),
          keys: ['id'],
          compared: [],
          scratch,
        }),
      ).rejects.toThrow(/EEXIST/);
      rmSync(landing, { recursive: true });
    } finally {
      await scratch.close();
    }
  });

  it('a DuckDB that reads no file at all takes the batches', async () => {
    const scratch = (await openConnection({ kind: 'duckdb' })) as DuckDBConnection;
    try {
      await scratch.exec(`CREATE TABLE source AS ${DUCK}; SET enable_external_access = false`);
      const r = await crossCompare({
        self: { conn: scratch, relation: 'source', local: true },
        other: pgSide(),
        keys: ['id'],
        compared: COMPARED,
        scratch,
      });
      expect(r.observed).toMatchObject({ rows: ROWS, other_rows: ROWS - 1, missing: 1, extra: 2, changed: 4 });
      expect(r.moved.rows).toBe(ROWS - 1);
    } finally {
      await scratch.close();
    }
  });

  it('keys of any text cross intact: commas, quotes, line breaks, an empty text apart from NULL', async () => {
    const keys = ['a,b', 'say "hi"', 'two\nlines', '', 'ünïcode ✓', ' padded '];
    const values = (d: string) =>
      keys.map((k, i) => `(${pg.dialect.literal(k)}, ${i === 1 ? 'NULL' : d === 'pg' && i === 2 ? "''" : pg.dialect.literal(`v${i}`)})`);
    await pg.exec(
      `DROP TABLE IF EXISTS xc_text; CREATE TABLE xc_text (k TEXT, v TEXT); INSERT INTO xc_text VALUES ${values('pg').join(', ')}`,
    );
    await duck.exec(`CREATE OR REPLACE TABLE xc_text (k VARCHAR, v VARCHAR); INSERT INTO xc_text VALUES ${values('duck').join(', ')}`);
    try {
      const r = await crossCompare({
        self: { conn: pg, relation: 'public.xc_text' },
        other: { conn: duck, relation: 'xc_text', local: true },
        keys: ['k'],
        compared: ['v'],
        scratch: duck,
      });
      // Only the row whose value is '' in PostgreSQL and 'v2' in DuckDB differs.
      expect(r.observed).toMatchObject({ rows: keys.length, other_rows: keys.length, missing: 0, extra: 0, changed: 1 });
      expect(r.details.samples).toEqual({ changed: [{ key: { k: 'two\nlines' }, columns: { v: { self: '', other: 'v2' } } }] });
    } finally {
      await pg.exec('DROP TABLE IF EXISTS xc_text');
      await duck.exec('DROP TABLE IF EXISTS xc_text');
    }
  });

  it('a reduction that fails half-way: its error, no table or file left, the connection usable', async () => {
    let file = '';
    const watched: ServerConnection = Object.create(pg) as ServerConnection;
    watched.copyOut = (sql, f) => ((file = f), pg.copyOut!(sql, f));
    const moved = { rows: 0, bytes: 0, columns: ['k0'] };
    await expect(
      landRows(duck, watched, 'SELECT CAST(1 / (g - 50000) AS TEXT) AS k0 FROM generate_series(1, 100000) AS g', ['k0'], {
        label: 'fail',
        moved,
      }),
    ).rejects.toThrow(/division by zero/);
    expect(existsSync(path.dirname(file))).toBe(false);
    expect(await duck.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '__assay_fail%'")).toEqual([{ n: 0 }]);
    expect(await pg.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('a remote side failing while the local side is reduced: its error, and no temp table of either side left', async () => {
    const temps = "SELECT count(*) AS n FROM duckdb_tables() WHERE temporary AND table_name LIKE '__assay_compare%'";
    expect(await duck.query(temps)).toEqual([{ n: 0 }]);
    await expect(
      crossCompare({
        self: { ...pgSide(), where: '1 / (id - 500) <> 0' },
        other: duckSide(),
        keys: ['id'],
        compared: COMPARED,
        scratch: duck,
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await duck.query(temps)).toEqual([{ n: 0 }]);
    // Both sides were started: the local one was kept, then dropped (a later comparison works).
    const r = await crossCompare({ self: pgSide(), other: duckSide(), keys: ['id'], compared: ['name'], scratch: duck });
    expect(r.observed.rows).toBeGreaterThan(0);
  });
});
