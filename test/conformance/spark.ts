// The conformance run on a real Spark (SPARK_URL, the Thrift server scripts/start-spark.sh starts).
// Each case's table is a temporary view of its rows (`SELECT CAST(...) FROM VALUES ...`) in the
// connection's own session: building it runs no job and writes no files, and Spark forgets it when
// the session ends, so a run leaves nothing behind and two sessions never meet. The validation
// itself runs as it would on a real table: a job on the cluster's executors.
import type { Connection } from '../../src/engine/connection.js';
import { openConnection } from '../../src/connections/index.js';
import { literalFor, type TableTarget } from './tables.js';

/** GE's SPARK_TYPES for the harness's logical types. */
export const sparkTarget: TableTarget = {
  name: 'spark',
  sqlType(t) {
    switch (t) {
      case 'INTEGER':
        return 'INT';
      case 'NUMERIC':
        return 'DOUBLE';
      case 'TEXT':
      case 'VARCHAR':
        return 'STRING';
      default:
        return t;
    }
  },
  async create(conn, spec) {
    const d = conn.dialect;
    const cols = spec.columns.map(
      (c) => `CAST(${d.ident(`c${spec.columns.indexOf(c)}`)} AS ${this.sqlType(c.type)}) AS ${d.ident(c.name)}`,
    );
    let body: string;
    if (spec.rows === 0 || spec.columns.length === 0) {
      body = `SELECT ${spec.columns.map((c) => `CAST(NULL AS ${this.sqlType(c.type)}) AS ${d.ident(c.name)}`).join(', ') || '1 AS `_`'} WHERE FALSE`;
    } else {
      const tuples: string[] = [];
      for (let r = 0; r < spec.rows; r++) {
        // A temporal value is cast in the row itself, so VALUES never unifies text with a timestamp.
        tuples.push(`(${spec.columns.map((c) => literalFor(d.literal.bind(d), c, c.values[r])).join(', ')})`);
      }
      const names = spec.columns.map((_, i) => d.ident(`c${i}`)).join(', ');
      body = `SELECT ${cols.join(', ')} FROM VALUES ${tuples.join(', ')} AS v(${names})`;
    }
    await conn.exec(`CREATE OR REPLACE TEMPORARY VIEW ${d.ident(spec.name)} AS ${body}`);
  },
  // Nothing to drop: the next case's CREATE OR REPLACE reuses a name, and the session's end drops the rest.
  async drop() {},
};

export async function openSparkTarget(url = process.env.SPARK_URL): Promise<{ conn: Connection; target: TableTarget }> {
  if (!url) throw new Error('the Spark conformance run needs SPARK_URL (bash scripts/start-spark.sh prints it)');
  const conn = await openConnection({ kind: 'spark', url, options: { statementTimeoutMs: 120_000 } });
  // A few rows per case: one shuffle partition instead of the cluster's default saves a task per stage.
  await conn.exec('SET spark.sql.shuffle.partitions=1');
  return { conn, target: sparkTarget };
}
