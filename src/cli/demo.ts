// `assay demo`: validates the bundled example on embedded DuckDB (no server) and says where
// the result went. The example's warnings fail on purpose; its errors pass, so the gate opens.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { runValidate } from './validate.js';

const ROOT = [path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')];

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('validate the bundled example (examples/orders) and write its result to ./out/demo')
    .option('--out <dir>', 'where to write the results', 'out/demo')
    .action(async (o: { out: string }) => {
      const { existsSync } = await import('node:fs');
      const root = ROOT.find((r) => existsSync(path.join(r, 'examples/orders/orders.csv')))!;
      const example = path.join(root, 'examples/orders');
      const json = path.join(o.out, 'result.json');
      process.stdout.write(`Validating ${path.relative(process.cwd(), example) || example}/orders.csv with orders.suite.yml\n\n`);
      process.exitCode = await runValidate([path.join(example, 'orders.csv')], {
        suite: path.join(example, 'orders.suite.yml'),
        json,
        resultFormat: 'SUMMARY',
        failOn: 'error',
        header: true,
        logLevel: 'warn',
      });
    });
}
