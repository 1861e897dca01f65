//! The `theater` binary: reads the configuration and serves the app (`cargo run`).

use std::error::Error;

use theater::{
    config::Config,
    server::{self, Timeouts},
};
use tokio::{net::TcpListener, signal};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    if let Some(other) = std::env::args().nth(1) {
        eprintln!("unknown argument {other:?}\nusage: theater");
        std::process::exit(2);
    }

    // A missing .env file is fine: in production the variables are set for real.
    dotenvy::dotenv().ok();

    // RUST_LOG picks what gets logged, e.g. `RUST_LOG=debug cargo run`.
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("theater=debug,tower_http=debug"));
    tracing_subscriber::fmt().with_env_filter(filter).init();

    let config = Config::from_env()?;
    serve(config, theater::app()).await
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
