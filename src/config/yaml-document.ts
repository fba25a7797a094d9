// Suite and pipeline files are read the same way: parsed by `yaml` (JSON too, as YAML is a
// superset of it) so every node keeps its position, and each problem can name file:line:column.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { AssayConfigError, ConfigIssue, ConfigIssueCode } from '../errors.js';
import { yamlErrorsToIssues } from './errors.js';

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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length) throw new Fail(yamlErrorsToIssues(doc.errors, file));
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new Fail([{ code: 'yaml_syntax', file, path: '', message: (err as Error).message }]);
  }
  if (raw == null) throw new Fail([{ code: empty.code, file, line: 1, column: 1, path: '', message: empty.message }]);
  return { raw, locate: locator(doc, lineCounter) };
}
