//! A registry client for the HTTP API v2, enough to read manifests and configs: the anonymous
//! (or credentialed) bearer-token flow, basic authentication, all four manifest media types in
//! `Accept`, HTTPS by default, and plain HTTP for loopback hosts (after HTTPS fails, as Docker
//! does) or when asked for.
//!
//! A registry that answers a narrow `Accept` by swapping a list for one of its images (as
//! Distribution does, by tag) cannot be caught from that one reply; sending all four types
//! avoids it, and a digest in the reference catches it.

mod answer;
pub mod auth;
pub mod credentials;
pub mod http;
pub mod proxy;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

pub use self::answer::RateLimit;
use self::answer::error_text;
use self::http::{Auth, Http, Reply};
use self::proxy::{ProxyEnv, is_loopback};
use super::reference::Reference;
use crate::manifest::media::ACCEPT_ALL;
use crate::manifest::model::{Descriptor, MAX_DOCUMENT_BYTES};
use crate::manifest::provider::{Control, FetchError, Fetched, Progress, Provider, Want};

/// How the client connects and authenticates.
#[derive(Debug, Clone)]
pub struct RegistryOptions {
    /// Extra CA certificates (PEM) trusted besides the system store.
    pub ca_file: Option<PathBuf>,
    /// Use plain HTTP whatever the host.
    pub plain_http: bool,
    /// The limit for each request, from connecting to the last body byte.
    pub timeout: Duration,
    /// The folder holding Docker's `config.json`; None means `$DOCKER_CONFIG` or `~/.docker`.
    pub docker_config_dir: Option<PathBuf>,
    /// The `Accept` header for manifests: all four types unless a test narrows it.
    pub accept: String,
    /// Proxy settings.
    pub proxy: ProxyEnv,
}

impl Default for RegistryOptions {
    /// HTTPS, a 30 s timeout, all four media types, proxies from the environment.
    fn default() -> Self {
        Self {
            ca_file: None,
            plain_http: false,
            timeout: Duration::from_secs(30),
            docker_config_dir: None,
            accept: ACCEPT_ALL.to_string(),
            proxy: ProxyEnv::from_env(),
        }
    }
}

/// A client bound to one repository.
pub struct Registry {
    reference: Reference,
    opts: RegistryOptions,
    http: Http,
    scheme: Mutex<Option<&'static str>>,
    auth: Mutex<Auth>,
    lookup: credentials::Lookup,
    config_path: Option<PathBuf>,
    rate_limit: Mutex<Option<RateLimit>>,
    notes: Mutex<Vec<String>>,
}

impl Registry {
    /// Prepares a client: TLS roots, proxy, and credentials from `config.json`.
    pub fn new(reference: Reference, opts: RegistryOptions) -> Result<Self, FetchError> {
        let http = Http::new(opts.ca_file.as_deref(), opts.timeout, opts.proxy.clone())?;
        let config_path = credentials::config_path(opts.docker_config_dir.as_deref());
        let lookup = credentials::lookup(config_path.as_deref(), &reference.registry);
        let notes = lookup.note.iter().cloned().collect();
        Ok(Self {
            reference,
            opts,
            http,
            scheme: Mutex::new(None),
            auth: Mutex::new(Auth::None),
            lookup,
            config_path,
            rate_limit: Mutex::new(None),
            notes: Mutex::new(notes),
        })
    }

    /// The reference this client reads.
    pub fn reference(&self) -> &Reference {
        &self.reference
    }

    /// Reads the manifest the reference names (by digest when it pins one, else by tag).
    pub fn fetch_root(&self, ctl: &Control) -> Result<Fetched, FetchError> {
        let target = self.reference.target();
        self.fetch_path(
            &format!("manifests/{target}"),
            Some(&self.opts.accept.clone()),
            ctl,
        )
    }

    /// Docker Hub's rate-limit headers from the last manifest answer, when it sent them.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit.lock().ok().and_then(|r| r.clone())
    }

    /// Notes gathered on the way (unsupported credential helpers, HTTP fallback).
    pub fn notes(&self) -> Vec<String> {
        self.notes.lock().map(|n| n.clone()).unwrap_or_default()
    }

    fn note(&self, ctl: &Control, text: String) {
        ctl.report(Progress::Note(text.clone()));
        if let Ok(mut n) = self.notes.lock() {
            n.push(text);
        }
    }

    fn fetch_path(
        &self,
        path: &str,
        accept: Option<&str>,
        ctl: &Control,
    ) -> Result<Fetched, FetchError> {
        let reply = self.request(path, accept, ctl)?;
        if path.starts_with("manifests/")
            && let Some(r) = RateLimit::from_reply(&reply)
            && let Ok(mut slot) = self.rate_limit.lock()
        {
            *slot = Some(r);
        }
        self.check_status(&reply, path)?;
        Ok(Fetched {
            content_type: reply.header("content-type").map(str::to_string),
            header_digest: reply.header("docker-content-digest").map(str::to_string),
            bytes: reply.body,
        })
    }

    fn schemes(&self) -> Vec<&'static str> {
        match self.scheme.lock().ok().and_then(|s| *s) {
            Some(s) => vec![s],
            None if self.opts.plain_http => vec!["http"],
            None if is_loopback(self.reference.host()) => vec!["https", "http"],
            None => vec!["https"],
        }
    }

    fn request(
        &self,
        path: &str,
        accept: Option<&str>,
        ctl: &Control,
    ) -> Result<Reply, FetchError> {
        let mut failures: Vec<String> = Vec::new();
        let schemes = self.schemes();
        for (i, scheme) in schemes.iter().enumerate() {
            let url = format!(
                "{scheme}://{}/v2/{}/{path}",
                self.reference.endpoint(),
                self.reference.repository
            );
            match self.send(&url, accept, ctl) {
                Err(FetchError::Network(msg)) if i + 1 < schemes.len() => {
                    tracing::debug!(%msg, "HTTPS failed on a loopback registry");
                    failures.push(msg);
                }
                Err(FetchError::Network(msg)) if !failures.is_empty() => {
                    failures.push(msg);
                    return Err(FetchError::Network(failures.join("; then ")));
                }
                Ok(reply) if !failures.is_empty() && reply.status == 400 => {
                    // A TLS server answers plain HTTP with 400: the HTTPS failure is the news.
                    failures.push(format!("plain HTTP got 400: {}", error_text(&reply)));
                    return Err(FetchError::Network(failures.join("; then ")));
                }
                Ok(reply) => {
                    if !failures.is_empty() {
                        self.note(
                            ctl,
                            format!(
                                "HTTPS to {} failed; used plain HTTP (loopback host)",
                                self.reference.endpoint()
                            ),
                        );
                    }
                    if let Ok(mut s) = self.scheme.lock() {
                        *s = Some(scheme);
                    }
                    return Ok(reply);
                }
                Err(e) => return Err(e),
            }
        }
        Err(FetchError::Network("no scheme to try".into()))
    }

    fn send(&self, url: &str, accept: Option<&str>, ctl: &Control) -> Result<Reply, FetchError> {
        let current = self.auth.lock().map(|a| a.clone()).unwrap_or(Auth::None);
        let reply = self
            .http
            .get(url, accept, &current, MAX_DOCUMENT_BYTES, ctl)?;
        if reply.status != 401 {
            return Ok(reply);
        }
        let header = reply.header("www-authenticate").unwrap_or("");
        let fresh = self.authenticate(header, ctl)?;
        if let Ok(mut a) = self.auth.lock() {
            *a = fresh.clone();
        }
        self.http.get(url, accept, &fresh, MAX_DOCUMENT_BYTES, ctl)
    }

    fn authenticate(&self, header: &str, ctl: &Control) -> Result<Auth, FetchError> {
        let challenges = auth::parse_challenges(header);
        if let Some(bearer) = challenges.iter().find(|c| c.scheme == "bearer") {
            let url = auth::token_url(bearer, &self.reference.repository).ok_or_else(|| {
                FetchError::Refused(format!(
                    "{}: a Bearer challenge without realm",
                    self.reference.registry
                ))
            })?;
            return self.token(&url, ctl).map(Auth::Bearer);
        }
        if challenges.iter().any(|c| c.scheme == "basic") {
            return match &self.lookup.credentials {
                Some(c) => Ok(Auth::Basic(c.clone())),
                None => Err(FetchError::Refused(self.no_credentials())),
            };
        }
        Err(FetchError::Refused(format!(
            "{} answered 401 without a usable WWW-Authenticate challenge",
            self.reference.registry
        )))
    }

    fn token(&self, url: &str, ctl: &Control) -> Result<String, FetchError> {
        let (scheme, host, _) = http::split_url(url).ok_or_else(|| {
            FetchError::Refused(format!("token realm {url} is not an http(s) URL"))
        })?;
        if scheme == "http" && !is_loopback(host) && !self.opts.plain_http {
            return Err(FetchError::Refused(format!(
                "refusing to ask for a token over plain HTTP at {url}"
            )));
        }
        ctl.report(Progress::Authenticating(
            url.split('?').next().unwrap_or(url).to_string(),
        ));
        let auth = self
            .lookup
            .credentials
            .clone()
            .map_or(Auth::None, Auth::Basic);
        let reply = self
            .http
            .get(url, Some("application/json"), &auth, 64 * 1024, ctl)?;
        if reply.status != 200 {
            let why = if reply.status == 401 {
                self.no_credentials()
            } else {
                error_text(&reply)
            };
            return Err(FetchError::Refused(format!(
                "token server answered {}: {why}",
                reply.status
            )));
        }
        auth::parse_token(&reply.body)
            .ok_or_else(|| FetchError::Refused("the token server's answer holds no token".into()))
    }

    fn no_credentials(&self) -> String {
        let config = self
            .config_path
            .as_ref()
            .map_or("config.json".to_string(), |p| p.display().to_string());
        let mut text = match &self.lookup.credentials {
            Some(_) => format!(
                "{} refused the credentials from {config}",
                self.reference.registry
            ),
            None => format!(
                "{} needs credentials and {config} has none for it",
                self.reference.registry
            ),
        };
        if let Some(note) = &self.lookup.note {
            text.push_str(&format!(" ({note})"));
        }
        text
    }

    fn check_status(&self, reply: &Reply, path: &str) -> Result<(), FetchError> {
        let what = format!(
            "{}/{}: {path}",
            self.reference.registry, self.reference.repository
        );
        match reply.status {
            200..=299 => Ok(()),
            401 => Err(FetchError::Refused(format!(
                "{what}: 401 Unauthorized: {}",
                self.no_credentials()
            ))),
            404 => Err(FetchError::NotFound(format!(
                "{what}: not found: {}",
                error_text(reply)
            ))),
            429 => {
                let limit = self
                    .rate_limit()
                    .map(|r| format!(" ({})", r.describe()))
                    .unwrap_or_default();
                Err(FetchError::Refused(format!(
                    "{what}: too many requests{limit}: {}",
                    error_text(reply)
                )))
            }
            s => Err(FetchError::Refused(format!(
                "{what}: the registry answered {s}: {}",
                error_text(reply)
            ))),
        }
    }
}

impl Provider for Registry {
    fn fetch(&self, d: &Descriptor, want: Want, ctl: &Control) -> Result<Fetched, FetchError> {
        let digest = crate::manifest::provider::checked_digest(d)?;
        match want {
            Want::Manifest => self.fetch_path(
                &format!("manifests/{digest}"),
                Some(&self.opts.accept.clone()),
                ctl,
            ),
            Want::Blob => self.fetch_path(&format!("blobs/{digest}"), None, ctl),
        }
    }
}
