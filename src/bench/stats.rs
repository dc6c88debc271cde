//! Robust statistics for benchmark samples: median, MAD, a distribution-free confidence
//! interval of the median, and the Mann-Whitney U test.

use serde::{Deserialize, Serialize};

/// A closed interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

/// The samples sorted ascending (NaN last).
pub fn sorted(samples: &[f64]) -> Vec<f64> {
    let mut out = samples.to_vec();
    out.sort_by(f64::total_cmp);
    out
}

/// Median of ascending `sorted` data: the middle value, or the mean of the two middle ones.
/// NaN for no data.
pub fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Median absolute deviation from `center` (unscaled).
pub fn mad(samples: &[f64], center: f64) -> f64 {
    let deviations: Vec<f64> = samples.iter().map(|x| (x - center).abs()).collect();
    median(&sorted(&deviations))
}

/// 1-based ranks `(j, k)` of the order statistics bounding a confidence interval of the median
/// for `n` samples: the widest inner pair with P(j <= B <= k-1) >= `confidence` for
/// B ~ Binomial(n, 1/2). Below six samples no pair reaches 95%, and `(1, n)` is returned.
pub fn median_ci_ranks(n: usize, confidence: f64) -> (usize, usize) {
    let tail = (1.0 - confidence) / 2.0;
    let mut j = 1;
    // Grow j while the probability mass left out below it stays within the tail.
    while j < n / 2 && binomial_half_cdf(n, j) <= tail {
        j += 1;
    }
    (j, n + 1 - j)
}

/// The confidence interval of the median of ascending `sorted` data, by order statistics.
pub fn median_ci(sorted: &[f64], confidence: f64) -> Interval {
    if sorted.is_empty() {
        return Interval {
            low: f64::NAN,
            high: f64::NAN,
        };
    }
    let (j, k) = median_ci_ranks(sorted.len(), confidence);
    Interval {
        low: sorted[j - 1],
        high: sorted[k - 1],
    }
}

/// P(B <= k) for B ~ Binomial(n, 1/2), summed in log space so large `n` cannot underflow.
pub fn binomial_half_cdf(n: usize, k: usize) -> f64 {
    let ln_half_n = n as f64 * 0.5f64.ln();
    let mut ln_choose = 0.0; // ln C(n, 0)
    let mut total = 0.0;
    for i in 0..=k.min(n) {
        if i > 0 {
            ln_choose += ((n - i + 1) as f64).ln() - (i as f64).ln();
        }
        total += (ln_choose + ln_half_n).exp();
    }
    total.min(1.0)
}

/// The outcome of a two-sided Mann-Whitney U test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct UTest {
    /// U of the first sample: how many (a, b) pairs have a > b, ties counting one half.
    pub u: f64,
    /// The two-sided p-value.
    pub p_value: f64,
    /// True when the p-value is exact (small samples without ties); otherwise it comes from
    /// the normal approximation with tie and continuity corrections.
    pub exact: bool,
}

/// Largest sample size per side for which the exact distribution is used.
const EXACT_MAX: usize = 12;

/// Two-sided Mann-Whitney U test of `a` against `b`.
pub fn mann_whitney(a: &[f64], b: &[f64]) -> UTest {
    let (n1, n2) = (a.len(), b.len());
    if n1 == 0 || n2 == 0 {
        return UTest {
            u: 0.0,
            p_value: 1.0,
            exact: false,
        };
    }
    let mut all: Vec<(f64, bool)> = a
        .iter()
        .map(|&x| (x, true))
        .chain(b.iter().map(|&x| (x, false)))
        .collect();
    all.sort_by(|x, y| x.0.total_cmp(&y.0));
    let n = all.len();
    let (mut rank_sum_a, mut tie_term, mut i) = (0.0, 0.0, 0);
    while i < n {
        let mut end = i + 1;
        while end < n && all[end].0 == all[i].0 {
            end += 1;
        }
        let t = (end - i) as f64;
        let mean_rank = (i + 1 + end) as f64 / 2.0;
        rank_sum_a += mean_rank * all[i..end].iter().filter(|(_, in_a)| *in_a).count() as f64;
        tie_term += t * t * t - t;
        i = end;
    }
    let u = rank_sum_a - (n1 * (n1 + 1)) as f64 / 2.0;
    if tie_term == 0.0 && n1 <= EXACT_MAX && n2 <= EXACT_MAX {
        return UTest {
            u,
            p_value: exact_p(n1, n2, u),
            exact: true,
        };
    }
    let mean = (n1 * n2) as f64 / 2.0;
    let n_f = n as f64;
    let variance = (n1 * n2) as f64 / 12.0 * ((n_f + 1.0) - tie_term / (n_f * (n_f - 1.0)));
    if variance <= 0.0 {
        return UTest {
            u,
            p_value: 1.0,
            exact: false,
        };
    }
    let z = ((u - mean).abs() - 0.5).max(0.0) / variance.sqrt();
    UTest {
        u,
        p_value: erfc(z / std::f64::consts::SQRT_2).min(1.0),
        exact: false,
    }
}

/// Exact two-sided p-value of U for sample sizes `n1`, `n2` without ties: the count of
/// arrangements with U at most the observed one (or at least, whichever tail is smaller),
/// doubled.
fn exact_p(n1: usize, n2: usize, u: f64) -> f64 {
    let max_u = n1 * n2;
    // counts[i][j][v]: orderings of i a's and j b's with U = v, built up one element at a time.
    let mut counts = vec![vec![vec![0f64; max_u + 1]; n2 + 1]; n1 + 1];
    for row in counts.iter_mut() {
        row[0][0] = 1.0;
    }
    for cell in counts[0].iter_mut() {
        cell[0] = 1.0;
    }
    for i in 1..=n1 {
        for j in 1..=n2 {
            for v in 0..=i * j {
                // The largest element is an a (beating all j b's) or a b (beating nothing).
                let from_a = if v >= j { counts[i - 1][j][v - j] } else { 0.0 };
                counts[i][j][v] = from_a + counts[i][j - 1][v];
            }
        }
    }
    let dist = &counts[n1][n2];
    let total: f64 = dist.iter().sum();
    let observed = u.round() as usize;
    let lower: f64 = dist[..=observed.min(max_u)].iter().sum();
    let upper: f64 = dist[observed.min(max_u)..].iter().sum();
    (2.0 * lower.min(upper) / total).min(1.0)
}

/// The complementary error function, by a Chebyshev fit with fractional error below 1.2e-7
/// everywhere (Numerical Recipes, `erfcc`).
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// Median of the paired ratios `a[i] / b[i]` with its confidence interval: used for a
/// variant's speed relative to the reference, whose samples were taken in the same rounds.
pub fn paired_ratio(a: &[f64], b: &[f64], confidence: f64) -> Option<(f64, Interval)> {
    let ratios: Vec<f64> = a
        .iter()
        .zip(b)
        .filter(|(_, y)| **y > 0.0)
        .map(|(x, y)| x / y)
        .collect();
    if ratios.is_empty() {
        return None;
    }
    let ratios = sorted(&ratios);
    Some((median(&ratios), median_ci(&ratios, confidence)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&sorted(&[5.0, 1.0, 3.0])), 3.0);
        assert_eq!(median(&sorted(&[4.0, 1.0, 3.0, 2.0])), 2.5);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn mad_ignores_one_outlier() {
        // Deviations from 3: 2, 1, 0, 1, 97; their median is 1.
        assert_eq!(mad(&[1.0, 2.0, 3.0, 4.0, 100.0], 3.0), 1.0);
    }

    #[test]
    fn median_ci_ranks_match_the_binomial_table() {
        // n = 10: P(B <= 1) = 11/1024 <= 0.025 < P(B <= 2) = 56/1024, so ranks 2 and 9.
        assert_eq!(median_ci_ranks(10, 0.95), (2, 9));
        // n = 20: P(B <= 5) = 21700/2^20 = 0.0207, P(B <= 6) = 0.0577: ranks 6 and 15.
        assert_eq!(median_ci_ranks(20, 0.95), (6, 15));
        // n = 5: even (min, max) covers only 1 - 2/32 = 93.75%.
        assert_eq!(median_ci_ranks(5, 0.95), (1, 5));
        let data: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(
            median_ci(&data, 0.95),
            Interval {
                low: 2.0,
                high: 9.0
            }
        );
    }

    #[test]
    fn binomial_cdf_by_hand_and_for_large_n() {
        assert!(close(binomial_half_cdf(10, 2), 56.0 / 1024.0, 1e-12));
        assert!(close(binomial_half_cdf(3, 3), 1.0, 1e-12));
        // Symmetry at n = 2001: P(B <= 1000) is exactly one half.
        assert!(close(binomial_half_cdf(2001, 1000), 0.5, 1e-9));
    }

    #[test]
    fn exact_u_test_on_separated_samples() {
        // All of a below all of b: U = 0, one arrangement in C(6, 3) = 20 per tail.
        let t = mann_whitney(&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0]);
        assert_eq!(t.u, 0.0);
        assert!(t.exact);
        assert!(close(t.p_value, 2.0 / 20.0, 1e-12));
        // Five against five: 2 / C(10, 5) = 2 / 252.
        let t = mann_whitney(&[6.0, 7.0, 8.0, 9.0, 10.0], &[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(t.u, 25.0);
        assert!(close(t.p_value, 2.0 / 252.0, 1e-12));
    }

    #[test]
    fn normal_u_test_with_ties_by_hand() {
        // Combined ranks: 1s -> 1.5, 2s -> 3.5, 3s -> 6.5, 4s -> 10.5, 5s -> 13.5, 6s -> 15.5.
        // R(a) = 44, U = 44 - 36 = 8, mean 32. Ties: sum(t^3 - t) = 144, so
        // var = 64/12 * (17 - 144/240) = 87.4667, z = (24 - 0.5) / 9.35236 = 2.51273,
        // p = erfc(z / sqrt 2) = 0.0119800.
        let a = [1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0];
        let b = [3.0, 3.0, 4.0, 4.0, 5.0, 5.0, 6.0, 6.0];
        let t = mann_whitney(&a, &b);
        assert_eq!(t.u, 8.0);
        assert!(!t.exact);
        assert!(close(t.p_value, 0.011_980_0, 2e-6), "{}", t.p_value);
    }

    #[test]
    fn identical_samples_are_not_significant() {
        let t = mann_whitney(&[3.0; 10], &[3.0; 10]);
        assert_eq!(t.p_value, 1.0);
    }

    #[test]
    fn erfc_known_values() {
        assert!(close(erfc(0.0), 1.0, 1e-7));
        assert!(close(erfc(1.0), 0.157_299_207, 1e-7));
        assert!(close(erfc(-1.0), 1.842_700_793, 1e-7));
    }

    #[test]
    fn paired_ratio_of_a_constant_factor() {
        let b = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0];
        let a: Vec<f64> = b.iter().map(|x| x * 1.5).collect();
        let (ratio, ci) = paired_ratio(&a, &b, 0.95).unwrap();
        assert!(close(ratio, 1.5, 1e-12));
        assert!(close(ci.low, 1.5, 1e-12) && close(ci.high, 1.5, 1e-12));
        assert!(paired_ratio(&[], &[], 0.95).is_none());
    }
}
