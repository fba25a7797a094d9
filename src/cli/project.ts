// The project a command runs in: its configuration (assay.config.*, found from the working
// directory upward, or --config) and the catalogue built from it — the one place the CLI
// builds the catalogue (built-in types plus the project's folders). A command resolves its
// settings here: a flag given on the command line wins over the file, the file over Assay's
// default, and `assay config` shows which one each value came from.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { didYouMean } from '../config/errors.js';
import type { AssayConfig, LoadedConfig } from '../config/project.js';
import { loadCatalogue, type Catalogue } from '../engine/catalogue.js';
import { AssayConfigError, AssayUsageError } from '../errors.js';
import type { RunCliOptions } from './run.js';
import type { ValidateCliOptions } from './validate.js';

let configFile: string | undefined;
let loaded: Promise<LoadedConfig> | undefined;

/** --config, from the program's options (set before each command's action). */
export function useConfigFile(file: string | undefined): void {
  configFile = file;
  loaded = undefined;
}

export function projectConfig(): Promise<LoadedConfig> {
  // Loaded on first use: program.ts imports this file, and `--help` must stay cheap.
  loaded ??= import('../config/project.js').then(({ loadConfig }) => loadConfig({ file: configFile }));
  return loaded;
}

export async function commandCatalogue(): Promise<Catalogue> {
  const { config } = await projectConfig();
  return loadCatalogue({ folders: config.expectations });
}

/** Where a setting's value came from. */
export type Origin = 'flag' | 'config' | 'default';

export interface Setting<T> {
  value: T;
  from: Origin;
}

/**
 * A setting: the flag when it was given on the command line, else the config's value, else the
 * flag's default. `option` is commander's attribute name (failOn for --fail-on).
 */
export function setting<K extends keyof AssayConfig>(
  cmd: Command | undefined,
  option: string,
  config: AssayConfig,
  key: K,
): Setting<AssayConfig[K] | undefined> {
  const flag = cmd?.getOptionValue(option) as AssayConfig[K] | undefined;
  if (flag !== undefined && cmd?.getOptionValueSource(option) === 'cli') return { value: flag, from: 'flag' };
  if (config[key] !== undefined) return { value: config[key], from: 'config' };
  return { value: flag, from: 'default' };
}

/** A path setting as given: relative to the working directory when it came from a flag. */
export const shown = (p: string | undefined) => (p ? path.relative(process.cwd(), p) || '.' : p);

/** `assay run`'s options with the config's runs folder and fail-on where no flag was given. */
export async function withRunSettings(cmd: Command, o: RunCliOptions): Promise<RunCliOptions> {
  const { config } = await projectConfig();
  return { ...o, failOn: setting(cmd, 'failOn', config, 'failOn').value ?? 'error', runs: setting(cmd, 'runs', config, 'runs').value };
}

/** `assay validate`'s options with the config's values where no flag was given. */
export async function withProjectSettings(cmd: Command, o: ValidateCliOptions): Promise<ValidateCliOptions & { suite: string }> {
  const { file, config, issue } = await projectConfig();
  const out = {
    ...o,
    failOn: setting(cmd, 'failOn', config, 'failOn').value ?? 'error',
    runs: setting(cmd, 'runs', config, 'runs').value,
    namedConnections: config.connections,
  };
  if (o.connection) {
    const named = config.connections?.[o.connection];
    if (!named)
      throw new AssayUsageError(
        `no connection ${o.connection} in ${file ? shown(file) : 'the config (there is no config file)'}${didYouMean(o.connection, Object.keys(config.connections ?? {}))}`,
      );
    if (o.urlEnv) throw new AssayUsageError('give --connection or --url-env, not both');
    out.urlEnv = named.env;
  }
  if (o.suite) return { ...out, suite: o.suite };
  const suites = config.suites ?? [];
  if (suites.length === 1 && !/[*?[{]/.test(suites[0]!)) {
    // The config's suite: a missing file is the config's problem, at its line.
    if (!existsSync(suites[0]!)) throw new AssayConfigError([issue(['suites', '0'], `no such suite file: ${shown(suites[0])}`)]);
    return { ...out, suite: suites[0]! };
  }
  throw new AssayUsageError(
    suites.length
      ? `name the suite with --suite: the config lists ${suites.length === 1 ? 'a glob' : `${suites.length} suites`} (${suites.map(shown).join(', ')})`
      : "required option '-s, --suite <file>' not specified (or name one suite in the config's suites)",
  );
}
