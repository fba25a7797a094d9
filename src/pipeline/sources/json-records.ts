// The records of a JSON response read from a file chunk by chunk, never the whole body in memory:
// a scanner follows strings, escapes and nesting across chunks, finds the records array (at a
// dotted path, the top-level array itself, or the top-level object's first array property) and
// hands over each element, parsed on its own. Memory is one
// chunk plus the largest record. Outside the records array only the nesting is checked.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** A body that is not JSON, or has no records array where expected. */
export class JsonRecordsError extends Error {}

/** A record of a response may be large, not unbounded. */
const MAX_RECORD = 64 * 1024 * 1024;

interface Frame {
  kind: '[' | '{';
  /** The key under which this container sits in its parent object (null in an array, at the top). */
  name: string | null;
  /** Objects: the last key read, and whether a key comes next. */
  key: string | null;
  expectKey: boolean;
}

/** Calls `onRecord` with each record, in order; resolves to their number. */
export async function readJsonRecords(file: string, at: string | undefined, onRecord: (record: unknown) => Promise<void>): Promise<number> {
  const path = at ? at.split('.') : null;
  const stack: Frame[] = [];
  let inString = false;
  let escape = false;
  let keyText: string | null = null; // the raw text of an object key being read
  let recordsDepth = -1; // stack length inside the records array, once open
  let done = false; // the records array has ended
  let record: string | null = null; // the text of the record being read
  let nesting = 0; // containers open inside the record
  let started = false;
  let count = 0;

  const isRecords = (name: string | null): boolean => {
    if (done || recordsDepth >= 0) return false;
    if (path) {
      if (stack.length !== path.length || stack.some((f) => f.kind !== '{')) return false;
      const names = [...stack.slice(1).map((f) => f.name), name];
      return names.every((n, i) => n === path[i]);
    }
    return stack.length === 0 || (stack.length === 1 && stack[0]!.kind === '{');
  };
  const endRecord = async (text: string) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new JsonRecordsError(`record ${count + 1} is not JSON: ${(err as Error).message}`);
    }
    count++;
    record = null;
    await onRecord(value);
  };

  const decoder = new StringDecoder('utf8');
  for await (const buf of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const chunk = decoder.write(buf as Buffer);
    let from = 0; // where the record's text in this chunk begins
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (inString) {
        if (escape) escape = false;
        else if (ch === '\\') escape = true;
        else if (ch === '"') {
          inString = false;
          if (keyText !== null) {
            const top = stack.at(-1)!;
            top.key = JSON.parse(`"${keyText}"`) as string;
            top.expectKey = false;
            keyText = null;
          }
          continue;
        }
        if (keyText !== null) keyText += ch;
        continue;
      }
      if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
      started = true;
      const inArray = recordsDepth >= 0 && stack.length === recordsDepth;
      if (inArray && record === null && ch !== ',' && ch !== ']') {
        record = '';
        from = i;
        nesting = 0;
      }
      if (record !== null) {
        if (ch === '"') inString = true;
        else if (ch === '{' || ch === '[') nesting++;
        else if ((ch === '}' || ch === ']') && nesting > 0) nesting--;
        else if ((ch === ',' || ch === ']') && nesting === 0) {
          await endRecord(record + chunk.slice(from, i));
          if (ch === ',') continue;
        }
        if (record !== null) continue;
      }
      if (ch === '"') {
        inString = true;
        const top = stack.at(-1);
        if (top?.kind === '{' && top.expectKey) keyText = '';
      } else if (ch === '{' || ch === '[') {
        const parent = stack.at(-1);
        const name = parent?.kind === '{' ? parent.key : null;
        const opens = ch === '[' && isRecords(name);
        stack.push({ kind: ch, name, key: null, expectKey: ch === '{' });
        if (opens) recordsDepth = stack.length;
      } else if (ch === '}' || ch === ']') {
        const top = stack.pop();
        if (!top || (top.kind === '[') !== (ch === ']')) throw new JsonRecordsError(`an unexpected ${ch} in the response`);
        if (recordsDepth === stack.length + 1) {
          recordsDepth = -1;
          done = true;
        }
      } else if (ch === ',') {
        const top = stack.at(-1);
        if (top?.kind === '{') top.expectKey = true;
      }
    }
    if (record !== null) {
      record += chunk.slice(from);
      if (record.length > MAX_RECORD) throw new JsonRecordsError(`record ${count + 1} is longer than ${MAX_RECORD} characters`);
    }
  }
  if (inString || stack.length) throw new JsonRecordsError('the response ends in the middle of the JSON');
  if (!started) throw new JsonRecordsError('the response is empty');
  if (!done) throw new JsonRecordsError('no records array');
  return count;
}
