//! containerd's choice: at each index, the candidates are the image manifests and indexes
//! whose platform fits (ranked by the fallback list) plus those with no platform (ranked
//! last); the stable order keeps ties in document order; only the best candidate is
//! followed. A nested index is recursed into; a platform-less manifest is checked against its
//! config, and when the config does not fit containerd gives up rather than trying the next.
//!
//! Entries whose media type is neither a manifest nor an index are passed over here, where
//! containerd would fail on them if one were ever the best candidate.

use super::{Choice, Verdict, nested};
use crate::manifest::media::{self, MediaKind};
use crate::manifest::platform::Platform;
use crate::manifest::platform::matcher::{Misfit, containerd_rank, fallbacks};
use crate::manifest::tree::{Child, Entry, Group, Link, Node};

/// The choice, or None with the reason containerd stopped when it can say more than "nothing
/// fits".
type Picked = (Option<Choice>, Option<String>);

/// Picks at one index, recursing into a nested index when that is the best candidate.
pub(super) fn pick(node: &Node, target: &Platform, verdicts: &mut Vec<Verdict>) -> Picked {
    let mut candidates: Vec<(&Entry, Option<usize>)> = Vec::new();
    for e in &node.entries {
        match candidate(e, target, node) {
            Ok(rank) => candidates.push((e, rank)),
            Err(reason) => verdicts.push(out(e, reason)),
        }
    }
    candidates.sort_by_key(|(_, rank)| (rank.is_none(), *rank));
    let Some(&(best, best_rank)) = candidates.first() else {
        return (None, None);
    };
    for &(e, rank) in &candidates[1..] {
        verdicts.push(Verdict {
            path: e.path.clone(),
            chosen: false,
            rank,
            reason: passed_over(best, best_rank, rank),
        });
    }
    follow(best, best_rank, target, verdicts)
}

fn follow(
    best: &Entry,
    rank: Option<usize>,
    target: &Platform,
    verdicts: &mut Vec<Verdict>,
) -> Picked {
    let mut verdict = Verdict {
        path: best.path.clone(),
        chosen: true,
        rank,
        reason: String::new(),
    };
    if best.group == Group::NestedIndex {
        return follow_nested(best, verdict, target, verdicts);
    }
    let Some(p) = &best.descriptor.platform else {
        return config_check(best, target, verdict, verdicts);
    };
    let t = target.normalized();
    verdict.reason = match rank.and_then(|r| fallbacks(target).get(r).cloned()) {
        Some(m) if rank != Some(0) => {
            format!(
                "chosen: fallback rank {}, {t} also runs {m} images",
                rank.unwrap_or(0)
            )
        }
        _ => format!("chosen: exact match for {t}"),
    };
    verdicts.push(verdict);
    let choice = Choice::new(
        best.path.clone(),
        best.descriptor.digest.clone(),
        Some(p.clone()),
        rank,
        target,
    );
    (Some(choice), None)
}

fn follow_nested(
    best: &Entry,
    mut verdict: Verdict,
    target: &Platform,
    verdicts: &mut Vec<Verdict>,
) -> Picked {
    let Some(inner) = nested(&best.child) else {
        verdict.chosen = false;
        verdict.reason = "best candidate, but this nested index could not be read".into();
        verdicts.push(verdict);
        return (
            None,
            Some(format!(
                "the best candidate {} could not be read",
                best.label()
            )),
        );
    };
    verdict.reason = "best candidate: a nested index, followed".into();
    verdicts.push(verdict);
    pick(inner, target, verdicts)
}

/// A platform-less manifest: containerd reads its config and gives up when it does not fit.
fn config_check(
    best: &Entry,
    target: &Platform,
    mut verdict: Verdict,
    verdicts: &mut Vec<Verdict>,
) -> Picked {
    let choice = |platform, rank| {
        Choice::new(
            best.path.clone(),
            best.descriptor.digest.clone(),
            platform,
            rank,
            target,
        )
    };
    let config = match &best.child {
        Child::Image(view) => view.config.as_ref().ok().map(|c| c.platform.clone()),
        _ => None,
    };
    let Some(cp) = config else {
        verdict.reason = "chosen: no entry with a platform fits; this one has no platform and its \
                          config was not read (containerd checks the config before using it)"
            .into();
        verdicts.push(verdict);
        return (Some(choice(None, None)), None);
    };
    match containerd_rank(target, &cp) {
        Ok(r) => {
            verdict.rank = Some(r);
            verdict.reason =
                format!("chosen: no platform in the index, and its config says {cp}, which fits");
            verdicts.push(verdict);
            (Some(choice(Some(cp), Some(r))), None)
        }
        Err(_) => {
            verdict.chosen = false;
            verdict.reason = format!(
                "best candidate (no platform), but its config says {cp}: containerd stops here \
                 and does not try later entries"
            );
            verdicts.push(verdict);
            (
                None,
                Some(format!(
                    "{} has no platform and its config says {cp}",
                    best.label()
                )),
            )
        }
    }
}

/// Ok(rank) for a candidate (None = no platform), Err(reason) for an entry passed over.
fn candidate(e: &Entry, target: &Platform, node: &Node) -> Result<Option<usize>, String> {
    let d = &e.descriptor;
    if !matches!(
        media::kind_of(&d.media_type),
        MediaKind::Manifest | MediaKind::Index
    ) {
        let t = if d.media_type.is_empty() {
            "none"
        } else {
            d.media_type.as_str()
        };
        return Err(format!(
            "not an image manifest or index (media type {t}): never pulled as an image"
        ));
    }
    if e.group == Group::Attestation {
        return Err(match &e.attests {
            Some(Link::To(i)) => format!(
                "attestation manifest for {}: metadata, never run",
                sibling(node, *i)
            ),
            _ => "attestation manifest (unknown/unknown): metadata, never run".into(),
        });
    }
    let Some(p) = &d.platform else {
        return Ok(None);
    };
    containerd_rank(target, p)
        .map(Some)
        .map_err(|m| misfit_reason(target, p, &m))
}

fn sibling(node: &Node, i: usize) -> String {
    node.entries
        .get(i)
        .map_or_else(|| format!("#{i}"), Entry::label)
}

fn out(e: &Entry, reason: String) -> Verdict {
    Verdict {
        path: e.path.clone(),
        chosen: false,
        rank: None,
        reason,
    }
}

fn passed_over(best: &Entry, best_rank: Option<usize>, rank: Option<usize>) -> String {
    let b = best.label();
    match (rank, best_rank) {
        (Some(r), Some(br)) if r > br => {
            format!("fits at rank {r}, but {b} fits better (rank {br})")
        }
        (Some(r), _) => format!("fits at rank {r} as well, but {b} comes first"),
        (None, Some(_)) => "no platform: considered only when no entry with a platform fits".into(),
        (None, None) => format!("no platform, like {b}, which comes first"),
    }
}

/// Why a platform misses the target, naming the fallback list.
pub(super) fn misfit_reason(target: &Platform, have: &Platform, misfit: &Misfit) -> String {
    let t = target.normalized();
    let h = have.normalized();
    match misfit {
        Misfit::WindowsVersion => {
            let rule = if windows_build(&t.os_version) < 20348 {
                "before build 20348 (Windows Server 2022) the build must be equal"
            } else {
                "from build 20348 on, a host runs builds from 20348 up to its own"
            };
            format!(
                "os.version {} cannot run on a {} host: {rule}",
                have.os_version, t.os_version
            )
        }
        Misfit::OsFeature(f) => format!("needs os.features {f}, which the target does not have"),
        Misfit::Platform if h.os != t.os => format!("os {} is not {}", have.os, t.os),
        Misfit::Platform => {
            let list: Vec<String> = fallbacks(target).iter().map(Platform::short).collect();
            let what = if h.short() == have.short() {
                "not".to_string()
            } else {
                format!("normalised to {}, not", h.short())
            };
            format!("{what} among what {} runs ({})", t.short(), list.join(", "))
        }
    }
}

fn windows_build(v: &str) -> u32 {
    v.split('.')
        .nth(2)
        .and_then(|b| b.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_reason_names_the_rule() {
        let t = Platform::new("windows", "amd64", "").with_os_version("10.0.17763");
        let h = Platform::new("windows", "amd64", "").with_os_version("10.0.20348.1");
        let r = misfit_reason(&t, &h, &Misfit::WindowsVersion);
        assert!(r.contains("must be equal"), "{r}");
        let t = Platform::new("windows", "amd64", "").with_os_version("10.0.26100");
        let r = misfit_reason(
            &t,
            &Platform::new("windows", "amd64", "").with_os_version("10.0.17763"),
            &Misfit::WindowsVersion,
        );
        assert!(r.contains("up to its own"), "{r}");
    }
}
