// GE's UnexpectedRowsExpectation: the suite's own SQL returns the bad rows; none is success.
// It is user SQL by design, so it is the one place a suite writes SQL. Two guards keep it to
// one read-only query: a lexer refuses `;` outside string literals (and anything that could make
// the lexer and the engine disagree on where a literal ends), and the query only ever runs
// wrapped as a subquery, where only a query expression parses.
import { refuseForbiddenCalls } from '../src/engine/sql-guard.js';
import { aggregateResult } from '../src/engine/aggregate.js';
import { atLeast } from '../src/engine/result-format.js';
import { type Ctx, type ExpectationDefinition, type Sql } from '../src/engine/types.js';
import { InvalidKwargsError } from '../src/errors.js';

type K = { unexpected_rows_query: string };

const def: ExpectationDefinition<K> = {
  type: 'unexpected_rows_expectation',
  family: 'query',
  description: 'A SQL query that selects the bad rows of the table ({batch}) returns none.',
  schema: {
    properties: {
      unexpected_rows_query: {
        type: 'string',
        minLength: 1,
        description: 'SELECT returning the unexpected rows; {batch} stands for the table under test.',
      },
    },
    required: ['unexpected_rows_query'],
  },
  sentence: (k) => `no rows from: ${k.unexpected_rows_query}`,
  columns: () => [],
  check: (k) => void checked(k.unexpected_rows_query, '(batch)'),
  plan(ctx) {
    query(ctx);
    return {};
  },
  async judge(ctx, _m, run) {
    const q = query(ctx);
    const [row] = await run(`SELECT count(*) AS n FROM (\n${q}\n) AS unexpected_rows`);
    const n = Number(row!.n);
    // GE 1.2 reports "N unexpected rows" and the rows themselves; the rows cost a second
    // query, so they are read only when there are some and the result format shows samples.
    const result: Record<string, unknown> = { observed_value: `${n} unexpected ${n === 1 ? 'row' : 'rows'}` };
    const rf = ctx.resultFormat;
    if (n > 0 && atLeast(rf, 'SUMMARY')) {
      const limit = rf.result_format === 'COMPLETE' ? '' : ` LIMIT ${rf.partial_unexpected_count}`;
      result.details = { unexpected_rows: await run(`SELECT * FROM (\n${q}\n) AS unexpected_rows${limit}`) };
    }
    return aggregateResult(ctx, n === 0, result);
  },
};
export default def;

/** The query with `{batch}` in place, after the checks; throws InvalidKwargsError. */
function query(ctx: Ctx<K>): Sql {
  // With a row_condition the batch is the filtered rows (GE: a subselect aliased "subselect").
  return checked(ctx.kwargs.unexpected_rows_query, ctx.where ? `(SELECT * ${ctx.from()}) AS subselect` : ctx.table);
}

function checked(raw: unknown, batch: Sql): Sql {
  if (typeof raw !== 'string' || !raw.trim()) throw new InvalidKwargsError('unexpected_rows_query must be a SQL query');
  // As GE: a trailing semicolon is dropped rather than refused.
  const text = raw.replace(/[;\s]+$/, '');
  const sql = substitute(text, batch);
  checkOneStatement(sql, raw);
  refuseForbiddenCalls(text, 'unexpected_rows_query');
  // Wrapped as a subquery only a query parses anyway; saying so at load is kinder than the engine's error.
  if (!/^[\s(]*(SELECT|WITH|VALUES|FROM|TABLE)\b/i.test(sql.replace(/\/\*[^]*?\*\/|--[^\r\n]*/g, ' '))) {
    throw new InvalidKwargsError(`unexpected_rows_query must be a query (SELECT, WITH, VALUES or FROM): ${raw.slice(0, 200)}`);
  }
  return sql;
}

/** Python's str.format with one field, as GE applies it: `{batch}`, `{{` and `}}`. */
function substitute(text: string, batch: Sql): Sql {
  return text.replace(/\{\{|\}\}|\{([^{}]*)\}|[{}]/g, (m, field: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    if (field === 'batch') return batch;
    if (field !== undefined)
      throw new InvalidKwargsError(
        `unexpected_rows_query has an unknown placeholder {${field}}; only {batch} is defined (write {{ and }} for literal braces)`,
      );
    throw new InvalidKwargsError(`unexpected_rows_query has a single "${m}"; write ${m}${m} for a literal brace`);
  });
}

/**
 * Refuses a second statement: `;` is allowed only inside '...' or "..." (PostgreSQL and DuckDB
 * lexing). Constructs whose extent the two engines or their settings could read differently are
 * refused outright, so this lexer and the engine always agree on what is a literal: `$` outside
 * quotes (dollar-quoted strings, parameters), `\'` inside a literal (E'' strings and
 * standard_conforming_strings=off read it as an escaped quote) and nested block comments.
 */
function checkOneStatement(sql: Sql, original: string): void {
  const refuse = (why: string): never => {
    throw new InvalidKwargsError(`unexpected_rows_query must be one query: ${why}: ${original}`);
  };
  let depth = 0;
  for (let i = 0; i < sql.length;) {
    const c = sql[i]!;
    const two = sql.slice(i, i + 2);
    if (c === "'" || c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) refuse(`unterminated ${c === "'" ? 'string' : 'quoted name'}`);
        if (c === "'" && sql[j] === '\\' && sql[j + 1] === "'") refuse("a backslash before a quote (\\') inside a string");
        if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      i = j + 1;
    } else if (two === '--') {
      // PostgreSQL's lexer (DuckDB's too) ends a line comment at \n or \r.
      const nl = sql.slice(i).search(/[\r\n]/);
      const end = nl < 0 ? sql.length : i + nl;
      if (sql.slice(i, end).includes(';')) refuse('";" in a comment');
      i = end;
    } else if (two === '/*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) refuse('unterminated comment');
      const body = sql.slice(i + 2, end);
      if (body.includes('/*')) refuse('nested comment');
      if (body.includes(';')) refuse('";" in a comment');
      i = end + 2;
    } else if (c === ';') {
      refuse('";" outside a string (one statement only)');
    } else if (c === '$') {
      refuse('"$" outside a string (dollar quotes and parameters are not allowed)');
    } else {
      if (c === '(') depth++;
      if (c === ')' && --depth < 0) refuse('unbalanced ")"');
      i++;
    }
  }
  if (depth !== 0) refuse('unbalanced "("');
}
