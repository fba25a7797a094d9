// `assay demo`: validates the bundled example on embedded DuckDB (no server) and says where
// the result went. The example's warnings fail on purpose; its errors pass, so the gate opens.
// Then it runs the bundled pipeline (examples/pipeline) into a DuckDB file under the output
// folder twice: one run that loads, and one, after a bad delivery, that the gate blocks.
// The options only; the demo itself is in ./demo-action.ts, loaded when the command runs.
import type { Command } from 'commander';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'validate the bundled example (examples/orders), then run the bundled pipeline (examples/pipeline); results under ./out/demo',
    )
    .option('--out <dir>', 'where to write the results', 'out/demo')
    .action(async (o: { out: string }) => {
      const { runDemo } = await import('./demo-action.js');
      await runDemo(o.out);
    });
}
