// An HTTP JSON endpoint: pages fetched one at a time (offset pagination: `param` carries the
// offset, advanced by `size` until a page comes back short), each record written as one NDJSON
// line in the run folder, which is then read like any staged file. Each page is retried on
// transient failures (network errors, timeouts before the headers or while reading the body,
// 429, 5xx). A page that repeats an earlier full page, or a full page at max_pages, fails the
// source: an endpoint that never ends is not a success.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { openInput, type OpenedInput } from '../../engine/sources.js';
import type { RunContext } from '../context.js';
import { reasonOf, TransientError, withRetry } from '../retry.js';
import type { HttpSource } from '../types.js';
import { limitedView } from './view.js';
import { AssayDataError } from '../../errors.js';

/** The records of a response: at the dotted path, or the array itself, or its first array property. */
export function recordsOf(body: unknown, at: string | undefined): unknown[] | null {
  let node = body;
  if (at) {
    for (const key of at.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    return Array.isArray(node) ? node : null;
  }
  if (Array.isArray(node)) return node;
  if (node && typeof node === 'object') return (Object.values(node).find(Array.isArray) as unknown[] | undefined) ?? null;
  return null;
}

/** The URL without credentials or query, for messages. */
const shown = (u: URL) => `${u.origin}${u.pathname}`;

async function fetchPage(source: HttpSource, url: URL, headers: Record<string, string>): Promise<unknown[]> {
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
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    // The body stopped coming (a timeout, a dropped connection): as passing as a failed request.
    throw new TransientError(`reading the response of ${shown(url)} failed: ${reasonOf(err)}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new AssayDataError(`source ${source.name}: the response of ${shown(url)} is not JSON: ${reasonOf(err)}`, source.name);
  }
  const records = recordsOf(body, source.records);
  if (!records) {
    throw new AssayDataError(
      `source ${source.name}: no records array in the response of ${shown(url)}${source.records ? ` at "${source.records}"` : ''}; set http.records to its path`,
      source.name,
    );
  }
  return records;
}

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
      const records = await withRetry(() => fetchPage(source, url, headers), {
        ...source.retries,
        label: `source ${source.name} (HTTP)`,
        onRetry: (attempt, err, wait) =>
          ctx.log.warn({ source: source.name, attempt, wait_ms: wait, reason: reasonOf(err) }, 'source failed; retrying'),
      });
      pages++;
      // An endpoint that ignores the offset returns the same full page forever: loading it
      // again and again would be a silent duplication, so it is an error.
      if (p && records.length >= p.size) {
        const hash = createHash('sha256').update(JSON.stringify(records)).digest('hex');
        const earlier = seen.get(hash);
        if (earlier !== undefined)
          throw new AssayDataError(
            `source ${source.name}: page ${pages} (${p.param}=${offset}) is the same as page ${earlier}: the endpoint does not page by ${p.param}, so it would never end; nothing was loaded. Check pages.param`,
            source.name,
          );
        seen.set(hash, pages);
      }
      const take = ctx.limit !== null ? records.slice(0, Math.max(0, ctx.limit - total)) : records;
      for (const r of take) if (!out.write(`${JSON.stringify(r)}\n`)) await once(out, 'drain');
      total += take.length;
      ctx.progress.update(`${pages} page${pages === 1 ? '' : 's'}, ${total.toLocaleString('en-US')} records`);
      if (!p || records.length < p.size || (ctx.limit !== null && total >= ctx.limit)) break;
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
