import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { validate } from '../../src/engine/validate.js';
import { keepHistory } from '../../src/history/record.js';
import { schemaChanges } from '../../src/history/schema-drift.js';
import { storeFile } from '../../src/history/store.js';
import { testDatabase } from './helpers.js';

const T = 'expect_table_schema_to_match_previous';
const db = testDatabase(
  `CREATE TABLE v1 (id BIGINT, email VARCHAR, amount DOUBLE)`,
  `CREATE TABLE renamed (id BIGINT, e_mail VARCHAR, amount DOUBLE)`,
  `CREATE TABLE grown (id BIGINT, email VARCHAR, amount DOUBLE, note VARCHAR)`,
  `CREATE TABLE retyped (id VARCHAR, email VARCHAR, amount DOUBLE)`,
);

describe(T, () => {
  it('lists what changed: a rename as removed plus added, a type, a move', () => {
    const v1 = [
      { name: 'id', type: 'BIGINT' },
      { name: 'email', type: 'VARCHAR' },
      { name: 'amount', type: 'DOUBLE' },
    ];
    expect(schemaChanges(v1, [v1[0]!, { name: 'e_mail', type: 'VARCHAR' }, v1[2]!])).toEqual([
      { change: 'removed', column: 'email', from: 'VARCHAR', renamed: 'e_mail' },
      { change: 'added', column: 'e_mail', to: 'VARCHAR', renamed: 'email' },
    ]);
    expect(schemaChanges(v1, [v1[2]!, v1[0]!, { name: 'email', type: 'TEXT' }])).toEqual([
      { change: 'retyped', column: 'email', from: 'VARCHAR', to: 'TEXT' },
      { change: 'reordered', column: 'amount', from: 2, to: 0 },
      { change: 'reordered', column: 'id', from: 0, to: 1 },
      { change: 'reordered', column: 'email', from: 1, to: 2 },
    ]);
    expect(schemaChanges(v1, v1)).toEqual([]);
  });

  it('compares with the last successful run of the asset in the store, allowing what it is told to', async () => {
    const store = storeFile(mkdtempSync(path.join(tmpdir(), 'assay-drift-')));
    let day = 1;
    const run = async (table: string, kwargs: Record<string, unknown> = {}) => {
      const history = keepHistory({ store, asset: 'orders', now: new Date(Date.UTC(2026, 0, day++)), runId: `r${day}` });
      const result = await validate(
        db.conn,
        table,
        { name: 's', expectations: [{ type: T, kwargs, severity: 'error' }] },
        { ...history.options, catalogue: await loadCatalogue() },
      );
      await history.record(result);
      return result.results[0]!;
    };
    expect((await run('v1')).result.details).toMatchObject({ changes: [], note: expect.stringMatching(/no earlier successful run/) });
    const renamed = await run('renamed');
    expect(renamed.success).toBe(false);
    expect(renamed.result.details).toMatchObject({
      summary: 'removed email (VARCHAR; renamed to e_mail?), added e_mail (VARCHAR; renamed from email?)',
    });
    // The failed run is no baseline: the next one is compared with v1 again.
    expect((await run('grown')).success).toBe(false);
    expect((await run('grown', { allow: ['added'] })).success).toBe(true);
    // Now the grown table was a success: it is the baseline.
    expect((await run('retyped')).result.details).toMatchObject({
      changes: [
        { change: 'removed', column: 'note' },
        { change: 'retyped', column: 'id', from: 'BIGINT', to: 'VARCHAR' },
      ],
    });
  });

  it('without a store it passes with a note', async () => {
    expect(await db.check('v1', T, {})).toMatchObject({
      success: true,
      result: { details: { note: expect.stringMatching(/no metric store/) } },
    });
  });
});
