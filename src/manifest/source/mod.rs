//! Sources and loading: what a SOURCE argument names, and reading it into an [`Inspection`].
//!
//! `-` is standard input; an existing path is a file, or an OCI layout when it is a folder;
//! `oci:DIR[:TAG]` names a layout explicitly; anything else is a registry reference; no
//! source at all is the built-in sample.

pub mod layout;
pub mod reference;
pub mod registry;
pub mod sample;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use self::layout::Layout;
use self::reference::Reference;
use self::registry::{Registry, RegistryOptions};
use self::sample::{SAMPLE_INDEX, SAMPLE_NAME, Sample};
use super::inspection::{Root, build};
use super::model::{DocumentError, ReadError, read_document_bytes};
use super::provider::{Control, FetchError, NoChildren, Progress, Provider, Want};
use crate::exit::Exit;

pub use super::inspection::Inspection;

/// What a SOURCE argument names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceSpec {
    /// No source: the built-in sample.
    Sample,
    /// `-`: standard input.
    Stdin,
    /// An existing file.
    File(PathBuf),
    /// An OCI layout folder, optionally with a tag.
    Layout {
        /// The folder.
        dir: PathBuf,
        /// The `org.opencontainers.image.ref.name` to open; None shows `index.json` itself.
        tag: Option<String>,
    },
    /// A registry reference.
    Registry(Reference),
}

impl SourceSpec {
    /// Interprets a SOURCE argument (None for no argument). An argument written like a path
    /// (`./x`, `/x`, `~/x`, `x.json`) that names nothing is an error, not a registry reference.
    pub fn parse(arg: Option<&str>) -> Result<Self, InspectError> {
        let Some(arg) = arg else {
            return Ok(Self::Sample);
        };
        if arg == "-" {
            return Ok(Self::Stdin);
        }
        if let Some(rest) = arg.strip_prefix("oci:") {
            let (dir, tag) = match rest.rsplit_once(':') {
                Some((d, t)) if !Path::new(rest).is_dir() && !d.is_empty() => {
                    (d, Some(t.to_string()))
                }
                _ => (rest, None),
            };
            return Ok(Self::Layout {
                dir: PathBuf::from(dir),
                tag,
            });
        }
        let path = Path::new(arg);
        if path.is_dir() {
            return Ok(Self::Layout {
                dir: path.to_path_buf(),
                tag: None,
            });
        }
        if path.exists() {
            return Ok(Self::File(path.to_path_buf()));
        }
        // Something written like a path is a path: a typo must not become a registry request
        // that sends a local file name over the network.
        let path_like = ["./", "../", "/", "~/"].iter().any(|p| arg.starts_with(p))
            || [".json", ".txt"]
                .iter()
                .any(|e| arg.to_ascii_lowercase().ends_with(e))
            || std::fs::symlink_metadata(path).is_ok();
        if path_like {
            return Err(InspectError::Usage(format!(
                "{arg}: no such file or folder"
            )));
        }
        Reference::parse(arg)
            .map(Self::Registry)
            .map_err(|e| InspectError::Usage(format!("no file or folder {arg:?} exists, and {e}")))
    }

    /// How the source is named in output.
    pub fn describe(&self) -> String {
        match self {
            Self::Sample => SAMPLE_NAME.to_string(),
            Self::Stdin => "stdin".to_string(),
            Self::File(p) => p.display().to_string(),
            Self::Layout { dir, tag: None } => format!("oci:{}", dir.display()),
            Self::Layout { dir, tag: Some(t) } => format!("oci:{}:{t}", dir.display()),
            Self::Registry(r) => r.to_string(),
        }
    }
}

/// Options for loading.
#[derive(Debug, Clone, Default)]
pub struct InspectOptions {
    /// How the registry client connects.
    pub registry: RegistryOptions,
}

/// Why a source could not be loaded at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InspectError {
    /// The SOURCE argument or an option is wrong.
    #[error("{0}")]
    Usage(String),
    /// The document is malformed or too large.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// Reading failed.
    #[error(transparent)]
    Fetch(#[from] FetchError),
}

impl InspectError {
    /// The exit status: 2 for bad input, 1 for something not found, 3 for I/O and network.
    pub fn exit(&self) -> Exit {
        match self {
            Self::Usage(_) | Self::Document(_) => Exit::Usage,
            Self::Fetch(FetchError::Document(_) | FetchError::Config(_)) => Exit::Usage,
            Self::Fetch(FetchError::NotFound(_)) => Exit::Failed,
            Self::Fetch(_) => Exit::Io,
        }
    }
}

impl From<ReadError> for InspectError {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Io(m) => Self::Fetch(FetchError::Io(m)),
            ReadError::Document(d) => Self::Document(d),
        }
    }
}

/// Loads a source. Blocking: the TUI calls it from a worker thread (see `worker`).
pub fn inspect(
    spec: &SourceSpec,
    opts: &InspectOptions,
    ctl: &Control,
) -> Result<Inspection, InspectError> {
    ctl.report(Progress::Opening(spec.describe()));
    match spec {
        SourceSpec::Sample => {
            let root = Root::plain(SAMPLE_NAME, SAMPLE_INDEX.to_vec());
            build(root, Arc::new(Sample::new()), ctl)
        }
        SourceSpec::Stdin => inspect_reader("stdin", &mut std::io::stdin().lock(), ctl),
        SourceSpec::File(path) => {
            let name = path.display().to_string();
            let mut file = crate::paths::open_regular(path)
                .map_err(|e| FetchError::Io(format!("{name}: cannot open: {e}")))?;
            inspect_reader(&name, &mut file, ctl)
        }
        SourceSpec::Layout { dir, tag } => inspect_layout(dir, tag.as_deref(), ctl),
        SourceSpec::Registry(r) => inspect_registry(r, &opts.registry, ctl),
    }
}

/// Loads one document from a reader (standard input, a pipe). Its children cannot be read.
pub fn inspect_reader(
    name: &str,
    reader: &mut dyn Read,
    ctl: &Control,
) -> Result<Inspection, InspectError> {
    let bytes = read_document_bytes(name, reader)?;
    inspect_document(name, bytes, ctl)
}

/// Loads one document held in memory (a note's fenced `json` block). Its children cannot be
/// read.
pub fn inspect_document(
    name: &str,
    bytes: Vec<u8>,
    ctl: &Control,
) -> Result<Inspection, InspectError> {
    let reason = format!("{name} holds one document only");
    build(
        Root::plain(name, bytes),
        Arc::new(NoChildren { reason }),
        ctl,
    )
}

fn inspect_layout(
    dir: &Path,
    tag: Option<&str>,
    ctl: &Control,
) -> Result<Inspection, InspectError> {
    let layout = Layout::open(dir)?;
    let root = match tag {
        None => {
            let (name, bytes) = layout.index_bytes()?;
            Root {
                layout_index: true,
                ..Root::plain(&name, bytes)
            }
        }
        Some(t) => {
            let d = layout.tagged(&layout.index()?, t)?;
            let fetched = layout.fetch(&d, Want::Manifest, ctl)?;
            let name = format!("oci:{}:{t}", dir.display());
            Root {
                expected: Some(d.digest.clone()),
                named_by: Some(d),
                ..Root::fetched(&name, fetched)
            }
        }
    };
    build(root, Arc::new(layout), ctl)
}

fn inspect_registry(
    r: &Reference,
    opts: &RegistryOptions,
    ctl: &Control,
) -> Result<Inspection, InspectError> {
    let registry = Arc::new(Registry::new(r.clone(), opts.clone())?);
    let fetched = registry.fetch_root(ctl)?;
    let root = Root {
        expected: r.digest.as_ref().map(|d| d.to_string()),
        ..Root::fetched(&r.to_string(), fetched)
    };
    let mut inspection = build(root, Arc::clone(&registry) as Arc<dyn Provider>, ctl)?;
    inspection.rate_limit = registry.rate_limit();
    inspection.notes = registry.notes();
    Ok(inspection)
}
