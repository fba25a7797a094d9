// The PostgreSQL target and source against the real server CI starts (DATABASE_URL, set by
// .ci/run). Each test file works in its own schema, dropped at the end.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killDuringLoad, pipelineYaml, project, queryFile, run, SUITE_OK, write, runFailing } from './helpers.js';
import { AssayDataError, LoadError } from '../../src/errors.js';
import { postgresUrl } from '../helpers/services.js';

const URL = await postgresUrl(import.meta.url);

const schema = `assay_pipeline_${randomBytes(4).toString('hex')}`;
let db: pg.Client;
const q = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;
const target = (table = 'orders') => `{type: postgres, url_env: DATABASE_URL, schema: ${schema}}\n  # ${table}`;

describe.skipIf(!URL)('PostgreSQL target and source', () => {
  beforeAll(async () => {
    db = new pg.Client({ connectionString: URL });
    await db.connect();
    await db.query(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.end();
  });

  const A = 'id,amount,day,flag\n1,10.5,2026-03-01,true\n2,20,2026-03-02,false\n3,30,2026-03-03,true\n';

  it('append, then upsert (unique index created), then replace; types mapped', async () => {
    const dir = project({ 'pipeline.yml': pipelineYaml({ target: target() }), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
    expect((await run(dir)).load).toMatchObject({ rows: 3, mode: 'append' });
    const cols = await q(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'orders' ORDER BY ordinal_position`,
      [schema],
    );
    expect(cols).toEqual([
      { column_name: 'id', data_type: 'bigint' },
      { column_name: 'amount', data_type: 'double precision' },
      { column_name: 'day', data_type: 'date' },
      { column_name: 'flag', data_type: 'boolean' },
    ]);
    expect(await q(`SELECT id::int, amount, day::text, flag FROM ${schema}.orders ORDER BY id`)).toEqual([
      { id: 1, amount: 10.5, day: '2026-03-01', flag: true },
      { id: 2, amount: 20, day: '2026-03-02', flag: false },
      { id: 3, amount: 30, day: '2026-03-03', flag: true },
    ]);

    write(dir, {
      'pipeline.yml': pipelineYaml({ target: target(), mode: 'upsert', keys: ['id'] }),
      'staging/b.csv': 'id,amount,day,flag\n2,25,2026-03-02,true\n4,40,2026-03-04,false\n',
    });
    expect((await run(dir)).load).toMatchObject({ rows: 2, mode: 'upsert' });
    expect(await q(`SELECT id::int, amount, flag FROM ${schema}.orders ORDER BY id`)).toEqual([
      { id: 1, amount: 10.5, flag: true },
      { id: 2, amount: 25, flag: true },
      { id: 3, amount: 30, flag: true },
      { id: 4, amount: 40, flag: false },
    ]);
    expect(await q(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'orders'`, [schema])).toEqual([
      { indexdef: `CREATE UNIQUE INDEX orders_assay_key ON ${schema}.orders USING btree (id)` },
    ]);

    write(dir, {
      'pipeline.yml': pipelineYaml({ target: target(), mode: 'replace' }),
      'staging/c.csv': 'id,amount,day,flag\n9,90,2026-03-09,false\n',
    });
    expect((await run(dir)).load).toMatchObject({ rows: 1, mode: 'replace' });
    expect(await q(`SELECT id::int FROM ${schema}.orders`)).toEqual([{ id: 9 }]);
  });

  it('schema evolution adds new columns; an incompatible type change is refused before writing', async () => {
    await db.query(`CREATE TABLE ${schema}.evo (id bigint, amount numeric(12,2), note varchar(3))`);
    await db.query(`INSERT INTO ${schema}.evo VALUES (1, 1.50, 'x')`);
    const yaml = pipelineYaml({
      target: target(),
      source: 'staging/*.ndjson',
      transform: 'SELECT id, CAST(amount AS DECIMAL(10,2)) AS amount, tags, payload, CAST(seen AS TIMESTAMP) AS seen FROM raw',
    }).replace('table: orders', 'table: evo');
    const dir = project({
      'pipeline.yml': yaml,
      'suites/raw.yml': SUITE_OK,
      'staging/a.ndjson': '{"id": 2, "amount": 2.25, "tags": ["a", "b"], "payload": {"k": 1}, "seen": "2026-03-01 10:00:00"}\n',
    });
    const r = await run(dir);
    expect(r.load).toMatchObject({ rows: 1, added_columns: ['tags', 'payload', 'seen'] });
    expect(await q(`SELECT id::int, amount::text, note, tags, payload, seen::text FROM ${schema}.evo ORDER BY id`)).toEqual([
      { id: 1, amount: '1.50', note: 'x', tags: null, payload: null, seen: null },
      { id: 2, amount: '2.25', note: null, tags: ['a', 'b'], payload: { k: 1 }, seen: '2026-03-01 10:00:00' },
    ]);

    // note arrives as a long text: varchar(3) could truncate it.
    write(dir, {
      'pipeline.yml': yaml.replace('CAST(seen AS TIMESTAMP) AS seen', "CAST(seen AS TIMESTAMP) AS seen, 'too long' AS note"),
      'staging/b.ndjson': '{"id": 3, "amount": 1, "tags": [], "payload": {}, "seen": "2026-03-02 00:00:00"}\n',
    });
    const err = await run(dir).catch((e) => e);
    expect(err).toBeInstanceOf(LoadError);
    expect(err.message).toMatch(/column "note" is text in the data but character varying\(3\) in the target/);
    expect(await q(`SELECT count(*)::int AS n FROM ${schema}.evo`)).toEqual([{ n: 2 }]);
  });

  it('a blocked load leaves the table untouched', async () => {
    const dir = project({
      'pipeline.yml': pipelineYaml({ target: target() }).replace('table: orders', 'table: blocked'),
      'suites/raw.yml': SUITE_OK,
      'staging/a.csv': A,
    });
    await run(dir);
    const before = await q(`SELECT * FROM ${schema}.blocked ORDER BY id`);
    write(dir, { 'staging/bad.csv': 'id,amount,day,flag\n5,-1,2026-03-05,true\n' });
    expect(await run(dir)).toMatchObject({ status: 'blocked', exit_code: 1 });
    expect(await q(`SELECT * FROM ${schema}.blocked ORDER BY id`)).toEqual(before);
  });

  it('a run killed with kill -9 during the load leaves the target as it was; the re-run gives the same target as one clean run', async () => {
    const yaml = pipelineYaml({ target: target(), mode: 'upsert', keys: ['id'] }).replace('table: orders', 'table: killed');
    const dir = project({ 'pipeline.yml': yaml, 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
    await run(dir);
    write(dir, { 'staging/b.csv': 'id,amount,day,flag\n3,33,2026-03-03,false\n4,40,2026-03-04,true\n' });
    const before = await q(`SELECT * FROM ${schema}.killed ORDER BY id`);

    await killDuringLoad(dir);
    expect(await q(`SELECT * FROM ${schema}.killed ORDER BY id`)).toEqual(before);

    const clean = project({
      'pipeline.yml': yaml.replace('table: killed', 'table: clean'),
      'suites/raw.yml': SUITE_OK,
      'staging/a.csv': A,
    });
    await run(clean);
    write(clean, { 'staging/b.csv': 'id,amount,day,flag\n3,33,2026-03-03,false\n4,40,2026-03-04,true\n' });
    await run(clean);

    const rerun = await run(dir);
    expect(rerun).toMatchObject({ status: 'loaded', load: { rows: 2 } });
    expect(await q(`SELECT * FROM ${schema}.killed ORDER BY id`)).toEqual(await q(`SELECT * FROM ${schema}.clean ORDER BY id`));
  });

  it('a dropped connection during the load is a clear error, and nothing is committed', async () => {
    const dir = project({
      'pipeline.yml': pipelineYaml({ target: target(), name: 'dropped_conn' }).replace('table: orders', 'table: dropped'),
      'suites/raw.yml': SUITE_OK,
      'staging/a.csv': A,
    });
    process.env.ASSAY_TEST_PAUSE_BEFORE_COMMIT_MS = '4000';
    try {
      const running = runFailing(dir);
      // The load's own session, idle inside its transaction: terminate it from the server side
      // (only this one: other tests, and other test runs on the server, have loads going too).
      let killed = 0;
      for (let i = 0; i < 100 && !killed; i++) {
        await new Promise((r) => setTimeout(r, 100));
        killed = (
          await q(
            `SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity WHERE application_name = 'assay load dropped_conn' AND datname = current_database() AND state = 'idle in transaction'`,
          )
        ).length;
      }
      expect(killed).toBe(1);
      const { error: err, run: runResult } = await running;
      expect(err).toBeInstanceOf(AssayDataError);
      // pg reports the server's FATAL message or the closed socket, whichever it reads first.
      expect(err.message).toMatch(
        /lost the connection to PostgreSQL target postgres:\/\/.*during the load of dropped: .*(terminating connection due to administrator command|Connection terminated unexpectedly).*the transaction was not committed, so the target is unchanged/,
      );
      expect(runResult).toMatchObject({ status: 'error', exit_code: 3 });
    } finally {
      delete process.env.ASSAY_TEST_PAUSE_BEFORE_COMMIT_MS;
    }
    expect(await q(`SELECT to_regclass($1) AS t`, [`${schema}.dropped`])).toEqual([{ t: null }]);
  });

  it('a PostgreSQL query source is read in batches, landed, and typed as PostgreSQL says', async () => {
    await db.query(`CREATE TABLE ${schema}.src (id int, price numeric(8,2), day date, ok boolean, doc jsonb, raw bytea, name text)`);
    await db.query(
      `INSERT INTO ${schema}.src SELECT g, g * 1.25, DATE '2026-01-01' + g, g % 2 = 0, jsonb_build_object('g', g), '\\x00ff'::bytea, 'n' || g FROM generate_series(1, 25) g`,
    );
    const dir = project({
      'pipeline.yml': `name: pgsrc
sources:
  src: {postgres: {url_env: SRC_URL}, sql: "SELECT * FROM ${schema}.src ORDER BY id", batch_size: 7}
steps:
  - extract: {table: raw, sql: "SELECT * FROM src"}
load:
  target: {type: duckdb, path: wh.duckdb}
  table: t
`,
      '.env': `SRC_URL=${URL}\n`,
    });
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'loaded', load: { rows: 25 }, data_sources: ['src (PostgreSQL query, 25 rows)'] });
    const types = await queryFile(
      path.join(dir, 'wh.duckdb'),
      "SELECT column_name AS c, data_type AS t FROM duckdb_columns() WHERE table_name = 't' ORDER BY column_index",
    );
    expect(types.map((x) => `${x.c} ${x.t}`)).toEqual([
      'id INTEGER',
      'price DECIMAL(8,2)',
      'day DATE',
      'ok BOOLEAN',
      'doc JSON',
      'raw BLOB',
      'name VARCHAR',
    ]);
    expect(
      await queryFile(
        path.join(dir, 'wh.duckdb'),
        'SELECT id, CAST(price AS VARCHAR) AS price, CAST(day AS VARCHAR) AS day, ok, CAST(doc AS VARCHAR) AS doc, hex(raw) AS raw FROM t WHERE id = 2',
      ),
    ).toEqual([{ id: 2, price: '2.50', day: '2026-01-03', ok: true, doc: '{"g":2}', raw: '00FF' }]);
    expect((await run(dir, { limit: 5 })).steps[0]).toMatchObject({ rows: 5 });
  });
});
