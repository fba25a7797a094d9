// Suite and pipeline files are read the same way: parsed by `yaml` (JSON too, as YAML is a
// superset of it) so every node keeps its position, and each problem can name file:line:column.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Document, type Node } from 'yaml';
import type { AssayConfigError, ConfigIssue, ConfigIssueCode } from '../errors.js';
import { yamlErrorsToIssues } from './errors.js';

/**
 * Limits on what a config file may be: a file comes from a pull request as often as from its
 * author, and nothing in it should be able to make Assay work for minutes or overflow its stack.
 */
export const LIMITS = {
  /** Bytes of one suite or pipeline file. */
  fileBytes: 10 * 1024 * 1024,
  /** Nesting of maps and lists (a suite needs about 6). */
  depth: 64,
} as const;

/**
 * Keys that name JavaScript's object machinery: assigned to a plain object, `__proto__` sets
 * its prototype and so adds keys no check or report ever sees. Refused wherever they appear.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type Locate = (path: readonly string[], atValue?: boolean) => { line?: number; column?: number };

/** The position of the deepest existing node on the path; a map entry is placed at its key. */
export function locator(doc: Document, lineCounter: LineCounter): Locate {
  const posOf = (node: { range?: [number, number, number] | null } | null | undefined) => {
    if (!node?.range) return {};
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { line, column: col };
  };
  return (path, atValue = false) => {
    let node = doc.contents as Node | null;
    let pos = posOf(node);
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(doc) ?? null;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
        if (!pair) break;
        pos = posOf(((atValue ? pair.value : pair.key) as Node | null) ?? (pair.value as Node | null));
        node = pair.value as Node | null;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)] as Node | undefined;
        if (!item) break;
        pos = posOf(item);
        node = item;
      } else break;
    }
    return pos;
  };
}

export function toPointer(path: readonly string[]): string {
  return path.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * Parses a config file's text; throws `Fail` (the suite's or the pipeline's error) on a syntax
 * error (past one the tree is a guess, so nothing else is checked) or an empty document
 * (`empty` says what it needs).
 */
export function readYamlDocument(
  text: string,
  file: string,
  empty: { code: ConfigIssueCode; message: string },
  Fail: new (issues: ConfigIssue[]) => AssayConfigError,
): { raw: any; locate: Locate } {
  if (text.length > LIMITS.fileBytes) {
    const message = `the file is ${text.length} characters long; at most ${LIMITS.fileBytes} are read`;
    throw new Fail([{ code: 'too_large', file, line: 1, column: 1, path: '', message }]);
  }
  const lineCounter = new LineCounter();
  // resolveKnownTags off: !!binary, !!set, !!timestamp would make values no JSON has.
  const doc = parseDocument(text, { lineCounter, resolveKnownTags: false, uniqueKeys: true });
  if (doc.errors.length) throw new Fail(yamlErrorsToIssues(doc.errors, file));
  // A tag `yaml` does not know is only a warning there: the value would be read as if untagged.
  const tags = doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tags.length) throw new Fail(yamlErrorsToIssues(tags, file));
  const json = /^\s*[{[]/.test(text);
  let issues = checkNodes(doc, lineCounter, file, json);
  if (!issues.length && json) issues = checkJsonText(text, lineCounter, file);
  if (issues.length) throw new Fail(issues);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new Fail([{ code: 'yaml_syntax', file, path: '', message: (err as Error).message }]);
  }
  if (raw == null) throw new Fail([{ code: empty.code, file, line: 1, column: 1, path: '', message: empty.message }]);
  return { raw, locate: locator(doc, lineCounter) };
}

/**
 * What `yaml` accepts but a config may not hold: nesting past LIMITS.depth, keys that reach
 * JavaScript's prototypes, numbers that are not finite (`.nan`, `.inf`, `1e400`) and, in a JSON
 * file, Python's bare NaN/Infinity (which YAML would read as text). Iterative, so depth itself
 * cannot overflow the stack.
 */
function checkNodes(doc: Document, lineCounter: LineCounter, file: string, json: boolean): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const at = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return {};
    const { line, col } = lineCounter.linePos(range[0]);
    return { line, column: col };
  };
  const issue = (code: ConfigIssueCode, node: unknown, message: string) => issues.push({ code, file, ...at(node), path: '', message });
  // A KL partition's bins may be open-ended (GE writes -Infinity / Infinity there); nowhere else.
  const stack: { node: unknown; depth: number; infinite?: boolean }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length && issues.length < 20) {
    const { node, depth, infinite } = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth >= LIMITS.depth) {
        issue('too_deep', node, `nested more than ${LIMITS.depth} levels deep`);
        continue;
      }
      for (const item of node.items) {
        if (isPair(item)) {
          if (isScalar(item.key) && FORBIDDEN_KEYS.has(String(item.key.value))) {
            issue('forbidden_key', item.key, `the key ${String(item.key.value)} is not allowed (it names JavaScript's object internals)`);
          }
          const open = infinite || (isScalar(item.key) && item.key.value === 'partition_object');
          stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1, infinite: open });
        } else stack.push({ node: item, depth: depth + 1, infinite });
      }
    } else if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number' && (Number.isNaN(v) || (!infinite && !Number.isFinite(v)))) {
        issue('not_finite', node, `${node.source ?? String(v)} is not a finite number (NaN and infinities are not accepted)`);
      } else if (
        json &&
        node.type === Scalar.PLAIN &&
        typeof v === 'string' &&
        /^-?(NaN|Infinity)$/.test(v) &&
        !(infinite && v !== 'NaN')
      ) {
        issue('not_finite', node, `${v} is not JSON and not a finite number (NaN and infinities are not accepted)`);
      }
    }
  }
  return issues;
}

/**
 * A JSON file is read by `yaml` for positions, and YAML's flow syntax is laxer than JSON:
 * trailing commas, comments, single quotes and unquoted words pass there. Great Expectations
 * writes strict JSON, so anything else is a mistake in the file (or a hand edit gone wrong).
 */
function checkJsonText(text: string, lineCounter: LineCounter, file: string): ConfigIssue[] {
  const where = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === ',') {
      const next = /\S/.exec(text.slice(i + 1, i + 1 + 4096));
      if (next && (next[0] === ']' || next[0] === '}')) {
        return [{ code: 'yaml_syntax', file, ...where(i), path: '', message: 'a trailing comma is not valid JSON' }];
      }
    }
  }
  try {
    // Python's Infinity in a KL partition passed checkNodes; JSON itself has no word for it.
    JSON.parse(text.replace(/(?<=[:[,]\s*)-?Infinity(?=\s*[,\]}])/g, '0'));
  } catch (err) {
    const pos = /position (\d+)/.exec((err as Error).message);
    const message = `not valid JSON: ${(err as Error).message.split('\n')[0]!.slice(0, 200)}`;
    return [{ code: 'yaml_syntax', file, ...(pos ? where(Number(pos[1])) : { line: 1, column: 1 }), path: '', message }];
  }
  return [];
}
