// A first draft of a suite, read off a profile. Every rule is one a reviewer can check by eye,
// and each expectation carries a comment saying which figure of the profile it came from. The
// draft passes on the data it was profiled from (ranges and lengths are widened by a stated
// margin, never narrowed), so its first failures on new data are news, not noise.
import { Document, isMap, isSeq, YAMLMap } from 'yaml';
import type { ColumnProfile, PatternLevel, Profile } from './profile.js';

export interface SuggestOptions {
  /** Suite name (default: "suggested"). */
  name?: string;
  /** Ranges, lengths and the row count are widened by this share (default 0.1: 10%). */
  margin?: number;
  /** Columns with at most this many distinct values get a value set (default 20). */
  maxSetSize?: number;
  /** Foreign keys to check: column -> the other source and key column. */
  references?: { column: string; other: string; otherColumn: string }[];
}

export interface Suggestion {
  type: string;
  kwargs: Record<string, unknown>;
  /** Why it was suggested: the profile's figure and the rule. */
  why: string;
}

export interface SuggestedSuite {
  name: string;
  expectations: Suggestion[];
  /** The suite as YAML, each expectation under its reason. */
  yaml: string;
}

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toLocaleString('en-US')}%`;
const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 6 });
const INTEGER = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|INT2|INT4|INT8|SERIAL|BIGSERIAL)\b/i;

export function suggestSuite(p: Profile, opts: SuggestOptions = {}): SuggestedSuite {
  const margin = opts.margin ?? 0.1;
  const maxSet = opts.maxSetSize ?? 20;
  const out: Suggestion[] = [];
  const add = (type: string, kwargs: Record<string, unknown>, why: string) => out.push({ type, kwargs, why });
  const m = pct(margin);

  add(
    'expect_table_row_count_to_be_between',
    { min_value: Math.floor(p.rows * (1 - margin) + 1e-9), max_value: Math.ceil(p.rows * (1 + margin) - 1e-9) },
    `${fmt(p.rows)} rows profiled; allows ${m} fewer or more.`,
  );
  add(
    'expect_table_columns_to_match_ordered_list',
    { column_list: p.columns.map((c) => c.name) },
    `the ${p.columns.length} columns of the profile, in order.`,
  );

  for (const c of p.columns) {
    const nonNull = p.rows - c.nulls;
    const integer = c.kind === 'numeric' && INTEGER.test(c.type);
    add('expect_column_values_to_be_of_type', { column: c.name, type_: c.type.replace(/\(.*\)$/, '') }, `${c.name} is ${c.type}.`);
    if (p.rows > 0 && c.nulls === 0) add('expect_column_values_to_not_be_null', { column: c.name }, `no nulls in ${fmt(p.rows)} rows.`);
    else if (c.null_fraction !== null && c.null_fraction < 0.5) {
      const allowed = Math.min(1, Math.ceil(c.null_fraction * 2 * 1000) / 1000);
      add(
        'expect_column_values_to_not_be_null',
        { column: c.name, mostly: Math.floor((1 - allowed) * 1000) / 1000 },
        `${pct(c.null_fraction)} of ${c.name} is null (${fmt(c.nulls)} row${c.nulls === 1 ? '' : 's'}); allows up to twice that, ${pct(allowed)}.`,
      );
    }
    if (nonNull < 2) continue;
    // Floats and times are distinct by accident; identifiers are integers or text.
    const keyLike = integer || c.kind === 'string';
    if (keyLike && c.distinct === nonNull)
      add('expect_column_values_to_be_unique', { column: c.name }, `all ${fmt(nonNull)} values are distinct.`);

    const setLike =
      (integer || c.kind === 'string') && c.distinct <= maxSet && c.distinct * 5 <= nonNull && c.top_values.length === c.distinct;
    if (setLike) {
      const values = c.top_values.map((v) => (integer ? Number(v.value) : v.value));
      values.sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0));
      const rare = c.top_values.filter((v) => v.count / nonNull < 0.01);
      add(
        'expect_column_values_to_be_in_set',
        { column: c.name, value_set: values },
        `${c.distinct} distinct values (at most ${maxSet} make a set).` +
          (rare.length ? ` Rare, check they belong: ${rare.map((v) => `${JSON.stringify(v.value)} (${v.count})`).join(', ')}.` : ''),
      );
    }

    if (c.kind === 'numeric' && typeof c.min === 'number' && typeof c.max === 'number') {
      const span = c.max - c.min || Math.abs(c.max) || 1;
      let lo = c.min - span * margin;
      let hi = c.max + span * margin;
      if (integer) [lo, hi] = [Math.floor(lo), Math.ceil(hi)];
      else [lo, hi] = [roundDown(lo), roundUp(hi)];
      const floor = c.min >= 0 && lo < 0;
      if (floor) lo = 0;
      if (!setLike)
        add(
          'expect_column_values_to_be_between',
          { column: c.name, min_value: lo, max_value: hi },
          `values from ${fmt(c.min)} to ${fmt(c.max)}; widened by ${m} of that span${floor ? ', but not below 0 (no value was negative)' : ''}.`,
        );
    }
    if (c.kind === 'temporal' && typeof c.min === 'string' && typeof c.max === 'string') {
      const range = widenTimes(c.min, c.max, margin, /^DATE$/i.test(c.type));
      if (range)
        add(
          'expect_column_values_to_be_between',
          { column: c.name, min_value: range[0], max_value: range[1] },
          `from ${c.min} to ${c.max}; widened by ${m} of that span.`,
        );
    }
    if (c.kind === 'string' && c.length && !setLike) {
      const { min, max } = c.length;
      if (min === max)
        add('expect_column_value_lengths_to_equal', { column: c.name, value: min }, `every value is ${min} characters long.`);
      else
        add(
          'expect_column_value_lengths_to_be_between',
          {
            column: c.name,
            min_value: Math.max(min > 0 ? 1 : 0, Math.floor(min * (1 - margin))),
            max_value: Math.ceil(max * (1 + margin)),
          },
          `lengths from ${min} to ${max}; widened by ${m}.`,
        );
    }
    if (c.kind === 'string' && c.patterns && !setLike) {
      const format = formatOf(c, nonNull);
      if (format) add('expect_column_values_to_match_regex', { column: c.name, regex: format.regex }, format.why);
    }
  }

  for (const r of opts.references ?? []) {
    add(
      'expect_column_values_to_be_in_other_table',
      { column: r.column, other_table: r.other, other_column: r.otherColumn },
      `given as a reference: every ${r.column} is a ${r.otherColumn} of ${r.other}.`,
    );
  }

  const name = opts.name ?? 'suggested';
  return { name, expectations: out, yaml: toYaml(name, p, out, margin) };
}

/** At most this many shapes make a format. */
const MAX_SHAPES = 3;

/**
 * The most specific shape level that describes every value in few shapes: one exact shape
 * (a fixed format such as `AAA-999`), else up to three shapes of runs (`a9@a.a`), else of words.
 */
function formatOf(c: ColumnProfile, nonNull: number): { regex: string; why: string } | null {
  const p = c.patterns!;
  const fits = (l: PatternLevel, most: number) => l.distinct >= 1 && l.distinct <= most && l.top.length === l.distinct;
  const pick: [PatternLevel, 'exact' | 'runs' | 'words'] | null = fits(p.exact, 1)
    ? [p.exact, 'exact']
    : fits(p.runs, MAX_SHAPES)
      ? [p.runs, 'runs']
      : fits(p.words, MAX_SHAPES)
        ? [p.words, 'words']
        : null;
  if (!pick) return null;
  const [level, kind] = pick;
  // "w" alone says only "letters and digits": true of most text, and a weak check.
  if (kind === 'words' && level.top.every((s) => s.value === 'w')) return null;
  const shapes = level.top.map((s) => s.value ?? '');
  const regex = shapes.length === 1 ? `^${shapeRegex(shapes[0]!, kind)}$` : `^(?:${shapes.map((s) => shapeRegex(s, kind)).join('|')})$`;
  const rare = level.top.filter((s) => s.count / nonNull < 0.01);
  const described = level.top.map((s) => `${s.value} (${pct(s.count / nonNull)})`).join(', ');
  return {
    regex,
    why:
      `every value has the shape ${described} (A upper-case, a lower-case, 9 digit${kind === 'words' ? ', w letters or digits' : ''}` +
      `${kind === 'exact' ? '' : ', runs folded'}).` +
      (rare.length ? ` Under 1% of values have ${rare.map((s) => s.value).join(', ')}: check they belong before keeping them.` : ''),
  };
}

const CLASS: Record<string, string> = { A: '[A-Z]', a: '[a-z]', '9': '[0-9]', w: '[A-Za-z0-9]' };

/** The regex of a shape: classes become character classes (counted, or `+` for folded runs). */
function shapeRegex(shape: string, kind: 'exact' | 'runs' | 'words'): string {
  let out = '';
  for (let i = 0; i < shape.length;) {
    const ch = shape[i]!;
    const cls = CLASS[ch] && (kind !== 'words' || ch === 'w') ? CLASS[ch] : undefined;
    let j = i + 1;
    if (cls && kind === 'exact') while (shape[j] === ch) j++;
    if (cls) out += kind === 'exact' ? (j - i > 1 ? `${cls}{${j - i}}` : cls) : `${cls}+`;
    else out += ch.replace(/[.^$*+?()[\]{}|\\]/, (x) => `\\${x}`);
    i = j;
  }
  return out;
}

function roundDown(x: number): number {
  const step = niceStep(x);
  return Math.floor(x / step) * step;
}
function roundUp(x: number): number {
  const step = niceStep(x);
  return Math.ceil(x / step) * step;
}
/** Two significant digits are enough for a bound a person reads. */
function niceStep(x: number): number {
  const a = Math.abs(x);
  return a === 0 ? 1 : 10 ** (Math.floor(Math.log10(a)) - 1);
}

/** The range [min, max] widened by margin × span, as ISO text (dates stay dates). */
function widenTimes(min: string, max: string, margin: number, date: boolean): [string, string] | null {
  const parse = (s: string) => Date.parse(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(s) ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}Z`);
  const lo = parse(min);
  const hi = parse(max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  const span = Math.max(hi - lo, 86_400_000);
  const iso = (ms: number) => {
    const s = new Date(ms).toISOString();
    return date ? s.slice(0, 10) : s.slice(0, 19).replace('T', ' ');
  };
  return [iso(lo - span * margin), iso(hi + span * margin)];
}

function toYaml(name: string, p: Profile, list: Suggestion[], margin: number): string {
  const doc = new Document({ name, expectations: list.map(({ type, kwargs }) => ({ type, kwargs })) });
  doc.commentBefore =
    ` Drafted by \`assay suggest\` from ${p.source} (${fmt(p.rows)} rows, profiled ${p.generated}).\n` +
    ` Review it before you rely on it: each expectation says why it was suggested. Ranges, lengths\n` +
    ` and the row count are widened by a margin of ${pct(margin)}; delete what is accidental in this\n` +
    ` sample, tighten what you know better.`;
  const seq = doc.get('expectations', true);
  if (isSeq(seq)) {
    seq.items.forEach((item, i) => {
      if (!isMap(item)) return;
      (item as YAMLMap).commentBefore = ` ${list[i]!.why}`;
      const kwargs = (item as YAMLMap).get('kwargs', true);
      if (isMap(kwargs)) kwargs.flow = true;
    });
  }
  return doc.toString({ lineWidth: 0 });
}
