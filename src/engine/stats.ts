// Special functions and the test statistics of the distributional expectations, written from
// the mathematics (no numeric library): log-gamma, the regularized incomplete gamma and beta
// functions, erf, the CDFs of scipy's norm/beta/gamma/uniform/chi2/expon (with loc and scale),
// the chi-square survival function, the exact distribution of the one-sample Kolmogorov–Smirnov
// statistic (as scipy's kstwo and smirnov give it), the KS test over distinct values with
// counts, and a small seeded PRNG for bootstraps. Accuracy target: about 1e-14 relative in the
// body of each distribution, which is what comparing a p-value with a threshold needs.

const EPS = 2.220446049250313e-16;
const TINY = 1e-300;
const LN_SQRT_2PI = 0.9189385332046728; // ln √(2π)

// ---- gamma ---------------------------------------------------------------------------------

/** B_2k / (2k (2k−1)) for k = 1..7: the coefficients of Stirling's series for ln Γ. */
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];

/** Σ B_2k / (2k (2k−1) x^(2k−1)): the tail of Stirling's series (x ≥ 15: error < 1e-17). */
function stirlingTail(x: number): number {
  const r = 1 / (x * x);
  let s = 0;
  for (let i = STIRLING.length - 1; i >= 0; i--) s = s * r + STIRLING[i]!;
  return s / x;
}

/** ln Γ(x) for x > 0: Stirling's series, after shifting x up to 15 with Γ(x+1) = x Γ(x). */
export function lgamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  if (x === Infinity) return Infinity;
  let shift = 0;
  if (x < 15) {
    let prod = 1;
    while (x < 15) {
      prod *= x;
      x += 1;
    }
    shift = Math.log(prod);
  }
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingTail(x) - shift;
}

/** ln(n! / nⁿ) without the cancellation of ln n! − n ln n (Stirling for n ≥ 15). */
function logFactorialOverPower(n: number): number {
  if (n < 15) {
    let s = 0;
    for (let i = 1; i <= n; i++) s += Math.log(i / n);
    return s;
  }
  // ln n! = n ln n − n + ln √(2πn) + tail(n), so n ln n cancels exactly.
  return -n + LN_SQRT_2PI + 0.5 * Math.log(n) + stirlingTail(n);
}

// Distributions call the incomplete gamma function many times with one a: remember ln Γ(a).
let lastA = NaN;
let lastLgammaA = NaN;

/** ln(xᵃ e⁻ˣ / Γ(a)): the common factor of both incomplete gamma expansions. */
function gammaFront(a: number, x: number): number {
  if (a !== lastA) {
    lastA = a;
    lastLgammaA = lgamma(a);
  }
  return a * Math.log(x) - x - lastLgammaA;
}

/**
 * Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a) and its complement Q = 1 − P.
 * For x < a + 1 the power series γ(a,x) = xᵃe⁻ˣ Σ xⁿ / (a(a+1)…(a+n)); otherwise Legendre's
 * continued fraction for Γ(a,x), evaluated with the modified Lentz method. Each is used where
 * it converges fast and is computed directly, so neither P nor Q loses digits to 1 − (…).
 */
function incompleteGamma(a: number, x: number): { p: number; q: number } {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return { p: NaN, q: NaN };
  if (x === 0) return { p: 0, q: 1 };
  if (x === Infinity) return { p: 1, q: 0 };
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1_000_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    const p = Math.exp(gammaFront(a, x)) * sum;
    return { p, q: 1 - p };
  }
  // Γ(a,x) = xᵃe⁻ˣ · 1/(x+1−a − 1(1−a)/(x+3−a − 2(2−a)/(x+5−a − …)))
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1_000_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  const q = Math.exp(gammaFront(a, x)) * h;
  return { p: 1 - q, q };
}

/** P(a, x), the regularized lower incomplete gamma function (scipy.special.gammainc). */
export const gammaP = (a: number, x: number): number => incompleteGamma(a, x).p;
/** Q(a, x) = 1 − P(a, x) (scipy.special.gammaincc). */
export const gammaQ = (a: number, x: number): number => incompleteGamma(a, x).q;

/** erf(x) = sign(x) · P(½, x²). */
export function erf(x: number): number {
  return Math.sign(x) * gammaP(0.5, x * x);
}

/** erfc(x) = 1 − erf(x), without cancellation for large x: Q(½, x²) for x ≥ 0. */
export function erfc(x: number): number {
  return x >= 0 ? gammaQ(0.5, x * x) : 1 + gammaP(0.5, x * x);
}

/** The standard normal CDF Φ(z) = ½ erfc(−z/√2): accurate in both tails. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

// ---- beta ----------------------------------------------------------------------------------

/**
 * The continued fraction of the incomplete beta function:
 * I_x(a,b) = xᵃ(1−x)ᵇ / (a B(a,b)) · 1/(1 + d₁/(1 + d₂/(1 + …))) with
 * d₂ₘ₊₁ = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and d₂ₘ = m(b−m)x / ((a+2m−1)(a+2m)).
 * Converges quickly for x < (a+1)/(a+b+2). Modified Lentz evaluation.
 */
function betaFraction(a: number, b: number, x: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100_000; m++) {
    const m2 = 2 * m;
    // even step
    let coef = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + coef * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coef / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // odd step
    coef = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + coef * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coef / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b) (scipy.special.betainc). */
export function betaI(a: number, b: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(x) || a <= 0 || b <= 0) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = a * Math.log(x) + b * Math.log1p(-x) - (lgamma(a) + lgamma(b) - lgamma(a + b));
  // The fraction converges fast on the side of the mode; the symmetry I_x(a,b) = 1 − I_{1−x}(b,a)
  // handles the other side.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaFraction(a, b, x)) / a;
  return 1 - (Math.exp(lnFront) * betaFraction(b, a, 1 - x)) / b;
}

// ---- distributions (scipy.stats names, positional arguments in scipy's order) ---------------

export type DistributionName = 'norm' | 'beta' | 'gamma' | 'uniform' | 'chi2' | 'expon';

/** Shape parameters each distribution takes before loc and scale, as scipy orders them. */
export const SHAPES: Record<DistributionName, number> = { norm: 0, beta: 2, gamma: 1, uniform: 0, chi2: 1, expon: 0 };

/** The standard CDF of each distribution, at z = (x − loc) / scale. */
const STANDARD_CDF: Record<DistributionName, (z: number, shapes: number[]) => number> = {
  norm: (z) => normalCdf(z),
  beta: (z, [a, b]) => (z <= 0 ? 0 : z >= 1 ? 1 : betaI(a!, b!, z)),
  gamma: (z, [a]) => (z <= 0 ? 0 : gammaP(a!, z)),
  uniform: (z) => (z <= 0 ? 0 : z >= 1 ? 1 : z),
  chi2: (z, [df]) => (z <= 0 ? 0 : gammaP(df! / 2, z / 2)),
  expon: (z) => (z <= 0 ? 0 : -Math.expm1(-z)),
};

/**
 * The CDF of a scipy.stats distribution called with positional arguments
 * (shapes…, loc = 0, scale = 1), e.g. beta(a, b, loc, scale), uniform(loc, scale).
 * Returns NaN for arguments scipy rejects (scale ≤ 0, shapes ≤ 0).
 */
export function distributionCdf(name: DistributionName, args: readonly number[]): (x: number) => number {
  const k = SHAPES[name];
  const shapes = args.slice(0, k);
  const loc = args[k] ?? 0;
  const scale = args[k + 1] ?? 1;
  const valid = shapes.length === k && shapes.every((s) => s > 0) && scale > 0 && Number.isFinite(loc);
  const standard = STANDARD_CDF[name];
  return (x) => (valid && !Number.isNaN(x) ? standard((x - loc) / scale, shapes) : NaN);
}

/** The chi-square survival function P(χ²_df > x) = Q(df/2, x/2) (scipy.stats.chi2.sf). */
export function chi2Sf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

// ---- Kolmogorov–Smirnov distribution ---------------------------------------------------------

/**
 * P(D⁺ₙ ≥ d), the one-sided KS survival function (scipy.special.smirnov). Exact for
 * n ≤ 10⁶ by the Birnbaum–Tingey formula d · Σⱼ C(n,j) (1−d−j/n)ⁿ⁻ʲ (d+j/n)ʲ⁻¹,
 * j = 0..⌊n(1−d)⌋, whose positive terms are summed in log space (one pass, rescaled at
 * each new maximum). Beyond 10⁶ terms, Smirnov's expansion e^{−2x²}(1 − 2x/(3√n)) with
 * x = d√n, whose relative error is O(1/n).
 */
export function smirnovSf(n: number, d: number): number {
  if (Number.isNaN(d) || !(n >= 1)) return NaN;
  if (d <= 0) return 1;
  if (d >= 1) return 0;
  if (n > 1_000_000) {
    const x = d * Math.sqrt(n);
    return Math.min(1, Math.max(0, Math.exp(-2 * x * x) * (1 - (2 * x) / (3 * Math.sqrt(n)))));
  }
  const last = Math.floor(n * (1 - d));
  let lnC = 0; // ln C(n, j), built up term by term with Kahan's compensated sum
  let carry = 0;
  let max = -Infinity;
  let sum = 0; // Σ exp(term − max)
  for (let j = 0; j <= last; j++) {
    if (j > 0) {
      const y = Math.log((n - j + 1) / j) - carry;
      const next = lnC + y;
      carry = next - lnC - y;
      lnC = next;
    }
    const rest = 1 - d - j / n;
    if (rest <= 0) break; // 0^(n−j) with n − j > 0: the term is zero
    const t = lnC + (n - j) * Math.log(rest) + (j - 1) * Math.log(d + j / n);
    if (t > max) {
      sum = sum * Math.exp(max - t) + 1;
      max = t;
    } else sum += Math.exp(t - max);
  }
  if (sum === 0) return 0;
  return Math.min(1, Math.max(0, d * Math.exp(max) * sum));
}

/** out = v · H for an m×m lower Hessenberg H (row i is zero beyond column i + 1). */
function vecMatHessenberg(v: Float64Array, h: Float64Array, m: number, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    const vi = v[i]!;
    if (vi === 0) continue;
    const row = i * m;
    const end = Math.min(i + 2, m);
    for (let j = 0; j < end; j++) out[j]! += vi * h[row + j]!;
  }
}

function matMul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l]!;
      if (ail === 0) continue;
      const bl = l * m;
      const oi = i * m;
      for (let j = 0; j < m; j++) out[oi + j]! += ail * b[bl + j]!;
    }
  }
  return out;
}

const SCALE_EXP = 256;
const BIG = 2 ** SCALE_EXP;
const maxAbs = (a: Float64Array) => a.reduce((s, x) => Math.max(s, Math.abs(x)), 0);

/**
 * P(Dₙ < d), the exact two-sided KS CDF by Durbin's matrix (Marsaglia, Tsang & Wang 2003):
 * with d = (k − h)/n, k = ⌈nd⌉, m = 2k − 1 and the m×m matrix H with H[i][j] = 1/(i−j+1)!
 * (0 when i − j + 1 < 0), corrected in its first column and last row by h, the probability is
 * n!/nⁿ · (Hⁿ)[k−1][k−1]. Powers are rescaled by 2^256 to stay in range. Whichever is cheaper:
 * iterate a row vector (n·m²/2 work, H is Hessenberg) or square the matrix (2m³·log₂n work).
 */
export function kolmogorovCdfDurbin(n: number, d: number): number {
  const nd = n * d;
  if (nd <= 0.5) return 0;
  if (d >= 1) return 1;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const invFact = [1];
  for (let j = 1; j <= m; j++) invFact.push(invFact[j - 1]! / j);
  const H = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j <= Math.min(i + 1, m - 1); j++) H[i * m + j] = invFact[i - j + 1]!;
  for (let i = 0; i < m; i++) {
    H[i * m]! -= h ** (i + 1) * invFact[i + 1]!;
    H[(m - 1) * m + i]! -= h ** (m - i) * invFact[m - i]!;
  }
  if (2 * h - 1 > 0) H[(m - 1) * m]! += (2 * h - 1) ** m * invFact[m]!;

  let exponent = 0; // the result is value · 2^exponent
  let value: number;
  if (n <= 4 * m * Math.log2(n + 1)) {
    // e_{k−1} Hⁿ, one factor i/n of n!/nⁿ per step keeps the vector near 1.
    let v = new Float64Array(m);
    let next = new Float64Array(m);
    v[k - 1] = 1;
    for (let i = 1; i <= n; i++) {
      vecMatHessenberg(v, H, m, next);
      [v, next] = [next, v];
      const f = i / n;
      let big = 0;
      for (let j = 0; j < m; j++) {
        v[j]! *= f;
        big = Math.max(big, Math.abs(v[j]!));
      }
      if (big > BIG || (big > 0 && big < 1 / BIG)) {
        const up = big > BIG ? -SCALE_EXP : SCALE_EXP;
        for (let j = 0; j < m; j++) v[j]! *= 2 ** up;
        exponent -= up;
      }
    }
    value = v[k - 1]!;
  } else {
    let power: Float64Array | null = null;
    let powerExp = 0;
    let base: Float64Array = H;
    let baseExp = 0;
    for (let e = n; e > 0; e = Math.floor(e / 2)) {
      if (e % 2 === 1) {
        power = power ? matMul(power, base, m) : base;
        powerExp += baseExp;
        if (maxAbs(power) > BIG) {
          power = power.map((x) => x / BIG);
          powerExp += SCALE_EXP;
        }
      }
      if (e > 1) {
        base = matMul(base, base, m);
        baseExp *= 2;
        if (maxAbs(base) > BIG) {
          base = base.map((x) => x / BIG);
          baseExp += SCALE_EXP;
        }
      }
    }
    value = power![(k - 1) * m + (k - 1)]!;
    exponent = powerExp;
    if (value <= 0) return 0;
    return Math.min(1, Math.exp(Math.log(value) + exponent * Math.LN2 + logFactorialOverPower(n)));
  }
  return Math.min(1, Math.max(0, value * 2 ** exponent));
}

/**
 * Pelz & Good's (1976) asymptotic series for P(Dₙ ≤ d) with z = d√n:
 * K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^{3/2}, each Kᵢ written (via Jacobi's theta
 * transformation) as sums over odd m = 2k − 1 of polynomials times exp(−π²m²/(8z²)), plus,
 * for K₂ and K₃, sums over k of exp(−π²k²/(2z²)). Used for large n where the exact matrix is too big.
 */
export function kolmogorovCdfPelzGood(n: number, d: number): number {
  if (d <= 0) return 0;
  if (d >= 1) return 1;
  const z = Math.sqrt(n) * d;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const pi2 = Math.PI * Math.PI;
  const pi4 = pi2 * pi2;
  const pi6 = pi4 * pi2;
  if (-pi2 / (8 * z2) < -708) return 0;
  const terms = Math.ceil((16 * z) / Math.PI);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 1; k <= terms; k++) {
    const m2 = (2 * k - 1) ** 2;
    const e = Math.exp((-pi2 * m2) / (8 * z2));
    s0 += e;
    s1 += ((pi2 * m2) / 4 - z2) * e;
    s2 += (6 * z6 + 2 * z4 + ((pi2 * (2 * z4 - 5 * z2)) / 4) * m2 + ((pi4 * (1 - 2 * z2)) / 16) * m2 * m2) * e;
    s3 +=
      (-30 * z6 -
        90 * z4 * z4 +
        ((pi2 * (135 * z4 - 96 * z6)) / 4) * m2 +
        ((pi4 * (212 * z4 - 60 * z2)) / 16) * m2 * m2 +
        ((pi6 * (5 - 30 * z2)) / 64) * m2 * m2 * m2) *
      e;
  }
  let t2 = 0;
  let t3 = 0;
  for (let k = 1; k <= terms; k++) {
    const k2 = k * k;
    const e = Math.exp((-pi2 * k2) / (2 * z2));
    t2 += k2 * e;
    t3 += (3 * z2 - pi2 * k2) * k2 * e;
  }
  const r = Math.sqrt(2 * Math.PI);
  const K0 = (r / z) * s0;
  const K1 = (r / (6 * z4)) * s1;
  const K2 = (r / (72 * z6 * z)) * s2 - ((pi2 * r) / (36 * z2 * z)) * t2;
  const K3 = (r / (6480 * z6 * z4)) * s3 + ((pi2 * r) / (216 * z6)) * t3;
  return K0 + K1 / Math.sqrt(n) + K2 / n + K3 / (n * Math.sqrt(n));
}

const clip01 = (p: number) => Math.min(1, Math.max(0, p));

/**
 * P(Dₙ ≥ d), the two-sided KS survival function as scipy.stats.kstwo.sf computes it
 * (Simard & L'Ecuyer 2011's choice of method): Ruben–Gambino's closed forms at the ends,
 * 2·P(D⁺ₙ ≥ d) where the two one-sided events cannot both happen (d ≥ ½) or almost never do,
 * Durbin's exact matrix for small n·d², Pelz–Good's series for large n.
 * (Where scipy uses Pomeranz's recursion, the Durbin matrix gives the same exact value.)
 */
export function kolmogorovSf(n: number, d: number): number {
  if (Number.isNaN(d) || !Number.isInteger(n) || n <= 0) return NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // P(Dₙ < d) = n!/nⁿ (2t − 1)ⁿ for 1/(2n) < d ≤ 1/n
    return clip01(1 - Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1)));
  }
  if (t >= n - 1) return clip01(2 * (1 - d) ** n);
  if (d >= 0.5) return clip01(2 * smirnovSf(n, d));
  const nd2 = t * d;
  if (n <= 140) {
    if (nd2 <= 4) return clip01(1 - kolmogorovCdfDurbin(n, d));
    return clip01(2 * smirnovSf(n, d));
  }
  if (nd2 >= 370) return 0;
  if (nd2 >= 2.2) return clip01(2 * smirnovSf(n, d));
  if (n <= 100_000 && n * d ** 1.5 <= 1.4) return clip01(1 - kolmogorovCdfDurbin(n, d));
  return clip01(1 - kolmogorovCdfPelzGood(n, d));
}

/**
 * A predicate equal to kolmogorovSf(n, d) ≥ p, for testing many statistics at one n (a
 * bootstrap): the survival function decreases in d, so the crossing is bracketed once by
 * bisection and only a statistic inside the (1e-12 wide) bracket is evaluated exactly.
 */
export function kolmogorovSfAtLeast(n: number, p: number): (d: number) => boolean {
  let lo = 0; // kolmogorovSf(n, lo) ≥ p
  let hi = 1; // kolmogorovSf(n, hi) < p
  if (p <= 0) return (d) => !Number.isNaN(d);
  if (p > 1) return () => false;
  while (hi - lo > 1e-12) {
    const mid = (lo + hi) / 2;
    if (kolmogorovSf(n, mid) >= p) lo = mid;
    else hi = mid;
  }
  return (d) => (d <= lo ? true : d >= hi ? false : kolmogorovSf(n, d) >= p);
}

export interface KsResult {
  statistic: number;
  pvalue: number;
}

/**
 * The two-sided one-sample KS test (scipy.stats.kstest with method 'auto', i.e. exact) over
 * sorted distinct values with their counts: D = max(D⁺, D⁻) with D⁺ = max i/n − F(x₍ᵢ₎) and
 * D⁻ = max F(x₍ᵢ₎) − (i−1)/n. A value repeated c times occupies ranks r+1..r+c, so only the
 * last rank can give D⁺ and only the first D⁻: the result equals the test on the raw rows.
 */
export function ksTest(values: readonly number[], counts: readonly number[], cdf: (x: number) => number): KsResult {
  const n = counts.reduce((s, c) => s + c, 0);
  const statistic = ksStatistic(values, counts, cdf);
  return { statistic, pvalue: n === 0 ? NaN : kolmogorovSf(n, statistic) };
}

/** The statistic D of ksTest alone. */
export function ksStatistic(values: readonly number[], counts: readonly number[], cdf: (x: number) => number): number {
  const n = counts.reduce((s, c) => s + c, 0);
  if (n === 0) return NaN;
  let dPlus = -Infinity;
  let dMinus = -Infinity;
  let before = 0;
  for (let i = 0; i < values.length; i++) {
    const f = cdf(values[i]!);
    const after = before + counts[i]!;
    dPlus = Math.max(dPlus, after / n - f);
    dMinus = Math.max(dMinus, f - before / n);
    before = after;
  }
  return dPlus > dMinus ? dPlus : dMinus;
}

// ---- seeded PRNG ----------------------------------------------------------------------------

/**
 * xoshiro128** (Blackman & Vigna), seeded through splitmix32: a small, fast generator with
 * good statistical quality, so bootstraps are reproducible from run to run.
 */
export class Random {
  private s = new Uint32Array(4);

  constructor(seed: number) {
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }

  /** The next 32 random bits. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
