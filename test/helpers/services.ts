// The servers some tests need (PostgreSQL, Spark; every server engine the same way), and the one decision
// about them: a test file asks for its server with `await postgresUrl(import.meta.url)` and gets
// its URL, or undefined to skip. On a laptop without the server the file skips with a message
// that says so; under CI=true (which .ci/run sets up with the servers started) a missing or
// unreachable server fails the file instead, so a broken CI set-up can never pass by skipping.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openConnection } from '../../src/connections/index.js';

export interface Service {
  /** For messages: "PostgreSQL". */
  title: string;
  /** The environment variable holding the URL. */
  env: string;
  /** How a developer gets one. */
  hint: string;
  /** Resolves when the server answers at `url`; rejects with the reason otherwise. */
  probe(url: string): Promise<void>;
}

/** Resolves when a PostgreSQL server answers a query at `url`. */
export async function probePostgres(url: string, timeoutMs = 5_000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => {});
  }
}

const POSTGRES: Service = {
  title: 'PostgreSQL',
  env: 'DATABASE_URL',
  hint: 'export DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (bash scripts/start-postgres.sh starts one; .ci/run does both)',
  probe: (url) => probePostgres(url),
};

const SPARK: Service = {
  title: 'Spark',
  env: 'SPARK_URL',
  hint: 'export SPARK_URL=spark://127.0.0.1:10000/default (bash scripts/start-spark.sh starts a local cluster and prints it; .ci/run does both)',
  async probe(url) {
    const conn = await openConnection({ kind: 'spark', url, options: { connectTimeoutMs: 10_000, statementTimeoutMs: 60_000 } });
    try {
      await conn.query('SELECT 1 AS one');
    } finally {
      await conn.close();
    }
  },
};

const answers = new Map<string, Promise<string | undefined>>();

/** The service's URL when its server answers; undefined (with a message) to skip; throws under CI. */
export function serviceUrl(service: Service, testFile: string): Promise<string | undefined> {
  const file = path.relative(process.cwd(), testFile.startsWith('file:') ? fileURLToPath(testFile) : testFile);
  const key = `${service.env}:${file}`;
  if (!answers.has(key)) answers.set(key, decide(service, file));
  return answers.get(key)!;
}

async function decide(service: Service, file: string): Promise<string | undefined> {
  const url = process.env[service.env];
  let problem: string;
  if (!url) problem = `${service.env} is not set`;
  else {
    try {
      await service.probe(url);
      return url;
    } catch (err) {
      problem = `the ${service.title} server at ${service.env} does not answer (${(err as Error).message})`;
    }
  }
  if (process.env.CI === 'true') {
    throw new Error(`${file}: ${problem}; under CI=true the ${service.title} tests fail instead of skipping. ${service.hint}`);
  }
  console.warn(`\nSKIPPED: the ${service.title} tests of ${file}: ${problem}. ${service.hint}\n`);
  return undefined;
}

/** PostgreSQL's URL for this test file, or undefined to skip it (see above). */
export const postgresUrl = (testFile: string) => serviceUrl(POSTGRES, testFile);

/** Spark's URL (a Thrift server) for this test file, or undefined to skip it (see above). */
export const sparkUrl = (testFile: string) => serviceUrl(SPARK, testFile);
