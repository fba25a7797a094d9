// The catalogue: every expectation type a validation may use, as a VALUE built once by the
// caller (the CLI per command, the API per call) and passed to whatever needs it: suite
// parsing, the engine, the suite schema, the reports. Built-in types are found by reading the
// `expectations/` folder, a project's own types by reading the folders its config names; each
// file default-exports one ExpectationDefinition, so the schema and listings cannot drift.
//
// Types are known by name before their files are imported: a small start-up matters (a CI
// validation of a small file), and a suite uses a handful of the ~70 types. `load(types)`
// imports what a run needs; `get` then answers synchronously. Built-in names come from the
// index the build writes (dist/expectations/index.json); without it (tests on the sources)
// every built-in file is imported. A project's file is named after its type.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { ExpectationDefinition, ExpectationFamily, JsonSchema } from './types.js';
import { AssayCatalogueError } from '../errors.js';
import { importModule } from './import-module.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** `expectations/` beside `src/`, both in the source tree and in dist/. */
export const EXPECTATIONS_DIR = path.resolve(here, '../../expectations');
/** Written by scripts/gen-suite-schema.mjs at build time: type → file name in EXPECTATIONS_DIR. */
export const INDEX_FILE = 'index.json';
/** Replaced by `true` in the CLI's bundle (scripts/bundle-cli.mjs), whose built-in types are in EXPECTATIONS_DIR/bundled/. */
declare const ASSAY_BUNDLE: boolean | undefined;
const BUILT_IN_MODULES = typeof ASSAY_BUNDLE === 'boolean' && ASSAY_BUNDLE ? path.join(EXPECTATIONS_DIR, 'bundled') : EXPECTATIONS_DIR;

export interface CatalogueOptions {
  /** Folders of a project's own expectation types, one file per type (`<type>.js|.mjs|.ts`). */
  folders?: readonly string[];
}

interface Entry {
  type: string;
  /** Absolute path of the file that defines the type. */
  file: string;
  builtIn: boolean;
  def?: ExpectationDefinition;
}

const EXPECTATION_FILE = /^[^_.][^.]*\.(ts|mts|js|mjs)$/;
const isExpectationFile = (f: string) => EXPECTATION_FILE.test(f) && !f.endsWith('.d.ts') && f !== INDEX_FILE;

export class Catalogue {
  private constructor(private readonly entries: Map<string, Entry>) {}

  /** Built-in types plus the project's folders. Duplicate names are refused. Imports nothing yet. */
  static async open(options: CatalogueOptions = {}): Promise<Catalogue> {
    const entries = new Map<string, Entry>();
    for (const entry of await builtIns()) entries.set(entry.type, entry);
    for (const folder of options.folders ?? []) {
      const dir = path.resolve(folder);
      let files: string[];
      try {
        files = readdirSync(dir).filter(isExpectationFile).sort();
      } catch (err) {
        throw new AssayCatalogueError(
          `cannot read the custom expectations folder ${folder}: ${(err as NodeJS.ErrnoException).code ?? err}`,
        );
      }
      for (const f of files) {
        const type = f.replace(/\.[^.]+$/, '');
        const file = path.join(dir, f);
        const seen = entries.get(type);
        if (seen) {
          const where = seen.builtIn ? 'a built-in type' : `already defined by ${seen.file}`;
          throw new AssayCatalogueError(`expectation type ${type} of ${file} is ${where}: rename the file and its type`);
        }
        entries.set(type, { type, file, builtIn: false });
      }
    }
    return new Catalogue(entries);
  }

  /** A catalogue of definitions given in code (tests, or a program's own types): all loaded. */
  static of(defs: Iterable<ExpectationDefinition>): Catalogue {
    const entries = new Map<string, Entry>();
    for (const def of defs) {
      if (entries.has(def.type)) throw new AssayCatalogueError(`expectation type ${def.type} is given twice`);
      entries.set(def.type, { type: def.type, file: '', builtIn: false, def });
    }
    return new Catalogue(entries);
  }

  /** Every type's name, sorted. */
  types(): string[] {
    return [...this.entries.keys()].sort();
  }

  has(type: string): boolean {
    return this.entries.has(type);
  }

  /** True for the project's own types. */
  isCustom(type: string): boolean {
    return this.entries.get(type)?.builtIn === false;
  }

  /** The file that defines a type. */
  fileOf(type: string): string | undefined {
    return this.entries.get(type)?.file;
  }

  /**
   * The definition of a type, or undefined when there is no such type. A known type must have
   * been loaded (`await catalogue.load([type])`); asking for one that was not is a bug.
   */
  get(type: string): ExpectationDefinition | undefined {
    const entry = this.entries.get(type);
    if (!entry) return undefined;
    if (!entry.def) throw new Error(`expectation type ${type} was not loaded: call catalogue.load([...types]) first`);
    return entry.def;
  }

  /** Imports the files of these types (default: every type); unknown names are skipped. */
  async load(types?: Iterable<string>): Promise<this> {
    const wanted = types ? [...new Set(types)].flatMap((t) => this.entries.get(t) ?? []) : [...this.entries.values()];
    await Promise.all(wanted.filter((e) => !e.def).map((e) => this.importEntry(e)));
    return this;
  }

  /** Every definition, sorted by type (imports every file). */
  async definitions(): Promise<ExpectationDefinition[]> {
    await this.load();
    return this.types().map((t) => this.entries.get(t)!.def!);
  }

  private async importEntry(entry: Entry): Promise<void> {
    // A project's file may be TypeScript (see ./import-module.ts).
    const mod = (entry.builtIn ? await import(pathToFileURL(entry.file).href) : await importModule(entry.file)) as { default?: unknown };
    for (const def of await definitionsOf(mod, entry.file)) {
      const target = this.entries.get(def.type);
      if (target?.file === entry.file) target.def = def;
      else if (!entry.builtIn)
        throw new AssayCatalogueError(`${entry.file} defines type ${def.type}: a custom expectation's file is named after its type`);
    }
    if (!entry.def) throw new AssayCatalogueError(`${entry.file} does not define the expectation type ${entry.type}`);
  }
}

/** A file's definitions: its default export, one or a list, or a function of the kit returning them. */
async function definitionsOf(mod: { default?: unknown }, file: string): Promise<ExpectationDefinition[]> {
  let value = mod.default;
  if (typeof value === 'function') value = (value as (kit: unknown) => unknown)((await import('./kit.js')).expectationKit);
  const defs = (Array.isArray(value) ? value : [value]) as ExpectationDefinition[];
  for (const def of defs) {
    if (!def || typeof def !== 'object' || typeof def.type !== 'string')
      throw new AssayCatalogueError(`${file} does not default-export an expectation definition`);
    for (const key of ['family', 'description', 'schema', 'sentence', 'columns', 'plan', 'judge'] as const)
      if (def[key] === undefined) throw new AssayCatalogueError(`${file}: expectation ${def.type} has no ${key}`);
  }
  return defs;
}

let builtInEntries: Promise<Entry[]> | undefined;

/** Built-in types by name: from the build's index, else by importing every file (and keeping them). */
function builtIns(): Promise<Entry[]> {
  builtInEntries ??= (async () => {
    const index = path.join(EXPECTATIONS_DIR, INDEX_FILE);
    const entry = (type: string, f: string): Entry => ({ type, file: path.join(BUILT_IN_MODULES, f), builtIn: true });
    if (existsSync(index))
      return Object.entries(JSON.parse(readFileSync(index, 'utf8')) as Record<string, string>).map(([t, f]) => entry(t, f));
    const entries: Entry[] = [];
    const seen = new Set<string>();
    for (const f of readdirSync(EXPECTATIONS_DIR).filter(isExpectationFile).sort()) {
      const file = path.join(EXPECTATIONS_DIR, f);
      for (const def of await definitionsOf(await import(pathToFileURL(file).href), file)) {
        if (seen.has(def.type)) throw new AssayCatalogueError(`expectation type ${def.type} is defined twice (expectations/${f})`);
        seen.add(def.type);
        entries.push({ ...entry(def.type, f), def });
      }
    }
    return entries;
  })();
  // Each catalogue gets its own entries (definitions are shared, loading state is not).
  return builtInEntries.then((list) => list.map((e) => ({ ...e })));
}

/** Built-in types plus a project's folders: the one way to build a catalogue. */
export function loadCatalogue(options: CatalogueOptions = {}): Promise<Catalogue> {
  return Catalogue.open(options);
}

/**
 * Built-in type → file name, for the build's index (scripts/gen-suite-schema.mjs, which imports it from dist/).
 * @public
 */
export async function builtInIndex(): Promise<Record<string, string>> {
  const catalogue = await loadCatalogue();
  return Object.fromEntries(catalogue.types().map((t) => [t, path.basename(catalogue.fileOf(t)!)]));
}

const resultFormat: JsonSchema = {
  description: 'How much detail the result carries (Great Expectations result_format).',
  oneOf: [
    { enum: ['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE'] },
    {
      type: 'object',
      properties: {
        result_format: { enum: ['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE'] },
        partial_unexpected_count: { type: 'integer', minimum: 0, maximum: 2_147_483_647 },
        unexpected_index_column_names: { type: 'array', items: { type: 'string' } },
        include_unexpected_rows: { type: 'boolean' },
        return_unexpected_index_query: { type: 'boolean' },
        exclude_unexpected_values: { type: 'boolean' },
      },
      additionalProperties: false,
    },
  ],
};

const common: Record<string, JsonSchema> = {
  result_format: resultFormat,
  catch_exceptions: { type: 'boolean', description: 'Turn an error into a failed result (always on in Assay).' },
  row_condition: { type: 'string', description: 'Only rows matching this condition are checked (SQL by default).' },
  condition_parser: {
    enum: ['sql', 'great_expectations', 'great_expectations__experimental__', 'pandas'],
    description: 'Syntax of row_condition: sql (default) or Great Expectations\' col("x") > 1 form.',
  },
  meta: { type: 'object' },
  // Written by Great Expectations 0.x into saved suites; accepted and ignored.
  include_config: { type: 'boolean', description: 'Ignored (Great Expectations 0.x).' },
  batch_id: { type: 'string', description: 'Ignored (Great Expectations).' },
};

const mostly: JsonSchema = { type: 'number', minimum: 0, maximum: 1, description: 'Fraction of non-null rows that must pass.' };
const column: JsonSchema = { type: 'string', minLength: 1, description: 'Column to check.' };

/** Kwargs every expectation of a family accepts, beside its own. */
export function familyKwargs(family: ExpectationFamily): { properties: Record<string, JsonSchema>; required: string[] } {
  switch (family) {
    case 'column_map':
      return { properties: { ...common, column, mostly }, required: ['column'] };
    case 'column_pair_map':
      return {
        properties: {
          ...common,
          column_A: column,
          column_B: column,
          mostly,
          ignore_row_if: { enum: ['both_values_are_missing', 'either_value_is_missing', 'neither'] },
        },
        required: ['column_A', 'column_B'],
      };
    case 'multicolumn_map':
      return {
        properties: {
          ...common,
          column_list: { type: 'array', items: { type: 'string' }, minItems: 1 },
          mostly,
          ignore_row_if: { enum: ['all_values_are_missing', 'any_value_is_missing', 'never'] },
        },
        required: ['column_list'],
      };
    case 'column_aggregate':
      return { properties: { ...common, column }, required: ['column'] };
    case 'table':
    case 'query':
      return { properties: { ...common }, required: [] };
  }
}

/** The full JSON Schema of one type's kwargs: family kwargs merged with the type's own. */
export function kwargsSchema(def: ExpectationDefinition): JsonSchema {
  const fam = familyKwargs(def.family);
  const own = def.schema as { properties?: Record<string, JsonSchema>; required?: string[] };
  return {
    ...def.schema,
    type: 'object',
    properties: { ...fam.properties, ...(own.properties ?? {}) },
    required: [...new Set([...fam.required, ...(own.required ?? [])])],
    additionalProperties: false,
  };
}
