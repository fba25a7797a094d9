import type { Command } from 'commander';
import { commandCatalogue } from './project.js';

export function registerExpectationsCommand(program: Command): void {
  program
    .command('expectations')
    .description('list every expectation type with a one-line description')
    .option('--json', 'print as JSON (type, family, description)')
    .action(async (opts: { json?: boolean }) => {
      const defs = await (await commandCatalogue()).definitions();
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify(
            defs.map((d) => ({ type: d.type, family: d.family, description: d.description })),
            null,
            2,
          )}\n`,
        );
        return;
      }
      const width = Math.max(...defs.map((d) => d.type.length));
      for (const d of defs) process.stdout.write(`${d.type.padEnd(width)}  ${d.description}\n`);
    });
}
