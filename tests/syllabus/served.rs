//! A built solution serving a freshly seeded database, and the API clients CI runs against it:
//! newman runs the project's Postman collection, schemathesis tries what its `openapi.json`
//! allows. Each tool runs where its environment variable names it (`SYLLABUS_NEWMAN`,
//! `SYLLABUS_SCHEMATHESIS`: the path of `newman` and of `st`), as `.ci/run` sets them.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A solution's program serving its own database on a free port, stopped when dropped.
pub struct Server {
    child: Child,
    pub address: String,
    /// Holds the database until the server stops.
    _data: tempfile::TempDir,
}

impl Server {
    /// Seeds a new database with `binary seed` (where the project has a database) and serves
    /// it; `env` adds to the program's environment.
    pub fn start(
        binary: &Path,
        dir: &Path,
        database: bool,
        env: &[(&str, &str)],
    ) -> Result<Server, String> {
        let data = tempfile::tempdir().expect("a temporary folder");
        let url = match crate::database() {
            _ if !database => String::new(),
            syllabus::dialect::Dialect::Sqlite => {
                format!("sqlite:{}", data.path().join("served.db").display())
            }
            syllabus::dialect::Dialect::Postgres => crate::fresh_postgres_database(&format!(
                "{}_served",
                crate::projects::dir_database_name(dir)
            )),
        };
        let run = |args: &[&str]| {
            let mut command = Command::new(binary);
            command
                .args(args)
                .current_dir(dir)
                .env("DATABASE_URL", &url)
                .env("RUST_LOG", "off")
                .envs(env.iter().copied())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            command
        };
        if database {
            let seeded = run(&["seed"]).status().is_ok_and(|s| s.success());
            if !seeded {
                return Err(format!("`{} seed` failed", binary.display()));
            }
        }
        // A port the system says is free, so that projects tested at once do not collide.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = run(&[])
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .spawn()
            .map_err(|e| format!("`{}` does not start: {e}", binary.display()))?;
        let address = format!("127.0.0.1:{port}");
        let started = Instant::now();
        while TcpStream::connect(&address).is_err() && started.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Server {
            child,
            address,
            _data: data,
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Only this server's own child is stopped, by its handle.
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// The program the environment variable names, if it names one; a relative path is taken from
/// where the tests run, since the tools run in each project's folder.
fn tool(variable: &str) -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os(variable)?);
    Some(std::path::absolute(&path).unwrap_or(path))
}

/// The environment every served solution gets here: the session cookie goes over plain HTTP.
const PLAIN_HTTP: [(&str, &str); 1] = [("COOKIE_SECURE", "false")];

/// Runs the project's `postman_collection.json` with newman against a freshly seeded server:
/// every test of every request must pass. Prints `LABEL: newman: N passed, N failed`.
pub fn newman_passes(label: &str, binary: &Path, dir: &Path) -> Vec<String> {
    let Some(newman) = tool("SYLLABUS_NEWMAN") else {
        return Vec::new();
    };
    let server = match Server::start(binary, dir, true, &PLAIN_HTTP) {
        Ok(server) => server,
        Err(why) => return vec![format!("{label}: newman: {why}")],
    };
    let report = tempfile::tempdir().expect("a temporary folder");
    let json = report.path().join("newman.json");
    let output = Command::new(&newman)
        .args(["run", "postman_collection.json", "--color", "off"])
        .args(["--env-var", &format!("baseUrl={}", server.url())])
        .args(["--reporters", "cli,json", "--reporter-json-export"])
        .arg(&json)
        .current_dir(dir)
        .output();
    drop(server);
    let output = match output {
        Ok(output) => output,
        Err(e) => return vec![format!("{label}: {} does not run: {e}", newman.display())],
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let report: Option<serde_json::Value> = std::fs::read_to_string(&json)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    let Some(stats) = report.as_ref().map(|r| &r["run"]["stats"]) else {
        return vec![format!("{label}: newman wrote no report\n{text}")];
    };
    let total = stats["assertions"]["total"].as_u64().unwrap_or(0);
    let failed = stats["assertions"]["failed"].as_u64().unwrap_or(0)
        + stats["requests"]["failed"].as_u64().unwrap_or(0);
    eprintln!(
        "{label}: newman: {} passed, {failed} failed",
        total.saturating_sub(failed)
    );
    if failed > 0 || total == 0 || !output.status.success() {
        return vec![format!("{label}: newman failed\n{text}")];
    }
    Vec::new()
}

/// Runs schemathesis, every check on, against a freshly seeded server, as the project's
/// `schemathesis.toml` configures it: no failure is allowed. Prints the operations tested,
/// and its test cases as `N passed, N failed`.
pub fn schemathesis_passes(label: &str, binary: &Path, dir: &Path, prefix: &str) -> Vec<String> {
    let Some(st) = tool("SYLLABUS_SCHEMATHESIS") else {
        return Vec::new();
    };
    let server = match Server::start(binary, dir, true, &PLAIN_HTTP) {
        Ok(server) => server,
        Err(why) => return vec![format!("{label}: schemathesis: {why}")],
    };
    let report = tempfile::tempdir().expect("a temporary folder");
    let url = server.url();
    let output = Command::new(&st)
        .arg("run")
        .arg(format!("{url}{prefix}/openapi.json"))
        // Every check runs by default; `--checks all` would undo what `schemathesis.toml`
        // turns off for an operation, with its reason.
        .args(["--url", &url, "--report", "json"])
        .arg("--report-dir")
        .arg(report.path())
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .output();
    drop(server);
    let output = match output {
        Ok(output) => output,
        Err(e) => return vec![format!("{label}: {} does not run: {e}", st.display())],
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let report: Option<serde_json::Value> = std::fs::read_dir(report.path())
        .ok()
        .and_then(|mut entries| entries.next())
        .and_then(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
        .and_then(|t| serde_json::from_str(&t).ok());
    let Some(report) = report else {
        return vec![format!("{label}: schemathesis wrote no report\n{text}")];
    };
    let tested = report["operations"]["tested"].as_u64().unwrap_or(0);
    let cases = &report["test_cases"];
    let generated = cases["generated"].as_u64().unwrap_or(0);
    let failed =
        cases["with_failures"].as_u64().unwrap_or(0) + cases["errored"].as_u64().unwrap_or(0);
    let errors = report["errors"].as_array().map_or(0, Vec::len) as u64;
    eprintln!(
        "{label}: schemathesis: {tested} operations, {} passed, {failed} failed",
        generated.saturating_sub(failed)
    );
    if failed + errors > 0 || tested == 0 || !output.status.success() {
        return vec![format!("{label}: schemathesis failed\n{text}")];
    }
    Vec::new()
}
