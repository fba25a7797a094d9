// HTTP sources that misbehave: an endpoint that ignores the offset (the same full page forever),
// one that never ends (full pages past max_pages), and a body that stalls after the headers.
// The first two fail the run (exit 3) with nothing loaded; the stall is retried like a timeout
// before the headers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssayDataError } from '../../src/errors.js';
import { project, run, runFailing } from './helpers.js';

let server: Server;
let base = '';
let stalls = 0;
const sockets = new Set<import('node:net').Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const offset = Number(url.searchParams.get('offset'));
    const page = (from: number) => JSON.stringify(Array.from({ length: 5 }, (_, i) => ({ id: from + i })));
    res.writeHead(200, { 'content-type': 'application/json' });
    if (url.pathname === '/same') return res.end(page(0));
    if (url.pathname === '/endless') return res.end(page(offset));
    if (url.pathname === '/stall') {
      // Headers and half a body, then nothing: the first two attempts time out while reading.
      if (stalls++ < 2) return res.write('[{"id": 1},');
      return res.end('[{"id": 1}, {"id": 2}]');
    }
    res.end('[]');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  return new Promise<void>((r) => server.close(() => r()));
});

const pipeline = (path: string, http = '') => `name: api
sources:
  api: {http: {url: "${base}${path}", pages: {param: offset, size: 5, max_pages: 4}${http}}, retries: {attempts: 3, backoff_ms: 10}}
steps:
  - extract: {table: raw, sql: "SELECT * FROM api"}
load:
  target: {type: duckdb, path: wh.duckdb}
  table: items
`;

describe('HTTP sources that never end', () => {
  it('the same full page again is an error, not a million duplicated rows', async () => {
    const dir = project({ 'pipeline.yml': pipeline('/same') });
    const { error: err, run: failed } = await runFailing(dir);
    expect(err).toBeInstanceOf(AssayDataError);
    expect(err.message).toMatch(
      /source api: page 2 \(offset=5\) is the same as page 1: the endpoint does not page by offset, so it would never end; nothing was loaded/,
    );
    expect(failed).toMatchObject({ status: 'error', exit_code: 3, load: null });
  });

  it('a full page at max_pages is an error, not a silent cut', async () => {
    const dir = project({ 'pipeline.yml': pipeline('/endless') });
    const { error: err, run: failed } = await runFailing(dir);
    expect(err).toBeInstanceOf(AssayDataError);
    expect(err.message).toMatch(/source api: page 4 was still full at pages.max_pages \(4\)/);
    expect(failed).toMatchObject({ exit_code: 3, load: null });
  });

  it('a body that stalls after the headers is retried like any timeout', async () => {
    const dir = project({ 'pipeline.yml': pipeline('/stall', ', timeout_ms: 300') });
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'loaded', load: { rows: 2 } });
    expect(stalls).toBe(3);
  });
});
