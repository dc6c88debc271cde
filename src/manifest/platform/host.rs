//! The host's platform, detected the way containerd does it.
//!
//! The OS and architecture are those of the running program's userland (Rust's
//! `std::env::consts`, the equivalent of Go's `GOOS`/`GOARCH`): a 32-bit Raspberry Pi OS on a
//! 64-bit Pi 4 is `arm`, not `arm64`. The variant comes from `/proc/cpuinfo`: for ARM the
//! `CPU architecture` field (falling back to the kernel's machine name when the field is
//! missing, as under emulation), with the Raspberry Pi quirk that ARMv6 boards report
//! architecture `7`; for amd64 the microarchitecture level (`v1` to `v4`) from `flags`.

use super::Platform;

/// Maps Rust's `std::env::consts::ARCH` to the OCI (Go) name.
pub fn oci_arch(rust_arch: &str) -> String {
    let arch = match rust_arch {
        "x86_64" => "amd64",
        "x86" => "386",
        "aarch64" => "arm64",
        "loongarch64" => "loong64",
        "powerpc64" if cfg!(target_endian = "little") => "ppc64le",
        "powerpc64" => "ppc64",
        "powerpc" => "ppc",
        "mips" if cfg!(target_endian = "little") => "mipsle",
        "mips64" if cfg!(target_endian = "little") => "mips64le",
        "wasm32" => "wasm",
        other => other,
    };
    arch.to_string()
}

/// Maps Rust's `std::env::consts::OS` to the OCI (Go) name.
pub fn oci_os(rust_os: &str) -> String {
    match rust_os {
        "macos" => "darwin".to_string(),
        other => other.to_string(),
    }
}

/// Detects the platform from explicit facts, so every case can be tested anywhere.
///
/// `os` and `arch` are OCI names of the userland; `cpuinfo` is the text of `/proc/cpuinfo`;
/// `machine` is the kernel's machine name (`uname -m`), used when cpuinfo has no
/// `CPU architecture` line.
pub fn detect(os: &str, arch: &str, cpuinfo: Option<&str>, machine: Option<&str>) -> Platform {
    let info = cpuinfo.unwrap_or("");
    let variant = match arch {
        "arm" | "arm64" => arm_variant(arch, info, machine),
        "amd64" if cpuinfo.is_some() => amd64_level(info),
        _ => String::new(),
    };
    Platform::new(os, arch, &variant)
}

/// The platform of the machine this program runs on.
pub fn host_platform() -> Platform {
    let os = oci_os(std::env::consts::OS);
    let arch = oci_arch(std::env::consts::ARCH);
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").ok();
    let machine = std::fs::read_to_string("/proc/sys/kernel/arch").ok();
    detect(
        &os,
        &arch,
        cpuinfo.as_deref(),
        machine.as_deref().map(str::trim),
    )
}

fn arm_variant(arch: &str, info: &str, machine: Option<&str>) -> String {
    let mut raw = match crate::cpuinfo::field(info, &["CPU architecture"]) {
        Some(v) => v.to_string(),
        None => match machine.map(variant_from_machine) {
            Some(Some(v)) => v,
            _ => return String::new(),
        },
    };
    if arch == "arm" && raw == "7" {
        let model = crate::cpuinfo::field(info, &["model name"])
            .unwrap_or("")
            .to_ascii_lowercase();
        if model.starts_with("armv6-compatible") {
            raw = "6".into();
        }
    }
    let variant = match raw.to_ascii_lowercase().as_str() {
        "8" | "aarch64" => "v8",
        "7" | "7m" | "?(12)" | "?(13)" | "?(14)" | "?(15)" | "?(16)" | "?(17)" => "v7",
        "6" | "6tej" => "v6",
        "5" | "5t" | "5te" | "5tej" => "v5",
        "4" | "4t" => "v4",
        "3" => "v3",
        _ => "unknown",
    };
    variant.to_string()
}

/// `aarch64` → `8`; `armv7l` → `7`; anything else → None.
fn variant_from_machine(machine: &str) -> Option<String> {
    let m = machine.trim().to_ascii_lowercase();
    if m == "aarch64" {
        return Some("8".into());
    }
    let rest = m.strip_prefix("armv")?;
    let digit = rest.chars().next().filter(|c| ('3'..='8').contains(c));
    Some(digit.map_or_else(|| "unknown".to_string(), String::from))
}

/// The x86-64 microarchitecture level from the `flags` line.
fn amd64_level(info: &str) -> String {
    let flags: Vec<&str> = crate::cpuinfo::field(info, &["flags"])
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let has_all = |want: &[&str]| want.iter().all(|f| flags.contains(f));
    let mut level = 1;
    if has_all(&[
        "cx16", "lahf_lm", "popcnt", "pni", "sse4_1", "sse4_2", "ssse3",
    ]) {
        level = 2;
        if has_all(&[
            "avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave",
        ]) {
            level = 3;
            if has_all(&["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"]) {
                level = 4;
            }
        }
    }
    format!("v{level}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_names() {
        assert_eq!(variant_from_machine("aarch64").as_deref(), Some("8"));
        assert_eq!(variant_from_machine("armv7l").as_deref(), Some("7"));
        assert_eq!(variant_from_machine("armv6l").as_deref(), Some("6"));
        assert_eq!(variant_from_machine("armvx").as_deref(), Some("unknown"));
        assert_eq!(variant_from_machine("x86_64"), None);
    }

    #[test]
    fn the_real_host_detects_something() {
        let p = host_platform();
        assert!(!p.os.is_empty() && !p.architecture.is_empty());
    }
}
