//! The Bench panel: input and mode, the environment, one row per variant (a progress bar while
//! running, results and a ratio bar when done), and the baseline comparison.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::bench::progress::Phase;
use crate::bench::text::{ns, per_op};
use crate::bench::{Mode, Report};
use crate::keymap::{Action, Scope};
use crate::sanitize::visible;
use crate::theme::Paint;
use crate::tui::app::App;
use crate::tui::bench::{BenchPanel, VariantProgress};
use crate::tui::style::{bold, fg, highlighted, panel_block, style};

const BAR: usize = 20;

/// Known shortcoming: below about 100 columns the right-hand columns and the baseline table are
/// cut, and nothing scrolls them.
pub(super) fn draw(frame: &mut Frame<'_>, app: &App, panel: &BenchPanel, area: Rect) {
    let input = panel.current_input();
    let title = input.map_or(" Bench ".to_string(), |i| {
        format!(" Bench: {} ({} bytes) ", visible(&i.name), i.bytes.len())
    });
    let block = panel_block(app, &title, area.width);
    let inside = block.inner(area);
    frame.render_widget(block, area);
    // The table is cut at the edge rather than wrapped, so its columns stay aligned.
    let mut table = header(app, panel);
    table.push(Line::raw(""));
    table.extend(rows(app, panel, usize::from(inside.width)));
    table.push(Line::raw(""));
    let table_rows = u16::try_from(table.len()).unwrap_or(u16::MAX);
    let [top, below] =
        Layout::vertical([Constraint::Length(table_rows), Constraint::Fill(1)]).areas(inside);
    frame.render_widget(Paragraph::new(table), top);
    let notes = Paragraph::new(footer(app, panel)).wrap(Wrap { trim: false });
    frame.render_widget(notes, below);
}

fn header<'a>(app: &App, panel: &'a BenchPanel) -> Vec<Line<'a>> {
    let s = &app.theme().slots;
    let accent = bold(app, s.accent);
    let muted = fg(app, s.muted);
    let names: Vec<String> = panel
        .inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            if i == panel.input {
                format!("[{}]", visible(&input.name))
            } else {
                visible(&input.name).into_owned()
            }
        })
        .collect();
    let mode = match panel.mode {
        Mode::Quick => "quick",
        Mode::Full => "full",
    };
    let mut lines = Vec::new();
    if let Some(text) = &panel.file_prompt {
        lines.push(Line::styled(
            format!("input file: {}▏", visible(text)),
            accent,
        ));
    }
    lines.extend([
        Line::styled(format!("input {}   mode {mode}", names.join(" ")), accent),
        Line::styled(format!("env: {}", panel.environment), muted),
    ]);
    if let Some(report) = &panel.report {
        let flags: Vec<&str> = report.flags.iter().map(|f| f.label()).collect();
        if !flags.is_empty() {
            let warn = fg(app, s.warning);
            lines.push(Line::styled(format!("flags: {}", flags.join(", ")), warn));
        }
    }
    if let Some(run) = &panel.running {
        let eta = run.eta.map_or(String::new(), |d| {
            format!(", about {:.1} s left", d.as_secs_f64())
        });
        lines.push(Line::styled(
            format!(
                "running: {}{eta} ({} cancels)",
                phase_name(run.phase),
                app.key(Scope::Bench, Action::Back)
            ),
            accent,
        ));
    }
    lines
}

fn rows<'a>(app: &App, panel: &'a BenchPanel, width: usize) -> Vec<Line<'a>> {
    let s = &app.theme().slots;
    let head = bold(app, s.heading2);
    let mut lines = vec![Line::styled(
        format!(
            "    {:<19} {:>10} {:>7} {:>7} {:>8} {:>9} {:>7}",
            "VARIANT", "NS/OP", "±", "ALLOCS", "B/OP", "MB/S", "RATIO"
        ),
        head,
    )];
    let report = panel.report.as_ref().filter(|_| panel.running.is_none());
    let max_ratio = report.map_or(1.0, |r| {
        r.results.iter().filter_map(|v| v.ratio).fold(1.0, f64::max)
    });
    for (i, (variant, on)) in panel.variants.iter().enumerate() {
        let check = if *on { "[x]" } else { "[ ]" };
        let cursor = i == panel.cursor;
        let mut paint = Paint {
            fg: if *on { s.text } else { s.muted },
            ..Paint::default()
        };
        if cursor {
            paint = highlighted(app, paint);
        }
        let name = format!("{check} {:<19}", variant.name());
        let mut spans = vec![Span::styled(name, style(paint, app.depth))];
        match (&panel.running, report) {
            (Some(run), _) if *on => spans.extend(progress(
                app,
                run.variants.get(variant).copied().unwrap_or_default(),
            )),
            (None, Some(report)) => spans.extend(result(app, report, *variant, max_ratio)),
            _ => {}
        }
        lines.push(Line::from(spans));
    }
    let _ = width;
    lines
}

fn progress(app: &App, p: VariantProgress) -> Vec<Span<'static>> {
    let s = &app.theme().slots;
    let filled = ((p.fraction.clamp(0.0, 1.0)) * BAR as f64).round() as usize;
    let bar = format!(
        " {}{} {:>3.0}%",
        "█".repeat(filled),
        "░".repeat(BAR - filled),
        p.fraction * 100.0
    );
    let median = p
        .median_ns
        .map_or(String::new(), |m| format!("  median {}", ns(m)));
    vec![
        Span::styled(bar, fg(app, s.accent)),
        Span::styled(median, fg(app, s.muted)),
    ]
}

fn result(
    app: &App,
    report: &Report,
    variant: crate::headers::Variant,
    max_ratio: f64,
) -> Vec<Span<'static>> {
    let s = &app.theme().slots;
    let Some(r) = report.result(variant) else {
        return vec![Span::styled(" not run", fg(app, s.muted))];
    };
    if !r.valid {
        let why = r
            .error
            .clone()
            .unwrap_or_else(|| "disagrees with the reference".into());
        let paint = Paint {
            fg: s.error,
            bold: true,
            ..Paint::default()
        };
        return vec![Span::styled(
            format!(" INVALID, not timed: {}", visible(&why)),
            style(paint, app.depth),
        )];
    }
    let num = |v: Option<f64>, f: fn(f64) -> String| v.map_or("-".to_string(), f);
    let spread = r.mad_pct.map_or("-".into(), |p| format!("{p:.1}%"));
    let ratio = r.ratio.map_or("-".into(), |x| format!("{x:.2}x"));
    let text = format!(
        " {:>10} {:>7} {:>7} {:>8} {:>9} {:>7} ",
        num(r.median_ns, ns),
        spread,
        num(r.allocs_per_op, per_op),
        num(r.bytes_per_op, per_op),
        num(r.mb_per_s, |m| format!("{m:.0}")),
        ratio
    );
    let bar_len = r.ratio.map_or(0, |x| {
        ((x / max_ratio) * BAR as f64).round().max(1.0) as usize
    });
    let unstable = if r.unstable { " unstable" } else { "" };
    vec![
        Span::styled(text, fg(app, s.text)),
        Span::styled("▇".repeat(bar_len), fg(app, s.heading3)),
        Span::styled(unstable.to_string(), fg(app, s.warning)),
    ]
}

fn footer<'a>(app: &App, panel: &'a BenchPanel) -> Vec<Line<'a>> {
    let s = &app.theme().slots;
    let muted = fg(app, s.muted);
    let mut lines = Vec::new();
    if let Some(error) = &panel.error {
        let paint = Paint {
            fg: s.error,
            bold: true,
            ..Paint::default()
        };
        lines.push(Line::styled(
            format!("E {}", visible(error)),
            style(paint, app.depth),
        ));
    }
    if let Some(report) = panel.report.as_ref().filter(|_| panel.running.is_none()) {
        lines.push(Line::styled(
            format!(
                "ratio to {}; ± is the spread (MAD); {:.1} s; {} saves a baseline",
                report.reference.name(),
                report.elapsed_s,
                app.key(Scope::Bench, Action::SaveBaseline)
            ),
            muted,
        ));
        if let Some(err) = &report.input_error {
            lines.push(Line::styled(
                format!("no variant accepts the input: {err}"),
                fg(app, s.error),
            ));
        }
    }
    if let Some(cmp) = &panel.comparison {
        for line in crate::bench::text::comparison(cmp).lines() {
            lines.push(Line::styled(visible(line).into_owned(), muted));
        }
    }
    if panel.report.is_none() && panel.running.is_none() {
        lines.push(Line::styled(
            format!(
                "{} runs the benchmark; {} picks variants; {} picks the input",
                app.key(Scope::Bench, Action::Start),
                app.key(Scope::Bench, Action::ToggleVariant),
                app.key(Scope::Bench, Action::NextInput)
            ),
            muted,
        ));
    }
    lines
}

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Validating => "validating",
        Phase::CountingAllocations => "counting allocations",
        Phase::Calibrating => "calibrating",
        Phase::WarmingUp => "warming up",
        Phase::Sampling => "sampling",
        Phase::Done => "done",
    }
}
