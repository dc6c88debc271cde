//! The command-line forms, run as a user runs them.

use std::process::{Command, Output, Stdio};

fn notebench(args: &[&str]) -> Output {
    let state = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_notebench"))
        .args(args)
        .env("NOTEBENCH_CONFIG_DIR", state.path().join("config"))
        .env("NOTEBENCH_DATA_DIR", state.path().join("data"))
        .env("NOTEBENCH_STATE_DIR", state.path().join("state"))
        .env_remove("NO_COLOR")
        .output()
        .expect("notebench runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn read_renders_a_bundled_note_by_stem_without_colour_into_a_pipe() {
    let out = notebench(&["read", "2020-04-15-epaper-esp8266-pins", "--width", "60"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.contains("GxEPD2_270"));
    assert!(!text.contains('\u{1b}'), "no escapes into a pipe");
    assert!(
        !text.contains("board: waveshare"),
        "front matter is not rendered"
    );
    assert!(
        text.lines()
            .filter(|l| !l.starts_with("  "))
            .all(|l| l.chars().count() <= 60)
    );
}

#[test]
fn read_with_color_always_uses_the_forced_depth() {
    let out = notebench(&[
        "read",
        "2019-10-26-bytes-to-string",
        "--color",
        "always",
        "--color-depth",
        "16",
    ]);
    let text = stdout(&out);
    assert!(text.contains("\u{1b}["), "colours were forced");
    assert!(
        !text.contains("38;2;") && !text.contains("38;5;"),
        "only 16-colour codes"
    );
}

#[test]
fn read_raw_prints_the_source_and_a_path_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.md");
    std::fs::write(&path, "---\ntitle: T\n---\n# Body \u{1b}[2J\r\n").unwrap();
    let out = notebench(&["read", path.to_str().unwrap(), "--raw"]);
    assert_eq!(stdout(&out), "---\ntitle: T\n---\n# Body ^[[2J\n");
}

#[test]
fn read_of_an_unknown_note_exits_1() {
    let out = notebench(&["read", "no-such-note"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no note named"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let bin = env!("CARGO_BIN_EXE_notebench");
    let script = format!(
        "'{bin}' read 2020-02-22-multiplatform-docker-buildkit | head -1; echo \"status=${{PIPESTATUS[0]}}\""
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.trim_end().ends_with("status=0"), "{text}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn list_json_has_the_schema() {
    let out = notebench(&["list", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["schema_version"], 1);
    let notes = json["notes"].as_array().unwrap();
    assert!(notes.len() >= 12);
    for note in notes {
        assert!(note["path"].is_string() && note["title"].is_string() && note["tags"].is_array());
        let date = note["date"].as_str().unwrap();
        assert!(date.len() == 10 || date.ends_with('Z'), "{date}");
    }
}

#[test]
fn list_of_a_missing_folder_is_bad_input_and_an_empty_one_matches_nothing() {
    assert_eq!(
        notebench(&["list", "/no/such/folder"]).status.code(),
        Some(2)
    );
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(
        notebench(&["list", empty.path().to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn a_folder_named_like_a_command_is_written_as_a_path() {
    let out = notebench(&["list", "./list-that-does-not-exist"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("list-that-does-not-exist"));
}

#[test]
fn config_prints_the_default_and_checks_the_users_file() {
    let out = notebench(&["config"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("# notes_dir = ") && text.contains("config file: not found"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.toml");
    std::fs::write(&file, "theme = \"dark\"\nmouse = \"sometimes\"\n").unwrap();
    let out = notebench(&["--config", file.to_str().unwrap(), "config"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("c.toml:2") && err.contains("mouse"), "{err}");
    std::fs::write(&file, "[keys.reader]\nedit = \"y\"\n").unwrap();
    let out = notebench(&["--config", file.to_str().unwrap(), "config"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bound to both"));
}

#[test]
fn usage_errors_exit_2_and_help_has_examples() {
    assert_eq!(notebench(&["read"]).status.code(), Some(2));
    assert_eq!(
        notebench(&["--color-depth", "17", "list"]).status.code(),
        Some(2)
    );
    let help = stdout(&notebench(&["--help"]));
    assert!(help.contains("Examples:") && help.contains("Exit status"));
}

#[test]
fn completions_into_a_closed_pipe_end_quietly() {
    let bin = env!("CARGO_BIN_EXE_notebench");
    let script = format!(
        "'{bin}' completions bash | head -1 >/dev/null; echo \"status=${{PIPESTATUS[0]}}\""
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        stdout(&out).trim_end().ends_with("status=0"),
        "{}",
        stdout(&out)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn completions_for_three_shells() {
    for shell in ["bash", "zsh", "fish"] {
        let out = notebench(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(stdout(&out).contains("notebench"));
    }
}

#[test]
fn real_markdown_from_the_cargo_registry_renders_without_control_bytes() {
    let Some(home) = std::env::var_os("CARGO_HOME").or_else(|| {
        std::env::var_os("HOME").map(|h| format!("{}/.cargo", h.to_string_lossy()).into())
    }) else {
        panic!("neither CARGO_HOME nor HOME is set");
    };
    let src = std::path::Path::new(&home).join("registry/src");
    let readmes: Vec<_> = std::fs::read_dir(&src)
        .expect("the cargo registry holds this project's dependencies")
        .flatten()
        .flat_map(|index| {
            std::fs::read_dir(index.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|krate| krate.path().join("README.md"))
        .filter(|p| p.is_file())
        .collect();
    assert!(readmes.len() > 20, "only {} READMEs found", readmes.len());
    for readme in readmes {
        for width in [20, 80] {
            let out = notebench(&[
                "read",
                readme.to_str().unwrap(),
                "--width",
                &width.to_string(),
            ]);
            assert_eq!(out.status.code(), Some(0), "{}", readme.display());
            let bad = out.stdout.iter().any(|&b| b < 0x20 && b != b'\n');
            assert!(!bad, "{} has raw control bytes", readme.display());
        }
    }
}

#[test]
fn bench_quick_json_has_every_variant() {
    let out = notebench(&["bench", "--quick", "--json", "--input", "curl"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["schema_version"], 1);
    assert!(json["environment"].is_object() && json["input"].is_object());
    let names: Vec<&str> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["variant"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "naive",
            "backing",
            "interned",
            "zero-copy",
            "httparse",
            "httparse-headermap"
        ]
    );
    for r in json["results"].as_array().unwrap() {
        assert_eq!(r["valid"], true, "{r}");
        for field in [
            "median_ns",
            "min_ns",
            "mad_ns",
            "ci_low_ns",
            "ci_high_ns",
            "mb_per_s",
            "allocs_per_op",
            "bytes_per_op",
            "ratio",
        ] {
            assert!(r[field].is_number(), "{field} in {r}");
        }
    }
    assert_eq!(
        notebench(&["bench", "--input", "/no/such/file.http"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn pins_and_manifest_commands_follow_the_conventions() {
    let out = notebench(&["pins", "--list"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out)
            .lines()
            .any(|l| l.starts_with("waveshare-esp8266 "))
    );
    let out = notebench(&[
        "pins",
        "waveshare-esp8266",
        "--check",
        "BUSY=16,RST=5,DC=4,CS=15",
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a revision mismatch is an error"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(notebench(&["pins", "no-such-board"]).status.code(), Some(2));
    let out = notebench(&["manifest", "--platform", "linux/arm/v7", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["selected"]["platform"], "linux/arm/v7");
}

#[test]
fn read_finds_notes_by_a_part_of_their_name_and_reports_odd_paths() {
    let out = notebench(&["read", "hello", "--width", "72"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("Hello"));
    assert_eq!(
        notebench(&["read", "bundled:2019-09-01-hello.md"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(notebench(&["read", ""]).status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("dangling.md");
    std::os::unix::fs::symlink(dir.path().join("gone.md"), &link).unwrap();
    let out = notebench(&["read", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("dangling.md"));
}
