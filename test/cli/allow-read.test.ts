// --allow-read: the sandbox of `assay validate` on DuckDB admits the inputs and what the command
// line names besides (a reconciliation's other_table as a file, or a folder of them), never what
// the suite alone names.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assay, workdir } from './run-cli.js';

const dir = workdir({ 'target.csv': 'id,v\n1,a\n2,B\n3,c\n', 'secret.csv': 'id,v\n1,hunter2\n' });
mkdirSync(path.join(dir, 'sources'));
writeFileSync(path.join(dir, 'sources/source.csv'), 'id,v\n1,a\n2,b\n4,d\n');

function validate(otherTable: string, extra: string[]) {
  const suite = path.join(dir, 'recon.yml');
  const json = path.join(dir, 'recon.json');
  writeFileSync(
    suite,
    `name: recon\nexpectations:\n  - type: expect_table_to_match_other_table\n    kwargs: {other_table: ${JSON.stringify(otherTable)}, key: id}\n`,
  );
  const r = assay(['validate', path.join(dir, 'target.csv'), '--suite', suite, '--json', json, ...extra]);
  return { code: r.code, out: `${r.stdout}${r.stderr}`, result: JSON.parse(readFileSync(json, 'utf8')).results[0] };
}

describe('validate --allow-read', () => {
  const source = path.join(dir, 'sources/source.csv');
  it('a file the suite names is refused unless the command line admits it', () => {
    const refused = validate(source, []);
    expect(refused.code).toBe(1);
    expect(refused.result.exception_info.exception_message).toMatch(/disabled by configuration/);
    const admitted = validate(source, ['--allow-read', source]);
    expect(admitted.code, admitted.out).toBe(1);
    expect(admitted.result.result.observed_value).toEqual({ rows: 3, other_rows: 3, missing: 1, extra: 1, changed: 1, duplicate_keys: 0 });
  });

  it('a folder admits the files in it (and globs over them), nothing beside it', () => {
    const glob = validate(path.join(dir, 'sources/*.csv'), ['--allow-read', path.join(dir, 'sources')]);
    expect(glob.result.result.observed_value).toMatchObject({ missing: 1, extra: 1, changed: 1 });
    const secret = validate(path.join(dir, 'secret.csv'), ['--allow-read', path.join(dir, 'sources')]);
    expect(secret.result.exception_info.exception_message).toMatch(/disabled by configuration/);
    expect(secret.out).not.toContain('hunter2');
  });
});
