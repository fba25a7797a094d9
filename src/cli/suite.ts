// `assay suite lint` and `assay suite schema`: read, call the config functions, print.
// The suite reader (ajv, yaml) and the expectations of the catalogue load when a command runs.
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { InvalidArgumentError, type Command } from 'commander';
import { AssayConfigError } from '../errors.js';
import { buildSuiteSchema } from '../config/schema.js';
import { AssayUsageError } from '../errors.js';
import { commandCatalogue, projectConfig, shown } from './project.js';

const require = createRequire(import.meta.url);

/** `--param name=value`, repeatable; the value is read as YAML so `min=10` is a number. */
export function collectParam(spec: string, acc: Record<string, unknown>): Record<string, unknown> {
  const eq = spec.indexOf('=');
  if (eq < 1) throw new InvalidArgumentError(`expected name=value, got ${spec}`);
  // Option parsers run synchronously, so `yaml` is required when first needed rather than
  // imported at start-up (on Node both give the same CommonJS module).
  const { parse: parseYamlValue } = require('yaml') as typeof import('yaml');
  return { ...acc, [spec.slice(0, eq)]: parseYamlValue(spec.slice(eq + 1)) };
}

export function registerSuiteCommands(program: Command): void {
  const suite = program.command('suite').description('check expectation suites and publish their JSON Schema');

  suite
    .command('lint')
    .description('check suites (YAML, or Great Expectations JSON) without touching data; exit 2 on any issue')
    .argument('[file...]', "suite files (default: the config's suites)")
    .option('-p, --param <name=value>', 'value for a {"$PARAMETER": name} kwarg (repeatable)', collectParam, {})
    .action(async (files: string[], opts: { param: Record<string, unknown> }) => {
      const { loadSuite } = await import('../config/suite.js');
      const catalogue = await commandCatalogue();
      if (!files.length) files = await configSuites();
      for (const file of files) {
        try {
          const { expectations } = await loadSuite(file, catalogue, { parameters: opts.param, parametersFrom: '--param' });
          const n = expectations.length;
          process.stdout.write(`ok ${file}: ${n} expectation${n === 1 ? '' : 's'}\n`);
        } catch (err) {
          if (!(err instanceof AssayConfigError)) throw err;
          process.stderr.write(`${err.format()}\n`);
          process.exitCode = 2;
        }
      }
    });

  suite
    .command('schema')
    .description('print the JSON Schema of suite files (for editors), or write it with --out')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action(async (opts: { out?: string }) => {
      const text = `${JSON.stringify(buildSuiteSchema(await (await commandCatalogue()).definitions()), null, 2)}\n`;
      if (opts.out) await writeFile(opts.out, text);
      else process.stdout.write(text);
    });
}

/** The config's suites, globs expanded (Node 20's fs has no glob: the input reader's is DuckDB's, too heavy here). */
async function configSuites(): Promise<string[]> {
  const { config } = await projectConfig();
  const patterns = config.suites ?? [];
  if (!patterns.length) throw new AssayUsageError("name the suite files to lint (or list them in the config's suites)");
  const { readdirSync } = await import('node:fs');
  const path = await import('node:path');
  const files = patterns.flatMap((p) => {
    if (!/[*?]/.test(p)) return [p];
    const dir = path.dirname(p);
    const re = new RegExp(
      `^${path
        .basename(p)
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    return readdirSync(dir)
      .filter((f) => re.test(f))
      .sort()
      .map((f) => path.join(dir, f));
  });
  return files.map((f) => shown(f) ?? f);
}
