//! Configuration read from environment variables, each but `DATABASE_URL` with a default for
//! local development.

use std::{env, error::Error, fmt, path::PathBuf};

use axum::http::HeaderValue;

/// Everything the binary needs to know before it can start.
#[derive(Debug)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub database_url: String,
    pub client: ClientConfig,
}

/// What the server needs to know about the browser client.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// The origins whose pages may call the API from a browser (`CORS_ORIGINS`).
    pub origins: Vec<HeaderValue>,
    /// Where `npm run build` writes the client (`CLIENT_DIST`), served when it is there.
    pub dist: PathBuf,
}

impl Config {
    /// Reads `HOST`, `PORT`, `DATABASE_URL`, `CORS_ORIGINS` and `CLIENT_DIST`, falling back to
    /// defaults for any that are unset.
    /// `DATABASE_URL` has none: which PostgreSQL server to use is not something to guess.
    pub fn from_env() -> Result<Self, ConfigError> {
        let raw_port = var_or("PORT", "3000")?;
        let port = raw_port.parse().map_err(|_| ConfigError {
            variable: "PORT",
            problem: format!("must be a port number, got {raw_port:?}"),
        })?;

        Ok(Self {
            host: var_or("HOST", "127.0.0.1")?,
            port,
            database_url: required("DATABASE_URL", "postgres://postgres@localhost:5432/theater")?,
            client: ClientConfig {
                origins: origins(&var_or(
                    "CORS_ORIGINS",
                    "http://localhost:5173,http://127.0.0.1:5173",
                )?)?,
                dist: var_or("CLIENT_DIST", "client/dist")?.into(),
            },
        })
    }
}

/// The origins in `CORS_ORIGINS`, separated by commas: each as a browser sends it in its
/// `Origin` header, a scheme, a host and maybe a port (`http://localhost:5173`), no path.
/// An empty list allows no other origin at all.
fn origins(list: &str) -> Result<Vec<HeaderValue>, ConfigError> {
    let problem = |origin: &str, why: &str| ConfigError {
        variable: "CORS_ORIGINS",
        problem: format!("{why}, got {origin:?}"),
    };
    let mut origins = Vec::new();
    for origin in list.split(',').map(str::trim).filter(|o| !o.is_empty()) {
        if origin == "*" {
            // The client sends its cookies, and a browser refuses an answer to a request with
            // cookies that allows every origin: the origins must be named.
            return Err(problem(origin, "must name each origin, not `*`"));
        }
        let host = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"));
        match host {
            // A browser writes an origin in lower case, and never with a path, a query or a
            // fragment: an origin written otherwise would never match one.
            Some(host)
                if !host.is_empty()
                    && !host.contains(['/', '?', '#'])
                    && host == host.to_ascii_lowercase() => {}
            _ => {
                return Err(problem(
                    origin,
                    "must be origins as a browser writes them, such as http://localhost:5173: \
                     in lower case, and without a path (not even a `/` at the end)",
                ));
            }
        }
        let value =
            HeaderValue::from_str(origin).map_err(|_| problem(origin, "must be plain text"))?;
        origins.push(value);
    }
    Ok(origins)
}

/// The value of `variable`, or `default` when it is unset.
fn var_or(variable: &'static str, default: &str) -> Result<String, ConfigError> {
    match env::var(variable) {
        Ok(value) => Ok(value),
        Err(env::VarError::NotPresent) => Ok(default.to_owned()),
        Err(env::VarError::NotUnicode(_)) => Err(ConfigError {
            variable,
            problem: "must be valid UTF-8".to_owned(),
        }),
    }
}

/// The value of `variable`, which must be set; `example` shows what it looks like.
fn required(variable: &'static str, example: &str) -> Result<String, ConfigError> {
    match var_or(variable, "")? {
        value if value.is_empty() => Err(ConfigError {
            variable,
            problem: format!("must be set, such as {example} (see .env.example and the README)"),
        }),
        value => Ok(value),
    }
}

/// A bad environment variable. The message names it, so the person starting
/// the server knows exactly what to fix.
pub struct ConfigError {
    variable: &'static str,
    problem: String,
}

impl ConfigError {
    /// `DATABASE_URL` is set, but no database answers there. (The URL itself is not printed:
    /// it may hold a password.)
    pub fn unreachable_database(err: sqlx::Error) -> Self {
        ConfigError {
            variable: "DATABASE_URL",
            problem: format!(
                "names a database this server cannot use ({err}): is PostgreSQL running, \
                 and does the database exist? (see the README)"
            ),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.variable, self.problem)
    }
}

// An error returned from `main` is printed with `Debug`, so show the message there too.
impl fmt::Debug for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

// `Error` has default methods for everything; implementing it lets `?` turn a
// `ConfigError` into the `Box<dyn Error>` that `main` returns.
impl Error for ConfigError {}
