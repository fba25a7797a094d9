// `assay init [dir]`: scaffolds a working pipeline project (see src/pipeline/scaffold.ts).
import path from 'node:path';
import type { Command } from 'commander';
import { scaffold } from '../pipeline/scaffold.js';

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('create a working pipeline project: pipeline, suites, transform SQL, sample data, .env.example')
    .argument('[dir]', 'folder to create it in', '.')
    .option('--force', 'overwrite files that already exist')
    .action((dir: string, o: { force?: boolean }) => {
      const written = scaffold(path.resolve(dir), { force: o.force });
      const shown = path.relative(process.cwd(), path.resolve(dir)) || '.';
      process.stdout.write(
        `Created ${written.length} files in ${shown}:\n${written.map((f) => `  ${f}`).join('\n')}\n\n` +
          `Next:\n  assay run ${path.join(shown, 'pipeline.yml')}\n  (then see ${path.join(shown, 'README.md')})\n`,
      );
    });
}
