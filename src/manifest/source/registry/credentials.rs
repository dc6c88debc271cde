//! Credentials from Docker's `config.json` (`$DOCKER_CONFIG/config.json`, or
//! `~/.docker/config.json`): the `auths` map with a base64 `auth` of `user:password`, or
//! separate `username` and `password`.
//!
//! Credential helpers (`credsStore`, `credHelpers`) and identity tokens are not supported: when
//! the config names one for the registry, the lookup says so in its note and the request goes
//! out with whatever `auths` holds, or anonymously.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde::Deserialize;

/// A username and password for HTTP basic authentication or a token request.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The user name.
    pub username: String,
    /// The password or access token.
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// What the config offers for one registry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookup {
    /// Credentials, when `auths` has usable ones.
    pub credentials: Option<Credentials>,
    /// A note for people: a helper that is not used, an unreadable config.
    pub note: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ConfigFile {
    #[serde(default)]
    auths: BTreeMap<String, AuthEntry>,
    #[serde(default)]
    creds_store: Option<String>,
    #[serde(default)]
    cred_helpers: BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
struct AuthEntry {
    #[serde(default)]
    auth: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    identitytoken: Option<String>,
}

/// The config file path: `dir/config.json` when a folder is given, else `$DOCKER_CONFIG`,
/// else `~/.docker`.
pub fn config_path(dir: Option<&Path>) -> Option<PathBuf> {
    let dir = match dir {
        Some(d) => d.to_path_buf(),
        None => match std::env::var_os("DOCKER_CONFIG") {
            Some(d) if !d.is_empty() => PathBuf::from(d),
            _ => PathBuf::from(std::env::var_os("HOME")?).join(".docker"),
        },
    };
    Some(dir.join("config.json"))
}

/// Looks up credentials for `registry` (as in a reference: `docker.io`, `ghcr.io`) in the
/// config file at `path`. A missing file means anonymous access, without a note.
pub fn lookup(path: Option<&Path>, registry: &str) -> Lookup {
    let Some(path) = path else {
        return Lookup::default();
    };
    let read = crate::paths::read_limited(path, crate::paths::SMALL_FILE_LIMIT);
    match read.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()) {
        Ok(text) => lookup_in(&text, &path.display().to_string(), registry),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Lookup::default(),
        Err(e) => Lookup {
            credentials: None,
            note: Some(format!(
                "cannot read {}: {e}; going anonymous",
                path.display()
            )),
        },
    }
}

/// Looks up credentials in the text of a config file named `name`.
pub fn lookup_in(text: &str, name: &str, registry: &str) -> Lookup {
    let config: ConfigFile = match serde_json::from_str(text) {
        Ok(c) => c,
        Err(e) => {
            let note = format!(
                "{name}:{}:{}: not valid JSON; going anonymous",
                e.line(),
                e.column()
            );
            return Lookup {
                credentials: None,
                note: Some(note),
            };
        }
    };
    let want = normalise(registry);
    let helper = config
        .cred_helpers
        .iter()
        .find(|(k, _)| normalise(k) == want)
        .map(|(_, v)| v.clone())
        .or(config.creds_store.clone());
    let entry = config
        .auths
        .iter()
        .find(|(k, _)| normalise(k) == want)
        .map(|(_, v)| v);
    let credentials = entry.and_then(decode);
    let mut notes = Vec::new();
    if let Some(h) = helper {
        notes.push(format!(
            "{name} names the credential helper docker-credential-{h} for {registry}; credential helpers \
             are not supported, so {}",
            if credentials.is_some() { "the `auths` entry is used instead" } else { "the request goes out anonymously" }
        ));
    }
    if entry.is_some_and(|e| e.identitytoken.is_some()) && credentials.is_none() {
        notes.push(format!(
            "{name} holds an identity token for {registry}; identity tokens are not supported"
        ));
    }
    Lookup {
        credentials,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    }
}

fn decode(e: &AuthEntry) -> Option<Credentials> {
    if let Some(auth) = e.auth.as_deref().filter(|a| !a.is_empty()) {
        let raw = base64::engine::general_purpose::STANDARD
            .decode(auth.trim())
            .ok()?;
        let text = String::from_utf8(raw).ok()?;
        let (username, password) = text.split_once(':')?;
        return Some(Credentials {
            username: username.into(),
            password: password.into(),
        });
    }
    match (&e.username, &e.password) {
        (Some(u), Some(p)) if !u.is_empty() => Some(Credentials {
            username: u.clone(),
            password: p.clone(),
        }),
        _ => None,
    }
}

/// `https://index.docker.io/v1/` → `docker.io`; `http://host:5000/` → `host:5000`.
fn normalise(key: &str) -> String {
    let k = key.trim();
    let k = k
        .strip_prefix("https://")
        .or_else(|| k.strip_prefix("http://"))
        .unwrap_or(k);
    let host = k.split('/').next().unwrap_or(k).to_ascii_lowercase();
    match host.as_str() {
        "index.docker.io" | "registry-1.docker.io" | "registry.hub.docker.com" => {
            "docker.io".into()
        }
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = r#"{
        "auths": {
            "https://index.docker.io/v1/": {"auth": "dXNlcjpwYXNzOndpdGg6Y29sb25z"},
            "localhost:5000": {"username": "alice", "password": "secret"},
            "ghcr.io": {},
            "quay.io": {"identitytoken": "xyz"}
        },
        "credHelpers": {"ghcr.io": "gh"}
    }"#;

    #[test]
    fn auths_by_normalised_key() {
        let hub = lookup_in(CONFIG, "config.json", "docker.io")
            .credentials
            .unwrap();
        assert_eq!(
            (hub.username.as_str(), hub.password.as_str()),
            ("user", "pass:with:colons")
        );
        let local = lookup_in(CONFIG, "config.json", "localhost:5000")
            .credentials
            .unwrap();
        assert_eq!(local.username, "alice");
        assert_eq!(
            lookup_in(CONFIG, "config.json", "example.org"),
            Lookup::default()
        );
    }

    #[test]
    fn helpers_and_identity_tokens_are_named() {
        let gh = lookup_in(CONFIG, "config.json", "ghcr.io");
        assert!(gh.credentials.is_none());
        let note = gh.note.unwrap();
        assert!(
            note.contains("docker-credential-gh")
                && note.contains("not supported")
                && note.contains("anonymously"),
            "{note}"
        );
        assert!(
            lookup_in(CONFIG, "config.json", "quay.io")
                .note
                .unwrap()
                .contains("identity token")
        );
        let store = lookup_in(
            r#"{"credsStore":"desktop","auths":{"docker.io":{}}}"#,
            "c.json",
            "docker.io",
        );
        assert!(store.note.unwrap().contains("docker-credential-desktop"));
    }

    #[test]
    fn a_broken_config_is_a_note_with_its_place() {
        let l = lookup_in("{\n  \"auths\": [", "config.json", "docker.io");
        assert!(l.credentials.is_none());
        assert!(l.note.unwrap().starts_with("config.json:2:"));
    }

    #[test]
    fn debug_hides_the_password() {
        let c = Credentials {
            username: "u".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
