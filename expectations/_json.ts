// Python's json.loads, in JS: JSON.parse plus the NaN, Infinity and -Infinity literals Python
// accepts. Strings are checked first so that the literals are only replaced outside them.

/** A whole text of non-quote characters and valid JSON strings (Python's strict strings). */
const STRINGS_OK = /^(?:[^"]|"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*")*$/;
const TOKENS = /"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g;
/** Stands for NaN while parsing; a JSON string nobody writes. */
const NAN = '\u0000\u0001NaN';

/** The parsed value; throws a SyntaxError (as json.loads raises JSONDecodeError) otherwise. */
export function pythonJsonLoads(text: string): unknown {
  if (!STRINGS_OK.test(text)) throw new SyntaxError(`Invalid JSON string in ${JSON.stringify(text.slice(0, 80))}`);
  let special = false;
  const js = text.replace(TOKENS, (t) => {
    if (t.startsWith('"')) return t;
    special = true;
    // Spaces keep "[1NaN]" invalid, as it is for Python.
    return t === 'NaN' ? ` ${JSON.stringify(NAN)} ` : t.startsWith('-') ? ' -1e999 ' : ' 1e999 ';
  });
  return special ? JSON.parse(js, (_k, v) => (v === NAN ? NaN : v)) : JSON.parse(js);
}
