// The GE cases are JSON written by Python. Python tells `1` (int) from `1.0` (float), and the
// conformance checks depend on it: pandas infers a column's SQL type from it, Python's str()
// of a value differs ("1" vs "1.0"), and GE compares an observed_value with a tolerance only
// when the expected value's repr has a decimal literal. JSON.parse loses that, so this reader
// keeps float literals as PyFloat and `{"$float": "Infinity"}` as PyFloat too.

/** A JSON number written as a float literal (`1.0`, `2.5e-3`), or a `$float` object. */
export class PyFloat {
  constructor(readonly value: number) {}
}

export type Py = null | boolean | number | string | PyFloat | Py[] | { [key: string]: Py };

/** Parses strict JSON, keeping float literals as PyFloat. */
export function parsePy(text: string): Py {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at offset ${i}: ${text.slice(i, i + 30)}`);
  };
  const value = (): Py => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: { [key: string]: Py } = {};
      ws();
      if (text[i] === '}') {
        i++;
        return decodeFloat(obj);
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const key = string();
        ws();
        if (text[i++] !== ':') fail('expected ":"');
        obj[key] = value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return decodeFloat(obj);
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const arr: Py[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) return ((i += 4), true);
    if (text.startsWith('false', i)) return ((i += 5), false);
    if (text.startsWith('null', i)) return ((i += 4), null);
    const m = /-?\d+(\.\d+)?([eE][-+]?\d+)?/y;
    m.lastIndex = i;
    const num = m.exec(text);
    if (!num) return fail('unexpected character');
    i += num[0].length;
    const n = Number(num[0]);
    return num[1] !== undefined || num[2] !== undefined ? new PyFloat(n) : n;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') {
      if (text[i] === '\\') i++;
      i++;
      if (i >= text.length) fail('unterminated string');
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const out = value();
  ws();
  if (i !== text.length) fail('trailing text');
  return out;
}

function decodeFloat(obj: { [key: string]: Py }): Py {
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === '$float' && typeof obj.$float === 'string') {
    const s = obj.$float;
    return new PyFloat(s === 'Infinity' ? Infinity : s === '-Infinity' ? -Infinity : s === 'NaN' ? NaN : Number(s));
  }
  return obj;
}

/** Plain JS: PyFloat becomes its number. */
export function toJs(v: Py): unknown {
  if (v instanceof PyFloat) return v.value;
  if (Array.isArray(v)) return v.map(toJs);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJs(x)]));
  return v;
}

/** Python's repr() of a float. */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    const [mant, exp] = n.toExponential().split('e');
    const e = Number(exp);
    return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const s = String(n);
  return Number.isInteger(n) ? `${s}.0` : s;
}

/** Python's repr() of a value as it was read (ints, floats, str, None, lists, dicts). */
export function pyRepr(v: Py): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
    .join(', ')}}`;
}

/** Python's str() of a scalar. */
export function pyStr(v: Py): string {
  return typeof v === 'string' ? v : pyRepr(v);
}
