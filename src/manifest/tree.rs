//! The loaded index as a tree: each entry classified into a group, attestations linked to the
//! entries they attest, nested indexes read and recursed into (up to [`MAX_DEPTH`]), and
//! platform-less manifests read far enough to learn their config's platform.

use std::cell::Cell;

use serde::Serialize;

use super::child::{self, ImageView};
use super::digest::Verification;
use super::media::{self, MediaKind};
use super::model::{Descriptor, Document};
use super::provider::{Control, FetchError, Provider};

/// Nested indexes are followed at most this many levels below the root.
pub const MAX_DEPTH: usize = 4;
/// At most this many child documents are read while loading one source.
pub const MAX_CHILD_READS: usize = 64;

/// Annotation naming what kind of reference a BuildKit metadata entry is.
pub const REFERENCE_TYPE: &str = "vnd.docker.reference.type";
/// Annotation naming the digest of the entry a metadata entry belongs to.
pub const REFERENCE_DIGEST: &str = "vnd.docker.reference.digest";

/// The group an index entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// An image manifest with a real platform: something a client can pull and run.
    Runnable,
    /// A BuildKit attestation manifest (`unknown/unknown`, reference type
    /// `attestation-manifest`).
    Attestation,
    /// Anything else without a usable platform: no `platform`, `unknown/unknown` of another
    /// kind, or a media type that is not a manifest.
    Other,
    /// An index inside the index.
    NestedIndex,
}

impl Group {
    /// All groups in display order.
    pub const ALL: [Group; 4] = [
        Group::Runnable,
        Group::Attestation,
        Group::NestedIndex,
        Group::Other,
    ];

    /// A heading for people.
    pub fn title(self) -> &'static str {
        match self {
            Group::Runnable => "runnable platforms",
            Group::Attestation => "attestation manifests",
            Group::Other => "other entries without a platform",
            Group::NestedIndex => "nested indexes",
        }
    }
}

/// Where an attestation's `vnd.docker.reference.digest` leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// To the entry at this position of the same index.
    To(usize),
    /// To a digest that no entry of the index has.
    Dangling(String),
    /// The annotation is missing.
    Unstated,
}

/// What was read of the content an entry points to.
#[derive(Debug, Clone, PartialEq)]
pub enum Child {
    /// Nothing was read (not needed, or the source holds one document).
    NotRead,
    /// A nested index, loaded.
    Index(Box<Node>),
    /// An image manifest and its config, read to learn its platform.
    Image(Box<ImageView>),
    /// Reading failed; the message says why.
    Failed(String),
    /// Not followed: deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Not followed: [`MAX_CHILD_READS`] documents were already read.
    OverBudget,
}

/// One entry of an index.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Positions from the root index down to this entry (`[2, 0]` is entry 0 of nested #2).
    pub path: Vec<usize>,
    /// The descriptor as written.
    pub descriptor: Descriptor,
    /// Its group.
    pub group: Group,
    /// For attestations, the entry attested.
    pub attests: Option<Link>,
    /// What was read of its content.
    pub child: Child,
}

impl Entry {
    /// The position within its own index.
    pub fn position(&self) -> usize {
        self.path.last().copied().unwrap_or(0)
    }

    /// The path as people read it: `#2` or `#2.0`.
    pub fn label(&self) -> String {
        label(&self.path)
    }
}

/// `#2` or `#2.0` for a path.
pub fn label(path: &[usize]) -> String {
    let parts: Vec<String> = path.iter().map(usize::to_string).collect();
    format!("#{}", parts.join("."))
}

/// A loaded document with its verification and, for an index, its classified entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The document and its exact bytes.
    pub document: Document,
    /// The digests checked for it.
    pub verification: Verification,
    /// The `Content-Type` the registry sent, if it came from a registry.
    pub content_type: Option<String>,
    /// The descriptor that named this document, if one did (nested indexes, layout tags).
    pub named_by: Option<Descriptor>,
    /// The entries, empty for an image manifest.
    pub entries: Vec<Entry>,
}

impl Node {
    /// Every entry, depth first, with nested indexes' entries right after the nested index.
    pub fn walk(&self) -> Vec<&Entry> {
        let mut out = Vec::new();
        for e in &self.entries {
            out.push(e);
            if let Child::Index(n) = &e.child {
                out.extend(n.walk());
            }
        }
        out
    }

    /// This index's own entries split into groups, in [`Group::ALL`] order, empty groups left out.
    pub fn grouped(&self) -> Vec<(Group, Vec<&Entry>)> {
        Group::ALL
            .iter()
            .map(|g| {
                (
                    *g,
                    self.entries
                        .iter()
                        .filter(|e| e.group == *g)
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }

    /// The entry at `path` (positions from this node down).
    pub fn entry(&self, path: &[usize]) -> Option<&Entry> {
        let (first, rest) = path.split_first()?;
        let e = self.entries.get(*first)?;
        if rest.is_empty() {
            return Some(e);
        }
        match &e.child {
            Child::Index(n) => n.entry(rest),
            _ => None,
        }
    }
}

/// Classifies one descriptor.
pub fn group_of(d: &Descriptor) -> Group {
    match (media::kind_of(&d.media_type), &d.platform) {
        (MediaKind::Index, _) => Group::NestedIndex,
        (_, Some(p))
            if p.is_unknown() && d.annotation(REFERENCE_TYPE) == Some("attestation-manifest") =>
        {
            Group::Attestation
        }
        (MediaKind::Manifest, Some(p)) if !p.is_unknown() => Group::Runnable,
        _ => Group::Other,
    }
}

/// Reads children while a tree is built, within the depth and read limits.
pub struct Loader<'a> {
    provider: &'a dyn Provider,
    ctl: Control<'a>,
    reads_left: Cell<usize>,
}

impl<'a> Loader<'a> {
    /// A loader reading from `provider`.
    pub fn new(provider: &'a dyn Provider, ctl: Control<'a>) -> Self {
        Self {
            provider,
            ctl,
            reads_left: Cell::new(MAX_CHILD_READS),
        }
    }

    /// Builds the node for a document at `depth` (0 for the root). Only cancellation fails it;
    /// every other problem is recorded on the entry it concerns.
    pub fn node(
        &self,
        document: Document,
        verification: Verification,
        path: Vec<usize>,
        depth: usize,
    ) -> Result<Node, FetchError> {
        let manifests = document
            .index()
            .map(|i| i.manifests.clone())
            .unwrap_or_default();
        let mut entries = Vec::with_capacity(manifests.len());
        for (i, d) in manifests.iter().enumerate() {
            let mut p = path.clone();
            p.push(i);
            let group = group_of(d);
            let attests = (group == Group::Attestation).then(|| link(d, &manifests));
            let child = self.child(d, group, &p, depth)?;
            entries.push(Entry {
                path: p,
                descriptor: d.clone(),
                group,
                attests,
                child,
            });
        }
        Ok(Node {
            document,
            verification,
            content_type: None,
            named_by: None,
            entries,
        })
    }

    fn child(
        &self,
        d: &Descriptor,
        group: Group,
        path: &[usize],
        depth: usize,
    ) -> Result<Child, FetchError> {
        let wanted = match group {
            Group::NestedIndex => true,
            Group::Other => {
                d.platform.is_none() && media::kind_of(&d.media_type) == MediaKind::Manifest
            }
            _ => false,
        };
        if !wanted || !self.provider.has_children() {
            return Ok(Child::NotRead);
        }
        if group == Group::NestedIndex && depth + 1 > MAX_DEPTH {
            return Ok(Child::TooDeep);
        }
        if self.reads_left.get() == 0 {
            return Ok(Child::OverBudget);
        }
        self.reads_left.set(self.reads_left.get() - 1);
        match self.read(d, path, depth) {
            Err(FetchError::Cancelled) => Err(FetchError::Cancelled),
            Err(e) => Ok(Child::Failed(e.to_string())),
            Ok(c) => Ok(c),
        }
    }

    fn read(&self, d: &Descriptor, path: &[usize], depth: usize) -> Result<Child, FetchError> {
        let (document, verification, content_type) =
            child::read_document(self.provider, d, &self.ctl)?;
        if document.index().is_some() {
            let mut node = self.node(document, verification, path.to_vec(), depth + 1)?;
            node.content_type = content_type;
            node.named_by = Some(d.clone());
            return Ok(Child::Index(Box::new(node)));
        }
        let view = child::image_view(self.provider, d, document, verification, &self.ctl)?;
        Ok(Child::Image(Box::new(view)))
    }
}

fn link(d: &Descriptor, siblings: &[Descriptor]) -> Link {
    match d.annotation(REFERENCE_DIGEST) {
        None => Link::Unstated,
        Some(target) => match siblings.iter().position(|s| s.digest == target) {
            Some(i) => Link::To(i),
            None => Link::Dangling(target.to_string()),
        },
    }
}
