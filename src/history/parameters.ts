// Evaluation parameters with date arithmetic, as Great Expectations writes them:
//   {"$PARAMETER": "now() - timedelta(days=1)"}     {"$PARAMETER": "cutoff + timedelta(hours=6)"}
// An expression has numbers, 'text', parameter names, + - * / and parentheses, and the functions
// now() (the run's clock, UTC), today() (its UTC midnight; today('Europe/Paris') that zone's),
// timedelta(weeks=, days=, hours=, minutes=, seconds=) and datetime('2026-03-01T06:00:00Z').
// Text that reads as an ISO date/time is a date/time. A date/time result is written as ISO UTC
// text ("2026-03-01T06:00:00Z"), which every bound and SQL comparison reads as that instant.
import { parseInstant } from '../engine/aggregate.js';
import { checkTimeZone, wallToInstant } from './timezone.js';

type Value = number | string | { instant: number } | { delta: number };

const isInstant = (v: Value): v is { instant: number } => typeof v === 'object' && 'instant' in v;
const isDelta = (v: Value): v is { delta: number } => typeof v === 'object' && 'delta' in v;

/** An expression that cannot be read or computed; the message says where. */
export class ParameterExpressionError extends Error {
  override name = 'ParameterExpressionError';
}

const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|([A-Za-z_][\w.]*)|(\S))/y;

export interface ExpressionScope {
  now: Date;
  params: Record<string, unknown>;
  /** Filled with the names of the parameters the expression read, for the run's record. */
  used?: Set<string>;
}

/** True when the text is an expression rather than a bare parameter name. */
export const isExpression = (text: string) => /[()+\-*/']/.test(text);

export function evaluateParameter(text: string, scope: ExpressionScope): unknown {
  const tokens: { kind: 'num' | 'str' | 'name' | 'op'; text: string; at: number }[] = [];
  TOKEN.lastIndex = 0;
  for (let m: RegExpExecArray | null; TOKEN.lastIndex < text.length && (m = TOKEN.exec(text));) {
    if (m[0].trim() === '') break;
    const at = m.index + m[0].length - m[0].trimStart().length;
    if (m[1]) tokens.push({ kind: 'num', text: m[1], at });
    else if (m[2]) tokens.push({ kind: 'str', text: m[2].slice(1, -1).replace(/\\(.)/g, '$1'), at });
    else if (m[3]) tokens.push({ kind: 'name', text: m[3], at });
    else tokens.push({ kind: 'op', text: m[4]!, at });
  }
  let i = 0;
  const fail = (msg: string): never => {
    throw new ParameterExpressionError(`${JSON.stringify(text)}: ${msg}${tokens[i] ? ` at column ${tokens[i]!.at + 1}` : ''}`);
  };
  const peek = (t: string) => tokens[i]?.kind === 'op' && tokens[i]!.text === t;
  const expect = (t: string) => (peek(t) ? i++ : fail(`expected ${t}`));

  const asValue = (v: unknown, name: string): Value => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string') {
      const instant = parseInstant(v);
      return instant ? { instant: Number(instant.micros / 1000n) } : v;
    }
    return fail(`parameter ${name} is ${JSON.stringify(v)}, not a number, text or date/time`);
  };

  const arith = (op: string, a: Value, b: Value): Value => {
    if (typeof a === 'number' && typeof b === 'number') return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b;
    if (op === '+' && isInstant(a) && isDelta(b)) return { instant: a.instant + b.delta };
    if (op === '+' && isDelta(a) && isInstant(b)) return { instant: b.instant + a.delta };
    if (op === '-' && isInstant(a) && isDelta(b)) return { instant: a.instant - b.delta };
    if (op === '-' && isInstant(a) && isInstant(b)) return { delta: a.instant - b.instant };
    if ((op === '+' || op === '-') && isDelta(a) && isDelta(b)) return { delta: op === '+' ? a.delta + b.delta : a.delta - b.delta };
    if (op === '*' && isDelta(a) && typeof b === 'number') return { delta: a.delta * b };
    if (op === '*' && typeof a === 'number' && isDelta(b)) return { delta: b.delta * a };
    if (op === '/' && isDelta(a) && typeof b === 'number') return { delta: a.delta / b };
    if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
    return fail(`cannot compute ${kind(a)} ${op} ${kind(b)}`);
  };

  const call = (name: string): Value => {
    expect('(');
    const positional: Value[] = [];
    const named: Record<string, Value> = {};
    while (!peek(')')) {
      if (tokens[i]?.kind === 'name' && tokens[i + 1]?.kind === 'op' && tokens[i + 1]!.text === '=') {
        const key = tokens[i]!.text;
        i += 2;
        named[key] = sum();
      } else positional.push(sum());
      if (!peek(')')) {
        if (!peek(',')) fail('expected ) or ,');
        i++;
      }
    }
    i++;
    switch (name) {
      case 'now':
        return { instant: scope.now.getTime() };
      case 'today': {
        const zone = typeof positional[0] === 'string' ? positional[0] : 'UTC';
        if (zone !== 'UTC') checkTimeZone(zone);
        // The zone's calendar date at now, then its midnight as an instant.
        const wall = scope.now.getTime() + (scope.now.getTime() - wallToInstant(scope.now.getTime(), zone));
        const d = new Date(wall);
        return { instant: wallToInstant(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), zone) };
      }
      case 'timedelta': {
        const units: Record<string, number> = {
          weeks: 604_800_000,
          days: 86_400_000,
          hours: 3_600_000,
          minutes: 60_000,
          seconds: 1000,
          milliseconds: 1,
        };
        let delta = typeof positional[0] === 'number' ? positional[0] * units.days! : 0;
        for (const [key, v] of Object.entries(named)) {
          if (!(key in units)) fail(`timedelta has no argument ${key} (weeks, days, hours, minutes, seconds, milliseconds)`);
          if (typeof v !== 'number') fail(`timedelta(${key}=...) needs a number`);
          delta += (v as number) * units[key]!;
        }
        return { delta };
      }
      case 'datetime': {
        const v = positional[0];
        if (v !== undefined && isInstant(v)) return v;
        return fail(`datetime() needs ISO date/time text`);
      }
      default:
        return fail(`unknown function ${name}() (now, today, timedelta, datetime)`);
    }
  };

  const atom = (): Value => {
    const t = tokens[i];
    if (!t) return fail('unexpected end');
    if (t.kind === 'op' && t.text === '(') {
      i++;
      const v = sum();
      expect(')');
      return v;
    }
    if (t.kind === 'op' && t.text === '-') {
      i++;
      return arith('-', 0, atom());
    }
    i++;
    if (t.kind === 'num') return Number(t.text);
    if (t.kind === 'str') return asValue(t.text, 'text');
    if (t.kind === 'name') {
      if (peek('(')) return call(t.text);
      if (!Object.hasOwn(scope.params, t.text)) return fail(`parameter ${t.text} has no value`);
      scope.used?.add(t.text);
      return asValue(scope.params[t.text], t.text);
    }
    i--;
    return fail(`unexpected ${t.text}`);
  };
  const product = (): Value => {
    let v = atom();
    while (peek('*') || peek('/')) v = arith(tokens[i++]!.text, v, atom());
    return v;
  };
  const sum = (): Value => {
    let v = product();
    while (peek('+') || peek('-')) v = arith(tokens[i++]!.text, v, product());
    return v;
  };

  const result = sum();
  if (i < tokens.length) fail(`unexpected ${tokens[i]!.text}`);
  if (isInstant(result)) return new Date(result.instant).toISOString().replace('.000Z', 'Z');
  if (isDelta(result)) return result.delta / 1000;
  return result;
}

function kind(v: Value): string {
  return isInstant(v) ? 'a date/time' : isDelta(v) ? 'a timedelta' : typeof v === 'number' ? 'a number' : 'text';
}
