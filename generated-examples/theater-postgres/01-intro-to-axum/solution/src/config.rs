//! Configuration read from environment variables, each with a default for local development.

use std::{env, error::Error, fmt};

/// Everything the binary needs to know before it can start.
#[derive(Debug)]
pub struct Config {
    pub host: String,
    pub port: u16,
}

impl Config {
    /// Reads `HOST`, `PORT`, falling back to defaults for any that are unset.
    pub fn from_env() -> Result<Self, ConfigError> {
        let raw_port = var_or("PORT", "3000")?;
        let port = raw_port.parse().map_err(|_| ConfigError {
            variable: "PORT",
            problem: format!("must be a port number, got {raw_port:?}"),
        })?;

        Ok(Self {
            host: var_or("HOST", "127.0.0.1")?,
            port,
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

/// A bad environment variable. The message names it, so the person starting
/// the server knows exactly what to fix.
pub struct ConfigError {
    variable: &'static str,
    problem: String,
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
