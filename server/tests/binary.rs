//! The built `server` binary as an operator meets it: configuration errors, JSON logs with
//! request ids, and the `seed` and `digest` subcommands.
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_server");

fn server(data_dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATA_DIR", data_dir)
        .env("DEMO_SESSIONS", "30");
    cmd
}

#[test]
fn a_bad_variable_stops_start_up_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let output = server(dir.path())
        .env("DEMO_SEED", "lots")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr.trim(),
        "Configuration error: DEMO_SEED is not valid: 'lots' (invalid digit found in string)"
    );
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
    assert!(
        !dir.path().join("seisiun.redb").exists(),
        "nothing was created"
    );
}

#[test]
fn the_seed_subcommand_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let run = || {
        let out = server(dir.path())
            .args(["seed", "--seed", "5"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let first = run();
    assert!(
        first.starts_with("Seeded 30 new demo sessions and ")
            && first.contains(" reviews (0 sessions already present) with seed 5"),
        "{first}"
    );
    assert!(
        !first.starts_with("Seeded 30 new demo sessions and 0 reviews"),
        "{first}"
    );
    assert!(run().starts_with(
        "Seeded 0 new demo sessions and 0 reviews (30 sessions already present) with seed 5"
    ));
}

#[test]
fn json_logs_carry_each_requests_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = server(dir.path())
        .env("LOG_FORMAT", "json")
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let deadline = Instant::now() + Duration::from_secs(30);

    let mut next_json = || -> serde_json::Value {
        assert!(Instant::now() < deadline, "timed out reading logs");
        let line = lines.next().expect("a log line").unwrap();
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
    };
    let address = loop {
        let entry = next_json();
        let message = entry["message"].as_str().unwrap_or_default().to_string();
        if let Some(addr) = message.strip_prefix("listening on ") {
            break addr.to_string();
        }
    };

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        reqwest::Client::new()
            .get(format!("{address}/healthz"))
            .header("x-request-id", "trace-me-42")
            .send()
            .await
            .unwrap();
    });
    let logged = loop {
        let entry = next_json();
        if entry["span"]["request_id"] == "trace-me-42" {
            break entry;
        }
    };
    assert_eq!(logged["span"]["path"], "/healthz");
    assert_eq!(logged["level"], "INFO");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn export_then_import_moves_every_session_to_another_store() {
    let source = tempfile::tempdir().unwrap();
    let seeded = server(source.path()).arg("seed").output().unwrap();
    assert!(seeded.status.success());
    let file = source.path().join("sessions.jsonl");
    let exported = server(source.path())
        .args(["export", "--output"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(exported.status.success(), "{exported:?}");
    let lines = std::fs::read_to_string(&file).unwrap().lines().count();
    assert!(lines > 30, "30 sessions and their demo reviews: {lines}");
    assert_eq!(
        String::from_utf8(exported.stderr).unwrap().trim(),
        format!("Exported {lines} lines (sessions, each followed by its reviews)")
    );

    let target = tempfile::tempdir().unwrap();
    for expected in [
        format!("Imported {lines} sessions and reviews; 0 were already there unchanged, 0 already there with other contents (kept)"),
        format!("Imported 0 sessions and reviews; {lines} were already there unchanged, 0 already there with other contents (kept)"),
    ] {
        let imported = server(target.path()).arg("import").arg(&file).output().unwrap();
        assert!(imported.status.success(), "{imported:?}");
        assert_eq!(String::from_utf8(imported.stderr).unwrap().trim(), expected);
    }
}

#[test]
fn grant_moderator_gives_a_local_account_the_role() {
    use app::identity::IdentityProvider;
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let idp =
            server::auth::local::LocalIdentity::open(dir.path(), "http://127.0.0.1:3000").unwrap();
        idp.sign_up("mod@example.org", "Reels4Ever", "Mod")
            .await
            .unwrap();
        let code = idp.outbox()[0].code.clone();
        idp.confirm_sign_up("mod@example.org", &code).await.unwrap();
    });
    // The accounts file is free again once the provider above is dropped.
    let granted = server(dir.path())
        .args(["grant-moderator", "mod@example.org"])
        .output()
        .unwrap();
    assert!(granted.status.success(), "{granted:?}");
    let missing = server(dir.path())
        .args(["grant-moderator", "nobody@example.org"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8(missing.stderr)
        .unwrap()
        .contains("no local account for nobody@example.org"));
    runtime.block_on(async {
        let idp =
            server::auth::local::LocalIdentity::open(dir.path(), "http://127.0.0.1:3000").unwrap();
        let tokens = idp.sign_in("mod@example.org", "Reels4Ever").await.unwrap();
        let profile = idp.profile(&tokens.access_token).await.unwrap();
        assert_eq!(profile.groups, ["moderators"]);
    });
}

#[test]
fn the_digest_command_asks_the_running_site_when_it_holds_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address = format!("127.0.0.1:{port}");
    let mut site = server(dir.path())
        .env("LEPTOS_SITE_ADDR", &address)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let rt = tokio::runtime::Runtime::new().unwrap();
    while !rt.block_on(async {
        reqwest::get(format!("http://{address}/readyz"))
            .await
            .is_ok_and(|r| r.status().is_success())
    }) {
        assert!(Instant::now() < deadline, "the site did not start");
        std::thread::sleep(Duration::from_millis(200));
    }
    // The site holds the data directory: the command asks it to run the digest.
    let asked = server(dir.path())
        .env("LEPTOS_SITE_ADDR", &address)
        .arg("digest")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&asked.stdout);
    assert!(
        asked.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&asked.stderr)
    );
    assert!(said.contains("The running site ran the digest"), "{said}");
    site.kill().unwrap();
    site.wait().unwrap();

    // With the site stopped it runs the digest itself.
    let ran = server(dir.path()).arg("digest").output().unwrap();
    let said = String::from_utf8_lossy(&ran.stdout);
    assert!(
        ran.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert!(said.contains("Digest: 0 sent"), "{said}");
}
