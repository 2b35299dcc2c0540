//! Building the application from settings: open the store, seed an empty one, bind, serve.
use std::net::SocketAddr;
use std::sync::Arc;

use app::state::AppState;
use app::store::{PageRequest, Store, StoreError};
use tokio::net::TcpListener;

use crate::config::{MailKind, Settings, StoreKind};
use crate::dynamo_store::{self, DynamoStore};
use crate::embedded_store::EmbeddedStore;
use crate::feeds::sitemap::REBUILD_EVERY_MINUTES;
use crate::mail::outbox::LocalOutbox;
use crate::mail::ses::SesMailer;
use crate::mail::Mailer;
use crate::routes::{router, ServerState};
use crate::seed;

pub async fn open_store(settings: &Settings) -> Result<Arc<dyn Store>, StoreError> {
    match &settings.store {
        StoreKind::Embedded => Ok(Arc::new(EmbeddedStore::open(&settings.data_dir)?)),
        StoreKind::DynamoDb { table, endpoint } => {
            let client = dynamo_store::client(&dynamo_store::ClientSettings {
                endpoint: endpoint.clone(),
                ..Default::default()
            })
            .await;
            Ok(Arc::new(DynamoStore::new(client, table.clone())))
        }
    }
}

/// Where digests go: the local outbox, or Amazon SES.
pub async fn open_mailer(settings: &Settings) -> Arc<dyn Mailer> {
    match &settings.mail {
        MailKind::Outbox => Arc::new(LocalOutbox::in_data_dir(&settings.data_dir)),
        MailKind::Ses(ses) => Arc::new(SesMailer::new(ses.clone()).await),
    }
}

/// The local outbox, when it is where mail goes.
pub fn local_outbox(settings: &Settings) -> Option<LocalOutbox> {
    (settings.mail == MailKind::Outbox).then(|| LocalOutbox::in_data_dir(&settings.data_dir))
}

/// Seeds demo data if the settings ask for it and the store has no sessions yet.
pub async fn seed_if_empty(store: &dyn Store, settings: &Settings) -> Result<(), StoreError> {
    if !settings.demo.seed_when_empty {
        return Ok(());
    }
    let empty = store
        .list_sessions(PageRequest::first(1))
        .await?
        .items
        .is_empty();
    if empty {
        let report = seed::seed(store, settings.demo.seed, settings.demo.sessions).await?;
        tracing::info!(
            created = report.created,
            reviews = report.reviews,
            seed = settings.demo.seed,
            "seeded an empty store with demo sessions"
        );
    }
    Ok(())
}

/// What pages and server functions get: the store, the site's addresses and accounts.
pub fn app_state(
    store: Arc<dyn Store>,
    site_url: &str,
    map_tiles: &str,
    accounts: &crate::auth::Accounts,
    client_ip_header: Option<&str>,
) -> AppState {
    AppState {
        store,
        site_url: site_url.into(),
        map_tiles: map_tiles.into(),
        identity: accounts.identity.clone(),
        tokens: accounts.verifier.clone(),
        client_ip_header: client_ip_header.map(Into::into),
    }
}

pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    store: Arc<dyn Store>,
    local_identity: Option<crate::auth::local::LocalIdentity>,
}

/// The site before any socket is bound: the Router, and what tests reach into.
pub struct Site {
    pub router: axum::Router,
    pub store: Arc<dyn Store>,
    pub local_identity: Option<crate::auth::local::LocalIdentity>,
}

/// Opens the store (seeding it if empty and asked to) and the accounts, and builds the
/// Router: the same for HTTP on a socket and for Lambda events.
pub async fn build_site(settings: Settings) -> anyhow::Result<Site> {
    init_review_handles(&settings)?;
    let store = open_store(&settings).await?;
    seed_if_empty(store.as_ref(), &settings).await?;
    let accounts = crate::auth::accounts(&settings)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the accounts: {e}"))?;
    let state = ServerState {
        app: app_state(
            store.clone(),
            &settings.site_url,
            &settings.map_tiles,
            &accounts,
            settings.client_ip_header.as_deref(),
        ),
        leptos_options: settings.leptos.clone(),
        local_identity: accounts.local.clone(),
        origin_secret: settings.origin_secret.as_deref().map(Into::into),
        previous_origin_secret: settings.origin_secret_previous.as_deref().map(Into::into),
        page_cache: settings.page_cache,
        mailer: open_mailer(&settings).await,
        local_outbox: local_outbox(&settings),
    };
    Ok(Site {
        router: router(state),
        store,
        local_identity: accounts.local,
    })
}

/// The key review handles are made with (`app::api::handle`): in AWS derived from the
/// secret every instance shares; locally a random key kept in `DATA_DIR`, so handles on
/// an open page still work after a restart.
fn init_review_handles(settings: &Settings) -> anyhow::Result<()> {
    use aws_lc_rs::hmac;
    let secret: Vec<u8> = match &settings.origin_secret {
        Some(shared) => {
            let derive = hmac::Key::new(hmac::HMAC_SHA256, shared.as_bytes());
            hmac::sign(&derive, b"seisiun review handles")
                .as_ref()
                .to_vec()
        }
        None => {
            let path = settings.data_dir.join("handles.key");
            match std::fs::read(&path) {
                Ok(bytes) if bytes.len() == 32 => bytes,
                _ => {
                    let mut bytes = [0u8; 32];
                    aws_lc_rs::rand::fill(&mut bytes)
                        .map_err(|_| anyhow::anyhow!("no randomness for the handle key"))?;
                    std::fs::create_dir_all(&settings.data_dir)?;
                    std::fs::write(&path, bytes)
                        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                    bytes.to_vec()
                }
            }
        }
    };
    app::api::handle::init(&secret);
    Ok(())
}

impl Application {
    /// Builds the site and binds the listener (port 0 picks a free port).
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let addr = settings.leptos.site_addr;
        let site = build_site(settings).await?;
        // The local server keeps its own sitemap listing (in AWS a scheduled task does):
        // built once before the first request, then on a timer while serving.
        rebuild_sitemap(site.store.as_ref()).await;
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        Ok(Self {
            listener,
            router: site.router,
            store: site.store,
            local_identity: site.local_identity,
        })
    }

    /// The store the app serves from (tests use it to arrange data).
    pub fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }

    /// The local identity provider when it is in use (tests read its outbox of codes).
    pub fn local_identity(&self) -> Option<crate::auth::local::LocalIdentity> {
        self.local_identity.clone()
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes, then finishes in-flight requests and closes idle
    /// connections, so the store is released when this returns.
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let store = self.store.clone();
        let timer = tokio::spawn(async move {
            let every = std::time::Duration::from_secs(60 * REBUILD_EVERY_MINUTES);
            loop {
                tokio::time::sleep(every).await;
                rebuild_sitemap(store.as_ref()).await;
            }
        });
        let served = crate::serve::serve(self.listener, self.router, stop).await;
        // The timer holds the store: end it so the store is released on return.
        timer.abort();
        let _ = timer.await;
        served
    }
}

/// The hourly upkeep ([`crate::upkeep`]); a failure is logged and the last sitemap
/// listing keeps serving.
async fn rebuild_sitemap(store: &dyn Store) {
    if let Err(err) = crate::upkeep::run(store, chrono::Utc::now()).await {
        tracing::warn!(error = %err, "the upkeep failed; the last sitemap is served");
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut sig) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            sig.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
