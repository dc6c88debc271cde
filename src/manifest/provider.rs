//! Where documents and blobs come from: the one interface every source implements, plus the
//! progress and cancellation plumbing that a worker thread passes down.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

use super::model::{Descriptor, DocumentError};

/// What a source handed back for one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fetched {
    /// The exact bytes.
    pub bytes: Vec<u8>,
    /// The `Content-Type` the registry sent (registry sources only).
    pub content_type: Option<String>,
    /// The `Docker-Content-Digest` the registry sent (registry sources only).
    pub header_digest: Option<String>,
}

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The cancel flag was raised.
    #[error("cancelled")]
    Cancelled,
    /// The source cannot hold children (a single file or standard input).
    #[error("{0}")]
    Unavailable(String),
    /// The source answered that the content does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The registry could not be reached, or the connection failed or timed out.
    #[error("{0}")]
    Network(String),
    /// The registry answered with an error (authentication, permission, server error).
    #[error("{0}")]
    Refused(String),
    /// The content was refused (too large, malformed).
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// A local file could not be read.
    #[error("{0}")]
    Io(String),
    /// The command line or configuration is wrong (bad CA file, bad reference).
    #[error("{0}")]
    Config(String),
}

/// Something the worker reports while it runs, for a status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Opening the source.
    Opening(String),
    /// Sending a request to a URL.
    Requesting(String),
    /// Asking a token server for an anonymous or credentialed token.
    Authenticating(String),
    /// Reading a document or blob by digest.
    Reading(String),
    /// A number of bytes received so far for the current request.
    Received(u64),
    /// Something worth telling (a credential helper that is not used, a fallback to HTTP).
    Note(String),
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Progress::Opening(s) => write!(f, "opening {s}"),
            Progress::Requesting(s) => write!(f, "requesting {s}"),
            Progress::Authenticating(s) => write!(f, "getting a token from {s}"),
            Progress::Reading(s) => write!(f, "reading {s}"),
            Progress::Received(n) => write!(f, "received {n} bytes"),
            Progress::Note(s) => f.write_str(s),
        }
    }
}

/// Cancellation and progress for one job, passed down to every fetch.
#[derive(Clone, Copy)]
pub struct Control<'a> {
    cancel: &'a AtomicBool,
    progress: &'a (dyn Fn(Progress) + Sync),
}

impl<'a> Control<'a> {
    /// Ties a job to its cancel flag and progress sink.
    pub fn new(cancel: &'a AtomicBool, progress: &'a (dyn Fn(Progress) + Sync)) -> Self {
        Self { cancel, progress }
    }

    /// Fails with [`FetchError::Cancelled`] once the flag is raised.
    pub fn check(&self) -> Result<(), FetchError> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(FetchError::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Reports progress.
    pub fn report(&self, p: Progress) {
        tracing::debug!(progress = %p);
        (self.progress)(p);
    }
}

/// What a fetch is for: registries serve manifests and blobs from different endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// An index or image manifest.
    Manifest,
    /// A config or layer blob.
    Blob,
}

/// What every provider checks before fetching `d`: a well-formed digest and a stated size
/// within the document limit. Returns the parsed digest.
pub fn checked_digest(d: &Descriptor) -> Result<super::digest::Digest, FetchError> {
    let digest = d
        .parsed_digest()
        .map_err(|e| FetchError::NotFound(format!("digest {:?} is malformed: {e}", d.digest)))?;
    if d.size > super::model::MAX_DOCUMENT_BYTES as i64 {
        return Err(FetchError::Io(format!(
            "{digest}: {} bytes is over the 4 MiB limit for documents",
            d.size
        )));
    }
    Ok(digest)
}

/// A place documents and blobs are read from by descriptor.
pub trait Provider: Send + Sync {
    /// Reads the content a descriptor names. The bytes are returned as received; callers
    /// verify them.
    fn fetch(
        &self,
        descriptor: &Descriptor,
        want: Want,
        ctl: &Control,
    ) -> Result<Fetched, FetchError>;

    /// False for sources that hold one document only (a file, standard input).
    fn has_children(&self) -> bool {
        true
    }
}

/// The provider of a single document: every child request fails with a clear reason.
pub struct NoChildren {
    /// Why there are no children, such as "standard input holds one document only".
    pub reason: String,
}

impl Provider for NoChildren {
    fn fetch(&self, d: &Descriptor, _: Want, _: &Control) -> Result<Fetched, FetchError> {
        Err(FetchError::Unavailable(format!(
            "cannot read {}: {}",
            d.digest, self.reason
        )))
    }

    fn has_children(&self) -> bool {
        false
    }
}
