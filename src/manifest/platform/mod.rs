//! Platforms (`linux/arm/v7`, `windows(10.0.17763)/amd64`): the descriptor field, containerd's
//! specifier syntax, and containerd's normalisation.
//!
//! Normalisation follows github.com/containerd/platforms: `x86_64` and `x86-64` become
//! `amd64` (and `amd64/v1` is plain `amd64`), `aarch64` becomes `arm64` (and `arm64/v8` is plain
//! `arm64`), `armhf` is `arm/v7`, `armel` is `arm/v6`, `i386` is `386`, `arm` with no variant
//! (or `7`) is `arm/v7`, a bare `5`, `6` or `8` variant of `arm` gets its `v`, and `macos` is
//! `darwin`.

pub mod host;
pub mod matcher;
mod parse;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use parse::{PlatformError, parse, parse_with_host};

/// A platform as an index entry or an image config states it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub struct Platform {
    /// CPU architecture (`amd64`, `arm64`, `arm`).
    #[serde(default)]
    pub architecture: String,
    /// Operating system (`linux`, `windows`).
    #[serde(default)]
    pub os: String,
    /// Windows build such as `10.0.17763.914`.
    #[serde(
        rename = "os.version",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub os_version: String,
    /// OS features such as `win32k`.
    #[serde(rename = "os.features", default, skip_serializing_if = "Vec::is_empty")]
    pub os_features: Vec<String>,
    /// CPU variant (`v7`, `v8`, `v3`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub variant: String,
    /// CPU features (reserved by the spec, shown but not matched).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
}

impl Platform {
    /// A platform from its three common parts, as written (not normalised).
    pub fn new(os: &str, architecture: &str, variant: &str) -> Self {
        Self {
            os: os.to_string(),
            architecture: architecture.to_string(),
            variant: variant.to_string(),
            ..Self::default()
        }
    }

    /// The same platform with an OS version.
    pub fn with_os_version(mut self, version: &str) -> Self {
        self.os_version = version.to_string();
        self
    }

    /// containerd's canonical form of this platform (see the module docs).
    pub fn normalized(&self) -> Self {
        let (architecture, variant) = normalize_arch(&self.architecture, &self.variant);
        let mut os_features = self.os_features.clone();
        os_features.sort();
        os_features.dedup();
        Self {
            os: normalize_os(&self.os),
            architecture,
            variant,
            os_version: self.os_version.clone(),
            os_features,
            features: self.features.clone(),
        }
    }

    /// True for the `unknown/unknown` platform BuildKit gives attestation manifests.
    pub fn is_unknown(&self) -> bool {
        self.os == "unknown" && self.architecture == "unknown"
    }

    /// `os/arch[/variant]` without the OS version.
    pub fn short(&self) -> String {
        let os = if self.os.is_empty() { "?" } else { &self.os };
        let arch = if self.architecture.is_empty() {
            "?"
        } else {
            &self.architecture
        };
        match self.variant.as_str() {
            "" => format!("{os}/{arch}"),
            v => format!("{os}/{arch}/{v}"),
        }
    }
}

impl fmt::Display for Platform {
    /// containerd's full form: `os(version+feature)/arch/variant`, options percent-encoded.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut options = encode_option(&self.os_version);
        let mut features = self.os_features.clone();
        features.sort();
        for feature in &features {
            options.push('+');
            options.push_str(&encode_option(feature));
        }
        let short = self.short();
        if options.is_empty() {
            return f.write_str(&short);
        }
        let rest = short.split_once('/').map_or("", |(_, rest)| rest);
        let os = if self.os.is_empty() { "?" } else { &self.os };
        write!(f, "{os}({options})/{rest}")
    }
}

fn encode_option(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '%' => out.push_str("%25"),
            '+' => out.push_str("%2B"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '/' => out.push_str("%2F"),
            c => out.push(c),
        }
    }
    out
}

/// Lowercases the OS and maps `macos` to `darwin`.
pub fn normalize_os(os: &str) -> String {
    match os.to_ascii_lowercase().as_str() {
        "macos" => "darwin".to_string(),
        other => other.to_string(),
    }
}

/// containerd's architecture/variant normalisation (see the module docs).
pub fn normalize_arch(arch: &str, variant: &str) -> (String, String) {
    let arch = arch.to_ascii_lowercase();
    let variant = variant.to_ascii_lowercase();
    match arch.as_str() {
        "i386" => ("386".into(), String::new()),
        "x86_64" | "x86-64" | "amd64" => (
            "amd64".into(),
            if variant == "v1" {
                String::new()
            } else {
                variant
            },
        ),
        "aarch64" | "arm64" => (
            "arm64".into(),
            if matches!(variant.as_str(), "8" | "v8") {
                String::new()
            } else {
                variant
            },
        ),
        "armhf" => ("arm".into(), "v7".into()),
        "armel" => ("arm".into(), "v6".into()),
        "arm" => {
            let variant = match variant.as_str() {
                "" | "7" => "v7".to_string(),
                "5" | "6" | "8" => format!("v{variant}"),
                _ => variant,
            };
            ("arm".into(), variant)
        }
        _ => (arch, variant),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_uses_containerd_syntax() {
        let p = Platform::new("windows", "amd64", "").with_os_version("10.0.17763.914");
        assert_eq!(p.to_string(), "windows(10.0.17763.914)/amd64");
        assert_eq!(
            Platform::new("linux", "arm", "v7").to_string(),
            "linux/arm/v7"
        );
        let mut f = Platform::new("windows", "amd64", "");
        f.os_features = vec!["win32k".into()];
        assert_eq!(f.to_string(), "windows(+win32k)/amd64");
    }

    #[test]
    fn deserializes_dotted_keys() {
        let p: Platform = serde_json::from_str(
            r#"{"architecture":"amd64","os":"windows","os.version":"10.0.1","os.features":["win32k"]}"#,
        )
        .unwrap();
        assert_eq!(p.os_version, "10.0.1");
        assert_eq!(p.os_features, vec!["win32k".to_string()]);
    }
}
