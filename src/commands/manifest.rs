//! `notebench manifest`: which image of a manifest list or image index a platform pulls, why
//! every other entry was passed over, and what is wrong with the list.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use unicode_width::UnicodeWidthStr;

use crate::exit::{CmdError, Context, Exit};
use crate::manifest::findings::Finding;
use crate::manifest::platform::{self, Platform, host};
use crate::manifest::provider::{Control, Progress};
use crate::manifest::report::{self, Report};
use crate::manifest::select::{Selection, disagreement, target_for};
use crate::manifest::source::layout::REF_NAME;
use crate::manifest::source::{
    InspectError, InspectOptions, Inspection, SourceSpec, inspect, inspect_reader,
};
use crate::manifest::tree::{Entry, Group, Link, label};
use crate::manifest::{Rules, media};
use crate::sanitize::visible;

/// Arguments of `notebench manifest`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// A file, `-` for standard input, an OCI layout folder, `oci:DIR[:TAG]`, or a registry
    /// reference such as `alpine:3.20`; the built-in sample when left out.
    pub source: Option<String>,
    /// The target platform in containerd's syntax (`linux/arm/v7`, `windows(10.0.17763)/amd64`);
    /// this host's platform by default.
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    /// The matching rules: containerd's (what Docker pulls) or literal (what crane and oras pick).
    #[arg(long, value_enum, default_value_t = Rules::Containerd)]
    pub rules: Rules,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// A PEM file of CA certificates to trust besides the system's (home-lab registries).
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Talk plain HTTP to the registry even when it is not on a loopback address.
    #[arg(long)]
    pub plain_http: bool,
}

/// Runs the command, reading standard input when the source is `-`.
pub fn run(args: &Args, ctx: &Context, out: &mut dyn Write) -> Result<Exit, CmdError> {
    run_with_stdin(args, ctx, out, &mut io::stdin().lock())
}

/// Runs the command with `stdin` standing in for standard input.
pub fn run_with_stdin(
    args: &Args,
    _ctx: &Context,
    out: &mut dyn Write,
    stdin: &mut dyn Read,
) -> Result<Exit, CmdError> {
    let (target, from_host) = match &args.platform {
        Some(p) => (
            platform::parse(p).map_err(|e| CmdError::usage(visible(&e.to_string())))?,
            false,
        ),
        None => (host::host_platform(), true),
    };
    let spec = SourceSpec::parse(args.source.as_deref()).map_err(cmd_error)?;
    let mut opts = InspectOptions::default();
    opts.registry.ca_file = args.ca_file.clone();
    opts.registry.plain_http = args.plain_http;
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    let ctl = Control::new(&cancel, &progress);
    let inspection = match spec {
        SourceSpec::Stdin => inspect_reader("stdin", stdin, &ctl),
        spec => inspect(&spec, &opts, &ctl),
    }
    .map_err(cmd_error)?;
    let chosen = inspection.select(&target_for(args.rules, &target, from_host), args.rules);
    let other_rules = args.rules.other();
    let other = inspection.select(&target_for(other_rules, &target, from_host), other_rules);
    let status = if inspection.verification_failed() || chosen.chosen.is_none() {
        Exit::Failed
    } else {
        Exit::Success
    };
    let written = if args.json {
        let report = report::build(&inspection, &chosen, &other, from_host);
        write_json(out, &report)
    } else {
        write_text(out, &inspection, &chosen, &other, from_host)
    };
    super::write_result(written).map(|_| status)
}

fn cmd_error(e: InspectError) -> CmdError {
    CmdError {
        exit: e.exit(),
        message: visible(&e.to_string()).into_owned(),
    }
}

fn write_json(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let mut text = serde_json::to_vec_pretty(report).map_err(io::Error::other)?;
    text.push(b'\n');
    out.write_all(&text)
}

/// Makes text from a document or registry safe for the terminal.
fn v(s: &str) -> String {
    visible(s).into_owned()
}

fn write_text(
    out: &mut dyn Write,
    ins: &Inspection,
    chosen: &Selection,
    other: &Selection,
    from_host: bool,
) -> io::Result<()> {
    write_header(out, ins, chosen, from_host)?;
    let entries = ins.root.walk();
    if !entries.is_empty() {
        writeln!(out)?;
        write_table(out, &table_rows(&entries))?;
    }
    writeln!(out)?;
    write_choice(out, chosen)?;
    write_passed_over(out, &entries, chosen)?;
    let (containerd, literal) = match chosen.rules {
        Rules::Containerd => (chosen, other),
        Rules::Literal => (other, chosen),
    };
    if let Some(d) = disagreement(containerd, literal) {
        writeln!(out, "\n{}", v(&d))?;
    }
    write_findings(out, &ins.findings)
}

fn write_header(
    out: &mut dyn Write,
    ins: &Inspection,
    sel: &Selection,
    from_host: bool,
) -> io::Result<()> {
    let doc = &ins.root.document;
    let kind = media::short_name(doc.media_type());
    writeln!(out, "source    {}", v(&ins.source))?;
    let size = doc.bytes.len();
    writeln!(
        out,
        "document  {} ({}), {size} bytes",
        v(kind),
        v(doc.media_type())
    )?;
    writeln!(out, "digest    {}", doc.digest)?;
    writeln!(out, "          {}", v(&ins.root.verification.describe()))?;
    let whence = if from_host { "this host" } else { "--platform" };
    let target = v(&sel.target.to_string());
    writeln!(
        out,
        "target    {target} ({whence}), {} rules",
        sel.rules.name()
    )?;
    if let Some(r) = &ins.rate_limit {
        writeln!(out, "rate      {}", v(&r.describe()))?;
    }
    for note in &ins.notes {
        writeln!(out, "note      {}", v(note))?;
    }
    if let Some(view) = &ins.root_image {
        let (layers, size) = (view.layers.len(), view.layers_size);
        writeln!(out, "image     {layers} layers, {size} bytes")?;
        if let Ok(c) = &view.config {
            let created = v(c.created.as_deref().unwrap_or("(unknown)"));
            writeln!(
                out,
                "config    {} created {created}",
                v(&c.platform.to_string())
            )?;
        }
    }
    Ok(())
}

fn write_choice(out: &mut dyn Write, sel: &Selection) -> io::Result<()> {
    let rules = sel.rules.name();
    let Some(c) = &sel.chosen else {
        let why = v(sel.no_match.as_deref().unwrap_or(""));
        return writeln!(out, "chosen ({rules}): nothing. {why}");
    };
    let at = if c.path.is_empty() {
        "the image".to_string()
    } else {
        label(&c.path)
    };
    let platform = c
        .platform
        .as_ref()
        .map_or("(no platform)".into(), Platform::to_string);
    let rank = c
        .rank
        .map_or("unranked".to_string(), |r| format!("rank {r}"));
    writeln!(out, "chosen ({rules}): {at} {}, {rank}", v(&platform))?;
    writeln!(out, "  {}", v(&c.digest))?;
    if let Some(verdict) = sel.verdict(&c.path) {
        writeln!(out, "  {}", v(&verdict.reason))?;
    }
    Ok(())
}

fn write_passed_over(out: &mut dyn Write, entries: &[&Entry], sel: &Selection) -> io::Result<()> {
    let passed: Vec<_> = sel.verdicts.iter().filter(|vd| !vd.chosen).collect();
    if !passed.is_empty() {
        writeln!(out, "passed over:")?;
    }
    for vd in passed {
        let platform = entries
            .iter()
            .find(|e| e.path == vd.path)
            .and_then(|e| e.descriptor.platform.as_ref())
            .map_or("-".to_string(), Platform::to_string);
        writeln!(
            out,
            "  {} {}: {}",
            label(&vd.path),
            v(&platform),
            v(&vd.reason)
        )?;
    }
    Ok(())
}

fn write_findings(out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
    writeln!(out, "\nfindings:")?;
    if findings.is_empty() {
        writeln!(out, "  none")?;
    }
    for f in findings {
        let at = f
            .entry
            .as_deref()
            .map(|e| format!(" {e}"))
            .unwrap_or_default();
        writeln!(out, "  {}{at}: {}", f.level.word(), v(&f.message))?;
    }
    Ok(())
}

/// The table's cells, header first, already made visible.
fn table_rows(entries: &[&Entry]) -> Vec<Vec<String>> {
    let header = ["ENTRY", "PLATFORM", "TYPE", "SIZE", "DIGEST", "GROUP"];
    let mut rows = vec![header.map(String::from).to_vec()];
    for e in entries {
        let d = &e.descriptor;
        let indent = "  ".repeat(e.path.len().saturating_sub(1));
        let digest = d
            .parsed_digest()
            .map_or_else(|_| d.digest.clone(), |g| g.short());
        let platform = d
            .platform
            .as_ref()
            .map_or("-".to_string(), Platform::to_string);
        let kind = media::short_name(&d.media_type).to_string();
        let row = [
            format!("{indent}{}", e.label()),
            platform,
            kind,
            d.size.to_string(),
            digest,
            group_text(e),
        ];
        rows.push(row.iter().map(|c| v(c)).collect());
    }
    rows
}

/// Writes aligned columns; the size column (index 3) is right-aligned.
fn write_table(out: &mut dyn Write, rows: &[Vec<String>]) -> io::Result<()> {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|i| rows.iter().map(|r| r[i].width()).max().unwrap_or(0))
        .collect();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let pad = " ".repeat(widths[i] - cell.width());
                if i == 3 {
                    format!("{pad}{cell}")
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

fn group_text(e: &Entry) -> String {
    let name = match e.group {
        Group::Runnable => "runnable",
        Group::Attestation => "attestation",
        Group::Other => "other",
        Group::NestedIndex => "nested index",
    };
    match (&e.attests, e.descriptor.annotation(REF_NAME)) {
        (Some(Link::To(i)), _) => {
            let mut sibling = e.path.clone();
            if let Some(last) = sibling.last_mut() {
                *last = *i;
            }
            format!("{name} of {}", label(&sibling))
        }
        (Some(Link::Dangling(_)), _) => format!("{name} of nothing"),
        (_, Some(tag)) => format!("{name}, tag {tag}"),
        _ => name.to_string(),
    }
}
