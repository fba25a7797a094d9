// One-sample Kolmogorov–Smirnov test of a numeric column against a named scipy distribution
// (norm, beta, gamma, uniform, chi2, expon), as GE's implementation of this type runs
// scipy.stats.kstest: two-sided, exact p-value. params are scipy's positional arguments
// (shapes, then loc and scale), or GE's named form. The test runs over the column's distinct
// values with their counts (the shared GROUP BY query), which gives the same statistic as the rows.
import { aggregateResult, valueCounts } from '../src/engine/aggregate.js';
import { distributionCdf, ksTest, type DistributionName } from '../src/engine/stats.js';
import { type ExpectationDefinition } from '../src/engine/types.js';
import { KeyError, ValueError } from './_python_errors.js';
import { InvalidKwargsError } from '../src/errors.js';

type Params = number[] | Record<string, number> | null;

interface K {
  column: string;
  distribution: DistributionName;
  p_value?: number;
  params?: Params;
}

const DISTRIBUTIONS: DistributionName[] = ['norm', 'beta', 'gamma', 'uniform', 'chi2', 'expon'];

const MESSAGES: Record<DistributionName, string> = {
  norm: "norm distributions require 0 parameters and optionally 'mean', 'std_dev'.",
  beta: "beta distributions require 2 positive parameters 'alpha', 'beta' and optionally 'loc', 'scale'.",
  gamma: "gamma distributions require 1 positive parameter 'alpha' and optionally 'loc','scale'.",
  uniform: "uniform distributions require 0 parameters and optionally 'loc', 'scale'.",
  chi2: "chi2 distributions require 1 positive parameter 'df' and optionally 'loc', 'scale'.",
  expon: "expon distributions require 0 parameters and optionally 'loc', 'scale'.",
};

/** How many positional parameters each distribution takes: [required, at most]. */
const ARITY: Record<DistributionName, [number, number]> = {
  norm: [0, 2],
  beta: [2, 4],
  gamma: [1, 3],
  uniform: [0, 2],
  chi2: [1, 3],
  expon: [0, 2],
};

/**
 * GE's validate_distribution_parameters, then the positional arguments for scipy's cdf.
 * A dict is read by GE's names: norm (mean, std_dev), beta (alpha, beta, loc, scale),
 * gamma (alpha, loc, scale), uniform (min, max: passed to scipy as loc and scale, as GE
 * does), chi2 (df, loc, scale), expon (loc, scale); loc defaults to 0 and scale to 1.
 */
function positional(distribution: DistributionName, params: Params | undefined): number[] {
  const msg = MESSAGES[distribution];
  if (Array.isArray(params)) {
    const [required, most] = ARITY[distribution];
    if (params.length < required) throw new ValueError(`Missing required parameters: ${msg}`);
    if (params.length > most) throw new ValueError(`Too many parameters provided: ${msg}`);
    if (params.slice(0, required).some((x) => x <= 0)) throw new ValueError(`Invalid parameters: ${msg}`);
    if (params.length === most && params[most - 1]! <= 0) throw new ValueError('std_dev and scale must be positive.');
    return params;
  }
  if (params === null || params === undefined || typeof params !== 'object') {
    throw new ValueError(
      'params must be a dict or list, or use great_expectations.dataset.util.infer_distribution_parameters(data, distribution)',
    );
  }
  if ((params.std_dev ?? 1) <= 0 || (params.scale ?? 1) <= 0) throw new ValueError('std_dev and scale must be positive.');
  const positive = (name: string) => (params[name] ?? -1) > 0;
  if (distribution === 'beta' && !(positive('alpha') && positive('beta'))) throw new ValueError(`Invalid parameters: ${msg}`);
  if (distribution === 'gamma' && !positive('alpha')) throw new ValueError(`Invalid parameters: ${msg}`);
  if (distribution === 'chi2' && !positive('df')) throw new ValueError(`Invalid parameters: ${msg}:`);
  const get = (name: string, fallback?: number) => {
    const v = params[name] ?? fallback;
    if (v === undefined) throw new KeyError(`'${name}'`);
    return v;
  };
  const loc = () => get('loc', 0);
  const scale = () => get('scale', 1);
  switch (distribution) {
    case 'norm':
      return [get('mean'), get('std_dev')];
    case 'beta':
      return [get('alpha'), get('beta'), loc(), scale()];
    case 'gamma':
      return [get('alpha'), loc(), scale()];
    case 'uniform':
      return [get('min'), get('max')];
    case 'chi2':
      return [get('df'), loc(), scale()];
    case 'expon':
      return [loc(), scale()];
  }
}

function check(k: K): number[] {
  const p = k.p_value ?? 0.05;
  if (p <= 0 || p >= 1) throw new ValueError('p_value must be between 0 and 1 exclusive');
  if (!DISTRIBUTIONS.includes(k.distribution)) throw new InvalidKwargsError(`Unsupported  distribution provided: ${k.distribution}`);
  return positional(k.distribution, k.params);
}

const def: ExpectationDefinition<K> = {
  type: 'expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than',
  family: 'column_aggregate',
  description: 'A Kolmogorov–Smirnov test of a numeric column against a named distribution has a p-value of at least p_value.',
  schema: {
    properties: {
      distribution: { enum: DISTRIBUTIONS, description: 'The scipy.stats distribution to test against.' },
      p_value: { type: 'number', description: 'The p-value must be at least this (between 0 and 1; default 0.05).' },
      params: {
        description:
          "scipy's positional parameters (shapes, then loc and scale), or named: {mean, std_dev} (norm), {alpha, beta, loc, scale} (beta), {alpha, loc, scale} (gamma), {min, max} (uniform: loc and scale), {df, loc, scale} (chi2), {loc, scale} (expon).",
        anyOf: [
          { type: 'array', items: { type: 'number' } },
          { type: 'object', additionalProperties: { type: 'number' } },
          { type: 'null' },
        ],
      },
    },
    required: ['distribution'],
  },
  sentence: (k) => {
    const params = Array.isArray(k.params)
      ? k.params.join(', ')
      : k.params
        ? Object.entries(k.params)
            .map(([n, v]) => `${n}=${v}`)
            .join(', ')
        : '';
    return `Kolmogorov–Smirnov p-value of ${k.column} against ${k.distribution}(${params}) at least ${k.p_value ?? 0.05}`;
  },
  columns: (k) => [k.column],
  check: (k) => void check(k),
  plan(ctx) {
    check(ctx.kwargs);
    const type = ctx.typeOf(ctx.kwargs.column);
    if (!ctx.dialect.isNumericType(type))
      throw new InvalidKwargsError(`column ${JSON.stringify(ctx.kwargs.column)} is ${type}, not numeric`);
    return {};
  },
  async judge(ctx, _m, run) {
    const k = ctx.kwargs;
    const cdf = distributionCdf(k.distribution, check(k));
    // NaN is missing to pandas, as NULL is.
    const counts = (await valueCounts(ctx, k.column, run))
      .map((c) => ({ value: Number(c.value), count: c.count }))
      .filter((c) => !Number.isNaN(c.value));
    const { statistic, pvalue } = ksTest(
      counts.map((c) => c.value),
      counts.map((c) => c.count),
      cdf,
    );
    const nullable = (x: number) => (Number.isNaN(x) ? null : x);
    return aggregateResult(ctx, pvalue >= (k.p_value ?? 0.05), {
      observed_value: nullable(pvalue),
      details: { observed_ks_result: { statistic: nullable(statistic), pvalue: nullable(pvalue) } },
    });
  },
};
export default def;
