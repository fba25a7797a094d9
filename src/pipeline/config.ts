// Pipeline files: YAML checked by ajv against ./schema.ts, every problem collected with its
// file:line:column (as suites are), relative paths resolved against the pipeline's folder, SQL
// files read and suites loaded, so a run never starts on a file that cannot work.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { ajvErrorsToDrafts, type AjvWording } from '../config/errors.js';
import { AssayConfigError, AssayPipelineError, type ConfigIssue, type ConfigIssueCode } from '../errors.js';
import { loadSuite, type ParameterOrigin, type ParseSuiteOptions } from '../config/suite.js';
import { evaluateParameter, ParameterExpressionError } from '../history/parameters.js';
import type { Catalogue } from '../engine/catalogue.js';
import type { ResultFormatName, Suite, UsedParameter } from '../engine/types.js';
import { readYamlDocument, toPointer } from '../config/yaml-document.js';
import { pipelineSchema } from './schema.js';
import type { GatePolicy, LoadMode, LoadSpec, Pipeline, Retries, ServerSource, Source, Step, Target } from './types.js';

/** The table every run writes its validation results to; a step may not create it. */
export const RESULTS_TABLE = 'assay_validation_results';

const INVALID: ConfigIssueCode = 'invalid_pipeline';

/** Objects that take exactly one of two keys: where, the "missing" message of either key, and what to say. */
const EITHER: [RegExp, RegExp, string][] = [
  [
    /^sources\/[^/]+$/,
    /^missing required key sources\.[^.]+\.(sql|table)$/,
    'a PostgreSQL source needs exactly one of sql (a query, copied into the run) and table (a table, validated where it lives)',
  ],
  [
    /^steps\/\d+\/validate$/,
    /^missing required key steps\[\d+\]\.validate\.(table|source)$/,
    'validate needs exactly one of table (a table of the working database) and source (a PostgreSQL source, validated where it lives)',
  ],
];

let validator: ValidateFunction | undefined;

const wording: AjvWording = {
  label: (at) => (at.length ? `key ${at.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i ? `.${s}` : s)).join('')}` : 'the pipeline'),
  codes: { unknown: 'unknown_key', missing: INVALID, invalid: INVALID },
};

/**
 * For the pipeline's suites: `{"$PARAMETER": ...}` values given to the run (they override the
 * file's `params:`), how to name where they came from (`--param`), and the run's clock for now().
 */
export type SuiteParameters = Pick<ParseSuiteOptions, 'parameters' | 'now' | 'parametersFrom'>;

export async function loadPipeline(file: string, catalogue: Catalogue, suiteOptions: SuiteParameters = {}): Promise<Pipeline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AssayPipelineError([{ code: 'read_error', file, path: '', message: `cannot read pipeline: ${(err as Error).message}` }]);
  }
  return parsePipeline(text, file, catalogue, suiteOptions);
}

export async function parsePipeline(
  text: string,
  file: string,
  catalogue: Catalogue,
  suiteOptions: SuiteParameters = {},
): Promise<Pipeline> {
  const { raw, locate } = readYamlDocument(
    text,
    file,
    {
      code: INVALID,
      message: 'the file is empty: a pipeline needs a name, sources and steps',
    },
    AssayPipelineError,
  );

  const issues: ConfigIssue[] = [];
  const issue = (at: string[], message: string, code: ConfigIssueCode = INVALID, atValue = false) =>
    issues.push({ code, file, ...locate(at, atValue), path: toPointer(at), message });

  // params: each value in words of its own (ajv's anyOf would list every branch).
  const paramsChecked = isPlainObject(raw?.params);
  if (paramsChecked) checkParams(raw.params, issue);
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(pipelineSchema());
  if (!validator(raw as unknown) || issues.length) {
    const eitherSaid = new Set<string>();
    for (const d of ajvErrorsToDrafts(validator.errors ?? [], wording)) {
      if (paramsChecked && d.at[0] === 'params') continue;
      // "exactly one of" (oneOf over required keys) as one sentence instead of ajv's branches.
      const either = EITHER.find(([at]) => at.test(d.at.join('/')));
      if (either && (/oneOf/.test(d.message) || either[1].test(d.message))) {
        if (!eitherSaid.has(d.at.join('/'))) issue(d.at, either[2]);
        eitherSaid.add(d.at.join('/'));
        continue;
      }
      let message = /must NOT have (more|fewer) than 1 properties/.test(d.message)
        ? `${d.message.split(' must')[0]} must have exactly one of extract, transform, validate, meta`
        : d.message;
      if (d.code === 'unknown_key' && /^(url|uri|dsn|connection(_?string)?|password|user|host)$/i.test(d.at.at(-1) ?? '')) {
        message +=
          ': connection strings and passwords never go in the pipeline file; put the URL in an environment variable (or .env beside the pipeline) and name it with url_env';
      }
      issue(d.at, message, d.code);
    }
    throw new AssayPipelineError(sorted(issues));
  }

  const dir = path.dirname(path.resolve(file));
  const abs = (p: string) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) ? p : path.resolve(dir, p));
  const loc = (at: string[]) => ({ file, ...locate(at) });
  const retries = (r: any): Retries => ({ attempts: r?.attempts ?? 4, backoffMs: r?.backoff_ms ?? 500 });

  /** Inline SQL, or the text of a .sql file (a single token ending in .sql). */
  const readSql = (value: string, at: string[]): { sql: string; sqlFile?: string } => {
    if (!/^\S+\.sql$/i.test(value.trim())) return { sql: value };
    const sqlFile = abs(value.trim());
    try {
      return { sql: readFileSync(sqlFile, 'utf8'), sqlFile };
    } catch (err) {
      issue(
        at,
        `cannot read SQL file ${value.trim()}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message}`,
        INVALID,
        true,
      );
      return { sql: '', sqlFile };
    }
  };

  const sources: Source[] = Object.entries(raw.sources as Record<string, any>).map(([name, s]) => {
    const at = ['sources', name];
    if (s.postgres) {
      const query = s.table ? { sql: `SELECT * FROM ${s.table}`, table: s.table as string } : readSql(s.sql, [...at, 'sql']);
      // A table source is copied only when something reads it from the working database (decided below).
      return {
        kind: 'postgres',
        name,
        urlEnv: s.postgres.url_env,
        ...query,
        land: !s.table,
        batchSize: s.batch_size ?? 10_000,
        retries: retries(s.retries),
        location: loc(at),
      };
    }
    if (s.spark) {
      const query = s.table ? { sql: `SELECT * FROM ${s.table}`, table: s.table as string } : readSql(s.sql, [...at, 'sql']);
      return { kind: 'spark', name, urlEnv: s.spark.url_env, ...query, retries: retries(s.retries), location: loc(at) };
    }
    if (s.http) {
      const h = s.http;
      const pages = h.pages && {
        param: h.pages.param,
        size: h.pages.size,
        sizeParam: h.pages.size_param,
        start: h.pages.start ?? 0,
        maxPages: h.pages.max_pages ?? 10_000,
      };
      return {
        kind: 'http',
        name,
        url: h.url,
        headers: h.headers ?? {},
        headersEnv: h.headers_env ?? {},
        records: h.records,
        pages,
        timeoutMs: h.timeout_ms ?? 30_000,
        retries: retries(s.retries),
        location: loc(at),
      };
    }
    const paths = (Array.isArray(s.path) ? s.path : [s.path]).map(abs);
    return { kind: 'files', name, paths, format: s.format, csv: s.csv, incremental: s.incremental ?? true, location: loc(at) };
  });

  const suiteParams = pipelineParameters(raw.params ?? {}, suiteOptions, file, locate, issue);
  const loaded: Suite[] = [];
  const suiteAt = async (value: string, at: string[]): Promise<Suite | undefined> => {
    const suiteFile = abs(value);
    if (!existsSync(suiteFile) || statSync(suiteFile).isDirectory()) {
      issue(at, `suite file not found: ${value}`, INVALID, true);
      return undefined;
    }
    try {
      const suite = await loadSuite(suiteFile, catalogue, suiteParams);
      loaded.push(suite);
      return suite;
    } catch (err) {
      if (err instanceof AssayConfigError) issues.push(...err.issues);
      else throw err;
      return undefined;
    }
  };

  // Tables visible to each step: sources, then what earlier steps created.
  const known = new Set(sources.map((s) => s.name.toLowerCase()));
  const steps: Step[] = [];
  /** SQL of the steps and names they read from the working database: which table sources to copy. */
  const reads: string[] = [];
  let lastTable: string | undefined;
  for (const [i, s] of (raw.steps as any[]).entries()) {
    const [kind, body] = Object.entries(s)[0] as [Step['kind'], any];
    const at = ['steps', String(i), kind];
    const location = loc(['steps', String(i)]);
    if (kind === 'extract' || kind === 'transform') {
      const table: string = body.table;
      if (table.toLowerCase() === RESULTS_TABLE)
        issue([...at, 'table'], `${RESULTS_TABLE} is the validation results table; choose another name`, INVALID, true);
      else if (sources.some((src) => src.name.toLowerCase() === table.toLowerCase()))
        issue([...at, 'table'], `${table} is the name of a source; choose another table name`, INVALID, true);
      const step = { kind, table, ...readSql(body.sql, [...at, 'sql']), location };
      steps.push(step);
      reads.push(step.sql);
      known.add(table.toLowerCase());
      lastTable = table;
    } else if (kind === 'validate') {
      let source: ServerSource | undefined;
      if (body.source !== undefined) {
        const named = sources.find((src) => src.name.toLowerCase() === String(body.source).toLowerCase());
        if (!named)
          issue([...at, 'source'], `no source ${body.source}; sources: ${sources.map((src) => src.name).join(', ')}`, INVALID, true);
        else if (named.kind !== 'postgres' && named.kind !== 'spark') {
          issue(
            [...at, 'source'],
            `source ${named.name} is ${named.kind === 'files' ? 'staged files' : 'an HTTP endpoint'}: only PostgreSQL and Spark sources are validated where they live; use table: ${named.name} to validate its view in the working database`,
            INVALID,
            true,
          );
        } else source = named;
      } else if (!known.has(String(body.table).toLowerCase())) {
        issue(
          [...at, 'table'],
          `no table ${body.table} exists at this step; tables so far: ${[...known].join(', ') || '(none)'}`,
          INVALID,
          true,
        );
      } else reads.push(String(body.table));
      const suite = await suiteAt(body.suite, [...at, 'suite']);
      const table: string = source?.name ?? body.table;
      if (suite)
        steps.push({
          kind,
          table,
          ...(source ? { source } : {}),
          suite,
          resultFormat: (body.result_format as ResultFormatName) ?? 'SUMMARY',
          location,
        });
    } else {
      const suite = body.suite ? await suiteAt(body.suite, [...at, 'suite']) : undefined;
      steps.push({ kind: 'meta', ...(suite ? { suite } : {}), location });
    }
  }

  let load: LoadSpec | undefined;
  if (raw.load) {
    const l = raw.load;
    const from: string | undefined = l.from ?? lastTable;
    if (!from) issue(['load'], 'nothing to load: no extract or transform step creates a table (or name one with from)');
    else if (!known.has(from.toLowerCase()))
      issue(['load', 'from'], `no table ${from} exists; tables: ${[...known].join(', ')}`, INVALID, true);
    const t = l.target;
    const target: Target =
      t.type === 'duckdb'
        ? { type: 'duckdb', path: abs(t.path) }
        : t.type === 'postgres'
          ? { type: 'postgres', urlEnv: t.url_env, schema: t.schema ?? 'public', batchSize: t.batch_size ?? 5000 }
          : { type: 'parquet', dir: abs(t.dir) };
    const validateTarget = l.validate_target ? await suiteAt(l.validate_target, ['load', 'validate_target']) : undefined;
    let reconcile: LoadSpec['reconcile'];
    if (l.reconcile) {
      const r = l.reconcile;
      const key: string[] = r.key === undefined ? (l.keys ?? []) : Array.isArray(r.key) ? r.key : [r.key];
      const source: string | undefined = r.source ?? from;
      if (!key.length)
        issue(['load', 'reconcile'], 'reconcile needs key: the column or columns that identify a row (the load has no keys to default to)');
      const repeated = (r.compare_columns ?? []).filter((c: string) => key.includes(c));
      if (repeated.length)
        issue(
          ['load', 'reconcile', 'compare_columns'],
          `compare_columns may not repeat a key column (${repeated.join(', ')})`,
          INVALID,
          true,
        );
      if (r.source !== undefined && !known.has(r.source.toLowerCase()))
        issue(['load', 'reconcile', 'source'], `no table or source ${r.source} exists; tables: ${[...known].join(', ')}`, INVALID, true);
      if (source) {
        reconcile = { key, source, ...(r.compare_columns ? { compareColumns: r.compare_columns } : {}) };
        reads.push(source);
      }
    }
    load = {
      target,
      table: l.table,
      from: from ?? '',
      mode: (l.mode as LoadMode) ?? 'append',
      keys: l.keys ?? [],
      lockTimeoutMs: (l.lock_timeout ?? 600) * 1000,
      ...(validateTarget ? { validateTarget } : {}),
      ...(reconcile ? { reconcile } : {}),
      location: loc(['load']),
    };
    if (from) reads.push(from);
  }

  // A PostgreSQL table source stays in PostgreSQL unless the working database reads it: its
  // name in a step's SQL (a word, any case: at worst a needless copy), a validate table: or load from:.
  // A Spark source is never copied: the working database cannot read it.
  for (const src of sources) {
    if ((src.kind !== 'postgres' || src.land) && src.kind !== 'spark') continue;
    const word = new RegExp(`(^|[^A-Za-z0-9_$])${src.name}($|[^A-Za-z0-9_$])`, 'i');
    if (src.kind === 'postgres') src.land = reads.some((text) => word.test(text));
    else if (reads.some((text) => word.test(text)))
      issue(
        ['sources', src.name],
        `source ${src.name} is a Spark source: it is validated where it lives (validate: {source: ${src.name}}) and never copied into the working database, so no SQL step, validate table: or load from: can read it`,
        INVALID,
        true,
      );
  }

  if (issues.length) throw new AssayPipelineError(sorted(issues));
  const parameters = Object.assign({}, ...loaded.map((suite) => suite.parameters ?? {})) as Record<string, UsedParameter>;
  const unused = Object.keys(suiteParams.parameters ?? {}).filter((name) => !Object.hasOwn(parameters, name));
  return {
    name: raw.name,
    file: path.resolve(file),
    dir,
    stateDir: abs(raw.state_dir ?? '.assay'),
    sources,
    steps,
    ...(load ? { load } : {}),
    gate: (raw.gate as GatePolicy) ?? 'strict',
    ...(raw.notify ? { notify: { webhookEnv: raw.notify.webhook_env } } : {}),
    ...(Object.keys(parameters).length ? { parameters } : {}),
    ...(unused.length ? { unusedParameters: unused } : {}),
  };
}

/**
 * The parameters the pipeline's suites get: the file's `params:` (an expression computed at the
 * run's clock), overridden by those given to the run. Each remembers where it was set, so a
 * value a kwarg refuses is reported at its `params:` line and the run's record says its origin.
 */
function pipelineParameters(
  fileParams: Record<string, unknown>,
  given: SuiteParameters,
  file: string,
  locate: (at: string[], atValue?: boolean) => { line?: number; column?: number },
  issue: (at: string[], message: string, code?: ConfigIssueCode, atValue?: boolean) => void,
): ParseSuiteOptions {
  const now = given.now ?? new Date();
  const caller = given.parameters ?? {};
  const parameters: Record<string, unknown> = {};
  const origins: Record<string, ParameterOrigin> = {};
  const literal = Object.fromEntries(Object.entries(fileParams).filter(([, v]) => !isExpressionValue(v)));
  for (const [name, value] of Object.entries(fileParams)) {
    if (Object.hasOwn(caller, name)) continue;
    const at = locate(['params', name], true);
    origins[name] = { label: `${path.basename(file)}:${at.line ?? '?'}`, location: { file, ...at } };
    if (!isExpressionValue(value)) {
      parameters[name] = value;
      continue;
    }
    try {
      parameters[name] = evaluateParameter(value.$PARAMETER, { now, params: { ...literal, ...caller } });
    } catch (err) {
      if (!(err instanceof ParameterExpressionError)) throw err;
      issue(['params', name, '$PARAMETER'], `parameter ${name}: ${err.message}`, INVALID, true);
      origins[name]!.broken = true;
    }
  }
  for (const [name, value] of Object.entries(caller)) {
    parameters[name] = value;
    origins[name] = { label: given.parametersFrom ?? 'the caller' };
  }
  return { parameters, origins, now };
}

function checkParams(params: Record<string, unknown>, issue: (at: string[], message: string) => void): void {
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
  for (const [name, value] of Object.entries(params)) {
    const at = ['params', name];
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      issue(at, `parameter name ${name}: letters, digits and underscores, not starting with a digit (expressions read parameters by name)`);
    else if (value === null) issue(at, `parameter ${name} has no value`);
    else if (isExpressionValue(value) && Object.keys(value).length === 1) continue;
    else if (!(scalar(value) || (Array.isArray(value) && value.every(scalar))))
      issue(
        at,
        `parameter ${name} is ${Array.isArray(value) ? 'a list holding more than text, numbers and true/false' : 'a mapping'}: give text, a number, true/false, a list of them, or {$PARAMETER: expression}`,
      );
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isExpressionValue = (v: unknown): v is { $PARAMETER: string } =>
  typeof v === 'object' && v !== null && typeof (v as { $PARAMETER?: unknown }).$PARAMETER === 'string';

function sorted(issues: ConfigIssue[]): ConfigIssue[] {
  return issues.sort(
    (a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
