// The records of a JSON response, read from a file chunk by chunk (src/pipeline/sources/json-records.ts):
// the same records JSON.parse finds, whatever the shape, with records and multi-byte characters
// split across chunks, and a clear error for what is not a records array.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonRecordsError, readJsonRecords } from '../../src/pipeline/sources/json-records.js';
import { project } from './helpers.js';

const dir = project({});
let n = 0;
async function records(body: string, at?: string): Promise<unknown[]> {
  const file = path.join(dir, `${n++}.json`);
  writeFileSync(file, body);
  const out: unknown[] = [];
  const count = await readJsonRecords(file, at, async (r) => {
    out.push(r);
  });
  expect(count).toBe(out.length);
  return out;
}

describe('readJsonRecords', () => {
  const items = [
    { id: 1, s: 'a,b]}' },
    { id: 2, s: 'quote " and \\ and [ {' },
    [1, [2]],
    'text, with comma',
    3.5,
    null,
    true,
    { nested: { a: [{}] } },
  ];

  it('finds the records where JSON.parse would: the array, the first array property, a dotted path', async () => {
    expect(await records(JSON.stringify(items))).toEqual(items);
    expect(await records(JSON.stringify({ total: 3, meta: { x: [1] }, data: items, other: [9] }))).toEqual(items);
    expect(await records(JSON.stringify({ a: [0], result: { rows: items, more: [1] } }), 'result.rows')).toEqual(items);
    expect(await records(JSON.stringify({ 'we"ird': { rows: [] }, result: { rows: items } }, null, 2), 'result.rows')).toEqual(items);
    expect(await records('  [ ]  ')).toEqual([]);
    expect(await records(' {"data" : [ 1 , "x" , {"k":"v"} ] } ')).toEqual([1, 'x', { k: 'v' }]);
  });

  it('reads records and characters split across chunks', async () => {
    const big = { id: 1, text: `é€😀"\\`.repeat(400_000) };
    const many = Array.from({ length: 50_000 }, (_, i) => ({ i, s: 'ü'.repeat(i % 50) }));
    expect(await records(JSON.stringify({ data: [big, ...many, big] }))).toEqual([big, ...many, big]);
  });

  it('refuses what is not a records array, saying what', async () => {
    const fails = async (body: string, at: string | undefined, message: RegExp) => {
      const err = await records(body, at).catch((e) => e);
      expect(err).toBeInstanceOf(JsonRecordsError);
      expect(err.message).toMatch(message);
    };
    await fails('', undefined, /empty/);
    await fails('{"data": [1, 2', undefined, /ends in the middle/);
    await fails('{"data": "[1]"}', undefined, /no records array/);
    await fails('{"data": [1]}', 'result.rows', /no records array/);
    await fails('{"data": [1, nope, 3]}', undefined, /record 2 is not JSON/);
    await fails('{"data": [1]]', undefined, /unexpected \]/);
    await fails('42', undefined, /no records array/);
  });
});
