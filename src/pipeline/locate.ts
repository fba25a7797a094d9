// Positions of YAML nodes by path, so every problem of a pipeline file names its line.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

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
