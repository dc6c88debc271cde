//! A loaded source: the document tree with its findings, and the way back to the source for
//! drilling into entries.

use std::sync::Arc;

use super::child::{self, Drilled, ImageView};
use super::digest::Verification;
use super::findings::{self, Finding, Kind};
use super::model::{Descriptor, Document};
use super::platform::Platform;
use super::platform::matcher::Rules;
use super::provider::{Control, FetchError, Fetched, Provider};
use super::select::{Selection, select};
use super::source::InspectError;
use super::source::registry::RateLimit;
use super::tree::{Loader, Node};

/// A loaded source: the document tree, its findings, and the way back to the source for
/// drilling into entries. Matching is separate ([`Inspection::select`]) so the target platform
/// can change without reading anything again.
pub struct Inspection {
    /// The source as named in output.
    pub source: String,
    /// The root document with its entries (nested indexes loaded).
    pub root: Node,
    /// When the root is a single image manifest: it, with its config.
    pub root_image: Option<ImageView>,
    /// Findings for the whole tree, errors first.
    pub findings: Vec<Finding>,
    /// Docker Hub's rate-limit headers, when the registry sent them.
    pub rate_limit: Option<RateLimit>,
    /// Notes from the source (unsupported credential helpers, HTTP fallback).
    pub notes: Vec<String>,
    /// True when the root is an OCI layout's `index.json` (its entries are tags).
    pub layout_index: bool,
    provider: Arc<dyn Provider>,
}

impl std::fmt::Debug for Inspection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inspection")
            .field("source", &self.source)
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl Inspection {
    /// Matches a target platform under one rule set.
    pub fn select(&self, target: &Platform, rules: Rules) -> Selection {
        select(&self.root, self.root_image.as_ref(), target, rules)
    }

    /// True when some digest did not match its bytes (the command exits 1).
    pub fn verification_failed(&self) -> bool {
        self.findings.iter().any(|f| f.kind == Kind::DigestMismatch)
    }

    /// The source, for reading children on a job thread.
    pub fn provider(&self) -> Arc<dyn Provider> {
        Arc::clone(&self.provider)
    }

    /// The descriptor of the entry at `path`.
    pub fn descriptor(&self, path: &[usize]) -> Option<&Descriptor> {
        self.root.entry(path).map(|e| &e.descriptor)
    }

    /// Reads the entry at `path` from the same source: its layers, total size and config, or
    /// its entries when it is an index. Blocking: call it from a worker thread.
    pub fn drill(&self, path: &[usize], ctl: &Control) -> Result<Drilled, FetchError> {
        let d = self.descriptor(path).ok_or_else(|| {
            FetchError::NotFound(format!("no entry {}", super::tree::label(path)))
        })?;
        child::drill(&*self.provider, d, path, ctl)
    }
}

/// The root document as read, before parsing.
pub(crate) struct Root {
    pub(crate) name: String,
    pub(crate) fetched: Fetched,
    pub(crate) expected: Option<String>,
    pub(crate) named_by: Option<Descriptor>,
    pub(crate) layout_index: bool,
}

impl Root {
    pub(crate) fn plain(name: &str, bytes: Vec<u8>) -> Self {
        Self::fetched(
            name,
            Fetched {
                bytes,
                ..Fetched::default()
            },
        )
    }

    pub(crate) fn fetched(name: &str, fetched: Fetched) -> Self {
        Self {
            name: name.to_string(),
            fetched,
            expected: None,
            named_by: None,
            layout_index: false,
        }
    }
}

pub(crate) fn build(
    root: Root,
    provider: Arc<dyn Provider>,
    ctl: &Control,
) -> Result<Inspection, InspectError> {
    let Fetched {
        bytes,
        content_type,
        header_digest,
    } = root.fetched;
    let verification =
        Verification::check(&bytes, root.expected.as_deref(), header_digest.as_deref());
    let hint = content_type
        .clone()
        .or_else(|| root.named_by.as_ref().map(|d| d.media_type.clone()));
    let document = Document::parse(&root.name, bytes, hint.as_deref())?;
    let mut node = Loader::new(&*provider, *ctl).node(document, verification, Vec::new(), 0)?;
    node.content_type = content_type;
    node.named_by = root.named_by;
    let root_image = root_image(&node, &*provider, ctl)?;
    let mut findings = findings::check_tree(&node, root.layout_index);
    if let Some(view) = &root_image {
        findings.extend(findings::check_root_image(view));
        findings.sort_by_key(|f| f.level);
    }
    Ok(Inspection {
        source: root.name,
        root: node,
        root_image,
        findings,
        rate_limit: None,
        notes: Vec::new(),
        layout_index: root.layout_index,
        provider,
    })
}

/// For a root that is an image manifest, reads its config (when the source can).
fn root_image(
    node: &Node,
    provider: &dyn Provider,
    ctl: &Control,
) -> Result<Option<ImageView>, InspectError> {
    if node.document.manifest().is_none() || !provider.has_children() {
        return Ok(None);
    }
    let d = node.named_by.clone().unwrap_or_else(|| Descriptor {
        media_type: node.document.media_type().to_string(),
        digest: node.document.digest.to_string(),
        size: node.document.bytes.len() as i64,
        ..Descriptor::default()
    });
    let view = child::image_view(
        provider,
        &d,
        node.document.clone(),
        node.verification.clone(),
        ctl,
    )?;
    Ok(Some(view))
}
