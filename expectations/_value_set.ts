// Membership of a column's values in a suite's value set, shared by the set expectations.
//
// GE on SQL writes `column IN (value, ...)` and lets the engine compare. SQLite compares a
// value of another type as simply unequal (with numeric/text affinity: 1 matches '1');
// DuckDB instead casts the literal (or the column) and throws a conversion error on the first
// value that does not fit. So each value is first brought to the column's kind here, in JS,
// the way SQLite's affinity would: a value that cannot be equal to any value of the column is
// dropped rather than compared. Every value still reaches SQL only through dialect.literal.
//
// A null in the value set is dropped too: null cells are missing, never compared, so a null
// member can only matter through SQL's three-valued IN (where `x IN (1, NULL)` is NULL for
// x = 3 and GE on SQL would then count 3 as expected). We keep the plain reading (GE's pandas
// one): 3 is not in {1, null}. A deliberate difference from GE on SQL.
import type { Ctx, Sql } from '../src/engine/types.js';

const NUMERIC_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const TRUE_TEXT = new Set(['true', 't', 'yes', 'y', 'on', '1']);
const FALSE_TEXT = new Set(['false', 'f', 'no', 'n', 'off', '0']);

function asNumber(v: unknown): number | bigint | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && NUMERIC_TEXT.test(v)) {
    const n = Number(v);
    if (Number.isSafeInteger(n) || !/^\s*[+-]?\d+\s*$/.test(v)) return n;
    return BigInt(v.trim());
  }
  return undefined;
}

function asBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    return TRUE_TEXT.has(s) ? true : FALSE_TEXT.has(s) ? false : undefined;
  }
  return undefined;
}

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return undefined;
}

/**
 * SQL that is TRUE when the (non-null) value of `column` is in `values` and FALSE otherwise;
 * never NULL for a non-null value, never a conversion error.
 */
export function inValueSet(ctx: Ctx, column: string, values: readonly unknown[]): Sql {
  const d = ctx.dialect;
  const c = ctx.col(column);
  const type = ctx.typeOf(column).toUpperCase();
  const present = values.filter((v) => v !== null && v !== undefined);
  const unique = <T>(xs: T[]) => [...new Map(xs.map((x) => [`${typeof x}:${String(x)}`, x])).values()];

  if (d.isNumericType(type)) {
    return d.inList(c, unique(present.map(asNumber).filter((x) => x !== undefined)));
  }
  if (d.isBooleanType(type)) {
    return d.inList(c, unique(present.map(asBoolean).filter((x) => x !== undefined)));
  }
  if (d.isPlainTextType(type)) {
    return d.inList(c, unique(present.map(asText).filter((x) => x !== undefined)));
  }
  // The type's name comes from the engine, not the suite, so it may be pasted into a CAST.
  if (d.isTemporalType(type) && d.types.castableTemporal.test(type)) {
    // Text the engine cannot read as the column's type becomes NULL, hence the COALESCE.
    const texts = unique(
      present.map((v) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : undefined)).filter((x) => x !== undefined),
    );
    if (!texts.length) return 'FALSE';
    return `COALESCE(${c} IN (${texts.map((t) => d.tryCast(d.literal(t), type)).join(', ')}), FALSE)`;
  }
  // UUID, ENUM, JSON, BLOB, nested types: compare the text forms.
  return d.inList(d.castText(c), unique(present.map(asText).filter((x) => x !== undefined)));
}

export const valueSetSchema = {
  description: 'The allowed (or forbidden) values; null means no constraint.',
  type: ['array', 'null'],
};
