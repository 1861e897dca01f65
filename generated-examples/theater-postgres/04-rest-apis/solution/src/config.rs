//! Configuration read from environment variables, each but `DATABASE_URL` with a default for
//! local development.

use std::{env, error::Error, fmt};

/// Everything the binary needs to know before it can start.
#[derive(Debug)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub database_url: String,
}

impl Config {
    /// Reads `HOST`, `PORT` and `DATABASE_URL`, falling back to defaults for any that are unset.
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
        })
    }
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
