// The JSON Schema of a pipeline file. `loadPipeline` checks files against it with ajv, and
// scripts/gen-pipeline-schema.mjs publishes it as suites/pipeline.schema.json for editors.
// Kinds of source, target and step are told apart by a key (if/then), not oneOf, so an error
// speaks about the kind the user meant instead of listing every branch.
import type { JsonSchema } from '../engine/types.js';

const sql: JsonSchema = {
  type: 'string',
  minLength: 1,
  description: 'Inline SQL (one SELECT), or the path of a .sql file relative to the pipeline file.',
};

const tableName: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  description: 'A table name: letters, digits and underscores, not starting with a digit.',
};

const envName: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  description: 'Name of an environment variable (or a key of the .env file beside the pipeline).',
};

const retries: JsonSchema = {
  type: 'object',
  description: 'Retries of a remote source on transient failures (connection refused or reset, timeouts, HTTP 429 and 5xx).',
  properties: {
    attempts: { type: 'integer', minimum: 1, maximum: 20, default: 4, description: 'Attempts in all, the first included.' },
    backoff_ms: { type: 'integer', minimum: 0, default: 500, description: 'Wait before the second attempt; doubled after each failure.' },
  },
  additionalProperties: false,
};

const fileSource: JsonSchema = {
  type: 'object',
  description: 'Staged files: a path or glob (or a list of them), relative to the pipeline file.',
  properties: {
    path: {
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
      ],
      description: 'A file, a glob such as staging/orders/*.csv, or a list of them.',
    },
    format: { enum: ['csv', 'tsv', 'parquet', 'json', 'ndjson'], description: 'Default: from the file extension.' },
    csv: {
      type: 'object',
      properties: {
        delimiter: { type: 'string', minLength: 1 },
        header: { type: 'boolean' },
        quote: { type: 'string' },
        null: { type: 'array', items: { type: 'string' }, description: 'Texts that mean null.' },
        types: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'Column name to DuckDB type, overriding the sniffer.',
        },
      },
      additionalProperties: false,
    },
    incremental: {
      type: 'boolean',
      default: true,
      description:
        'Skip files whose content (sha256) a previous run already loaded. false: read every file on every run (e.g. a dimension).',
    },
  },
  required: ['path'],
  additionalProperties: false,
};

/** A PostgreSQL table name as PostgreSQL reads it: `orders`, `sales.orders`, `"Sales"."Orders"`. */
const PG_NAME_PART = '(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")';

const postgresSource: JsonSchema = {
  type: 'object',
  description:
    'PostgreSQL: a query (sql), landed as Parquet in the run folder before anything reads it; or a table (table), validated where it lives by `validate: {source: …}` and copied only when SQL names it.',
  properties: {
    postgres: {
      type: 'object',
      properties: { url_env: { ...envName, description: 'Variable holding the connection URL (never write it in the file).' } },
      required: ['url_env'],
      additionalProperties: false,
    },
    sql: { type: 'string', minLength: 1, description: 'The query (or a .sql file), run on PostgreSQL.' },
    table: {
      type: 'string',
      pattern: `^${PG_NAME_PART}(?:\\.${PG_NAME_PART})?$`,
      description:
        'A table or view, as PostgreSQL reads the name: orders (through the search_path), sales.orders, or \'"Sales"."Orders"\' for mixed case. Validated in place by `validate: {source: <this source>}`; copied into the run only when an extract or transform SQL (or a validate table:, or load from:) names the source.',
    },
    batch_size: { type: 'integer', minimum: 1, default: 10000, description: 'Rows fetched per round trip.' },
    retries,
  },
  required: ['postgres'],
  oneOf: [{ required: ['sql'] }, { required: ['table'] }],
  additionalProperties: false,
};

/** A Spark table name: `orders`, `sales.orders`, `` `odd name`.orders ``, catalog.db.table (Databricks). */
const SPARK_NAME_PART = '(?:[A-Za-z0-9_]+|`(?:[^`]|``)+`)';

const sparkSource: JsonSchema = {
  type: 'object',
  description:
    'Spark or Databricks SQL: a table (table) or a query (sql), validated where it lives by `validate: {source: …}`; never copied into the run.',
  properties: {
    spark: {
      type: 'object',
      properties: {
        url_env: {
          ...envName,
          description:
            'Variable holding the URL: spark://host:10000/db, or spark+https://token:<PAT>@host/<http path> (never write it in the file).',
        },
      },
      required: ['url_env'],
      additionalProperties: false,
    },
    sql: { type: 'string', minLength: 1, description: 'The query (or a .sql file), run on Spark.' },
    table: {
      type: 'string',
      pattern: `^${SPARK_NAME_PART}(?:\\.${SPARK_NAME_PART}){0,2}$`,
      description: 'A table or view, as Spark reads the name (case-insensitive; `back-quoted` for other characters): orders, sales.orders.',
    },
    retries,
  },
  required: ['spark'],
  oneOf: [{ required: ['sql'] }, { required: ['table'] }],
  additionalProperties: false,
};

const httpSource: JsonSchema = {
  type: 'object',
  description: 'An HTTP JSON endpoint, landed as NDJSON in the run folder before anything reads it.',
  properties: {
    http: {
      type: 'object',
      properties: {
        url: { type: 'string', minLength: 1, description: 'The endpoint; http or https.' },
        headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'Literal request headers.' },
        headers_env: {
          type: 'object',
          additionalProperties: envName,
          description: 'Headers whose values come from environment variables, e.g. {Authorization: API_TOKEN}.',
        },
        records: {
          type: 'string',
          description:
            'Dotted path of the records array in each response (e.g. value, data.items). Default: the response itself when it is an array, else its first array property.',
        },
        pages: {
          type: 'object',
          description: 'Offset pagination: param is the offset parameter ($skip, offset), size the page size.',
          properties: {
            param: { type: 'string', minLength: 1 },
            size: { type: 'integer', minimum: 1 },
            size_param: {
              type: 'string',
              minLength: 1,
              description: 'Parameter carrying the page size ($top, limit), when the endpoint takes one.',
            },
            start: { type: 'integer', minimum: 0, default: 0 },
            max_pages: { type: 'integer', minimum: 1, default: 10000 },
          },
          required: ['param', 'size'],
          additionalProperties: false,
        },
        timeout_ms: { type: 'integer', minimum: 1, default: 30000 },
      },
      required: ['url'],
      additionalProperties: false,
    },
    retries,
  },
  required: ['http'],
  additionalProperties: false,
};

const source: JsonSchema = {
  type: 'object',
  if: { required: ['postgres'] },
  then: postgresSource,
  else: {
    if: { required: ['spark'] },
    then: sparkSource,
    else: { if: { required: ['http'] }, then: httpSource, else: fileSource },
  },
};

const sqlStep = (what: string): JsonSchema => ({
  type: 'object',
  description: what,
  properties: { table: tableName, sql },
  required: ['table', 'sql'],
  additionalProperties: false,
});

const step: JsonSchema = {
  type: 'object',
  description: 'One step: exactly one of extract, transform, validate, meta.',
  properties: {
    extract: sqlStep('Creates a table of the working database from the sources (their names are views).'),
    transform: sqlStep('Creates a table of the working database from earlier tables.'),
    validate: {
      type: 'object',
      description:
        'Runs a suite over a table of the working database (table), or over a PostgreSQL source where it lives (source: the scan runs in PostgreSQL, nothing is copied); the results go to the validation results table.',
      properties: {
        table: tableName,
        source: { ...tableName, description: 'A PostgreSQL source (sql or table), validated in PostgreSQL.' },
        suite: { type: 'string', minLength: 1, description: 'Suite file, relative to the pipeline file.' },
        result_format: { enum: ['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE'], default: 'SUMMARY' },
      },
      required: ['suite'],
      oneOf: [{ required: ['table'] }, { required: ['source'] }],
      additionalProperties: false,
    },
    meta: {
      type: 'object',
      description:
        'Runs a suite over the validation results so far (table assay_validation_results). Without a suite: the default meta-suite.',
      properties: { suite: { type: 'string', minLength: 1 } },
      additionalProperties: false,
    },
  },
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
};

const target: JsonSchema = {
  type: 'object',
  properties: { type: { enum: ['duckdb', 'postgres', 'parquet'] } },
  required: ['type'],
  allOf: [
    {
      if: { properties: { type: { const: 'duckdb' } }, required: ['type'] },
      then: {
        properties: {
          type: true,
          path: { type: 'string', minLength: 1, description: 'DuckDB database file, relative to the pipeline file.' },
        },
        required: ['path'],
        additionalProperties: false,
      },
    },
    {
      if: { properties: { type: { const: 'postgres' } }, required: ['type'] },
      then: {
        properties: {
          type: true,
          url_env: { ...envName, description: 'Variable holding the connection URL (never write it in the file).' },
          schema: { type: 'string', minLength: 1, description: 'Schema of the target table (default: public). Created if missing.' },
          batch_size: { type: 'integer', minimum: 1, default: 5000, description: 'Rows sent per INSERT.' },
        },
        required: ['url_env'],
        additionalProperties: false,
      },
    },
    {
      if: { properties: { type: { const: 'parquet' } }, required: ['type'] },
      then: {
        properties: { type: true, dir: { type: 'string', minLength: 1, description: 'Folder holding one <table>.parquet per table.' } },
        required: ['dir'],
        additionalProperties: false,
      },
    },
  ],
};

const load: JsonSchema = {
  type: 'object',
  properties: {
    target,
    table: { ...tableName, description: 'The target table.' },
    from: { ...tableName, description: 'The working table to load (default: the table of the last extract or transform step).' },
    mode: { enum: ['append', 'replace', 'upsert'], default: 'append' },
    keys: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      minItems: 1,
      uniqueItems: true,
      description: 'Key columns, for upsert.',
    },
    lock_timeout: {
      type: 'number',
      minimum: 0,
      default: 600,
      description:
        'Seconds the load waits while another run (of any pipeline) loads the same target table; then the run fails with exit code 3 and writes nothing.',
    },
    validate_target: {
      type: 'string',
      minLength: 1,
      description:
        'Suite file: after the rows are written, the whole target table is validated where it lives (inside the load transaction, before COMMIT; for Parquet, before the rename), its results join the run and the meta-suite, and the gate is decided again: when it closes (strict, quarantine) the load is rolled back and the target stays as it was; under warn the failures are reported and the load commits.',
    },
    reconcile: {
      type: 'object',
      description:
        'After the rows are written and before the load commits, the target is compared by key with its source: a source row missing from the target, or whose compared columns differ, closes the gate again and rolls the load back (a target row the source lacks does too, for mode replace). A PostgreSQL target is compared through keys and hashes only.',
      properties: {
        key: {
          description: "The column or columns that identify a row in the source and the target (default: the load's keys).",
          oneOf: [
            { type: 'string', minLength: 1 },
            { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
          ],
        },
        compare_columns: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          uniqueItems: true,
          description: 'Columns whose values must agree (default: every column of the source but the key).',
        },
        source: { ...tableName, description: 'The working table or source the target must match (default: the table loaded, from).' },
      },
      additionalProperties: false,
    },
  },
  required: ['target', 'table'],
  additionalProperties: false,
  if: { properties: { mode: { const: 'upsert' } }, required: ['mode'] },
  then: { required: ['keys'] },
};

const scalar: JsonSchema = { type: ['string', 'number', 'boolean'] };

const params: JsonSchema = {
  type: 'object',
  description:
    'Evaluation parameters for the {"$PARAMETER": name} kwargs of every suite the pipeline runs (validate steps, meta, validate_target). Parameters given to the run (assay run --param, runPipeline\'s parameters) override these; these override a suite\'s own suite_parameters.',
  propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
  additionalProperties: {
    anyOf: [
      scalar,
      { type: 'array', items: scalar },
      {
        type: 'object',
        properties: {
          $PARAMETER: {
            type: 'string',
            minLength: 1,
            description: "An expression computed at the run's clock: now() - timedelta(days=1), today('Europe/Paris').",
          },
        },
        required: ['$PARAMETER'],
        additionalProperties: false,
      },
    ],
    description: 'Text, a number, true/false, a list of them, or {$PARAMETER: expression}.',
  },
};

export function pipelineSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Assay pipeline',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      name: {
        type: 'string',
        pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
        description: 'The pipeline name: in run ids, the ledger and the lock.',
      },
      description: { type: 'string' },
      state_dir: { type: 'string', minLength: 1, description: 'Ledger, lock and run folders (default: .assay beside the pipeline file).' },
      params,
      sources: {
        type: 'object',
        description: 'Named inputs, visible to extract SQL as views.',
        propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
        additionalProperties: source,
        minProperties: 1,
      },
      steps: { type: 'array', items: step, minItems: 1, description: 'Run in order.' },
      load,
      gate: {
        enum: ['strict', 'quarantine', 'warn'],
        default: 'strict',
        description:
          'strict: any failed error-severity expectation or meta-expectation blocks the load. quarantine: failing rows of row-level expectations go to quarantine, the rest load; other failures block. warn: load and report.',
      },
      notify: {
        type: 'object',
        properties: { webhook_env: { ...envName, description: 'Variable holding a URL that receives a JSON POST when a run ends.' } },
        required: ['webhook_env'],
        additionalProperties: false,
      },
    },
    required: ['name', 'sources', 'steps'],
    additionalProperties: false,
  };
}
