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
    /// Serve the site over HTTP (the default).
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
        "Seeded {} new demo sessions ({} already present) with seed {seed_value} into {place}",
        report.created, report.already_present,
    );
    Ok(())
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
