//! OCI image layout folders: `oci-layout`, `index.json`, and `blobs/<algorithm>/<hex>`.

use std::path::{Path, PathBuf};

use crate::manifest::digest::Digest;
use crate::manifest::model::{Descriptor, Document, ReadError, read_document_bytes};
use crate::manifest::provider::{Control, FetchError, Fetched, Provider, Want};

/// The annotation an OCI layout uses to tag an `index.json` entry.
pub const REF_NAME: &str = "org.opencontainers.image.ref.name";

/// An opened layout folder.
#[derive(Debug, Clone)]
pub struct Layout {
    dir: PathBuf,
}

impl Layout {
    /// Opens a folder, checking it has `oci-layout` and `index.json`.
    pub fn open(dir: &Path) -> Result<Self, FetchError> {
        for name in ["oci-layout", "index.json"] {
            if !dir.join(name).is_file() {
                return Err(FetchError::Config(format!(
                    "{}: not an OCI image layout (no {name})",
                    dir.display()
                )));
            }
        }
        Ok(Self {
            dir: dir.to_path_buf(),
        })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Reads `index.json`, returning its path (for messages) and exact bytes.
    pub fn index_bytes(&self) -> Result<(String, Vec<u8>), FetchError> {
        let path = self.dir.join("index.json");
        let name = path.display().to_string();
        let bytes = read_file(&path, &name)?;
        Ok((name, bytes))
    }

    /// Reads and parses `index.json`.
    pub fn index(&self) -> Result<Document, FetchError> {
        let (name, bytes) = self.index_bytes()?;
        Ok(Document::parse(&name, bytes, None)?)
    }

    /// The `index.json` entry tagged `tag`, or a message listing the tags there are.
    pub fn tagged(&self, index: &Document, tag: &str) -> Result<Descriptor, FetchError> {
        let entries = index
            .index()
            .map(|i| i.manifests.as_slice())
            .unwrap_or_default();
        if let Some(d) = entries.iter().find(|d| d.annotation(REF_NAME) == Some(tag)) {
            return Ok(d.clone());
        }
        let tags: Vec<&str> = entries
            .iter()
            .filter_map(|d| d.annotation(REF_NAME))
            .collect();
        Err(FetchError::NotFound(format!(
            "{}: no entry tagged {tag:?}; tags: {}",
            self.dir.display(),
            if tags.is_empty() {
                "(none)".to_string()
            } else {
                tags.join(", ")
            }
        )))
    }

    fn blob_path(&self, digest: &Digest) -> PathBuf {
        self.dir
            .join("blobs")
            .join(digest.algorithm())
            .join(digest.encoded())
    }
}

fn read_file(path: &Path, name: &str) -> Result<Vec<u8>, FetchError> {
    let mut file = crate::paths::open_regular(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => FetchError::NotFound(format!("{name}: not found")),
        _ => FetchError::Io(format!("{name}: cannot open: {e}")),
    })?;
    read_document_bytes(name, &mut file).map_err(|e| match e {
        ReadError::Io(m) => FetchError::Io(m),
        ReadError::Document(d) => FetchError::Document(d),
    })
}

impl Provider for Layout {
    fn fetch(&self, d: &Descriptor, _: Want, ctl: &Control) -> Result<Fetched, FetchError> {
        ctl.check()?;
        let digest = crate::manifest::provider::checked_digest(d)?;
        let path = self.blob_path(&digest);
        let bytes = read_file(&path, &path.display().to_string())?;
        Ok(Fetched {
            bytes,
            ..Fetched::default()
        })
    }
}
