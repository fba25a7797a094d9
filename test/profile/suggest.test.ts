// A suggested suite is a valid suite, says why for every expectation, and passes on the data it
// was drafted from, on every engine.
import { describe, expect, it } from 'vitest';
import { parseSuite } from '../../src/config/suite.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { validate } from '../../src/engine/validate.js';
import { profile } from '../../src/profile/profile.js';
import { suggestSuite } from '../../src/profile/suggest.js';
import { assay, workdir } from '../cli/run-cli.js';
import { engines, load } from './tables.js';
import { cleanOrders } from './defects.js';

describe.each(engines)('suggest on %s', (_name, open) => {
  it('drafts a suite that passes on its own data, each expectation with its reason', async () => {
    const conn = await open();
    try {
      const rel = await load(conn, 'suggest_orders', cleanOrders(1500));
      const s = suggestSuite(await profile(conn, rel), { name: 'orders' });
      const suite = parseSuite(s.yaml, 'suggested.yml', await (await loadCatalogue()).load());
      expect(suite.expectations.length).toBe(s.expectations.length);
      for (const e of s.expectations) expect(s.yaml).toContain(`# ${e.why}`);
      const types = new Set(s.expectations.map((e) => `${e.type}:${String(e.kwargs.column ?? '')}`));
      for (const t of [
        'expect_column_values_to_be_unique:order_id',
        'expect_column_values_to_not_be_null:customer_id',
        'expect_column_values_to_be_in_set:status',
        'expect_column_values_to_be_between:amount',
        'expect_column_values_to_match_regex:sku',
        'expect_column_value_lengths_to_equal:sku',
        'expect_table_row_count_to_be_between:',
      ])
        expect(types).toContain(t);
      const result = await validate(conn, rel, suite, { catalogue: await loadCatalogue() });
      const failed = result.results.filter((r) => !r.success).map((r) => [r.expectation_config, r.result, r.exception_info]);
      expect(failed).toEqual([]);
    } finally {
      await conn.close();
    }
  });
});

describe('assay profile and assay suggest', () => {
  it('profile prints a summary and writes JSON and HTML; suggest writes a suite that validate passes', () => {
    const dir = workdir({
      'orders.csv': [
        'order_id,status,amount',
        ...Array.from({ length: 60 }, (_, i) => `${i + 1},${['new', 'paid', 'sent'][i % 3]},${i * 2.5}`),
      ].join('\n'),
    });
    const p = assay(['profile', `${dir}/orders.csv`, '--json', `${dir}/p.json`, '--html', `${dir}/p.html`]);
    expect(p.stderr).toBe('');
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/60 rows, 3 columns \(2 scans/);
    expect(p.stdout).toMatch(/status VARCHAR · nulls 0.0% · distinct 3/);
    const s = assay(['suggest', `${dir}/orders.csv`, '--out', `${dir}/suite.yml`]);
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/Suggested \d+ expectations/);
    const v = assay(['validate', `${dir}/orders.csv`, '--suite', `${dir}/suite.yml`]);
    expect(v.stdout).toMatch(/0 failed/);
    expect(v.code).toBe(0);
    const bad = assay(['suggest', `${dir}/orders.csv`, '--reference', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--reference expects column=source:column/);
  });
});
