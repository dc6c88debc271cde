//! Documents from the saved samples: exact-byte digests, grouping, findings, matching, and
//! refusal of malformed and oversized input.

use std::sync::atomic::AtomicBool;

use notebench::manifest::findings::Kind;
use notebench::manifest::model::{Document, DocumentError, MAX_DOCUMENT_BYTES};
use notebench::manifest::platform::{Platform, parse_with_host};
use notebench::manifest::provider::{Control, Progress};
use notebench::manifest::select::disagreement;
use notebench::manifest::source::{InspectError, Inspection, inspect_document, inspect_reader};
use notebench::manifest::{Digest, Group, Level, Rules};

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/manifests/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn load(name: &str) -> Inspection {
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    inspect_document(name, sample(name), &Control::new(&cancel, &progress)).unwrap()
}

fn target(spec: &str) -> Platform {
    parse_with_host(spec, &Platform::new("linux", "amd64", "")).unwrap()
}

fn chosen_path(ins: &Inspection, spec: &str, rules: Rules) -> Option<Vec<usize>> {
    ins.select(&target(spec), rules).chosen.map(|c| c.path)
}

#[test]
fn byte_exact_samples_hash_to_the_digest_that_names_them() {
    let cases = [
        (
            "regclient-testrepo-v1.oci-index.json",
            "sha256:7ceb9b6bcc274697d0c38be6214b50cec79d601bc61708747d3f6cb772f6c6fa",
        ),
        (
            "regclient-testrepo-v3.oci-index.json",
            "sha256:6fe828b32b9b4572f32b16c1c0a4d675660b19ec207d010724309374252c2d6d",
        ),
        (
            "ggcr-layout-test_index.nested-05f95b26.json",
            "sha256:05f95b26ed10668b7183c1e2da98610e91372fa9f510046d4ce5812addad86b5",
        ),
    ];
    let layout = Document::parse(
        "layout",
        sample("regclient-testrepo.layout-index.json"),
        None,
    )
    .unwrap();
    let layout_digests: Vec<&str> = layout
        .index()
        .unwrap()
        .manifests
        .iter()
        .map(|d| d.digest.as_str())
        .collect();
    let ggcr = Document::parse("ggcr", sample("ggcr-layout-test_index.index.json"), None).unwrap();
    let ggcr_digests: Vec<&str> = ggcr
        .index()
        .unwrap()
        .manifests
        .iter()
        .map(|d| d.digest.as_str())
        .collect();
    for (file, digest) in cases {
        let doc = Document::parse(file, sample(file), None).unwrap();
        assert_eq!(doc.digest.to_string(), digest, "{file}");
        // The digest is also the one the containing layout uses for it.
        assert!(
            layout_digests.contains(&digest) || ggcr_digests.contains(&digest),
            "{file}"
        );
        let size = layout
            .index()
            .unwrap()
            .manifests
            .iter()
            .chain(&ggcr.index().unwrap().manifests)
            .find(|d| d.digest == digest)
            .unwrap()
            .size;
        assert_eq!(size as usize, doc.bytes.len(), "{file}");
    }
}

#[test]
fn reindented_json_has_another_digest() {
    let bytes = sample("harbor-testdata-hello-world.docker-list.json");
    let doc = Document::parse("harbor", bytes.clone(), None).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let compact = serde_json::to_vec(&value).unwrap();
    let again = Document::parse("compact", compact, None).unwrap();
    assert_eq!(doc.body, again.body, "same content");
    assert_ne!(
        doc.digest, again.digest,
        "different bytes, different digest"
    );
    assert_eq!(doc.digest, Digest::sha256(&bytes));
}

#[test]
fn tool_output_with_an_injected_digest_is_flagged() {
    let ins = load("buildx-docs-crazymax-buildkit-attest.manifest-template.json");
    let embedded = "sha256:7007b387ccd52bd42a050f2e8020e56e64622c9269bf7bbe257b326fe99daf19";
    assert_ne!(ins.root.document.digest.to_string(), embedded);
    let f = ins
        .findings
        .iter()
        .find(|f| f.kind == Kind::EmbeddedDigest)
        .expect("embedded digest finding");
    assert!(
        f.message.contains(embedded) && f.message.contains(&ins.root.document.digest.to_string())
    );
}

#[test]
fn attestations_are_grouped_and_linked() {
    let ins = load("buildkit-docs-attestation-storage.example-index.json");
    let groups: Vec<Group> = ins.root.entries.iter().map(|e| e.group).collect();
    assert_eq!(groups, [Group::Runnable, Group::Attestation]);
    assert_eq!(
        ins.root.entries[1].attests,
        Some(notebench::manifest::tree::Link::To(0))
    );
    assert!(
        !ins.findings
            .iter()
            .any(|f| f.kind == Kind::DanglingAttestation)
    );
    let sel = ins.select(&target("linux/amd64"), Rules::Containerd);
    assert_eq!(sel.chosen.as_ref().unwrap().path, vec![0]);
    assert!(
        sel.verdict(&[1])
            .unwrap()
            .reason
            .contains("attestation manifest for #0")
    );
}

#[test]
fn an_attestation_pointing_at_nothing_is_flagged() {
    let text = String::from_utf8(sample(
        "buildkit-docs-attestation-storage.example-index.json",
    ))
    .unwrap();
    let broken = text.replacen(
        "\"vnd.docker.reference.digest\": \"sha256:23678f31",
        "\"vnd.docker.reference.digest\": \"sha256:00000f31",
        1,
    );
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    let ins = inspect_document(
        "broken",
        broken.into_bytes(),
        &Control::new(&cancel, &progress),
    )
    .unwrap();
    let f = ins
        .findings
        .iter()
        .find(|f| f.kind == Kind::DanglingAttestation)
        .expect("dangling link");
    assert_eq!((f.level, f.entry.as_deref()), (Level::Warning, Some("#1")));
}

#[test]
fn builder_metadata_is_not_an_attestation() {
    let ins = load("regclient-testrepo-v1.oci-index.json");
    let groups: Vec<Group> = ins.root.entries.iter().map(|e| e.group).collect();
    assert_eq!(
        groups,
        [Group::Runnable, Group::Runnable, Group::Other, Group::Other]
    );
    let infos = ins
        .findings
        .iter()
        .filter(|f| f.kind == Kind::NotAnAttestation)
        .count();
    assert_eq!(infos, 2);
}

#[test]
fn duplicates_after_normalisation_first_wins() {
    let ins = load("containers-image-testdata-ocilist-variants.json");
    let dups: Vec<(Option<&str>, &str)> = ins
        .findings
        .iter()
        .filter(|f| f.kind == Kind::DuplicatePlatform)
        .map(|f| (f.entry.as_deref(), f.message.as_str()))
        .collect();
    // #3 repeats #2 (arm/v6); #5 (arm with no variant) is arm/v7 like #1.
    assert_eq!(dups.len(), 2, "{dups:?}");
    assert!(dups[0].0 == Some("#3") && dups[0].1.contains("#2"));
    assert!(
        dups[1].0 == Some("#5") && dups[1].1.contains("#1") && dups[1].1.contains("linux/arm/v7")
    );
    assert_eq!(
        chosen_path(&ins, "linux/arm/v6", Rules::Containerd),
        Some(vec![2])
    );
    assert_eq!(
        chosen_path(&ins, "linux/arm/v7", Rules::Containerd),
        Some(vec![1])
    );
    let sel = ins.select(&target("linux/arm/v7"), Rules::Containerd);
    assert!(
        sel.verdict(&[4]).unwrap().reason.contains("not among"),
        "unrecognized variant is passed over"
    );
    assert!(sel.verdict(&[5]).unwrap().reason.contains("#1 comes first"));
}

#[test]
fn hello_world_choices_under_both_rule_sets() {
    let ins = load("harbor-testdata-hello-world.docker-list.json");
    let cases: &[(&str, Option<usize>, Option<usize>)] = &[
        // target, containerd's pick, literal pick
        ("linux/amd64", Some(0), Some(0)),
        ("linux/arm64", Some(3), Some(3)),
        ("linux/arm64/v8", Some(3), Some(3)),
        ("linux/arm/v7", Some(2), Some(2)),
        ("linux/arm", Some(2), Some(1)),
        ("linux/arm/v6", Some(1), None),
        ("linux/arm/v8", Some(2), None),
        ("linux/386", Some(4), Some(4)),
        ("linux/riscv64", None, None),
        ("windows(10.0.17763)/amd64", Some(7), None),
        ("windows(10.0.20348)/amd64", None, None),
    ];
    for (spec, containerd, literal) in cases {
        let c = chosen_path(&ins, spec, Rules::Containerd);
        let l = chosen_path(&ins, spec, Rules::Literal);
        assert_eq!(c, containerd.map(|i| vec![i]), "containerd, {spec}");
        assert_eq!(l, literal.map(|i| vec![i]), "literal, {spec}");
    }
    let c = ins.select(&target("linux/arm"), Rules::Containerd);
    let l = ins.select(&target("linux/arm"), Rules::Literal);
    let d = disagreement(&c, &l).expect("they disagree");
    assert!(
        d.contains("#2 (linux/arm/v7)") && d.contains("#1 (linux/arm/v5)"),
        "{d}"
    );
    let rank = ins
        .select(&target("linux/arm/v6"), Rules::Containerd)
        .chosen
        .unwrap();
    assert_eq!(
        (rank.rank, rank.matched_as.unwrap().short()),
        (Some(1), "linux/arm/v5".to_string())
    );
}

#[test]
fn no_match_lists_what_is_available() {
    let ins = load("regclient-testrepo-v1.oci-index.json");
    let sel = ins.select(&target("linux/arm/v8"), Rules::Containerd);
    assert!(sel.chosen.is_none());
    let msg = sel.no_match.unwrap();
    assert!(
        msg.starts_with("no matching manifest for linux/arm/v8"),
        "{msg}"
    );
    assert!(msg.contains("available: linux/amd64, linux/arm64"), "{msg}");
    assert!(msg.contains("never arm64"), "{msg}");
}

#[test]
fn layout_index_and_nested_without_media_type() {
    let ins = load("ggcr-layout-test_index.index.json");
    let groups: Vec<Group> = ins.root.entries.iter().map(|e| e.group).collect();
    assert_eq!(
        groups,
        [
            Group::Other,
            Group::Other,
            Group::NestedIndex,
            Group::NestedIndex
        ]
    );
    assert!(
        ins.findings
            .iter()
            .any(|f| f.kind == Kind::UnknownMediaType && f.entry.as_deref() == Some("#1"))
    );
    let nested = Document::parse(
        "nested",
        sample("ggcr-layout-test_index.nested-05f95b26.json"),
        None,
    )
    .unwrap();
    assert!(nested.declared_media_type.is_none() && nested.index().is_some());
    let big = load("regclient-testrepo.layout-index.json");
    let count = |g: Group| big.root.entries.iter().filter(|e| e.group == g).count();
    assert_eq!((count(Group::NestedIndex), count(Group::Other)), (15, 11));
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = Document::parse(
        "notes/bad.json",
        b"{\n  \"manifests\": [\n    {\"digest\": 5}\n  ]\n}".to_vec(),
        None,
    )
    .unwrap_err();
    match &err {
        DocumentError::Json {
            name, line, column, ..
        } => {
            assert_eq!((name.as_str(), *line), ("notes/bad.json", 3));
            assert!(*column > 0);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().starts_with("notes/bad.json:3:"), "{err}");
    let err = Document::parse("x", b"{\"a\": 1,".to_vec(), None).unwrap_err();
    assert!(matches!(err, DocumentError::Json { line: 1, .. }));
    let err = Document::parse("x", b"{\"schemaVersion\": 2}".to_vec(), None).unwrap_err();
    assert!(matches!(err, DocumentError::NotAManifest { .. }), "{err}");
}

#[test]
fn oversized_input_is_refused() {
    let mut big = b"{\"manifests\": [], \"pad\": \"".to_vec();
    big.resize(MAX_DOCUMENT_BYTES + 10, b'a');
    let err = Document::parse("big.json", big.clone(), None).unwrap_err();
    assert!(matches!(err, DocumentError::TooLarge { .. }));
    assert!(err.to_string().contains("4 MiB"), "{err}");
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    let ctl = Control::new(&cancel, &progress);
    let err = inspect_reader("stdin", &mut big.as_slice(), &ctl).unwrap_err();
    assert!(matches!(
        err,
        InspectError::Document(DocumentError::TooLarge { .. })
    ));
    assert_eq!(err.exit(), notebench::exit::Exit::Usage);
}

#[test]
fn reading_from_a_reader_like_stdin() {
    let bytes = sample("regclient-testrepo-v3.oci-index.json");
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    let ins = inspect_reader(
        "stdin",
        &mut bytes.as_slice(),
        &Control::new(&cancel, &progress),
    )
    .unwrap();
    assert_eq!(ins.source, "stdin");
    assert_eq!(
        ins.root.document.digest.to_string(),
        "sha256:6fe828b32b9b4572f32b16c1c0a4d675660b19ec207d010724309374252c2d6d"
    );
    assert_eq!(
        chosen_path(&ins, "linux/arm/v7", Rules::Containerd),
        Some(vec![2])
    );
    // Children cannot be read from a stream; drilling says why.
    let err = ins
        .drill(&[0], &Control::new(&cancel, &progress))
        .unwrap_err();
    assert!(err.to_string().contains("one document only"), "{err}");
}

#[test]
fn malformed_digests_and_sizes_are_findings() {
    let doc = br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:XYZ","size":0,"platform":{"os":"linux","architecture":"amd64"}},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:59eec8837a4d942cc19a52b8c09ea75121acc38114a2c68b98983ce9356b8610","size":527}
    ]}"#;
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    let ins = inspect_document("inline", doc.to_vec(), &Control::new(&cancel, &progress)).unwrap();
    let kinds: Vec<(Kind, Option<&str>)> = ins
        .findings
        .iter()
        .map(|f| (f.kind, f.entry.as_deref()))
        .collect();
    assert!(
        kinds.contains(&(Kind::MalformedDigest, Some("#0"))),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(Kind::SizeMismatch, Some("#0"))),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(Kind::MissingPlatform, Some("#1"))),
        "{kinds:?}"
    );
    assert_eq!(ins.findings[0].level, Level::Error, "errors come first");
}
