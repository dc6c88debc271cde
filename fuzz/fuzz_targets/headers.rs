//! Feeds the same bytes to every header-parser variant and fails on any disagreement (result,
//! error kind or error offset) or panic. The first byte picks the limits, so the header-count
//! and head-size limits are exercised as well as the defaults.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(disagreement) = notebench::headers::check_fuzz_case(data) {
        panic!("{disagreement}");
    }
});
