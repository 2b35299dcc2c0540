//! `loadgen`: drives a running Seisiún over loopback with a mix of visitor pages, the
//! public API, feeds and signed-in writes, then prints requests/s, latency percentiles and
//! every failure; exits non-zero on any transport error, any 5xx, or a write the site
//! acknowledged but did not keep. An example target, built by `scripts/load-test` (and used for its store-down run)
//! against the release build; wrk is not on this machine, and a load generator written
//! against our own routes can also sign members in and check their writes.
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Parser;
use reqwest::header::{COOKIE, ORIGIN, RETRY_AFTER, SET_COOKIE};

#[derive(Parser)]
struct Args {
    /// The site, e.g. http://127.0.0.1:3000 (loopback only).
    #[arg(long)]
    base: String,
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    #[arg(long, default_value_t = 128)]
    connections: usize,
    /// Members writing reviews while the load runs (each about one write every 5 s,
    /// inside the per-member and per-address write allowances).
    #[arg(long, default_value_t = 6)]
    writers: usize,
    /// 503s are expected (the store is stopped for part of the run): each must carry
    /// Retry-After, and the site must answer 200 again by the end.
    #[arg(long)]
    expect_outage: bool,
    /// Only these paths (repeatable), instead of the visitor mix: `scripts/bench-pages`
    /// drives one page at a time with it.
    #[arg(long = "path")]
    only: Vec<String>,
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u32>,
    by_status: BTreeMap<u16, usize>,
    transport_errors: usize,
    unavailable_without_retry_after: usize,
    first_error: Option<String>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.latencies_us.extend(other.latencies_us);
        for (status, n) in other.by_status {
            *self.by_status.entry(status).or_default() += n;
        }
        self.transport_errors += other.transport_errors;
        self.unavailable_without_retry_after += other.unavailable_without_retry_after;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[index]) / 1000.0
}

fn cookies_of(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_string))
        .collect::<Vec<_>>()
        .join("; ")
}

async fn post(
    client: &reqwest::Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, &str)],
    cookies: &str,
) -> reqwest::Result<reqwest::Response> {
    client
        .post(format!("{base}/api/{endpoint}"))
        .header(ORIGIN, base)
        .header(COOKIE, cookies)
        .form(form)
        .send()
        .await
}

/// Signs a new member up through the local provider (its code from the outbox page).
async fn new_member(client: &reqwest::Client, base: &str, n: usize) -> anyhow::Result<String> {
    let email = format!("load{n}-{}@example.org", std::process::id());
    let password = "Reels4Ever-load";
    let response = post(
        client,
        base,
        "sign_up",
        &[
            ("name", &format!("Load {n}")),
            ("email", &email),
            ("password", password),
        ],
        "",
    )
    .await?;
    anyhow::ensure!(
        response.status().is_success(),
        "sign-up: {}",
        response.status()
    );
    let outbox = client
        .get(format!("{base}/account/outbox"))
        .send()
        .await?
        .text()
        .await?;
    let marker = format!("outbox-email\">{email}</span>: <strong class=\"outbox-code\">");
    let code: String = outbox
        .split(&marker)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .ok_or_else(|| anyhow::anyhow!("no code for {email} in the outbox"))?
        .to_string();
    let response = post(
        client,
        base,
        "confirm_account",
        &[("email", &email), ("code", &code)],
        "",
    )
    .await?;
    anyhow::ensure!(
        response.status().is_success(),
        "confirm: {}",
        response.status()
    );
    let response = post(
        client,
        base,
        "sign_in",
        &[("email", &email), ("password", password), ("next", "/")],
        "",
    )
    .await?;
    anyhow::ensure!(
        response.status().is_success(),
        "sign-in: {}",
        response.status()
    );
    Ok(cookies_of(&response))
}

async fn rating(client: &reqwest::Client, base: &str, id: &str) -> anyhow::Result<[u64; 5]> {
    let body: serde_json::Value = client
        .get(format!("{base}/api/v1/sessions/{id}"))
        .send()
        .await?
        .json()
        .await?;
    Ok(serde_json::from_value(body["rating"]["by_stars"].clone())?)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(
        args.base.starts_with("http://127.") || args.base.starts_with("http://localhost"),
        "loadgen only drives a server on loopback"
    );
    let base = args.base.trim_end_matches('/').to_string();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(args.connections)
        .timeout(Duration::from_secs(30))
        .build()?;

    let listed: serde_json::Value = client
        .get(format!("{base}/api/v1/sessions"))
        .send()
        .await?
        .json()
        .await?;
    let ids: Vec<String> = listed["sessions"]
        .as_array()
        .map(|s| {
            s.iter()
                .filter_map(|s| s["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    anyhow::ensure!(
        ids.len() > args.writers,
        "the site lists too few sessions to load"
    );

    let mut paths = if !args.only.is_empty() {
        args.only.clone()
    } else {
        Vec::new()
    };
    let mix = vec![
        "/".to_string(),
        "/sessions/ie".to_string(),
        "/search?q=kil".to_string(),
        "/near?lat=53.35&lng=-6.26&km=25".to_string(),
        "/api/v1/sessions".to_string(),
        "/api/v1/search?q=ennis".to_string(),
        "/api/v1/near?lat=52.84&lng=-8.99&km=25".to_string(),
        "/sitemap.xml".to_string(),
        "/feed.atom".to_string(),
    ];
    if paths.is_empty() {
        paths = mix;
        for id in ids.iter().take(8) {
            paths.push(format!("/session/{id}"));
            paths.push(format!("/session/{id}/calendar.ics"));
        }
    }
    let paths = Arc::new(paths);

    // Writers first (outside the timed run): members, and each one's session's rating.
    let mut writers = Vec::new();
    for (n, session) in ids.iter().take(args.writers).enumerate() {
        let cookies = new_member(&client, &base, n).await?;
        let session = session.clone();
        let before = rating(&client, &base, &session).await?;
        writers.push((cookies, session, before));
    }

    println!(
        "loadgen: {} connections for {} s over {} paths, {} members writing, against {base}",
        args.connections,
        args.seconds,
        paths.len(),
        args.writers
    );
    let stop = Arc::new(AtomicBool::new(false));
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut readers = Vec::new();
    for _ in 0..args.connections {
        let (client, base, paths, stop, next) = (
            client.clone(),
            base.clone(),
            paths.clone(),
            stop.clone(),
            next.clone(),
        );
        readers.push(tokio::spawn(async move {
            let mut tally = Tally::default();
            while !stop.load(Ordering::Relaxed) {
                let path = &paths[next.fetch_add(1, Ordering::Relaxed) % paths.len()];
                let sent = Instant::now();
                match client.get(format!("{base}{path}")).send().await {
                    Ok(response) => {
                        let status = response.status().as_u16();
                        let has_retry_after = response.headers().contains_key(RETRY_AFTER);
                        // Read the whole body: a response is only done when it has arrived.
                        let body = response.bytes().await;
                        tally
                            .latencies_us
                            .push(sent.elapsed().as_micros().min(u32::MAX as u128) as u32);
                        if body.is_err() {
                            tally.transport_errors += 1;
                            tally
                                .first_error
                                .get_or_insert(format!("{path}: body cut off"));
                            continue;
                        }
                        *tally.by_status.entry(status).or_default() += 1;
                        if status == 503 && !has_retry_after {
                            tally.unavailable_without_retry_after += 1;
                        }
                        if status >= 500 && tally.first_error.is_none() {
                            tally.first_error = Some(format!("{path}: {status}"));
                        }
                    }
                    Err(err) => {
                        tally.transport_errors += 1;
                        tally.first_error.get_or_insert(format!("{path}: {err}"));
                    }
                }
            }
            tally
        }));
    }

    // Each writer saves its review every 5 s with the stars moving; the last one the site
    // acknowledged must be the one it keeps.
    let acknowledged = Arc::new(Mutex::new(vec![None::<u8>; writers.len()]));
    let write_statuses = Arc::new(Mutex::new(BTreeMap::<u16, usize>::new()));
    let mut writing = Vec::new();
    for (index, (cookies, session, _)) in writers.iter().cloned().enumerate() {
        let (client, base, stop, acknowledged, write_statuses) = (
            client.clone(),
            base.clone(),
            stop.clone(),
            acknowledged.clone(),
            write_statuses.clone(),
        );
        writing.push(tokio::spawn(async move {
            let mut n = 0u8;
            while !stop.load(Ordering::Relaxed) {
                let stars = (n % 5 + 1).to_string();
                let text = format!("Load test review number {n}.");
                let form = [
                    ("session_id", session.as_str()),
                    ("stars", stars.as_str()),
                    ("visited_on", "2026-11-01"),
                    ("text", text.as_str()),
                ];
                let status = match post(&client, &base, "save_review", &form, &cookies).await {
                    Ok(response) => response.status().as_u16(),
                    Err(_) => 0,
                };
                *write_statuses.lock().unwrap().entry(status).or_default() += 1;
                if status == 200 {
                    acknowledged.lock().unwrap()[index] = Some(n % 5 + 1);
                }
                n = n.wrapping_add(1);
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
        }));
    }

    tokio::time::sleep(Duration::from_secs(args.seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut tally = Tally::default();
    for reader in readers {
        tally.merge(reader.await?);
    }
    for writer in writing {
        writer.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();

    // Clients that give up mid-page (a phone losing signal, wrk stopping): connections
    // reset a moment after the request was sent must leave no error in the server's log.
    let authority = base.trim_start_matches("http://").to_string();
    let mut abandoned = Vec::new();
    for n in 0..800 {
        let (authority, path) = (authority.clone(), paths[n % paths.len()].clone());
        abandoned.push(tokio::spawn(async move {
            use tokio::io::AsyncWriteExt;
            let Ok(mut stream) = tokio::net::TcpStream::connect(&authority).await else {
                return;
            };
            let request = format!("GET {path} HTTP/1.1\r\nHost: {authority}\r\n\r\n");
            let _ = stream.write_all(request.as_bytes()).await;
            tokio::time::sleep(Duration::from_micros(500 * (n % 8) as u64)).await;
            // A reset, not a polite close: the server learns at once that nobody waits.
            let _ = stream.set_zero_linger();
        }));
    }
    for request in abandoned {
        request.await?;
    }
    // Give the server time to finish (or drop) what those requests started.
    tokio::time::sleep(Duration::from_secs(2)).await;

    // After the run (and any outage): the site answers, and kept every acknowledged write.
    let mut recovered = false;
    for _ in 0..60 {
        if client
            .get(format!("{base}/readyz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let mut lost_writes = 0;
    let acknowledged = acknowledged.lock().unwrap().clone();
    for ((_, session, before), last) in writers.iter().zip(&acknowledged) {
        let Some(stars) = last else { continue };
        let mut expected = *before;
        expected[usize::from(*stars) - 1] += 1;
        let now = rating(&client, &base, session).await?;
        if now != expected {
            lost_writes += 1;
            eprintln!("lost write on {session}: expected {expected:?}, found {now:?}");
        }
    }

    tally.latencies_us.sort_unstable();
    let requests = tally.latencies_us.len();
    let server_errors: usize = tally
        .by_status
        .iter()
        .filter(|(s, _)| **s >= 500 && !(args.expect_outage && **s == 503))
        .map(|(_, n)| n)
        .sum();
    let unavailable = tally.by_status.get(&503).copied().unwrap_or(0);
    println!(
        "requests        {requests} in {elapsed:.1} s = {:.0} req/s",
        requests as f64 / elapsed
    );
    println!(
        "latency (ms)    p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1}",
        percentile(&tally.latencies_us, 0.50),
        percentile(&tally.latencies_us, 0.90),
        percentile(&tally.latencies_us, 0.99),
        percentile(&tally.latencies_us, 1.0)
    );
    println!("statuses        {:?}", tally.by_status);
    println!(
        "writes          {:?} (status → count)",
        write_statuses.lock().unwrap()
    );
    println!(
        "errors          {} transport, {server_errors} 5xx{}, {lost_writes} lost writes",
        tally.transport_errors,
        if args.expect_outage {
            format!(
                " besides {unavailable} 503s during the outage ({} without Retry-After)",
                tally.unavailable_without_retry_after
            )
        } else {
            String::new()
        }
    );
    if let Some(first) = &tally.first_error {
        println!("first failure   {first}");
    }
    let mut failed = tally.transport_errors > 0 || server_errors > 0 || lost_writes > 0;
    if args.expect_outage {
        if unavailable == 0 {
            println!("FAIL: the outage produced no 503 answers");
            failed = true;
        }
        if tally.unavailable_without_retry_after > 0 {
            println!("FAIL: 503s without Retry-After");
            failed = true;
        }
    } else if unavailable > 0 {
        failed = true;
    }
    if !recovered {
        println!("FAIL: /readyz did not answer 200 after the run");
        failed = true;
    }
    if acknowledged.iter().all(Option::is_none) && args.writers > 0 {
        println!("FAIL: no write was acknowledged");
        failed = true;
    }
    if failed {
        anyhow::bail!("the load run failed");
    }
    println!("load run passed");
    Ok(())
}
