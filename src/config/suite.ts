// Suite loading: canonical YAML and Great Expectations suite JSON (0.x and 1.x) as it is.
// JSON goes through the `yaml` parser too (YAML is a superset of JSON) so every node keeps
// its position and each problem can name file:line:column. All problems are collected.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalogue } from '../engine/catalogue.js';
import { checkRowCondition } from '../engine/row-condition.js';
import type { ExpectationConfig, ExpectationDefinition, Severity, Suite, UsedParameter } from '../engine/types.js';
import { AssayError, AssaySuiteError, type ConfigIssue } from '../errors.js';
import { ajvErrorsToDrafts, didYouMean, type AjvWording, type IssueDraft } from './errors.js';
import { evaluateParameter, isExpression, ParameterExpressionError } from '../history/parameters.js';
import { kwargValidator, shapeValidator } from './validators.js';
import { readYamlDocument, toPointer } from './yaml-document.js';

export interface ParseSuiteOptions {
  /** Values for `{"$PARAMETER": name}` kwargs; they win over the suite's own parameters. */
  parameters?: Record<string, unknown>;
  /**
   * Where each of `parameters` was set: a pipeline file's line (a bad value is reported there) or
   * an option such as `--param`. Unnamed ones come from "the caller".
   */
  origins?: Record<string, ParameterOrigin>;
  /** How errors and the run's record name where `parameters` without an origin came from (default "the caller"). */
  parametersFrom?: string;
  /** The run's clock, for now() in parameter expressions (default: the system clock). */
  now?: Date;
}

export interface ParameterOrigin {
  /** How the run's record names it: `pipeline.yml:7`, `--param`, `runPipeline parameters`. */
  label: string;
  /** The line the value was written on, when it was written in a file. */
  location?: { file: string; line?: number; column?: number };
  /** Its value could not be computed, and that was reported where it was set: kwargs using it say nothing more. */
  broken?: boolean;
}

export async function loadSuite(file: string, catalogue: Catalogue, options: ParseSuiteOptions = {}): Promise<Suite> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AssaySuiteError([{ code: 'read_error', file, path: '', message: `cannot read suite: ${(err as Error).message}` }]);
  }
  return readSuite(text, file, catalogue, options);
}

/** Like parseSuite, but first loads the catalogue's definitions of the types the suite uses. */
export async function readSuite(text: string, file: string, catalogue: Catalogue, options: ParseSuiteOptions = {}): Promise<Suite> {
  const doc = readSuiteDocument(text, file);
  await catalogue.load(typesOf(doc.raw));
  return checkSuite(doc, text, file, catalogue, options);
}

/**
 * Parses and checks a suite; throws AssaySuiteError listing every problem found. The catalogue must
 * have loaded the suite's types (readSuite and loadSuite do that).
 */
export function parseSuite(text: string, file: string, catalogue: Catalogue, options: ParseSuiteOptions = {}): Suite {
  return checkSuite(readSuiteDocument(text, file), text, file, catalogue, options);
}

type SuiteDocument = ReturnType<typeof readYamlDocument>;

function readSuiteDocument(text: string, file: string): SuiteDocument {
  return readYamlDocument(
    text,
    file,
    {
      code: 'invalid_suite',
      message: 'the file is empty: a suite needs a name and expectations',
    },
    AssaySuiteError,
  );
}

/** The expectation types a suite document names (GE JSON's expectation_type too). */
function typesOf(raw: unknown): string[] {
  const list = isObject(raw) && Array.isArray(raw.expectations) ? raw.expectations : [];
  return list.flatMap((e: unknown) =>
    isObject(e) && typeof (e.type ?? e.expectation_type) === 'string' ? [String(e.type ?? e.expectation_type)] : [],
  );
}

function checkSuite({ raw, locate }: SuiteDocument, text: string, file: string, catalogue: Catalogue, options: ParseSuiteOptions): Suite {
  const issues: ConfigIssue[] = [];
  const rawList = isObject(raw) && Array.isArray(raw.expectations) ? raw.expectations : [];
  const typeAt = (i: number) => {
    const e = rawList[i];
    return isObject(e) ? String(e.type ?? e.expectation_type ?? '') || undefined : undefined;
  };
  const place = (d: IssueDraft, base: string[], index?: number): ConfigIssue => {
    const path = [...base, ...d.at];
    return {
      code: d.code,
      file,
      ...locate(path),
      index,
      expectationType: index === undefined ? undefined : typeAt(index),
      path: toPointer(path),
      message: d.message,
    };
  };

  // 1. The document's own shape. GE JSON is read as it is, so its own keys are known (schema.ts);
  // any other key is a mistake the file's author should hear about, whichever format.
  const shape = shapeValidator();
  if (!shape(raw)) {
    for (const d of ajvErrorsToDrafts(shape.errors ?? [], shapeWording)) {
      const index = d.at[0] === 'expectations' && d.at.length > 1 ? Number(d.at[1]) : undefined;
      issues.push(place(d, [], index));
    }
  }
  if (!isObject(raw)) throw new AssaySuiteError(issues);
  if (Array.isArray(raw.expectations) && raw.expectations.length === 0) {
    issues.push({
      code: 'empty_suite',
      file,
      ...locate(['expectations']),
      path: '/expectations',
      message: 'the suite has no expectations: a green gate that checked nothing is a trap',
    });
  }

  // 2. Each expectation: a known type, then its kwargs against that type's schema.
  const params = { ...objectOr(raw.evaluation_parameters), ...objectOr(raw.suite_parameters), ...options.parameters };
  const originOf = (name: string): ParameterOrigin =>
    options.parameters && Object.hasOwn(options.parameters, name)
      ? (options.origins?.[name] ?? { label: options.parametersFrom ?? 'the caller' })
      : { label: path.basename(file) };
  const used: Record<string, UsedParameter> = {};
  const expectations: ExpectationConfig[] = [];
  rawList.forEach((entry: unknown, index: number) => {
    if (!isObject(entry)) return; // reported by the shape check
    const typeKey = 'type' in entry ? 'type' : 'expectation_type';
    const type = entry[typeKey];
    if (typeof type !== 'string' || !type) return;
    const base = ['expectations', String(index)];
    const def = catalogue.get(type);
    if (!def) {
      const name = type.length > 100 ? `${type.slice(0, 60)}... (${type.length} characters)` : type;
      const message = `unknown expectation type ${name}${didYouMean(type, catalogue.types()) || ' (`assay expectations` lists them)'}`;
      // At the value, where the typo is, so editors underline the name itself.
      const at = locate([...base, typeKey], true);
      issues.push({ ...place({ code: 'unknown_type', at: [typeKey], message }, base, index), ...at });
      return;
    }
    const rawKwargs = entry.kwargs ?? {};
    if (!isObject(rawKwargs)) return;
    const { kwargs, unresolved, drafts, fromParameter } = resolveParameters(rawKwargs, params, options, (name, value) => {
      used[name] = {
        value,
        from: Object.hasOwn(params, name) ? originOf(name).label : isExpression(name) ? 'expression' : path.basename(file),
      };
    });
    issues.push(...drafts.map((d) => place(d, [...base, 'kwargs'], index)));
    // A kwarg whose value a parameter gave is wrong where the parameter was set: a pipeline's
    // params line, or the suite's kwarg with the option named.
    const placeKwarg = (d: IssueDraft): ConfigIssue => {
      const issue = place(d, [...base, 'kwargs'], index);
      const name = fromParameter.get(d.at[0] ?? '');
      // The suite's own parameters and expressions are in the suite: the kwarg's place says it.
      if (name === undefined || !options.parameters || !Object.hasOwn(options.parameters, name)) return issue;
      const origin = originOf(name);
      if (origin.location) {
        const at = `${path.basename(file)}${issue.line ? `:${issue.line}` : ''}`;
        return {
          ...issue,
          ...origin.location,
          path: `/params/${name}`,
          message: `parameter ${name} (used by ${type} at ${at}): ${issue.message}`,
        };
      }
      return { ...issue, message: `${issue.message} (the value of parameter ${name}, from ${origin.label})` };
    };
    const validate = kwargValidator(def, !catalogue.isCustom(type));
    if (!validate(kwargs)) {
      for (const d of ajvErrorsToDrafts(validate.errors ?? [], kwargWording)) {
        if (!unresolved.has(d.at[0])) issues.push(placeKwarg(d));
      }
    } else if (!unresolved.size) {
      // Checks a schema cannot say (bounds in order, one SQL query, a row_condition that stays
      // in its parentheses) run now, so a wrong suite is exit 2 before any data is read.
      for (const d of checkKwargs(def, kwargs)) issues.push(placeKwarg(d));
    }
    const severity = entry.severity === 'critical' ? 'error' : ((entry.severity as Severity | undefined) ?? 'error');
    expectations.push({
      type,
      kwargs,
      severity,
      ...(isObject(entry.meta) ? { meta: entry.meta } : {}),
      location: { file, ...locate([...base, typeKey]), index },
    });
  });

  // Shape issues were found first; a reader wants them in file order.
  if (issues.length) throw new AssaySuiteError(issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  return {
    name: String(raw.name ?? raw.expectation_suite_name),
    ...('data' in raw ? { data: raw.data } : {}),
    ...(typeof raw.asset === 'string' ? { asset: raw.asset } : {}),
    ...(typeof raw.key === 'string' ? { key: [raw.key] } : Array.isArray(raw.key) ? { key: raw.key.map(String) } : {}),
    expectations,
    ...(isObject(raw.meta) ? { meta: raw.meta } : {}),
    ...(Object.keys(used).length ? { parameters: used } : {}),
    file,
  };
}

/**
 * GE evaluation parameters: `{"$PARAMETER": "name"}` takes the caller's value, else GE 0.x's
 * stored `"$PARAMETER.name"` value, else the suite's parameters. Resolved values are then
 * type-checked like any kwarg; unresolved ones are an issue and skip the type check.
 * `use` hears each parameter (and each expression) that gave a kwarg its value.
 */
function resolveParameters(
  raw: Record<string, unknown>,
  params: Record<string, unknown>,
  options: ParseSuiteOptions,
  use: (name: string, value: unknown) => void,
) {
  const now = options.now ?? new Date();
  const kwargs: Record<string, unknown> = {};
  const unresolved = new Set<string>();
  const drafts: IssueDraft[] = [];
  /** kwarg → the parameter (name or expression) that gave its value. */
  const fromParameter = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    // readYamlDocument refuses it; assigned here it would set the prototype, not a kwarg.
    if (key === '__proto__') continue;
    if (!isObject(value) || typeof value.$PARAMETER !== 'string') {
      kwargs[key] = value;
      continue;
    }
    const name = value.$PARAMETER;
    const stored = `$PARAMETER.${name}`;
    // An expression (`now() - timedelta(days=1)`) is computed at the run's clock (src/history/parameters.ts).
    let failed: string | undefined;
    if (!Object.hasOwn(params, name) && isExpression(name)) {
      try {
        const read = new Set<string>();
        kwargs[key] = evaluateParameter(name, { now, params, used: read });
        fromParameter.set(key, name);
        for (const r of read) use(r, params[r]);
        use(name, kwargs[key]);
        continue;
      } catch (err) {
        if (!(err instanceof ParameterExpressionError)) throw err;
        failed = err.message;
      }
    }
    if (Object.hasOwn(params, name) || stored in value) {
      kwargs[key] = Object.hasOwn(params, name) ? params[name] : value[stored];
      fromParameter.set(key, name);
      use(name, kwargs[key]);
    } else {
      kwargs[key] = value;
      unresolved.add(key);
      if (options.origins?.[name]?.broken) continue;
      const known = Object.keys(params);
      const message = failed
        ? `kwarg ${key}: parameter expression ${failed}`
        : `kwarg ${key}: parameter ${name} has no value${didYouMean(name, known) || " (set it in suite_parameters, a pipeline's params, or pass --param " + name + '=...)'}`;
      drafts.push({ code: 'unresolved_parameter', at: [key], message });
    }
  }
  return { kwargs, unresolved, drafts, fromParameter };
}

const shapeWording: AjvWording = {
  label: (at) => {
    const rest = at[0] === 'expectations' && at.length > 1 ? at.slice(2) : at;
    if (rest.length) return `key ${render(rest)}`;
    return at.length ? 'the expectation' : 'the suite';
  },
  codes: { unknown: 'unknown_key', missing: 'invalid_suite', invalid: 'invalid_suite' },
};

const kwargWording: AjvWording = {
  label: (at) => (at.length ? `kwarg ${render(at)}` : 'kwargs'),
  codes: { unknown: 'unknown_kwarg', missing: 'missing_kwarg', invalid: 'invalid_kwarg' },
};

/** `value_set[2]`, `result_format.result_format`. */
function render(at: string[]): string {
  return at.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i ? `.${s}` : s)).join('');
}

/** The definition's own kwargs check and the row_condition's, as drafts placed at the kwarg. */
function checkKwargs(def: ExpectationDefinition, kwargs: Record<string, any>): IssueDraft[] {
  const drafts: IssueDraft[] = [];
  const attempt = (at: string[], fn: () => void) => {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof AssayError)) throw err;
      drafts.push({ code: 'invalid_kwarg', at, message: err.message });
    }
  };
  if (typeof kwargs.row_condition === 'string') {
    attempt(['row_condition'], () => checkRowCondition(kwargs.row_condition, kwargs.condition_parser));
  }
  if (def.check) attempt([], () => def.check!(kwargs));
  return drafts;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectOr(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}
