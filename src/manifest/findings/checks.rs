//! The checks behind [`super::check_tree`] and [`super::check_image`].

use std::collections::HashMap;

use super::{Finding, Kind, Level};
use crate::manifest::child::ImageView;
use crate::manifest::media::{self, MediaKind};
use crate::manifest::model::{Body, Descriptor, Document};
use crate::manifest::platform::Platform;
use crate::manifest::tree::{
    Child, Entry, Group, Link, MAX_CHILD_READS, MAX_DEPTH, Node, REFERENCE_TYPE,
};

/// Adds findings about one entry (or the document itself when `at` is None).
struct Scope<'a> {
    found: &'a mut Vec<Finding>,
    at: Option<String>,
}

impl Scope<'_> {
    fn add(&mut self, level: Level, kind: Kind, message: String) {
        self.found.push(Finding {
            level,
            kind,
            entry: self.at.clone(),
            message,
        });
    }

    /// "the document" / "document #2", "the image" / "image #2" for messages.
    fn name(&self, what: &str) -> String {
        self.at
            .as_ref()
            .map_or(format!("the {what}"), |e| format!("{what} {e}"))
    }
}

pub(super) fn node(found: &mut Vec<Finding>, node: &Node, at: Option<String>, layout_index: bool) {
    let mut s = Scope { found, at };
    let what = s.name("document");
    if !node.verification.ok {
        s.add(
            Level::Error,
            Kind::DigestMismatch,
            format!("{what}: {}", node.verification.describe()),
        );
    }
    if let Some(d) = &node.named_by {
        named_by(&mut s, d, &node.document);
    }
    if let (Some(sent), Some(declared)) = (&node.content_type, &node.document.declared_media_type)
        && media::essence(sent) != media::essence(declared)
    {
        let msg = format!("the registry sent Content-Type {sent} but {what} declares {declared}");
        s.add(Level::Warning, Kind::ContentTypeMismatch, msg);
    }
    embedded_digest(&mut s, &node.document, &what);
    duplicates(s.found, &node.entries);
    for e in &node.entries {
        entry(s.found, e, layout_index);
    }
}

fn embedded_digest(s: &mut Scope, doc: &Document, what: &str) {
    let Some(embedded) = &doc.embedded_digest else {
        return;
    };
    if *embedded == doc.digest.to_string() {
        return;
    }
    let msg = format!(
        "{what} carries a top-level \"digest\" key ({embedded}), which registries never store: \
         this is a tool's output, not the registry's bytes, which hash to {}",
        doc.digest
    );
    s.add(Level::Warning, Kind::EmbeddedDigest, msg);
}

/// Size and media type of a document against the descriptor that named it.
fn named_by(s: &mut Scope, d: &Descriptor, doc: &Document) {
    if d.size >= 0 && d.size as u64 != doc.bytes.len() as u64 {
        let msg = format!(
            "the descriptor says {} bytes, the document has {}",
            d.size,
            doc.bytes.len()
        );
        s.add(Level::Error, Kind::SizeMismatch, msg);
    }
    let body_kind = match doc.body {
        Body::Index(_) => MediaKind::Index,
        Body::Manifest(_) => MediaKind::Manifest,
    };
    let declared = doc.declared_media_type.as_deref();
    let mismatch = match declared {
        Some(t) => media::essence(t) != media::essence(&d.media_type),
        None => media::kind_of(&d.media_type) != body_kind,
    };
    if mismatch {
        let actual = declared.map_or_else(
            || {
                format!(
                    "{}-shaped with no mediaType",
                    if body_kind == MediaKind::Index {
                        "index"
                    } else {
                        "manifest"
                    }
                )
            },
            str::to_string,
        );
        let msg = format!(
            "the descriptor names media type {} but the document is {actual}",
            d.media_type
        );
        s.add(Level::Warning, Kind::MediaTypeMismatch, msg);
    }
}

fn duplicates(found: &mut Vec<Finding>, entries: &[Entry]) {
    let mut first: HashMap<String, &Entry> = HashMap::new();
    for e in entries.iter().filter(|e| e.group == Group::Runnable) {
        let Some(p) = &e.descriptor.platform else {
            continue;
        };
        let key = p.normalized().to_string();
        let Some(winner) = first.get(&key) else {
            first.insert(key, e);
            continue;
        };
        let (w, l) = (winner.label(), e.label());
        let message =
            format!("{w} and {l} are both {key} after normalisation; clients take the first ({w})");
        found.push(Finding {
            level: Level::Warning,
            kind: Kind::DuplicatePlatform,
            entry: Some(l),
            message,
        });
    }
}

fn entry(found: &mut Vec<Finding>, e: &Entry, layout_index: bool) {
    let mut s = Scope {
        found,
        at: Some(e.label()),
    };
    let d = &e.descriptor;
    if let Err(err) = d.parsed_digest() {
        s.add(
            Level::Error,
            Kind::MalformedDigest,
            format!("digest {:?} is malformed: {err}", d.digest),
        );
    }
    if d.size <= 0 {
        s.add(
            Level::Warning,
            Kind::SizeMismatch,
            format!("size {} is not a positive byte count", d.size),
        );
    }
    media_type(&mut s, d, layout_index);
    metadata(&mut s, e);
    let at = s.at.clone();
    child(s.found, e, at);
}

fn media_type(s: &mut Scope, d: &Descriptor, layout_index: bool) {
    if d.media_type.is_empty() {
        s.add(
            Level::Warning,
            Kind::UnknownMediaType,
            "no mediaType".to_string(),
        );
        return;
    }
    match media::kind_of(&d.media_type) {
        MediaKind::Blob | MediaKind::Unknown => {
            let msg = format!(
                "media type {} is not an image manifest or index; shown as is",
                d.media_type
            );
            s.add(Level::Info, Kind::UnknownMediaType, msg);
        }
        MediaKind::Manifest if d.platform.is_none() && layout_index => {
            let msg = "no platform: a layout tag entry; its platform comes from its config";
            s.add(Level::Info, Kind::MissingPlatform, msg.to_string());
        }
        MediaKind::Manifest if d.platform.is_none() => {
            let msg = "no platform: containerd takes it only when no entry with a platform matches, \
                       after reading its config; crane and oras skip it";
            s.add(Level::Warning, Kind::MissingPlatform, msg.to_string());
        }
        _ => {}
    }
}

/// unknown/unknown entries and attestation links.
fn metadata(s: &mut Scope, e: &Entry) {
    let d = &e.descriptor;
    if d.platform.as_ref().is_some_and(Platform::is_unknown) && e.group != Group::Attestation {
        let kind = d.annotation(REFERENCE_TYPE).unwrap_or("(none)");
        let msg = format!(
            "unknown/unknown with reference type {kind:?}: not an attestation manifest, and never selected"
        );
        s.add(Level::Info, Kind::NotAnAttestation, msg);
    }
    let msg = match &e.attests {
        Some(Link::Dangling(target)) => {
            format!("attestation points at {target}, which no entry of this index has")
        }
        Some(Link::Unstated) => {
            "attestation without vnd.docker.reference.digest: it attests nothing".into()
        }
        _ => return,
    };
    s.add(Level::Warning, Kind::DanglingAttestation, msg);
}

fn child(found: &mut Vec<Finding>, e: &Entry, at: Option<String>) {
    let message = match &e.child {
        Child::Index(n) => return node(found, n, at, false),
        Child::Image(view) => return image(found, view, at, true),
        Child::NotRead => return,
        Child::Failed(msg) => (Level::Warning, format!("could not be read: {msg}")),
        Child::TooDeep => (
            Level::Info,
            format!("nested deeper than {MAX_DEPTH} levels: not followed"),
        ),
        Child::OverBudget => (
            Level::Info,
            format!("not read: {MAX_CHILD_READS} documents were read already"),
        ),
    };
    found.push(Finding {
        level: message.0,
        kind: Kind::NotRead,
        entry: at,
        message: message.1,
    });
}

/// Findings for an image; `document` false skips the manifest's own checks (done elsewhere).
pub(super) fn image(
    found: &mut Vec<Finding>,
    view: &ImageView,
    at: Option<String>,
    document: bool,
) {
    let mut s = Scope { found, at };
    let what = s.name("image");
    if document {
        if !view.verification.ok {
            s.add(
                Level::Error,
                Kind::DigestMismatch,
                format!("{what}: {}", view.verification.describe()),
            );
        }
        named_by(&mut s, &view.named_by, &view.document);
    }
    let cfg = match &view.config {
        Err(msg) => {
            return s.add(
                Level::Warning,
                Kind::NotRead,
                format!("config of {what} could not be read: {msg}"),
            );
        }
        Ok(cfg) => cfg,
    };
    if !cfg.verification.ok {
        s.add(
            Level::Error,
            Kind::DigestMismatch,
            format!("config of {what}: {}", cfg.verification.describe()),
        );
    }
    if let Some(p) = &view.named_by.platform
        && !p.is_unknown()
        && disagree(p, &cfg.platform)
    {
        let msg = format!(
            "the index says {p} but the image's config says {}",
            cfg.platform
        );
        s.add(Level::Warning, Kind::ConfigMismatch, msg);
    }
}

/// os and architecture must agree after normalisation; variant and os.version only when the
/// config states them (configs often leave the variant out).
fn disagree(index: &Platform, config: &Platform) -> bool {
    let (a, b) = (index.normalized(), config.normalized());
    a.os != b.os
        || a.architecture != b.architecture
        || (!config.variant.is_empty() && a.variant != b.variant)
        || (!config.os_version.is_empty() && a.os_version != b.os_version)
}
