// `validate: {source: …}` over a Spark table (SPARK_URL; scripts/start-spark.sh): the suite runs
// in the cluster as one job, nothing is copied into the run, and the results join the results
// table, the meta-suite and the gate as for PostgreSQL. A Spark source SQL would read is refused.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection, type ServerConnection } from '../../src/connections/index.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { AssayPipelineError } from '../../src/errors.js';
import { parsePipeline } from '../../src/pipeline/config.js';
import { sparkUrl } from '../helpers/services.js';
import { project, queryFile, run } from './helpers.js';

const URL = await sparkUrl(import.meta.url);
const DB = `assay_pipeline_${process.pid}`;

const SUITE = `name: regions
expectations:
  - type: expect_table_row_count_to_be_between
    kwargs: {min_value: 1, max_value: 1000}
  - type: expect_column_values_to_not_be_null
    kwargs: {column: region_id}
  - type: expect_column_values_to_be_in_set
    kwargs: {column: country, value_set: [FR, DE, IT]}
  - type: expect_column_mean_to_be_between
    kwargs: {column: population, min_value: 1}
`;

const pipeline = (extra = '') => `name: regions_check
sources:
  regions: {spark: {url_env: SRC_URL}, table: ${DB}.regions}
steps:
  - validate: {source: regions, suite: suites/regions.yml}
${extra}`;

describe('a Spark source in a pipeline file', () => {
  it('is validated in place only: SQL that reads it is refused', async () => {
    const dir = project({ 'suites/regions.yml': SUITE });
    const text = pipeline('  - extract: {table: r, sql: "SELECT * FROM regions"}\n');
    const err = await parsePipeline(text, path.join(dir, 'pipeline.yml'), await loadCatalogue()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssayPipelineError);
    expect((err as Error).message).toMatch(/source regions is a Spark source: it is validated where it lives/);
  });
});

describe.skipIf(!URL)('validate a Spark source where it lives', () => {
  let admin: ServerConnection;
  beforeAll(async () => {
    admin = await openConnection({ kind: 'spark', url: URL! });
    await admin.exec(`DROP DATABASE IF EXISTS ${DB} CASCADE`);
    await admin.exec(`CREATE DATABASE ${DB}`);
    await admin.exec(
      `CREATE TABLE ${DB}.regions USING parquet AS SELECT CAST(id AS INT) AS region_id, concat('region ', id) AS name,
        element_at(array('FR', 'DE', 'IT'), CAST(1 + id % 3 AS INT)) AS country, 1000 * id AS population FROM range(1, 101)`,
    );
  }, 180_000);
  afterAll(async () => {
    await admin?.exec(`DROP DATABASE IF EXISTS ${DB} CASCADE`).catch(() => {});
    await admin?.close();
  }, 60_000);

  it(
    'runs the suite in Spark as one job, copies nothing, and feeds the results table, meta-suite and gate',
    { timeout: 300_000 },
    async () => {
      const dir = project({ 'pipeline.yml': pipeline(), 'suites/regions.yml': SUITE, '.env': `SRC_URL=${URL}\n` });
      const r = await run(dir);
      expect(r).toMatchObject({
        status: 'validated',
        exit_code: 0,
        gate: 'open',
        steps: [{ kind: 'validate', table: 'regions', in_place: 'spark', success: true }],
      });
      expect(r.suites[0]).toMatchObject({ success: true, statistics: { evaluated_expectations: 4, successful_expectations: 4 } });
      expect(r.suites[0]!.results[0]!.result.observed_value).toBe(100);
      expect(r.data_sources).toEqual([
        expect.stringMatching(
          new RegExp(`^regions \\(Spark table \`${DB}\`\\.\`regions\` at spark://127\\.0\\.0\\.1:10000/\\w+, validated in place\\)$`),
        ),
      ]);
      expect(r.meta_validation).toMatchObject({ suite_name: 'assay_default_meta', success: true });
      const validated = readFileSync(r.files.log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .filter((l) => l.msg === 'validated');
      expect(validated).toEqual([expect.objectContaining({ table: 'regions', queries: { fused: 1, fallback: 0, 'follow-up': 0 } })]);
      expect(existsSync(path.join(r.run_dir, 'landed'))).toBe(false);
      const rows = await queryFile(
        path.join(r.run_dir, 'work.duckdb'),
        'SELECT table_name, step, expectation_type, success FROM assay_validation_results ORDER BY expectation_index',
      );
      expect(rows).toHaveLength(4);
      expect(rows.every((x) => x.table_name === 'regions' && x.success === true)).toBe(true);
    },
  );

  it('a failure in Spark closes the gate, with samples of the failing values', { timeout: 300_000 }, async () => {
    const failing = SUITE.replace('value_set: [FR, DE, IT]', 'value_set: [FR, DE]');
    const dir = project({ 'pipeline.yml': pipeline(), 'suites/regions.yml': failing, '.env': `SRC_URL=${URL}\n` });
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'blocked', exit_code: 1, gate: 'closed' });
    expect(r.gate_reasons).toContain('regions: expect_column_values_to_be_in_set(country) failed (error)');
    expect(r.suites[0]!.results[2]!.result).toMatchObject({ element_count: 100, unexpected_count: 33 });
    expect(r.suites[0]!.results[2]!.result.partial_unexpected_list).toEqual(expect.arrayContaining(['IT']));
  });
});
