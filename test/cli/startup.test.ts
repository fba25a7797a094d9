// Start-up: a command loads only what it uses (bench/README.md, "Start-up"). The CLI runs in a
// child process that then lists the CommonJS packages it loaded (pino, commander's and DuckDB's
// are CommonJS, so they show in require's cache).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './run-cli.js';

const EXAMPLE = ['examples/orders/orders.csv', '--suite', 'examples/orders/orders.suite.yml'];

/** The exit code of `assay ...args` and the packages of node_modules it loaded. */
function packagesLoaded(args: string[]): { code: number; packages: string[] } {
  const script = `
    import { createRequire } from 'node:module';
    process.stdout.write = () => true;
    const { main } = await import(${JSON.stringify(pathToFileURL(path.join(path.dirname(CLI), 'program.js')).href)});
    const code = await main(['node', 'assay', ...${JSON.stringify(args)}]);
    const names = Object.keys(createRequire(import.meta.url).cache).map((f) => f.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/)?.[1]);
    process.stderr.write('\\nLOADED ' + JSON.stringify({ code, packages: [...new Set(names.filter(Boolean))].sort() }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (!line) throw new Error(r.stderr);
  return JSON.parse(line.slice('LOADED '.length)) as { code: number; packages: string[] };
}

describe('start-up', () => {
  it('`assay validate` at the default log level does not load pino; at info it does', () => {
    const quiet = packagesLoaded(['validate', ...EXAMPLE, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.packages).toContain('@duckdb/node-api');
    expect(quiet.packages).not.toContain('pino');
    expect(quiet.packages).not.toContain('thread-stream');
    const logging = packagesLoaded(['validate', ...EXAMPLE, '--log-level', 'info', '--log-format', 'json']);
    expect(logging.code).toBe(0);
    expect(logging.packages).toContain('pino');
  });

  it('`assay --help` loads neither DuckDB nor pino', () => {
    const help = packagesLoaded(['--help']);
    expect(help.code).toBe(0);
    expect(help.packages).not.toContain('@duckdb/node-api');
    expect(help.packages).not.toContain('pino');
  });
});
