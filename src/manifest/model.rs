//! The documents: image indexes (Docker manifest lists and OCI indexes) and image manifests,
//! parsed with serde while the exact bytes are kept for digests.

use std::collections::BTreeMap;
use std::io::Read;

use serde::{Deserialize, Serialize};

use super::digest::Digest;
use super::media::{self, MediaKind};
use super::platform::Platform;

/// Documents above this size are refused (registries cap manifests at 4 MiB as well).
pub const MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;

/// A content descriptor: one entry of an index, or a manifest's config or layer.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    /// The media type of the content it points to (may be missing in broken documents).
    #[serde(default)]
    pub media_type: String,
    /// The digest as written; it is validated separately so a bad one is a finding.
    #[serde(default)]
    pub digest: String,
    /// The size in bytes as written.
    #[serde(default)]
    pub size: i64,
    /// The platform the content runs on, for index entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    /// Free-form annotations (attestation links live here).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// The artifact type, for OCI artifacts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artifact_type: Option<String>,
}

impl Descriptor {
    /// The parsed digest, or why it is malformed.
    pub fn parsed_digest(&self) -> Result<Digest, super::digest::DigestError> {
        Digest::parse(&self.digest)
    }

    /// The value of one annotation.
    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.annotations.get(key).map(String::as_str)
    }
}

/// A Docker manifest list or OCI image index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Index {
    /// The entries in document order.
    pub manifests: Vec<Descriptor>,
    /// Index-level annotations.
    pub annotations: BTreeMap<String, String>,
}

/// A Docker or OCI image manifest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImageManifest {
    /// The image config blob.
    pub config: Descriptor,
    /// The layers, bottom first.
    pub layers: Vec<Descriptor>,
    /// Manifest annotations.
    pub annotations: BTreeMap<String, String>,
}

/// What a document holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A list of manifests.
    Index(Index),
    /// One image.
    Manifest(Box<ImageManifest>),
}

/// A parsed document together with the exact bytes it was parsed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Where it came from, for messages (a path, `stdin`, a reference).
    pub source: String,
    /// The bytes as received.
    pub bytes: Vec<u8>,
    /// sha256 over `bytes`.
    pub digest: Digest,
    /// The `mediaType` field inside the document, if it has one.
    pub declared_media_type: Option<String>,
    /// A top-level `digest` key, which registries never store but some tools print.
    pub embedded_digest: Option<String>,
    /// The parsed content.
    pub body: Body,
}

/// Why bytes could not be taken as a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// Over [`MAX_DOCUMENT_BYTES`].
    #[error("{name}: the document is {}, over the {} MiB limit; refused", size.map_or("more than 4 MiB".to_string(), |s| format!("{s} bytes")), MAX_DOCUMENT_BYTES >> 20)]
    TooLarge {
        /// The source name.
        name: String,
        /// The size, when known.
        size: Option<u64>,
    },
    /// Not valid JSON, or JSON of the wrong shape.
    #[error("{name}:{line}:{column}: malformed JSON: {message}")]
    Json {
        /// The source name.
        name: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json said.
        message: String,
    },
    /// Valid JSON, but neither an index nor a manifest.
    #[error("{name}: {reason}")]
    NotAManifest {
        /// The source name.
        name: String,
        /// What is missing.
        reason: String,
    },
}

/// Every field either document kind may have, so one pass decides what the bytes are.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Shape {
    #[serde(default)]
    media_type: Option<String>,
    #[serde(default)]
    digest: Option<String>,
    #[serde(default)]
    manifests: Option<Vec<Descriptor>>,
    #[serde(default)]
    config: Option<Descriptor>,
    #[serde(default)]
    layers: Option<Vec<Descriptor>>,
    #[serde(default)]
    annotations: BTreeMap<String, String>,
}

impl Document {
    /// Parses `bytes`. `hint` is the media type something else claimed for it (the registry's
    /// `Content-Type` or the descriptor that named it), used only when the document does not
    /// say and its shape is ambiguous.
    pub fn parse(source: &str, bytes: Vec<u8>, hint: Option<&str>) -> Result<Self, DocumentError> {
        if bytes.len() > MAX_DOCUMENT_BYTES {
            let size = Some(bytes.len() as u64);
            return Err(DocumentError::TooLarge {
                name: source.to_string(),
                size,
            });
        }
        let shape: Shape = serde_json::from_slice(&bytes).map_err(|e| json_error(source, &e))?;
        let kind = [shape.media_type.as_deref(), hint]
            .into_iter()
            .flatten()
            .map(media::kind_of)
            .find(|k| matches!(k, MediaKind::Index | MediaKind::Manifest));
        let body = match (kind, shape.manifests, shape.config) {
            (Some(MediaKind::Index), Some(m), _) | (None, Some(m), None) => Body::Index(Index {
                manifests: m,
                annotations: shape.annotations,
            }),
            (Some(MediaKind::Manifest), _, Some(c)) | (None, None, Some(c)) => {
                Body::Manifest(Box::new(ImageManifest {
                    config: c,
                    layers: shape.layers.unwrap_or_default(),
                    annotations: shape.annotations,
                }))
            }
            (k, m, c) => return Err(not_a_manifest(source, k, m.is_some(), c.is_some())),
        };
        Ok(Self {
            source: source.to_string(),
            digest: Digest::sha256(&bytes),
            bytes,
            declared_media_type: shape.media_type,
            embedded_digest: shape.digest,
            body,
        })
    }

    /// The index, when the document is one.
    pub fn index(&self) -> Option<&Index> {
        match &self.body {
            Body::Index(i) => Some(i),
            Body::Manifest(_) => None,
        }
    }

    /// The image manifest, when the document is one.
    pub fn manifest(&self) -> Option<&ImageManifest> {
        match &self.body {
            Body::Manifest(m) => Some(m.as_ref()),
            Body::Index(_) => None,
        }
    }

    /// The media type to show: the declared one, or what the shape says (OCI by default).
    pub fn media_type(&self) -> &str {
        match (&self.declared_media_type, &self.body) {
            (Some(t), _) => t,
            (None, Body::Index(_)) => media::OCI_INDEX,
            (None, Body::Manifest(_)) => media::OCI_MANIFEST,
        }
    }
}

fn not_a_manifest(
    source: &str,
    kind: Option<MediaKind>,
    has_list: bool,
    has_config: bool,
) -> DocumentError {
    let reason = match (kind, has_list, has_config) {
        (_, true, true) => "the document has both `manifests` and `config`; it cannot be both",
        (Some(MediaKind::Index), _, _) => {
            "the media type says image index, but there is no `manifests` list"
        }
        (Some(_), _, _) => "the media type says image manifest, but there is no `config`",
        (None, _, _) => {
            "neither an image index (no `manifests`) nor an image manifest (no `config`)"
        }
    };
    DocumentError::NotAManifest {
        name: source.to_string(),
        reason: reason.to_string(),
    }
}

fn json_error(source: &str, e: &serde_json::Error) -> DocumentError {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    DocumentError::Json {
        name: source.to_string(),
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Reads at most [`MAX_DOCUMENT_BYTES`] from `reader`, refusing anything longer.
pub fn read_document_bytes(source: &str, reader: &mut dyn Read) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(format!("{source}: cannot read: {e}")))?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        let err = DocumentError::TooLarge {
            name: source.to_string(),
            size: None,
        };
        return Err(ReadError::Document(err));
    }
    Ok(bytes)
}

/// A failure reading a document from a stream.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The stream failed.
    #[error("{0}")]
    Io(String),
    /// The content was refused.
    #[error(transparent)]
    Document(#[from] DocumentError),
}
