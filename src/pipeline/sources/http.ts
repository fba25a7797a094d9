// An HTTP JSON endpoint: pages fetched one at a time (offset pagination: `param` carries the
// offset, advanced by `size` until a page comes back short). Each response body is streamed to a
// file in the run folder and its records read from there one by one (./json-records.ts), each
// written as one NDJSON line, which is then read like any staged file: a 200 MB response costs
// disk, not memory. Each page is retried on
// transient failures (network errors, timeouts before the headers or while reading the body,
// 429, 5xx). A page that repeats an earlier full page, or a full page at max_pages, fails the
// source: an endpoint that never ends is not a success.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import path from 'node:path';
import { openInput, type OpenedInput } from '../../engine/sources.js';
import type { RunContext } from '../context.js';
import { reasonOf, TransientError, withRetry } from '../retry.js';
import type { HttpSource } from '../types.js';
import { JsonRecordsError, readJsonRecords } from './json-records.js';
import { limitedView } from './view.js';
import { AssayDataError } from '../../errors.js';

/** The URL without credentials or query, for messages. */
const shown = (u: URL) => `${u.origin}${u.pathname}`;

/** A response body past this size is refused: an endpoint is not a disk filler. */
export const MAX_BODY_BYTES = 4 * 1024 ** 3;

/**
 * One page's response, streamed to `file` (run-owned, in the run folder): never the whole body in
 * memory. A failure removes the file; a body that stops coming (a timeout, a dropped
 * connection) is transient like a failed request.
 */
async function fetchToFile(source: HttpSource, url: URL, headers: Record<string, string>, file: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(source.timeoutMs) });
  } catch (err) {
    throw new TransientError(`request to ${shown(url)} failed: ${reasonOf(err)}`);
  }
  const what = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} from ${shown(url)}`;
  if (res.status === 429 || res.status >= 500) {
    await res.body?.cancel();
    throw new TransientError(what);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new AssayDataError(`source ${source.name}: ${what}`, source.name);
  }
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > MAX_BODY_BYTES)
        done(
          new AssayDataError(
            `source ${source.name}: the response of ${shown(url)} is larger than ${MAX_BODY_BYTES / 1024 ** 3} GiB; page it smaller (pages.size)`,
            source.name,
          ),
        );
      else done(null, chunk);
    },
  });
  try {
    await pipeline(
      res.body ? Readable.fromWeb(res.body as import('node:stream/web').ReadableStream) : Readable.from([]),
      limit,
      createWriteStream(file),
    );
  } catch (err) {
    rmSync(file, { force: true });
    if (err instanceof AssayDataError) throw err;
    if (isEnvironmental(err)) throw err;
    // The body stopped coming (a timeout, a dropped connection): as passing as a failed request.
    throw new TransientError(`reading the response of ${shown(url)} failed: ${reasonOf(err)}`);
  }
}

/** A fault of the machine writing the page (a full disk, a read-only folder), not of the endpoint. */
const isEnvironmental = (err: unknown) =>
  ['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT'].includes(String((err as { code?: string })?.code));

export async function stageHttp(ctx: RunContext, source: HttpSource): Promise<OpenedInput> {
  const headers = { ...source.headers };
  for (const [name, variable] of Object.entries(source.headersEnv))
    headers[name] = ctx.env.require(variable, `source ${source.name} header ${name}`);
  const dir = path.join(ctx.runDir, 'landed');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${source.name}.ndjson`);
  const out = createWriteStream(file);
  let total = 0;
  let pages = 0;
  const seen = new Map<string, number>();
  try {
    const p = source.pages;
    for (let offset = p?.start ?? 0; ; offset += p?.size ?? 0) {
      const url = new URL(source.url);
      if (p) {
        url.searchParams.set(p.param, String(offset));
        if (p.sizeParam) url.searchParams.set(p.sizeParam, String(p.size));
      }
      const pageFile = path.join(dir, `${source.name}.page.json`);
      await withRetry(() => fetchToFile(source, url, headers, pageFile), {
        ...source.retries,
        label: `source ${source.name} (HTTP)`,
        onRetry: (attempt, err, wait) =>
          ctx.log.warn({ source: source.name, attempt, wait_ms: wait, reason: reasonOf(err) }, 'source failed; retrying'),
      });
      pages++;
      // Each record becomes one NDJSON line as it is read; the page's hash and count are kept
      // to tell a repeated full page.
      const hash = createHash('sha256');
      let taken = 0;
      let count: number;
      try {
        count = await readJsonRecords(pageFile, source.records, async (record) => {
          const line = `${JSON.stringify(record)}\n`;
          hash.update(line);
          if (ctx.limit !== null && total + taken >= ctx.limit) return;
          taken++;
          if (!out.write(line)) await once(out, 'drain');
        });
      } catch (err) {
        if (!(err instanceof JsonRecordsError)) throw err;
        throw new AssayDataError(
          /no records array/.test(err.message)
            ? `source ${source.name}: no records array in the response of ${shown(url)}${source.records ? ` at "${source.records}"` : ''}; set http.records to its path`
            : `source ${source.name}: the response of ${shown(url)} is not JSON: ${err.message}`,
          source.name,
        );
      } finally {
        rmSync(pageFile, { force: true });
      }
      // An endpoint that ignores the offset returns the same full page forever: loading it
      // again and again would be a silent duplication, so it is an error.
      if (p && count >= p.size) {
        const digest = hash.digest('hex');
        const earlier = seen.get(digest);
        if (earlier !== undefined)
          throw new AssayDataError(
            `source ${source.name}: page ${pages} (${p.param}=${offset}) is the same as page ${earlier}: the endpoint does not page by ${p.param}, so it would never end; nothing was loaded. Check pages.param`,
            source.name,
          );
        seen.set(digest, pages);
      }
      total += taken;
      ctx.progress.update(`${pages} page${pages === 1 ? '' : 's'}, ${total.toLocaleString('en-US')} records`);
      if (!p || count < p.size || (ctx.limit !== null && total >= ctx.limit)) break;
      if (pages >= p.maxPages)
        throw new AssayDataError(
          `source ${source.name}: page ${pages} was still full at pages.max_pages (${p.maxPages}), so the endpoint has more, or never ends; nothing was loaded. Raise pages.max_pages if it really has more pages`,
          source.name,
        );
    }
  } finally {
    out.end();
    await once(out, 'close').catch(() => {});
  }
  ctx.log.info({ source: source.name, pages, records: total }, 'HTTP source landed');
  if (total === 0) throw new AssayDataError(`source ${source.name}: the endpoint returned no records`, source.name);
  const input = await openInput(ctx.conn, { paths: [file], format: 'ndjson' }, `__assay_source_${source.name}`);
  await limitedView(ctx, source.name, input.relation, null);
  return { ...input, description: `${source.name} (HTTP, ${pages} page${pages === 1 ? '' : 's'}, ${total} records)` };
}
