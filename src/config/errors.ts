// Helpers for configuration issues (the errors themselves are in ../errors.ts): positions of
// YAML syntax errors, did-you-mean, and ajv errors in plain words.
import type { ErrorObject } from 'ajv';
import type { YAMLError } from 'yaml';
import type { ConfigIssue, ConfigIssueCode } from '../errors.js';

/**
 * `yaml` errors as issues. Its messages carry " at line L, column C:" and a code excerpt;
 * we keep the first sentence and put the position in the fields instead.
 */
export function yamlErrorsToIssues(errors: readonly YAMLError[], file?: string): ConfigIssue[] {
  // `yaml` composes recursively and reports its own stack overflow as an error of the document.
  const tooDeep = (err: YAMLError) => /Maximum call stack/i.test(err.message);
  return errors.map((err) => ({
    code: tooDeep(err) ? 'too_deep' : 'yaml_syntax',
    file,
    line: err.linePos?.[0].line,
    column: err.linePos?.[0].col,
    path: '',
    message: tooDeep(err)
      ? 'nested too deeply to read (at most 64 levels)'
      : err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
  }));
}

// ---- did you mean -----------------------------------------------------------

/** Optimal-string-alignment distance: Levenshtein plus adjacent swaps ("betewen"). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Words longer than this get no suggestion: no name is that long, and the distance is quadratic. */
const SUGGEST_MAX_LENGTH = 200;

/** The nearest candidate within a third of the word's length (at least 1 edit), if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > SUGGEST_MAX_LENGTH) return undefined;
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of [...candidates].sort()) {
    // The length difference is a lower bound of the distance: most names need no table at all.
    if (Math.abs(name.length - word.length) > limit) continue;
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const near = closest(word, candidates);
  return near ? `: did you mean ${near}?` : '';
}

// ---- ajv errors ---------------------------------------------------------------

/** An issue before positions are known: `at` is a path relative to the validated value. */
export interface IssueDraft {
  code: ConfigIssueCode;
  at: string[];
  message: string;
}

export interface AjvWording {
  /** How to name the value at a path: "kwarg min_value", "key severity", "the suite". */
  label(at: string[]): string;
  codes: { unknown: ConfigIssueCode; missing: ConfigIssueCode; invalid: ConfigIssueCode };
}

export function pointerToPath(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The "must ..." part of an error, without the value's name. */
function mustText(err: ErrorObject): string {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'type':
      return `must be ${String(p.type).replace(/,/g, ' or ')}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => (typeof v === 'string' ? v : show(v))).join(', ')}`;
    case 'const':
      return `must be ${show(p.allowedValue)}`;
    default:
      return err.message ?? 'is invalid';
  }
}

/**
 * ajv errors (run with allErrors and verbose) as readable drafts. `if` errors repeat their
 * `then`/`else` errors and are dropped; a oneOf/anyOf becomes one message, or the errors of
 * the branch that went deeper into the value (the branch the user evidently meant).
 */
export function ajvErrorsToDrafts(errors: readonly ErrorObject[], wording: AjvWording): IssueDraft[] {
  let errs = errors.filter((e) => e.keyword !== 'if');
  const merged = new Map<ErrorObject, string>();
  for (const alt of errs.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    // Errors of this value's branches: the same schema path also checks sibling values (additionalProperties, items).
    const within = (e: ErrorObject) => e.instancePath === alt.instancePath || e.instancePath.startsWith(`${alt.instancePath}/`);
    const branch = errs.filter((e) => e !== alt && e.schemaPath.startsWith(`${alt.schemaPath}/`) && within(e));
    // required/additionalProperties sit on the object itself but mean its type matched.
    const deeper = branch.filter(
      (e) => e.instancePath !== alt.instancePath || e.keyword === 'required' || e.keyword === 'additionalProperties',
    );
    const drop = new Set(deeper.length ? [alt, ...branch.filter((e) => !deeper.includes(e))] : branch);
    if (!deeper.length) merged.set(alt, [...new Set(branch.map(mustText))].join(', or ') || mustText(alt));
    errs = errs.filter((e) => !drop.has(e));
  }
  return errs.map((err) => {
    const at = pointerToPath(err.instancePath);
    const p = err.params as Record<string, unknown>;
    if (err.keyword === 'required') {
      return { code: wording.codes.missing, at, message: `missing required ${wording.label([...at, String(p.missingProperty)])}` };
    }
    if (err.keyword === 'additionalProperties') {
      const name = String(p.additionalProperty);
      const known = Object.keys((err.parentSchema?.properties as object | undefined) ?? {});
      return {
        code: wording.codes.unknown,
        at: [...at, name],
        message: `unknown ${wording.label([...at, name])}${didYouMean(name, known)}`,
      };
    }
    const must = merged.get(err) ?? mustText(err);
    return { code: wording.codes.invalid, at, message: `${wording.label(at)} ${must} (got ${show(err.data)})` };
  });
}
