// runPipeline from the package root: how a run ended is a value to switch on, failures included.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssayPipelineError, loadPipeline, runPipeline } from '../../src/index.js';
import { ROOT } from '../cli/run-cli.js';

function example(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-api-pipeline-'));
  cpSync(path.join(ROOT, 'examples/pipeline'), dir, { recursive: true });
  return dir;
}

describe('runPipeline', () => {
  it('says loaded, then nothing-new, then blocked, and gives failures as data', async () => {
    const dir = example();
    const file = path.join(dir, 'orders.pipeline.yml');
    const first = await runPipeline(file, { logLevel: 'silent' });
    expect(first.status).toBe('loaded');
    if (first.status !== 'loaded') return;
    expect(first.run.load?.rows).toBeGreaterThan(0);
    expect(first.run.exit_code).toBe(0);

    // A parsed pipeline runs the same way; the staged files were loaded already.
    const again = await runPipeline(await loadPipeline(file), { logLevel: 'silent' });
    expect(again).toMatchObject({ status: 'nothing-new', run: { status: 'nothing_new', exit_code: 0 } });

    // A delivery with a null order_id closes the strict gate.
    writeFileSync(
      path.join(dir, 'staging/orders/orders-2026-03-04.csv'),
      'order_id,customer_id,ordered_at,status,currency,amount,items\n,101,2026-03-04 10:00:00,placed,EUR,10.00,1\n',
    );
    const blocked = await runPipeline(file, { logLevel: 'silent' });
    expect(blocked.status).toBe('blocked');
    expect(blocked.run?.exit_code).toBe(1);
  });

  it('returns an invalid pipeline as an error outcome with no run', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assay-api-pipeline-'));
    writeFileSync(path.join(dir, 'p.yml'), 'name: x\nsources: {}\nsteps: []\n');
    const outcome = await runPipeline(path.join(dir, 'p.yml'));
    expect(outcome.status).toBe('error');
    if (outcome.status !== 'error') return;
    expect(outcome.run).toBeNull();
    expect(outcome.error).toBeInstanceOf(AssayPipelineError);
    expect(outcome.error).not.toHaveProperty('runResult');
  });
});
