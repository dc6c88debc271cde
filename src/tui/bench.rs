//! The Bench panel's state: the input and variants to run, a run in progress (with its
//! throttled progress), and the finished report with its baseline comparison. The run itself
//! happens on a job thread (see [`start`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use super::event::Msg;
use crate::bench::baseline::{self, Comparison};
use crate::bench::progress::{Phase, Progress};
use crate::bench::{self, BenchConfig, BenchError, Input, Mode, Report};
use crate::headers::Variant;

/// Progress messages closer together than this are dropped (phase changes always pass), so a
/// run does not make a slow machine spend its time drawing.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// What a benchmark job reports.
#[derive(Debug)]
pub enum BenchMsg {
    /// Progress of job `0`.
    Progress(u64, Progress),
    /// Job `0` finished.
    Done(u64, Box<Result<Report, BenchError>>),
}

/// A benchmark run the update step started and the loop runs.
#[derive(Debug, Clone)]
pub struct BenchJob {
    /// The run's id; results of other ids are dropped.
    pub job: u64,
    /// Raised to cancel it.
    pub cancel: Arc<AtomicBool>,
    /// What to run.
    pub config: BenchConfig,
}

impl PartialEq for BenchJob {
    fn eq(&self, other: &Self) -> bool {
        self.job == other.job
    }
}

/// Where one variant stands during a run.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct VariantProgress {
    /// 0.0 to 1.0.
    pub fraction: f64,
    /// The median so far.
    pub median_ns: Option<f64>,
}

/// A run in progress.
#[derive(Debug)]
pub struct Running {
    /// Per variant.
    pub variants: HashMap<Variant, VariantProgress>,
    /// The current phase.
    pub phase: Phase,
    /// Estimated time left.
    pub eta: Option<Duration>,
    cancel: Arc<AtomicBool>,
}

/// The panel's state.
#[derive(Debug)]
pub struct BenchPanel {
    /// The inputs to choose from: the built-in requests, then any a note sent.
    pub inputs: Vec<Input>,
    /// Index of the chosen input.
    pub input: usize,
    /// Every variant, and whether it runs.
    pub variants: Vec<(Variant, bool)>,
    /// Position of the cursor in `variants`.
    pub cursor: usize,
    /// Quick or full run.
    pub mode: Mode,
    /// The run in progress.
    pub running: Option<Running>,
    /// The last finished run.
    pub report: Option<Report>,
    /// Its comparison with the saved baseline of the same input, when there is one.
    pub comparison: Option<Comparison>,
    /// Why the last run failed.
    pub error: Option<String>,
    /// The machine and build, detected once when the panel is made.
    pub environment: String,
    /// The text of the open "input file" prompt.
    pub file_prompt: Option<String>,
    data_dir: PathBuf,
    job: u64,
}

impl BenchPanel {
    /// A panel with the built-in inputs; baselines live under `data_dir`.
    pub fn new(data_dir: &Path) -> BenchPanel {
        let inputs = Input::builtin_names()
            .filter_map(Input::builtin)
            .collect::<Vec<_>>();
        let browser = inputs.iter().position(|i| i.name == "browser").unwrap_or(0);
        BenchPanel {
            inputs,
            input: browser,
            variants: Variant::ALL.iter().map(|v| (*v, true)).collect(),
            cursor: 0,
            mode: Mode::Quick,
            running: None,
            report: None,
            comparison: None,
            error: None,
            environment: crate::bench::env::Environment::detect().summary(),
            file_prompt: None,
            data_dir: data_dir.to_path_buf(),
            job: 0,
        }
    }

    /// Adds an input from a note's `http` block and selects it.
    pub fn add_input(&mut self, input: Input) {
        self.inputs.retain(|i| i.name != input.name);
        self.inputs.push(input);
        self.input = self.inputs.len() - 1;
        self.report = None;
        self.comparison = None;
    }

    /// The chosen input.
    pub fn current_input(&self) -> Option<&Input> {
        self.inputs.get(self.input)
    }

    /// The baseline name for the chosen input.
    pub fn baseline_name(&self) -> String {
        let name = self.current_input().map_or("input", |i| i.name.as_str());
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        format!("panel-{safe}")
    }

    /// The run's configuration, or why it cannot run.
    pub fn config(&self) -> Result<BenchConfig, String> {
        let input = self.current_input().cloned().ok_or("no input")?;
        let variants: Vec<Variant> = self
            .variants
            .iter()
            .filter(|(_, on)| *on)
            .map(|(v, _)| *v)
            .collect();
        if variants.is_empty() {
            return Err("no variant chosen: pick one first".into());
        }
        let mut config = BenchConfig::new(input);
        config.variants = variants;
        config.mode = self.mode;
        Ok(config)
    }

    /// Marks a run of `config` as started; the loop runs the returned job.
    pub fn begin(&mut self, config: BenchConfig) -> BenchJob {
        self.cancel();
        self.job += 1;
        let cancel = Arc::new(AtomicBool::new(false));
        self.running = Some(Running {
            variants: HashMap::new(),
            phase: Phase::Validating,
            eta: None,
            cancel: cancel.clone(),
        });
        self.error = None;
        // A new run replaces the last one: nothing of it may be saved or compared meanwhile.
        self.report = None;
        self.comparison = None;
        BenchJob {
            job: self.job,
            cancel,
            config,
        }
    }

    /// Cancels the run in progress.
    pub fn cancel(&mut self) -> bool {
        match self.running.take() {
            Some(run) => {
                run.cancel.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    /// Applies a job message; messages of older jobs are dropped.
    pub fn apply(&mut self, msg: BenchMsg) {
        match msg {
            BenchMsg::Progress(job, p) if job == self.job => {
                if let Some(run) = self.running.as_mut() {
                    run.phase = p.phase;
                    run.eta = p.eta;
                    if let Some(v) = p.variant {
                        let entry = run.variants.entry(v).or_default();
                        entry.fraction = p.fraction;
                        entry.median_ns = p.running_median_ns.or(entry.median_ns);
                    }
                }
            }
            BenchMsg::Done(job, result) if job == self.job => {
                self.running = None;
                match *result {
                    Ok(report) => {
                        self.comparison = baseline::load(&self.data_dir, &self.baseline_name())
                            .ok()
                            .map(|b| baseline::compare(&b, &report));
                        self.report = Some(report);
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            _ => {}
        }
    }

    /// Saves the last report as the chosen input's baseline.
    /// Known shortcoming: the file is written on the UI thread (it is small, and written once
    /// per key press).
    pub fn save_baseline(&self) -> Result<String, String> {
        let report = self.report.as_ref().ok_or("no finished run to save")?;
        let name = self.baseline_name();
        let path = baseline::save(&self.data_dir, &name, report).map_err(|e| e.to_string())?;
        Ok(format!("saved baseline {name} to {}", path.display()))
    }
}

/// Runs `config` on a job thread, sending throttled progress and the report.
pub fn start(run: BenchJob, tx: &Sender<Msg>) {
    let BenchJob {
        job,
        cancel,
        config,
    } = run;
    let sender = tx.clone();
    super::jobs::spawn_guarded("bench", tx, move || {
        let tx = sender;
        {
            // Throttled per variant: the runner reports every variant in one burst per round.
            let mut last: HashMap<(Option<Variant>, Phase), Instant> = HashMap::new();
            let progress_tx = tx.clone();
            let mut sink = |p: Progress| {
                let now = Instant::now();
                let key = (p.variant, p.phase);
                let due = p.phase == Phase::Done
                    || last
                        .get(&key)
                        .is_none_or(|at| now.duration_since(*at) >= PROGRESS_EVERY);
                if due {
                    last.insert(key, now);
                    let _ = progress_tx.send(Msg::Bench(BenchMsg::Progress(job, p)));
                }
            };
            let result = bench::run(&config, &mut sink, &cancel);
            let _ = tx.send(Msg::Bench(BenchMsg::Done(job, Box::new(result))));
        }
    });
}
