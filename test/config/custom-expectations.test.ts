// A project's own expectation types (examples/custom): found from the config's folders, checked
// like built-ins, fused into the same scan, listed, in the suite schema and in the reports.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSuite, parseSuite } from '../../src/config/suite.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import { validate } from '../../src/engine/validate.js';
import { AssayCatalogueError, AssaySuiteError } from '../../src/errors.js';
import { assay, ROOT } from '../cli/run-cli.js';

const EXAMPLE = path.join(ROOT, 'examples/custom');
const FOLDER = path.join(EXAMPLE, 'expectations');
const TYPE = 'expect_column_values_to_be_valid_ean13';
const tmp = mkdtempSync(path.join(tmpdir(), 'assay-custom-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('custom expectations', () => {
  it('join the catalogue from the folders named, beside the built-ins', async () => {
    const catalogue = await loadCatalogue({ folders: [FOLDER] });
    expect(catalogue.has(TYPE)).toBe(true);
    expect(catalogue.isCustom(TYPE)).toBe(true);
    expect(catalogue.isCustom('expect_column_values_to_be_between')).toBe(false);
    expect((await loadCatalogue()).has(TYPE)).toBe(false);
  });

  it('a type named like a built-in one, or defined twice, is refused naming both files', async () => {
    const dup = mkdtempSync(path.join(tmp, 'dup-'));
    writeFileSync(path.join(dup, 'expect_column_values_to_be_between.mjs'), 'export default {};\n');
    await expect(loadCatalogue({ folders: [dup] })).rejects.toThrow(
      /expect_column_values_to_be_between of .*expect_column_values_to_be_between\.mjs is a built-in type/,
    );
    const twice = mkdtempSync(path.join(tmp, 'twice-'));
    writeFileSync(path.join(twice, `${TYPE}.mjs`), readFileSync(path.join(FOLDER, `${TYPE}.mjs`), 'utf8'));
    const err = await loadCatalogue({ folders: [FOLDER, twice] }).catch((e) => e);
    expect(err).toBeInstanceOf(AssayCatalogueError);
    expect(err.message).toContain(`already defined by ${path.join(FOLDER, `${TYPE}.mjs`)}`);
  });

  it('a file whose type does not match its name is refused when loaded', async () => {
    const dir = mkdtempSync(path.join(tmp, 'misnamed-'));
    writeFileSync(path.join(dir, 'expect_other.mjs'), readFileSync(path.join(FOLDER, `${TYPE}.mjs`), 'utf8'));
    const catalogue = await loadCatalogue({ folders: [dir] });
    await expect(catalogue.load(['expect_other'])).rejects.toThrow(
      /defines type expect_column_values_to_be_valid_ean13: a custom expectation's file is named after its type/,
    );
  });

  it('fuses into the one scan of the table with the built-in checks', async () => {
    const catalogue = await loadCatalogue({ folders: [FOLDER] });
    const suite = await loadSuite(path.join(EXAMPLE, 'products.suite.yml'), catalogue);
    const conn = await DuckDBConnection.open();
    try {
      const csv = path.join(EXAMPLE, 'products.csv');
      // Only the valid rows first: every check passes, so no follow-up query runs at all.
      await conn.exec(`CREATE TABLE good AS SELECT * FROM read_csv('${csv}') WHERE sku NOT IN ('P005', 'P011')`);
      const queries: string[] = [];
      const ok = await validate(conn, 'good', suite, { catalogue, onQuery: (sql, purpose) => queries.push(purpose) });
      expect(ok.results.map((r) => r.success)).toEqual([true, true, true]);
      expect(queries).toEqual(['fused']);

      await conn.exec(`CREATE TABLE all_rows AS SELECT * FROM read_csv('${csv}')`);
      const seen: { sql: string; purpose: string }[] = [];
      const res = await validate(conn, 'all_rows', suite, { catalogue, onQuery: (sql, purpose) => seen.push({ sql, purpose }) });
      expect(seen.filter((q) => q.purpose === 'fused')).toHaveLength(1);
      expect(seen.filter((q) => q.purpose === 'fallback')).toHaveLength(0);
      const ean = res.results[1]!;
      expect(ean.success).toBe(false);
      expect(ean.result).toMatchObject({ element_count: 12, unexpected_count: 2, missing_count: 0 });
      expect((ean.result.partial_unexpected_list as string[]).sort()).toEqual(['4001610426485', '404070378921']);
    } finally {
      await conn.close();
    }
  });

  it('its kwargs are checked by its schema, with file, line and column', async () => {
    const catalogue = await loadCatalogue({ folders: [FOLDER] });
    const text = `name: s\nexpectations:\n  - type: ${TYPE}\n    kwargs: {column: barcode, ignore_separators: 'yes', checksum: luhn}\n`;
    const err = await loadSuite(writeSuite('bad.yml', text), catalogue).catch((e) => e);
    expect(err).toBeInstanceOf(AssaySuiteError);
    expect(err.format()).toMatch(
      /bad\.yml:4:\d+: expectation 0 \(expect_column_values_to_be_valid_ean13\): kwarg ignore_separators must be boolean \(got "yes"\)/,
    );
    expect(err.format()).toMatch(/bad\.yml:4:\d+: .*unknown kwarg checksum/);
    // parseSuite wants the types loaded first; loadSuite did that for this catalogue.
    expect(() => parseSuite(text.replace("'yes'", 'true').replace(', checksum: luhn', ''), 'ok.yml', catalogue)).not.toThrow();
  });

  it('the CLI lists it, writes it into the suite schema, and shows it in the HTML report', () => {
    const listed = assay(['expectations'], { cwd: EXAMPLE });
    expect(listed.stdout).toMatch(new RegExp(`${TYPE}\\s+Each value of a column is a valid EAN-13 barcode`));
    const schema = JSON.parse(assay(['suite', 'schema'], { cwd: EXAMPLE }).stdout);
    expect(schema.properties.expectations.items.properties.type.enum).toContain(TYPE);
    expect(JSON.stringify(schema)).toContain('ignore_separators');

    const html = path.join(tmp, 'report.html');
    const run = assay(['validate', 'products.csv', '--html', html], { cwd: EXAMPLE });
    expect(run.code, run.stderr).toBe(1); // two bad barcodes; the suite comes from the config
    expect(run.stdout).toContain('values of barcode valid EAN-13 barcodes (spaces and dashes ignored)');
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(TYPE);
    expect(page).toContain('values of barcode valid EAN-13 barcodes (spaces and dashes ignored)');
    expect(page).toContain('2 of 12 values');
  });
});

function writeSuite(name: string, text: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}
