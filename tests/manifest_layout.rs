//! OCI layout folders, drilling into entries, the built-in sample, the worker thread, and the
//! `notebench manifest` command end to end on a layout and on standard input.

mod manifest_support;
use manifest_support as support;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use notebench::commands::manifest::{Args, run, run_with_stdin};
use notebench::exit::{Context, Exit};
use notebench::manifest::findings::{Kind, check_image};
use notebench::manifest::platform::{Platform, parse_with_host};
use notebench::manifest::provider::{Control, FetchError, Progress};
use notebench::manifest::source::{InspectError, InspectOptions, Inspection, SourceSpec, inspect};
use notebench::manifest::{Child, Drilled, Rules};
use support::{all_blobs, image, index, three_platforms, write_layout};

fn open(arg: &str) -> Result<Inspection, InspectError> {
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    let spec = SourceSpec::parse(Some(arg))?;
    inspect(
        &spec,
        &InspectOptions::default(),
        &Control::new(&cancel, &progress),
    )
}

fn target(spec: &str) -> Platform {
    parse_with_host(spec, &Platform::new("linux", "amd64", "")).unwrap()
}

/// A layout with `multi` (a three-platform index) and `single` (one arm64 image).
fn layout(dir: &Path) -> (Vec<support::Image>, support::Blob) {
    let images = three_platforms(false);
    let idx = index(&images, false);
    let single = image("linux", "arm64", "v8", "arm64", false);
    let mut blobs = all_blobs(&images);
    blobs.extend([&single.config, &single.layer]);
    write_layout(
        dir,
        &blobs,
        &[("multi", &idx), ("single", &single.manifest)],
    );
    (images, idx)
}

fn context(dir: &Path) -> Context {
    Context {
        config_dir: dir.join("c"),
        data_dir: dir.join("d"),
        state_dir: dir.join("s"),
    }
}

fn args(source: &str, platform: &str, json: bool) -> Args {
    Args {
        source: Some(source.into()),
        platform: Some(platform.into()),
        rules: Rules::Containerd,
        json,
        ca_file: None,
        plain_http: false,
    }
}

#[test]
fn a_layout_folder_shows_its_index_and_follows_the_tag() {
    let dir = tempfile::tempdir().unwrap();
    layout(dir.path());
    let ins = open(dir.path().to_str().unwrap()).unwrap();
    assert!(ins.layout_index);
    assert!(
        matches!(ins.root.entries[0].child, Child::Index(_)),
        "nested index read from blobs"
    );
    assert!(
        ins.findings.iter().all(|f| f.kind != Kind::DigestMismatch),
        "{:?}",
        ins.findings
    );
    // The tagged index comes first and holds an arm64 entry: containerd follows it.
    let sel = ins.select(&target("linux/arm64"), Rules::Containerd);
    assert_eq!(sel.chosen.as_ref().unwrap().path, vec![0, 1]);
    assert!(sel.verdict(&[0]).unwrap().chosen);
    // Drilling into the tag entry loads the index with paths below it.
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    let Drilled::Index(node) = ins.drill(&[0], &Control::new(&cancel, &progress)).unwrap() else {
        panic!("an index")
    };
    let paths: Vec<Vec<usize>> = node.entries.iter().map(|e| e.path.clone()).collect();
    assert_eq!(paths, [vec![0, 0], vec![0, 1], vec![0, 2]]);
}

#[test]
fn oci_prefix_with_a_tag_opens_the_tagged_document_verified() {
    let dir = tempfile::tempdir().unwrap();
    let (_, idx) = layout(dir.path());
    let ins = open(&format!("oci:{}:multi", dir.path().display())).unwrap();
    assert_eq!(ins.root.document.digest.to_string(), idx.digest());
    assert!(ins.root.verification.ok && ins.root.verification.expected.is_some());
    assert_eq!(ins.root.entries.len(), 3);
    let err = open(&format!("oci:{}:nope", dir.path().display())).unwrap_err();
    assert!(err.to_string().contains("multi, single"), "{err}");
    assert_eq!(err.exit(), Exit::Failed);
}

#[test]
fn a_single_image_is_matched_by_its_config() {
    let dir = tempfile::tempdir().unwrap();
    layout(dir.path());
    let ins = open(&format!("oci:{}:single", dir.path().display())).unwrap();
    let view = ins.root_image.as_ref().expect("config read");
    assert_eq!(view.config.as_ref().unwrap().platform.architecture, "arm64");
    assert_eq!(
        ins.select(&target("linux/arm64"), Rules::Containerd)
            .chosen
            .unwrap()
            .rank,
        Some(0)
    );
    assert!(
        ins.select(&target("linux/amd64"), Rules::Containerd)
            .chosen
            .is_none()
    );
}

#[test]
fn drilling_reads_layers_and_config_from_the_same_source() {
    let dir = tempfile::tempdir().unwrap();
    let (images, _) = layout(dir.path());
    let ins = open(&format!("oci:{}:multi", dir.path().display())).unwrap();
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    let Drilled::Image(view) = ins.drill(&[2], &Control::new(&cancel, &progress)).unwrap() else {
        panic!("an image")
    };
    assert_eq!(view.layers.len(), 1);
    assert_eq!(view.layers_size, images[2].layer.bytes.len() as u64);
    let config = view.config.as_ref().unwrap();
    assert_eq!(config.platform.short(), "linux/arm/v7");
    assert_eq!(config.created.as_deref(), Some("2024-05-14T07:30:00Z"));
    assert!(view.verification.ok && config.verification.ok);
    assert!(check_image(&view, Some("#2".into())).is_empty());
}

#[test]
fn a_config_that_disagrees_with_the_index_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let liar = image("linux", "arm64", "v8", "amd64", false);
    let idx = index(std::slice::from_ref(&liar), false);
    write_layout(
        dir.path(),
        &all_blobs(std::slice::from_ref(&liar)),
        &[("t", &idx)],
    );
    let ins = open(&format!("oci:{}:t", dir.path().display())).unwrap();
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    let Drilled::Image(view) = ins.drill(&[0], &Control::new(&cancel, &progress)).unwrap() else {
        panic!("an image")
    };
    let findings = check_image(&view, Some("#0".into()));
    let f = findings
        .iter()
        .find(|f| f.kind == Kind::ConfigMismatch)
        .expect("config mismatch");
    assert!(
        f.message.contains("linux/arm64/v8") && f.message.contains("linux/amd64"),
        "{}",
        f.message
    );
}

#[test]
fn a_tampered_blob_fails_verification_and_the_command_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let (_, idx) = layout(dir.path());
    let path = dir
        .path()
        .join("blobs/sha256")
        .join(idx.digest().trim_start_matches("sha256:"));
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.push(b' ');
    std::fs::write(&path, bytes).unwrap();
    let ins = open(&format!("oci:{}:multi", dir.path().display())).unwrap();
    assert!(ins.verification_failed());
    assert!(ins.findings.iter().any(|f| f.kind == Kind::SizeMismatch));
    let mut out = Vec::new();
    let a = args(
        &format!("oci:{}:multi", dir.path().display()),
        "linux/amd64",
        false,
    );
    assert_eq!(
        run(&a, &context(dir.path()), &mut out).unwrap(),
        Exit::Failed
    );
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("DIGEST MISMATCH") && text.contains(&idx.digest()),
        "{text}"
    );
}

#[test]
fn the_command_on_a_layout_folder_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let (images, _) = layout(dir.path());
    let ctx = context(dir.path());
    let mut out = Vec::new();
    let source = dir.path().to_str().unwrap();
    assert_eq!(
        run(&args(source, "linux/arm/v7", false), &ctx, &mut out).unwrap(),
        Exit::Success
    );
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("chosen (containerd): #0.2 linux/arm/v7, rank 0"),
        "{text}"
    );
    assert!(text.contains("nested index, tag multi"), "{text}");

    let mut out = Vec::new();
    assert_eq!(
        run(&args(source, "linux/arm/v7", true), &ctx, &mut out).unwrap(),
        Exit::Success
    );
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["target_platform"], "linux/arm/v7");
    assert_eq!(v["selected"]["path"], serde_json::json!([0, 2]));
    assert_eq!(v["selected"]["digest"], images[2].manifest.digest());
    assert_eq!(v["selected"]["rank"], 0);
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 5, "two tags and the three nested entries");
    assert_eq!(entries[0]["group"], "nested_index");
    assert_eq!(entries[1]["path"], serde_json::json!([0, 0]));
    assert_eq!(entries[1]["chosen"], false);
    assert!(
        entries[1]["reason"]
            .as_str()
            .unwrap()
            .starts_with("not among what linux/arm/v7 runs"),
        "{}",
        entries[1]
    );

    let mut out = Vec::new();
    assert_eq!(
        run(&args(source, "linux/riscv64", true), &ctx, &mut out).unwrap(),
        Exit::Failed
    );
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(v["selected"].is_null());
    assert!(
        v["no_match"]
            .as_str()
            .unwrap()
            .contains("available: linux/amd64, linux/arm64/v8, linux/arm/v7")
    );
}

#[test]
fn the_command_on_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let images = three_platforms(true);
    let list = index(&images, true);
    let mut out = Vec::new();
    let a = args("-", "linux/arm64", true);
    let code = run_with_stdin(
        &a,
        &context(dir.path()),
        &mut out,
        &mut list.bytes.as_slice(),
    )
    .unwrap();
    assert_eq!(code, Exit::Success);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        (v["source"].as_str(), v["digest"].as_str()),
        (Some("stdin"), Some(list.digest().as_str()))
    );
    assert_eq!(v["media_type"], support::DOCKER_LIST);
    assert_eq!(v["selected"]["index"], 1);

    let mut out = Vec::new();
    let err = run_with_stdin(
        &a,
        &context(dir.path()),
        &mut out,
        &mut &b"{ \"manifests\": [ }"[..],
    )
    .unwrap_err();
    assert_eq!(err.exit, Exit::Usage);
    assert!(err.message.starts_with("stdin:1:"), "{}", err.message);
}

#[test]
fn text_output_never_carries_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let evil = br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
        {"mediaType":"application/vnd.oci.image.manifest.v1+json\u001b[2J","digest":"sha256:\u001b]52;c;AAAA\u0007","size":1,
         "platform":{"os":"linux\u001b[31m","architecture":"amd64\u202e"}}]}"#;
    let mut out = Vec::new();
    let a = args("-", "linux/amd64", false);
    let _ = run_with_stdin(&a, &context(dir.path()), &mut out, &mut &evil[..]).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        !text
            .chars()
            .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{202e}'),
        "{text:?}"
    );
    assert!(text.contains("^["), "escapes are shown, not executed");
}

#[test]
fn the_built_in_sample_works_offline_with_drilling() {
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    let ctl = Control::new(&cancel, &progress);
    let ins = inspect(
        &SourceSpec::parse(None).unwrap(),
        &InspectOptions::default(),
        &ctl,
    )
    .unwrap();
    assert!(ins.findings.is_empty(), "{:?}", ins.findings);
    let groups = ins.root.grouped();
    assert_eq!(
        groups.iter().map(|(_, e)| e.len()).collect::<Vec<_>>(),
        [5, 2]
    );
    for (i, path) in [[0], [1], [2], [3], [4]].iter().enumerate() {
        let Drilled::Image(view) = ins.drill(path, &ctl).unwrap() else {
            panic!("an image")
        };
        let config = view.config.as_ref().unwrap();
        assert!(
            config.verification.ok && config.created.is_some(),
            "entry {i}"
        );
        assert_eq!(
            Some(&config.platform.os),
            ins.root.entries[i]
                .descriptor
                .platform
                .as_ref()
                .map(|p| &p.os)
        );
        assert!(check_image(&view, None).is_empty(), "entry {i}");
    }
    let pi4 = ins
        .select(&target("linux/arm/v8"), Rules::Containerd)
        .chosen
        .unwrap();
    assert_eq!((pi4.path, pi4.rank), (vec![2], Some(1)));
}

#[test]
fn a_raised_cancel_flag_stops_loading() {
    let dir = tempfile::tempdir().unwrap();
    layout(dir.path());
    let cancel = AtomicBool::new(true);
    let progress = |_: Progress| {};
    let spec = SourceSpec::parse(Some(dir.path().to_str().unwrap())).unwrap();
    let err = inspect(
        &spec,
        &InspectOptions::default(),
        &Control::new(&cancel, &progress),
    )
    .unwrap_err();
    assert_eq!(err, InspectError::Fetch(FetchError::Cancelled));
}
