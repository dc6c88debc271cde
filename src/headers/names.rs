//! Canonical names of common request headers, for the `interned` variant.
//!
//! The table is sorted by length, so a lookup only compares a name against the few entries of
//! its own length.

/// Common request header names, lowercase, sorted by length.
pub static COMMON: [&str; 50] = [
    "te",
    "dnt",
    "via",
    "date",
    "from",
    "host",
    "range",
    "accept",
    "cookie",
    "expect",
    "origin",
    "pragma",
    "referer",
    "trailer",
    "upgrade",
    "if-match",
    "if-range",
    "priority",
    "forwarded",
    "sec-ch-ua",
    "connection",
    "keep-alive",
    "user-agent",
    "content-type",
    "x-request-id",
    "authorization",
    "cache-control",
    "if-none-match",
    "accept-charset",
    "content-length",
    "sec-fetch-dest",
    "sec-fetch-mode",
    "sec-fetch-site",
    "sec-fetch-user",
    "accept-encoding",
    "accept-language",
    "x-forwarded-for",
    "content-encoding",
    "sec-ch-ua-mobile",
    "x-forwarded-host",
    "x-requested-with",
    "if-modified-since",
    "sec-websocket-key",
    "transfer-encoding",
    "x-forwarded-proto",
    "sec-ch-ua-platform",
    "if-unmodified-since",
    "proxy-authorization",
    "sec-websocket-version",
    "upgrade-insecure-requests",
];

const MAX_LEN: usize = 32;

/// For each length, the range of `COMMON` holding names of that length.
static BY_LEN: [(u8, u8); MAX_LEN + 1] = by_len();

const fn by_len() -> [(u8, u8); MAX_LEN + 1] {
    let mut ranges = [(0u8, 0u8); MAX_LEN + 1];
    let mut i = 0;
    while i < COMMON.len() {
        let len = COMMON[i].len();
        if ranges[len].1 == 0 {
            ranges[len].0 = i as u8;
        }
        ranges[len].1 = i as u8 + 1;
        i += 1;
    }
    ranges
}

/// The index in [`COMMON`] of `name` (any case), if it is a common name.
#[inline]
pub fn lookup(name: &str) -> Option<u8> {
    let &(start, end) = BY_LEN.get(name.len())?;
    (start..end).find(|&i| COMMON[i as usize].eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_by_length_lowercase_and_unique() {
        for pair in COMMON.windows(2) {
            assert!(
                pair[0].len() <= pair[1].len(),
                "{} before {}",
                pair[0],
                pair[1]
            );
            assert_ne!(pair[0], pair[1]);
        }
        for name in COMMON {
            assert_eq!(name, name.to_ascii_lowercase());
            assert!(name.len() <= MAX_LEN);
        }
    }

    #[test]
    fn every_common_name_is_found_in_any_case() {
        for (i, name) in COMMON.iter().enumerate() {
            assert_eq!(lookup(name), Some(i as u8));
            assert_eq!(lookup(&name.to_ascii_uppercase()), Some(i as u8));
        }
    }

    #[test]
    fn other_names_are_not_found() {
        for name in ["", "x", "hosts", "x-custom-header", &"a".repeat(200)] {
            assert_eq!(lookup(name), None, "{name}");
        }
    }
}
