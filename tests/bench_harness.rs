//! The harness end to end: a quick run on `browser`, progress on a worker thread,
//! cancellation, and baselines. Timing figures are never asserted on, only their presence and
//! shape.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use notebench::bench::alloc::CountingAllocator;
use notebench::bench::{
    self, BenchConfig, BenchError, Input, Mode, NoProgress, Phase, Progress, Report, baseline,
};
use notebench::headers::Variant;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Asserts two JSON documents are equal, numbers within a relative 1e-12: serde_json's
/// default float parsing may differ from the written value in the last bit.
fn assert_json_close(a: &serde_json::Value, b: &serde_json::Value, path: &str) {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            assert!(
                (x - y).abs() <= 1e-12 * x.abs().max(y.abs()),
                "{path}: {x} vs {y}"
            );
        }
        (Value::Array(xs), Value::Array(ys)) => {
            assert_eq!(xs.len(), ys.len(), "{path}: lengths");
            for (i, (x, y)) in xs.iter().zip(ys).enumerate() {
                assert_json_close(x, y, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(xs), Value::Object(ys)) => {
            assert_eq!(
                xs.keys().collect::<Vec<_>>(),
                ys.keys().collect::<Vec<_>>(),
                "{path}"
            );
            for (key, x) in xs {
                assert_json_close(x, &ys[key], &format!("{path}.{key}"));
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}

fn quick(input: &str) -> BenchConfig {
    BenchConfig {
        mode: Mode::Quick,
        ..BenchConfig::new(Input::builtin(input).unwrap())
    }
}

fn quick_report(input: &str) -> Report {
    bench::run(&quick(input), &mut NoProgress, &AtomicBool::new(false)).unwrap()
}

#[test]
fn quick_run_on_browser_times_every_variant_and_serialises_every_field() {
    let report = quick_report("browser");
    assert_eq!(report.results.len(), 6);
    assert_eq!(report.input.headers, Some(13));
    assert!(report.input_error.is_none());
    for r in &report.results {
        assert!(r.valid, "{} invalid: {:?}", r.variant, r.error);
        assert_eq!(r.samples_ns.len(), Mode::Quick.plan().samples);
        assert!(r.median_ns.is_some() && r.ratio.is_some() && r.allocs_per_op.is_some());
    }
    // Allocation shape: zero-copy one vector, interned only its two up-front buffers (all 13
    // names are common), backing one name per header more, naive about three per header.
    let allocs = |v: Variant| report.result(v).unwrap().allocs_per_op.unwrap();
    assert_eq!(allocs(Variant::Httparse), 0.0);
    assert_eq!(allocs(Variant::ZeroCopy), 1.0);
    assert_eq!(allocs(Variant::Interned), 2.0);
    assert_eq!(allocs(Variant::Backing), 13.0 + 2.0);
    assert!(allocs(Variant::Naive) >= 3.0 * 13.0);
    assert_eq!(report.result(Variant::Httparse).unwrap().ratio, Some(1.0));

    let json: serde_json::Value = serde_json::to_value(&report).unwrap();
    assert_eq!(json["schema_version"], 1);
    for key in [
        "environment",
        "input",
        "results",
        "flags",
        "mode",
        "started_at",
    ] {
        assert!(!json[key].is_null(), "missing {key}");
    }
    for key in ["cpu_model", "cores", "arch", "simd", "profile", "versions"] {
        assert!(
            !json["environment"][key].is_null(),
            "missing environment.{key}"
        );
    }
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
    for result in json["results"].as_array().unwrap() {
        for key in [
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
            assert!(
                result[key].is_number(),
                "{}: {key} = {}",
                result["variant"],
                result[key]
            );
        }
        assert_eq!(result["valid"], true);
    }
    let text = serde_json::to_string(&report).unwrap();
    let back: Report = serde_json::from_str(&text).unwrap();
    assert_json_close(&serde_json::to_value(&back).unwrap(), &json, "report");
}

#[test]
fn worker_thread_sends_progress_in_phase_order_and_ends_with_done() {
    let (tx, rx) = mpsc::channel::<Progress>();
    let mut config = quick("curl");
    config.variants = vec![Variant::ZeroCopy, Variant::Httparse];
    let handle = bench::spawn(config, tx, Arc::new(AtomicBool::new(false))).unwrap();
    let report = handle.join().unwrap().unwrap();
    let messages: Vec<Progress> = rx.iter().collect();
    let phases: Vec<Phase> = messages.iter().map(|m| m.phase).collect();
    let mut sorted = phases.clone();
    sorted.sort_by_key(|p| *p as u8);
    assert_eq!(phases, sorted, "phases out of order");
    assert_eq!(phases.last(), Some(&Phase::Done));
    let last_sample = messages
        .iter()
        .rev()
        .find(|m| m.phase == Phase::Sampling)
        .unwrap();
    assert_eq!(last_sample.fraction, 1.0);
    assert!(last_sample.running_median_ns.is_some() && last_sample.eta.is_some());
    assert_eq!(report.results.len(), 2);
}

#[test]
fn cancelling_stops_the_run() {
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let mut seen = 0;
    let mut on_progress = |p: Progress| {
        seen += 1;
        if p.phase == Phase::Calibrating {
            flag.store(true, Ordering::Relaxed);
        }
    };
    let outcome = bench::run(&quick("browser"), &mut on_progress, &cancel);
    assert_eq!(outcome.unwrap_err(), BenchError::Cancelled);
    assert!(seen > 0);
}

#[test]
fn dropped_receiver_stops_the_run() {
    let (tx, rx) = mpsc::channel::<Progress>();
    drop(rx);
    let handle = bench::spawn(quick("curl"), tx, Arc::new(AtomicBool::new(false))).unwrap();
    assert_eq!(handle.join().unwrap().unwrap_err(), BenchError::Cancelled);
}

#[test]
fn invalid_input_marks_every_variant_invalid_and_times_none() {
    let input = Input::from_text("broken", b"GET / HTTP/1.1\r\nHost : a\r\n\r\n");
    let config = BenchConfig {
        mode: Mode::Quick,
        ..BenchConfig::new(input)
    };
    let report = bench::run(&config, &mut NoProgress, &AtomicBool::new(false)).unwrap();
    assert!(report.all_invalid());
    assert_eq!(report.input_error.unwrap().offset, 20);
    assert!(
        report
            .results
            .iter()
            .all(|r| r.samples_ns.is_empty() && r.median_ns.is_none())
    );
}

#[test]
fn baselines_save_atomically_load_and_compare() {
    let dir = tempfile::tempdir().unwrap();
    let report = quick_report("curl");
    let path = baseline::save(dir.path(), "before", &report).unwrap();
    assert_eq!(path, dir.path().join("baselines/before.json"));
    let files: Vec<_> = std::fs::read_dir(dir.path().join("baselines"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1, "no temporary file left behind");
    assert_eq!(baseline::list(dir.path()), ["before"]);

    let loaded = baseline::load(dir.path(), "before").unwrap();
    assert_eq!(loaded.name, "before");
    let as_json = |r: &Report| serde_json::to_value(r).unwrap();
    assert_json_close(&as_json(&loaded.report), &as_json(&report), "baseline");
    let cmp = bench::compare(&loaded, &report);
    assert!(cmp.same_machine_and_build && cmp.same_input);
    assert_eq!(cmp.rows.len(), 6);
    // A run against its own samples: identical distributions, so nothing is significant.
    assert!(
        cmp.rows
            .iter()
            .all(|r| r.delta_pct.is_none() && r.p_value > 0.9)
    );

    let mut slower = loaded.clone();
    for r in &mut slower.report.results {
        r.samples_ns.iter_mut().for_each(|s| *s /= 2.0);
    }
    slower.report.environment.cpu_model = "Some Other CPU".into();
    let cmp = bench::compare(&slower, &report);
    assert!(!cmp.same_machine_and_build);
    assert!(cmp.differences[0].starts_with("cpu: Some Other CPU"));
    assert!(
        cmp.rows
            .iter()
            .all(|r| r.delta_pct.is_some_and(|d| (d - 100.0).abs() < 1e-9))
    );
}

#[test]
fn baseline_errors_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        baseline::load(dir.path(), "missing"),
        Err(baseline::BaselineError::NotFound(_))
    ));
    let report = quick_report("curl");
    for bad in ["", "../x", ".hidden", "a/b", "sp ace"] {
        assert!(matches!(
            baseline::save(dir.path(), bad, &report),
            Err(baseline::BaselineError::BadName(_))
        ));
    }
    std::fs::create_dir_all(dir.path().join("baselines")).unwrap();
    std::fs::write(
        dir.path().join("baselines/junk.json"),
        "{\n  \"schema_version\": 1,\n  oops",
    )
    .unwrap();
    match baseline::load(dir.path(), "junk") {
        Err(baseline::BaselineError::Malformed { line, .. }) => assert_eq!(line, 3),
        other => panic!("expected a malformed baseline, got {other:?}"),
    }
    let path = baseline::save(dir.path(), "edited", &report).unwrap();
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    json["report"]["results"][0]["samples_ns"] = serde_json::json!([-5.0, -5.0]);
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    match baseline::load(dir.path(), "edited") {
        Err(e @ baseline::BaselineError::Malformed { .. }) => {
            assert!(e.to_string().contains("samples_ns"), "{e}")
        }
        other => panic!("expected a refused baseline, got {other:?}"),
    }
    json["report"]["results"][0]["samples_ns"] = serde_json::json!([1.0]);
    json["schema_version"] = serde_json::json!(2);
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    assert!(baseline::load(dir.path(), "edited").is_err());
}
