// expect_column_values_to_be_in_other_table on every engine: orphans counted by one anti-join
// in the engine, `mostly` over non-null values, orphan samples; and on DuckDB, a file as the
// referenced table.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { validate } from '../../src/engine/validate.js';
import { workdir } from '../cli/run-cli.js';
import { engines, load } from '../profile/tables.js';

const type = 'expect_column_values_to_be_in_other_table';

describe.each(engines)('%s: expect_column_values_to_be_in_other_table', (name, open) => {
  it('counts orphans in the engine, honours mostly and samples the orphans', async () => {
    const conn = await open();
    try {
      await load(conn, 'fk_customers', {
        columns: [
          ['id', 'INTEGER', 'INTEGER'],
          ['customer_id', 'INTEGER', 'INTEGER'],
        ],
        rows: [1, 2, 3, 4, null].map((id) => [id, 0]),
      });
      const orders = await load(conn, 'fk_orders', {
        columns: [
          ['order_id', 'INTEGER', 'INTEGER'],
          ['customer_id', 'INTEGER', 'INTEGER'],
        ],
        rows: [1, 2, 3, 9, null, 4, 9, 7, 1, 2].map((c, i) => [i + 1, c]),
      });
      const queries: string[] = [];
      const res = await validate(
        conn,
        orders,
        {
          name: 'fk',
          expectations: [
            // `customer_id` exists on both sides: the key must be the other table's `id`, not its `customer_id`.
            { type, kwargs: { column: 'customer_id', other_table: 'fk_customers', other_column: 'id' }, severity: 'error' },
            { type, kwargs: { column: 'customer_id', other_table: 'fk_customers', other_column: 'id', mostly: 0.6 }, severity: 'error' },
            {
              type,
              kwargs: { column: 'order_id', other_table: 'fk_customers', other_column: 'id', row_condition: 'order_id <= 4' },
              severity: 'error',
            },
            { type, kwargs: { column: 'customer_id', other_table: 'no_such_table' }, severity: 'error' },
          ],
        },
        { catalogue: await loadCatalogue(), onQuery: (sql) => queries.push(sql) },
      );
      const [strict, mostly, conditioned, missing] = res.results;
      expect(strict!.success).toBe(false);
      expect(strict!.result).toMatchObject({ element_count: 10, missing_count: 1, unexpected_count: 3 });
      expect((strict!.result.partial_unexpected_list as number[]).sort()).toEqual([7, 9, 9]);
      expect(mostly!.success).toBe(true); // 6 of 9 non-null values have a customer
      expect(conditioned!.success).toBe(true);
      expect(missing!.exception_info.raised_exception).toBe(true);
      // Pushed down: the other table is read by the engine, never by Node.
      expect(queries.some((q) => /NOT EXISTS \(SELECT 1 FROM \(SELECT "id" AS __assay_key FROM "fk_customers"/.test(q))).toBe(true);
      if (name === 'postgres') {
        const fromFile = await validate(
          conn,
          orders,
          {
            name: 'fk',
            expectations: [{ type, kwargs: { column: 'customer_id', other_table: 'customers.parquet' }, severity: 'error' }],
          },
          { catalogue: await loadCatalogue() },
        );
        expect(fromFile.results[0]!.exception_info.exception_message).toMatch(/only DuckDB reads/);
      }
    } finally {
      await conn.close();
    }
  });

  if (name === 'duckdb')
    it('reads a file as the other table', async () => {
      const dir = workdir();
      const file = path.join(dir, 'customers.csv');
      writeFileSync(file, 'id,name\n1,a\n2,b\n');
      const conn = await open();
      try {
        const orders = await load(conn, 'fk_orders', {
          columns: [['customer_id', 'INTEGER', 'INTEGER']],
          rows: [[1], [2], [3]],
        });
        const res = await validate(
          conn,
          orders,
          {
            name: 'fk',
            expectations: [{ type, kwargs: { column: 'customer_id', other_table: file, other_column: 'id' }, severity: 'error' }],
          },
          { catalogue: await loadCatalogue() },
        );
        expect(res.results[0]!.result).toMatchObject({ unexpected_count: 1, partial_unexpected_list: [3] });
      } finally {
        await conn.close();
      }
    });
});
