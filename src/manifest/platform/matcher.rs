//! Whether an entry's platform fits a target platform, under two rule sets.
//!
//! * containerd (Docker, Kubernetes): both sides are normalised, and the target expands into an
//!   ordered list of platforms it can run: `arm64` → `arm64`, `arm/v8`, `arm/v7`, `arm/v6`,
//!   `arm/v5`; `arm/v7` → `v7`, `v6`, `v5`; `amd64/v3` → `v3`, `v2`, `amd64`, `386`; `amd64` →
//!   `amd64`, `386`. An entry's rank is its position in that list; the lowest rank wins and
//!   ties go to the earlier entry. For a Windows target with an `os.version`, the entry's
//!   version must be compatible (see [`windows_compatible`]). An entry's `os.features` must
//!   all be in the target's.
//! * literal (crane, oras): `os` and `architecture` must be equal as written, `variant` and
//!   `os.version` too when the target names them; the first entry that fits wins.

use serde::Serialize;

use super::Platform;

/// Which rules decide the match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Rules {
    /// containerd's normalisation and ordered fallbacks (what Docker pulls).
    #[default]
    Containerd,
    /// Exact field equality, first match wins (what crane and oras pick).
    Literal,
}

impl Rules {
    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Rules::Containerd => "containerd",
            Rules::Literal => "literal",
        }
    }

    /// The other rule set.
    pub fn other(self) -> Self {
        match self {
            Rules::Containerd => Rules::Literal,
            Rules::Literal => Rules::Containerd,
        }
    }
}

/// The ordered list of platforms a target can run under containerd's rules, best first.
pub fn fallbacks(target: &Platform) -> Vec<Platform> {
    let target = target.normalized();
    let mut out = vec![target.clone()];
    let derive = |variant: String| Platform {
        variant,
        ..target.clone()
    };
    match target.architecture.as_str() {
        "amd64" => {
            if let Some(level) = version_number(&target.variant).filter(|l| *l > 1) {
                for l in (1..level).rev() {
                    out.push(derive(if l == 1 {
                        String::new()
                    } else {
                        format!("v{l}")
                    }));
                }
            }
            out.push(Platform {
                architecture: "386".into(),
                variant: String::new(),
                ..target
            });
        }
        "arm" => {
            if let Some(v) = version_number(&target.variant).filter(|v| *v > 5) {
                out.extend((5..v).rev().map(|v| derive(format!("v{v}"))));
            }
        }
        "arm64" => arm64_fallbacks(&target, &mut out),
        _ => {}
    }
    out
}

fn arm64_fallbacks(target: &Platform, out: &mut Vec<Platform>) {
    let variant = if target.variant.is_empty() {
        "v8"
    } else {
        target.variant.as_str()
    };
    let derive = |variant: String| Platform {
        variant,
        ..target.clone()
    };
    let (major, minor) = variant.split_once('.').unwrap_or((variant, ""));
    if let Some(mut major) = version_number(major).filter(|m| *m >= 8) {
        let mut minor: u32 = if variant.len() == 4 {
            minor.parse().unwrap_or(0)
        } else {
            0
        };
        let name = |major: u32, m: u32| {
            if m == 0 {
                format!("v{major}")
            } else {
                format!("v{major}.{m}")
            }
        };
        if major == 9 {
            out.extend((0..minor).rev().map(|m| derive(name(9, m))));
            // v9.x descends from v8.(x+5).
            minor += 5;
            major = 8;
            out.push(derive(format!("v8.{minor}")));
        }
        out.extend(
            (0..minor)
                .rev()
                .map(|m| derive(name(major, m)).normalized()),
        );
    }
    let arm_variant = if variant.starts_with("v8.") || variant.starts_with("v9.") {
        "v8"
    } else {
        variant
    };
    let arm = Platform {
        architecture: "arm".into(),
        variant: arm_variant.into(),
        ..target.clone()
    };
    out.extend(fallbacks(&arm));
}

/// The highest variant number that gets numeric fallbacks. Real ones are v1-v4 (amd64) and
/// v5-v9 (arm); anything far above is not a CPU generation, and counting down from it would
/// build millions of candidates.
const MAX_VARIANT: u32 = 64;

fn version_number(variant: &str) -> Option<u32> {
    let n: u32 = variant.strip_prefix('v').unwrap_or(variant).parse().ok()?;
    (n <= MAX_VARIANT).then_some(n)
}

/// Why one candidate platform of the fallback list does not fit an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misfit {
    /// os, architecture or variant differ after normalisation.
    Platform,
    /// Windows versions are incompatible.
    WindowsVersion,
    /// The entry needs an OS feature the target lacks.
    OsFeature(String),
}

/// Checks one (normalised) platform from the fallback list against an entry's platform.
pub fn fits(want: &Platform, have: &Platform) -> Result<(), Misfit> {
    let have = have.normalized();
    if want.os != have.os || want.architecture != have.architecture || want.variant != have.variant
    {
        return Err(Misfit::Platform);
    }
    if want.os == "windows" && !windows_compatible(&want.os_version, &have.os_version) {
        return Err(Misfit::WindowsVersion);
    }
    match have
        .os_features
        .iter()
        .find(|f| !want.os_features.contains(f))
    {
        Some(f) => Err(Misfit::OsFeature(f.clone())),
        None => Ok(()),
    }
}

/// The rank of `have` under containerd's rules for `target` (0 = exact), or why it misses.
pub fn containerd_rank(target: &Platform, have: &Platform) -> Result<usize, Misfit> {
    let mut worst = Misfit::Platform;
    for (rank, want) in fallbacks(target).iter().enumerate() {
        match fits(want, have) {
            Ok(()) => return Ok(rank),
            Err(Misfit::Platform) => {}
            Err(other) => worst = other,
        }
    }
    Err(worst)
}

/// crane's and oras's rule: equal `os` and `architecture`; `variant` and `os.version` equal
/// when the target names them; the target's `os.features` all present on the entry.
pub fn literal_fits(target: &Platform, have: &Platform) -> bool {
    target.os == have.os
        && target.architecture == have.architecture
        && (target.variant.is_empty() || target.variant == have.variant)
        && (target.os_version.is_empty() || target.os_version == have.os_version)
        && target
            .os_features
            .iter()
            .all(|f| have.os_features.contains(f))
}

/// containerd's Windows rule, host (target) version against container (entry) version.
///
/// Either version missing or unparsable (fewer than three dot-separated numbers) matches.
/// Otherwise major and minor must be equal; a host build before 20348 (Windows Server 2022)
/// needs the same build; a newer host runs any build from 20348 up to its own.
pub fn windows_compatible(host: &str, container: &str) -> bool {
    let Some(h) = windows_version(host) else {
        return true;
    };
    if container.is_empty() {
        return true;
    }
    let c = windows_version(container).unwrap_or((0, 0, 0));
    if (h.0, h.1) != (c.0, c.1) {
        return false;
    }
    const LTSC_2022: u16 = 20348;
    if h.2 < LTSC_2022 {
        c.2 == h.2
    } else {
        c.2 >= LTSC_2022 && c.2 <= h.2
    }
}

fn windows_version(v: &str) -> Option<(u8, u8, u16)> {
    if v.matches('.').count() < 2 {
        return None;
    }
    let mut it = v.split('.');
    let major = it.next()?.parse().ok()?;
    let minor = it.next()?.parse().ok()?;
    let build = it.next()?.parse().ok()?;
    let parsed = (major, minor, build);
    (parsed != (0, 0, 0)).then_some(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Platform {
        let parts: Vec<&str> = s.split('/').collect();
        Platform::new(parts[0], parts[1], parts.get(2).copied().unwrap_or(""))
    }

    #[test]
    fn absurd_variant_numbers_get_no_fallbacks() {
        for huge in [
            "linux/arm/v4294967295",
            "linux/amd64/v100000000",
            "linux/arm64/v99999",
        ] {
            let list = fallbacks(&p(huge));
            assert!(list.len() <= 2, "{huge}: {} candidates", list.len());
        }
        assert_eq!(fallbacks(&p("linux/arm/v7")).len(), 3);
    }

    #[test]
    fn windows_rule_table() {
        let cases = [
            ("10.0.17763", "10.0.17763.914", true),
            ("10.0.17763", "10.0.17763", true),
            ("10.0.17763", "10.0.20348.1", false),
            ("10.0.20348", "10.0.17763.1", false),
            ("10.0.20348", "10.0.20348.5", true),
            ("10.0.26100", "10.0.20348.5", true),
            ("10.0.26100", "10.0.26200.1", false),
            ("10.0.17763", "6.3.9600", false),
            ("", "10.0.20348", true),
            ("10.0.17763", "", true),
            ("10.0", "10.0.1.2", true),
        ];
        for (host, ctr, want) in cases {
            assert_eq!(windows_compatible(host, ctr), want, "{host} vs {ctr}");
        }
    }

    #[test]
    fn features_must_be_offered_by_the_target() {
        let mut have = p("windows/amd64");
        have.os_features = vec!["win32k".into()];
        assert_eq!(
            fits(&p("windows/amd64"), &have),
            Err(Misfit::OsFeature("win32k".into()))
        );
        let mut want = p("windows/amd64");
        want.os_features = vec!["win32k".into()];
        assert_eq!(fits(&want, &have), Ok(()));
    }
}
