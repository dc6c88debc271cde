//! Image references, normalised as Docker does: `alpine` is `docker.io/library/alpine:latest`,
//! `ghcr.io/owner/name@sha256:…` keeps its registry, and Docker Hub is reached at
//! `registry-1.docker.io`.

use std::fmt;

use crate::manifest::digest::Digest;

/// The registry Docker Hub references name.
pub const DOCKER_HUB: &str = "docker.io";
/// The host that serves Docker Hub's registry API.
pub const DOCKER_HUB_ENDPOINT: &str = "registry-1.docker.io";

/// A parsed, normalised image reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Registry host and optional port (`docker.io`, `localhost:5000`).
    pub registry: String,
    /// Repository path (`library/alpine`).
    pub repository: String,
    /// Tag, `latest` when neither tag nor digest was given.
    pub tag: Option<String>,
    /// Digest, when the reference pins one.
    pub digest: Option<Digest>,
}

/// Why a string is not an image reference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a valid image reference: {reason}")]
pub struct ReferenceError {
    /// The text given.
    pub input: String,
    /// What is wrong.
    pub reason: String,
}

impl Reference {
    /// Parses and normalises a reference.
    pub fn parse(input: &str) -> Result<Self, ReferenceError> {
        let fail = |reason: &str| ReferenceError {
            input: input.to_string(),
            reason: reason.to_string(),
        };
        if input.is_empty() || input.len() > 512 {
            return Err(fail("empty or too long"));
        }
        let (rest, digest) = match input.split_once('@') {
            Some((rest, d)) => (
                rest,
                Some(Digest::parse(d).map_err(|e| fail(&format!("digest: {e}")))?),
            ),
            None => (input, None),
        };
        let (name, tag) = split_tag(rest);
        if let Some(t) = tag
            && !valid_tag(t)
        {
            return Err(fail(
                "a tag is 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'",
            ));
        }
        let (registry, repository) = split_domain(name);
        check_name(&registry, &repository).map_err(fail)?;
        let tag = match (tag, &digest) {
            (None, None) => Some("latest".to_string()),
            (t, _) => t.map(str::to_string),
        };
        Ok(Self {
            registry,
            repository,
            tag,
            digest,
        })
    }

    /// The host to connect to: `registry-1.docker.io` for Docker Hub, the registry otherwise.
    pub fn endpoint(&self) -> &str {
        if self.registry == DOCKER_HUB {
            DOCKER_HUB_ENDPOINT
        } else {
            &self.registry
        }
    }

    /// What goes after `/manifests/`: the digest when pinned, the tag otherwise.
    pub fn target(&self) -> String {
        match (&self.digest, &self.tag) {
            (Some(d), _) => d.to_string(),
            (None, Some(t)) => t.clone(),
            (None, None) => "latest".to_string(),
        }
    }

    /// The host without its port, for loopback checks and proxy decisions.
    pub fn host(&self) -> &str {
        host_of(self.endpoint())
    }
}

/// The host part of `host[:port]`, IPv6 brackets removed.
pub fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    authority.rsplit_once(':').map_or(authority, |(h, p)| {
        if p.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            authority
        }
    })
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// `name[:tag]`, where a `:` before the last `/` belongs to a registry port.
fn split_tag(rest: &str) -> (&str, Option<&str>) {
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    }
}

fn check_name(registry: &str, repository: &str) -> Result<(), &'static str> {
    if !valid_domain(registry) {
        return Err("the registry host is not well formed");
    }
    if repository.is_empty()
        || repository.len() > 255
        || !repository.split('/').all(valid_component)
    {
        return Err(
            "repository names are lowercase letters and digits, separated by '.', '_', '__', '-' or '/'",
        );
    }
    Ok(())
}

fn split_domain(name: &str) -> (String, String) {
    let (registry, path) = match name.split_once('/') {
        Some((first, rest))
            if first.contains(['.', ':'])
                || first == "localhost"
                || first.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            (first.to_string(), rest.to_string())
        }
        _ => (DOCKER_HUB.to_string(), name.to_string()),
    };
    let registry = if registry == "index.docker.io" {
        DOCKER_HUB.to_string()
    } else {
        registry
    };
    let path = if registry == DOCKER_HUB && !path.contains('/') {
        format!("library/{path}")
    } else {
        path
    };
    (registry, path)
}

fn valid_tag(t: &str) -> bool {
    let ok = |b: u8| b.is_ascii_alphanumeric() || b"_.-".contains(&b);
    (1..=128).contains(&t.len()) && t.bytes().all(ok) && !t.starts_with(['.', '-'])
}

fn valid_domain(d: &str) -> bool {
    let (host, port) = match d.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((h, p)) => (h, p.strip_prefix(':')),
            None => return false,
        },
        None => match d.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (d, None),
        },
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:".contains(&b));
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    host_ok && port_ok
}

/// `[a-z0-9]+` runs joined by `.`, `_`, `__` or any number of `-`.
fn valid_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-')) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_table() {
        let d = format!("sha256:{}", "a".repeat(64));
        let cases = [
            (
                "alpine",
                "docker.io/library/alpine:latest",
                "registry-1.docker.io",
            ),
            (
                "alpine:3.20",
                "docker.io/library/alpine:3.20",
                "registry-1.docker.io",
            ),
            (
                "docker.io/library/alpine:3.20",
                "docker.io/library/alpine:3.20",
                "registry-1.docker.io",
            ),
            (
                "index.docker.io/owner/app",
                "docker.io/owner/app:latest",
                "registry-1.docker.io",
            ),
            (
                "owner/app",
                "docker.io/owner/app:latest",
                "registry-1.docker.io",
            ),
            (
                "localhost:5000/name:tag",
                "localhost:5000/name:tag",
                "localhost:5000",
            ),
            ("localhost/name", "localhost/name:latest", "localhost"),
            (
                "127.0.0.1:5000/a/b/c:v1.2",
                "127.0.0.1:5000/a/b/c:v1.2",
                "127.0.0.1:5000",
            ),
            ("[::1]:5000/name", "[::1]:5000/name:latest", "[::1]:5000"),
        ];
        for (input, shown, endpoint) in cases {
            let r = Reference::parse(input).unwrap();
            assert_eq!(
                (r.to_string().as_str(), r.endpoint()),
                (shown, endpoint),
                "{input}"
            );
        }
        let r = Reference::parse(&format!("ghcr.io/owner/name@{d}")).unwrap();
        assert_eq!(
            (r.registry.as_str(), r.tag.clone(), r.target()),
            ("ghcr.io", None, d.clone())
        );
        let r = Reference::parse(&format!("ghcr.io/owner/name:v1@{d}")).unwrap();
        assert_eq!((r.tag.as_deref(), r.target()), (Some("v1"), d));
    }

    #[test]
    fn refusals() {
        for bad in [
            "",
            "Alpine",
            "alpine:",
            "alpine:-x",
            "a//b",
            "name@sha256:123",
            "ghcr.io/",
            "a_-b",
            "-a",
        ] {
            assert!(Reference::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn hosts() {
        assert_eq!(host_of("localhost:5000"), "localhost");
        assert_eq!(host_of("[::1]:5000"), "::1");
        assert_eq!(host_of("example.org"), "example.org");
    }
}
