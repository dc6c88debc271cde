//! Saved runs and comparisons with them.
//!
//! A baseline is a whole [`Report`] (samples, environment, versions) under a name, stored as
//! JSON in `<data_dir>/baselines/NAME.json` and written atomically (a temporary file in the
//! same folder, then renamed). A comparison applies the two-sided Mann-Whitney U test to each
//! variant's samples, as benchstat does: a difference with p >= 0.05 is shown as `~`.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::report::{Report, SCHEMA_VERSION};
use super::stats::{self, mann_whitney};
use crate::headers::Variant;

/// Significance level of comparisons.
pub const ALPHA: f64 = 0.05;

/// A saved run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The name it was saved under.
    pub name: String,
    /// When it was saved.
    pub saved_at: jiff::Timestamp,
    /// The run itself.
    pub report: Report,
}

/// Why a baseline could not be saved or loaded.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// The name is empty, too long, or holds characters other than letters, digits, `.`, `_`
    /// and `-` (or starts with `.`).
    #[error("invalid baseline name {0:?}: use letters, digits, '.', '_' and '-' (at most 64)")]
    BadName(String),
    /// No baseline of that name exists.
    #[error("{}: no such baseline", .0.display())]
    NotFound(PathBuf),
    /// The file is not a baseline.
    #[error("{}: line {line}, column {column}: {message}", .path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// Line of the problem (1-based).
        line: usize,
        /// Column of the problem (1-based).
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// Reading or writing failed.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The failure.
        source: io::Error,
    },
}

/// The folder baselines live in.
pub fn baselines_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("baselines")
}

/// Wraps an I/O failure on `path`.
fn io_err(path: &Path) -> impl FnOnce(io::Error) -> BaselineError + use<> {
    let path = path.to_owned();
    move |source| BaselineError::Io { path, source }
}

fn check_name(name: &str) -> Result<(), BaselineError> {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    let ok =
        !name.is_empty() && name.len() <= 64 && !name.starts_with('.') && name.chars().all(ok_char);
    if ok {
        Ok(())
    } else {
        Err(BaselineError::BadName(name.to_owned()))
    }
}

/// The file a baseline of this name lives in.
pub fn baseline_path(data_dir: &Path, name: &str) -> Result<PathBuf, BaselineError> {
    check_name(name)?;
    Ok(baselines_dir(data_dir).join(format!("{name}.json")))
}

/// Saves `report` as baseline `name`, replacing any earlier one atomically. Returns the path.
pub fn save(data_dir: &Path, name: &str, report: &Report) -> Result<PathBuf, BaselineError> {
    let path = baseline_path(data_dir, name)?;
    let baseline = Baseline {
        schema_version: SCHEMA_VERSION,
        name: name.to_owned(),
        saved_at: jiff::Timestamp::now(),
        report: report.clone(),
    };
    let json = serde_json::to_vec_pretty(&baseline).map_err(|e| BaselineError::Io {
        path: path.clone(),
        source: io::Error::other(e),
    })?;
    crate::paths::write_atomic(&path, &json).map_err(io_err(&path))?;
    tracing::info!(path = %path.display(), "saved benchmark baseline");
    Ok(path)
}

/// Loads baseline `name`.
pub fn load(data_dir: &Path, name: &str) -> Result<Baseline, BaselineError> {
    let path = baseline_path(data_dir, name)?;
    let text =
        crate::paths::read_limited(&path, 64 << 20).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => BaselineError::NotFound(path.clone()),
            _ => BaselineError::Io {
                path: path.clone(),
                source,
            },
        })?;
    let baseline: Baseline = serde_json::from_slice(&text).map_err(|e| {
        // serde_json's message ends with its own "at line L column C"; the error shows them.
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        BaselineError::Malformed {
            path: path.clone(),
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    check(&baseline).map_err(|message| BaselineError::Malformed {
        path,
        line: 1,
        column: 1,
        message,
    })?;
    Ok(baseline)
}

/// A hand-edited or corrupt baseline must not turn into absurd comparisons.
fn check(baseline: &Baseline) -> Result<(), String> {
    if baseline.schema_version != 1 {
        return Err(format!(
            "schema_version {} is not one this build reads (1)",
            baseline.schema_version
        ));
    }
    for result in baseline.report.results.iter().filter(|r| r.valid) {
        let bad = result
            .samples_ns
            .iter()
            .any(|s| !s.is_finite() || *s <= 0.0 || *s > 1e12);
        if result.samples_ns.is_empty() || bad {
            return Err(format!(
                "{}: samples_ns must be positive, finite timings; this file was changed by hand",
                result.variant.name()
            ));
        }
    }
    Ok(())
}

/// Names of the saved baselines, sorted.
pub fn list(data_dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(baselines_dir(data_dir)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".json")
                .map(str::to_owned)
        })
        .filter(|n| check_name(n).is_ok())
        .collect();
    names.sort();
    names
}

/// One variant compared with its baseline figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonRow {
    /// Which parser.
    pub variant: Variant,
    /// Median ns/op in the baseline.
    pub old_median_ns: f64,
    /// Median ns/op now.
    pub new_median_ns: f64,
    /// Change of the median in percent (negative is faster); `None` when not significant.
    pub delta_pct: Option<f64>,
    /// Two-sided Mann-Whitney p-value.
    pub p_value: f64,
    /// Samples in the baseline.
    pub n_old: usize,
    /// Samples now.
    pub n_new: usize,
}

/// A run compared with a baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The baseline's name.
    pub baseline: String,
    /// When it was saved.
    pub saved_at: jiff::Timestamp,
    /// True when machine and build match (see [`Comparison::differences`]).
    pub same_machine_and_build: bool,
    /// Machine and build differences, such as `cpu: X vs Y`.
    pub differences: Vec<String>,
    /// True when both runs parsed the same bytes.
    pub same_input: bool,
    /// Variants valid in both runs.
    pub rows: Vec<ComparisonRow>,
}

/// Compares `report` with `baseline`, variant by variant.
///
/// Known shortcoming: a baseline of another input is compared all the same; the comparison
/// says so (`same_input`) but its deltas mean little.
pub fn compare(baseline: &Baseline, report: &Report) -> Comparison {
    let old = &baseline.report;
    let rows = report
        .results
        .iter()
        .filter(|r| r.valid)
        .filter_map(|new| {
            let before = old.result(new.variant).filter(|r| r.valid)?;
            let old_median = stats::median(&stats::sorted(&before.samples_ns));
            let new_median = stats::median(&stats::sorted(&new.samples_ns));
            let test = mann_whitney(&before.samples_ns, &new.samples_ns);
            let significant = test.p_value < ALPHA;
            Some(ComparisonRow {
                variant: new.variant,
                old_median_ns: old_median,
                new_median_ns: new_median,
                delta_pct: significant.then(|| 100.0 * (new_median - old_median) / old_median),
                p_value: test.p_value,
                n_old: before.samples_ns.len(),
                n_new: new.samples_ns.len(),
            })
        })
        .collect();
    let differences = old.environment.differences(&report.environment);
    Comparison {
        baseline: baseline.name.clone(),
        saved_at: baseline.saved_at,
        same_machine_and_build: differences.is_empty(),
        differences,
        same_input: old.input.digest == report.input.digest,
        rows,
    }
}
