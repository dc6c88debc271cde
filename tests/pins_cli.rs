//! `notebench pins` end to end: text, JSON, exit statuses and write errors.

use notebench::commands::pins::{Args, run};
use notebench::exit::{Context, Exit};
use serde_json::Value;
use std::io::{self, Write};

fn context(dir: &std::path::Path) -> Context {
    Context {
        config_dir: dir.to_path_buf(),
        data_dir: dir.join("data"),
        state_dir: dir.join("state"),
    }
}

fn args(board: &str) -> Args {
    Args {
        board: Some(board.to_string()),
        ..Args::default()
    }
}

/// Runs the command in an empty config folder; returns the status (or error) and the output.
fn exec(a: &Args) -> (Result<Exit, (Exit, String)>, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    let result = run(a, &context(dir.path()), &mut out).map_err(|e| (e.exit, e.message));
    (result, String::from_utf8(out).unwrap())
}

#[test]
fn list_prints_one_board_a_line_id_first() {
    let (status, text) = exec(&Args {
        list: true,
        ..Args::default()
    });
    assert_eq!(status, Ok(Exit::Success));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(
        lines[0].starts_with("nodemcu ") && lines[0].ends_with("NodeMCU / Wemos D1 mini (ESP8266)")
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("rpi-40pin ") && l.ends_with("Raspberry Pi 40-pin header"))
    );
}

#[test]
fn list_as_json() {
    let (status, text) = exec(&Args {
        list: true,
        json: true,
        ..Args::default()
    });
    assert_eq!(status, Ok(Exit::Success));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["boards"].as_array().unwrap().len(), 4);
    assert_eq!(v["errors"].as_array().unwrap().len(), 0);
}

#[test]
fn text_view_draws_pins_findings_and_the_constructor() {
    let (status, text) = exec(&Args {
        panel: Some("2.7".into()),
        ..args("waveshare-esp8266")
    });
    assert_eq!(status, Ok(Exit::Success));
    assert!(text.contains("GxEPD2_BW<GxEPD2_270, GxEPD2_270::HEIGHT> display(GxEPD2_270(/*CS=*/ 15, /*DC=*/ 4, /*RST=*/ 2, /*BUSY=*/ 5));"));
    assert!(
        text.lines()
            .any(|l| l.contains("[GPIO5  ]") && l.ends_with("<- BUSY")),
        "{text}"
    );
    assert!(text.contains("other wiring `older`"));
    assert!(text.contains("findings: 0 error(s)"));
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn pi_header_drawing_has_twenty_rows() {
    let (status, text) = exec(&args("rpi-40pin"));
    assert_eq!(status, Ok(Exit::Success));
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("] [")).collect();
    assert_eq!(rows.len(), 20);
    assert!(rows[0].contains("3V3 3 [ 1] [ 2] 5 5V"), "{}", rows[0]);
    assert!(
        rows[5].trim_start().starts_with("RST") && rows[5].trim_end().ends_with("PWR"),
        "{}",
        rows[5]
    );
}

#[test]
fn check_with_an_error_exits_1_and_warnings_alone_exit_0() {
    let mismatch = Args {
        check: vec!["BUSY=16,RST=5,DC=4,CS=15".into()],
        ..args("waveshare-esp8266")
    };
    let (status, text) = exec(&mismatch);
    assert_eq!(status, Ok(Exit::Failed));
    assert!(text.contains("[revision-mismatch]"), "{text}");
    let warned = Args {
        wiring: Some("older".into()),
        ..mismatch
    };
    let (status, text) = exec(&warned);
    assert_eq!(status, Ok(Exit::Success));
    assert!(text.contains("W BUSY is on GPIO16"), "{text}");
}

#[test]
fn unknown_names_exit_2() {
    let cases = [
        args("no-such-board"),
        Args {
            panel: Some("9.9".into()),
            ..args("nodemcu")
        },
        Args {
            wiring: Some("newest".into()),
            ..args("waveshare-esp8266")
        },
        Args {
            check: vec!["BUSY=D9".into()],
            ..args("nodemcu")
        },
        Args {
            check: vec!["BUSY".into()],
            ..args("nodemcu")
        },
    ];
    for a in cases {
        let (status, _) = exec(&a);
        let (exit, message) = status.expect_err("usage error");
        assert_eq!(exit, Exit::Usage, "{message}");
        assert!(!message.is_empty());
    }
}

#[test]
fn json_view_has_the_documented_fields() {
    let a = Args {
        json: true,
        panel: Some("2.9-v2".into()),
        check: vec!["BUSY=P18,RST=P11,CS=P24,DC=P22".into()],
        ..args("rpi-40pin")
    };
    let (status, text) = exec(&a);
    assert_eq!(status, Ok(Exit::Success));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["board"]["id"], "rpi-40pin");
    assert_eq!(v["wiring"]["id"], "yours");
    assert_eq!(v["pins"].as_array().unwrap().len(), 40);
    assert_eq!(v["signals"].as_array().unwrap().len(), 4);
    assert_eq!(v["signals"][0]["gpio"], 24);
    assert_eq!(v["signals"][0]["direction"], "peripheral");
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "rpi-spi-ce" && f["level"] == "info")
    );
    assert_eq!(v["constructor"]["panel"]["driver"], "GxEPD2_290_T94_V2");
    assert!(
        v["constructor"]["error"]
            .as_str()
            .unwrap()
            .contains("Arduino")
    );
}

#[test]
fn without_a_board_it_says_which_it_opened() {
    let (status, text) = exec(&Args::default());
    assert_eq!(status, Ok(Exit::Success));
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("opening: "), "{first}");
}

#[test]
fn user_board_text_is_sanitized() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("boards")).unwrap();
    let text = "name = \"Evil \\u001b[31m board\"\nchip = \"other\"\nlayout = \"list\"\npins = [ { gpio = 1, name = \"X\\u0007\", kind = \"gpio\" } ]\n";
    std::fs::write(dir.path().join("boards/evil.toml"), text).unwrap();
    let mut out = Vec::new();
    let status = run(&args("evil"), &context(dir.path()), &mut out).map_err(|e| e.message);
    assert_eq!(status, Ok(Exit::Success));
    let shown = String::from_utf8(out).unwrap();
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
        "{shown}"
    );
    assert!(shown.contains("Evil ^[[31m board"), "{shown}");
    let mut list = Vec::new();
    run(
        &Args {
            list: true,
            ..Args::default()
        },
        &context(dir.path()),
        &mut list,
    )
    .unwrap();
    assert!(!String::from_utf8(list).unwrap().contains('\u{1b}'));
}

struct Failing(io::ErrorKind);

impl Write for Failing {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::new(self.0, "test writer"))
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn broken_pipe_ends_quietly_and_other_write_errors_are_io() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(dir.path());
    let mismatch = Args {
        check: vec!["BUSY=16".into()],
        ..args("waveshare-esp8266")
    };
    let quiet = run(&mismatch, &ctx, &mut Failing(io::ErrorKind::BrokenPipe)).map_err(|e| e.exit);
    assert_eq!(quiet, Ok(Exit::Success));
    let failed = run(
        &args("nodemcu"),
        &ctx,
        &mut Failing(io::ErrorKind::PermissionDenied),
    )
    .map_err(|e| e.exit);
    assert_eq!(failed, Err(Exit::Io));
}
