// The sandbox a suite runs in on DuckDB. A CI gate reads its suites from pull requests, and a
// suite writes SQL in two places (row_condition, unexpected_rows_query): DuckDB's file and
// network functions there (read_text, read_csv, glob, ATTACH, COPY, INSTALL) would read any file
// the process can read, or fetch a URL. Once the input is open, the connection is locked down:
// external access off except the input files, no extension installed or loaded, and the
// configuration locked so no statement can turn any of it back on (DuckDB refuses to re-enable
// external access on a running database anyway). See docs/security.md.
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from './duckdb.js';

const isRemote = (p: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(p);

const isDirectory = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Locks the connection's database down: from now on it reads only `readable` (the input files,
 * as given and absolute), the files and folders of `alsoReadable` (what the caller admitted
 * besides: `--allow-read`, never the suite), what is already attached, and its landing folder.
 * Irreversible for this database.
 *
 * The landing folder is where keys and hashes fetched from another engine are written for this
 * database to read (src/engine/land.ts). Its name is admitted now, because nothing can be
 * admitted later, but the folder does not exist: each landing creates it (refusing one that
 * exists: 128 random bits make it nobody else's), writes one file, reads it and removes both.
 */
export async function lockDown(conn: DuckDBConnection, readable: readonly string[], alsoReadable: readonly string[] = []): Promise<void> {
  const d = conn.dialect;
  conn.landing = path.join(tmpdir(), `assay-land-${randomBytes(16).toString('hex')}`);
  const folders = [
    ...alsoReadable.filter((p) => !isRemote(p) && isDirectory(p)).map((p) => path.resolve(p) + path.sep),
    conn.landing + path.sep,
  ];
  const paths = [...readable, ...alsoReadable.filter((p) => isRemote(p) || !isDirectory(p))];
  const files = [...new Set(paths.flatMap((f) => (isRemote(f) ? [f] : [f, path.resolve(f)])))];
  await conn.exec(`SET allowed_paths = [${files.map((f) => d.literal(f)).join(', ')}]`);
  await conn.exec(`SET allowed_directories = [${folders.map((f) => d.literal(f)).join(', ')}]`);
  await conn.exec('SET enable_external_access = false');
  await conn.exec('SET autoinstall_known_extensions = false');
  await conn.exec('SET autoload_known_extensions = false');
  await conn.exec('SET allow_community_extensions = false');
  await conn.exec('SET lock_configuration = true');
}

/** DuckDB's words when the sandbox refused something: the suite's doing, not the data's. */
export const SANDBOX_REFUSAL =
  /disabled by configuration|configuration has been locked|Cannot enable external access|Loading external extensions is disabled/i;
