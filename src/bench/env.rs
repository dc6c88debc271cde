//! The machine and build a run happened on, and what about them makes timings less
//! trustworthy.
//!
//! Everything is read from `/proc` and `/sys` where they exist (Linux); elsewhere the fields
//! read `unknown` and no scaling or virtual-machine flag is raised. Versions of the reference
//! crates come from the build script, which reads Cargo.lock.

use std::fs;

use serde::{Deserialize, Serialize};

/// Versions of the code being measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versions {
    /// This program.
    pub notebench: String,
    /// The httparse crate.
    pub httparse: String,
    /// The http crate.
    pub http: String,
    /// The compiler that built it.
    pub rustc: String,
}

/// Where and how a run took place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Environment {
    /// CPU model name, such as `AMD EPYC 7B13` or `Raspberry Pi 4 Model B`.
    pub cpu_model: String,
    /// Logical cores available to this process.
    pub cores: usize,
    /// CPU architecture, such as `x86_64` or `aarch64`.
    pub arch: String,
    /// Operating system.
    pub os: String,
    /// Host name, to tell machines apart when comparing with a baseline.
    pub hostname: String,
    /// SIMD features detected that httparse can use (`sse4.2`, `avx2`, `neon`).
    pub simd: Vec<String>,
    /// `release` or `debug` (debug assertions on).
    pub profile: String,
    /// The optimisation level the crate was built with.
    pub opt_level: String,
    /// The CPU frequency governor if it is not `performance` on every core; `None` when
    /// unknown or `performance`.
    pub scaling_governor: Option<String>,
    /// What gave a virtual machine away (`hypervisor` CPU flag, or the DMI vendor), if any.
    pub virtual_machine: Option<String>,
    /// Versions of the measured code and compiler.
    pub versions: Versions,
}

const UNKNOWN: &str = "unknown";

impl Environment {
    /// Looks at the current machine and build.
    pub fn detect() -> Self {
        let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        Self {
            cpu_model: cpu_model(&cpuinfo),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            arch: std::env::consts::ARCH.to_owned(),
            os: std::env::consts::OS.to_owned(),
            hostname: read_trimmed("/proc/sys/kernel/hostname").unwrap_or_else(|| UNKNOWN.into()),
            simd: simd_features(),
            profile: if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            }
            .to_owned(),
            opt_level: option_env!("NOTEBENCH_OPT_LEVEL")
                .unwrap_or(UNKNOWN)
                .to_owned(),
            scaling_governor: scaling_governor(),
            virtual_machine: virtual_machine(&cpuinfo),
            versions: Versions {
                notebench: env!("CARGO_PKG_VERSION").to_owned(),
                httparse: option_env!("NOTEBENCH_HTTPARSE_VERSION")
                    .unwrap_or(UNKNOWN)
                    .to_owned(),
                http: option_env!("NOTEBENCH_HTTP_VERSION")
                    .unwrap_or(UNKNOWN)
                    .to_owned(),
                rustc: option_env!("NOTEBENCH_RUSTC_VERSION")
                    .unwrap_or(UNKNOWN)
                    .to_owned(),
            },
        }
    }

    /// True when this is a debug build, whose timings say little about release code.
    pub fn is_debug_build(&self) -> bool {
        self.profile == "debug"
    }

    /// One line: CPU, cores, architecture, SIMD, profile and crate versions.
    pub fn summary(&self) -> String {
        let simd = if self.simd.is_empty() {
            "none".to_owned()
        } else {
            self.simd.join("+")
        };
        format!(
            "{} ({} cores, {}, simd {}), {} build, httparse {}, http {}",
            self.cpu_model,
            self.cores,
            self.arch,
            simd,
            self.profile,
            self.versions.httparse,
            self.versions.http
        )
    }

    /// What differs between `self` and `other` that matters when comparing timings: the
    /// machine (host, CPU, cores, architecture) and the build (profile, versions).
    pub fn differences(&self, other: &Environment) -> Vec<String> {
        let mut out = Vec::new();
        let mut check = |what: &str, a: &str, b: &str| {
            if a != b {
                out.push(format!("{what}: {a} vs {b}"));
            }
        };
        check("host", &self.hostname, &other.hostname);
        check("cpu", &self.cpu_model, &other.cpu_model);
        check("cores", &self.cores.to_string(), &other.cores.to_string());
        check("arch", &self.arch, &other.arch);
        check("profile", &self.profile, &other.profile);
        check("opt-level", &self.opt_level, &other.opt_level);
        check(
            "notebench",
            &self.versions.notebench,
            &other.versions.notebench,
        );
        check(
            "httparse",
            &self.versions.httparse,
            &other.versions.httparse,
        );
        check("http", &self.versions.http, &other.versions.http);
        check("rustc", &self.versions.rustc, &other.versions.rustc);
        out
    }
}

fn read_trimmed(path: &str) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\0');
    (!text.is_empty()).then(|| text.to_owned())
}

fn cpu_model(cpuinfo: &str) -> String {
    // x86 names the CPU; ARM boards name the board in the device tree or in `Model`.
    crate::cpuinfo::field(cpuinfo, &["model name"])
        .map(str::to_owned)
        .or_else(|| read_trimmed("/proc/device-tree/model"))
        .or_else(|| {
            crate::cpuinfo::field(cpuinfo, &["Model", "Hardware", "cpu model"]).map(str::to_owned)
        })
        .unwrap_or_else(|| UNKNOWN.into())
}

fn simd_features() -> Vec<String> {
    let mut out = Vec::new();
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("sse4.2") {
            out.push("sse4.2".to_owned());
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            out.push("avx2".to_owned());
        }
    }
    #[cfg(target_arch = "aarch64")]
    {
        if std::arch::is_aarch64_feature_detected!("neon") {
            out.push("neon".to_owned());
        }
    }
    out
}

/// The governor if any core runs one other than `performance`.
fn scaling_governor() -> Option<String> {
    let cpus = fs::read_dir("/sys/devices/system/cpu").ok()?;
    let mut governors: Vec<String> = cpus
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .trim_start_matches("cpu")
                .parse::<u32>()
                .is_ok()
        })
        .filter_map(|e| read_trimmed(&format!("{}/cpufreq/scaling_governor", e.path().display())))
        .collect();
    governors.sort();
    governors.dedup();
    governors.retain(|g| g != "performance");
    (!governors.is_empty()).then(|| governors.join(","))
}

/// DMI vendors and products that name a hypervisor.
const VM_VENDORS: [&str; 10] = [
    "QEMU",
    "KVM",
    "VMware",
    "VirtualBox",
    "innotek",
    "Xen",
    "Bochs",
    "Parallels",
    "Amazon EC2",
    "Google Compute Engine",
];

fn virtual_machine(cpuinfo: &str) -> Option<String> {
    let flags = crate::cpuinfo::field(cpuinfo, &["flags", "Features"]).unwrap_or_default();
    if flags.split_whitespace().any(|f| f == "hypervisor") {
        return Some("hypervisor cpu flag".to_owned());
    }
    let dmi = ["sys_vendor", "product_name", "board_vendor"]
        .iter()
        .filter_map(|f| read_trimmed(&format!("/sys/class/dmi/id/{f}")))
        .collect::<Vec<_>>()
        .join(" ");
    let microsoft_vm = dmi.contains("Microsoft Corporation") && dmi.contains("Virtual Machine");
    VM_VENDORS
        .iter()
        .find(|v| dmi.contains(*v))
        .map(|v| format!("dmi: {v}"))
        .or_else(|| microsoft_vm.then(|| "dmi: Hyper-V".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpuinfo_fields_from_x86_and_arm_layouts() {
        let x86 = "processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu sse4_2 hypervisor\n";
        assert_eq!(cpu_model(x86), "AMD EPYC 7B13");
        assert_eq!(virtual_machine(x86).as_deref(), Some("hypervisor cpu flag"));
        let arm = "processor\t: 0\nFeatures\t: fp asimd evtstrm\nModel\t\t: Raspberry Pi 4\n";
        assert_eq!(
            crate::cpuinfo::field(arm, &["Model"]),
            Some("Raspberry Pi 4")
        );
    }

    #[test]
    fn differences_name_machine_and_build_changes() {
        let a = Environment::detect();
        let mut b = a.clone();
        assert!(a.differences(&b).is_empty());
        b.cpu_model = "Other CPU".into();
        b.profile = format!("not-{}", a.profile);
        let diff = a.differences(&b);
        assert_eq!(diff.len(), 2);
        assert!(diff[0].starts_with("cpu: ") && diff[1].starts_with("profile: "));
    }

    #[test]
    fn detect_fills_the_basics() {
        let env = Environment::detect();
        assert_eq!(env.arch, std::env::consts::ARCH);
        assert!(env.cores >= 1);
        assert_eq!(env.is_debug_build(), cfg!(debug_assertions));
        assert!(env.summary().contains(&env.arch));
    }
}
