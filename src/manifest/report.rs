//! The machine-readable report (`notebench manifest --json`), built from an inspection and
//! the selections of both rule sets.

use std::collections::BTreeMap;

use serde::Serialize;

use super::digest::Verification;
use super::findings::Finding;
use super::platform::Platform;
use super::platform::matcher::Rules;
use super::select::{Choice, Selection, disagreement};
use super::source::Inspection;
use super::source::registry::RateLimit;
use super::tree::{Entry, Group, Link};

/// The JSON report, `schema_version` 1.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Always 1.
    pub schema_version: u32,
    /// The source as named.
    pub source: String,
    /// sha256 over the root document's bytes.
    pub digest: String,
    /// The root document's media type.
    pub media_type: String,
    /// The root document's size in bytes.
    pub size: usize,
    /// The digests checked for the root document.
    pub verification: Verification,
    /// The target platform in containerd's syntax.
    pub target_platform: String,
    /// `host` or `option`.
    pub target_from: &'static str,
    /// The rule set that chose `selected`.
    pub rules: Rules,
    /// Every entry, nested ones after their index.
    pub entries: Vec<EntryReport>,
    /// The chosen entry, or null.
    pub selected: Option<Selected>,
    /// When nothing was chosen: why, and what is available.
    pub no_match: Option<String>,
    /// What the other rule set chooses.
    pub other_rules: OtherRules,
    /// A sentence when the rule sets choose differently.
    pub disagreement: Option<String>,
    /// Findings, errors first.
    pub findings: Vec<Finding>,
    /// Docker Hub's rate-limit headers, when sent.
    pub rate_limit: Option<RateLimit>,
    /// Notes from the source.
    pub notes: Vec<String>,
}

/// One entry in the report.
#[derive(Debug, Serialize)]
pub struct EntryReport {
    /// Position in its own index.
    pub index: usize,
    /// Positions from the root down.
    pub path: Vec<usize>,
    /// The digest as written.
    pub digest: String,
    /// The media type as written.
    pub media_type: String,
    /// The size as written.
    pub size: i64,
    /// The platform in containerd's syntax, or null.
    pub platform: Option<String>,
    /// `runnable`, `attestation`, `other`, `nested_index`.
    pub group: Group,
    /// For attestations: the position of the entry attested, or null.
    pub attests: Option<usize>,
    /// Annotations as written.
    pub annotations: BTreeMap<String, String>,
    /// True for the chosen entry and the nested indexes followed to it.
    pub chosen: bool,
    /// The rank when it fits the target.
    pub rank: Option<usize>,
    /// Why it was chosen or passed over.
    pub reason: String,
}

/// The chosen entry in the report.
#[derive(Debug, Serialize)]
pub struct Selected {
    /// Position in its own index (null for a single image).
    pub index: Option<usize>,
    /// Positions from the root down.
    pub path: Vec<usize>,
    /// Its digest.
    pub digest: String,
    /// Its platform in containerd's syntax.
    pub platform: Option<String>,
    /// Position in the fallback list (0 = exact).
    pub rank: Option<usize>,
}

/// The other rule set's choice.
#[derive(Debug, Serialize)]
pub struct OtherRules {
    /// Which rule set.
    pub rules: Rules,
    /// Its choice.
    pub selected: Option<Selected>,
}

fn selected(c: &Choice) -> Selected {
    Selected {
        index: c.path.last().copied(),
        path: c.path.clone(),
        digest: c.digest.clone(),
        platform: c.platform.as_ref().map(Platform::to_string),
        rank: c.rank,
    }
}

fn entry_report(e: &Entry, chosen: &Selection) -> EntryReport {
    let verdict = chosen.verdict(&e.path);
    let d = &e.descriptor;
    EntryReport {
        index: e.position(),
        path: e.path.clone(),
        digest: d.digest.clone(),
        media_type: d.media_type.clone(),
        size: d.size,
        platform: d.platform.as_ref().map(Platform::to_string),
        group: e.group,
        attests: match e.attests {
            Some(Link::To(i)) => Some(i),
            _ => None,
        },
        annotations: d.annotations.clone(),
        chosen: verdict.is_some_and(|v| v.chosen),
        rank: verdict.and_then(|v| v.rank),
        reason: verdict.map(|v| v.reason.clone()).unwrap_or_default(),
    }
}

/// Builds the report. `chosen` is the selection under the rules asked for, `other` under the
/// other rule set; `from_host` says where the target came from.
pub fn build(
    inspection: &Inspection,
    chosen: &Selection,
    other: &Selection,
    from_host: bool,
) -> Report {
    let doc = &inspection.root.document;
    let walk = inspection.root.walk();
    let entries = walk.into_iter().map(|e| entry_report(e, chosen)).collect();
    let (containerd, literal) = match chosen.rules {
        Rules::Containerd => (chosen, other),
        Rules::Literal => (other, chosen),
    };
    Report {
        schema_version: 1,
        source: inspection.source.clone(),
        digest: doc.digest.to_string(),
        media_type: doc.media_type().to_string(),
        size: doc.bytes.len(),
        verification: inspection.root.verification.clone(),
        target_platform: chosen.target.to_string(),
        target_from: if from_host { "host" } else { "option" },
        rules: chosen.rules,
        entries,
        selected: chosen.chosen.as_ref().map(selected),
        no_match: chosen.no_match.clone(),
        other_rules: OtherRules {
            rules: other.rules,
            selected: other.chosen.as_ref().map(selected),
        },
        disagreement: disagreement(containerd, literal),
        findings: inspection.findings.clone(),
        rate_limit: inspection.rate_limit.clone(),
        notes: inspection.notes.clone(),
    }
}
