//! Replays every case kept in `fuzz/regressions/`: inputs the fuzz target found (files named
//! `crash-*`, copied from `fuzz/artifacts/headers/`) and hand-written edge cases (`edge-*`).
//! Each file is a fuzz input: the first byte picks the limits, the rest is the request.

use std::path::Path;

use notebench::headers::check_fuzz_case;

#[test]
fn every_kept_fuzz_case_still_agrees() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "no cases in {}", dir.display());
    for path in entries {
        let data = std::fs::read(&path).unwrap();
        if let Err(disagreement) = check_fuzz_case(&data) {
            panic!("{}: {disagreement}", path.display());
        }
    }
}
