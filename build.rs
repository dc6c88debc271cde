//! Records facts about the build for the benchmark's environment line: the versions of the
//! reference parsers (from Cargo.lock), the compiler, and the profile and optimisation level.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    if let Some(lock) = find_lock(&manifest_dir) {
        println!("cargo::rerun-if-changed={}", lock.display());
        let text = std::fs::read_to_string(&lock).unwrap_or_default();
        for (krate, var) in [
            ("httparse", "NOTEBENCH_HTTPARSE_VERSION"),
            ("http", "NOTEBENCH_HTTP_VERSION"),
        ] {
            if let Some(version) = locked_version(&text, krate) {
                println!("cargo::rustc-env={var}={version}");
            }
        }
    }
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    if let Ok(out) = Command::new(rustc).arg("--version").output() {
        let version = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        println!("cargo::rustc-env=NOTEBENCH_RUSTC_VERSION={version}");
    }
    for (from, to) in [
        ("PROFILE", "NOTEBENCH_PROFILE"),
        ("OPT_LEVEL", "NOTEBENCH_OPT_LEVEL"),
    ] {
        if let Ok(value) = env::var(from) {
            println!("cargo::rustc-env={to}={value}");
        }
    }
    println!("cargo::rerun-if-changed=build.rs");
}

/// The nearest Cargo.lock at or above `dir`.
fn find_lock(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join("Cargo.lock"))
        .find(|p| p.is_file())
}

/// The version of the first `[[package]]` named `krate` in a Cargo.lock.
fn locked_version(lock: &str, krate: &str) -> Option<String> {
    let wanted = format!("name = \"{krate}\"");
    let mut lines = lock.lines();
    lines.find(|line| line.trim() == wanted)?;
    let version = lines.next()?.trim().strip_prefix("version = \"")?;
    Some(version.trim_end_matches('"').to_owned())
}
