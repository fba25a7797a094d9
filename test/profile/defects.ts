// An orders table and its customers, generated from a seed, and the same data with one defect
// injected at a time: nulls, out-of-range values, new categories, duplicated keys, orphans,
// changed rows. Used to measure how many defects a suite suggested from the clean data catches.
import type { Table, Value } from './tables.js';

/** A small deterministic generator (mulberry32), so every run sees the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUS = ['placed', 'paid', 'shipped', 'delivered', 'returned'];
const COUNTRY = ['DE', 'FR', 'GB', 'IT', 'NL', 'PL', 'ES', 'US'];
/** Customers have even ids only, so an odd id within the range is an orphan no range check sees. */
export const CUSTOMER_IDS = Array.from({ length: 400 }, (_, i) => (i + 1) * 2);

export const ORDER_COLUMNS: Table['columns'] = [
  ['order_id', 'BIGINT', 'BIGINT'],
  ['customer_id', 'BIGINT', 'BIGINT'],
  ['status', 'VARCHAR', 'TEXT'],
  ['quantity', 'INTEGER', 'INTEGER'],
  ['amount', 'DOUBLE', 'DOUBLE PRECISION'],
  ['email', 'VARCHAR', 'TEXT'],
  ['sku', 'VARCHAR', 'TEXT'],
  ['country', 'VARCHAR', 'TEXT'],
  ['created_at', 'TIMESTAMP', 'TIMESTAMP'],
];
const col = (name: string) => ORDER_COLUMNS.findIndex(([c]) => c === name);

export function cleanOrders(n = 2000, seed = 42): Table {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const rows: Value[][] = [];
  for (let i = 0; i < n; i++) {
    const day = 1 + Math.floor(r() * 28);
    rows.push([
      100000 + i,
      pick(CUSTOMER_IDS),
      pick(STATUS),
      1 + Math.floor(r() * 9),
      r() < 0.01 ? null : Math.round((5 + r() * 495) * 100) / 100,
      `user${Math.floor(r() * 9000) + 1000}@shop${Math.floor(r() * 9) + 1}.example.com`,
      `${String.fromCharCode(65 + Math.floor(r() * 26))}${String.fromCharCode(65 + Math.floor(r() * 26))}-${String(Math.floor(r() * 9000) + 1000)}`,
      pick(COUNTRY),
      `2026-03-${String(day).padStart(2, '0')} ${String(Math.floor(r() * 24)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:00`,
    ]);
  }
  return { columns: ORDER_COLUMNS, rows };
}

export function customers(): Table {
  return {
    columns: [
      ['customer_id', 'BIGINT', 'BIGINT'],
      ['name', 'VARCHAR', 'TEXT'],
    ],
    rows: CUSTOMER_IDS.map((id) => [id, `customer ${id}`]),
  };
}

export interface Defect {
  name: string;
  kind: 'nulls' | 'out of range' | 'new category' | 'duplicated keys' | 'orphans' | 'changed rows';
  apply(rows: Value[][]): Value[][];
}

/** Sets `column` to `value(row, k)` in every `every`-th row (about 1% of rows at 100). */
function setEvery(column: string, every: number, value: (row: Value[], k: number) => Value): (rows: Value[][]) => Value[][] {
  const j = col(column);
  return (rows) =>
    rows.map((row, i) => {
      if (i % every !== 7) return row;
      const copy = [...row];
      copy[j] = value(row, i);
      return copy;
    });
}

export const DEFECTS: Defect[] = [
  { name: 'order_id null', kind: 'nulls', apply: setEvery('order_id', 100, () => null) },
  { name: 'customer_id null', kind: 'nulls', apply: setEvery('customer_id', 100, () => null) },
  { name: 'status null', kind: 'nulls', apply: setEvery('status', 100, () => null) },
  { name: 'email null', kind: 'nulls', apply: setEvery('email', 100, () => null) },
  { name: 'amount nulls rise from 1% to 5%', kind: 'nulls', apply: setEvery('amount', 25, () => null) },
  { name: 'negative amount', kind: 'out of range', apply: setEvery('amount', 100, (r) => -Number(r[col('amount')] ?? 10)) },
  { name: 'amount in cents (x100)', kind: 'out of range', apply: setEvery('amount', 100, (r) => Number(r[col('amount')] ?? 10) * 100) },
  { name: 'quantity zero', kind: 'out of range', apply: setEvery('quantity', 100, () => 0) },
  { name: 'quantity 500', kind: 'out of range', apply: setEvery('quantity', 100, () => 500) },
  { name: 'created_at in 2031', kind: 'out of range', apply: setEvery('created_at', 100, () => '2031-03-01 10:00:00') },
  { name: 'created_at in 1970', kind: 'out of range', apply: setEvery('created_at', 100, () => '1970-01-01 00:00:00') },
  { name: 'status "cancelled"', kind: 'new category', apply: setEvery('status', 100, () => 'cancelled') },
  { name: 'country "XX"', kind: 'new category', apply: setEvery('country', 100, () => 'XX') },
  { name: 'country "Germany"', kind: 'new category', apply: setEvery('country', 200, () => 'Germany') },
  {
    name: 'order_id duplicated',
    kind: 'duplicated keys',
    apply: (rows) => [...rows, ...rows.filter((_, i) => i % 100 === 7)],
  },
  { name: 'order_id reused within the table', kind: 'duplicated keys', apply: setEvery('order_id', 100, () => 100000) },
  { name: 'customer_id of no customer', kind: 'orphans', apply: setEvery('customer_id', 100, (r) => Number(r[col('customer_id')]) - 1) },
  { name: 'email without @', kind: 'changed rows', apply: setEvery('email', 100, (r) => String(r[col('email')]).replace('@', ' at ')) },
  { name: 'sku lower-case', kind: 'changed rows', apply: setEvery('sku', 100, (r) => String(r[col('sku')]).toLowerCase()) },
  { name: 'sku without dash', kind: 'changed rows', apply: setEvery('sku', 100, (r) => String(r[col('sku')]).replace('-', '')) },
  { name: 'country lower-case', kind: 'changed rows', apply: setEvery('country', 100, (r) => String(r[col('country')]).toLowerCase()) },
  {
    name: 'email padded to 80 characters',
    kind: 'changed rows',
    apply: setEvery('email', 100, (r) => String(r[col('email')]).padStart(80, 'x')),
  },
  { name: 'half the rows lost', kind: 'changed rows', apply: (rows) => rows.filter((_, i) => i % 2 === 0) },
  // A plausible amount changed to another plausible amount: no single-table rule can see it,
  // only a comparison with the source (expect_table_to_match_other_table) can.
  {
    name: 'amount changed within its range',
    kind: 'changed rows',
    apply: setEvery('amount', 100, (r) => Number(r[col('amount')] ?? 10) + 1),
  },
];
