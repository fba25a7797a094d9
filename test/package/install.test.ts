// The package as a user gets it: `npm pack`, `npm install <tarball>` into a fresh folder (the
// registry, or the npm cache), `npx assay validate` on the bundled example, and a TypeScript
// consumer (examples/api/check-orders.ts, the README's example) type-checked against the
// installed types and run. A misspelt kwarg must not compile.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';

const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

function sh(cmd: string, args: string[], opts: SpawnSyncOptions = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 300_000, ...opts });
  return { code: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const tsconfig = (files: string[]) =>
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      // arquero's and flechette's own declarations do not pass a full check; ours are used, and checked, through the consumer.
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(ROOT, 'node_modules/@types')],
      outDir: '.',
    },
    files,
  });

describe('the packed package', () => {
  let dir: string;

  beforeAll(() => {
    const out = mkdtempSync(path.join(tmpdir(), 'assay-pack-'));
    const pack = sh('npm', ['pack', '--silent', '--pack-destination', out], { cwd: ROOT });
    expect(pack.code, pack.stderr).toBe(0);
    const tarball = readdirSync(out).find((f) => /^assay-.*\.tgz$/.test(f))!;
    dir = path.join(out, 'consumer');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const install = sh('npm', ['install', path.join(out, tarball), '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir });
    expect(install.code, install.stderr).toBe(0);
  }, 600_000);

  it('installs with a flechette arquero can use, and runs `npx assay validate` on the bundled example', () => {
    // flechette 2.7 needs a package the registry does not have; Assay's own dependency pins the one both use.
    const flechette = JSON.parse(readFileSync(path.join(dir, 'node_modules/@uwdata/flechette/package.json'), 'utf8'));
    expect(flechette.version).toBe('2.6.0');
    const example = 'node_modules/assay/examples/orders';
    const r = sh('npx', ['assay', 'validate', `${example}/orders.csv`, '--suite', `${example}/orders.suite.yml`], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/10 expectations: 7 passed, 3 failed \(3 warning\) — gate OPEN \(fail-on error\)/);
  }, 120_000);

  it('type-checks and runs a TypeScript consumer of validate, defineSuite and runPipeline', () => {
    copyFileSync(path.join(ROOT, 'examples/api/check-orders.ts'), path.join(dir, 'check-orders.ts'));
    writeFileSync(path.join(dir, 'tsconfig.json'), tsconfig(['check-orders.ts']));
    const tsc = sh(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: dir });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const run = sh(process.execPath, ['check-orders.js'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'records: 1/3 passed; gate closed',
      '  orders: expect_column_values_to_be_between(amount) failed (error)',
      'orders.csv: 3 failed',
      '### ✅ Assay: orders — gate open',
      'AssayDataError (data_access): file not found: missing.csv',
      'pipeline: read_error',
      '',
    ]);

    // The kwargs types come from the catalogue: a misspelt kwarg or a missing one is a compile error.
    writeFileSync(
      path.join(dir, 'bad.ts'),
      `import { defineSuite } from 'assay';
defineSuite({ name: 'x', expectations: [{ type: 'expect_column_values_to_not_be_null', kwargs: { colum: 'id' } }] });
defineSuite({ name: 'x', expectations: [{ type: 'expect_column_values_to_be_between', kwargs: { column: 'a', mostly: 'most' } }] });
`,
    );
    writeFileSync(path.join(dir, 'tsconfig.json'), tsconfig(['bad.ts']));
    const bad = sh(process.execPath, [TSC, '-p', 'tsconfig.json', '--noEmit'], { cwd: dir });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(
      /bad\.ts\(2,\d+\): error TS2353: Object literal may only specify known properties, and 'colum' does not exist/,
    );
    expect(bad.stdout).toMatch(/bad\.ts\(3,\d+\): error TS2322: Type 'string' is not assignable to type 'number/);
  }, 180_000);
});
