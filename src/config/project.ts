// The project's configuration: `assay.config.{ts,mjs,js,json,yaml,yml}`, found from the working
// directory upward (or named with --config). Checked with ajv like suites: every problem at
// once, with file:line:column for JSON and YAML (a .js/.ts config is a value, so its problems
// name the key). Relative paths in it are resolved against its folder, so a command run from a
// subfolder means the same files.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Severity } from '../engine/types.js';
import { AssayConfigError, type ConfigIssue } from '../errors.js';
import { ajvErrorsToDrafts, type AjvWording } from './errors.js';
import { importModule } from '../engine/import-module.js';
import { readYamlDocument, toPointer, type Locate } from './yaml-document.js';

/** A named connection: the environment variable holding its URL, never the URL's secret itself. */
export interface ConnectionConfig {
  /** Name of the environment variable that holds the connection URL, e.g. WAREHOUSE_URL. */
  env: string;
  /** Optional description shown by `assay config`. */
  description?: string;
}

/** What `assay.config.*` may say. Every key is optional; flags override each. */
export interface AssayConfig {
  /** Suite files (or globs): `assay suite lint` checks them when given none; `assay validate` uses the only one when --suite is absent. */
  suites?: string[];
  /** Runs folder: `assay validate` saves each run there (as --runs), `assay docs` indexes it. */
  runs?: string;
  /** Lowest severity whose failure closes the gate (as --fail-on). */
  failOn?: Severity;
  /** Named connections, by environment variable: `assay validate postgres --connection <name>`. */
  connections?: Record<string, ConnectionConfig>;
  /** Folders of the project's own expectation types, one file per type. */
  expectations?: string[];
}

/** Types a config file and helps an editor: `export default defineConfig({ ... })`. */
export function defineConfig(config: AssayConfig): AssayConfig {
  return config;
}

export const CONFIG_FILES = [
  'assay.config.ts',
  'assay.config.mts',
  'assay.config.mjs',
  'assay.config.js',
  'assay.config.json',
  'assay.config.yaml',
  'assay.config.yml',
] as const;

export interface LoadedConfig {
  /** The file read, absolute; undefined when there is none. */
  file?: string;
  /** Folder relative paths are resolved against (the file's, else the working directory). */
  dir: string;
  /** Checked, with paths made absolute. */
  config: AssayConfig;
  /**
   * An issue with a value of the file, e.g. `issue(['suites', '0'], 'no such file')`: placed at
   * the value's line and column in a JSON or YAML file, at the file alone in a module.
   */
  issue(at: readonly string[], message: string): ConfigIssue;
}

/** The nearest config file from `cwd` upward, or undefined. */
export function findConfigFile(cwd: string = process.cwd()): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const file = path.join(dir, name);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Reads the config named by `file`, else the nearest one from `cwd`; none is an empty config. */
export async function loadConfig(options: { file?: string; cwd?: string } = {}): Promise<LoadedConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const file = options.file ? path.resolve(cwd, options.file) : findConfigFile(cwd);
  if (!file) return { dir: cwd, config: {}, issue: (at, message) => ({ code: 'invalid_config', path: toPointer(at), message }) };
  if (!existsSync(file)) throw new AssayConfigError([{ code: 'read_error', file, path: '', message: 'no such config file' }]);
  let raw: unknown;
  let locate: Locate = () => ({});
  if (/\.(json|ya?ml)$/.test(file)) {
    const text = readFileSync(file, 'utf8');
    ({ raw, locate } = readYamlDocument(text, file, { code: 'invalid_config', message: 'the config file is empty' }, AssayConfigError));
  } else {
    const mod = (await importModule(file)) as { default?: unknown };
    raw = mod.default;
    if (raw === undefined)
      throw new AssayConfigError([
        {
          code: 'invalid_config',
          file,
          path: '',
          message: 'a config module default-exports its config: export default defineConfig({ ... })',
        },
      ]);
  }
  const dir = path.dirname(file);
  const issue = (at: readonly string[], message: string): ConfigIssue => ({
    code: 'invalid_config',
    file,
    ...locate(at, true),
    path: toPointer(at),
    message: `${keyLabel(at)}: ${message}`,
  });
  const config = resolvePaths(await checkConfig(raw, file, locate), dir);
  checkPaths(config, raw as AssayConfig, issue);
  return { file, dir, config, issue };
}

/**
 * The folders the config names must be folders: a misspelt one is a problem of the file, at its
 * line, rather than an error of whichever command first reads it. (Suites are checked by the
 * commands that read them: a suite may be written after the config.)
 */
function checkPaths(config: AssayConfig, raw: AssayConfig, issue: LoadedConfig['issue']): void {
  const issues: ConfigIssue[] = [];
  config.expectations?.forEach((folder, i) => {
    const why = !existsSync(folder) ? 'no such folder' : !statSync(folder).isDirectory() ? 'not a folder' : undefined;
    if (why) issues.push(issue(['expectations', String(i)], `${why}: ${raw.expectations![i]} (custom expectation types are read from it)`));
  });
  if (config.runs && existsSync(config.runs) && !statSync(config.runs).isDirectory())
    issues.push(issue(['runs'], `not a folder: ${raw.runs} (runs are saved in it)`));
  if (issues.length) throw new AssayConfigError(issues);
}

const connectionSchema = {
  type: 'object',
  properties: {
    env: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      description: 'Environment variable holding the URL (the URL itself never goes in the file).',
    },
    description: { type: 'string' },
  },
  required: ['env'],
  additionalProperties: false,
};

/** The JSON Schema of a config file (JSON or YAML; a module's default export has the same shape). */
export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Assay configuration',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    suites: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Suite files or globs.' },
    runs: { type: 'string', minLength: 1, description: 'Runs folder (as --runs).' },
    failOn: { enum: ['error', 'warning', 'info'], description: 'Lowest severity whose failure closes the gate (as --fail-on).' },
    connections: { type: 'object', additionalProperties: connectionSchema, description: 'Named connections, by environment variable.' },
    expectations: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Folders of custom expectation types.' },
  },
  additionalProperties: false,
};

const keyLabel = (at: readonly string[]) =>
  at.length ? `key ${at.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i ? `.${s}` : s)).join('')}` : 'the config';

const wording: AjvWording = {
  label: keyLabel,
  codes: { unknown: 'unknown_key', missing: 'invalid_config', invalid: 'invalid_config' },
};

async function checkConfig(raw: unknown, file: string, locate: Locate): Promise<AssayConfig> {
  // ajv loads only when there is a config file to check.
  const { Ajv } = await import('ajv');
  const validator = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(configSchema);
  const issues: ConfigIssue[] = [];
  const place = (at: string[], message: string, code: ConfigIssue['code'], atValue = false): ConfigIssue => ({
    code,
    file,
    ...locate(at, atValue),
    path: toPointer(at),
    message,
  });
  // A secret written into the file ends up in git: a connection names a variable, and one whose
  // value holds a URL with a password is refused outright, without echoing the value.
  const secrets = new Set<string>();
  const connections = (raw as AssayConfig | null)?.connections;
  if (connections && typeof connections === 'object') {
    for (const [name, value] of Object.entries(connections as Record<string, unknown>)) {
      if (!/[a-z][a-z0-9+.-]*:\/\/[^/\s"@]*:[^/\s"@]+@/i.test(JSON.stringify(value) ?? '')) continue;
      secrets.add(name);
      const env = `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
      issues.push(
        place(
          ['connections', name],
          `connection ${name} holds a URL with a password: put the URL in an environment variable and name it, e.g. {env: ${env}}`,
          'secret_in_config',
          true,
        ),
      );
    }
  }
  if (!validator(raw))
    for (const d of ajvErrorsToDrafts(validator.errors ?? [], wording))
      if (!(d.at[0] === 'connections' && secrets.has(d.at[1]!))) issues.push(place(d.at, d.message, d.code));
  if (issues.length) throw new AssayConfigError(issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  return raw as AssayConfig;
}

function resolvePaths(config: AssayConfig, dir: string): AssayConfig {
  const abs = (p: string) => path.resolve(dir, p);
  return {
    ...config,
    ...(config.suites ? { suites: config.suites.map(abs) } : {}),
    ...(config.runs ? { runs: abs(config.runs) } : {}),
    ...(config.expectations ? { expectations: config.expectations.map(abs) } : {}),
  };
}
