// Suites for library callers: from a file, from YAML/JSON text, or from an object (a
// defineSuite() value, a parsed JSON document). Objects are checked exactly like files: they are
// written out as YAML first, so an issue names its line and JSON pointer as a file's would.
import { stringify } from 'yaml';
import { loadSuite as loadSuiteFile, readSuite } from '../config/suite.js';
import { loadCatalogue, type Catalogue } from '../engine/catalogue.js';
import type { Suite } from '../engine/types.js';
import type { SuiteDefinition } from './define-suite.js';

export interface SuiteOptions {
  /** Values for `$PARAMETER` references in kwargs (evaluation/suite parameters). */
  parameters?: Record<string, unknown>;
  /** The expectation types a suite may use (default: the built-in ones; see loadCatalogue). */
  catalogue?: Catalogue;
}

// Suites that went through the checks; anything else a caller hands in is checked first.
const checked = new WeakSet<Suite>();

const mark = (suite: Suite): Suite => {
  checked.add(suite);
  return suite;
};

/** Reads and checks a suite file (Assay YAML, or Great Expectations JSON 0.x/1.x); throws AssaySuiteError listing every issue. */
export async function loadSuite(path: string, options: SuiteOptions = {}): Promise<Suite> {
  return mark(await loadSuiteFile(path, options.catalogue ?? (await loadCatalogue()), options));
}

/**
 * Checks a suite given as YAML or JSON text, or as an object; throws AssaySuiteError listing
 * every issue. `file` names it in messages (default `<suite>`).
 */
export async function parseSuite(input: string | SuiteDefinition | object, options: SuiteOptions & { file?: string } = {}): Promise<Suite> {
  const text = typeof input === 'string' ? input : stringify(input);
  return mark(await readSuite(text, options.file ?? '<suite>', options.catalogue ?? (await loadCatalogue()), options));
}

/** A suite argument as a checked suite: a path is loaded, an object checked (once). */
export async function resolveSuite(suite: string | Suite | SuiteDefinition, options: SuiteOptions = {}): Promise<Suite> {
  if (typeof suite === 'string') return loadSuite(suite, options);
  if (checked.has(suite as Suite)) return suite as Suite;
  return parseSuite(suite, options);
}
