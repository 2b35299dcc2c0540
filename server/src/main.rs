//! `server` serves the site; `server seed` fills the store with demo data.
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use server::config::{Settings, StoreKind};
use server::startup::{open_store, Application};
use server::{seed, telemetry};

#[derive(Parser)]
#[command(
    name = "server",
    about = "Seisiún: find, share and review trad sessions"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site over HTTP (the default), or answer Lambda events when started by
    /// the Lambda runtime (`AWS_LAMBDA_RUNTIME_API` set).
    Serve,
    /// Add the demo sessions that are not in the store yet. Safe to run again.
    Seed {
        /// The generator's seed: the same value always gives the same sessions.
        #[arg(long, env = "DEMO_SEED")]
        seed: Option<u64>,
        /// How many sessions to generate.
        #[arg(long, env = "DEMO_SESSIONS")]
        sessions: Option<usize>,
    },
    /// Create the DynamoDB table (STORE=dynamodb) if it does not exist: for moto or
    /// DynamoDB Local. In AWS the CloudFormation template creates it.
    CreateTable,
    /// Write every session as JSON lines (to FILE, or standard output).
    Export {
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
    },
    /// Add the sessions from an export (FILE, or standard input) that are not in the store
    /// yet. Checks every line before writing anything; safe to run again.
    Import { file: Option<std::path::PathBuf> },
    /// Rebuild the sitemap listing from the store (what the scheduled task does in AWS
    /// and the local server does on a timer).
    Sitemap,
    /// Email each member who follows places what is new there since their last digest,
    /// if it is due (a day or a week on): what the schedule runs in AWS. Locally the
    /// messages go to the outbox (`DATA_DIR/outbox`, shown on /account/outbox); while the
    /// site runs, use that page's button instead (the site holds the data directory).
    Digest,
    /// Make a local account a moderator (the local identity provider; in AWS, add the user
    /// to the Cognito group `moderators`). They get the role at their next sign-in.
    GrantModerator { email: String },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("Configuration error: {err}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(settings.log_format);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Seed { seed, sessions } => run_seed(settings, seed, sessions).await,
        Command::CreateTable => create_table(settings).await,
        Command::Export { output } => run_export(settings, output).await,
        Command::Import { file } => run_import(settings, file).await,
        Command::Sitemap => rebuild_sitemap(settings).await,
        Command::Digest => run_digest(settings).await,
        Command::GrantModerator { email } => grant_moderator(settings, &email).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = %err, "stopped");
            eprintln!("Error: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    if server::lambda::in_lambda() {
        return server::lambda::run(settings).await;
    }
    let app = Application::build(settings).await?;
    tracing::info!("listening on http://{}", app.local_addr());
    app.run_until_stopped().await?;
    Ok(())
}

async fn run_seed(
    settings: Settings,
    seed_value: Option<u64>,
    sessions: Option<usize>,
) -> anyhow::Result<()> {
    let store = open_store(&settings).await?;
    let seed_value = seed_value.unwrap_or(settings.demo.seed);
    let sessions = sessions.unwrap_or(settings.demo.sessions);
    let report = seed::seed(store.as_ref(), seed_value, sessions).await?;
    let place = match &settings.store {
        StoreKind::Embedded => settings.data_dir.display().to_string(),
        StoreKind::DynamoDb { table, .. } => format!("DynamoDB table {table}"),
    };
    println!(
        "Seeded {} new demo sessions and {} reviews ({} sessions already present) with seed {seed_value} into {place}",
        report.created, report.reviews, report.already_present,
    );
    Ok(())
}

async fn rebuild_sitemap(settings: Settings) -> anyhow::Result<()> {
    let store = open_store(&settings).await?;
    let upkeep = server::upkeep::run(store.as_ref(), chrono::Utc::now()).await?;
    let outline = upkeep.sitemap;
    let urls = server::feeds::sitemap::url_count(&outline);
    println!(
        "{} one-off session(s) that are over left the lists. Sitemap rebuilt: {urls} URLs in {} part(s), build {}",
        upkeep.retired,
        outline.parts.len(),
        outline.generation
    );
    Ok(())
}

async fn run_digest(settings: Settings) -> anyhow::Result<()> {
    let store = match open_store(&settings).await {
        Ok(store) => store,
        // The running site holds the embedded store's file: it runs the digest instead.
        Err(app::store::StoreError::Unavailable(reason))
            if settings.store == StoreKind::Embedded =>
        {
            return digest_through_running_site(&settings, &reason).await;
        }
        Err(err) => return Err(err.into()),
    };
    let mailer = server::startup::open_mailer(&settings).await;
    let at = server::digest::RunAt::now_for(&settings.store);
    let run = server::digest::run(store.as_ref(), mailer.as_ref(), &settings.site_url, at).await?;
    println!(
        "Digest: {} sent, {} not due yet, {} with no news, {} claimed by another run, {} not sent (given back), {} members failed",
        run.sent, run.not_due, run.quiet, run.claimed_elsewhere, run.not_sent, run.failed_members
    );
    if run.left_work() {
        anyhow::bail!("some digests were not sent; they go with the next run (see the log)");
    }
    Ok(())
}

/// Asks the site running on this machine to run the digest (its local outbox page's
/// button), since it holds the data directory; says what to do if that fails too.
async fn digest_through_running_site(settings: &Settings, reason: &str) -> anyhow::Result<()> {
    let site = format!("http://{}", settings.leptos.site_addr);
    let asked = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?
        .post(format!("{site}{}", server::outbox_page::RUN_DIGEST_PATH))
        .send()
        .await;
    match asked {
        Ok(answer) if answer.status().is_redirection() => {
            println!(
                "The running site ran the digest: read it on {site}{}",
                server::outbox_page::OUTBOX_PATH
            );
            Ok(())
        }
        Ok(answer) => anyhow::bail!(
            "the running site could not run the digest ({}): {}",
            answer.status(),
            answer.text().await.unwrap_or_default()
        ),
        Err(_) => anyhow::bail!("{reason}"),
    }
}

async fn create_table(settings: Settings) -> anyhow::Result<()> {
    let StoreKind::DynamoDb { table, endpoint } = &settings.store else {
        anyhow::bail!("create-table needs STORE=dynamodb (and DYNAMODB_TABLE, DYNAMODB_ENDPOINT)");
    };
    let client = server::dynamo_store::client(&server::dynamo_store::ClientSettings {
        endpoint: endpoint.clone(),
        ..Default::default()
    })
    .await;
    let store = server::dynamo_store::DynamoStore::new(client, table.clone());
    let created = store.create_table().await.map_err(anyhow::Error::msg)?;
    println!(
        "Table {table} {}",
        if created { "created" } else { "already exists" }
    );
    Ok(())
}

/// A progress bar on standard error, hidden when that is not a terminal.
fn progress(length: Option<u64>) -> indicatif::ProgressBar {
    let bar =
        indicatif::ProgressBar::with_draw_target(length, indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} sessions ({eta})")
    {
        bar.set_style(style);
    }
    bar
}

async fn run_export(settings: Settings, output: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let store = open_store(&settings).await?;
    let total: u64 = store
        .place_children(&app::model::PlacePath::World)
        .await?
        .iter()
        .map(|c| c.sessions)
        .sum();
    let bar = progress(Some(total));
    let written = match output {
        Some(path) => {
            let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
            server::transfer::export(store.as_ref(), &mut file, &bar).await?
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            server::transfer::export(store.as_ref(), &mut out, &bar).await?
        }
    };
    bar.finish_and_clear();
    eprintln!("Exported {written} lines (sessions, each followed by its reviews)");
    Ok(())
}

async fn run_import(settings: Settings, file: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let store = open_store(&settings).await?;
    let bar = progress(None);
    let report = match file {
        Some(path) => {
            let input = std::io::BufReader::new(std::fs::File::open(&path)?);
            server::transfer::import(store.as_ref(), input, &bar).await?
        }
        None => server::transfer::import(store.as_ref(), std::io::stdin().lock(), &bar).await?,
    };
    bar.finish_and_clear();
    eprintln!(
        "Imported {} sessions and reviews; {} were already there unchanged, {} already there with other contents (kept)",
        report.created, report.unchanged, report.kept_different
    );
    Ok(())
}

async fn grant_moderator(settings: Settings, email: &str) -> anyhow::Result<()> {
    let identity = server::auth::local::LocalIdentity::open(&settings.data_dir, &settings.site_url)
        .map_err(anyhow::Error::msg)?;
    identity
        .grant_group(email, app::model::MODERATORS)
        .await
        .map_err(|e| match e {
            app::identity::IdentityError::WrongCredentials => {
                anyhow::anyhow!("there is no local account for {email}")
            }
            other => anyhow::Error::new(other),
        })?;
    eprintln!("{email} is now a moderator (from their next sign-in)");
    Ok(())
}
