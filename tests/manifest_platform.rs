//! Platform rules: normalisation, containerd's ordered fallbacks, literal matching, the
//! Windows os.version rule, specifier parsing, and host detection from /proc/cpuinfo texts.

use notebench::manifest::platform::host::detect;
use notebench::manifest::platform::matcher::{
    containerd_rank, fallbacks, literal_fits, windows_compatible,
};
use notebench::manifest::platform::{Platform, parse_with_host};

fn p(spec: &str) -> Platform {
    // Entries as a descriptor would state them: os/arch[/variant], no normalisation.
    let parts: Vec<&str> = spec.split('/').collect();
    Platform::new(parts[0], parts[1], parts.get(2).copied().unwrap_or(""))
}

fn amd64_host() -> Platform {
    Platform::new("linux", "amd64", "")
}

fn target(spec: &str) -> Platform {
    parse_with_host(spec, &amd64_host()).unwrap()
}

#[test]
fn normalisation_table() {
    let cases = [
        ("linux/x86_64", "linux/amd64"),
        ("linux/x86-64", "linux/amd64"),
        ("linux/amd64/v1", "linux/amd64"),
        ("linux/amd64/v3", "linux/amd64/v3"),
        ("linux/aarch64", "linux/arm64"),
        ("linux/arm64/v8", "linux/arm64"),
        ("linux/arm64/8", "linux/arm64"),
        ("linux/arm64/v8.2", "linux/arm64/v8.2"),
        ("linux/armhf", "linux/arm/v7"),
        ("linux/armel", "linux/arm/v6"),
        ("linux/arm", "linux/arm/v7"),
        ("linux/arm/7", "linux/arm/v7"),
        ("linux/arm/6", "linux/arm/v6"),
        ("linux/arm/8", "linux/arm/v8"),
        ("linux/i386", "linux/386"),
        ("Linux/ARM64", "linux/arm64"),
        ("macos/arm64", "darwin/arm64"),
        ("linux/riscv64", "linux/riscv64"),
    ];
    for (raw, want) in cases {
        assert_eq!(p(raw).normalized().short(), want, "{raw}");
    }
}

#[test]
fn every_fallback_list() {
    let cases: &[(&str, &[&str])] = &[
        (
            "linux/arm64",
            &[
                "linux/arm64",
                "linux/arm/v8",
                "linux/arm/v7",
                "linux/arm/v6",
                "linux/arm/v5",
            ],
        ),
        (
            "linux/arm64/v8",
            &[
                "linux/arm64",
                "linux/arm/v8",
                "linux/arm/v7",
                "linux/arm/v6",
                "linux/arm/v5",
            ],
        ),
        (
            "linux/arm/v8",
            &[
                "linux/arm/v8",
                "linux/arm/v7",
                "linux/arm/v6",
                "linux/arm/v5",
            ],
        ),
        (
            "linux/arm/v7",
            &["linux/arm/v7", "linux/arm/v6", "linux/arm/v5"],
        ),
        (
            "linux/arm",
            &["linux/arm/v7", "linux/arm/v6", "linux/arm/v5"],
        ),
        ("linux/arm/v6", &["linux/arm/v6", "linux/arm/v5"]),
        ("linux/arm/v5", &["linux/arm/v5"]),
        (
            "linux/amd64/v3",
            &[
                "linux/amd64/v3",
                "linux/amd64/v2",
                "linux/amd64",
                "linux/386",
            ],
        ),
        (
            "linux/amd64/v2",
            &["linux/amd64/v2", "linux/amd64", "linux/386"],
        ),
        ("linux/amd64", &["linux/amd64", "linux/386"]),
        ("linux/386", &["linux/386"]),
        ("linux/ppc64le", &["linux/ppc64le"]),
        (
            "linux/arm64/v8.2",
            &[
                "linux/arm64/v8.2",
                "linux/arm64/v8.1",
                "linux/arm64",
                "linux/arm/v8",
                "linux/arm/v7",
                "linux/arm/v6",
                "linux/arm/v5",
            ],
        ),
    ];
    for (spec, want) in cases {
        let got: Vec<String> = fallbacks(&target(spec))
            .iter()
            .map(Platform::short)
            .collect();
        assert_eq!(got, *want, "{spec}");
    }
}

#[test]
fn containerd_ranks() {
    // target, entry as written, expected rank (None = does not run)
    let cases: &[(&str, &str, Option<usize>)] = &[
        ("linux/arm64", "linux/aarch64", Some(0)),
        ("linux/arm64", "linux/arm64/v8", Some(0)),
        ("linux/arm64", "linux/arm/v8", Some(1)),
        ("linux/arm64", "linux/arm/v7", Some(2)),
        ("linux/arm64", "linux/arm", Some(2)),
        ("linux/arm64", "linux/arm/v5", Some(4)),
        ("linux/arm64", "linux/amd64", None),
        ("linux/arm/v8", "linux/arm64", None),
        ("linux/arm/v8", "linux/arm64/v8", None),
        ("linux/arm/v7", "linux/armhf", Some(0)),
        ("linux/arm/v7", "linux/arm", Some(0)),
        ("linux/arm/v7", "linux/armel", Some(1)),
        ("linux/arm/v7", "linux/arm/v8", None),
        ("linux/arm/v6", "linux/arm/v7", None),
        ("linux/arm/v6", "linux/arm/v5", Some(1)),
        ("linux/arm/v7", "linux/arm/unrecognized-present", None),
        ("linux/amd64", "linux/x86_64", Some(0)),
        ("linux/amd64", "linux/amd64/v1", Some(0)),
        ("linux/amd64", "linux/i386", Some(1)),
        ("linux/amd64", "linux/amd64/v3", None),
        ("linux/amd64/v3", "linux/amd64/v2", Some(1)),
        ("linux/amd64/v3", "linux/amd64", Some(2)),
        ("linux/amd64/v3", "linux/386", Some(3)),
        ("linux/amd64", "windows/amd64", None),
    ];
    for (t, entry, want) in cases {
        assert_eq!(
            containerd_rank(&target(t), &p(entry)).ok(),
            *want,
            "target {t}, entry {entry}"
        );
    }
}

#[test]
fn literal_rules_compare_as_written() {
    let cases: &[(&str, &str, bool)] = &[
        ("linux/arm64", "linux/arm64/v8", true),
        ("linux/arm64/v8", "linux/arm64", false),
        ("linux/arm64", "linux/aarch64", false),
        ("linux/arm", "linux/arm/v5", true),
        ("linux/arm/v7", "linux/arm", false),
        ("linux/arm/v7", "linux/arm/v7", true),
        ("linux/amd64", "linux/386", false),
        ("linux/amd64", "linux/x86_64", false),
    ];
    for (t, entry, want) in cases {
        assert_eq!(
            literal_fits(&target(t), &p(entry)),
            *want,
            "target {t}, entry {entry}"
        );
    }
}

#[test]
fn windows_os_version_rule() {
    let ltsc2019 = target("windows(10.0.17763)/amd64");
    assert_eq!(ltsc2019.os_version, "10.0.17763");
    let entry = |v: &str| Platform::new("windows", "amd64", "").with_os_version(v);
    assert_eq!(
        containerd_rank(&ltsc2019, &entry("10.0.17763.914")).ok(),
        Some(0)
    );
    assert!(containerd_rank(&ltsc2019, &entry("10.0.20348.2113")).is_err());
    assert_eq!(
        containerd_rank(&ltsc2019, &Platform::new("windows", "amd64", "")).ok(),
        Some(0)
    );
    let host2025 = target("windows(10.0.26100)/amd64");
    assert_eq!(
        containerd_rank(&host2025, &entry("10.0.20348.2113")).ok(),
        Some(0)
    );
    assert!(containerd_rank(&host2025, &entry("10.0.17763.914")).is_err());
    // Literal matching wants the version exactly as given.
    assert!(!literal_fits(&ltsc2019, &entry("10.0.17763.914")));
    assert!(literal_fits(
        &target("windows(10.0.17763.914)/amd64"),
        &entry("10.0.17763.914")
    ));
    assert!(windows_compatible("10.0.20348", "10.0.20348.1"));
}

#[test]
fn specifiers_with_host_defaults() {
    let pi = Platform::new("linux", "arm", "v6");
    assert_eq!(
        parse_with_host("linux", &pi).unwrap().short(),
        "linux/arm/v6"
    );
    assert_eq!(
        parse_with_host("arm64", &pi).unwrap().short(),
        "linux/arm64"
    );
    assert_eq!(
        parse_with_host("windows(10.0.17763)/amd64", &pi)
            .unwrap()
            .to_string(),
        "windows(10.0.17763)/amd64"
    );
    let err = parse_with_host("linux/arm/v7/extra", &pi).unwrap_err();
    assert!(err.to_string().contains("linux/arm/v7/extra"), "{err}");
}

fn cpuinfo(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/data/cpuinfo/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn host_detection_from_cpuinfo() {
    let cases = [
        // Pi Zero W: ARMv6 that reports architecture 7; the model name gives it away.
        ("pi-zero-w-armv6.txt", "arm", "linux/arm/v6"),
        ("pi3-32bit-armv7.txt", "arm", "linux/arm/v7"),
        ("pi4-64bit-kernel.txt", "arm64", "linux/arm64/v8"),
        // 32-bit Raspberry Pi OS on a Pi 4 (64-bit kernel): a 32-bit userland on a v8 CPU.
        ("pi4-64bit-kernel.txt", "arm", "linux/arm/v8"),
        ("x86-haswell.txt", "amd64", "linux/amd64/v3"),
        ("x86-nehalem.txt", "amd64", "linux/amd64/v2"),
        ("x86-qemu-baseline.txt", "amd64", "linux/amd64/v1"),
    ];
    for (file, arch, want) in cases {
        let got = detect("linux", arch, Some(&cpuinfo(file)), None);
        assert_eq!(got.short(), want, "{file} with a {arch} userland");
    }
}

#[test]
fn the_armv6_quirk_applies_only_to_a_32_bit_userland() {
    let text = cpuinfo("pi-zero-w-armv6.txt");
    assert_eq!(detect("linux", "arm64", Some(&text), None).variant, "v7");
}

#[test]
fn without_a_cpu_architecture_line_the_machine_name_decides() {
    let emulated = "processor\t: 0\nmodel name\t: ARMv7 Processor rev 5 (v7l)\n";
    assert_eq!(
        detect("linux", "arm", Some(emulated), Some("armv7l")).short(),
        "linux/arm/v7"
    );
    assert_eq!(
        detect("linux", "arm64", None, Some("aarch64")).short(),
        "linux/arm64/v8"
    );
    assert_eq!(detect("linux", "arm", None, None).short(), "linux/arm");
}

#[test]
fn the_detected_32_bit_pi4_gets_no_arm64_image() {
    let host = detect("linux", "arm", Some(&cpuinfo("pi4-64bit-kernel.txt")), None);
    assert!(containerd_rank(&host, &p("linux/arm64")).is_err());
    assert_eq!(containerd_rank(&host, &p("linux/arm/v7")).ok(), Some(1));
}
