// Every result a test produces is checked against the published JSON Schema.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;
const schema = JSON.parse(readFileSync(new URL('../../src/report/result.schema.json', import.meta.url), 'utf8'));
const check = addFormats(new Ajv({ allErrors: true, strict: false })).compile(schema);

export function expectValidResult(result: unknown): void {
  const ok = check(JSON.parse(JSON.stringify(result)));
  expect(check.errors ?? [], 'result matches src/report/result.schema.json').toEqual([]);
  expect(ok).toBe(true);
}
