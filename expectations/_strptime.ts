// Python's `datetime.strptime(value, format)` as SQL, for
// expect_column_values_to_match_strftime_format.
//
// Python's _strptime turns the format into one regular expression (an alternation per
// directive, C-locale names, each run of format whitespace as \s+, case-insensitive), requires
// it to match the whole value, then builds a datetime, which refuses impossible dates (Feb 30,
// year 0, second 60). We build the same expression, match it in SQL, and check the captured
// year, month, day and second in SQL. DuckDB's strptime is not used: it accepts what Python
// refuses ("19-04-01" for %Y-%m-%d, surrounding spaces, year 0) and refuses what Python accepts
// (" 1" for %d, "2019t04" for %YT%m, %c, %x, "Z" for %z).
//
// Known approximations: digits are ASCII only (Python's \d also takes other decimal digits in
// %Y, %y, %G, %f); %Z knows UTC and GMT (Python adds the host's local zone names); with %j, or
// %U/%W/%V with a weekday, only year 0 is refused (Python also refuses the rare dates these
// push before year 1 or past 9999, and ISO week 53 of a year that has none).
import type { Ctx, Sql } from '../src/engine/types.js';

/** Python's \s: the characters `re.match(r'\s', c)` accepts. */
const SPACE = '[\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]';
const isSpace = (c: string) => new RegExp(`^${SPACE}$`).test(c);

/** Case-insensitive without regex flags (PostgreSQL's ARE has no scoped flags): [mM][oO][nN]. */
const ci = (s: string) => s.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
/** Python's __seqToRE: longest first. */
const names = (list: string[]) =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .map(ci)
    .join('|');

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Each directive's alternation, as CPython 3.11's TimeRE (ASCII digits). */
const PATTERNS: Record<string, string> = {
  d: '3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9]',
  f: '[0-9]{1,6}',
  H: '2[0-3]|[01][0-9]|[0-9]',
  I: '1[0-2]|0[1-9]|[1-9]',
  G: '[0-9]{4}',
  j: '36[0-6]|3[0-5][0-9]|[12][0-9][0-9]|0[1-9][0-9]|00[1-9]|[1-9][0-9]|0[1-9]|[1-9]',
  m: '1[0-2]|0[1-9]|[1-9]',
  M: '[0-5][0-9]|[0-9]',
  S: '6[01]|[0-5][0-9]|[0-9]',
  U: '5[0-3]|[0-4][0-9]|[0-9]',
  W: '5[0-3]|[0-4][0-9]|[0-9]',
  V: '5[0-3]|0[1-9]|[1-4][0-9]|[0-9]',
  w: '[0-6]',
  u: '[1-7]',
  y: '[0-9][0-9]',
  Y: '[0-9][0-9][0-9][0-9]',
  // Python's [+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|Z, narrowed to what it then accepts: the
  // same separator throughout (else "Inconsistent use of :") and under 24 hours.
  z: '[+-](?:[01][0-9]|2[0-3])(?::[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,6})?)?|[0-5][0-9](?:[0-5][0-9](?:\\.[0-9]{1,6})?)?)|Z',
  A: names(WEEKDAYS),
  a: names(WEEKDAYS.map((d) => d.slice(0, 3))),
  B: names(MONTHS),
  b: names(MONTHS.map((m) => m.slice(0, 3))),
  p: names(['am', 'pm']),
  Z: names(['utc', 'gmt']),
};
/** C-locale %c, %x, %X. */
const EXPANSIONS: Record<string, string> = { c: '%a %b %d %H:%M:%S %Y', x: '%m/%d/%y', X: '%H:%M:%S' };
/** Directives whose value the validity check needs (captured); the rest are not captured. */
const CAPTURED = new Set(['Y', 'y', 'G', 'm', 'b', 'B', 'd', 'j', 'S']);
/** Characters Python escapes before reading directives (so "%." is a bad directive). */
const REGEX_CHARS = '\\.^$*+?(){}[]|';

export interface Strptime {
  /** Anchored regular expression (RE2 and PostgreSQL ARE syntax alike). */
  regex: string;
  /** Capture group (1-based) of each captured directive. */
  groups: Map<string, number>;
  /** Directives in format order. */
  directives: string[];
}

/** Compiles a Python strptime format; throws Python's message for a format it refuses. */
export function compileStrptime(format: string): Strptime {
  const directives: string[] = [];
  const groups = new Map<string, number>();
  const bad = (d: string) => new Error(`'${d}' is a bad directive in format '${format}'`);

  const walk = (fmt: string): string => {
    let out = '';
    for (let i = 0; i < fmt.length; i++) {
      const ch = fmt[i]!;
      if (isSpace(ch)) {
        while (i + 1 < fmt.length && isSpace(fmt[i + 1]!)) i++;
        out += `${SPACE}+`;
      } else if (ch === '%') {
        const d = fmt[++i];
        if (d === undefined) throw new Error(`stray % in format '${format}'`);
        if (isSpace(d) || REGEX_CHARS.includes(d)) throw bad('%');
        if (d === '%') out += '%';
        else if (EXPANSIONS[d] !== undefined) out += walk(EXPANSIONS[d]);
        else if (PATTERNS[d] !== undefined) {
          if (directives.includes(d)) throw new Error(`redefinition of group name '${d}' in format '${format}'`);
          directives.push(d);
          if (CAPTURED.has(d)) {
            groups.set(d, groups.size + 1);
            out += `(${PATTERNS[d]})`;
          } else out += `(?:${PATTERNS[d]})`;
        } else throw bad(d);
      } else if (/[a-z]/i.test(ch)) out += ci(ch);
      else if (/[!-/:-@[-`{-~]/.test(ch)) out += `\\${ch}`;
      else out += ch;
    }
    return out;
  };
  const body = walk(format);

  // CPython 3.11 _strptime: the ISO week rules, raised for any value (so by GE's format check).
  const has = (d: string) => directives.includes(d);
  const weekday = ['a', 'A', 'w', 'u'].some(has);
  if (has('G')) {
    if (has('j')) throw new Error("Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead.");
    if (!has('V') || !weekday) {
      throw new Error(
        "ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive ('%A', '%a', '%w', or '%u').",
      );
    }
  } else if (has('V')) {
    if (!(has('Y') || has('y')) || !weekday) {
      throw new Error(
        "ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive ('%A', '%a', '%w', or '%u').",
      );
    }
    throw new Error("ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead.");
  }
  return { regex: `^(?:${body})$`, groups, directives };
}

/** True for a text value `datetime.strptime(value, format)` accepts. */
export function strptimeMatches(ctx: Ctx, text: Sql, p: Strptime): Sql {
  const d = ctx.dialect;
  const match = d.regexMatch(text, p.regex);
  const int = (directive: string) => d.tryCast(`trim(${d.regexExtract(text, p.regex, p.groups.get(directive)!)})`, 'INTEGER');
  const has = (x: string) => p.directives.includes(x);
  const last = (...ds: string[]) => [...p.directives].reverse().find((x) => ds.includes(x));
  const checks: Sql[] = [];

  if (has('S')) checks.push(`${int('S')} <= 59`);
  const weekday = ['a', 'A', 'w', 'u'].some(has);
  const julian = has('j') || (weekday && (has('U') || has('W'))) || has('G');
  if (julian) {
    // The date comes from the day of the year (or week and weekday): month and day are ignored.
    if (has('G')) checks.push(`${int('G')} >= 1`);
    else if (last('Y', 'y') === 'Y') {
      checks.push(`${int('Y')} >= 1`);
      if (has('j')) checks.push(`NOT (${int('Y')} = 9999 AND ${int('j')} = 366)`);
    }
  } else if (has('d') || last('Y', 'y') === 'Y') {
    // Python assigns in format order, so the last of %Y/%y and of %m/%b/%B wins. Defaults: 1900-01-01.
    const yd = last('Y', 'y');
    const year =
      yd === 'Y' ? int('Y') : yd === 'y' ? `CASE WHEN ${int('y')} <= 68 THEN 2000 + ${int('y')} ELSE 1900 + ${int('y')} END` : '1900';
    const md = last('m', 'b', 'B');
    const nameOf = (x: string) => `lower(substr(${d.regexExtract(text, p.regex, p.groups.get(x)!)}, 1, 3))`;
    const month =
      md === 'm'
        ? int('m')
        : md
          ? `CASE ${nameOf(md)} ${MONTHS.map((m, i) => `WHEN '${m.slice(0, 3)}' THEN ${i + 1}`).join(' ')} END`
          : '1';
    if (yd === 'Y') checks.push(`${year} >= 1`);
    if (has('d')) {
      const leap = (y: Sql) => `((${y}) % 4 = 0 AND ((${y}) % 100 <> 0 OR (${y}) % 400 = 0))`;
      const days = `CASE ${month} WHEN 2 THEN CASE WHEN ${leap(year)} THEN 29 ELSE 28 END WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END`;
      checks.push(`${int('d')} <= ${days}`);
    }
  }
  return checks.length ? `(${match} AND COALESCE(${checks.join(' AND ')}, FALSE))` : match;
}
