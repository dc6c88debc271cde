//! The registry token flow: parsing `WWW-Authenticate` challenges (RFC 7235) and building the
//! token request (`realm?service=…&scope=repository:<name>:pull`), and reading its answer.

use std::collections::BTreeMap;

use serde::Deserialize;

/// One challenge: a scheme (`Bearer`, `Basic`) and its parameters, keys lowercased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// The scheme, lowercased.
    pub scheme: String,
    /// The parameters (`realm`, `service`, `scope`).
    pub params: BTreeMap<String, String>,
}

/// Parses a `WWW-Authenticate` value holding one or more challenges.
pub fn parse_challenges(header: &str) -> Vec<Challenge> {
    let mut out: Vec<Challenge> = Vec::new();
    let mut rest = header.trim();
    while !rest.is_empty() {
        rest = rest.trim_start_matches([',', ' ', '\t']);
        let (token, after) = take_token(rest);
        if token.is_empty() {
            break;
        }
        let after_ws = after.trim_start();
        if let Some(value_part) = after_ws.strip_prefix('=').filter(|_| !out.is_empty()) {
            let (value, remaining) = take_value(value_part.trim_start());
            if let Some(c) = out.last_mut() {
                c.params.insert(token.to_ascii_lowercase(), value);
            }
            rest = remaining;
        } else {
            out.push(Challenge {
                scheme: token.to_ascii_lowercase(),
                params: BTreeMap::new(),
            });
            rest = after;
        }
    }
    out
}

fn take_token(s: &str) -> (&str, &str) {
    let end = s
        .find(|c: char| c.is_whitespace() || c == '=' || c == ',')
        .unwrap_or(s.len());
    (&s[..end], &s[end..])
}

fn take_value(s: &str) -> (String, &str) {
    let Some(quoted) = s.strip_prefix('"') else {
        let end = s.find([',', ' ']).unwrap_or(s.len());
        return (s[..end].to_string(), &s[end..]);
    };
    let mut value = String::new();
    let mut chars = quoted.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    value.push(escaped);
                }
            }
            '"' => return (value, &quoted[i + 1..]),
            c => value.push(c),
        }
    }
    (value, "")
}

/// The token endpoint URL for pulling `repository`, from a Bearer challenge.
///
/// The challenge's own `scope` is used when it names one; otherwise pull access to the
/// repository is asked for.
pub fn token_url(challenge: &Challenge, repository: &str) -> Option<String> {
    let realm = challenge.params.get("realm")?;
    let mut query = Vec::new();
    if let Some(service) = challenge.params.get("service") {
        query.push(format!("service={}", encode(service)));
    }
    let scope = challenge
        .params
        .get("scope")
        .cloned()
        .unwrap_or_else(|| format!("repository:{repository}:pull"));
    query.push(format!("scope={}", encode(&scope)));
    let sep = if realm.contains('?') { '&' } else { '?' };
    Some(format!("{realm}{sep}{}", query.join("&")))
}

/// Percent-encodes a query value (unreserved characters pass through).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[derive(Deserialize)]
struct TokenReply {
    #[serde(default)]
    token: Option<String>,
    #[serde(default)]
    access_token: Option<String>,
}

/// Takes the token out of a token server's JSON answer (`token`, or OAuth's `access_token`).
pub fn parse_token(body: &[u8]) -> Option<String> {
    let reply: TokenReply = serde_json::from_slice(body).ok()?;
    reply
        .token
        .or(reply.access_token)
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_graphic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_hub_challenge() {
        let h = r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull""#;
        let c = parse_challenges(h);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].scheme, "bearer");
        assert_eq!(
            token_url(&c[0], "ignored").unwrap(),
            "https://auth.docker.io/token?service=registry.docker.io&scope=repository%3Alibrary%2Falpine%3Apull"
        );
    }

    #[test]
    fn several_challenges_and_escapes() {
        let c = parse_challenges(
            r#"Basic realm="a \"b\"", Bearer realm=https://t/x?a=1 , service=svc"#,
        );
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].params["realm"], "a \"b\"");
        assert_eq!(c[1].params["service"], "svc");
        assert_eq!(
            token_url(&c[1], "lib/x").unwrap(),
            "https://t/x?a=1&service=svc&scope=repository%3Alib%2Fx%3Apull"
        );
    }

    #[test]
    fn tokens() {
        assert_eq!(parse_token(br#"{"token":"abc"}"#).as_deref(), Some("abc"));
        assert_eq!(
            parse_token(br#"{"access_token":"xyz","expires_in":300}"#).as_deref(),
            Some("xyz")
        );
        assert_eq!(parse_token(br#"{"token":"bad\nvalue"}"#), None);
        assert_eq!(parse_token(b"not json"), None);
    }
}
