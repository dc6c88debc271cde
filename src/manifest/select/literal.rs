//! crane's and oras's choice: the first entry of the top-level index whose platform fits
//! literally (no normalisation, no fallbacks). Entries without a platform are skipped and
//! nested indexes are not looked into.

use super::{Choice, Verdict};
use crate::manifest::media::{self, MediaKind};
use crate::manifest::platform::Platform;
use crate::manifest::platform::matcher::literal_fits;
use crate::manifest::tree::{Entry, Node};

/// Picks the first fitting top-level entry, giving every entry a verdict.
pub(super) fn pick(node: &Node, target: &Platform, verdicts: &mut Vec<Verdict>) -> Option<Choice> {
    let mut first: Option<&Entry> = None;
    for e in &node.entries {
        let (fits, reason) = judge(e, target);
        let (chosen, reason) = match (first, fits) {
            (None, true) => {
                first = Some(e);
                (true, reason)
            }
            (Some(f), true) => (
                false,
                format!("fits as well, but {} comes first", f.label()),
            ),
            (_, false) => (false, reason),
        };
        let rank = fits.then_some(0);
        verdicts.push(Verdict {
            path: e.path.clone(),
            chosen,
            rank,
            reason,
        });
    }
    let nested = node.walk().into_iter().filter(|e| e.path.len() > 1);
    verdicts.extend(nested.map(|e| Verdict {
        path: e.path.clone(),
        chosen: false,
        rank: None,
        reason: "literal rules do not look inside nested indexes".into(),
    }));
    let d = &first?.descriptor;
    let path = first?.path.clone();
    let mut choice = Choice::new(path, d.digest.clone(), d.platform.clone(), Some(0), target);
    // Literal rules compare the target as given, without normalising it.
    choice.matched_as = Some(target.clone());
    Some(choice)
}

fn judge(e: &Entry, target: &Platform) -> (bool, String) {
    let d = &e.descriptor;
    if !matches!(
        media::kind_of(&d.media_type),
        MediaKind::Manifest | MediaKind::Index
    ) {
        return (false, "not an image manifest or index".into());
    }
    let Some(p) = &d.platform else {
        return (false, "no platform: literal rules skip it".into());
    };
    // Known shortcoming: when the target leaves a field empty (`linux/arm`), the entry can
    // fill it (`linux/arm/v7`) and still "fit"; the reason below then says "equal".
    if literal_fits(target, p) {
        return (
            true,
            format!("chosen: first entry whose fields equal {target} as written"),
        );
    }
    (false, literal_misfit(target, p))
}

fn literal_misfit(t: &Platform, p: &Platform) -> String {
    if t.os != p.os {
        return format!("os {:?} is not {:?}", p.os, t.os);
    }
    if t.architecture != p.architecture {
        return format!(
            "architecture {:?} is not {:?} (compared as written, without normalisation or fallbacks)",
            p.architecture, t.architecture
        );
    }
    if !t.variant.is_empty() && t.variant != p.variant {
        let have = if p.variant.is_empty() {
            "none".to_string()
        } else {
            format!("{:?}", p.variant)
        };
        return format!("variant {have} is not {:?}", t.variant);
    }
    if !t.os_version.is_empty() && t.os_version != p.os_version {
        return format!(
            "os.version {:?} is not exactly {:?}",
            p.os_version, t.os_version
        );
    }
    "lacks an os.feature the target names".into()
}
