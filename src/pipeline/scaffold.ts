// `assay init`: a working project made from the bundled example (examples/pipeline): the
// pipeline, its suites and transform, staged sample data, a late delivery that fails the gate,
// and a .env.example naming the variables secrets go in. Existing files are never overwritten
// unless asked.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssayError } from '../errors.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** examples/pipeline beside src/ (source tree) or beside dist/ (installed package). */
export function exampleDir(): string {
  const found = ['../../examples/pipeline', '../../../examples/pipeline']
    .map((p) => path.resolve(here, p))
    .find((p) => existsSync(path.join(p, 'orders.pipeline.yml')));
  if (!found) throw new AssayError('the bundled example (examples/pipeline) is missing from this installation');
  return found;
}

const ENV_EXAMPLE = `# Secrets for the pipeline: copy this file to .env (never commit .env) or set the variables
# in the environment, which wins. Pipeline files name variables (url_env, webhook_env,
# headers_env); they never hold connection strings or passwords.

# A PostgreSQL source:   sources: {shop: {postgres: {url_env: SOURCE_DB_URL}, sql: "SELECT ..."}}
SOURCE_DB_URL=postgres://reader:change-me@localhost:5432/shop

# A PostgreSQL target:   load: {target: {type: postgres, url_env: WAREHOUSE_URL}, ...}
WAREHOUSE_URL=postgres://loader:change-me@localhost:5432/warehouse

# A webhook told about every run:   notify: {webhook_env: ASSAY_WEBHOOK}
ASSAY_WEBHOOK=https://hooks.example.com/services/change-me
`;

const GITIGNORE = `.env
.assay/
warehouse.duckdb
warehouse.duckdb.wal
`;

const README = `# Orders pipeline (made by \`assay init\`)

    assay run pipeline.yml          # stage, validate, transform, meta-validate, load
    assay run pipeline.yml          # again: nothing new, every staged file was loaded
    cp deliveries/orders-2026-03-03.csv staging/orders/
    assay run pipeline.yml          # a bad delivery: the gate closes, nothing is loaded
    assay runs                      # the runs so far

Each run leaves a folder under .assay/runs/ with run.json, report.html, run.log, the
validation results and the quarantined rows. See .env.example for where secrets go.
`;

/** Relative paths of the example's files, with the text to write for each (schema links rewritten). */
function files(): Map<string, () => Buffer | string> {
  const src = exampleDir();
  const out = new Map<string, () => Buffer | string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(src, rel))) {
      const r = path.join(rel, name);
      if (statSync(path.join(src, r)).isDirectory()) walk(r);
      else if (!name.startsWith('.')) {
        const target = r === 'orders.pipeline.yml' ? 'pipeline.yml' : r;
        out.set(target, () => {
          if (!/\.ya?ml$/.test(name)) return readFileSync(path.join(src, r));
          // In a project, the schemas come with the installed package.
          const depth = target.split(path.sep).length - 1;
          return readFileSync(path.join(src, r), 'utf8').replace(
            /\$schema=\S*?suites\//,
            `$schema=${'../'.repeat(depth) || './'}node_modules/assay/suites/`,
          );
        });
      }
    }
  };
  walk('');
  out.set('.env.example', () => ENV_EXAMPLE);
  out.set('.gitignore', () => GITIGNORE);
  out.set('README.md', () => README);
  return out;
}

export function scaffold(dir: string, opts: { force?: boolean } = {}): string[] {
  const all = files();
  const clashes = [...all.keys()].filter((f) => existsSync(path.join(dir, f)));
  if (clashes.length && !opts.force) {
    throw new AssayError(`${dir} already has ${clashes.join(', ')}; choose an empty folder, or --force to overwrite them`);
  }
  for (const [rel, content] of all) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content());
  }
  return [...all.keys()].sort();
}
