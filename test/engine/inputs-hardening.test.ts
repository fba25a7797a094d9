// Inputs that are not what their name says are data errors (exit 3) naming the file and where:
// random binary is not a CSV of zero rows, a JSON scalar or lines of arrays and strings are not
// records, a FIFO is not an empty file, and a field too long for DuckDB's line buffer is
// reported at its own line, not at line 1.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assay, workdir } from '../cli/run-cli.js';

const SUITE = 'name: s\nexpectations:\n  - type: expect_table_row_count_to_be_between\n    kwargs: {min_value: 0}\n';

function validate(name: string, content: string | Buffer | null): ReturnType<typeof assay> {
  const dir = workdir({ 's.yml': SUITE });
  const file = path.join(dir, name);
  if (content === null) execFileSync('mkfifo', [file]);
  else writeFileSync(file, content);
  return assay(['validate', file, '--suite', path.join(dir, 's.yml')]);
}

describe('inputs that are not what they say', () => {
  it('random binary named .csv is exit 3, not a table of zero rows', () => {
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256));
    const r = validate('data.csv', bytes);
    expect(r.code, r.stderr + r.stdout).toBe(3);
    expect(r.stderr).toMatch(/cannot read .*data.csv: it is binary, not text \(a NUL byte at byte \d+\)/);
  });

  it('a JSON scalar, and NDJSON mixing arrays and strings, are exit 3 naming the record', () => {
    const scalar = validate('data.json', '42\n');
    expect(scalar.code, scalar.stderr + scalar.stdout).toBe(3);
    expect(scalar.stderr).toMatch(/cannot read .*data.json, record 1: a JSON number where a record \(an object\) should be/);
    const mixed = validate('data.ndjson', '{"a": 1}\n[1, 2]\n"x"\n');
    expect(mixed.code, mixed.stderr + mixed.stdout).toBe(3);
    expect(mixed.stderr).toMatch(/cannot read .*data.ndjson, record 2: a JSON array where a record \(an object\) should be/);
  });

  it('a FIFO is exit 3 saying what it is, not "file is empty", and never hangs', () => {
    const r = validate('data.csv', null);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/cannot read .*data.csv: it is a named pipe \(FIFO\), not a file/);
  });

  it('a 10 MB field is reported at its own line', () => {
    const rows = ['id,note', ...Array.from({ length: 49 }, (_, i) => `${i + 1},x`), `50,${'y'.repeat(10 * 1024 * 1024)}`, '51,z'];
    const r = validate('big.csv', `${rows.join('\n')}\n`);
    expect(r.code, r.stderr.slice(0, 500)).toBe(3);
    expect(r.stderr).toMatch(/cannot read .*big.csv, line 51: Maximum line size/);
  });
});
