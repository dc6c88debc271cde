//! `notebench bench`: benchmark the header parsers on one input, printed like
//! `go test -benchmem` or as one JSON object.
//!
//! Exit status: 0 when every variant was valid and timed; 1 when a variant disagreed with the
//! reference or no variant accepts the input (the report names the first error and its byte
//! offset); 2 for an unknown variant, a missing input file or a bad or missing baseline; 3 when
//! a file cannot be read or the baseline cannot be written.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use serde::Serialize;

use crate::bench::baseline::{self, BaselineError, Comparison};
use crate::bench::{BenchConfig, Input, InputError, Mode, NoProgress, Report, text};
use crate::exit::{CmdError, Context, Exit};
use crate::headers::{Limits, Variant};
use crate::sanitize::visible;

/// Options of `notebench bench`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The request to parse: a built-in (curl, browser, cookies) or a file. A file with no CR
    /// byte gets CRLF line ends and, if missing, the closing empty line.
    #[arg(long, value_name = "FILE|NAME", default_value = "browser")]
    pub input: String,
    /// Variants to run, comma-separated: naive, backing, interned, zero-copy, httparse,
    /// httparse-headermap (default: all).
    #[arg(long, value_name = "a,b", value_delimiter = ',')]
    pub variants: Vec<String>,
    /// The variant ratios are relative to.
    #[arg(long, value_name = "NAME", default_value = "httparse")]
    pub reference: String,
    /// A short run (about half a second per input in a release build).
    #[arg(long)]
    pub quick: bool,
    /// Print one JSON object instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Save this run as a baseline under NAME.
    #[arg(long, value_name = "NAME")]
    pub save_baseline: Option<String>,
    /// Compare this run with the baseline saved under NAME.
    #[arg(long, value_name = "NAME")]
    pub baseline: Option<String>,
}

impl Default for Args {
    /// The same defaults as on the command line: `browser`, all variants, full run.
    fn default() -> Self {
        Self {
            input: "browser".into(),
            variants: Vec::new(),
            reference: Variant::REFERENCE.name().into(),
            quick: false,
            json: false,
            save_baseline: None,
            baseline: None,
        }
    }
}

/// The JSON document: the report's fields, the comparison and where the run was saved.
#[derive(Serialize)]
struct JsonOutput<'a> {
    #[serde(flatten)]
    report: &'a Report,
    baseline: Option<&'a Comparison>,
    saved_baseline: Option<PathBuf>,
    /// The input's first error in words, when no variant accepts it.
    error: Option<String>,
}

/// Runs the benchmark as `args` say and prints the result to `out`.
pub fn run(args: &Args, ctx: &Context, out: &mut dyn Write) -> Result<Exit, CmdError> {
    let config = config(args)?;
    if let Some(name) = &args.save_baseline {
        baseline::baseline_path(&ctx.data_dir, name).map_err(baseline_error)?;
    }
    let old = match &args.baseline {
        Some(name) => Some(baseline::load(&ctx.data_dir, name).map_err(baseline_error)?),
        None => None,
    };
    let report = crate::bench::run(&config, &mut NoProgress, &AtomicBool::new(false))
        .map_err(|err| CmdError::failed(err.to_string()))?;
    let comparison = old.as_ref().map(|b| baseline::compare(b, &report));
    let saved = match &args.save_baseline {
        Some(name) if !report.all_invalid() => {
            Some(baseline::save(&ctx.data_dir, name, &report).map_err(baseline_error)?)
        }
        _ => None,
    };
    let document = if args.json {
        let error = report
            .input_error
            .map(|e| format!("no variant accepts the input: {e}"));
        let doc = JsonOutput {
            report: &report,
            baseline: comparison.as_ref(),
            saved_baseline: saved,
            error,
        };
        let json = serde_json::to_string(&doc).map_err(|e| CmdError::io(e.to_string()))?;
        json + "\n"
    } else {
        plain(
            &report,
            comparison.as_ref(),
            saved,
            args.save_baseline.as_deref(),
        )
    };
    let written = out
        .write_all(document.as_bytes())
        .and_then(|()| out.flush());
    if written.is_err() {
        return super::write_result(written);
    }
    Ok(if report.results.iter().all(|r| r.valid) {
        Exit::Success
    } else {
        Exit::Failed
    })
}

/// The run configuration `args` describe; usage errors for unknown names or a missing file.
pub fn config(args: &Args) -> Result<BenchConfig, CmdError> {
    let parse = |name: &str| {
        name.trim()
            .parse::<Variant>()
            .map_err(|e| CmdError::usage(e.to_string()))
    };
    let variants = match args.variants.is_empty() {
        true => Variant::ALL.to_vec(),
        false => args
            .variants
            .iter()
            .map(|v| parse(v))
            .collect::<Result<_, _>>()?,
    };
    let input = Input::resolve(&args.input).map_err(|err| match err {
        InputError::NotFound(_) | InputError::NotAFile(_) => {
            CmdError::usage(visible(&err.to_string()).into_owned())
        }
        InputError::Io(..) => CmdError::io(visible(&err.to_string()).into_owned()),
    })?;
    Ok(BenchConfig {
        input,
        variants,
        mode: if args.quick { Mode::Quick } else { Mode::Full },
        reference: parse(&args.reference)?,
        limits: Limits::default(),
    })
}

fn baseline_error(err: BaselineError) -> CmdError {
    let message = visible(&err.to_string()).into_owned();
    match err {
        BaselineError::Io { .. } => CmdError::io(message),
        _ => CmdError::usage(message),
    }
}

/// The text report, every line made safe for a terminal.
fn plain(
    report: &Report,
    comparison: Option<&Comparison>,
    saved: Option<PathBuf>,
    save_name: Option<&str>,
) -> String {
    let mut text = text::header(report);
    text.push('\n');
    text.push_str(&text::table(report));
    if let Some(cmp) = comparison {
        text.push('\n');
        text.push_str(&text::comparison(cmp));
    }
    match (saved, save_name) {
        (Some(path), _) => text.push_str(&format!("saved baseline {}\n", path.display())),
        (None, Some(name)) => {
            text.push_str(&format!("baseline {name:?} not saved: no valid result\n"))
        }
        (None, None) => {}
    }
    text.lines()
        .map(|line| visible(line).into_owned() + "\n")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    fn args(input: &str) -> Args {
        Args {
            input: input.to_owned(),
            reference: "httparse".into(),
            quick: true,
            ..Args::default()
        }
    }

    fn ctx(dir: &std::path::Path) -> Context {
        Context {
            config_dir: dir.join("config"),
            data_dir: dir.join("data"),
            state_dir: dir.join("state"),
        }
    }

    #[test]
    fn unknown_variant_and_missing_file_are_usage_errors() {
        let mut bad = args("browser");
        bad.variants = vec!["naive".into(), "turbo".into()];
        let err = config(&bad).unwrap_err();
        assert_eq!(err.exit, Exit::Usage);
        assert!(err.message.contains("turbo"));
        let err = config(&args("/no/such/request.http")).unwrap_err();
        assert_eq!(err.exit, Exit::Usage);
        assert!(err.message.contains("/no/such/request.http"));
    }

    #[test]
    fn missing_baseline_is_a_usage_error_before_any_timing() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = args("curl");
        a.baseline = Some("nope".into());
        let err = run(&a, &ctx(dir.path()), &mut Vec::new()).unwrap_err();
        assert_eq!(err.exit, Exit::Usage);
        assert!(err.message.contains("no such baseline"));
        a.baseline = None;
        a.save_baseline = Some("../escape".into());
        assert_eq!(
            run(&a, &ctx(dir.path()), &mut Vec::new()).unwrap_err().exit,
            Exit::Usage
        );
    }

    #[test]
    fn an_input_no_variant_accepts_exits_1_naming_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.http");
        std::fs::write(&path, b"GET / HTTP/1.1\r\nHost : x\r\n\r\n").unwrap();
        let mut a = args(path.to_str().unwrap());
        a.variants = vec!["naive".into(), "httparse".into()];
        let mut out = Vec::new();
        assert_eq!(run(&a, &ctx(dir.path()), &mut out).unwrap(), Exit::Failed);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("no variant accepts input bad.http"), "{text}");
        assert!(
            text.contains("whitespace before the colon of a header at byte 20"),
            "{text}"
        );
        a.json = true;
        let mut out = Vec::new();
        assert_eq!(run(&a, &ctx(dir.path()), &mut out).unwrap(), Exit::Failed);
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(json["input_error"]["offset"], 20);
        assert_eq!(json["input_error"]["kind"], "space_before_colon");
        assert!(json["error"].as_str().unwrap().ends_with("at byte 20"));
        assert_eq!(json["results"][0]["valid"], false);
    }

    struct BrokenPipe;

    impl Write for BrokenPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_ends_quietly() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = args("curl");
        a.variants = vec!["zero-copy".into()];
        assert_eq!(
            run(&a, &ctx(dir.path()), &mut BrokenPipe).unwrap(),
            Exit::Success
        );
    }
}
