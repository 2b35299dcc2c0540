//! Spawns the real application on 127.0.0.1:0 with a temporary embedded store.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use server::config::Settings;
use server::startup::Application;
use tokio::task::JoinHandle;

/// One multi-thread runtime for every test in the binary, as in production.
static RUNTIME: std::sync::LazyLock<tokio::runtime::Runtime> = std::sync::LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("a test runtime")
});

/// Held while a test body runs: several app instances rendering at once in one process
/// (never the case in production) hang SSR about once in thirty runs, so app tests take
/// turns here, and a plain `cargo test` with its parallel threads cannot hang.
static ONE_APP_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs an async test body on the shared runtime, one body at a time.
pub fn run<F: std::future::Future>(test: F) -> F::Output {
    // A test that panicked while holding the turn must not fail every test after it.
    let _turn = ONE_APP_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    RUNTIME.block_on(test)
}

/// Demo sessions the test app seeds: enough for two pages of the home list.
pub const TEST_SESSIONS: usize = 60;
pub const TEST_SEED: u64 = 42;

pub struct TestApp {
    pub address: String,
    pub store: std::sync::Arc<dyn app::store::Store>,
    /// The local identity provider when in use, for reading the codes it "sent".
    pub identity: Option<server::auth::local::LocalIdentity>,
    pub data_dir: PathBuf,
    pub client: reqwest::Client,
    server: JoinHandle<()>,
    stop: tokio::sync::oneshot::Sender<()>,
    _dir: Option<tempfile::TempDir>,
}

pub fn settings(data_dir: &Path, extra: &[(&str, &str)]) -> Settings {
    let mut vars: HashMap<String, String> = HashMap::from([
        ("DATA_DIR".into(), data_dir.display().to_string()),
        ("LEPTOS_SITE_ADDR".into(), "127.0.0.1:0".into()),
        ("DEMO_SEED".into(), TEST_SEED.to_string()),
        ("DEMO_SESSIONS".into(), TEST_SESSIONS.to_string()),
        ("LEPTOS_OUTPUT_NAME".into(), "seisiun".into()),
        // Tests change the store directly and read at once: no page kept from before
        // (`http_page_cache.rs` turns it on to test it).
        ("PAGE_CACHE_MS".into(), "0".into()),
    ]);
    for (k, v) in extra {
        vars.insert(k.to_string(), v.to_string());
    }
    Settings::from_lookup(|k| vars.get(k).cloned()).expect("test settings are valid")
}

pub async fn spawn_app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let mut app = spawn_app_in(&path, &[]).await;
    app._dir = Some(dir);
    app
}

pub async fn spawn_app_in(data_dir: &Path, extra: &[(&str, &str)]) -> TestApp {
    server::telemetry::init(server::config::LogFormat::Human);
    let application = Application::build(settings(data_dir, extra))
        .await
        .expect("the app builds");
    let addr: SocketAddr = application.local_addr();
    let store = application.store();
    let identity = application.local_identity();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let stopped = async move {
            let _ = stopped.await;
        };
        application.run_until(stopped).await.expect("server runs");
    });
    TestApp {
        address: format!("http://{addr}"),
        store,
        identity,
        data_dir: data_dir.to_path_buf(),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        server,
        stop,
        _dir: None,
    }
}

/// The router's state over any store (a DynamoDB one, one that is down…), with the local
/// identity provider in `data_dir` and tiles off.
pub fn state_over(
    store: std::sync::Arc<dyn app::store::Store>,
    data_dir: &Path,
    site: &str,
) -> server::routes::ServerState {
    server::routes::ServerState {
        leptos_options: settings(data_dir, &[]).leptos,
        app: server::startup::app_state(
            store,
            site,
            "",
            &server::auth::local_accounts(data_dir, site).unwrap(),
            None,
        ),
        local_identity: None,
        origin_secret: None,
        previous_origin_secret: None,
        page_cache: std::time::Duration::ZERO,
        mailer: std::sync::Arc::new(server::mail::outbox::LocalOutbox::in_data_dir(data_dir)),
        local_outbox: None,
    }
}

/// Serves the full router over `state` on a free port; answers its address.
pub async fn serve_state(state: server::routes::ServerState) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let router = server::routes::router(state);
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    address
}

impl TestApp {
    /// The local identity provider (the default); panics if the app uses Cognito.
    pub fn local(&self) -> &server::auth::local::LocalIdentity {
        self.identity
            .as_ref()
            .expect("this app signs in with the local provider")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request succeeds")
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// Shuts the server down gracefully and waits until it has released the store.
    pub async fn stop(self) {
        drop(self.client);
        drop(self.store);
        drop(self.identity);
        let _ = self.stop.send(());
        self.server.await.expect("server task ends cleanly");
        // The last store handle can outlive shutdown by a moment (a blocking-pool closure
        // finishing); wait until the file is free, as a restarted process would.
        for _ in 0..250 {
            let store_free = server::embedded_store::EmbeddedStore::open(&self.data_dir).is_ok();
            let accounts_free =
                server::auth::local::LocalIdentity::open(&self.data_dir, "http://127.0.0.1")
                    .is_ok();
            if store_free && accounts_free {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("the store or accounts were not released within 5 s of shutdown");
    }
}

/// The visible text of every `class="session-name"` heading, in page order.
/// The names in a page's paged list of sessions (on the home page, the full list below
/// "On tonight and next").
pub fn listed_names(html: &str) -> Vec<String> {
    let list = html
        .find(&format!("id=\"{}\"", app::components::LIST_ID))
        .expect("a paged list");
    session_names(&html[list..])
}

pub fn session_names(html: &str) -> Vec<String> {
    html.split("class=\"session-name\">")
        .skip(1)
        .map(|rest| decode_entities(&rest[..rest.find('<').unwrap()]))
        .collect()
}

fn decode_entities(text: &str) -> String {
    text.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
}
