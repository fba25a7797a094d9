// Remote sources and notifications against local servers: HTTP pagination landed as NDJSON,
// retries with backoff, giving up with the source and reason, the webhook, and secrets kept
// out of messages and logs.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { project, queryFile, run, runFailing } from './helpers.js';
import { AssayDataError } from '../../src/errors.js';

interface Hit {
  url: string;
  body: string;
}

let server: Server;
let base = '';
const hits: Hit[] = [];
let flaky = 0;

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => resolve(text));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push({ url: url.pathname + url.search, body: await body(req) });
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (url.pathname === '/countries') {
      // OData-style: $skip and $top, records under "value"; 23 records in all.
      if (url.searchParams.get('fail') === '1' && flaky++ < 2) return json(503, { error: 'busy' });
      if (req.headers.authorization !== 'Bearer t0ken') return json(401, { error: 'no token' });
      const skip = Number(url.searchParams.get('$skip'));
      const top = Number(url.searchParams.get('$top'));
      const all = Array.from({ length: 23 }, (_, i) => ({ code: `C${i}`, value: i * 1.5, year: 2000 + (i % 3) }));
      return json(200, { '@odata.context': 'x', value: all.slice(skip, skip + top) });
    }
    if (url.pathname === '/down') return json(503, { error: 'maintenance' });
    if (url.pathname === '/missing') return json(404, { error: 'no' });
    if (url.pathname === '/hook') return json(200, {});
    json(404, {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const httpPipeline = (url: string, extra = '') => `name: gho
sources:
  gho: {http: {url: "${url}", pages: {param: $skip, size: 10, size_param: $top}, headers_env: {Authorization: API_AUTH}}, retries: {attempts: 3, backoff_ms: 10}}
steps:
  - extract: {table: raw, sql: "SELECT * FROM gho"}
  - validate: {table: raw, suite: suites/s.yml}
load:
  target: {type: duckdb, path: wh.duckdb}
  table: countries
${extra}`;

const suite = 'name: s\nexpectations:\n  - type: expect_column_values_to_not_be_null\n    kwargs: {column: code}\n';

describe('HTTP source', () => {
  it('follows pages until a short one, lands NDJSON in the run folder, retries a 503, and notifies', async () => {
    const dir = project({
      'pipeline.yml': httpPipeline(`${base}/countries?fail=1`, 'notify: {webhook_env: HOOK}\n'),
      'suites/s.yml': suite,
      '.env': `API_AUTH="Bearer t0ken"\nHOOK=${base}/hook\n`,
    });
    hits.length = 0;
    flaky = 0;
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'loaded', load: { rows: 23 }, data_sources: ['gho (HTTP, 3 pages, 23 records)'] });
    const pages = hits.filter((h) => h.url.startsWith('/countries')).map((h) => decodeURIComponent(h.url));
    expect(pages).toEqual([
      '/countries?fail=1&$skip=0&$top=10',
      '/countries?fail=1&$skip=0&$top=10',
      '/countries?fail=1&$skip=0&$top=10',
      '/countries?fail=1&$skip=10&$top=10',
      '/countries?fail=1&$skip=20&$top=10',
    ]);
    const landed = readFileSync(path.join(r.run_dir, 'landed/gho.ndjson'), 'utf8').trim().split('\n');
    expect(landed).toHaveLength(23);
    expect(JSON.parse(landed[0]!)).toEqual({ code: 'C0', value: 0, year: 2000 });
    expect(await queryFile(path.join(dir, 'wh.duckdb'), "SELECT code, value, year FROM countries WHERE code = 'C3'")).toEqual([
      { code: 'C3', value: 4.5, year: 2000 },
    ]);
    expect(readFileSync(r.files.log, 'utf8')).toMatch(/source failed; retrying/);

    const hook = hits.find((h) => h.url === '/hook');
    expect(JSON.parse(hook!.body)).toMatchObject({
      pipeline: 'gho',
      run_id: r.id,
      status: 'loaded',
      gate: 'open',
      policy: 'strict',
      exit_code: 0,
      rows_loaded: 23,
      report: expect.stringMatching(/^file:\/\/.*report\.html$/),
      text: expect.stringMatching(/^assay gho .*: loaded 23 rows into/),
    });
  });

  it('--limit stops paging once it has N records', async () => {
    const dir = project({ 'pipeline.yml': httpPipeline(`${base}/countries`), 'suites/s.yml': suite, '.env': 'API_AUTH=Bearer t0ken\n' });
    hits.length = 0;
    const r = await run(dir, { limit: 5 });
    expect(r).toMatchObject({ status: 'validated', steps: [{ rows: 5 }, {}] });
    expect(hits).toHaveLength(1);
  });

  it('gives up after the retries, naming the source and the reason; a 404 is not retried', async () => {
    const dir = project({ 'pipeline.yml': httpPipeline(`${base}/down`), 'suites/s.yml': suite, '.env': 'API_AUTH=x\n' });
    const { error: err, run: runResult } = await runFailing(dir);
    expect(err).toBeInstanceOf(AssayDataError);
    expect(err.message).toBe(`source gho (HTTP): gave up after 3 attempts: HTTP 503 Service Unavailable from ${base}/down`);
    expect(runResult).toMatchObject({ status: 'error', exit_code: 3 });

    const missing = project({ 'pipeline.yml': httpPipeline(`${base}/missing`), 'suites/s.yml': suite, '.env': 'API_AUTH=x\n' });
    hits.length = 0;
    await expect(run(missing)).rejects.toThrow(`source gho: HTTP 404 Not Found from ${base}/missing`);
    expect(hits).toHaveLength(1);
  });

  it('a missing secret names the variable and the .env file', async () => {
    const dir = project({ 'pipeline.yml': httpPipeline(`${base}/countries`), 'suites/s.yml': suite });
    await expect(run(dir)).rejects.toThrow(
      /source gho header Authorization: environment variable API_AUTH is not set \(set it, or add it to .*\.env\)/,
    );
  });
});

describe('secrets', () => {
  it('connection strings never appear with their password in messages, results or logs', async () => {
    const dir = project({
      'pipeline.yml': `name: secret
sources:
  db: {postgres: {url_env: SRC_URL}, sql: "SELECT 1 AS x", retries: {attempts: 2, backoff_ms: 10}}
steps:
  - extract: {table: raw, sql: "SELECT * FROM db"}
`,
      '.env': 'SRC_URL=postgres://reader:hunter2@127.0.0.1:1/shop\n',
    });
    const { error: err, run: runResult } = await runFailing(dir, { logLevel: 'debug' });
    expect(err).toBeInstanceOf(AssayDataError);
    expect(err.message).toMatch(/^source db \(PostgreSQL\): gave up after 2 attempts: connect ECONNREFUSED 127\.0\.0\.1:1/);
    const files = [runResult.files.log, runResult.files.result];
    for (const f of files) {
      expect(existsSync(f)).toBe(true);
      expect(readFileSync(f, 'utf8')).not.toMatch(/hunter2/);
    }

    const target = project({
      'pipeline.yml': `name: secret2
sources:
  f: {path: a.csv}
steps:
  - extract: {table: raw, sql: "SELECT * FROM f"}
load:
  target: {type: postgres, url_env: DW_URL}
  table: t
`,
      'a.csv': 'x\n1\n',
      '.env': 'DW_URL=postgres://writer:hunter2@127.0.0.1:1/dw?sslmode=disable\n',
    });
    const { error: e2, run: run2 } = await runFailing(target);
    expect(e2.message).toMatch(/^PostgreSQL target postgres:\/\/127\.0\.0\.1:1\/dw: gave up after 3 attempts/);
    expect(readFileSync(run2.files.log, 'utf8')).not.toMatch(/hunter2/);
  });
});
