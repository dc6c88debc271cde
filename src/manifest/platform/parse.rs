//! containerd's platform specifier syntax: `<os>[(<version>[+<feature>]*)]`, `<arch>`, or
//! `<os>/<arch>[/<variant>]`, with the parts that are left out taken from the host.

use super::{Platform, host, normalize_arch, normalize_os};

/// Operating systems Go knows; a single-part specifier naming one is an OS, otherwise an arch.
const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "windows",
    "zos",
];

/// Architectures Go knows (after normalisation).
const KNOWN_ARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "ppc64",
    "ppc64le",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

/// Why a platform specifier was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid platform {spec:?}: {reason}")]
pub struct PlatformError {
    /// The specifier as given.
    pub spec: String,
    /// What is wrong with it.
    pub reason: String,
}

/// Parses a specifier, filling missing parts from the detected host (see [`parse_with_host`]).
pub fn parse(spec: &str) -> Result<Platform, PlatformError> {
    parse_with_host(spec, &host::host_platform())
}

/// Parses a specifier the way containerd's `platforms.Parse` does, with `host` standing in
/// for the running system where a part is left out.
///
/// `linux/arm` and `linux/arm/v7` differ here as in containerd: two parts drop the default
/// `v7`, three keep it; `linux/arm64/v8` keeps `v8` where `linux/arm64` has no variant.
pub fn parse_with_host(spec: &str, host: &Platform) -> Result<Platform, PlatformError> {
    let fail = |reason: String| PlatformError {
        spec: spec.to_string(),
        reason,
    };
    if spec.contains('*') {
        return Err(fail("wildcards are not supported".into()));
    }
    let parts: Vec<&str> = spec.splitn(4, '/').collect();
    let mut p = parse_os_part(parts[0]).map_err(fail)?;
    if let Some(bad) = parts[1..].iter().find(|s| !is_component(s)) {
        return Err(fail(format!(
            "{bad:?} may hold only letters, digits, '_', '.' and '-'"
        )));
    }
    match parts.as_slice() {
        [single] => single_part(p, single, host).map_err(fail),
        [_, arch] => {
            (p.architecture, p.variant) = two_part_arch(arch);
            Ok(p)
        }
        [_, arch, variant] => {
            (p.architecture, p.variant) = normalize_arch(arch, variant);
            if p.architecture == "arm64" && p.variant.is_empty() {
                p.variant = "v8".into();
            }
            Ok(p)
        }
        _ => Err(fail("more than three '/'-separated parts".into())),
    }
}

/// One part: an OS takes the host's architecture (and its ARM variant unless v7); anything
/// else must be an architecture and takes the host's OS.
fn single_part(mut p: Platform, part: &str, host: &Platform) -> Result<Platform, String> {
    if KNOWN_OS.contains(&p.os.as_str()) {
        p.architecture = host.architecture.clone();
        if host.architecture == "arm" && host.variant != "v7" {
            p.variant = host.variant.clone();
        }
        return Ok(p);
    }
    let (architecture, variant) = two_part_arch(part);
    if !KNOWN_ARCH.contains(&architecture.as_str()) {
        return Err("neither a known operating system nor a known architecture".into());
    }
    Ok(Platform {
        os: host.os.clone(),
        architecture,
        variant,
        ..Platform::default()
    })
}

fn two_part_arch(arch: &str) -> (String, String) {
    let (arch, variant) = normalize_arch(arch, "");
    if arch == "arm" && variant == "v7" {
        (arch, String::new())
    } else {
        (arch, variant)
    }
}

fn is_component(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
}

/// Parses `os` or `os(version+feature+feature)`.
fn parse_os_part(part: &str) -> Result<Platform, String> {
    let (name, options) = match part.split_once('(') {
        None => (part, None),
        Some((name, rest)) => match rest.strip_suffix(')') {
            Some(inner) => (name, Some(inner)),
            None => return Err(format!("{part:?} opens '(' without closing it at the end")),
        },
    };
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-".contains(&b))
    {
        return Err(format!("{part:?} is not an operating system name"));
    }
    let mut p = Platform {
        os: normalize_os(name),
        ..Platform::default()
    };
    if let Some(inner) = options {
        let option_ok = |s: &str| {
            s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.%-".contains(&b))
        };
        let mut pieces = inner.split('+');
        let version = pieces.next().unwrap_or("");
        if !option_ok(version) {
            return Err(format!("{version:?} is not an OS version"));
        }
        p.os_version = decode_option(version)?;
        for feature in pieces {
            if feature.is_empty() || !option_ok(feature) {
                return Err(format!("{feature:?} is not an OS feature"));
            }
            p.os_features.push(decode_option(feature)?);
        }
    }
    Ok(p)
}

fn decode_option(v: &str) -> Result<String, String> {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = v
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            out.push(hex.ok_or_else(|| format!("{v:?} has a bad %-escape"))?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("{v:?} decodes to invalid UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arm_v6_host() -> Platform {
        Platform::new("linux", "arm", "v6")
    }

    #[test]
    fn table() {
        let host = Platform::new("linux", "amd64", "v3");
        let cases: &[(&str, &str, &str, &str, &str)] = &[
            // spec, os, arch, variant, os.version
            ("linux/amd64", "linux", "amd64", "", ""),
            ("linux/x86_64", "linux", "amd64", "", ""),
            ("Linux/AARCH64", "linux", "arm64", "", ""),
            ("linux/arm64/v8", "linux", "arm64", "v8", ""),
            ("linux/arm64", "linux", "arm64", "", ""),
            ("linux/arm", "linux", "arm", "", ""),
            ("linux/arm/v7", "linux", "arm", "v7", ""),
            ("linux/arm/7", "linux", "arm", "v7", ""),
            ("linux/armhf", "linux", "arm", "", ""),
            ("linux/armel", "linux", "arm", "v6", ""),
            ("linux/i386", "linux", "386", "", ""),
            ("linux/amd64/v1", "linux", "amd64", "", ""),
            ("linux/amd64/v3", "linux", "amd64", "v3", ""),
            ("macos/arm64", "darwin", "arm64", "", ""),
            (
                "windows(10.0.17763)/amd64",
                "windows",
                "amd64",
                "",
                "10.0.17763",
            ),
            ("aarch64", "linux", "arm64", "", ""),
            ("linux", "linux", "amd64", "", ""),
        ];
        for (spec, os, arch, variant, version) in cases {
            let p = parse_with_host(spec, &host).unwrap();
            assert_eq!(
                (
                    p.os.as_str(),
                    p.architecture.as_str(),
                    p.variant.as_str(),
                    p.os_version.as_str()
                ),
                (*os, *arch, *variant, *version),
                "{spec}"
            );
        }
    }

    #[test]
    fn bare_os_on_an_arm_host_takes_its_variant() {
        assert_eq!(
            parse_with_host("linux", &arm_v6_host()).unwrap().short(),
            "linux/arm/v6"
        );
    }

    #[test]
    fn os_features_and_escapes() {
        let host = Platform::new("linux", "amd64", "");
        let p = parse_with_host("windows(10.0.17763+win32k+a%2Bb)/amd64", &host).unwrap();
        assert_eq!(p.os_features, vec!["win32k".to_string(), "a+b".to_string()]);
    }

    #[test]
    fn refusals() {
        let host = Platform::new("linux", "amd64", "");
        for bad in [
            "linux/*",
            "a/b/c/d",
            "linux/",
            "lin ux/amd64",
            "windows(10/amd64",
            "nonsense",
            "linux/arm/v7\u{1b}",
        ] {
            assert!(parse_with_host(bad, &host).is_err(), "{bad:?}");
        }
    }
}
