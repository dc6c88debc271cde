//! The Manifest panel's state: a loaded index, the target platform and rule set, the choice
//! and reasons derived from them, and an entry drilled into. Loading and drilling run on job
//! threads; their results arrive as messages.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

use super::event::Msg;
use crate::manifest::platform::{self, host};
use crate::manifest::{
    Control, Drilled, FetchError, InspectError, InspectOptions, Inspection, Platform, Progress,
    Rules, Selection, SourceSpec, child, disagreement, inspect, select,
};

/// What a manifest job reports.
#[derive(Debug)]
pub enum ManifestMsg {
    /// A progress line.
    Progress(u64, String),
    /// A source finished loading.
    Loaded(u64, Box<Result<Inspection, InspectError>>),
    /// An entry was drilled into.
    Drilled(u64, Vec<usize>, Box<Result<Drilled, FetchError>>),
}

/// The work of a manifest job.
#[derive(Clone)]
pub enum ManifestWork {
    /// Load a source, reaching registries as the options say.
    Load(SourceSpec, Box<InspectOptions>),
    /// Inspect a document held in memory.
    Document(String, Vec<u8>),
    /// Read an entry's child from the loaded source.
    Drill {
        /// Where the source's documents come from.
        provider: Arc<dyn crate::manifest::provider::Provider>,
        /// The entry's descriptor.
        descriptor: crate::manifest::Descriptor,
        /// The entry's path.
        path: Vec<usize>,
    },
}

/// A manifest job the update step started and the loop runs.
#[derive(Clone)]
pub struct ManifestJob {
    /// The job's id; results of other ids are dropped.
    pub job: u64,
    /// Raised to cancel it.
    pub cancel: Arc<AtomicBool>,
    /// What to do.
    pub work: ManifestWork,
}

impl std::fmt::Debug for ManifestJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.work {
            ManifestWork::Load(spec, _) => format!("load {}", spec.describe()),
            ManifestWork::Document(name, _) => format!("document {name}"),
            ManifestWork::Drill { path, .. } => format!("drill {path:?}"),
        };
        write!(f, "ManifestJob({}, {kind})", self.job)
    }
}

impl PartialEq for ManifestJob {
    fn eq(&self, other: &Self) -> bool {
        self.job == other.job
    }
}

/// Runs a manifest job on a thread; its result arrives as a [`Msg::Manifest`].
pub fn run(job: ManifestJob, tx: &Sender<Msg>) {
    let ManifestJob {
        job: id,
        cancel,
        work,
    } = job;
    spawn(
        tx,
        move |ctl| match work {
            ManifestWork::Load(spec, options) => {
                ManifestMsg::Loaded(id, Box::new(inspect(&spec, &options, ctl)))
            }
            ManifestWork::Document(name, bytes) => {
                let result = crate::manifest::source::inspect_document(&name, bytes, ctl);
                ManifestMsg::Loaded(id, Box::new(result))
            }
            ManifestWork::Drill {
                provider,
                descriptor,
                path,
            } => {
                let result = child::drill(&*provider, &descriptor, &path, ctl);
                ManifestMsg::Drilled(id, path, Box::new(result))
            }
        },
        id,
        cancel,
    );
}

/// What a Manifest text prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestInput {
    /// A target platform (`linux/arm/v7`).
    Platform,
    /// A source: a path, `oci:DIR[:TAG]` or a registry reference.
    Source,
}

/// The panel's state.
#[derive(Debug)]
pub struct ManifestPanel {
    /// What is loaded and shown.
    pub source: String,
    /// What was asked for last; it becomes `source` once it loads.
    pub requested: String,
    /// The loaded index.
    pub inspection: Option<Inspection>,
    /// Why the last load failed.
    pub error: Option<String>,
    /// The last progress line while a job runs.
    pub progress: Option<String>,
    /// The target platform.
    pub target: Platform,
    /// True while the target is the host's.
    pub from_host: bool,
    /// The rule set the choice follows.
    pub rules: Rules,
    /// The choice under `rules`.
    pub selection: Option<Selection>,
    /// When the other rule set chooses differently, a sentence saying how.
    pub disagreement: Option<String>,
    /// Entry paths in table order.
    pub rows: Vec<Vec<usize>>,
    /// Position of the cursor in `rows`.
    pub cursor: usize,
    /// The entry drilled into, and what came back.
    pub drilled: Option<(Vec<usize>, Result<Drilled, String>)>,
    /// An open text prompt.
    pub input: Option<(ManifestInput, String)>,
    /// How registries are reached (from the config's `[registry]`).
    pub options: InspectOptions,
    job: u64,
    cancel: Option<Arc<AtomicBool>>,
}

impl ManifestPanel {
    /// A panel targeting the host's platform, with nothing loaded yet.
    pub fn new() -> ManifestPanel {
        ManifestPanel {
            source: String::new(),
            requested: String::new(),
            inspection: None,
            error: None,
            progress: None,
            target: host::host_platform(),
            from_host: true,
            rules: Rules::Containerd,
            selection: None,
            disagreement: None,
            rows: Vec::new(),
            cursor: 0,
            drilled: None,
            input: None,
            options: InspectOptions::default(),
            job: 0,
            cancel: None,
        }
    }

    /// A panel with the built-in sample loaded (embedded, so no thread is needed).
    pub fn with_sample() -> ManifestPanel {
        let mut panel = ManifestPanel::new();
        let cancel = AtomicBool::new(false);
        let quiet = |_: Progress| {};
        let result = inspect(
            &SourceSpec::Sample,
            &InspectOptions::default(),
            &Control::new(&cancel, &quiet),
        );
        panel.requested = SourceSpec::Sample.describe();
        panel.cancel = Some(Arc::new(AtomicBool::new(false)));
        panel.apply(ManifestMsg::Loaded(panel.job, Box::new(result)));
        panel
    }

    /// True while a load or drill runs.
    pub fn busy(&self) -> bool {
        self.cancel.is_some()
    }

    /// Marks a load of `spec` as started; the loop runs the returned job.
    pub fn begin_load(&mut self, spec: SourceSpec) -> ManifestJob {
        self.requested = spec.describe();
        self.begin(ManifestWork::Load(spec, Box::new(self.options.clone())))
    }

    /// Marks the inspection of a document held in memory (a note's `json` block) as started.
    pub fn begin_document(&mut self, name: String, bytes: Vec<u8>) -> ManifestJob {
        self.requested = name.clone();
        self.begin(ManifestWork::Document(name, bytes))
    }

    /// Marks a drill into the entry under the cursor as started.
    pub fn begin_drill(&mut self) -> Option<ManifestJob> {
        let path = self.rows.get(self.cursor).cloned()?;
        let inspection = self.inspection.as_ref()?;
        let descriptor = inspection.descriptor(&path).cloned()?;
        let provider = inspection.provider();
        Some(self.begin(ManifestWork::Drill {
            provider,
            descriptor,
            path,
        }))
    }

    fn begin(&mut self, work: ManifestWork) -> ManifestJob {
        let job = self.start_job();
        let cancel = self.cancel.clone().unwrap_or_default();
        ManifestJob { job, cancel, work }
    }

    fn start_job(&mut self) -> u64 {
        self.cancel_job();
        self.job += 1;
        self.cancel = Some(Arc::new(AtomicBool::new(false)));
        self.progress = Some("starting".into());
        self.job
    }

    /// Cancels the running job, if any.
    pub fn cancel_job(&mut self) {
        if let Some(flag) = self.cancel.take() {
            flag.store(true, Ordering::Relaxed);
        }
        self.progress = None;
    }

    /// Applies a job's message; stale jobs' messages are dropped.
    pub fn apply(&mut self, msg: ManifestMsg) {
        match msg {
            ManifestMsg::Progress(job, line) if job == self.job && self.busy() => {
                self.progress = Some(line)
            }
            ManifestMsg::Loaded(job, result) if job == self.job => {
                self.cancel = None;
                self.progress = None;
                self.drilled = None;
                match *result {
                    Ok(inspection) => {
                        self.error = None;
                        self.source = std::mem::take(&mut self.requested);
                        self.rows = inspection
                            .root
                            .walk()
                            .iter()
                            .map(|e| e.path.clone())
                            .collect();
                        self.inspection = Some(inspection);
                        self.cursor = 0;
                        self.reselect();
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            ManifestMsg::Drilled(job, path, result) if job == self.job => {
                self.cancel = None;
                self.progress = None;
                self.drilled = Some((path, (*result).map_err(|e| e.to_string())));
            }
            _ => {}
        }
    }

    /// Recomputes the choice for the target and rules (no fetching).
    pub fn reselect(&mut self) {
        let Some(inspection) = self.inspection.as_ref() else {
            return;
        };
        let target = select::target_for(self.rules, &self.target, self.from_host);
        let selection = inspection.select(&target, self.rules);
        let other_rules = match self.rules {
            Rules::Containerd => Rules::Literal,
            Rules::Literal => Rules::Containerd,
        };
        let other = inspection.select(
            &select::target_for(other_rules, &self.target, self.from_host),
            other_rules,
        );
        self.disagreement = match self.rules {
            Rules::Containerd => disagreement(&selection, &other),
            Rules::Literal => disagreement(&other, &selection),
        };
        if let Some(chosen) = selection.chosen.as_ref() {
            self.cursor = self
                .rows
                .iter()
                .position(|p| *p == chosen.path)
                .unwrap_or(self.cursor);
        }
        self.selection = Some(selection);
    }

    /// Sets the target platform from text (containerd's syntax).
    pub fn set_target(&mut self, text: &str) -> Result<(), String> {
        self.target = platform::parse(text.trim()).map_err(|e| e.to_string())?;
        self.from_host = false;
        self.reselect();
        Ok(())
    }

    /// Switches between containerd's rules and literal matching.
    pub fn toggle_rules(&mut self) {
        self.rules = match self.rules {
            Rules::Containerd => Rules::Literal,
            Rules::Literal => Rules::Containerd,
        };
        self.reselect();
    }

    /// Moves the cursor within the table.
    pub fn move_cursor(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.drilled = None;
    }

    /// The digest of the entry under the cursor.
    pub fn cursor_digest(&self) -> Option<String> {
        let path = self.rows.get(self.cursor)?;
        Some(self.inspection.as_ref()?.descriptor(path)?.digest.clone())
    }
}

impl Default for ManifestPanel {
    fn default() -> Self {
        ManifestPanel::new()
    }
}

fn spawn(
    tx: &Sender<Msg>,
    work: impl FnOnce(&Control<'_>) -> ManifestMsg + Send + 'static,
    job: u64,
    cancel: Arc<AtomicBool>,
) {
    let sender = tx.clone();
    super::jobs::spawn_guarded("manifest", tx, move || {
        let tx = sender;
        {
            let progress_tx = std::sync::Mutex::new(tx.clone());
            let report = move |p: Progress| {
                if let Ok(tx) = progress_tx.lock() {
                    let _ = tx.send(Msg::Manifest(ManifestMsg::Progress(job, p.to_string())));
                }
            };
            let ctl = Control::new(&cancel, &report);
            let _ = tx.send(Msg::Manifest(work(&ctl)));
        }
    });
}

/// True when `text` looks like a manifest list or image index (for a note's `json` block).
pub fn looks_like_index(text: &str) -> bool {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return false;
    };
    value
        .get("manifests")
        .is_some_and(serde_json::Value::is_array)
        || value
            .get("mediaType")
            .and_then(|m| m.as_str())
            .is_some_and(|m| m.contains("manifest.list") || m.contains("image.index"))
}
