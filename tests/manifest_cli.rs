//! `notebench manifest` end to end: the real binary on an OCI layout folder and on standard
//! input.

mod manifest_support;

use std::io::Write;
use std::process::{Command, Stdio};

use manifest_support::{all_blobs, index, three_platforms, write_layout};

fn notebench(args: &[&str], stdin: Option<&[u8]>) -> std::process::Output {
    let state = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_notebench"))
        .args(args)
        .env("NOTEBENCH_CONFIG_DIR", state.path().join("config"))
        .env("NOTEBENCH_DATA_DIR", state.path().join("data"))
        .env("NOTEBENCH_STATE_DIR", state.path().join("state"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("notebench runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

#[test]
fn a_layout_folder_picks_the_pi_entry_and_verifies_it() {
    let dir = tempfile::tempdir().unwrap();
    let images = three_platforms(false);
    let idx = index(&images, false);
    write_layout(dir.path(), &all_blobs(&images), &[("v1", &idx)]);
    let path = dir.path().to_str().unwrap();
    let out = notebench(
        &["manifest", path, "--platform", "linux/arm/v7", "--json"],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["selected"]["index"], 2);
    assert_eq!(json["selected"]["platform"], "linux/arm/v7");
    let platforms: Vec<&str> = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["platform"].as_str())
        .collect();
    for wanted in ["linux/amd64", "linux/arm64/v8", "linux/arm/v7"] {
        assert!(platforms.contains(&wanted), "{platforms:?}");
    }

    let out = notebench(
        &[
            "manifest",
            &format!("oci:{path}:v1"),
            "--platform",
            "linux/arm64",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("linux/arm64"), "{text}");

    let out = notebench(&["manifest", path, "--platform", "windows/amd64"], None);
    assert_eq!(out.status.code(), Some(1), "nothing matches");
}

#[test]
fn standard_input_is_read_and_bad_json_is_bad_input() {
    let images = three_platforms(true);
    let idx = index(&images, true);
    let out = notebench(
        &["manifest", "-", "--platform", "linux/amd64", "--json"],
        Some(&idx.bytes),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["media_type"],
        "application/vnd.docker.distribution.manifest.list.v2+json"
    );
    assert_eq!(json["selected"]["index"], 0);

    let out = notebench(
        &["manifest", "-"],
        Some(b"{\"schemaVersion\": 2,\n  \"manifests\": [\n"),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("stdin:3:") && err.contains("malformed JSON"),
        "{err}"
    );
}

#[test]
fn a_mistyped_path_is_not_sent_to_a_registry() {
    for typo in ["missing/typo.json", "./missing/index", "/nowhere/at/all"] {
        let out = notebench(&["manifest", typo], None);
        assert_eq!(out.status.code(), Some(2), "{typo}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no such file or folder"), "{typo}: {err}");
    }
}
