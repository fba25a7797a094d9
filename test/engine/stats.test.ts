// Special functions and KS distributions against known values (computed with scipy 1.17:
// special.gammaln, gammainc, gammaincc, betainc, ndtr, erf, smirnov; stats.chi2.sf,
// stats.kstwo.sf, the distributions' cdf; stats.kstest).
import { describe, expect, it } from 'vitest';
import {
  betaI,
  chi2Sf,
  distributionCdf,
  erf,
  gammaP,
  gammaQ,
  kolmogorovCdfDurbin,
  kolmogorovCdfPelzGood,
  kolmogorovSf,
  kolmogorovSfAtLeast,
  ksTest,
  lgamma,
  normalCdf,
  Random,
  smirnovSf,
  type DistributionName,
} from '../../src/engine/stats.js';

/** |actual − expected| ≤ rtol·|expected| (+ a tiny absolute floor for zeros). */
function close(actual: number, expected: number, rtol: number) {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rtol * Math.abs(expected) + 1e-300);
}

describe('gamma and beta functions', () => {
  it('lgamma', () => {
    const known: [number, number][] = [
      [0.5, 0.5723649429247],
      [3.7, 1.428072326665388],
      [15, 25.191221182738683],
      [100, 359.1342053695754],
      [1e7, 151180949.36947393],
    ];
    for (const [x, v] of known) close(lgamma(x), v, 1e-14);
    // Near its zeros at 1 and 2, ln Γ is accurate in absolute terms.
    expect(Math.abs(lgamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(lgamma(1.5) - -0.12078223763524526)).toBeLessThan(1e-14);
    expect(lgamma(0)).toBe(Infinity);
    expect(lgamma(-1)).toBeNaN();
  });

  it('regularized incomplete gamma P and Q', () => {
    const p: [number, number, number][] = [
      [0.5, 0.1, 0.34527915398142317],
      [2.5, 1, 0.15085496391539038],
      [10, 10, 0.5420702855281478],
      [15, 40, 0.9999980243767566],
      [500, 480, 0.18628197319032458],
    ];
    for (const [a, x, v] of p) close(gammaP(a, x), v, 1e-12);
    const q: [number, number, number][] = [
      [0.5, 30, 9.485737571073857e-15],
      [2.5, 1, 0.8491450360846096],
      [10, 10, 0.4579297144718523],
      [15, 40, 1.9756232434910563e-6],
      [500, 480, 0.8137180268096754],
    ];
    for (const [a, x, v] of q) close(gammaQ(a, x), v, 1e-12);
    expect(gammaP(3, 0)).toBe(0);
    expect(gammaQ(3, Infinity)).toBe(0);
  });

  it('regularized incomplete beta', () => {
    const known: [number, number, number, number][] = [
      [0.5, 10, 0.01, 0.3420718248432154],
      [2, 3, 0.3, 0.34829999999999994],
      [10, 0.5, 0.9, 0.15164090963470994],
      [50, 70, 0.45, 0.7717610017525626],
      [0.1, 0.1, 0.999, 0.7457583434113919],
    ];
    for (const [a, b, x, v] of known) close(betaI(a, b, x), v, 1e-13);
    expect(betaI(2, 3, 0)).toBe(0);
    expect(betaI(2, 3, 1)).toBe(1);
  });

  it('erf and the normal CDF, accurate in the tails', () => {
    close(erf(-2), -0.9953222650189527, 1e-15);
    close(erf(0.1), 0.1124629160182849, 1e-15);
    close(erf(3), 0.9999779095030014, 1e-15);
    close(normalCdf(-10), 7.61985302416047e-24, 1e-13);
    close(normalCdf(-1.96), 0.024997895148220435, 1e-14);
    expect(normalCdf(0)).toBe(0.5);
    close(normalCdf(2.5), 0.9937903346742238, 1e-15);
  });
});

describe('distributions', () => {
  it("CDFs with scipy's positional arguments (shapes, loc, scale)", () => {
    const known: [DistributionName, number[], number, number][] = [
      ['norm', [0, 1], 0.5, 0.6914624612740131],
      ['norm', [1, 2], -1, 0.15865525393145707],
      ['beta', [0.5, 10, 5, 11], 6, 0.8273216960128283],
      ['gamma', [2, 20, 3], 25, 0.4963317257665017],
      ['uniform', [-5, 11], 1, 0.5454545454545454],
      ['chi2', [30, 3, 5], 150, 0.5033355501480796],
      ['expon', [4.2, 10], 10, 0.44010163343459796],
    ];
    for (const [name, args, x, v] of known) close(distributionCdf(name, args)(x), v, 1e-13);
  });

  it('is 0 below and 1 above the support; NaN for parameters scipy rejects', () => {
    expect(distributionCdf('beta', [2, 3, 5, 11])(4)).toBe(0);
    expect(distributionCdf('beta', [2, 3, 5, 11])(17)).toBe(1);
    expect(distributionCdf('expon', [])(-1)).toBe(0);
    expect(distributionCdf('uniform', [])(0.25)).toBe(0.25);
    expect(distributionCdf('norm', [0, -1])(0)).toBeNaN();
    expect(distributionCdf('gamma', [0])(1)).toBeNaN();
  });

  it('chi-square survival function', () => {
    close(chi2Sf(240.8, 2), 5.139778209762386e-53, 1e-12);
    close(chi2Sf(16.43865740740741, 2), 0.0002693958486545776, 1e-13);
    close(chi2Sf(3.84, 1), 0.05004352124870519, 1e-13);
    close(chi2Sf(29, 29), 0.46506624123787865, 1e-13);
    close(chi2Sf(1200, 1000), 1.2255942330622893e-5, 1e-11);
    expect(chi2Sf(0, 3)).toBe(1);
    expect(chi2Sf(Infinity, 3)).toBe(0);
    expect(chi2Sf(1, 0)).toBeNaN();
  });
});

describe('Kolmogorov–Smirnov distribution', () => {
  it('one-sided: smirnov', () => {
    close(smirnovSf(5, 0.3), 0.34282, 1e-13);
    close(smirnovSf(20, 0.2), 0.1771853932104659, 1e-13);
    close(smirnovSf(500, 0.06), 0.026217755208726833, 1e-12);
    close(smirnovSf(1000, 0.05), 0.006506037390545166, 1e-12);
    close(smirnovSf(100000, 0.005), 0.006715412488899804, 1e-10);
  });

  it('two-sided: kstwo.sf, across the methods it switches between', () => {
    const known: [number, number, number, number][] = [
      [1, 0.7, 0.6000000000000001, 1e-14], // Ruben–Gambino, d ≥ 1 − 1/n
      [5, 0.15, 0.9988, 1e-13], // Ruben–Gambino, nd ≤ 1
      [10, 0.95, 1.9531250000000172e-13, 1e-12],
      [20, 0.29408, 0.04999416027203962, 1e-12], // Durbin
      [56, 0.1, 0.5946526506902831, 1e-12],
      [140, 0.12, 0.03252638258561632, 1e-11],
      [140, 0.2, 2.1981563302200222e-5, 1e-11], // 2 · smirnov
      [500, 0.03247687934067378, 0.6549722996031815, 1e-10], // Pelz–Good
      [500, 0.0963831651272399, 0.00017061178892188242, 1e-11],
      [500, 0.41123645116961205, 5.27870315830141e-77, 1e-10],
      [1000, 0.02, 0.8108971656895577, 1e-10],
      [20000, 0.006, 0.4657689508612477, 1e-9],
      [200000, 0.002, 0.39995085369038097, 1e-9],
    ];
    for (const [n, d, v, rtol] of known) close(kolmogorovSf(n, d), v, rtol);
    expect(kolmogorovSf(10, 0)).toBe(1);
    expect(kolmogorovSf(10, 0.04)).toBe(1);
    expect(kolmogorovSf(10, 1)).toBe(0);
  });

  it("Durbin's matrix and Pelz–Good's series agree where both apply", () => {
    for (const d of [0.015, 0.02, 0.03, 0.04]) {
      expect(Math.abs(kolmogorovCdfDurbin(1000, d) - kolmogorovCdfPelzGood(1000, d))).toBeLessThan(1e-6);
    }
    // Vector iteration (small n) and repeated squaring (large n) give the same exact value.
    close(1 - kolmogorovCdfDurbin(400, 0.05), kolmogorovSf(400, 0.05), 1e-6);
  });

  it('kolmogorovSfAtLeast decides p-value ≥ p as kolmogorovSf does', () => {
    const passes = kolmogorovSfAtLeast(20, 0.05);
    for (let d = 0.2; d < 0.4; d += 0.0007) expect(passes(d)).toBe(kolmogorovSf(20, d) >= 0.05);
    expect(passes(NaN)).toBe(false);
  });

  it('ksTest over distinct values with counts equals the test on the rows, ties included', () => {
    // x = (i·7919 mod 100)/10 − 5 for i < 400: 100 distinct values, 4 rows each.
    const rows = Array.from({ length: 400 }, (_, i) => ((i * 7919) % 100) / 10 - 5).sort((a, b) => a - b);
    const distinct = [...new Set(rows)];
    const counts = distinct.map((v) => rows.filter((r) => r === v).length);
    const byCounts = ksTest(distinct, counts, distributionCdf('norm', [0, 3]));
    const byRows = ksTest(
      rows,
      rows.map(() => 1),
      distributionCdf('norm', [0, 3]),
    );
    expect(byCounts).toEqual(byRows);
    close(byCounts.statistic, 0.05836013645574545, 1e-13);
    close(byCounts.pvalue, 0.12602077491240848, 1e-9);
  });
});

describe('Random', () => {
  it('is reproducible from its seed, and uniform enough', () => {
    const a = new Random(7);
    const b = new Random(7);
    const xs = Array.from({ length: 5000 }, () => a.uniform());
    expect(xs.every((x) => x === b.uniform())).toBe(true);
    expect(new Random(8).uniform()).not.toBe(xs[0]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    // The sample should look uniform to a KS test.
    xs.sort((x, y) => x - y);
    expect(
      ksTest(
        xs,
        xs.map(() => 1),
        distributionCdf('uniform', []),
      ).pvalue,
    ).toBeGreaterThan(0.001);
    const ints = Array.from({ length: 1000 }, () => a.below(3));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2]));
  });
});
