//! The `theater` binary: reads the configuration, prepares the database, then serves the API
//! (`cargo run`) or loads the sample data (`cargo run -- seed`).

use std::error::Error;

use theater::{
    AppState,
    config::{Config, ConfigError},
    db,
    server::{self, Timeouts},
};
use tokio::{net::TcpListener, signal};
use tracing_subscriber::EnvFilter;

/// What the command line asked for.
enum Command {
    Serve,
    Seed,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // Read the command first, so a typo does not touch the database.
    let command = match std::env::args().nth(1).as_deref() {
        None => Command::Serve,
        Some("seed") => Command::Seed,
        Some(other) => {
            eprintln!("unknown command {other:?}\nusage: theater [seed]");
            std::process::exit(2);
        }
    };

    // A missing .env file is fine: in production the variables are set for real.
    dotenvy::dotenv().ok();

    // RUST_LOG picks what gets logged, e.g. `RUST_LOG=debug cargo run`.
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("theater=debug,tower_http=debug"));
    tracing_subscriber::fmt().with_env_filter(filter).init();

    let config = Config::from_env()?;
    if matches!(command, Command::Seed) {
        // `seed` sets up a database for development, so it makes the database first if the
        // server does not have it yet. Serving never does: a typo in DATABASE_URL must not
        // start an empty app.
        db::create_if_missing(&config.database_url)
            .await
            .map_err(ConfigError::unreachable_database)?;
    }
    let db = db::connect(&config.database_url)
        .await
        .map_err(ConfigError::unreachable_database)?;
    // Bring the schema up to date; migrations that already ran are skipped.
    db::MIGRATOR.run(&db).await?;

    match command {
        Command::Serve => serve(config, theater::app(AppState { db: db.clone() })).await?,
        Command::Seed => {
            db::seed(&db).await?;
            // Not the URL itself: it may hold a password.
            tracing::info!("seeded the database");
        }
    }
    // Closing the pool ends its sessions, so PostgreSQL frees their connection slots now
    // rather than when it notices they are gone.
    db.close().await;
    Ok(())
}

async fn serve(config: Config, app: axum::Router) -> Result<(), Box<dyn Error>> {
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    tracing::info!("listening on http://{}", listener.local_addr()?);

    // `server::serve` is `axum::serve` with time limits for slow clients: see `src/server.rs`.
    server::serve(listener, app, Timeouts::default(), shutdown_signal()).await;
    Ok(())
}

/// Completes on Ctrl+C, or on SIGTERM (what `docker stop` and systemd send).
/// The server then stops accepting connections and finishes the requests in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        signal::ctrl_c().await.expect("failed to listen for Ctrl+C");
    };

    // Windows has no SIGTERM, so there this branch simply never completes.
    #[cfg(unix)]
    let terminate = async {
        signal::unix::signal(signal::unix::SignalKind::terminate())
            .expect("failed to listen for SIGTERM")
            .recv()
            .await;
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
