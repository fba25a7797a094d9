// Start-up: a command loads only what it uses (bench/README.md, "Start-up"). The CLI as installed
// (the bundle of the package's bin) runs with a preloaded hook that lists, at exit, the CommonJS
// packages it loaded: those the bundle leaves outside (pino, DuckDB's native binding) show in
// require's cache.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './run-cli.js';

const EXAMPLE = ['examples/orders/orders.csv', '--suite', 'examples/orders/orders.suite.yml'];
const HOOK = `import { createRequire } from 'node:module';
const cache = createRequire(process.cwd() + '/').cache;
process.on('exit', () => {
  const names = Object.keys(cache).map((f) => f.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/)?.[1]).filter(Boolean);
  process.stderr.write('\\nLOADED ' + JSON.stringify([...new Set(names)].sort()) + '\\n');
});`;

/** The exit code of `assay ...args` and the packages of node_modules it loaded. */
function packagesLoaded(args: string[]): { code: number; packages: string[] } {
  const hook = `data:text/javascript,${encodeURIComponent(HOOK)}`;
  const r = spawnSync(process.execPath, ['--import', hook, CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (!line) throw new Error(r.stderr);
  return { code: r.status ?? -1, packages: JSON.parse(line.slice('LOADED '.length)) as string[] };
}

describe('start-up', () => {
  it('`assay validate` at the default log level does not load pino; at info it does', () => {
    const quiet = packagesLoaded(['validate', ...EXAMPLE, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.packages).toContain('@duckdb/node-bindings');
    expect(quiet.packages).not.toContain('pino');
    expect(quiet.packages).not.toContain('thread-stream');
    const logging = packagesLoaded(['validate', ...EXAMPLE, '--log-level', 'info', '--log-format', 'json']);
    expect(logging.code).toBe(0);
    expect(logging.packages).toContain('pino');
  });

  it('`assay --help` loads neither DuckDB nor pino', () => {
    const help = packagesLoaded(['--help']);
    expect(help.code).toBe(0);
    expect(help.packages).not.toContain('@duckdb/node-bindings');
    expect(help.packages).not.toContain('pino');
  });
});
