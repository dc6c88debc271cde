//! Manifest media types: the four a registry serves, and how each one is classified.

/// Docker manifest list (a multi-platform "fat manifest").
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
/// Docker image manifest, schema 2.
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
/// OCI image index.
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// OCI image manifest.
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";

/// The `Accept` header sent for every manifest request: all four types, so the registry never
/// rewrites a list into one of its entries.
pub const ACCEPT_ALL: &str = "application/vnd.oci.image.index.v1+json, \
application/vnd.docker.distribution.manifest.list.v2+json, \
application/vnd.oci.image.manifest.v1+json, \
application/vnd.docker.distribution.manifest.v2+json";

/// Media types of image configs and layers that are known, so they are not reported as unknown.
const KNOWN_BLOB_TYPES: &[&str] = &[
    "application/vnd.docker.container.image.v1+json",
    "application/vnd.oci.image.config.v1+json",
    "application/vnd.docker.image.rootfs.diff.tar.gzip",
    "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
    "application/vnd.oci.image.layer.v1.tar",
    "application/vnd.oci.image.layer.v1.tar+gzip",
    "application/vnd.oci.image.layer.v1.tar+zstd",
    "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
    "application/vnd.in-toto+json",
    "application/vnd.oci.empty.v1+json",
];

/// What a media type says a document or blob is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// A Docker manifest list or an OCI image index.
    Index,
    /// A Docker or OCI image manifest.
    Manifest,
    /// A config, layer or attestation blob type this module knows.
    Blob,
    /// Anything else (shown, not an error).
    Unknown,
}

/// Classifies a media type string (parameters such as `; charset=utf-8` are ignored).
pub fn kind_of(media_type: &str) -> MediaKind {
    match essence(media_type) {
        DOCKER_LIST | OCI_INDEX => MediaKind::Index,
        DOCKER_MANIFEST | OCI_MANIFEST => MediaKind::Manifest,
        t if KNOWN_BLOB_TYPES.contains(&t) => MediaKind::Blob,
        _ => MediaKind::Unknown,
    }
}

/// The media type without parameters or surrounding spaces, as the registry may add them.
pub fn essence(media_type: &str) -> &str {
    media_type.split(';').next().unwrap_or("").trim()
}

/// True for the Docker flavours, false for OCI and anything else.
pub fn is_docker(media_type: &str) -> bool {
    matches!(essence(media_type), DOCKER_LIST | DOCKER_MANIFEST)
}

/// A short human name for the table: `OCI index`, `Docker list`, or the type itself.
pub fn short_name(media_type: &str) -> &str {
    match essence(media_type) {
        DOCKER_LIST => "Docker list",
        DOCKER_MANIFEST => "Docker manifest",
        OCI_INDEX => "OCI index",
        OCI_MANIFEST => "OCI manifest",
        "" => "(none)",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_the_four_manifest_types() {
        assert_eq!(kind_of(DOCKER_LIST), MediaKind::Index);
        assert_eq!(kind_of(OCI_INDEX), MediaKind::Index);
        assert_eq!(kind_of(DOCKER_MANIFEST), MediaKind::Manifest);
        assert_eq!(kind_of(OCI_MANIFEST), MediaKind::Manifest);
        assert_eq!(
            kind_of("application/vnd.oci.descriptor.v1+json"),
            MediaKind::Unknown
        );
    }

    #[test]
    fn parameters_are_ignored() {
        assert_eq!(
            kind_of("application/vnd.oci.image.index.v1+json; charset=utf-8"),
            MediaKind::Index
        );
    }

    #[test]
    fn accept_names_all_four() {
        for t in [DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST] {
            assert!(ACCEPT_ALL.contains(t), "{t}");
        }
    }
}
