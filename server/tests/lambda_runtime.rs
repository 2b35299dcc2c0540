//! The built server binary under a local Lambda runtime emulator (`cargo lambda watch
//! --only-lambda-apis`, cargo-lambda from PyPI), answering real Function URL (HTTP API
//! v2) events: a server-rendered page with a query string, a compressed body, a server
//! function carrying a cookie and answering with several Set-Cookie headers, and a 404.
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

const SITE: &str = "https://seisiun.example";

/// Kills the child processes when the test ends, however it ends.
struct Killed(Vec<Child>);

impl Drop for Killed {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} did not start within 60 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A Function URL event as AWS sends it (format 2.0).
fn event(
    method: &str,
    path: &str,
    query: &str,
    headers: Value,
    cookies: &[&str],
    body: &str,
) -> Value {
    json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": query,
        "cookies": cookies,
        "headers": headers,
        "queryStringParameters": query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .collect::<std::collections::HashMap<&str, &str>>(),
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "abcdefgh",
            "domainName": "abcdefgh.lambda-url.eu-west-1.on.aws",
            "domainPrefix": "abcdefgh",
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.7",
                "userAgent": "lambda-test"
            },
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "routeKey": "$default",
            "stage": "$default",
            "time": "22/Nov/2026:19:00:00 +0000",
            "timeEpoch": 1795460400000u64
        },
        "body": body,
        "isBase64Encoded": false
    })
}

/// The response body as bytes (base64-decoded when the event response says so).
fn body_of(response: &Value) -> Vec<u8> {
    let body = response["body"].as_str().unwrap_or_default();
    if response["isBase64Encoded"] == json!(true) {
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap()
    } else {
        body.as_bytes().to_vec()
    }
}

#[test]
fn the_binary_answers_function_url_events() {
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(function_url_events());
}

async fn function_url_events() {
    let runtime_port = free_port();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let emulator = Command::new("cargo")
        .args([
            "lambda",
            "watch",
            "--only-lambda-apis",
            "-A",
            "127.0.0.1",
            "-P",
        ])
        .arg(runtime_port.to_string())
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("cargo-lambda is installed (scripts/bootstrap installs it from PyPI)");
    let mut children = Killed(vec![emulator]);
    wait_for_port(runtime_port, "cargo lambda watch");

    let data = tempfile::tempdir().unwrap();
    let start_function = |task: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command.env_clear();
        if let Some(task) = task {
            command.env(server::lambda::TASK_VARIABLE, task);
        }
        command
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env(
                "AWS_LAMBDA_RUNTIME_API",
                format!("http://127.0.0.1:{runtime_port}/.rt"),
            )
            .env("AWS_LAMBDA_FUNCTION_NAME", "_")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
            .env("DATA_DIR", data.path())
            .env("SITE_URL", SITE)
            .env("DEMO_SESSIONS", "40")
            .env("MAP_TILE_URL", "off")
            .env("LEPTOS_OUTPUT_NAME", "seisiun")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    children.0.push(start_function(None));

    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let url = format!("http://127.0.0.1:{runtime_port}/2015-03-31/functions/_/invocations");
    let invoke = |event: Value| {
        let (http, url) = (http.clone(), url.clone());
        async move {
            let deadline = Instant::now() + Duration::from_secs(60);
            loop {
                // The first invocation waits until the function has started and asked for work.
                match http.post(&url).json(&event).send().await {
                    Ok(response) if response.status().is_success() => {
                        return response.json::<Value>().await.unwrap()
                    }
                    other => {
                        assert!(
                            Instant::now() < deadline,
                            "no answer from the function: {other:?}"
                        );
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                }
            }
        }
    };

    // An SSR page with a query string, unprefixed path, plain text body.
    let page = invoke(event(
        "GET",
        "/search",
        "q=ennis",
        json!({"accept": "text/html"}),
        &[],
        "",
    ))
    .await;
    assert_eq!(page["statusCode"], 200, "{page}");
    let html = String::from_utf8(body_of(&page)).unwrap();
    assert!(html.contains("<h1") && html.contains("ennis"), "{html}");
    assert!(
        html.contains(&format!(
            "<link href=\"{SITE}/search?q=ennis\" rel=\"canonical\">"
        )),
        "the page knows its public address: {html}"
    );

    // A compressed body travels base64-encoded and decodes to the page.
    let home = invoke(event(
        "GET",
        "/",
        "",
        json!({"accept": "text/html", "accept-encoding": "gzip"}),
        &[],
        "",
    ))
    .await;
    assert_eq!(home["statusCode"], 200);
    assert_eq!(
        home["headers"]["content-encoding"], "gzip",
        "{}",
        home["headers"]
    );
    assert_eq!(home["isBase64Encoded"], true);
    let mut decoded = String::new();
    use std::io::Read;
    flate2::read::GzDecoder::new(&body_of(&home)[..])
        .read_to_string(&mut decoded)
        .unwrap();
    assert!(
        decoded.contains("session-name"),
        "the home page lists sessions"
    );

    // A server function carrying a (forged) cookie: nobody, and three Set-Cookie headers
    // that clear the session come back in `cookies`.
    let member = invoke(event(
        "POST",
        "/api/current_member",
        "",
        json!({"content-type": "application/x-www-form-urlencoded", "origin": SITE}),
        &["seisiun_id=eyJhbGciOiJub25lIn0.e30."],
        "",
    ))
    .await;
    assert_eq!(member["statusCode"], 200, "{member}");
    assert_eq!(String::from_utf8(body_of(&member)).unwrap(), "null");
    let cookies: Vec<String> = serde_json::from_value(member["cookies"].clone()).unwrap();
    assert_eq!(cookies.len(), 3, "{cookies:?}");
    assert!(cookies
        .iter()
        .all(|c| c.contains("Max-Age=0") && c.contains("Secure")));

    // A refused sign-in: its status and message, as over HTTP.
    let refused = invoke(event(
        "POST",
        "/api/sign_in",
        "",
        json!({"content-type": "application/x-www-form-urlencoded", "origin": SITE}),
        &[],
        "email=nobody%40example.org&password=Wrong1234",
    ))
    .await;
    assert_eq!(refused["statusCode"], 401, "{refused}");

    // An unknown path: the site's own 404 page.
    let missing = invoke(event(
        "GET",
        "/no/such/page",
        "",
        json!({"accept": "text/html"}),
        &[],
        "",
    ))
    .await;
    assert_eq!(missing["statusCode"], 404);
    assert!(String::from_utf8(body_of(&missing))
        .unwrap()
        .contains("noindex"));

    // The site's function never walks the table for a sitemap: before the scheduled task
    // has run there is none yet.
    let sitemap_event = || event("GET", "/sitemap.xml", "", json!({}), &[], "");
    let early = invoke(sitemap_event()).await;
    assert_eq!(early["statusCode"], 503, "{early}");

    // The same binary as the scheduled task answers an EventBridge Scheduler event by
    // building the listing (the embedded store allows one process at a time).
    let site = children.0.pop().unwrap();
    drop(Killed(vec![site]));
    children.0.push(start_function(Some("sitemap")));
    let built = invoke(json!({
        "version": "0",
        "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
        "detail-type": "Scheduled Event",
        "source": "aws.scheduler",
        "time": "2026-11-30T09:00:00Z",
        "detail": {}
    }))
    .await;
    assert_eq!(built["parts"], 1, "{built}");
    assert!(built["urls"].as_u64().unwrap() > 40, "{built}");

    let task = children.0.pop().unwrap();
    drop(Killed(vec![task]));
    children.0.push(start_function(None));
    let sitemap = invoke(sitemap_event()).await;
    assert_eq!(sitemap["statusCode"], 200, "{sitemap}");
    let xml = String::from_utf8(body_of(&sitemap)).unwrap();
    assert_eq!(
        xml.matches("<loc>").count() as u64,
        built["urls"].as_u64().unwrap(),
        "{xml}"
    );
    assert!(xml.contains(&format!("<loc>{SITE}/session/")), "{xml}");
}
