//! What the registry's answers say besides the content: Docker Hub's rate-limit headers and
//! the error messages of failed requests.

use serde::Serialize;

use super::http::Reply;

/// Docker Hub's pull rate limit as its headers state it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RateLimit {
    /// `ratelimit-limit`, such as `100;w=21600`.
    pub limit: String,
    /// `ratelimit-remaining`, such as `76;w=21600`.
    pub remaining: String,
}

impl RateLimit {
    pub(crate) fn from_reply(reply: &Reply) -> Option<Self> {
        let limit = reply.header("ratelimit-limit")?.to_string();
        let remaining = reply
            .header("ratelimit-remaining")
            .unwrap_or("?")
            .to_string();
        Some(Self { limit, remaining })
    }

    /// "76 of 100 pulls left (window 21600 s)".
    pub fn describe(&self) -> String {
        let count = |s: &str| s.split(';').next().unwrap_or("").trim().to_string();
        let window = self
            .limit
            .split(';')
            .find_map(|p| p.trim().strip_prefix("w="))
            .map(str::to_string);
        let mut text = format!(
            "{} of {} pulls left",
            count(&self.remaining),
            count(&self.limit)
        );
        if let Some(w) = window {
            text.push_str(&format!(" (window {w} s)"));
        }
        text
    }
}

/// The registry's error message: `CODE: message` from its JSON errors, or the start of the body.
pub(crate) fn error_text(reply: &Reply) -> String {
    #[derive(serde::Deserialize)]
    struct Errors {
        errors: Vec<ErrorItem>,
    }
    #[derive(serde::Deserialize)]
    struct ErrorItem {
        #[serde(default)]
        code: String,
        #[serde(default)]
        message: String,
    }
    if let Ok(e) = serde_json::from_slice::<Errors>(&reply.body)
        && !e.errors.is_empty()
    {
        let parts: Vec<String> = e
            .errors
            .iter()
            .map(|i| format!("{}: {}", i.code, i.message))
            .collect();
        return parts.join("; ");
    }
    let text = String::from_utf8_lossy(&reply.body);
    let text: String = text.trim().chars().take(200).collect();
    if text.is_empty() {
        "(no message)".to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_text() {
        let r = RateLimit {
            limit: "100;w=21600".into(),
            remaining: "76;w=21600".into(),
        };
        assert_eq!(r.describe(), "76 of 100 pulls left (window 21600 s)");
    }

    #[test]
    fn registry_errors_are_summarised() {
        let reply = Reply {
            status: 404,
            headers: Vec::new(),
            body: br#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{}}]}"#.to_vec(),
        };
        assert_eq!(error_text(&reply), "MANIFEST_UNKNOWN: manifest unknown");
        let reply = Reply {
            status: 500,
            headers: Vec::new(),
            body: b"  oops  ".to_vec(),
        };
        assert_eq!(error_text(&reply), "oops");
    }
}
