// row_condition: the rows an expectation applies to. Assay's own syntax is a SQL boolean
// expression; Great Expectations' `col("x") > 5` form (condition_parser great_expectations)
// and pandas' `x == 5 & y < 2` form are translated to SQL. The condition is tokenised, so
// statement separators and comments are refused: a suite cannot smuggle in a second statement.
import { refuseForbiddenCalls } from './sql-guard.js';
import type { Dialect } from '../dialects/base.js';
import { RowConditionError } from '../errors.js';
import type { Sql } from './types.js';

type Token = { kind: 'str' | 'num' | 'ident' | 'qident' | 'op' | 'ws'; text: string };

const TOKEN =
  /\s+|'(?:[^']|'')*'|"(?:[^"]|"")*"|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z_][A-Za-z0-9_.]*|==|!=|<>|<=|>=|[-+*/%(),<>=&|~!]|./gy;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text))) {
    const t = m[0];
    if (/^\s/.test(t)) out.push({ kind: 'ws', text: t });
    else if (t.startsWith("'")) out.push({ kind: 'str', text: t });
    else if (t.startsWith('"')) out.push({ kind: 'qident', text: t });
    else if (/^\d/.test(t)) out.push({ kind: 'num', text: t });
    else if (/^[A-Za-z_]/.test(t)) out.push({ kind: 'ident', text: t });
    else if (t === ';') throw new RowConditionError(`row_condition may not contain ";": ${text}`);
    else out.push({ kind: 'op', text: t });
  }
  // Refuse what could make us disagree with the engine about where a string ends:
  // dollar quoting and backslash escapes (E'' strings, standard_conforming_strings off).
  if (out.some((t) => (t.kind === 'op' && t.text === '$') || ((t.kind === 'str' || t.kind === 'qident') && t.text.includes('\\')))) {
    throw new RowConditionError(`row_condition may not contain "$" or backslashes in quoted text: ${text}`);
  }
  let depth = 0;
  for (let i = 0; i < out.length; i++) {
    const pair = (out[i - 1]?.text ?? '') + out[i]!.text;
    if (pair === '--' || pair === '/*') throw new RowConditionError(`row_condition may not contain SQL comments: ${text}`);
    // The condition is pasted inside parentheses (and inside FILTER (WHERE ...)): a ")" that
    // closes ours would let `1=1) OR (1=1` change the meaning of the query around it.
    if (out[i]!.text === '(') depth++;
    if (out[i]!.text === ')' && --depth < 0) throw new RowConditionError(`row_condition has an unbalanced ")": ${text}`);
  }
  if (depth !== 0) throw new RowConditionError(`row_condition has an unbalanced "(": ${text}`);
  return out;
}

/** The checks that need no table, for loading a suite: throws RowConditionError. */
export function checkRowCondition(condition: string, parser: string | undefined): void {
  tokenize(condition);
  refuseForbiddenCalls(condition, 'row_condition');
  if (parser !== undefined && !PARSERS.includes(parser)) throw unknownParser(parser);
}

const PARSERS = ['sql', 'great_expectations', 'great_expectations__experimental__', 'pandas'];
const unknownParser = (parser: string) =>
  new RowConditionError(`unknown condition_parser ${JSON.stringify(parser)}; use sql, great_expectations or pandas`);

/** Compiles a row_condition to a parenthesised SQL predicate. */
export function compileRowCondition(condition: string, parser: string | undefined, dialect: Dialect, columns: string[]): Sql {
  const tokens = tokenize(condition);
  switch (parser ?? 'sql') {
    case 'sql':
      refuseForbiddenCalls(condition, 'row_condition');
      return `(${tokens.map((t) => t.text).join('')})`;
    case 'great_expectations':
    case 'great_expectations__experimental__':
      return `(${translate(tokens, dialect, columns, 'ge')})`;
    case 'pandas':
      return `(${translate(tokens, dialect, columns, 'pandas')})`;
    default:
      throw unknownParser(String(parser));
  }
}

function unquote(t: string): string {
  return t.slice(1, -1).replaceAll(t[0]! + t[0]!, t[0]!);
}

function translate(tokens: Token[], dialect: Dialect, columns: string[], style: 'ge' | 'pandas'): Sql {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // GE: col("name") or col('name') names a column.
    if (t.kind === 'ident' && t.text === 'col' && tokens[i + 1]?.text === '(') {
      const arg = tokens[i + 2];
      if (!arg || (arg.kind !== 'qident' && arg.kind !== 'str') || tokens[i + 3]?.text !== ')') {
        throw new RowConditionError('expected col("name") in row_condition');
      }
      out.push(dialect.ident(unquote(arg.text)));
      i += 3;
      continue;
    }
    if (t.kind === 'qident') {
      // In both GE and pandas syntax a double-quoted token is a string value.
      out.push(dialect.literal(unquote(t.text)));
      continue;
    }
    if (t.kind === 'str') {
      out.push(dialect.literal(unquote(t.text)));
      continue;
    }
    if (t.kind === 'ident') {
      const lower = t.text.toLowerCase();
      if (style === 'pandas' && columns.includes(t.text)) out.push(dialect.ident(t.text));
      else if (lower === 'and' || lower === 'or' || lower === 'not' || lower === 'null' || lower === 'is' || lower === 'in')
        out.push(lower.toUpperCase());
      else if (lower === 'true' || lower === 'false') out.push(lower.toUpperCase());
      else if (style === 'ge' && columns.includes(t.text)) out.push(dialect.ident(t.text));
      else throw new RowConditionError(`unknown name ${t.text} in row_condition`);
      continue;
    }
    if (t.kind === 'op') {
      const map: Record<string, string> = { '==': '=', '!=': '<>', '&': ' AND ', '|': ' OR ', '~': ' NOT ', '!': ' NOT ' };
      out.push(map[t.text] ?? t.text);
      continue;
    }
    out.push(t.text);
  }
  return out.join('');
}
