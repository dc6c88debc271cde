//! The outcome of a run: per-variant figures, the environment and the input.

use serde::{Deserialize, Serialize};

use super::Mode;
use super::env::Environment;
use super::inputs::{Input, InputSource};
use super::stats::{self, Interval};
use crate::headers::{Limits, ParseError, Variant};

/// The version of the report's JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

/// Spread (MAD as a share of the median) above which a result is flagged unstable.
pub const UNSTABLE_MAD_PCT: f64 = 5.0;

/// Confidence level of every interval in the report.
pub const CONFIDENCE: f64 = 0.95;

/// Run-wide conditions that make timings less trustworthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// Built without optimisations: timings say little about release code.
    DebugBuild,
    /// A CPU frequency governor other than `performance` is active.
    FrequencyScaling,
    /// Running under a hypervisor, where other guests can steal time.
    VirtualMachine,
    /// The counting allocator is not installed, so allocation figures are missing.
    AllocationsNotCounted,
}

impl Flag {
    /// A short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            Flag::DebugBuild => "debug build",
            Flag::FrequencyScaling => "cpu frequency scaling",
            Flag::VirtualMachine => "virtual machine",
            Flag::AllocationsNotCounted => "allocations not counted",
        }
    }
}

/// What was benchmarked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputInfo {
    /// The input's name.
    pub name: String,
    /// Where it came from.
    pub source: InputSource,
    /// Its length in bytes.
    pub bytes: usize,
    /// Bytes of head the parsers read (the figure MB/s is based on); `None` if it is invalid.
    pub head_bytes: Option<usize>,
    /// Header lines in the head; `None` if it is invalid.
    pub headers: Option<usize>,
    /// True when LF line ends were turned into CRLF.
    pub converted_line_ends: bool,
    /// FNV-1a hash of the bytes, to tell whether two runs measured the same input.
    pub digest: String,
}

impl InputInfo {
    /// Describes `input`, with the head's size and header count when it is valid.
    pub fn new(input: &Input, head_bytes: Option<usize>, headers: Option<usize>) -> Self {
        let hash = input.bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Self {
            name: input.name.clone(),
            source: input.source.clone(),
            bytes: input.bytes.len(),
            head_bytes,
            headers,
            converted_line_ends: input.converted,
            digest: format!("{hash:016x}"),
        }
    }
}

/// One variant's figures. Timing fields are `None` for an invalid variant, which is never
/// timed; allocation fields are `None` also when allocations were not counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantResult {
    /// Which parser.
    pub variant: Variant,
    /// True when it parsed the input exactly as the reference did.
    pub valid: bool,
    /// Why it is invalid: its error, or how its result differed.
    pub error: Option<String>,
    /// Median nanoseconds per parse.
    pub median_ns: Option<f64>,
    /// Fastest sample, nanoseconds per parse.
    pub min_ns: Option<f64>,
    /// Median absolute deviation of the samples, nanoseconds.
    pub mad_ns: Option<f64>,
    /// MAD as a percentage of the median.
    pub mad_pct: Option<f64>,
    /// Lower end of the 95% confidence interval of the median.
    pub ci_low_ns: Option<f64>,
    /// Upper end of the 95% confidence interval of the median.
    pub ci_high_ns: Option<f64>,
    /// Head bytes parsed per second, in MB (10^6 bytes).
    pub mb_per_s: Option<f64>,
    /// Allocations per parse.
    pub allocs_per_op: Option<f64>,
    /// Bytes allocated per parse.
    pub bytes_per_op: Option<f64>,
    /// Time relative to the reference variant (2.0 = twice as slow): the median of ratios of
    /// samples taken in the same round.
    pub ratio: Option<f64>,
    /// Lower end of the ratio's 95% confidence interval.
    pub ratio_low: Option<f64>,
    /// Upper end of the ratio's 95% confidence interval.
    pub ratio_high: Option<f64>,
    /// True when the spread exceeds [`UNSTABLE_MAD_PCT`].
    pub unstable: bool,
    /// Parses per timed sample.
    pub iters_per_sample: u64,
    /// Every sample, nanoseconds per parse, in the order taken.
    pub samples_ns: Vec<f64>,
}

impl VariantResult {
    /// A variant that failed validation.
    pub fn invalid(variant: Variant, error: String) -> Self {
        Self {
            variant,
            valid: false,
            error: Some(error),
            median_ns: None,
            min_ns: None,
            mad_ns: None,
            mad_pct: None,
            ci_low_ns: None,
            ci_high_ns: None,
            mb_per_s: None,
            allocs_per_op: None,
            bytes_per_op: None,
            ratio: None,
            ratio_low: None,
            ratio_high: None,
            unstable: false,
            iters_per_sample: 0,
            samples_ns: Vec::new(),
        }
    }

    /// A timed variant's figures from its samples: `allocs` is (allocations, bytes) per parse,
    /// `head_bytes` the bytes one parse reads (for MB/s).
    pub fn measured(
        variant: Variant,
        samples_ns: Vec<f64>,
        iters_per_sample: u64,
        allocs: Option<(f64, f64)>,
        head_bytes: usize,
    ) -> Self {
        let sorted = stats::sorted(&samples_ns);
        let median = stats::median(&sorted);
        let mad = stats::mad(&sorted, median);
        let mad_pct = 100.0 * mad / median;
        let Interval { low, high } = stats::median_ci(&sorted, CONFIDENCE);
        Self {
            valid: true,
            error: None,
            median_ns: Some(median),
            min_ns: sorted.first().copied(),
            mad_ns: Some(mad),
            mad_pct: Some(mad_pct),
            ci_low_ns: Some(low),
            ci_high_ns: Some(high),
            // bytes / ns * 1e9 / 1e6 = bytes * 1000 / ns
            mb_per_s: Some(head_bytes as f64 * 1000.0 / median),
            allocs_per_op: allocs.map(|a| a.0),
            bytes_per_op: allocs.map(|a| a.1),
            unstable: mad_pct > UNSTABLE_MAD_PCT,
            iters_per_sample,
            samples_ns,
            ..Self::invalid(variant, String::new())
        }
    }
}

/// Everything a run found: saved as a baseline, printed by the command, shown by the panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// When the run started.
    pub started_at: jiff::Timestamp,
    /// Seconds the run took.
    pub elapsed_s: f64,
    /// Quick or full.
    pub mode: Mode,
    /// Machine and build.
    pub environment: Environment,
    /// What was parsed.
    pub input: InputInfo,
    /// The limits every variant parsed under.
    pub limits: Limits,
    /// The variant ratios are relative to.
    pub reference: Variant,
    /// The smallest step of the clock, nanoseconds.
    pub clock_resolution_ns: f64,
    /// The reference's error when the input is not a valid head (then no variant is valid).
    pub input_error: Option<ParseError>,
    /// Conditions that make the timings less trustworthy.
    pub flags: Vec<Flag>,
    /// One entry per variant run, in the order asked for.
    pub results: Vec<VariantResult>,
}

impl Report {
    /// The result of `variant`, if it was part of the run.
    pub fn result(&self, variant: Variant) -> Option<&VariantResult> {
        self.results.iter().find(|r| r.variant == variant)
    }

    /// True when no variant produced a valid result.
    pub fn all_invalid(&self) -> bool {
        self.results.iter().all(|r| !r.valid)
    }

    /// Fills in every valid result's ratio to the reference, when the reference was timed;
    /// both must have samples from the same rounds.
    pub fn compute_ratios(&mut self) {
        let Some(reference) = self.result(self.reference).filter(|r| r.valid) else {
            return;
        };
        let base = reference.samples_ns.clone();
        for result in self.results.iter_mut().filter(|r| r.valid) {
            if let Some((ratio, ci)) = stats::paired_ratio(&result.samples_ns, &base, CONFIDENCE) {
                result.ratio = Some(ratio);
                result.ratio_low = Some(ci.low);
                result.ratio_high = Some(ci.high);
            }
        }
    }
}

/// The run-wide flags for an environment.
pub(crate) fn flags_for(env: &Environment, counting: bool) -> Vec<Flag> {
    let mut flags = Vec::new();
    if env.is_debug_build() {
        flags.push(Flag::DebugBuild);
    }
    if env.scaling_governor.is_some() {
        flags.push(Flag::FrequencyScaling);
    }
    if env.virtual_machine.is_some() {
        flags.push(Flag::VirtualMachine);
    }
    if !counting {
        flags.push(Flag::AllocationsNotCounted);
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measured_figures_from_known_samples() {
        let samples: Vec<f64> = vec![100.0, 101.0, 99.0, 100.0, 130.0, 100.0, 98.0, 102.0];
        let r = VariantResult::measured(Variant::Naive, samples, 1000, Some((3.0, 96.0)), 500);
        // Sorted: 98 99 100 100 100 101 102 130 -> median 100; deviations 2 1 0 0 0 1 2 30
        // -> MAD 1 (1%). 500 bytes in 100 ns = 5000 MB/s.
        assert_eq!(r.median_ns, Some(100.0));
        assert_eq!(r.min_ns, Some(98.0));
        assert_eq!(r.mad_ns, Some(1.0));
        assert_eq!(r.mad_pct, Some(1.0));
        assert_eq!(r.mb_per_s, Some(5000.0));
        assert_eq!(r.allocs_per_op, Some(3.0));
        assert!(!r.unstable && r.valid);
        // n = 8: P(B <= 0) = 1/256 <= 0.025 < P(B <= 1) = 9/256, so ranks 1 and 8.
        assert_eq!((r.ci_low_ns, r.ci_high_ns), (Some(98.0), Some(130.0)));
    }

    #[test]
    fn wide_spread_is_unstable() {
        let r = VariantResult::measured(Variant::Naive, vec![100.0, 80.0, 120.0], 1, None, 1);
        assert!(r.unstable);
        assert_eq!(r.allocs_per_op, None);
    }
}
