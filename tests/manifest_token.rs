//! The registry client against a small registry and token server run on 127.0.0.1: the
//! anonymous bearer-token flow, credentials from config.json, basic authentication,
//! verification against Docker-Content-Digest, rate-limit headers, proxies, timeouts,
//! cancellation, and the exit statuses of failures.

mod manifest_support;
use manifest_support as support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use notebench::commands::manifest::{Args, run};
use notebench::exit::{Context, Exit};
use notebench::manifest::findings::Kind;
use notebench::manifest::media::ACCEPT_ALL;
use notebench::manifest::platform::{Platform, parse_with_host};
use notebench::manifest::provider::{Control, FetchError, Progress};
use notebench::manifest::source::registry::RegistryOptions;
use notebench::manifest::source::registry::proxy::ProxyEnv;
use notebench::manifest::source::{InspectError, InspectOptions, Inspection, SourceSpec, inspect};
use notebench::manifest::{Drilled, Rules};
use support::server::{Request, Response, Server, free_port};
use support::{Blob, Image, index, three_platforms};

const TOKEN: &str = "t0k3n-for-team-app";

#[derive(Clone, Default)]
struct Behaviour {
    /// Answer 401 with a Bearer challenge until the token is presented.
    bearer: bool,
    /// The token server demands these basic credentials.
    token_needs: Option<(String, String)>,
    /// Answer 401 with a Basic challenge until these credentials are presented.
    basic: Option<(String, String)>,
    /// Send a Docker-Content-Digest that is not the digest of the body.
    lie_about_digest: bool,
    /// Send this Content-Type for the list instead of its own.
    content_type: Option<String>,
    /// Send Docker Hub's rate-limit headers.
    rate_limit: bool,
}

struct Fixture {
    images: Vec<Image>,
    list: Blob,
}

fn fixture() -> Fixture {
    let images = three_platforms(false);
    let list = index(&images, false);
    Fixture { images, list }
}

fn basic(user: &str, pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
    )
}

fn registry(f: &Fixture, b: Behaviour) -> Server {
    let mut blobs: Vec<Blob> = vec![f.list.clone()];
    for i in &f.images {
        blobs.extend([i.manifest.clone(), i.config.clone(), i.layer.clone()]);
    }
    let list_digest = f.list.digest();
    Server::start(move |req: &Request| {
        let host = req.header("host").unwrap_or("").to_string();
        if req.path() == "/token" {
            return token_reply(req, &b);
        }
        if let Some(denied) = check_auth(req, &b, &host) {
            return denied;
        }
        let Some(rest) = req.path().strip_prefix("/v2/team/app/") else {
            return Response::new(404);
        };
        let (kind, reference) = rest.split_once('/').unwrap_or(("", ""));
        let reference = if reference == "v1" {
            list_digest.as_str()
        } else {
            reference
        };
        let Some(blob) = blobs.iter().find(|x| x.digest() == reference) else {
            return Response::new(404)
                .body(r#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}"#);
        };
        let mut resp = Response::new(200).body(blob.bytes.clone());
        if kind == "manifests" {
            let ct = match (&b.content_type, blob.digest() == list_digest) {
                (Some(ct), true) => ct.clone(),
                _ => blob.media_type.clone(),
            };
            let digest = if b.lie_about_digest {
                support::sha256(b"something else")
            } else {
                blob.digest()
            };
            resp = resp
                .header("Content-Type", &ct)
                .header("Docker-Content-Digest", &digest);
            if b.rate_limit {
                resp = resp
                    .header("RateLimit-Limit", "100;w=21600")
                    .header("RateLimit-Remaining", "97;w=21600");
            }
        }
        resp
    })
}

fn check_auth(req: &Request, b: &Behaviour, host: &str) -> Option<Response> {
    let auth = req.header("authorization");
    if b.bearer && auth != Some(&format!("Bearer {TOKEN}")) {
        let challenge = format!(
            r#"Bearer realm="http://{host}/token",service="fake-registry",scope="repository:team/app:pull""#
        );
        return Some(Response::new(401).header("WWW-Authenticate", &challenge));
    }
    if let Some((u, p)) = &b.basic
        && auth != Some(basic(u, p).as_str())
    {
        return Some(Response::new(401).header("WWW-Authenticate", r#"Basic realm="fake""#));
    }
    None
}

fn token_reply(req: &Request, b: &Behaviour) -> Response {
    if !req.query().contains("service=fake-registry")
        || !req.query().contains("scope=repository%3Ateam%2Fapp%3Apull")
    {
        return Response::new(400).body("bad token request");
    }
    if let Some((u, p)) = &b.token_needs
        && req.header("authorization") != Some(basic(u, p).as_str())
    {
        return Response::new(401).body(r#"{"details":"incorrect username or password"}"#);
    }
    Response::new(200)
        .header("Content-Type", "application/json")
        .body(format!(r#"{{"token":"{TOKEN}","expires_in":300}}"#))
}

fn options(config_dir: &std::path::Path) -> InspectOptions {
    let registry = RegistryOptions {
        docker_config_dir: Some(config_dir.to_path_buf()),
        proxy: ProxyEnv::default(),
        timeout: Duration::from_secs(10),
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

fn bearer_server(f: &Fixture) -> Server {
    registry(
        f,
        Behaviour {
            bearer: true,
            rate_limit: true,
            ..Behaviour::default()
        },
    )
}

fn token_requests(server: &Server) -> Vec<Request> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.path() == "/token")
        .collect()
}

#[test]
fn anonymous_bearer_flow_by_tag() {
    let f = fixture();
    let server = bearer_server(&f);
    let cfg = tempfile::tempdir().unwrap();
    let ins = open(
        &format!("{}/team/app:v1", server.authority()),
        &options(cfg.path()),
    )
    .unwrap();
    assert_eq!(ins.root.document.digest.to_string(), f.list.digest());
    assert!(ins.root.verification.ok && ins.root.verification.header.is_some());
    let rate = ins.rate_limit.as_ref().unwrap().describe();
    assert_eq!(rate, "97 of 100 pulls left (window 21600 s)");
    let fallback = ins.notes.iter().any(|n| n.contains("plain HTTP"));
    assert!(fallback, "loopback falls back to HTTP: {:?}", ins.notes);

    let tokens = token_requests(&server);
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].header("authorization"), None, "anonymous");
    let reqs = server.requests();
    let manifests: Vec<&Request> = reqs
        .iter()
        .filter(|r| r.path().contains("/manifests/"))
        .collect();
    assert_eq!(manifests.len(), 2, "one refused, one with the token");
    assert_eq!(manifests[1].header("accept"), Some(ACCEPT_ALL));
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(manifests[1].header("authorization"), Some(bearer.as_str()));
}

#[test]
fn drilling_reuses_the_token_and_pinned_digests_verify() {
    let f = fixture();
    let server = bearer_server(&f);
    let cfg = tempfile::tempdir().unwrap();
    let opts = options(cfg.path());
    let ins = open(&format!("{}/team/app:v1", server.authority()), &opts).unwrap();
    let cancel = AtomicBool::new(false);
    let progress = |_: Progress| {};
    let ctl = Control::new(&cancel, &progress);
    let Drilled::Image(view) = ins.drill(&[1], &ctl).unwrap() else {
        panic!("an image")
    };
    assert_eq!(view.config.unwrap().platform.architecture, "arm64");
    assert_eq!(token_requests(&server).len(), 1, "the token is reused");

    let pinned = open(
        &format!("{}/team/app@{}", server.authority(), f.list.digest()),
        &opts,
    )
    .unwrap();
    let v = &pinned.root.verification;
    assert!(v.ok && v.header.is_some());
    assert_eq!(v.expected.as_deref(), Some(f.list.digest().as_str()));
    let host = Platform::new("linux", "amd64", "");
    let arm = parse_with_host("linux/arm/v7", &host).unwrap();
    assert_eq!(
        pinned.select(&arm, Rules::Containerd).chosen.unwrap().path,
        vec![2]
    );
}

fn write_config(dir: &std::path::Path, server: &Server, user: &str, pass: &str, helper: bool) {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
    let helpers = if helper {
        format!(r#","credHelpers":{{"{}":"pass"}}"#, server.authority())
    } else {
        String::new()
    };
    let text = format!(
        r#"{{"auths":{{"{}":{{"auth":"{auth}"}}}}{helpers}}}"#,
        server.authority()
    );
    std::fs::write(dir.join("config.json"), text).unwrap();
}

#[test]
fn the_token_request_carries_config_json_credentials() {
    let f = fixture();
    let b = Behaviour {
        bearer: true,
        token_needs: Some(("alice".into(), "s3cret".into())),
        ..Behaviour::default()
    };
    let server = registry(&f, b);
    let cfg = tempfile::tempdir().unwrap();
    let err = open(
        &format!("{}/team/app:v1", server.authority()),
        &options(cfg.path()),
    )
    .unwrap_err();
    assert!(err.to_string().contains("needs credentials"), "{err}");
    assert_eq!(err.exit(), Exit::Io);
    write_config(cfg.path(), &server, "alice", "s3cret", false);
    let ins = open(
        &format!("{}/team/app:v1", server.authority()),
        &options(cfg.path()),
    )
    .unwrap();
    assert!(ins.root.verification.ok);
    let token = server
        .requests()
        .into_iter()
        .rfind(|r| r.path() == "/token")
        .unwrap();
    assert_eq!(
        token.header("authorization"),
        Some(basic("alice", "s3cret").as_str())
    );
}

#[test]
fn basic_challenges_use_config_json_and_name_unsupported_helpers() {
    let f = fixture();
    let server = registry(
        &f,
        Behaviour {
            basic: Some(("bob".into(), "pw".into())),
            ..Behaviour::default()
        },
    );
    let cfg = tempfile::tempdir().unwrap();
    write_config(cfg.path(), &server, "bob", "pw", true);
    let ins = open(
        &format!("{}/team/app:v1", server.authority()),
        &options(cfg.path()),
    )
    .unwrap();
    assert!(ins.root.verification.ok);
    assert!(
        ins.notes
            .iter()
            .any(|n| n.contains("docker-credential-pass") && n.contains("not supported")),
        "{:?}",
        ins.notes
    );

    let empty = tempfile::tempdir().unwrap();
    std::fs::write(
        empty.path().join("config.json"),
        format!(r#"{{"credHelpers":{{"{}":"pass"}}}}"#, server.authority()),
    )
    .unwrap();
    let err = open(
        &format!("{}/team/app:v1", server.authority()),
        &options(empty.path()),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("needs credentials") && msg.contains("credential helpers are not supported"),
        "{msg}"
    );
}

#[test]
fn a_lying_docker_content_digest_fails_verification() {
    let f = fixture();
    let server = registry(
        &f,
        Behaviour {
            lie_about_digest: true,
            ..Behaviour::default()
        },
    );
    let cfg = tempfile::tempdir().unwrap();
    let ins = open(
        &format!("{}/team/app@{}", server.authority(), f.list.digest()),
        &options(cfg.path()),
    )
    .unwrap();
    assert!(ins.verification_failed());
    let v = &ins.root.verification;
    let text = v.describe();
    for d in [
        v.expected.clone().unwrap(),
        v.header.clone().unwrap(),
        v.computed.to_string(),
    ] {
        assert!(text.contains(&d), "all three digests shown: {text}");
    }
    // The command prints the report and exits 1.
    let ctx = Context {
        config_dir: cfg.path().into(),
        data_dir: cfg.path().into(),
        state_dir: cfg.path().into(),
    };
    let args = Args {
        source: Some(format!("{}/team/app:v1", server.authority())),
        platform: Some("linux/amd64".into()),
        rules: Rules::Containerd,
        json: true,
        ca_file: None,
        plain_http: true,
    };
    let mut out = Vec::new();
    assert_eq!(run(&args, &ctx, &mut out).unwrap(), Exit::Failed);
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["verification"]["ok"], false);
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "digest_mismatch")
    );
}

#[test]
fn a_content_type_that_disagrees_with_the_list_is_a_finding() {
    let f = fixture();
    let b = Behaviour {
        content_type: Some(support::DOCKER_LIST.into()),
        ..Behaviour::default()
    };
    let server = registry(&f, b);
    let cfg = tempfile::tempdir().unwrap();
    let ins = open(
        &format!("{}/team/app:v1", server.authority()),
        &options(cfg.path()),
    )
    .unwrap();
    let finding = ins
        .findings
        .iter()
        .find(|x| x.kind == Kind::ContentTypeMismatch)
        .expect("finding");
    assert!(
        finding.message.contains(support::DOCKER_LIST)
            && finding.message.contains(support::OCI_INDEX)
    );
}

#[test]
fn missing_unreachable_slow_and_oversized() {
    let f = fixture();
    let server = registry(&f, Behaviour::default());
    let cfg = tempfile::tempdir().unwrap();
    let opts = options(cfg.path());
    let err = open(&format!("{}/team/app:nope", server.authority()), &opts).unwrap_err();
    assert!(err.to_string().contains("MANIFEST_UNKNOWN"), "{err}");
    assert_eq!(err.exit(), Exit::Failed);

    let err = open(&format!("127.0.0.1:{}/team/app:v1", free_port()), &opts).unwrap_err();
    assert!(
        matches!(err, InspectError::Fetch(FetchError::Network(_))),
        "{err}"
    );
    assert_eq!(err.exit(), Exit::Io);

    let slow = Server::start(|_| Response {
        delay: Some(Duration::from_secs(3)),
        ..Response::new(200)
    });
    let mut quick = options(cfg.path());
    quick.registry.timeout = Duration::from_millis(500);
    quick.registry.plain_http = true;
    let err = open(&format!("{}/team/app:v1", slow.authority()), &quick).unwrap_err();
    assert!(
        matches!(err, InspectError::Fetch(FetchError::Network(_))),
        "{err}"
    );

    let big = Server::start(|_| {
        Response::new(200)
            .header("Content-Type", support::OCI_INDEX)
            .body(vec![b' '; 5 << 20])
    });
    let mut plain = options(cfg.path());
    plain.registry.plain_http = true;
    let err = open(&format!("{}/team/app:v1", big.authority()), &plain).unwrap_err();
    assert!(err.to_string().contains("4 MiB"), "{err}");
    assert_eq!(err.exit(), Exit::Usage);
}

#[test]
fn too_many_requests_reports_the_rate_limit() {
    let server = Server::start(|_| {
        Response::new(429)
            .header("RateLimit-Limit", "100;w=21600")
            .header("RateLimit-Remaining", "0;w=21600")
            .body(r#"{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}"#)
    });
    let cfg = tempfile::tempdir().unwrap();
    let mut opts = options(cfg.path());
    opts.registry.plain_http = true;
    let err = open(&format!("{}/team/app:v1", server.authority()), &opts).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("0 of 100 pulls left") && msg.contains("TOOMANYREQUESTS"),
        "{msg}"
    );
}

#[test]
fn http_proxy_is_used_through_connect() {
    let f = fixture();
    // The "proxy" is the fake registry itself: it accepts CONNECT and serves the tunnel.
    let proxy = registry(&f, Behaviour::default());
    let cfg = tempfile::tempdir().unwrap();
    let mut opts = options(cfg.path());
    opts.registry.plain_http = true;
    opts.registry.proxy = ProxyEnv {
        http: Some(proxy.url()),
        ..ProxyEnv::default()
    };
    let ins = open("registry.invalid:5000/team/app:v1", &opts).unwrap();
    assert!(ins.root.verification.ok);
    let connect = proxy
        .requests()
        .into_iter()
        .find(|r| r.method == "CONNECT")
        .expect("a CONNECT");
    assert_eq!(connect.target, "registry.invalid:5000");
}

#[test]
fn cancelling_mid_request_stops_with_cancelled() {
    let f = fixture();
    let server = registry(&f, Behaviour::default());
    let cfg = tempfile::tempdir().unwrap();
    let mut opts = options(cfg.path());
    opts.registry.plain_http = true;
    let cancel = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (flag, log) = (Arc::clone(&cancel), Arc::clone(&seen));
    let progress = move |p: Progress| {
        if matches!(p, Progress::Received(_)) {
            flag.store(true, Ordering::SeqCst);
        }
        log.lock().unwrap().push(p);
    };
    let spec = SourceSpec::parse(Some(&format!("{}/team/app:v1", server.authority()))).unwrap();
    let err = inspect(&spec, &opts, &Control::new(&cancel, &progress)).unwrap_err();
    assert_eq!(err, InspectError::Fetch(FetchError::Cancelled));
    assert!(
        seen.lock()
            .unwrap()
            .iter()
            .any(|p| matches!(p, Progress::Requesting(_)))
    );
}
