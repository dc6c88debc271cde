//! HTTP for the registry client: ureq agents (one per proxy decision), TLS trusting the system
//! store plus an optional CA file, a global timeout, and bodies read in chunks so a raised
//! cancel flag or the size limit stops a download part way.
//!
//! Cancellation is checked between chunks; a connect or read that hangs ends at the timeout.
//! A redirect (blob storage) is followed with the proxy decision made for the first URL.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use ureq::Agent;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};

use super::credentials::Credentials;
use super::proxy::ProxyEnv;
use crate::manifest::model::DocumentError;
use crate::manifest::provider::{Control, FetchError, Progress};

/// Error bodies are read up to this size for their message.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// How a request authenticates.
#[derive(Debug, Clone)]
pub enum Auth {
    /// No `Authorization` header.
    None,
    /// `Authorization: Bearer <token>`.
    Bearer(String),
    /// `Authorization: Basic <base64(user:password)>`.
    Basic(Credentials),
}

impl Auth {
    fn header(&self) -> Option<String> {
        match self {
            Auth::None => None,
            Auth::Bearer(t) => Some(format!("Bearer {t}")),
            Auth::Basic(c) => {
                let raw = format!("{}:{}", c.username, c.password);
                Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(raw)
                ))
            }
        }
    }
}

/// A response: status, headers (names lowercased), and the body as far as it was read.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// Headers, names lowercased, values decoded lossily.
    pub headers: Vec<(String, String)>,
    /// The body (complete for success statuses, at most 64 KiB for errors).
    pub body: Vec<u8>,
}

impl Reply {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The HTTP side of the client.
pub struct Http {
    tls: TlsConfig,
    timeout: Duration,
    proxy: ProxyEnv,
    agents: Mutex<HashMap<Option<String>, Agent>>,
}

impl Http {
    /// Sets up TLS (failing when the CA file cannot be used) and the proxy settings.
    pub fn new(
        ca_file: Option<&Path>,
        timeout: Duration,
        proxy: ProxyEnv,
    ) -> Result<Self, FetchError> {
        let tls = TlsConfig::builder().root_certs(roots(ca_file)?).build();
        Ok(Self {
            tls,
            timeout,
            proxy,
            agents: Mutex::new(HashMap::new()),
        })
    }

    fn agent(&self, url: &str) -> Result<Agent, FetchError> {
        let (scheme, host, port) =
            split_url(url).ok_or_else(|| FetchError::Config(format!("not a URL: {url}")))?;
        let proxy_url = self.proxy.proxy_for(scheme, host, port);
        let mut agents = self
            .agents
            .lock()
            .map_err(|_| FetchError::Io("HTTP client state is poisoned".into()))?;
        if let Some(a) = agents.get(&proxy_url) {
            return Ok(a.clone());
        }
        let proxy = match &proxy_url {
            Some(p) => Some(
                ureq::Proxy::new(p).map_err(|e| FetchError::Config(format!("proxy {p}: {e}")))?,
            ),
            None => None,
        };
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(self.timeout))
            .proxy(proxy)
            .tls_config(self.tls.clone())
            .user_agent(concat!("notebench/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        agents.insert(proxy_url, agent.clone());
        Ok(agent)
    }

    /// GETs `url`. Success bodies over `limit` bytes are refused as too large.
    pub fn get(
        &self,
        url: &str,
        accept: Option<&str>,
        auth: &Auth,
        limit: usize,
        ctl: &Control,
    ) -> Result<Reply, FetchError> {
        ctl.check()?;
        ctl.report(Progress::Requesting(url.to_string()));
        let mut req = self.agent(url)?.get(url);
        if let Some(a) = accept {
            req = req.header("Accept", a);
        }
        if let Some(h) = auth.header() {
            req = req.header("Authorization", h);
        }
        let resp = req.call().map_err(|e| network_error(url, &e))?;
        into_reply(resp, url, limit, ctl)
    }
}

/// Reads a response: all of a success body up to `limit` (refusing more), the start of an
/// error body.
fn into_reply(
    resp: ureq::http::Response<ureq::Body>,
    url: &str,
    limit: usize,
    ctl: &Control,
) -> Result<Reply, FetchError> {
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let success = (200..300).contains(&status);
    let too_large = |size| {
        FetchError::from(DocumentError::TooLarge {
            name: url.to_string(),
            size,
        })
    };
    let declared = resp.body().content_length();
    if success && declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large(declared));
    }
    let cap = if success { limit } else { ERROR_BODY_LIMIT };
    let body = read_body(resp.into_body().into_reader(), cap, url, ctl)?;
    if success && body.len() > limit {
        return Err(too_large(None));
    }
    Ok(Reply {
        status,
        headers,
        body,
    })
}

/// Reads at most `cap + 1` bytes, checking the cancel flag between chunks.
fn read_body(
    mut reader: impl Read,
    cap: usize,
    url: &str,
    ctl: &Control,
) -> Result<Vec<u8>, FetchError> {
    let mut body = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        ctl.check()?;
        let n = reader
            .read(&mut chunk)
            .map_err(|e| FetchError::Network(format!("{url}: reading the answer failed: {e}")))?;
        if n == 0 {
            return Ok(body);
        }
        body.extend_from_slice(&chunk[..n]);
        ctl.report(Progress::Received(body.len() as u64));
        if body.len() > cap {
            return Ok(body);
        }
    }
}

fn network_error(url: &str, e: &ureq::Error) -> FetchError {
    let text = e.to_string();
    let hint = if text.contains("certificate") || text.contains("UnknownIssuer") {
        " (if the registry uses its own CA, pass it with --ca-file)"
    } else {
        ""
    };
    FetchError::Network(format!("{url}: {text}{hint}"))
}

/// The system's certificate store plus the certificates in `ca_file`.
fn roots(ca_file: Option<&Path>) -> Result<RootCerts, FetchError> {
    let native = rustls_native_certs::load_native_certs();
    if !native.errors.is_empty() {
        tracing::warn!(
            errors = native.errors.len(),
            "some system certificates could not be loaded"
        );
    }
    let mut certs: Vec<Certificate<'static>> = native
        .certs
        .iter()
        .map(|c| Certificate::from_der(c.as_ref()).to_owned())
        .collect();
    if let Some(path) = ca_file {
        let pem = crate::paths::read_limited(path, crate::paths::SMALL_FILE_LIMIT)
            .map_err(|e| FetchError::Config(format!("--ca-file {}: {e}", path.display())))?;
        let before = certs.len();
        for item in ureq::tls::parse_pem(&pem) {
            match item {
                Ok(PemItem::Certificate(c)) => certs.push(c),
                Ok(_) => {}
                Err(e) => {
                    return Err(FetchError::Config(format!(
                        "--ca-file {}: {e}",
                        path.display()
                    )));
                }
            }
        }
        if certs.len() == before {
            return Err(FetchError::Config(format!(
                "--ca-file {}: no PEM certificate in it",
                path.display()
            )));
        }
    }
    if certs.is_empty() {
        tracing::warn!("no system certificates found; using the bundled Mozilla roots");
        return Ok(RootCerts::WebPki);
    }
    Ok(RootCerts::Specific(Arc::new(certs)))
}

/// Scheme, host and port of an absolute http(s) URL.
pub fn split_url(url: &str) -> Option<(&str, &str, u16)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let default = match scheme {
        "https" => 443,
        "http" => 80,
        _ => return None,
    };
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6.split_once(']')?;
        (
            h,
            after
                .strip_prefix(':')
                .map(str::parse)
                .transpose()
                .ok()?
                .unwrap_or(default),
        )
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, p.parse().ok()?),
            None => (authority, default),
        }
    };
    (!host.is_empty()).then_some((scheme, host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split() {
        assert_eq!(
            split_url("https://ghcr.io/v2/"),
            Some(("https", "ghcr.io", 443))
        );
        assert_eq!(
            split_url("http://127.0.0.1:5000/v2/x"),
            Some(("http", "127.0.0.1", 5000))
        );
        assert_eq!(
            split_url("http://[::1]:8080/token?x"),
            Some(("http", "::1", 8080))
        );
        assert_eq!(
            split_url("https://u:p@auth.example/token"),
            Some(("https", "auth.example", 443))
        );
        assert_eq!(split_url("ftp://x/"), None);
        assert_eq!(split_url("https:///x"), None);
    }

    #[test]
    fn a_ca_file_without_certificates_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ca.pem");
        std::fs::write(&path, "not a certificate").unwrap();
        let err = roots(Some(&path)).unwrap_err();
        assert!(err.to_string().contains("no PEM certificate"), "{err}");
        assert!(roots(Some(&dir.path().join("missing.pem"))).is_err());
    }

    #[test]
    fn basic_auth_header() {
        let auth = Auth::Basic(Credentials {
            username: "a".into(),
            password: "b".into(),
        });
        assert_eq!(auth.header().as_deref(), Some("Basic YTpi"));
    }
}
