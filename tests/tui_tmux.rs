//! End to end: the real binary in a real terminal (tmux), driven by keys as a person would.
//!
//! Needs tmux; `scripts/test` installs it. Without tmux the test fails and says so, unless
//! NOTEBENCH_SKIP_TMUX=1 is set.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(dir: &Path, width: u16, height: u16, env: &[(&str, &str)]) -> Option<Tmux> {
        Tmux::start_with(dir, width, height, env, "")
    }

    fn start_with(
        dir: &Path,
        width: u16,
        height: u16,
        env: &[(&str, &str)],
        args: &str,
    ) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            if std::env::var("NOTEBENCH_SKIP_TMUX").as_deref() == Ok("1") {
                eprintln!("tmux missing and NOTEBENCH_SKIP_TMUX=1: end-to-end test not run");
                return None;
            }
            panic!("tmux is needed for this test: apt-get install tmux (scripts/test does)");
        }
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let socket = format!("notebench-test-{}-{n}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_notebench");
        let exports: String = env.iter().map(|(k, v)| format!("{k}='{v}' ")).collect();
        let state = dir.display();
        let script = format!(
            "{exports}NOTEBENCH_STATE_DIR='{state}/state' NOTEBENCH_CONFIG_DIR='{state}/config' '{bin}' {args}; echo \"exit=$?\" > '{state}/exit'; sleep 30"
        );
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .arg(script)
            .status()
            .expect("tmux runs");
        assert!(status.success());
        Some(Tmux { socket })
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = Command::new("tmux")
                .args(["-L", &self.socket, "send-keys", key])
                .status()
                .unwrap();
            assert!(status.success());
            sleep(Duration::from_millis(80));
        }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text`, and returns the screen.
    fn wait_for(&self, text: &str) -> String {
        self.wait_for_within(text, 10)
    }

    fn wait_for_within(&self, text: &str, seconds: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {text:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

fn wait_for_file(path: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        sleep(Duration::from_millis(50));
    }
}

#[test]
fn browse_open_scroll_filter_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = Tmux::start(dir.path(), 100, 30, &[]) else {
        return;
    };
    let screen = tmux.wait_for("Notes 12/12");
    assert!(screen.contains("Welcome to notebench"), "{screen}");
    assert!(screen.contains("? help"), "status bar hints: {screen}");

    tmux.keys(&["j"]);
    let screen = tmux.wait_for("┌ Waveshare e-Paper ESP8266");
    assert!(screen.contains("The setup"), "{screen}");

    tmux.keys(&["Enter", "PageDown", "j", "j"]);
    let screen = tmux.wait_for("│ CS     │ GPIO15");
    assert!(
        !screen.contains(" 1-"),
        "scrolled away from the top: {screen}"
    );

    tmux.keys(&["Escape", "/", "k", "3", "s"]);
    let screen = tmux.wait_for("/k3s");
    assert!(screen.contains("k3s with Ubuntu Server"), "{screen}");
    assert!(
        !screen.contains("Notes 12/12"),
        "the list is filtered: {screen}"
    );

    tmux.keys(&["Enter", "?"]);
    tmux.wait_for("Keys (Esc closes)");
    tmux.keys(&["Escape", "q"]);
    let exit = wait_for_file(&dir.path().join("exit"));
    assert_eq!(exit.trim(), "exit=0");
    let state =
        std::fs::read_to_string(dir.path().join("state/state.json")).expect("resume state saved");
    assert!(state.contains("k3s"), "{state}");
}

#[test]
fn sixteen_colours_no_colour_and_a_tiny_window() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = Tmux::start(dir.path(), 30, 8, &[("TERM", "linux"), ("NO_COLOR", "1")]) else {
        return;
    };
    tmux.wait_for("window too small");
    let resize = Command::new("tmux")
        .args(["-L", &tmux.socket, "resize-window", "-x", "60", "-y", "15"])
        .status()
        .unwrap();
    assert!(resize.success());
    tmux.wait_for("Notes 12/12");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Welcome to notebench");
    tmux.keys(&["q"]);
    assert_eq!(wait_for_file(&dir.path().join("exit")).trim(), "exit=0");
}

#[test]
fn edit_a_note_in_the_editor_and_open_a_board_from_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(
        notes.join("wiring.md"),
        "---\ntitle: My wiring\nboard: waveshare-esp32\n---\nFirst line.\n",
    )
    .unwrap();
    let editor = dir.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\n# The last argument is the file.\nfor f; do :; done\necho 'Added by the editor.' >> \"$f\"\n").unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .unwrap();
    let env = [("EDITOR", editor.to_str().unwrap())];
    let Some(tmux) = Tmux::start_with(dir.path(), 100, 30, &env, notes.to_str().unwrap()) else {
        return;
    };
    tmux.wait_for("My wiring");
    tmux.keys(&["Enter", "e"]);
    tmux.wait_for("Added by the editor.");
    tmux.keys(&["o"]);
    let screen = tmux.wait_for("waveshare-esp32");
    assert!(screen.contains("▸3 Pins"), "{screen}");
    tmux.keys(&["2", "i", "Enter"]);
    let screen = tmux.wait_for_within("ratio to httparse", 60);
    assert!(screen.contains("1.00x"), "the reference row: {screen}");
    tmux.keys(&["q"]);
    assert_eq!(wait_for_file(&dir.path().join("exit")).trim(), "exit=0");
    let text = std::fs::read_to_string(notes.join("wiring.md")).unwrap();
    assert!(text.ends_with("Added by the editor.\n"));
}
