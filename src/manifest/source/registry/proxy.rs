//! Which proxy a request goes through, following Go's `httpproxy` rules (what Docker uses).
//!
//! `HTTPS_PROXY` serves https URLs and `HTTP_PROXY` plain ones (upper case first, then lower).
//! Loopback hosts never use a proxy. `NO_PROXY` is a comma-separated list: `*` disables the
//! proxy; an IP or CIDR range matches addresses; `example.com` matches the domain and its
//! subdomains; `.example.com` and `*.example.com` only subdomains; an entry with `:port`
//! matches that port only. ureq's own environment handling picks one proxy for every scheme
//! and knows no CIDR ranges or ports, so the decision is made here and ureq is handed the
//! result.

use std::net::IpAddr;

/// The proxy settings, read once from the environment (or given, in tests).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyEnv {
    /// `HTTPS_PROXY` / `https_proxy`.
    pub https: Option<String>,
    /// `HTTP_PROXY` / `http_proxy`.
    pub http: Option<String>,
    /// `NO_PROXY` / `no_proxy`.
    pub no_proxy: Option<String>,
}

impl ProxyEnv {
    /// Reads the variables from the process environment (empty values count as unset).
    pub fn from_env() -> Self {
        let get = |names: [&str; 2]| {
            names
                .iter()
                .find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()))
        };
        Self {
            https: get(["HTTPS_PROXY", "https_proxy"]),
            http: get(["HTTP_PROXY", "http_proxy"]),
            no_proxy: get(["NO_PROXY", "no_proxy"]),
        }
    }

    /// The proxy URL for a request, or None to connect directly.
    pub fn proxy_for(&self, scheme: &str, host: &str, port: u16) -> Option<String> {
        let proxy = match scheme {
            "https" => self.https.as_deref(),
            "http" => self.http.as_deref(),
            _ => None,
        }?;
        if is_loopback(host) || self.excluded(host, port) {
            return None;
        }
        let proxy = proxy.trim();
        Some(if proxy.contains("://") {
            proxy.to_string()
        } else {
            format!("http://{proxy}")
        })
    }

    fn excluded(&self, host: &str, port: u16) -> bool {
        let Some(list) = &self.no_proxy else {
            return false;
        };
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        list.split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .any(|entry| no_proxy_matches(entry, &host, port))
    }
}

/// True for `localhost`, `*.localhost`, and loopback addresses.
pub fn is_loopback(host: &str) -> bool {
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn no_proxy_matches(entry: &str, host: &str, port: u16) -> bool {
    if entry == "*" {
        return true;
    }
    if let Some((net, bits)) = entry.split_once('/') {
        return cidr_contains(net, bits, host);
    }
    if let Ok(ip) = entry
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
    {
        return host.parse::<IpAddr>().is_ok_and(|h| h == ip);
    }
    let (name, entry_port) = match entry.rsplit_once(':') {
        Some((n, p)) if p.bytes().all(|b| b.is_ascii_digit()) => (n, p.parse::<u16>().ok()),
        _ => (entry, None),
    };
    if entry_port.is_some_and(|p| p != port) {
        return false;
    }
    let name = name.to_ascii_lowercase();
    match name.strip_prefix("*.").or_else(|| name.strip_prefix('.')) {
        Some(domain) => host.ends_with(&format!(".{domain}")),
        None => host == name || host.ends_with(&format!(".{name}")),
    }
}

fn cidr_contains(net: &str, bits: &str, host: &str) -> bool {
    let (Ok(net), Ok(bits), Ok(h)) = (
        net.parse::<IpAddr>(),
        bits.parse::<u32>(),
        host.parse::<IpAddr>(),
    ) else {
        return false;
    };
    let (n, h, width) = match (net, h) {
        (IpAddr::V4(n), IpAddr::V4(h)) => (u32::from(n) as u128, u32::from(h) as u128, 32),
        (IpAddr::V6(n), IpAddr::V6(h)) => (u128::from(n), u128::from(h), 128),
        _ => return false,
    };
    if bits > width {
        return false;
    }
    let shift = width - bits;
    shift >= width || (n >> shift) == (h >> shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(no_proxy: &str) -> ProxyEnv {
        ProxyEnv {
            https: Some("proxy.lan:3128".into()),
            http: Some("http://plain.lan:8080".into()),
            no_proxy: Some(no_proxy.into()),
        }
    }

    #[test]
    fn scheme_selects_the_variable() {
        let e = env("");
        assert_eq!(
            e.proxy_for("https", "ghcr.io", 443).as_deref(),
            Some("http://proxy.lan:3128")
        );
        assert_eq!(
            e.proxy_for("http", "ghcr.io", 80).as_deref(),
            Some("http://plain.lan:8080")
        );
        assert_eq!(ProxyEnv::default().proxy_for("https", "ghcr.io", 443), None);
    }

    #[test]
    fn loopback_is_never_proxied() {
        let e = env("");
        for host in [
            "localhost",
            "127.0.0.1",
            "127.8.9.10",
            "::1",
            "[::1]",
            "registry.localhost",
        ] {
            assert_eq!(e.proxy_for("https", host, 5000), None, "{host}");
        }
    }

    #[test]
    fn no_proxy_table() {
        let cases = [
            ("ghcr.io", "ghcr.io", 443, true),
            ("ghcr.io", "pkg.ghcr.io", 443, true),
            ("ghcr.io", "notghcr.io", 443, false),
            (".example.com", "example.com", 443, false),
            (".example.com", "a.example.com", 443, true),
            ("*.example.com", "a.b.example.com", 443, true),
            ("registry.lan:5000", "registry.lan", 5000, true),
            ("registry.lan:5000", "registry.lan", 443, false),
            ("10.0.0.0/8", "10.20.30.40", 443, true),
            ("10.0.0.0/8", "11.0.0.1", 443, false),
            ("fd00::/8", "fd12::1", 443, true),
            ("192.168.1.7", "192.168.1.7", 443, true),
            (" foo.lan , Bar.LAN ", "bar.lan", 443, true),
            ("*", "anything.example", 443, true),
        ];
        for (list, host, port, bypass) in cases {
            let got = env(list).proxy_for("https", host, port).is_none();
            assert_eq!(got, bypass, "NO_PROXY={list:?} host={host}:{port}");
        }
    }
}
