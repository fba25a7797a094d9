// `assay config`: the resolved configuration of the project and where each value came from
// (a flag, the config file, or Assay's default). Takes the flags that the file's keys stand for,
// so `assay config --fail-on warning` shows what a command given that flag would use.
import path from 'node:path';
import { Option, type Command } from 'commander';
import { projectConfig, setting, shown, type Origin } from './project.js';

export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description('print the resolved configuration (assay.config.* found from here upward, or --config) and where each value came from')
    .option('-s, --suite <file>', 'as `assay validate --suite`')
    .option('--runs <dir>', 'as `assay validate --runs`')
    .addOption(new Option('--fail-on <severity>', 'as `assay validate --fail-on`').choices(['error', 'warning', 'info']).default('error'))
    .option('--json', 'print as JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const { file, dir, config } = await projectConfig();
      const where = (from: Origin) => (from === 'config' ? shown(file)! : from === 'flag' ? 'command line' : 'default');
      const suiteFlag = cmd.getOptionValue('suite') as string | undefined;
      const values = {
        suites: suiteFlag
          ? { value: [path.resolve(suiteFlag)], from: 'flag' as const }
          : { value: config.suites, from: config.suites ? ('config' as const) : ('default' as const) },
        runs: setting(cmd, 'runs', config, 'runs'),
        failOn: setting(cmd, 'failOn', config, 'failOn'),
        expectations: { value: config.expectations ?? [], from: config.expectations ? 'config' : 'default' } as const,
        connections: { value: config.connections ?? {}, from: config.connections ? 'config' : 'default' } as const,
      };
      if (o.json) {
        const out = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v.value ?? null, from: where(v.from) }]));
        process.stdout.write(`${JSON.stringify({ file: file ?? null, dir, settings: out }, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${file ? `config file: ${shown(file)}` : `no config file (looked for assay.config.* from ${shown(dir)} upward)`}\n`,
      );
      const show = (v: unknown): string => {
        if (v === undefined) return '(none)';
        if (Array.isArray(v)) return v.length ? v.map((p) => (typeof p === 'string' ? shown(p) : String(p))).join(', ') : '(none)';
        if (typeof v === 'object' && v)
          return Object.keys(v).length
            ? Object.entries(v as Record<string, { env: string }>)
                .map(([n, c]) => `${n} (from $${c.env})`)
                .join(', ')
            : '(none)';
        return typeof v === 'string' && v.includes(path.sep) ? (shown(v) ?? '') : String(v);
      };
      const width = Math.max(...Object.keys(values).map((k) => k.length));
      for (const [key, v] of Object.entries(values))
        process.stdout.write(`${key.padEnd(width)}  ${show(v.value).padEnd(30)}  ${where(v.from)}\n`);
    });
}
