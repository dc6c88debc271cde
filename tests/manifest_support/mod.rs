//! Builds small multi-platform images (configs, layers, manifests, an index) for the layout
//! and registry tests, with real sha256 digests.

#![allow(dead_code)]

pub mod server;

use std::path::Path;

use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";

/// Some bytes with the media type they are served as.
#[derive(Debug, Clone)]
pub struct Blob {
    pub media_type: String,
    pub bytes: Vec<u8>,
}

impl Blob {
    pub fn json(media_type: &str, value: &Value) -> Self {
        let mut bytes = serde_json::to_vec_pretty(value).unwrap();
        bytes.push(b'\n');
        Self {
            media_type: media_type.to_string(),
            bytes,
        }
    }

    pub fn digest(&self) -> String {
        sha256(&self.bytes)
    }

    pub fn descriptor(&self) -> Value {
        json!({"mediaType": self.media_type, "digest": self.digest(), "size": self.bytes.len()})
    }
}

pub fn sha256(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    format!(
        "sha256:{}",
        d.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

/// One image: its manifest, config and single layer.
#[derive(Debug, Clone)]
pub struct Image {
    pub manifest: Blob,
    pub config: Blob,
    pub layer: Blob,
    pub platform: Value,
}

/// An image for `os/arch[/variant]`; `config_arch` lets the config disagree with the index.
pub fn image(os: &str, arch: &str, variant: &str, config_arch: &str, docker: bool) -> Image {
    let layer = Blob {
        media_type: "application/vnd.oci.image.layer.v1.tar+gzip".into(),
        bytes: format!("layer for {os}/{arch}/{variant}").into_bytes(),
    };
    let mut cfg = json!({"os": os, "architecture": config_arch, "created": "2024-05-14T09:30:00+02:00",
        "rootfs": {"type": "layers", "diff_ids": [sha256(&layer.bytes)]}});
    if !variant.is_empty() {
        cfg["variant"] = json!(variant);
    }
    let config_type = if docker {
        "application/vnd.docker.container.image.v1+json"
    } else {
        "application/vnd.oci.image.config.v1+json"
    };
    let config = Blob::json(config_type, &cfg);
    let layer = if docker {
        Blob {
            media_type: "application/vnd.docker.image.rootfs.diff.tar.gzip".into(),
            ..layer
        }
    } else {
        layer
    };
    let manifest_type = if docker {
        DOCKER_MANIFEST
    } else {
        OCI_MANIFEST
    };
    let manifest = Blob::json(
        manifest_type,
        &json!({"schemaVersion": 2, "mediaType": manifest_type, "config": config.descriptor(), "layers": [layer.descriptor()]}),
    );
    let mut platform = json!({"os": os, "architecture": arch});
    if !variant.is_empty() {
        platform["variant"] = json!(variant);
    }
    Image {
        manifest,
        config,
        layer,
        platform,
    }
}

/// An index (OCI or Docker list) over `images`, in order.
pub fn index(images: &[Image], docker: bool) -> Blob {
    let media_type = if docker { DOCKER_LIST } else { OCI_INDEX };
    let entries: Vec<Value> = images
        .iter()
        .map(|i| {
            let mut d = i.manifest.descriptor();
            d["platform"] = i.platform.clone();
            d
        })
        .collect();
    Blob::json(
        media_type,
        &json!({"schemaVersion": 2, "mediaType": media_type, "manifests": entries}),
    )
}

/// The usual three: linux/amd64, linux/arm64, linux/arm/v7.
pub fn three_platforms(docker: bool) -> Vec<Image> {
    vec![
        image("linux", "amd64", "", "amd64", docker),
        image("linux", "arm64", "v8", "arm64", docker),
        image("linux", "arm", "v7", "arm", docker),
    ]
}

/// Writes an OCI layout: `oci-layout`, the blobs, and an `index.json` tagging `tagged`.
pub fn write_layout(dir: &Path, blobs: &[&Blob], tagged: &[(&str, &Blob)]) {
    std::fs::write(dir.join("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    let blob_dir = dir.join("blobs/sha256");
    std::fs::create_dir_all(&blob_dir).unwrap();
    for b in blobs.iter().copied().chain(tagged.iter().map(|(_, b)| *b)) {
        let hex = b.digest().trim_start_matches("sha256:").to_string();
        std::fs::write(blob_dir.join(hex), &b.bytes).unwrap();
    }
    let entries: Vec<Value> = tagged
        .iter()
        .map(|(tag, b)| {
            let mut d = b.descriptor();
            d["annotations"] = json!({"org.opencontainers.image.ref.name": tag});
            d
        })
        .collect();
    let index = json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": entries});
    std::fs::write(dir.join("index.json"), serde_json::to_vec(&index).unwrap()).unwrap();
}

/// Every blob of the images: manifests, configs and layers.
pub fn all_blobs(images: &[Image]) -> Vec<&Blob> {
    images
        .iter()
        .flat_map(|i| [&i.manifest, &i.config, &i.layer])
        .collect()
}
