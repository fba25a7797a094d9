// `assay demo` at work: `assay validate` on examples/orders, then two runs of the bundled
// pipeline. Loaded by ./demo.ts when the command runs.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaffold } from '../pipeline/scaffold.js';
import { runOnce } from './run-action.js';
import { runValidate } from './validate-action.js';

const ROOT = [
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..'),
];

/** Sets process.exitCode: that of the validation, or 1 if the pipeline runs did not go as planned. */
export async function runDemo(out: string): Promise<void> {
  const root = ROOT.find((r) => existsSync(path.join(r, 'examples/orders/orders.csv')))!;
  const example = path.join(root, 'examples/orders');
  const json = path.join(out, 'result.json');
  process.stdout.write(`Validating ${path.relative(process.cwd(), example) || example}/orders.csv with orders.suite.yml\n\n`);
  process.exitCode = await runValidate([path.join(example, 'orders.csv')], {
    suite: path.join(example, 'orders.suite.yml'),
    json,
    html: path.join(out, 'report.html'),
    resultFormat: 'SUMMARY',
    failOn: 'error',
    header: true,
    logLevel: 'warn',
  });
  const pipelineOk = await pipelineDemo(out);
  if (!process.exitCode && !pipelineOk) process.exitCode = 1;
}

/** Two runs of the bundled pipeline: the first loads, the second (a bad delivery) is blocked. */
async function pipelineDemo(out: string): Promise<boolean> {
  const project = path.join(out, 'pipeline');
  rmSync(project, { recursive: true, force: true });
  scaffold(project);
  const file = path.join(project, 'pipeline.yml');
  const say = (text: string) => process.stdout.write(`\n${'='.repeat(78)}\n${text}\n\n`);
  say(
    `Pipeline run 1: two daily deliveries of orders (${path.join(project, 'staging/orders')}) into ${path.join(project, 'warehouse.duckdb')}`,
  );
  const first = await runOnce(file, { logLevel: 'warn' });
  copyFileSync(path.join(project, 'deliveries/orders-2026-03-03.csv'), path.join(project, 'staging/orders/orders-2026-03-03.csv'));
  say('Pipeline run 2: a late delivery with a refund booked as an order, an unknown status, an unknown customer and a repeated order id');
  const second = await runOnce(file, { logLevel: 'warn' });
  say('Where the results went');
  process.stdout.write(
    [
      `  warehouse (DuckDB):  ${path.join(project, 'warehouse.duckdb')}  (table orders: run 1's rows only)`,
      `  run folders:         ${path.join(project, '.assay/runs')}  (run.json, report.html, run.log, quarantine/)`,
      `  runs index:          ${path.join(project, '.assay/runs/index.html')}`,
      `  run ledger:          ${path.join(project, '.assay/ledger.duckdb')}  (assay runs ${file})`,
      '',
    ].join('\n'),
  );
  return first === 0 && second === 1;
}
