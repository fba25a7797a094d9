// The engines a validation may reach besides its own: an expectation whose other table lives
// elsewhere (a reconciliation of a file with a PostgreSQL table, of PostgreSQL with Spark) names
// a connection of the project's config (`connections:`, each the environment variable holding a
// URL) and reduces each side in its own engine (src/engine/cross-compare.ts). Those connections
// open on first use, read-only, once per validation, and close with it. Where the hashes meet is
// a DuckDB: the validation's own when it runs on one, else a fresh in-memory one that, like every
// DuckDB a suite drives, reads no file but those the run allows (docs/security.md).
import type { Connection } from '../engine/connection.js';
import type { Reach } from '../engine/types.js';
import { InvalidKwargsError } from '../errors.js';
import { didYouMean } from '../config/errors.js';
import { DuckDBConnection } from './duckdb.js';
import { openConnection, serverEngineOfUrl } from './index.js';
import { lockDown } from './sandbox.js';

export interface ReachOptions {
  /**
   * Named connections: the environment variable that holds each URL (a config's `connections`),
   * or, from a program, the URL itself.
   */
  connections?: Readonly<Record<string, { env: string } | { url: string }>>;
  /** Files and folders the scratch DuckDB may read (`--allow-read`): a file named as the other table. */
  allowRead?: readonly string[];
  /** Where the variables are read (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Server-side limit per statement on the connections opened, in ms. */
  statementTimeoutMs?: number;
}

export interface OpenReach extends Reach {
  /** Closes what was opened here (never the validation's own connection). */
  close(): Promise<void>;
}

/** What a validation on `self` may reach; nothing opens until an expectation asks. */
export function openReach(self: Connection, o: ReachOptions = {}): OpenReach {
  const env = o.env ?? process.env;
  const opened = new Map<string, Promise<Connection>>();
  let scratch: Promise<DuckDBConnection> | undefined;
  const owned: Promise<Connection>[] = [];
  const keep = <T extends Connection>(p: Promise<T>) => {
    owned.push(p);
    p.catch(() => undefined);
    return p;
  };
  return {
    self,
    connection(name) {
      if (!opened.has(name)) opened.set(name, keep(connect(name, o, env)));
      return opened.get(name)!;
    },
    scratch() {
      if (self instanceof DuckDBConnection) return Promise.resolve(self);
      scratch ??= keep(
        DuckDBConnection.open().then(async (c) => {
          await lockDown(c, [], o.allowRead);
          return c;
        }),
      );
      return scratch;
    },
    async close() {
      const conns = await Promise.allSettled(owned);
      for (const c of conns) if (c.status === 'fulfilled') await c.value.close().catch(() => undefined);
    },
  };
}

async function connect(name: string, o: ReachOptions, env: Readonly<Record<string, string | undefined>>): Promise<Connection> {
  const named = o.connections?.[name];
  const known = Object.keys(o.connections ?? {});
  if (!named)
    throw new InvalidKwargsError(
      `other_connection ${JSON.stringify(name)}: no such connection${
        known.length
          ? ` (the config names ${known.join(', ')})${didYouMean(name, known)}`
          : ': name it under connections: in assay.config.yml'
      }`,
    );
  const url = 'url' in named ? named.url : env[named.env];
  if (!url)
    throw new InvalidKwargsError(`other_connection ${name} reads its URL from ${'env' in named ? named.env : 'url'}, which is not set`);
  const engine = serverEngineOfUrl(url);
  if (!engine)
    throw new InvalidKwargsError(
      `other_connection ${name}: ${'env' in named ? named.env : 'its url'} does not hold a URL of an engine Assay knows (postgres://, spark://)`,
    );
  return openConnection({
    kind: engine.kind,
    url,
    options: { readOnly: true, statementTimeoutMs: o.statementTimeoutMs ?? 3_600_000 },
  });
}
