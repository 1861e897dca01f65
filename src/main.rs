//! The `syllabus` binary: parses the command line, runs it, and owns the exit code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use syllabus::cli::{Cli, run};
use syllabus::error::Error;

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with 2.
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(output) => {
            let _ = std::io::stdout().write_all(output.as_bytes());
            ExitCode::SUCCESS
        }
        Err(err) => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let message = match &err {
                Error::Spec(errors) => errors.render(color),
                other => format!("error: {other}\n"),
            };
            let mut stderr = std::io::stderr();
            let _ = stderr.write_all(message.as_bytes());
            if let Some(help) = err.help() {
                let _ = writeln!(stderr, "help: {help}");
            }
            ExitCode::from(err.exit_code() as u8)
        }
    }
}
