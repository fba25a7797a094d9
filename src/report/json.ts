// The JSON result: GE's suite validation result plus Assay's run block. Its JSON Schema is
// src/report/result.schema.json; tests validate every result they produce against it.
import type { SuiteValidationResult } from '../engine/types.js';
import { writeOutputFile } from './output-file.js';

export function toJson(result: SuiteValidationResult): string {
  // bigint never reaches here (connections convert), but NaN/Infinity may: JSON has no spelling for them.
  return JSON.stringify(result, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}

export async function writeJsonResult(file: string, result: SuiteValidationResult): Promise<void> {
  await writeOutputFile(file, `${toJson(result)}\n`);
}
