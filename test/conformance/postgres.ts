// The conformance run on a real PostgreSQL (DATABASE_URL). Every case's table is built in the
// session's own scratch schema (TEMP tables, which PostgreSQL drops when the session ends), so a
// run leaves nothing behind and two runs never meet. One connection serves the whole run.
//
// Speed: creating and dropping ~600 tables is most of the run's cost, so the harness's DDL
// (DROP, CREATE, INSERT) is not sent one statement at a time: it is buffered and sent as one
// batch just before the next query, and TEMP tables skip the WAL. A failure in the batch is
// reported as the table-building failure it is.
import type { Connection } from '../../src/engine/connection.js';
import { PostgresConnection } from '../../src/connections/postgres.js';
import type { TableTarget } from './tables.js';

/** GE's POSTGRESQL_TYPES, as the harness's logical types name them. */
export const postgresTarget: TableTarget = {
  name: 'postgres',
  sqlType(t) {
    switch (t) {
      case 'DOUBLE':
        return 'DOUBLE PRECISION';
      default:
        return t;
    }
  },
};

export async function openPostgresTarget(url = process.env.DATABASE_URL): Promise<{ conn: Connection; target: TableTarget }> {
  if (!url) throw new Error('the PostgreSQL conformance run needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
  const pg = await PostgresConnection.open(url, { applicationName: 'assay-conformance', statementTimeoutMs: 60_000 });
  // Scratch data needs no durable commit.
  await pg.exec('SET synchronous_commit TO off');
  let pending: string[] = [];
  const flush = async () => {
    if (!pending.length) return;
    const batch = pending.join(';\n');
    pending = [];
    try {
      await pg.exec(batch);
    } catch (err) {
      throw new Error(`harness: cannot build the table: ${(err as Error).message}`, { cause: err });
    }
  };
  const conn: Connection = {
    dialect: pg.dialect,
    query: async (sql) => (await flush(), pg.query(sql)),
    exec: async (sql) => {
      pending.push(sql.replace(/^\s*CREATE TABLE /i, 'CREATE TEMP TABLE '));
    },
    columns: async (relation) => (await flush(), pg.columns(relation)),
    engineInfo: () => pg.engineInfo(),
    async close() {
      pending = [];
      await pg.close();
    },
  };
  return { conn, target: postgresTarget };
}
