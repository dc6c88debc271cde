//! Which entry a client pulls for a target platform, and why every other entry was passed over.

mod containerd;
mod literal;

use serde::Serialize;

use super::child::ImageView;
use super::platform::Platform;
use super::platform::matcher::{Rules, containerd_rank, fallbacks, literal_fits};
use super::tree::{Child, Group, Node, label};

/// The chosen entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// Path of the entry (`[]` when the document is a single image).
    pub path: Vec<usize>,
    /// Its digest as written.
    pub digest: String,
    /// Its platform: the descriptor's, or its config's when the descriptor has none.
    pub platform: Option<Platform>,
    /// Position in the target's fallback list (0 = exact); None when it could not be ranked.
    pub rank: Option<usize>,
    /// The platform of the fallback list it matched as.
    pub matched_as: Option<Platform>,
}

impl Choice {
    /// A choice ranked against `target`'s fallback list.
    fn new(
        path: Vec<usize>,
        digest: String,
        platform: Option<Platform>,
        rank: Option<usize>,
        target: &Platform,
    ) -> Self {
        let matched_as = rank.and_then(|r| fallbacks(target).get(r).cloned());
        Self {
            path,
            digest,
            platform,
            rank,
            matched_as,
        }
    }
}

/// Why one entry was or was not chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Path of the entry.
    pub path: Vec<usize>,
    /// True for the chosen entry (and for nested indexes followed to reach it).
    pub chosen: bool,
    /// Its rank when it fits the target.
    pub rank: Option<usize>,
    /// The reason, for people.
    pub reason: String,
}

/// The outcome of matching one target against a loaded document under one rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Selection {
    /// The rules applied.
    pub rules: Rules,
    /// The target platform.
    pub target: Platform,
    /// The chosen entry, if any.
    pub chosen: Option<Choice>,
    /// One verdict per entry, in [`Node::walk`] order.
    pub verdicts: Vec<Verdict>,
    /// When nothing was chosen: why, with what is available.
    pub no_match: Option<String>,
}

impl Selection {
    /// The verdict for the entry at `path`.
    pub fn verdict(&self, path: &[usize]) -> Option<&Verdict> {
        self.verdicts.iter().find(|v| v.path == path)
    }
}

/// Matches `target` against a loaded document. `root_image` is the root's image view when the
/// document is a single image manifest (its config says the platform).
pub fn select(
    root: &Node,
    root_image: Option<&ImageView>,
    target: &Platform,
    rules: Rules,
) -> Selection {
    if root.document.manifest().is_some() {
        return single_image(root, root_image, target, rules);
    }
    let mut verdicts = Vec::new();
    let (chosen, stop) = match rules {
        Rules::Containerd => containerd::pick(root, target, &mut verdicts),
        Rules::Literal => (literal::pick(root, target, &mut verdicts), None),
    };
    let mut ordered = Vec::with_capacity(verdicts.len());
    for e in root.walk() {
        let v = verdicts
            .iter()
            .find(|v| v.path == e.path)
            .cloned()
            .unwrap_or_else(|| Verdict {
                path: e.path.clone(),
                chosen: false,
                rank: None,
                reason: format!(
                    "inside nested index {}, which was not followed",
                    label(&e.path[..e.path.len() - 1])
                ),
            });
        ordered.push(v);
    }
    let no_match = chosen
        .is_none()
        .then(|| no_match_message(root, target, stop));
    Selection {
        rules,
        target: target.clone(),
        chosen,
        verdicts: ordered,
        no_match,
    }
}

fn single_image(
    root: &Node,
    view: Option<&ImageView>,
    target: &Platform,
    rules: Rules,
) -> Selection {
    let mut sel = Selection {
        rules,
        target: target.clone(),
        chosen: None,
        verdicts: Vec::new(),
        no_match: None,
    };
    let digest = root.document.digest.to_string();
    let config = view.and_then(|v| v.config.as_ref().ok());
    let Some(p) = config.map(|c| c.platform.clone()) else {
        let reason = "a single image whose config was not read: its platform is unknown";
        sel.verdicts.push(Verdict {
            path: Vec::new(),
            chosen: true,
            rank: None,
            reason: reason.into(),
        });
        sel.chosen = Some(Choice::new(Vec::new(), digest, None, None, target));
        return sel;
    };
    let rank = match rules {
        Rules::Containerd => containerd_rank(target, &p).ok(),
        Rules::Literal => literal_fits(target, &p).then_some(0),
    };
    let reason = match rank {
        Some(r) => format!("a single image; its config says {p} (rank {r})"),
        None => format!("a single image; its config says {p}, which does not fit"),
    };
    sel.verdicts.push(Verdict {
        path: Vec::new(),
        chosen: rank.is_some(),
        rank,
        reason,
    });
    match rank {
        Some(r) => sel.chosen = Some(Choice::new(Vec::new(), digest, Some(p), Some(r), target)),
        None => {
            sel.no_match = Some(format!(
                "no match for {target}: the document is a single image for {p}"
            ))
        }
    }
    sel
}

/// "no matching manifest for linux/arm/v8": what is there, and the likely reason.
fn no_match_message(root: &Node, target: &Platform, stop: Option<String>) -> String {
    let mut available: Vec<String> = Vec::new();
    for e in root
        .walk()
        .into_iter()
        .filter(|e| e.group == Group::Runnable)
    {
        if let Some(p) = &e.descriptor.platform
            && !available.contains(&p.to_string())
        {
            available.push(p.to_string());
        }
    }
    let mut msg = format!("no matching manifest for {target}");
    if let Some(stop) = stop {
        msg.push_str(&format!(" ({stop})"));
    }
    if available.is_empty() {
        msg.push_str("; the index lists no runnable platform");
    } else {
        msg.push_str(&format!("; available: {}", available.join(", ")));
    }
    let t = target.normalized();
    let has = |arch: &str| {
        root.walk().iter().any(|e| {
            e.descriptor
                .platform
                .as_ref()
                .is_some_and(|p| p.normalized().architecture == arch)
        })
    };
    if t.architecture == "arm" && has("arm64") {
        msg.push_str(&format!(
            ". {} is a 32-bit ARM userland (a 32-bit OS on a 64-bit CPU, such as 32-bit Raspberry Pi OS \
             on a Pi 4, is arm/v8): it runs arm images of its variant and older, never arm64",
            t.short()
        ));
    } else if t.architecture == "arm" && !t.variant.is_empty() && has("arm") {
        msg.push_str(&format!(
            ". {} falls back only to older ARM variants, never to newer ones",
            t.short()
        ));
    }
    msg
}

/// The target a rule set uses. crane and oras default to the Go runtime's os/architecture
/// without a variant, so a host target loses its variant under literal rules.
pub fn target_for(rules: Rules, target: &Platform, from_host: bool) -> Platform {
    match rules {
        Rules::Literal if from_host => Platform {
            variant: String::new(),
            ..target.clone()
        },
        _ => target.clone(),
    }
}

/// When the two rule sets choose differently: one sentence saying how.
pub fn disagreement(containerd: &Selection, literal: &Selection) -> Option<String> {
    let describe = |s: &Selection| match &s.chosen {
        Some(c) => format!(
            "{} ({})",
            if c.path.is_empty() {
                "the image".to_string()
            } else {
                label(&c.path)
            },
            c.platform
                .as_ref()
                .map_or("no platform".to_string(), Platform::to_string)
        ),
        None => "nothing".to_string(),
    };
    let same =
        containerd.chosen.as_ref().map(|c| &c.path) == literal.chosen.as_ref().map(|c| &c.path);
    (!same).then(|| {
        format!(
            "the rule sets disagree: containerd (Docker) picks {}, literal matching (crane, oras) picks {}",
            describe(containerd),
            describe(literal)
        )
    })
}

/// The child node of a nested index entry, when it was read.
fn nested(child: &Child) -> Option<&Node> {
    match child {
        Child::Index(n) => Some(n),
        _ => None,
    }
}
