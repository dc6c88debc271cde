//! Plain-text rendering of a report, in the style of `go test -benchmem` and benchstat.
//!
//! The output is not sanitised here: it holds input-derived text (input and header names,
//! the CPU model), so callers pass each line through [`crate::sanitize::visible`] before it
//! reaches a terminal.

use std::fmt::Write;

use super::baseline::Comparison;
use super::inputs::InputSource;
use super::report::{Report, VariantResult};

/// Nanoseconds with precision that suits their size: `12.34`, `123.4`, `1234`.
pub fn ns(value: f64) -> String {
    match value {
        v if v < 10.0 => format!("{v:.2}"),
        v if v < 100.0 => format!("{v:.1}"),
        v => format!("{v:.0}"),
    }
}

/// A count per operation: whole numbers without decimals, others with one.
pub fn per_op(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// A ratio with its interval, such as `1.42x [1.40, 1.45]`.
pub fn ratio(result: &VariantResult) -> Option<String> {
    let (r, low, high) = (result.ratio?, result.ratio_low?, result.ratio_high?);
    Some(format!("{r:.2}x [{low:.2}, {high:.2}]"))
}

/// The header lines: input, environment, flags and run settings.
pub fn header(report: &Report) -> String {
    let mut out = String::new();
    let input = &report.input;
    let source = match &input.source {
        InputSource::Builtin => "built-in".to_owned(),
        InputSource::File(path) => format!("file {}", path.display()),
        InputSource::Text => "text".to_owned(),
    };
    let shape = match (input.head_bytes, input.headers) {
        (Some(bytes), Some(headers)) => format!("{bytes}-byte head, {headers} headers"),
        _ => "not a valid head".to_owned(),
    };
    let converted = if input.converted_line_ends {
        ", LF line ends made CRLF"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "input: {} ({source}, {} bytes, {shape}{converted})",
        input.name, input.bytes
    );
    let _ = writeln!(out, "env: {}", report.environment.summary());
    if !report.flags.is_empty() {
        let labels: Vec<&str> = report.flags.iter().map(|f| f.label()).collect();
        let _ = writeln!(out, "flags: {}", labels.join(", "));
    }
    let _ = writeln!(
        out,
        "mode: {}, reference {}, clock resolution {} ns, {:.1} s",
        report.mode.name(),
        report.reference,
        ns(report.clock_resolution_ns),
        report.elapsed_s
    );
    out
}

/// One row per variant: name, parses per sample, ns/op, MB/s, B/op, allocs/op, ratio to the
/// reference with its interval, spread, the median's interval and flags.
pub fn table(report: &Report) -> String {
    let mut out = String::new();
    let names: Vec<String> = report
        .results
        .iter()
        .map(|r| {
            format!(
                "BenchmarkParse/{}/{}-{}",
                report.input.name, r.variant, report.environment.cores
            )
        })
        .collect();
    let width = names.iter().map(String::len).max().unwrap_or(0);
    for (name, r) in names.iter().zip(&report.results) {
        let _ = write!(out, "{name:<width$}  ");
        match (r.valid, r.median_ns) {
            (true, Some(median)) => {
                let _ = writeln!(out, "{}", row(report, r, median));
            }
            _ => {
                let why = r.error.as_deref().unwrap_or("invalid");
                let _ = writeln!(out, "invalid: {why}");
            }
        }
    }
    if let Some(err) = &report.input_error {
        let _ = writeln!(out, "no variant accepts input {}: {err}", report.input.name);
    }
    out
}

fn row(report: &Report, r: &VariantResult, median: f64) -> String {
    let mut out = format!("{:>10} {:>9} ns/op", r.iters_per_sample, ns(median));
    if let Some(mb) = r.mb_per_s {
        let _ = write!(out, " {mb:>9.2} MB/s");
    }
    match (r.bytes_per_op, r.allocs_per_op) {
        (Some(bytes), Some(allocs)) => {
            let _ = write!(
                out,
                " {:>7} B/op {:>5} allocs/op",
                per_op(bytes),
                per_op(allocs)
            );
        }
        _ => out.push_str("       ? B/op     ? allocs/op"),
    }
    match ratio(r) {
        Some(ratio) => {
            let _ = write!(out, "  {ratio:<20}");
        }
        None => {
            let _ = write!(out, "  {:<20}", format!("(no {} ratio)", report.reference));
        }
    }
    if let (Some(pct), Some(low), Some(high)) = (r.mad_pct, r.ci_low_ns, r.ci_high_ns) {
        let _ = write!(out, "  ±{pct:.1}%  ci [{}, {}]", ns(low), ns(high));
    }
    if r.unstable {
        out.push_str("  unstable");
    }
    out
}

/// The baseline comparison, benchstat style: `~` where the difference is not significant.
pub fn comparison(cmp: &Comparison) -> String {
    let mut out = format!("baseline {:?} saved {}", cmp.baseline, cmp.saved_at);
    if !cmp.same_machine_and_build {
        let _ = write!(
            out,
            " on another machine or build ({})",
            cmp.differences.join("; ")
        );
    }
    out.push('\n');
    if !cmp.same_input {
        out.push_str("the baseline measured a different input\n");
    }
    let _ = writeln!(
        out,
        "{:<20} {:>12} {:>12} {:>9}",
        "variant", "old ns/op", "new ns/op", "delta"
    );
    for row in &cmp.rows {
        let delta = row
            .delta_pct
            .map_or_else(|| "~".to_owned(), |d| format!("{d:+.2}%"));
        let _ = writeln!(
            out,
            "{:<20} {:>12} {:>12} {:>9}  (p={:.3} n={}+{})",
            row.variant.name(),
            ns(row.old_median_ns),
            ns(row.new_median_ns),
            delta,
            row.p_value,
            row.n_old,
            row.n_new
        );
    }
    if cmp.rows.is_empty() {
        out.push_str("no variant is valid in both runs\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(ns(4.56789), "4.57");
        assert_eq!(ns(45.6789), "45.7");
        assert_eq!(ns(456.789), "457");
        assert_eq!(per_op(3.0), "3");
        assert_eq!(per_op(2.5), "2.5");
    }
}
