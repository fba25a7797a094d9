// `notify: {webhook_env: NAME}`: when a run ends, its outcome is POSTed as JSON to the URL in
// that variable (Slack-style incoming webhooks, an alerting service, a CI trigger). A webhook
// that fails is logged and retried, but never changes the run's outcome or exit code.
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import type { Env } from './env.js';
import { reasonOf, TransientError, withRetry } from './retry.js';
import type { PipelineRunResult } from './types.js';

export interface Notification {
  pipeline: string;
  run_id: string;
  status: PipelineRunResult['status'];
  gate: 'open' | 'closed';
  policy: string | null;
  reasons: string[];
  exit_code: number;
  rows_loaded: number | null;
  quarantined_rows: number;
  report: string | null;
  run_dir: string;
  error?: string;
  /** One line for chat webhooks. */
  text: string;
}

export function notification(r: PipelineRunResult): Notification {
  const quarantined = r.quarantine.filter((q) => q.removed).reduce((s, q) => s + q.rows, 0);
  const verdict =
    r.status === 'loaded'
      ? `loaded ${r.load?.rows ?? 0} rows into ${r.load?.target}`
      : r.status === 'blocked'
        ? `gate closed, nothing loaded: ${r.gate_reasons?.slice(0, 3).join('; ')}`
        : r.status === 'error'
          ? `failed: ${r.error}`
          : r.status === 'nothing_new'
            ? 'nothing new to load'
            : 'validated (nothing loaded)';
  return {
    pipeline: r.pipeline,
    run_id: r.id,
    status: r.status,
    gate: r.gate,
    policy: r.gate_decision?.policy ?? null,
    reasons: r.gate_reasons ?? [],
    exit_code: r.exit_code,
    rows_loaded: r.load?.rows ?? null,
    quarantined_rows: quarantined,
    report: r.files.html ? pathToFileURL(r.files.html).href : null,
    run_dir: r.run_dir,
    ...(r.error ? { error: r.error } : {}),
    text: `assay ${r.pipeline} ${r.id}: ${verdict}`,
  };
}

/** Webhook URLs often carry their secret in the path: only the origin is ever shown. */
function shown(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * The request for a webhook URL. fetch refuses user info in a URL and would quote the whole
 * URL in its error, as it does for one that does not parse: user info becomes a Basic
 * Authorization header instead, and an unparsable URL is refused without being shown.
 */
function webhookRequest(raw: string): { url: string; headers: Record<string, string> } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error('the webhook URL does not parse (it is not shown: it may hold a secret)');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`the webhook URL is ${u.protocol} not http(s)`);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (u.username || u.password) {
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    u.username = '';
    u.password = '';
  }
  return { url: u.href, headers };
}

export async function notify(webhookEnv: string, env: Env, result: PipelineRunResult, log: Logger): Promise<boolean> {
  const url = env.get(webhookEnv);
  if (!url) {
    log.warn({ webhook_env: webhookEnv }, `notify: environment variable ${webhookEnv} is not set; no notification sent`);
    return false;
  }
  const body = JSON.stringify(notification(result));
  try {
    const request = webhookRequest(url);
    await withRetry(
      async () => {
        let res: Response;
        try {
          res = await fetch(request.url, {
            method: 'POST',
            headers: request.headers,
            body,
            signal: AbortSignal.timeout(10_000),
          });
        } catch (err) {
          throw new TransientError(reasonOf(err));
        }
        await res.body?.cancel();
        if (res.status === 429 || res.status >= 500) throw new TransientError(`HTTP ${res.status}`);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
      },
      { attempts: 3, backoffMs: 300, label: `notify ${shown(url)}` },
    );
    log.info({ webhook: shown(url) }, 'notification sent');
    return true;
  } catch (err) {
    log.warn({ webhook: shown(url), reason: reasonOf(err) }, 'notification failed');
    return false;
  }
}
