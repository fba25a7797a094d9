import path from 'node:path';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/pipeline/config.js';
import { project, SUITE_OK } from './helpers.js';
import { AssayPipelineError, formatIssue } from '../../src/errors.js';

async function issues(yaml: string, files: Record<string, string> = {}): Promise<string[]> {
  const dir = project({ 'suites/raw.yml': SUITE_OK, ...files, 'pipeline.yml': yaml });
  try {
    await loadPipeline(path.join(dir, 'pipeline.yml'), await loadCatalogue());
  } catch (err) {
    expect(err).toBeInstanceOf(AssayPipelineError);
    return (err as AssayPipelineError).issues.map((i) =>
      formatIssue({ ...i, file: path.basename(i.file ?? '') }).replace(/^([^:]+:\d+):\d+:/, '$1:'),
    );
  }
  throw new Error('expected the pipeline to be refused');
}

describe('pipeline files', () => {
  it('resolves relative paths against the pipeline folder and reads SQL files', async () => {
    const dir = project({
      'suites/raw.yml': SUITE_OK,
      'sql/final.sql': 'SELECT * FROM raw -- final\n',
      'pipeline.yml': `name: p
sources:
  files: {path: staging/*.csv}
  more: {path: [a.csv, b.parquet], format: csv, incremental: false}
steps:
  - extract: {table: raw, sql: "SELECT * FROM files"}
  - validate: {table: raw, suite: suites/raw.yml}
  - transform: {table: final, sql: sql/final.sql}
  - meta: {}
load:
  target: {type: duckdb, path: ../wh.duckdb}
  table: t
`,
    });
    const p = await loadPipeline(path.join(dir, 'pipeline.yml'), await loadCatalogue());
    expect(p.sources[0]).toMatchObject({ kind: 'files', paths: [path.join(dir, 'staging/*.csv')], incremental: true });
    expect(p.sources[1]).toMatchObject({ paths: [path.join(dir, 'a.csv'), path.join(dir, 'b.parquet')], incremental: false });
    expect(p.steps.map((s) => s.kind)).toEqual(['extract', 'validate', 'transform', 'meta']);
    expect(p.steps[2]).toMatchObject({ sql: 'SELECT * FROM raw -- final\n', sqlFile: path.join(dir, 'sql/final.sql') });
    expect(p.load).toMatchObject({ target: { type: 'duckdb', path: path.resolve(dir, '../wh.duckdb') }, from: 'final', mode: 'append' });
    expect(p.gate).toBe('strict');
    expect(p.stateDir).toBe(path.join(dir, '.assay'));
  });

  it('names file and line of every problem, with did-you-mean', async () => {
    const found = await issues(`name: p
sources:
  files: {path: x.csv, fromat: csv}
steps:
  - extract: {table: raw, sql: "SELECT 1"}
    validate: {table: raw, suite: suites/raw.yml}
  - transfrom: {table: t, sql: "SELECT 1"}
load:
  target: {type: duckdb}
  table: t
  mode: upsert
gate: strcit
`);
    expect(found).toEqual([
      'pipeline.yml:3: unknown key sources.files.fromat: did you mean format?',
      'pipeline.yml:5: key steps[0] must have exactly one of extract, transform, validate, meta',
      'pipeline.yml:7: unknown key steps[1].transfrom: did you mean transform?',
      'pipeline.yml:8: missing required key load.keys',
      'pipeline.yml:9: missing required key load.target.path',
      'pipeline.yml:12: key gate must be one of strict, quarantine, warn (got "strcit")',
    ]);
  });

  it('checks tables, SQL files and suites, naming their lines', async () => {
    const found = await issues(
      `name: p
sources:
  files: {path: x.csv}
steps:
  - extract: {table: files, sql: "SELECT 1"}
  - validate: {table: nope, suite: suites/raw.yml}
  - transform: {table: t, sql: missing.sql}
  - validate: {table: t, suite: suites/bad.yml}
load:
  target: {type: parquet, dir: out}
  table: t
  from: zzz
`,
      { 'suites/bad.yml': 'name: bad\nexpectations:\n  - type: expect_column_values_to_be_betwen\n    kwargs: {column: a}\n' },
    );
    expect(found).toEqual([
      'pipeline.yml:5: files is the name of a source; choose another table name',
      expect.stringMatching(/^pipeline.yml:6: no table nope exists at this step/),
      'pipeline.yml:7: cannot read SQL file missing.sql: file not found',
      expect.stringMatching(/^pipeline.yml:12: no table zzz exists/),
      'bad.yml:3: expectation 0 (expect_column_values_to_be_betwen): unknown expectation type expect_column_values_to_be_betwen: did you mean expect_column_values_to_be_between?',
    ]);
  });

  it('reports YAML syntax errors and an empty file', async () => {
    expect(await issues('name: [x\n')).toEqual([expect.stringMatching(/^pipeline.yml:\d+: /)]);
    expect(await issues('')).toEqual(['pipeline.yml:1: the file is empty: a pipeline needs a name, sources and steps']);
  });

  it('never accepts a connection string in the file: only the name of a variable', async () => {
    const found = await issues(`name: p
sources:
  db: {postgres: {url: "postgres://u:secret@h/db"}, sql: "SELECT 1"}
steps:
  - extract: {table: raw, sql: "SELECT * FROM db"}
`);
    expect(found).toEqual([
      'pipeline.yml:3: missing required key sources.db.postgres.url_env',
      expect.stringMatching(
        /^pipeline.yml:3: unknown key sources.db.postgres.url: connection strings and passwords never go in the pipeline file/,
      ),
    ]);
  });
});
