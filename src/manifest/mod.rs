//! The manifest-list inspector's model: which image a platform pulls from a Docker manifest
//! list or OCI image index, and why.
//!
//! * [`source`] reads a SOURCE (file, standard input, OCI layout, registry, built-in sample)
//!   into an [`Inspection`]: the document tree with exact bytes, verified digests, grouped
//!   entries, nested indexes and [`findings`].
//! * [`Inspection::select`] matches a target platform under containerd's or literal rules
//!   ([`select`]); [`platform`] parses, normalises and detects platforms.
//! * [`Inspection::drill`] and [`child`] read one entry's layers and config.
//! * [`worker`] runs loads and drills on a thread with progress and cancellation.
//!
//! Strings in the model come from documents and registries unfiltered; anything printed to a
//! terminal goes through `crate::sanitize::visible` first.

pub mod child;
pub mod digest;
pub mod findings;
pub mod inspection;
pub mod media;
pub mod model;
pub mod platform;
pub mod provider;
pub mod report;
pub mod select;
pub mod source;
pub mod tree;

pub use child::{ConfigSummary, Drilled, ImageView};
pub use digest::{Digest, Verification};
pub use findings::{Finding, Level};
pub use model::{Descriptor, Document, DocumentError, MAX_DOCUMENT_BYTES};
pub use platform::Platform;
pub use platform::matcher::Rules;
pub use provider::{Control, FetchError, Progress};
pub use select::{Selection, disagreement};
pub use source::{InspectError, InspectOptions, Inspection, SourceSpec, inspect};
pub use tree::{Child, Entry, Group, Node};
