//! The built-in sample: an OCI index with five platforms (linux amd64, arm64/v8, arm/v7,
//! arm/v6 and a Windows Server 2019 image) and two BuildKit attestations, with every manifest
//! and config embedded so drilling in works offline.

use std::collections::HashMap;

use crate::manifest::digest::Digest;
use crate::manifest::model::Descriptor;
use crate::manifest::provider::{Control, FetchError, Fetched, Provider, Want};

/// The name the sample is shown under.
pub const SAMPLE_NAME: &str = "built-in sample (notebench/sample:1.0)";

/// The sample's index document.
pub const SAMPLE_INDEX: &[u8] = include_bytes!("../sample/index.json");

const BLOBS: &[&[u8]] = &[
    include_bytes!("../sample/manifest-amd64.json"),
    include_bytes!("../sample/manifest-arm64.json"),
    include_bytes!("../sample/manifest-armv7.json"),
    include_bytes!("../sample/manifest-armv6.json"),
    include_bytes!("../sample/manifest-windows.json"),
    include_bytes!("../sample/attestation-0.json"),
    include_bytes!("../sample/attestation-1.json"),
    include_bytes!("../sample/config-amd64.json"),
    include_bytes!("../sample/config-arm64.json"),
    include_bytes!("../sample/config-armv7.json"),
    include_bytes!("../sample/config-armv6.json"),
    include_bytes!("../sample/config-windows.json"),
    include_bytes!("../sample/empty.json"),
    include_bytes!("../sample/provenance-0.json"),
    include_bytes!("../sample/provenance-1.json"),
];

/// The embedded blobs, found by digest.
pub struct Sample {
    blobs: HashMap<String, &'static [u8]>,
}

impl Sample {
    /// Indexes the embedded blobs by their sha256.
    pub fn new() -> Self {
        let blobs = BLOBS
            .iter()
            .map(|b| (Digest::sha256(b).to_string(), *b))
            .collect();
        Self { blobs }
    }
}

impl Default for Sample {
    fn default() -> Self {
        Self::new()
    }
}

impl Provider for Sample {
    fn fetch(&self, d: &Descriptor, _: Want, ctl: &Control) -> Result<Fetched, FetchError> {
        ctl.check()?;
        match self.blobs.get(&d.digest) {
            Some(bytes) => Ok(Fetched {
                bytes: bytes.to_vec(),
                ..Fetched::default()
            }),
            None => Err(FetchError::NotFound(format!(
                "{} is not part of the built-in sample (layers are not embedded)",
                d.digest
            ))),
        }
    }
}
