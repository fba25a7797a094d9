// Whether python-dateutil's `parser.parse(text)` (default parserinfo: month before day, no
// fuzzy matching) would return a datetime, for expect_column_values_to_be_dateutil_parseable.
//
// An approximation, written after dateutil 2.9's parser (Apache-2.0/BSD): the same tokens
// (runs of letters, runs of digits with one decimal mark, single other characters), the same
// English words (month and weekday names, am/pm, "of", skippable words such as "at" and "the"
// ordinals), the same readings of numbers (YYYYMMDD, YYMMDD, HH:MM:SS, 10h30m, 01/02/03 as
// month/day/year unless a part can only be a year or a day), and the same final check that the
// fields make a real date and time, with missing fields taken from today as dateutil does.
// Known differences, all rare: time zone names and offsets
// are accepted without checking them further; "GMT+3"-style sign flips are ignored; a few
// combinations dateutil rejects by raising deep inside (e.g. a day pushed past year 9999 by a
// weekday) are accepted. When in doubt the approximation accepts: leniency matches GE's intent.

const JUMP = new Set([' ', '.', ',', ';', '-', '/', "'", 'at', 'on', 'and', 'ad', 'm', 't', 'of', 'st', 'nd', 'rd', 'th']);
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const HMS: Record<string, number> = { h: 0, hour: 0, hours: 0, m: 1, minute: 1, minutes: 1, s: 2, second: 2, seconds: 2 };
const AMPM: Record<string, number> = { am: 0, a: 0, pm: 1, p: 1 };
const UTC_ZONES = ['UTC', 'GMT', 'Z', 'z'];

/** Python's str.isspace() characters. */
const SPACE = /[\t\n\u000b\u000c\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const isWord = (c: string) => /\p{L}/u.test(c);
const isNum = (c: string) => c >= '0' && c <= '9';

class Invalid extends Error {}
const fail = (): never => {
  throw new Invalid();
};

const jump = (t: string | undefined) => t !== undefined && JUMP.has(t.toLowerCase());
const weekdayOf = (t: string) => {
  const i = Math.max(WEEKDAYS.indexOf(t.toLowerCase()), WEEKDAY_NAMES.indexOf(t.toLowerCase()));
  return i < 0 ? null : i;
};
const monthOf = (t: string | undefined) => {
  if (t === undefined) return null;
  const l = t.toLowerCase();
  const i = l === 'sept' ? 8 : Math.max(MONTHS.indexOf(l), MONTH_NAMES.indexOf(l));
  return i < 0 ? null : i + 1;
};
const hmsOf = (t: string | undefined) => (t !== undefined && t.toLowerCase() in HMS ? HMS[t.toLowerCase()]! : null);
const ampmOf = (t: string | undefined) => (t !== undefined && t.toLowerCase() in AMPM ? AMPM[t.toLowerCase()]! : null);

/** Python's int() of a token: digits only (tokens never carry signs or spaces). */
function int(s: string | undefined): number {
  if (s === undefined || !/^[0-9]+$/.test(s)) fail();
  return Number(s);
}
/** dateutil's Decimal of a numeric token. */
function dec(s: string | undefined): number {
  if (s === undefined || !/^[0-9]+(\.[0-9]*)?$|^\.[0-9]+$/.test(s)) fail();
  return Number(s);
}
/** "SS[.ffffff]" → [seconds, microseconds]. */
function secMicro(s: string): [number, number] {
  if (!s.includes('.')) return [int(s), 0];
  const [i, f = '', ...rest] = s.split('.');
  if (rest.length) fail();
  return [int(i), int((f + '000000').slice(0, 6))];
}

/** dateutil's _timelex: letters, digits (with decimal marks), and one-character tokens. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  const chars = [...text.replaceAll('\u0000', '')];
  let i = 0;
  while (i < chars.length) {
    let token = chars[i++]!;
    let state: 'a' | '0' | 'a.' | '0.' | null;
    if (isWord(token)) state = 'a';
    else if (isNum(token)) state = '0';
    else {
      out.push(SPACE.test(token) ? ' ' : token);
      continue;
    }
    let seenLetters = false;
    for (; i < chars.length; i++) {
      const c = chars[i]!;
      if (state === 'a') {
        seenLetters = true;
        if (isWord(c)) token += c;
        else if (c === '.') {
          token += c;
          state = 'a.';
        } else break;
      } else if (state === '0') {
        if (isNum(c)) token += c;
        else if (c === '.' || (c === ',' && token.length >= 2)) {
          token += c;
          state = '0.';
        } else break;
      } else if (state === 'a.') {
        seenLetters = true;
        if (c === '.' || isWord(c)) token += c;
        else if (isNum(c) && token.endsWith('.')) {
          token += c;
          state = '0.';
        } else break;
      } else {
        if (c === '.' || isNum(c)) token += c;
        else if (isWord(c) && token.endsWith('.')) {
          token += c;
          state = 'a.';
        } else break;
      }
    }
    if ((state === 'a.' || state === '0.') && (seenLetters || token.split('.').length > 2 || /[.,]$/.test(token))) {
      const parts = token.split(/([.,])/).filter((p, k) => k === 0 || p !== '');
      out.push(...parts);
      continue;
    }
    if (state === '0.' && !token.includes('.')) token = token.replace(',', '.');
    out.push(token);
  }
  return out;
}

interface Result {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
  hour?: number;
  minute?: number;
  second?: number;
  micro?: number;
  ampm?: number;
  tzname?: string;
  tzoffset?: number | null;
}

/** dateutil's year/month/day collector and its ordering rules (dayfirst and yearfirst off). */
class Ymd {
  values: number[] = [];
  century = false;
  y: number | null = null;
  m: number | null = null;
  d: number | null = null;

  append(val: string | number, label?: 'Y' | 'M' | 'D'): void {
    if (typeof val === 'string') {
      if (/^[0-9]+$/.test(val) && val.length > 2) {
        this.century = true;
        label = 'Y';
      }
      this.values.push(int(val));
    } else {
      if (val > 100) {
        this.century = true;
        label = 'Y';
      }
      this.values.push(Math.trunc(val));
    }
    const at = this.values.length - 1;
    if (label === 'M') {
      if (this.m === null) this.m = at;
      else fail();
    } else if (label === 'D') {
      if (this.d === null) this.d = at;
      else fail();
    } else if (label === 'Y') {
      if (this.y === null) this.y = at;
      else fail();
    }
  }

  couldBeDay(v: number): boolean {
    if (this.d !== null) return false;
    if (this.m === null) return v >= 1 && v <= 31;
    const month = this.values[this.m]!;
    return v >= 1 && v <= daysIn(this.y === null ? 2000 : this.values[this.y]!, month);
  }

  resolve(): [number | undefined, number | undefined, number | undefined] {
    const v = this.values;
    const n = v.length;
    const ids = { y: this.y, m: this.m, d: this.d };
    const known = Object.values(ids).filter((x) => x !== null).length;
    if ((n === known && n > 0) || (n === 3 && known === 2)) {
      if (n === 3 && known === 2) {
        const missing = [0, 1, 2].find((x) => !Object.values(ids).includes(x))!;
        if (ids.y === null) ids.y = missing;
        else if (ids.m === null) ids.m = missing;
        else ids.d = missing;
      }
      const at = (x: number | null) => (x === null ? undefined : v[x]);
      return [at(ids.y), at(ids.m), at(ids.d)];
    }
    if (n > 3) fail();
    const [a, b, c] = v as [number, number, number];
    if (n === 0) return [undefined, undefined, undefined];
    if (n === 1 || (this.m !== null && n === 2)) {
      let month: number | undefined;
      let other: number;
      if (this.m !== null) {
        month = v[this.m];
        other = v.at(this.m - 1)!;
      } // Python's self[-1] when m = 0
      else other = a;
      if (n > 1 || this.m === null) return other > 31 ? [other, month, undefined] : [undefined, month, other];
      return [undefined, month, undefined];
    }
    if (n === 2) {
      if (a > 31) return [a, b, undefined];
      if (b > 31) return [b, a, undefined];
      return [undefined, a, b];
    }
    if (this.m === 0) return b > 31 ? [b, a, c] : [c, a, b];
    if (this.m === 1) return a > 31 ? [a, b, c] : [c, b, a];
    if (this.m === 2) return b > 31 ? [b, c, a] : [a, c, b];
    if (a > 31 || this.y === 0) return [a, b, c];
    if (a > 12) return [c, b, a];
    return [c, a, b];
  }
}

const leap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (y: number, m: number) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;

function hmsIndex(i: number, t: string[]): number | null {
  const n = t.length;
  if (i + 1 < n && hmsOf(t[i + 1]) !== null) return i + 1;
  if (i + 2 < n && t[i + 1] === ' ' && hmsOf(t[i + 2]) !== null) return i + 2;
  if (i > 0 && hmsOf(t[i - 1]) !== null) return i - 1;
  if (1 < i && i === n - 1 && t[i - 1] === ' ' && hmsOf(t[i - 2]) !== null) return i - 2;
  return null;
}

const adjustAmpm = (hour: number, ampm: number) => (hour < 12 && ampm === 1 ? hour + 12 : hour === 12 && ampm === 0 ? 0 : hour);

/** One numeric token at `i`; returns the index of the last token it consumed. */
function numeric(t: string[], i: number, ymd: Ymd, res: Result): number {
  const s = t[i]!;
  const value = dec(s);
  const len = s.length;
  const n = t.length;
  if (
    ymd.values.length === 3 &&
    (len === 2 || len === 4) &&
    res.hour === undefined &&
    (i + 1 >= n || (t[i + 1] !== ':' && hmsOf(t[i + 1]) === null))
  ) {
    res.hour = int(s.slice(0, 2));
    if (len === 4) res.minute = int(s.slice(2));
  } else if (len === 6 || (len > 6 && s.indexOf('.') === 6)) {
    if (ymd.values.length === 0 && !s.includes('.')) {
      ymd.append(s.slice(0, 2));
      ymd.append(s.slice(2, 4));
      ymd.append(s.slice(4));
    } else {
      res.hour = int(s.slice(0, 2));
      res.minute = int(s.slice(2, 4));
      [res.second, res.micro] = secMicro(s.slice(4));
    }
  } else if (len === 8 || len === 12 || len === 14) {
    ymd.append(s.slice(0, 4), 'Y');
    ymd.append(s.slice(4, 6));
    ymd.append(s.slice(6, 8));
    if (len > 8) {
      res.hour = int(s.slice(8, 10));
      res.minute = int(s.slice(10, 12));
      if (len > 12) res.second = int(s.slice(12));
    }
  } else if (hmsIndex(i, t) !== null) {
    const at = hmsIndex(i, t)!;
    const unit = at > i ? hmsOf(t[at])! : hmsOf(t[at])! + 1;
    if (at > i) i = at;
    if (unit === 0) {
      res.hour = Math.trunc(value);
      if (value % 1) res.minute = Math.trunc(60 * (value % 1));
    } else if (unit === 1) {
      res.minute = Math.trunc(value);
      if (value % 1) res.second = Math.trunc(60 * (value % 1));
    } else if (unit === 2) [res.second, res.micro] = secMicro(s);
  } else if (i + 2 < n && t[i + 1] === ':') {
    res.hour = Math.trunc(value);
    const mv = dec(t[i + 2]);
    res.minute = Math.trunc(mv);
    if (mv % 1) res.second = Math.trunc(60 * (mv % 1));
    if (i + 4 < n && t[i + 3] === ':') {
      [res.second, res.micro] = secMicro(t[i + 4]!);
      i += 2;
    }
    i += 2;
  } else if (i + 1 < n && ['-', '/', '.'].includes(t[i + 1]!)) {
    const sep = t[i + 1];
    ymd.append(s);
    if (i + 2 < n && !jump(t[i + 2])) {
      if (/^[0-9]+$/.test(t[i + 2]!)) ymd.append(t[i + 2]!);
      else ymd.append(monthOf(t[i + 2]) ?? fail(), 'M');
      if (i + 3 < n && t[i + 3] === sep) {
        const m = monthOf(t[i + 4]);
        if (m !== null) ymd.append(m, 'M');
        else ymd.append(t[i + 4] ?? fail());
        i += 2;
      }
      i += 1;
    }
    i += 1;
  } else if (i + 1 >= n || jump(t[i + 1])) {
    if (i + 2 < n && ampmOf(t[i + 2]) !== null) {
      res.hour = adjustAmpm(Math.trunc(value), ampmOf(t[i + 2])!);
      i += 1;
    } else ymd.append(value);
    i += 1;
  } else if (ampmOf(t[i + 1]) !== null && value >= 0 && value < 24) {
    res.hour = adjustAmpm(Math.trunc(value), ampmOf(t[i + 1])!);
    i += 1;
  } else if (ymd.couldBeDay(value)) ymd.append(value);
  else fail();
  return i;
}

const couldBeTzname = (res: Result, token: string) =>
  res.hour !== undefined &&
  res.tzname === undefined &&
  (res.tzoffset ?? null) === null &&
  token.length <= 5 &&
  (/^[A-Z]+$/.test(token) || UTC_ZONES.includes(token));

function parse(text: string, now: Date): boolean {
  const t = tokens(text);
  const n = t.length;
  const res: Result = {};
  const ymd = new Ymd();
  for (let i = 0; i < n; i++) {
    const tok = t[i]!;
    if (/^[0-9]/.test(tok) || /^\.[0-9]/.test(tok)) i = numeric(t, i, ymd, res);
    else if (['nan', 'inf', 'infinity'].includes(tok.toLowerCase())) fail();
    else if (weekdayOf(tok) !== null) res.weekday = weekdayOf(tok)!;
    else if (monthOf(tok) !== null) {
      ymd.append(monthOf(tok)!, 'M');
      if (i + 1 < n) {
        if (t[i + 1] === '-' || t[i + 1] === '/') {
          const sep = t[i + 1];
          ymd.append(t[i + 2] ?? fail());
          if (i + 3 < n && t[i + 3] === sep) {
            ymd.append(t[i + 4] ?? fail());
            i += 2;
          }
          i += 2;
        } else if (i + 4 < n && t[i + 1] === ' ' && t[i + 3] === ' ' && t[i + 2]!.toLowerCase() === 'of') {
          if (/^[0-9]+$/.test(t[i + 4]!)) ymd.append(String(convertYear(int(t[i + 4]), false, now)), 'Y');
          i += 4;
        }
      }
    } else if (ampmOf(tok) !== null) {
      if (res.hour === undefined || res.hour > 12) fail();
      res.hour = adjustAmpm(res.hour!, ampmOf(tok)!);
      res.ampm = ampmOf(tok)!;
    } else if (couldBeTzname(res, tok)) {
      res.tzname = tok;
      res.tzoffset = UTC_ZONES.includes(tok) ? 0 : null;
      // "GMT+3": the offset that follows belongs to an unnamed zone.
      if (t[i + 1] === '+' || t[i + 1] === '-') {
        res.tzoffset = null;
        if (UTC_ZONES.some((z) => z.toLowerCase() === tok.toLowerCase())) res.tzname = undefined;
      }
    } else if (res.hour !== undefined && (tok === '+' || tok === '-')) {
      const next = t[i + 1] ?? fail();
      if (next.length === 4) int(next);
      else if (i + 2 < n && t[i + 2] === ':') {
        int(next);
        int(t[i + 3]);
        i += 2;
      } else if (next.length <= 2) int(next);
      else fail();
      res.tzoffset = 1;
      if (
        i + 5 < n &&
        jump(t[i + 2]) &&
        t[i + 3] === '(' &&
        t[i + 5] === ')' &&
        t[i + 4]!.length >= 3 &&
        couldBeTzname({ ...res, tzoffset: null }, t[i + 4]!)
      ) {
        res.tzname = t[i + 4];
        i += 4;
      }
      i += 1;
    } else if (!jump(tok)) fail();
  }
  const [year, month, day] = ymd.resolve();
  const fields = {
    year,
    month,
    day,
    weekday: res.weekday,
    hour: res.hour,
    minute: res.minute,
    second: res.second,
    micro: res.micro,
    tz: res.tzname ?? res.tzoffset ?? undefined,
    ampm: res.ampm,
  };
  if (Object.values(fields).every((v) => v === undefined)) return false; // "String does not contain a date"

  // _build_naive: today's date at midnight, with the parsed fields replaced.
  const y = year === undefined ? now.getFullYear() : convertYear(year, ymd.century, now);
  const m = month ?? now.getMonth() + 1;
  let d = day ?? now.getDate();
  if (day === undefined && m >= 1 && m <= 12) d = Math.min(d, daysIn(y, m));
  const inRange = (v: number | undefined, lo: number, hi: number) => v === undefined || (v >= lo && v <= hi);
  return (
    y >= 1 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysIn(y, m) &&
    inRange(res.hour, 0, 23) &&
    inRange(res.minute, 0, 59) &&
    inRange(res.second, 0, 59) &&
    inRange(res.micro, 0, 999999)
  );
}

/** dateutil's convertyear: a two-digit year without century lands within 50 years of today. */
function convertYear(year: number, centurySpecified: boolean, now: Date): number {
  if (year >= 100 || centurySpecified) return year;
  const current = now.getFullYear();
  let y = year + Math.floor(current / 100) * 100;
  if (y >= current + 50) y -= 100;
  else if (y < current - 50) y += 100;
  return y;
}

/**
 * Python's int() and float() read any decimal digit: ٢٠١٩ is 2019. A maximal run of Unicode
 * decimal digits is whole blocks of 0 to 9, so a digit's value is its offset in its run, mod 10.
 */
function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (c) => {
    const cp = c.codePointAt(0)!;
    let start = cp;
    while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    return String((cp - start) % 10);
  });
}

export function dateutilParses(text: string, now = new Date()): boolean {
  try {
    return parse(asciiDigits(text), now);
  } catch (err) {
    if (err instanceof Invalid) return false;
    throw err;
  }
}
