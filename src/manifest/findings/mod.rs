//! Findings: what is wrong or worth knowing about a loaded index, each with a level and a
//! reason people can act on.
//!
//! Messages hold text from the document as is; callers printing to a terminal pass them
//! through `crate::sanitize::visible` (JSON output escapes them).

mod checks;

use serde::Serialize;

use super::child::ImageView;
use super::tree::Node;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Something is broken: a digest or size that does not match, a malformed digest.
    Error,
    /// Something a client will trip over or silently resolve one way.
    Warning,
    /// Worth knowing, not wrong.
    Info,
}

impl Level {
    /// The word used in text and JSON output.
    pub fn word(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// What a finding is about, for filtering and for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The bytes do not hash to a digest that named them (exit status 1).
    DigestMismatch,
    /// Two entries have the same platform after normalisation.
    DuplicatePlatform,
    /// A manifest entry has no `platform`.
    MissingPlatform,
    /// A descriptor's media type differs from the document it names.
    MediaTypeMismatch,
    /// The registry's `Content-Type` differs from the document's media type.
    ContentTypeMismatch,
    /// A descriptor's platform differs from its image's config.
    ConfigMismatch,
    /// A descriptor's size differs from the bytes, or is not positive.
    SizeMismatch,
    /// A media type this tool does not know, or none.
    UnknownMediaType,
    /// A digest that breaks the grammar.
    MalformedDigest,
    /// An attestation that links to no entry of the index, or states no link.
    DanglingAttestation,
    /// An `unknown/unknown` entry that is not an attestation manifest.
    NotAnAttestation,
    /// A child could not be read, or was not read because of a limit.
    NotRead,
    /// A top-level `digest` key that is not the digest of the bytes.
    EmbeddedDigest,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// How serious it is.
    pub level: Level,
    /// What it is about.
    pub kind: Kind,
    /// The entry it concerns (`#2`, `#2.0`), or None for the document itself.
    pub entry: Option<String>,
    /// The reason, for people.
    pub message: String,
}

/// All findings for a loaded tree, errors first. `layout_index` marks a root that is an OCI
/// layout's `index.json`, whose entries are tags and never carry platforms.
pub fn check_tree(root: &Node, layout_index: bool) -> Vec<Finding> {
    let mut found = Vec::new();
    checks::node(&mut found, root, None, layout_index);
    found.sort_by_key(|f| f.level);
    found
}

/// Findings for a drilled image (verification, size, media type, config platform).
pub fn check_image(view: &ImageView, entry: Option<String>) -> Vec<Finding> {
    let mut found = Vec::new();
    checks::image(&mut found, view, entry, true);
    found
}

/// Findings for the config of a root image, whose own document the tree checks already.
pub(crate) fn check_root_image(view: &ImageView) -> Vec<Finding> {
    let mut found = Vec::new();
    checks::image(&mut found, view, None, false);
    found
}
