// Loads rows into a fresh table on DuckDB or PostgreSQL, with the types given, for tests that
// run the same profile or suite on both engines.
import type { Connection } from '../../src/engine/connection.js';
import { openConnection } from '../../src/connections/index.js';
import { postgresUrl } from '../helpers/services.js';

export type Value = string | number | boolean | null;
export type Table = { columns: [name: string, duckdb: string, postgres: string][]; rows: Value[][] };

// Without PostgreSQL (off CI), the profile and suggestion tests run on DuckDB only.
const url = await postgresUrl(import.meta.url);

export const engines: [string, () => Promise<Connection>][] = [
  ['duckdb', () => openConnection({ kind: 'duckdb' })],
  ...(url ? ([['postgres', () => openConnection({ kind: 'postgres', url })]] as [string, () => Promise<Connection>][]) : []),
];

/** Creates (or replaces) `name` holding the table; returns its quoted name. */
export async function load(conn: Connection, name: string, t: Table): Promise<string> {
  const d = conn.dialect;
  const pg = d.name === 'postgres';
  const q = d.ident(name);
  await conn.exec(`DROP TABLE IF EXISTS ${q}`);
  await conn.exec(`CREATE TABLE ${q} (${t.columns.map(([c, duck, post]) => `${d.ident(c)} ${pg ? post : duck}`).join(', ')})`);
  for (let i = 0; i < t.rows.length; i += 1000) {
    const values = t.rows
      .slice(i, i + 1000)
      .map((r) => `(${r.map((v, j) => `CAST(${d.literal(v)} AS ${pg ? t.columns[j]![2] : t.columns[j]![1]})`).join(', ')})`);
    if (values.length) await conn.exec(`INSERT INTO ${q} VALUES ${values.join(', ')}`);
  }
  return q;
}
