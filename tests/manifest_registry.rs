//! Against a real registry: Debian's `docker-registry` (Distribution) started from its own
//! config on a free 127.0.0.1 port. The test pushes a multi-platform index and its children
//! over the HTTP API and inspects them through the app's client, by tag and by digest; a
//! narrow `Accept` shows what a registry does to a client that does not send all four types.
//!
//! Needs `docker-registry` (`apt-get install docker-registry`) and, for the TLS case,
//! `openssl`. Set NOTEBENCH_SKIP_REGISTRY=1 to skip when they cannot be installed.

mod manifest_support;
use manifest_support as support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use notebench::commands::manifest::{Args, run};
use notebench::exit::{Context, Exit};
use notebench::manifest::findings::Level;
use notebench::manifest::media::DOCKER_MANIFEST;
use notebench::manifest::platform::{Platform, parse_with_host};
use notebench::manifest::provider::{Control, Progress};
use notebench::manifest::source::registry::RegistryOptions;
use notebench::manifest::source::registry::proxy::ProxyEnv;
use notebench::manifest::source::{InspectError, InspectOptions, Inspection, SourceSpec, inspect};
use notebench::manifest::{Drilled, Rules, Verification};
use support::server::free_port;
use support::{Blob, Image, index, three_platforms};

const REPO: &str = "notebench/demo";

fn find_tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// The registry binary, or None when the test is skipped on purpose.
fn registry_binary() -> Option<PathBuf> {
    if std::env::var("NOTEBENCH_SKIP_REGISTRY").as_deref() == Ok("1") {
        eprintln!("NOTEBENCH_SKIP_REGISTRY=1: registry test skipped");
        return None;
    }
    match find_tool("docker-registry") {
        Some(p) => Some(p),
        None => panic!(
            "docker-registry (Debian's Distribution server) is not installed: run \
             `apt-get install docker-registry`, or set NOTEBENCH_SKIP_REGISTRY=1 to skip this test"
        ),
    }
}

/// A registry process with its own config and storage, killed when dropped.
struct Registry {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
    // One registry at a time: a port picked as free can be taken by a parallel test's server
    // before the registry binds it, and then requests reach the wrong server.
    _serial: std::sync::MutexGuard<'static, ()>,
}

static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Registry {
    fn start(binary: &Path, tls: Option<(&Path, &Path)>) -> Self {
        let serial = SERIAL
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let tls_block = tls.map_or(String::new(), |(cert, key)| {
            format!(
                "  tls:\n    certificate: {}\n    key: {}\n",
                cert.display(),
                key.display()
            )
        });
        let config = format!(
            "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    \
             rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n  secret: notebench-test\n{tls_block}",
            dir.path().join("data").display()
        );
        let config_path = dir.path().join("config.yml");
        std::fs::write(&config_path, config).unwrap();
        let log = std::fs::File::create(dir.path().join("registry.log")).unwrap();
        let child = Command::new(binary)
            .arg("serve")
            .arg(&config_path)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start docker-registry");
        let mut reg = Self {
            child,
            port,
            dir,
            _serial: serial,
        };
        reg.wait_ready();
        reg
    }

    fn wait_ready(&mut self) {
        for _ in 0..100 {
            if let Ok(Some(status)) = self.child.try_wait() {
                let log = std::fs::read_to_string(self.dir.path().join("registry.log"))
                    .unwrap_or_default();
                panic!("docker-registry exited with {status}: {log}");
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "docker-registry did not listen on 127.0.0.1:{} within 10 s",
            self.port
        );
    }

    fn authority(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Pushes over the HTTP API: blobs by POST + PUT upload, manifests by PUT.
struct Pusher {
    agent: ureq::Agent,
    base: String,
}

impl Pusher {
    fn new(base: String) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .proxy(None)
            .build()
            .into();
        Self { agent, base }
    }

    fn blob(&self, blob: &Blob) {
        let resp = self
            .agent
            .post(&format!("{}/v2/{REPO}/blobs/uploads/", self.base))
            .send_empty()
            .unwrap();
        assert_eq!(resp.status().as_u16(), 202, "upload start");
        let location = resp
            .headers()
            .get("location")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let url = if location.starts_with("http") {
            location
        } else {
            format!("{}{location}", self.base)
        };
        let sep = if url.contains('?') { '&' } else { '?' };
        let resp = self
            .agent
            .put(&format!("{url}{sep}digest={}", blob.digest()))
            .header("Content-Type", "application/octet-stream")
            .send(&blob.bytes[..])
            .unwrap();
        assert_eq!(resp.status().as_u16(), 201, "upload finish");
    }

    fn manifest(&self, reference: &str, blob: &Blob) {
        let resp = self
            .agent
            .put(&format!("{}/v2/{REPO}/manifests/{reference}", self.base))
            .header("Content-Type", &blob.media_type)
            .send(&blob.bytes[..])
            .unwrap();
        assert_eq!(resp.status().as_u16(), 201, "manifest {reference}");
        let digest = resp
            .headers()
            .get("docker-content-digest")
            .unwrap()
            .to_str()
            .unwrap();
        assert_eq!(
            digest,
            blob.digest(),
            "the registry computes the same digest"
        );
    }

    fn images(&self, tag: &str, images: &[Image], list: &Blob) {
        for i in images {
            self.blob(&i.layer);
            self.blob(&i.config);
            self.manifest(&i.manifest.digest(), &i.manifest);
        }
        self.manifest(tag, list);
    }
}

fn options(config: &Path) -> InspectOptions {
    let registry = RegistryOptions {
        docker_config_dir: Some(config.to_path_buf()),
        proxy: ProxyEnv::default(),
        timeout: Duration::from_secs(15),
        ..RegistryOptions::default()
    };
    InspectOptions { registry }
}

fn open(reference: &str, opts: &InspectOptions) -> Result<Inspection, InspectError> {
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    inspect(
        &SourceSpec::parse(Some(reference)).unwrap(),
        opts,
        &Control::new(&cancel, &progress),
    )
}

fn target(spec: &str) -> Platform {
    parse_with_host(spec, &Platform::new("linux", "amd64", "")).unwrap()
}

/// A running registry holding an OCI index tagged `multi` and a Docker list tagged `dlist`,
/// each over linux/amd64, linux/arm64/v8 and linux/arm/v7.
struct Pushed {
    registry: Registry,
    oci: Vec<Image>,
    oci_index: Blob,
    docker: Vec<Image>,
    docker_list: Blob,
    config: tempfile::TempDir,
}

impl Pushed {
    fn reference(&self, rest: &str) -> String {
        format!("{}/{REPO}{rest}", self.registry.authority())
    }
}

fn pushed() -> Option<Pushed> {
    let binary = registry_binary()?;
    let registry = Registry::start(&binary, None);
    let pusher = Pusher::new(format!("http://{}", registry.authority()));
    let (oci, docker) = (three_platforms(false), three_platforms(true));
    let (oci_index, docker_list) = (index(&oci, false), index(&docker, true));
    pusher.images("multi", &oci, &oci_index);
    pusher.images("dlist", &docker, &docker_list);
    let config = tempfile::tempdir().unwrap();
    Some(Pushed {
        registry,
        oci,
        oci_index,
        docker,
        docker_list,
        config,
    })
}

#[test]
fn distribution_by_tag_verified_against_the_header() {
    let Some(p) = pushed() else { return };
    let by_tag = open(&p.reference(":multi"), &options(p.config.path())).unwrap();
    assert_eq!(
        by_tag.root.document.digest.to_string(),
        p.oci_index.digest()
    );
    let v = &by_tag.root.verification;
    assert!(v.ok && v.expected.is_none());
    assert_eq!(v.header.as_deref(), Some(p.oci_index.digest().as_str()));
    assert!(
        by_tag.findings.iter().all(|f| f.level != Level::Error),
        "{:?}",
        by_tag.findings
    );
    let arm64 = by_tag
        .select(&target("linux/arm64"), Rules::Containerd)
        .chosen
        .unwrap();
    assert_eq!(arm64.path, vec![1]);
    let pi4 = by_tag
        .select(&target("linux/arm/v8"), Rules::Containerd)
        .chosen
        .unwrap();
    assert_eq!((pi4.path, pi4.rank), (vec![2], Some(1)));
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    let ctl = Control::new(&cancel, &progress);
    let Drilled::Image(view) = by_tag.drill(&[2], &ctl).unwrap() else {
        panic!("an image")
    };
    let config = view.config.as_ref().unwrap();
    assert!(view.verification.ok && config.verification.ok);
    assert_eq!(config.platform.short(), "linux/arm/v7");
    assert_eq!(view.layers[0].digest, p.oci[2].layer.digest());
}

#[test]
fn distribution_by_digest_verified_against_both() {
    let Some(p) = pushed() else { return };
    let by_digest = open(
        &p.reference(&format!("@{}", p.docker_list.digest())),
        &options(p.config.path()),
    )
    .unwrap();
    let v = &by_digest.root.verification;
    assert!(v.ok);
    assert_eq!(v.expected.as_deref(), Some(p.docker_list.digest().as_str()));
    assert_eq!(v.header.as_deref(), Some(p.docker_list.digest().as_str()));
    assert_eq!(
        by_digest.root.content_type.as_deref(),
        Some(support::DOCKER_LIST)
    );
}

#[test]
fn a_narrow_accept_against_distribution() {
    let Some(p) = pushed() else { return };
    let mut narrow = options(p.config.path());
    narrow.registry.accept = DOCKER_MANIFEST.to_string();
    // The OCI index is refused, and the registry's reason reaches the user.
    let err = open(&p.reference(":multi"), &narrow).unwrap_err();
    assert!(
        err.to_string()
            .contains("accept header does not support OCI indexes"),
        "{err}"
    );
    assert_eq!(err.exit(), Exit::Failed);
    // The Docker list is silently swapped for its linux/amd64 image: those bytes do not verify
    // against the list's digest, which is how a client holding the digest catches it.
    let swapped = open(&p.reference(":dlist"), &narrow).unwrap();
    assert!(
        swapped.root.document.manifest().is_some(),
        "an image, not the list"
    );
    assert_eq!(
        swapped.root.document.digest.to_string(),
        p.docker[0].manifest.digest()
    );
    let header = swapped.root.verification.header.as_deref();
    let check = Verification::check(
        &swapped.root.document.bytes,
        Some(&p.docker_list.digest()),
        header,
    );
    assert!(!check.ok);
    let text = check.describe();
    assert!(
        text.contains(&p.docker_list.digest()) && text.contains(&p.docker[0].manifest.digest())
    );
    // With all four types (the default) the same tag is the list.
    let list = open(&p.reference(":dlist"), &options(p.config.path())).unwrap();
    assert_eq!(
        list.root.document.digest.to_string(),
        p.docker_list.digest()
    );
}

#[test]
fn the_command_against_distribution() {
    let Some(p) = pushed() else { return };
    let dir = p.config.path().to_path_buf();
    let ctx = Context {
        config_dir: dir.clone(),
        data_dir: dir.clone(),
        state_dir: dir,
    };
    let args = Args {
        source: Some(p.reference(":multi")),
        platform: Some("linux/arm/v7".into()),
        rules: Rules::Containerd,
        json: true,
        ca_file: None,
        plain_http: true,
    };
    let mut out = Vec::new();
    assert_eq!(run(&args, &ctx, &mut out).unwrap(), Exit::Success);
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["selected"]["digest"], p.oci[2].manifest.digest());
    assert_eq!(report["verification"]["header"], p.oci_index.digest());
}

#[test]
fn distribution_over_tls_with_a_private_ca() {
    let Some(binary) = registry_binary() else {
        return;
    };
    let openssl = find_tool("openssl")
        .unwrap_or_else(|| panic!("openssl is not installed: run `apt-get install openssl`"));
    let certs = tempfile::tempdir().unwrap();
    let (ca, cert, key) = make_certificates(&openssl, certs.path());
    let reg = Registry::start(&binary, Some((&cert, &key)));
    let cfg = tempfile::tempdir().unwrap();

    let mut trusted = options(cfg.path());
    trusted.registry.ca_file = Some(ca);
    let err = open(&format!("{}/{REPO}:none", reg.authority()), &trusted).unwrap_err();
    assert!(
        err.to_string().contains("MANIFEST_UNKNOWN") || err.to_string().contains("NAME_UNKNOWN"),
        "HTTPS worked: {err}"
    );
    assert_eq!(err.exit(), Exit::Failed);

    let err = open(
        &format!("{}/{REPO}:none", reg.authority()),
        &options(cfg.path()),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("--ca-file"),
        "the certificate failure is explained: {msg}"
    );
    assert_eq!(err.exit(), Exit::Io);
}

/// A CA and a server certificate for 127.0.0.1 signed by it: (ca.pem, cert.pem, key.pem).
fn make_certificates(openssl: &Path, dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let ext = "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n\
               extendedKeyUsage=serverAuth\n";
    std::fs::write(dir.join("ext.cnf"), ext).unwrap();
    let ca = "req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=notebench-test-CA \
              -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign \
              -keyout ca.key -out ca.pem";
    let request = "req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout key.pem -out req.csr";
    let sign = "x509 -req -days 2 -CAcreateserial -in req.csr -CA ca.pem -CAkey ca.key \
                -extfile ext.cnf -out cert.pem";
    for step in [ca, request, sign] {
        let status = Command::new(openssl)
            .args(step.split_whitespace())
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "openssl {step} failed");
    }
    (
        dir.join("ca.pem"),
        dir.join("cert.pem"),
        dir.join("key.pem"),
    )
}
