// assay.config.*: found from the working directory upward, checked like a suite (line-numbered
// issues), paths resolved against its folder, flags over the file, no secrets in it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineConfig, findConfigFile, loadConfig } from '../../src/config/project.js';
import { AssayConfigError } from '../../src/errors.js';
import { assay, ROOT } from '../cli/run-cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'assay-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmp, 'p-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('the config file', () => {
  it('is found from a subfolder upward, and its paths are relative to it', async () => {
    const dir = project({
      'assay.config.yaml': 'runs: out/runs\nexpectations: [checks]\nfailOn: warning\n',
      'a/b/.keep': '',
      'checks/.keep': '',
    });
    expect(findConfigFile(path.join(dir, 'a/b'))).toBe(path.join(dir, 'assay.config.yaml'));
    const { file, config } = await loadConfig({ cwd: path.join(dir, 'a/b') });
    expect(file).toBe(path.join(dir, 'assay.config.yaml'));
    expect(config).toEqual({ runs: path.join(dir, 'out/runs'), expectations: [path.join(dir, 'checks')], failOn: 'warning' });
  });

  it('reports every problem with its line and column', async () => {
    const dir = project({ 'assay.config.yaml': 'failOn: fatal\nrun: x\nsuites: nope\n' });
    const err = await loadConfig({ cwd: dir }).catch((e) => e);
    expect(err).toBeInstanceOf(AssayConfigError);
    const text = err.format();
    expect(text).toMatch(/assay\.config\.yaml:1:1: key failOn must be one of error, warning, info \(got "fatal"\)/);
    expect(text).toMatch(/assay\.config\.yaml:2:1: unknown key run: did you mean runs\?/);
    expect(text).toMatch(/assay\.config\.yaml:3:1: key suites must be array/);
  });

  it('refuses a connection URL with a password, and names the variable to use instead', async () => {
    const dir = project({
      'assay.config.json': '{\n  "connections": {\n    "warehouse": {"env": "postgres://app:s3cret@db/prod"}\n  }\n}\n',
    });
    const err = await loadConfig({ cwd: dir }).catch((e) => e);
    expect(err.issues.map((i: { code: string }) => i.code)).toContain('secret_in_config');
    expect(err.format()).toMatch(/assay\.config\.json:3:\d+: connection warehouse holds a URL with a password: .*\{env: WAREHOUSE_URL\}/);
    expect(err.format()).not.toMatch(/^.*:3:\d+: .*s3cret/m);
  });

  it('a folder it names that is missing, or not a folder, is an issue at its line (a module config: at the file)', async () => {
    const dir = project({
      'assay.config.yaml': 'runs: out\nexpectations:\n  - checks\n  - missing\n',
      'checks/.keep': '',
      out: 'a file, not a folder',
    });
    const err = await loadConfig({ cwd: dir }).catch((e) => e);
    expect(err).toBeInstanceOf(AssayConfigError);
    expect(err.format()).toBe(
      [
        `${path.join(dir, 'assay.config.yaml')}:4:5: key expectations[1]: no such folder: missing (custom expectation types are read from it)`,
        `${path.join(dir, 'assay.config.yaml')}:1:7: key runs: not a folder: out (runs are saved in it)`,
      ].join('\n'),
    );
    const json = project({ 'assay.config.json': '{\n  "expectations": [\n    "nope"\n  ]\n}\n' });
    await expect(loadConfig({ cwd: json })).rejects.toThrow(/assay\.config\.json:3:5: key expectations\[0\]: no such folder: nope/);
    const mjs = project({ 'assay.config.mjs': "export default { expectations: ['nope'] };\n" });
    const m = await loadConfig({ cwd: mjs }).catch((e) => e);
    expect(m.format()).toBe(
      `${path.join(mjs, 'assay.config.mjs')}: key expectations[0]: no such folder: nope (custom expectation types are read from it)`,
    );
  });

  it('a JavaScript config default-exports defineConfig({...})', async () => {
    expect(defineConfig({ failOn: 'info' })).toEqual({ failOn: 'info' });
    const dir = project({ 'assay.config.mjs': "export default { failOn: 'info', suites: ['s.yml'] };\n" });
    expect((await loadConfig({ cwd: dir })).config).toEqual({ failOn: 'info', suites: [path.join(dir, 's.yml')] });
    const bad = project({ 'assay.config.mjs': "export default { failOn: 'never' };\n" });
    await expect(loadConfig({ cwd: bad })).rejects.toThrow(/assay\.config\.mjs: key failOn must be one of error, warning, info/);
  });
});

describe('assay config and the flags', () => {
  const csv = 'id,v\n1,a\n2,\n';
  const suite = 'name: s\nexpectations:\n  - type: expect_column_values_to_not_be_null\n    kwargs: {column: v}\n    severity: warning\n';

  it('the file sets fail-on and the suite; a flag wins over it; assay config says where each came from', () => {
    const dir = project({ 'assay.config.yaml': 'failOn: warning\nsuites: [s.yml]\n', 's.yml': suite, 'd.csv': csv });
    expect(assay(['validate', 'd.csv', '-q'], { cwd: dir }).code).toBe(1); // the warning closes the gate
    expect(assay(['validate', 'd.csv', '-q', '--fail-on', 'error'], { cwd: dir }).code).toBe(0);
    const shown = JSON.parse(assay(['config', '--json', '--fail-on', 'error'], { cwd: dir }).stdout);
    expect(shown.settings.failOn).toEqual({ value: 'error', from: 'command line' });
    expect(shown.settings.suites).toEqual({ value: [path.join(dir, 's.yml')], from: 'assay.config.yaml' });
    expect(shown.settings.runs).toEqual({ value: null, from: 'default' });
    const text = assay(['config'], { cwd: dir }).stdout;
    expect(text).toMatch(/^failOn\s+warning\s+assay\.config\.yaml$/m);
    // --config names another file; a broken one stops every command with exit 2.
    const other = project({ 'x.json': '{"failOn": "loud"}' });
    const run = assay(['--config', path.join(other, 'x.json'), 'validate', 'd.csv', '-q'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/x\.json:1:\d+: key failOn must be one of error, warning, info/);
  });

  it("the config's suite, missing, is an error at its line in the config (exit 2)", () => {
    const dir = project({ 'assay.config.yaml': 'failOn: warning\nsuites:\n  - suites/orders.yml\n', 'd.csv': csv });
    const r = assay(['validate', 'd.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`${path.join(dir, 'assay.config.yaml')}:3:5: key suites[0]: no such suite file: suites/orders.yml`);
  });

  it("a TypeScript custom expectation is transpiled with the project's typescript when Node cannot import it", () => {
    // Under the repository, so `typescript` resolves as it would in a user's project.
    const dir = path.join(ROOT, 'test/.tmp/config-ts');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'checks'), { recursive: true });
    writeFileSync(path.join(dir, 'assay.config.json'), '{"expectations": ["checks"], "suites": ["s.yml"]}\n');
    writeFileSync(
      path.join(dir, 'checks/expect_column_values_to_be_even.ts'),
      `type Kit = { mapExpectation: (spec: object) => unknown };
interface K { column: string }
export default ({ mapExpectation }: Kit) =>
  mapExpectation({
    type: 'expect_column_values_to_be_even',
    description: 'Each value of a column is even.',
    schema: {},
    sentence: (k: K): string => \`values of \${k.column} even\`,
    unexpected: (ctx: { col(n: string): string; kwargs: K }): string => \`\${ctx.col(ctx.kwargs.column)} % 2 <> 0\`,
  });
`,
    );
    writeFileSync(path.join(dir, 's.yml'), 'name: s\nexpectations:\n  - type: expect_column_values_to_be_even\n    kwargs: {column: n}\n');
    writeFileSync(path.join(dir, 'd.csv'), 'n\n2\n4\n7\n');
    const run = assay(['validate', 'd.csv'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('values of n even');
    expect(run.stdout).toContain('1 unexpected of 3 values (33.33%); e.g. 7');
  });
});
