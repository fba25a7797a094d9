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
const CUSTOMER_IDS = Array.from({ length: 400 }, (_, i) => (i + 1) * 2);

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
