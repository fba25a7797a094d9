import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerSuiteCommands } from '../../src/cli/suite.js';

const dir = mkdtempSync(path.join(tmpdir(), 'assay-suite-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  const program = new Command().exitOverride();
  registerSuiteCommands(program);
  await program.parseAsync(['suite', ...args], { from: 'user' });
  const exitCode = process.exitCode;
  vi.restoreAllMocks();
  return { out: out.join(''), err: err.join(''), exitCode };
}

describe('assay suite', () => {
  it('lint prints every issue and exits 2', async () => {
    const bad = path.join(dir, 'bad.yml');
    writeFileSync(bad, 'name: x\nexpectations: []\n');
    const missing = path.join(dir, 'missing.yml');
    const { err, exitCode } = await run('lint', bad, missing);
    expect(exitCode).toBe(2);
    expect(err).toContain(`${bad}:2:1: the suite has no expectations`);
    expect(err).toContain(`${missing}: cannot read suite`);
  });

  it('schema writes the JSON Schema', async () => {
    const out = path.join(dir, 'suite.schema.json');
    await run('schema', '--out', out);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ title: 'Assay expectation suite' });
  });
});
