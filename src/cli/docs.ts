// `assay docs [runs folder]`: builds index.html over the saved runs (newest first, a success
// trend per suite, links to each report), and renders any run's missing report.html.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_RUNS_DIR } from '../report/runs-dir.js';
import { AssayUsageError, EXIT } from '../errors.js';
import { commandCatalogue, projectConfig } from './project.js';

export function registerDocsCommand(program: Command): void {
  program
    .command('docs')
    .description(`build index.html of the runs in a runs folder (default ${DEFAULT_RUNS_DIR})`)
    .argument('[runs]', 'runs folder: <runs>/<run-id>/run.json (or result.json) and report.html', DEFAULT_RUNS_DIR)
    .option('-o, --out <file>', 'where to write the index (default <runs>/index.html)')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (runs: string, o: { out?: string; quiet?: boolean }, cmd: Command) => {
      const { config } = await projectConfig();
      process.exitCode = await runDocs(cmd.args.length === 0 && config.runs ? config.runs : runs, o);
    });
}

export async function runDocs(runsDir: string, o: { out?: string; quiet?: boolean } = {}): Promise<number> {
  if (!existsSync(runsDir) || !statSync(runsDir).isDirectory()) {
    throw new AssayUsageError(
      `no runs folder at ${runsDir}: runs are saved there by \`assay validate --runs ${runsDir}\` and by pipeline runs`,
    );
  }
  // The renderers (handlebars) load only once the folder is known to exist.
  const { buildRunIndex, describer } = await import('../report/index.js');
  // Saved runs may use any type: every definition is loaded for their sentences.
  const catalogue = await (await commandCatalogue()).load();
  const res = await buildRunIndex(runsDir, { out: o.out, describe: describer(catalogue) });
  for (const s of res.skipped) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
  if (!o.quiet) {
    process.stdout.write(
      `${res.runs} run${res.runs === 1 ? '' : 's'}${res.rendered.length ? `, ${res.rendered.length} report${res.rendered.length === 1 ? '' : 's'} rendered` : ''}\n`,
    );
    process.stdout.write(`wrote ${path.normalize(res.file)}\n`);
  }
  return EXIT.OK;
}
