//! Drilling into one entry: its manifest, its layers and total size, and its config's
//! os/architecture/created, all read from the same source as the index.

use serde::{Deserialize, Serialize};

use super::digest::Verification;
use super::model::{Descriptor, Document, MAX_DOCUMENT_BYTES};
use super::platform::Platform;
use super::provider::{Control, FetchError, Progress, Provider, Want};
use super::tree::{Loader, Node};

/// What the image config says about the image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigSummary {
    /// os, architecture, variant, os.version as the config states them.
    pub platform: Platform,
    /// The creation time, RFC 3339 (normalised to UTC when it parses).
    pub created: Option<String>,
    /// The config blob checked against the digest the manifest names.
    pub verification: Verification,
    /// The config's size in bytes as received.
    pub size: u64,
}

/// An image manifest read from the source, with its config.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageView {
    /// The manifest document and its exact bytes.
    pub document: Document,
    /// The manifest checked against the digest that named it.
    pub verification: Verification,
    /// The descriptor that named it.
    pub named_by: Descriptor,
    /// The layers, bottom first.
    pub layers: Vec<Descriptor>,
    /// The sum of the layer sizes as the manifest states them (compressed sizes).
    pub layers_size: u64,
    /// The config, or why it could not be read.
    pub config: Result<ConfigSummary, String>,
}

/// The result of drilling into an entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Drilled {
    /// The entry is an image manifest.
    Image(Box<ImageView>),
    /// The entry is an index; its entries are loaded as for the root.
    Index(Box<Node>),
}

/// Reads the entry a descriptor names and everything needed to show it. `path` is the entry's
/// path, so the entries of a drilled index get paths below it. Blocking: run it on a worker
/// thread; `ctl` carries cancellation and progress.
pub fn drill(
    provider: &dyn Provider,
    d: &Descriptor,
    path: &[usize],
    ctl: &Control,
) -> Result<Drilled, FetchError> {
    let (document, verification, content_type) = read_document(provider, d, ctl)?;
    if document.index().is_some() {
        let loader = Loader::new(provider, *ctl);
        let mut node = loader.node(document, verification, path.to_vec(), path.len())?;
        node.content_type = content_type;
        node.named_by = Some(d.clone());
        return Ok(Drilled::Index(Box::new(node)));
    }
    Ok(Drilled::Image(Box::new(image_view(
        provider,
        d,
        document,
        verification,
        ctl,
    )?)))
}

/// Fetches and parses the document a descriptor names, verified against its digest and the
/// registry's header.
pub(crate) fn read_document(
    provider: &dyn Provider,
    d: &Descriptor,
    ctl: &Control,
) -> Result<(Document, Verification, Option<String>), FetchError> {
    ctl.check()?;
    ctl.report(Progress::Reading(d.digest.clone()));
    let fetched = provider.fetch(d, Want::Manifest, ctl)?;
    let verification = Verification::check(
        &fetched.bytes,
        Some(&d.digest),
        fetched.header_digest.as_deref(),
    );
    let hint = fetched
        .content_type
        .as_deref()
        .or(Some(d.media_type.as_str()));
    let document = Document::parse(&d.digest, fetched.bytes, hint)?;
    Ok((document, verification, fetched.content_type))
}

/// Builds the view of an image manifest already read, fetching its config.
pub(crate) fn image_view(
    provider: &dyn Provider,
    d: &Descriptor,
    document: Document,
    verification: Verification,
    ctl: &Control,
) -> Result<ImageView, FetchError> {
    let manifest = document.manifest().cloned().unwrap_or_default();
    let layers_size = manifest.layers.iter().map(|l| l.size.max(0) as u64).sum();
    let config = match read_config(provider, &manifest.config, ctl) {
        Err(FetchError::Cancelled) => return Err(FetchError::Cancelled),
        other => other.map_err(|e| e.to_string()),
    };
    Ok(ImageView {
        document,
        verification,
        named_by: d.clone(),
        layers: manifest.layers,
        layers_size,
        config,
    })
}

#[derive(Deserialize)]
struct ConfigJson {
    #[serde(default)]
    architecture: String,
    #[serde(default)]
    os: String,
    #[serde(default)]
    variant: String,
    #[serde(rename = "os.version", default)]
    os_version: String,
    #[serde(rename = "os.features", default)]
    os_features: Vec<String>,
    #[serde(default)]
    created: Option<String>,
}

fn read_config(
    provider: &dyn Provider,
    d: &Descriptor,
    ctl: &Control,
) -> Result<ConfigSummary, FetchError> {
    ctl.check()?;
    if d.digest.is_empty() {
        return Err(FetchError::NotFound("the manifest names no config".into()));
    }
    if d.size > MAX_DOCUMENT_BYTES as i64 {
        return Err(FetchError::Io(format!(
            "the config is {} bytes, over the 4 MiB limit",
            d.size
        )));
    }
    ctl.report(Progress::Reading(format!("config {}", d.digest)));
    let fetched = provider.fetch(d, Want::Blob, ctl)?;
    let verification = Verification::check(&fetched.bytes, Some(&d.digest), None);
    let json: ConfigJson = serde_json::from_slice(&fetched.bytes).map_err(|e| {
        FetchError::Io(format!(
            "config {}: line {} column {}: not an image config",
            d.digest,
            e.line(),
            e.column()
        ))
    })?;
    let platform = Platform {
        architecture: json.architecture,
        os: json.os,
        variant: json.variant,
        os_version: json.os_version,
        os_features: json.os_features,
        features: Vec::new(),
    };
    Ok(ConfigSummary {
        platform,
        created: json.created.map(|c| normalise_time(&c)),
        verification,
        size: fetched.bytes.len() as u64,
    })
}

/// RFC 3339 in UTC when the text parses as a timestamp, the text itself otherwise.
fn normalise_time(text: &str) -> String {
    text.parse::<jiff::Timestamp>()
        .map_or_else(|_| text.to_string(), |t| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_times_become_utc_rfc3339() {
        assert_eq!(
            normalise_time("2024-05-01T12:00:00.5+02:00"),
            "2024-05-01T10:00:00.5Z"
        );
        assert_eq!(normalise_time("yesterday"), "yesterday");
    }
}
