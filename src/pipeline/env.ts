// Secrets (connection URLs, webhook URLs, tokens) come from the environment or from a `.env`
// file beside the pipeline, never from the pipeline file itself. The environment wins.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AssayError } from '../errors.js';

/** KEY=VALUE lines; `#` comments, `export `, and single or double quotes are understood. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else value = value.replace(/\s+#.*$/, '');
    out[m[1]!] = value;
  }
  return out;
}

export class Env {
  private dotenv?: Record<string, string>;
  constructor(private readonly dir: string) {}

  get(name: string): string | undefined {
    const fromEnv = process.env[name];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    if (!this.dotenv) {
      try {
        this.dotenv = parseDotEnv(readFileSync(path.join(this.dir, '.env'), 'utf8'));
      } catch {
        this.dotenv = {};
      }
    }
    return this.dotenv[name] || undefined;
  }

  /** The value, or a clear error naming what needs it. */
  require(name: string, what: string): string {
    const value = this.get(name);
    if (value === undefined)
      throw new AssayError(`${what}: environment variable ${name} is not set (set it, or add it to ${path.join(this.dir, '.env')})`);
    return value;
  }
}
