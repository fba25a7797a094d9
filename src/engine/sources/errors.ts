// DuckDB's errors about reading input, turned into one readable line naming the file and line.
// DuckDB has no error codes in the Node API, only "<Type> Error: <text>", so this parses text.
// What DuckDB 1.5 says (see test/engine/sources.test.ts):
//   CSV   "CSV Error on Line: N\nOriginal Line: ...\n<reason>\n...\n  file = <path>\n  quote = ..."
//         N counts RECORDS (header and blank lines included), so a quoted field holding a newline
//         makes it differ from the physical line: we re-count with the dialect DuckDB prints.
//   JSON  'Malformed JSON in file "<path>", at byte B in line N: <reason>' (NDJSON), or
//         '... in record/value N' (array); N runs one ahead of the 1-based record and counts
//         non-blank lines only, so we locate the record ourselves.
//   Parquet '... in file '<path>'', 'Failed to read file "<path>": Snappy ...', but thrift
//         corruption is a bare 'Invalid Error: invalid TType' with no file at all.
import { SANDBOX_REFUSAL } from '../../connections/sandbox.js';
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { OpenedInput } from '../sources.js';
import { AssayDataError } from '../../errors.js';

/** Files larger than this are not re-read to find a line; DuckDB's own count is reported. */
const LOCATE_LIMIT = 128 * 1024 * 1024;

/** The first line of an error's message, without DuckDB's "LINE 1: ..." pointer. */
export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!.trim();
}

const CSV_REASON =
  /^(Expected Number of Columns: \d+ Found: \d+|Error when converting column .*|Value with unterminated quote found\.|Invalid unicode .*|Maximum line size .*|The CSV Parser state machine reached an invalid state.*)$/m;

export function classifyDataError(err: unknown, input?: OpenedInput): AssayDataError | null {
  if (err instanceof AssayDataError) return err;
  const msg = err instanceof Error ? err.message : String(err ?? '');
  // The sandbox refused what a suite's SQL asked for: that expectation's error, not the data's.
  if (SANDBOX_REFUSAL.test(msg)) return null;
  const fail = (file: string | undefined, text: string) => {
    const where = file ?? (input?.files.length === 1 ? input.files[0] : input?.description);
    return new AssayDataError(where ? `cannot read ${where}${text}` : `cannot read input${text}`, where, { cause: err });
  };

  const csv = /CSV Error on Line: (\d+)\s*\nOriginal Line:([^]*)/.exec(msg);
  if (csv) {
    const setting = (key: string) => new RegExp(`^  ${key} = (.*?)(?: \\((?:Auto-Detected|Set By User)\\))?$`, 'm').exec(msg)?.[1];
    let reason = CSV_REASON.exec(csv[2]!)?.[1] ?? 'malformed row';
    if (/auto-detected from the CSV file/.test(msg)) reason += ' (the type was guessed from a sample; set the column type)';
    const dialect = { delimiter: setting('delimiter'), quote: setting('quote'), escape: setting('escape') };
    return csvError(fail, setting('file'), Number(csv[1]), reason, csv[2]!, dialect);
  }

  const sniff = /Error when sniffing file "(.+?)"/.exec(msg);
  if (sniff) return fail(sniff[1], ': DuckDB could not detect its CSV dialect; give the delimiter, quote and header');

  const json = /Malformed JSON in file "(.+?)", at byte (\d+) in (line|record\/value) (\d+): (.*?)\.?\s*$/m.exec(msg);
  if (json) {
    const [, file, byte, kind, n, reason] = json;
    const record = Number(n) - 1;
    const buf = readSmall(file!);
    const line = buf && (kind === 'line' ? ndjsonLine(buf, record) : jsonArrayLine(buf, record, Number(byte)));
    const at = line ? `, line ${line}` : kind === 'line' ? `, line ${record}` : `, record ${record}`;
    return fail(file, `${at}: malformed JSON: ${reason}`);
  }

  const type = /^([A-Za-z ]+?) Error: /.exec(msg)?.[1];
  const first = oneLine(msg).replace(/^[A-Za-z ]+? Error: /, '');
  const missing = /No files found that match the pattern "(.+?)"/.exec(first);
  if (missing)
    return new AssayDataError(`${/[*?[]/.test(missing[1]!) ? 'no file matches' : 'file not found:'} ${missing[1]}`, missing[1], {
      cause: err,
    });

  const named = /(?:file|File|database) ["'](.+?)["']|GZIP stream: (.+)$/.exec(first);
  const file = named?.[1] ?? named?.[2] ?? input?.files.find((f) => first.includes(f));
  // Errors in what a check wrote (a bad regex, a CAST, a JSON function on a value) name no file.
  if (type === 'Binder' || type === 'Parser' || type === 'Catalog' || type === 'Conversion') return null;
  const about =
    type === 'IO' ||
    type === 'HTTP' ||
    type === 'Permission' ||
    file !== undefined ||
    /Failed to read file|Parquet|GZIP|Permission denied/i.test(first) ||
    // Thrift decoding of a corrupt Parquet footer or page header names no file.
    (type === 'Invalid' && (input?.format === 'parquet' || !!input?.files.some((f) => /\.(parquet|pq)$/i.test(f))));
  if (!about) return null;
  return fail(file, `: ${file ? withoutPath(first, file) : first}`);
}

/** DuckDB's reason without the path we already name: `Cannot open file "x": Permission denied`. */
function withoutPath(text: string, file: string): string {
  const at = text.indexOf(file);
  if (at < 0) return text;
  const after = text.slice(at + file.length).replace(/^["']/, '');
  if (/^:\s*\S/.test(after)) return after.slice(1).trim();
  return (text.slice(0, at).replace(/(?:\s+in file|:)?\s*["']?$/, '') + after).trim();
}

type Fail = (file: string | undefined, text: string) => AssayDataError;

/** A CSV dialect setting as DuckDB prints it ("(empty)", "\\t", or the character) -> byte. */
const byteOf = (s: string | undefined) => (!s || s === '(empty)' ? undefined : s === '\\t' ? 9 : s.charCodeAt(0));

function csvError(
  fail: Fail,
  file: string | undefined,
  record: number,
  reason: string,
  original: string,
  dialect: { delimiter?: string; quote?: string; escape?: string },
) {
  const [delim, quote] = [byteOf(dialect.delimiter), byteOf(dialect.quote)];
  // DuckDB counts a line too long for its buffer from the start of that buffer ("line 1"):
  // the first physical line longer than the limit is the one.
  const max = /^Maximum line size of (\d+)/.exec(reason);
  const long = max && file ? readSmall(file) : null;
  const longAt = long ? firstLongLine(long, Number(max![1])) : null;
  // Without a quote character every record is one line, so DuckDB's count is already right.
  const buf = !longAt && quote !== undefined && delim !== undefined && file ? readSmall(file) : null;
  const line = longAt ?? ((buf && scanCsv(buf, delim!, quote!, byteOf(dialect.escape), record).line) || record);
  const row = original.replace(/^\s+/, '').split('\n')[0]!.trim();
  const shown = row.length > 120 ? `${row.slice(0, 120)}...` : row;
  return fail(file, `, line ${line}: ${reason}${shown ? ` (row: ${shown})` : ''}`);
}

const plainFail: Fail = (file, text) => new AssayDataError(`cannot read ${file}${text}`, file);

/** A row DuckDB's rejects table recorded (see diagnoseCsv in ../sources.ts). */
export function csvRejectError(row: Record<string, unknown>): AssayDataError {
  const text = (k: string) => (row[k] == null ? undefined : String(row[k]));
  return csvError(plainFail, text('file_path'), Number(row.line), text('error_message')!, text('csv_line') ?? '', {
    delimiter: text('delimiter'),
    quote: text('quote'),
    escape: text('escape'),
  });
}

/** The line where a quote opened that the file never closes, as an error; null if none. */
export function unclosedQuoteError(file: string, delimiter: string, quote: string, escape?: string): AssayDataError | null {
  const buf = readSmall(file);
  const [d, q] = [byteOf(delimiter), byteOf(quote)];
  const opened = buf && d !== undefined && q !== undefined ? scanCsv(buf, d, q, byteOf(escape), 0).unclosed : null;
  return opened ? plainFail(file, `, line ${opened}: Value with unterminated quote found.`) : null;
}

/** The file's bytes (decompressed), or null when it is remote, too large or unreadable. */
function readSmall(file: string): Buffer | null {
  try {
    if (statSync(file).size > LOCATE_LIMIT) return null;
    const buf = readFileSync(file);
    return /\.gz(ip)?$/i.test(file) ? gunzipSync(buf, { maxOutputLength: LOCATE_LIMIT }) : buf;
  } catch {
    return null;
  }
}

const NL = 10;
const CR = 13;

/**
 * Walks CSV records as DuckDB's strict parser does (a quote opens only at the start of a field,
 * a doubled quote inside quotes is data): the physical line where record `record` (1-based,
 * header and blank lines counted) starts, and the line of a quote still open at the end.
 */
function scanCsv(buf: Buffer, delim: number, quote: number, escape: number | undefined, record: number) {
  let line = 1,
    rec = 1,
    quoted = false,
    fieldStart = true,
    openedAt = 0;
  let found: number | null = record === 1 ? 1 : null;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (quoted) {
      if (b === NL) line++;
      else if (b === escape && escape !== quote) {
        if (buf[++i] === NL) line++;
      } else if (b === quote) {
        if (buf[i + 1] === quote) i++;
        else quoted = false;
      }
    } else if (b === quote && fieldStart) {
      quoted = true;
      openedAt = line;
      fieldStart = false;
    } else if (b === NL) {
      line++;
      fieldStart = true;
      if (++rec === record) found = line;
    } else if (b !== CR) fieldStart = b === delim;
  }
  return { line: found, unclosed: quoted ? openedAt : null };
}

/** The first physical line longer than `max` bytes (1-based), or null. */
function firstLongLine(buf: Buffer, max: number): number | null {
  let line = 1;
  for (let start = 0; start < buf.length; line++) {
    const end = buf.indexOf(NL, start);
    const stop = end < 0 ? buf.length : end;
    if (stop - start > max) return line;
    start = stop + 1;
  }
  return null;
}

/** Physical line of the `record`-th non-blank line. */
function ndjsonLine(buf: Buffer, record: number): number | null {
  let line = 1,
    rec = 0,
    blank = true;
  for (const b of buf) {
    if (b === NL) {
      line++;
      blank = true;
    } else if (blank && b !== 32 && b !== 9 && b !== 13) {
      blank = false;
      if (++rec === record) return line;
    }
  }
  return null;
}

/** Physical line of byte `byte` (1-based) of the `record`-th element of a top-level JSON array. */
function jsonArrayLine(buf: Buffer, record: number, byte: number): number | null {
  let line = 1,
    depth = 0,
    rec = 0,
    inString = false,
    escaped = false,
    expecting = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (b === 92) escaped = true;
      else if (b === 34) inString = false;
      else if (b === NL) line++;
      continue;
    }
    if (b === NL) line++;
    if (depth === 1 && expecting && b !== 32 && b !== 9 && b !== 13 && b !== NL && b !== 44 && b !== 93) {
      expecting = false;
      if (++rec === record) {
        for (let j = i; j < Math.min(i + byte - 1, buf.length); j++) if (buf[j] === NL) line++;
        return line;
      }
    }
    if (b === 34) inString = true;
    else if (b === 91 || b === 123) expecting = ++depth === 1;
    else if (b === 93 || b === 125) depth--;
    else if (b === 44 && depth === 1) expecting = true;
  }
  return null;
}
