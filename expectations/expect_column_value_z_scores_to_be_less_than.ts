// z = (value - mean) / stdev, with the sample stdev (GE's column.standard_deviation). GE reads
// the table twice: mean and stdev first, then the rows. Here mean and stdev ride in the fused
// scan together with the z-scores of min and max; z grows with the value, so those two bound
// every other z-score. When both are under the threshold nothing can be unexpected and the
// table is read once; only otherwise does a second query count the rows over it.
// A constant column (stdev 0) or a single value (stdev null) has no z-scores: nothing is
// unexpected, as on GE's SQLite, where x / 0 is NULL.
import { mapExpectation } from '../src/engine/map.js';
import { type Ctx, type Row, type Sql } from '../src/engine/types.js';
import { InvalidKwargsError } from '../src/errors.js';

type K = { column: string; threshold: number; double_sided: boolean; mostly?: number };

/** A double as SQL that the engine reads back to the same double (shortest exact digits). */
const dbl = (ctx: Ctx<K>, x: number): Sql => ctx.dialect.castDouble(ctx.dialect.literal(x.toExponential()));

/** GE: a value is under the threshold when |z| < |threshold| (double-sided) or z < threshold. */
function over(ctx: Ctx<K>, z: Sql): Sql {
  const { threshold: t, double_sided } = ctx.kwargs;
  return double_sided ? `abs(${z}) >= ${dbl(ctx, Math.abs(t))}` : `${z} >= ${dbl(ctx, t)}`;
}

function moments(m: Row): { mean: number; sd: number } | null {
  const mean = m.z_mean == null ? NaN : Number(m.z_mean);
  const sd = m.z_stdev == null ? NaN : Number(m.z_stdev);
  return Number.isFinite(mean) && Number.isFinite(sd) && sd !== 0 ? { mean, sd } : null;
}

export default mapExpectation<K>({
  type: 'expect_column_value_z_scores_to_be_less_than',
  description: 'The z-score of each value of a column is below a threshold.',
  schema: {
    properties: {
      threshold: { type: 'number', description: 'z-scores must be below this (exclusive).' },
      double_sided: { type: 'boolean', description: 'Compare |z| with |threshold| rather than z with threshold.' },
    },
    required: ['threshold', 'double_sided'],
  },
  sentence: (k) => `z-scores of ${k.column} ${k.double_sided ? `within ±${Math.abs(k.threshold)}` : `below ${k.threshold}`}`,
  check(k) {
    if (typeof k.threshold !== 'number' || !Number.isFinite(k.threshold)) throw new InvalidKwargsError('threshold must be a finite number');
    if (typeof k.double_sided !== 'boolean') throw new InvalidKwargsError('double_sided must be a boolean');
  },
  ownQuery: true,
  extraMetrics(ctx) {
    const d = ctx.dialect;
    const c = ctx.col(ctx.kwargs.column);
    const mean = ctx.agg({ fn: 'avg', arg: c });
    const sd = ctx.agg({ fn: 'stddev_samp', arg: c });
    const z = (fn: 'min' | 'max') => `((${d.castDouble(ctx.agg({ fn, arg: c }))} - ${mean}) / ${sd})`;
    const bounds = ctx.kwargs.double_sided ? `${over(ctx, z('min'))} OR ${over(ctx, z('max'))}` : over(ctx, z('max'));
    return {
      z_mean: mean,
      z_stdev: sd,
      z_clear: `CASE WHEN ${sd} IS NULL OR ${sd} = 0 THEN TRUE ELSE NOT (${bounds}) END`,
    };
  },
  knownZero: (m) => m.z_clear === true,
  unexpected(ctx, m) {
    const mo = m ? moments(m) : null;
    if (!mo) return 'FALSE';
    return over(ctx, `((${ctx.dialect.castDouble(ctx.col(ctx.kwargs.column))} - ${dbl(ctx, mo.mean)}) / ${dbl(ctx, mo.sd)})`);
  },
});
