//! The program itself, started as `cargo run` starts it: it reads its configuration from the
//! environment, loads the sample data with `seed`, serves until it is told to stop, and
//! stops cleanly. The other tests call the router in-process; these are the ones that cover
//! `src/main.rs`.

use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    process::{Child, Command, ExitStatus, Output, Stdio},
    thread,
    time::{Duration, Instant},
};

use crate::helpers::TempDatabase;

/// The program `cargo test` built from `src/main.rs`.
const PROGRAM: &str = env!("CARGO_BIN_EXE_theater");

/// How long the program may take to start listening, or to stop once told to.
const PATIENCE: Duration = Duration::from_secs(10);

/// The program, with every setting given (`database` for `DATABASE_URL`), so that
/// neither the shell's variables nor a `.env` file change what it does. Its logs are kept
/// from the test's output.
fn program(database: &TempDatabase, port: u16) -> Command {
    let mut command = Command::new(PROGRAM);
    command
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("DATABASE_URL", database.url())
        .env("RUST_LOG", "off")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Runs the program to its end, which must come within `PATIENCE`: a program that goes on
/// serving instead of stopping is stopped, and the test fails rather than waits for ever.
fn finish(command: &mut Command) -> Output {
    let mut child = command.spawn().expect("the program runs");
    let started = Instant::now();
    while child
        .try_wait()
        .expect("the program can be waited for")
        .is_none()
    {
        if started.elapsed() > PATIENCE {
            child.kill().ok();
            child.wait().ok();
            panic!("the program still runs after {PATIENCE:?}, where it should have stopped");
        }
        thread::sleep(Duration::from_millis(20));
    }
    child
        .wait_with_output()
        .expect("the program's output can be read")
}

/// A port nothing listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("a bound address").port()
}

/// Waits until `port` accepts connections; panics with what the program printed if it
/// exits or `PATIENCE` runs out first.
fn wait_until_listening(server: &mut Child, port: u16) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Some(status) = server.try_wait().expect("the program can be waited for") {
            panic!(
                "the program exited ({status}) instead of listening on {port}: {}",
                stderr(server)
            );
        }
        assert!(
            started.elapsed() < PATIENCE,
            "nothing listens on {port} after {PATIENCE:?}"
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for the program to exit; panics if it is still running after `PATIENCE`.
fn wait_for_exit(server: &mut Child) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = server.try_wait().expect("the program can be waited for") {
            return status;
        }
        if started.elapsed() > PATIENCE {
            server.kill().ok();
            panic!("the program is still running {PATIENCE:?} after it was told to stop");
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// What the program wrote to its standard error.
fn stderr(server: &mut Child) -> String {
    let mut text = String::new();
    if let Some(mut pipe) = server.stderr.take() {
        pipe.read_to_string(&mut text).ok();
    }
    text
}

/// The status line of the answer to `GET path`, over a real connection.
fn status_line(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server accepts");
    stream
        .set_read_timeout(Some(PATIENCE))
        .expect("a read timeout");
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .expect("the request is sent");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok();
    answer.lines().next().unwrap_or_default().to_owned()
}

#[cfg(unix)]
#[test]
fn the_program_serves_until_sigterm_then_stops_cleanly() {
    let database = TempDatabase::new("serve");
    let port = free_port();
    let mut server = program(&database, port)
        .spawn()
        .expect("the program starts");
    wait_until_listening(&mut server, port);

    // A path no route has: every lecture's app answers it, whatever is left to write.
    assert_eq!(status_line(port, "/no-such-page"), "HTTP/1.1 404 Not Found");

    // What `docker stop` and systemd send. The program finishes what it is doing and exits.
    let sent = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let status = wait_for_exit(&mut server);
    assert!(status.success(), "{status}: {}", stderr(&mut server));
}

#[tokio::test]
async fn seed_fills_the_database_the_environment_names() {
    let database = TempDatabase::new("seed");

    let output = finish(program(&database, free_port()).arg("seed"));

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pool = sqlx::PgPool::connect(&database.url())
        .await
        .expect("the database opens");
    let productions: Vec<i64> = sqlx::query_scalar("select id from productions order by id")
        .fetch_all(&pool)
        .await
        .expect("the table is there");
    assert_eq!(productions, [1, 2, 3, 4]);
    pool.close().await;
}

#[test]
fn an_unknown_command_is_refused_with_the_usage() {
    let database = TempDatabase::new("unknown");

    let output = finish(program(&database, free_port()).arg("serve-please"));

    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("\"serve-please\"") && stderr.contains("usage"),
        "{stderr}"
    );
}

#[test]
fn a_bad_port_stops_the_program_with_a_message_that_names_it() {
    let database = TempDatabase::new("port");

    let output = finish(program(&database, free_port()).env("PORT", "eighty"));

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("PORT") && stderr.contains("eighty"),
        "{stderr}"
    );
}

#[test]
fn without_a_database_url_the_program_stops_with_a_message_that_names_it() {
    // Set but empty, so that a `.env` file cannot fill it in either.
    let output = finish(
        Command::new(PROGRAM)
            .env("DATABASE_URL", "")
            .env("RUST_LOG", "off")
            .stderr(Stdio::piped()),
    );

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("DATABASE_URL must be set"), "{stderr}");
}

#[test]
fn a_database_nobody_made_stops_the_program_with_a_message_that_names_database_url() {
    let database = TempDatabase::new("missing");
    let mut command = program(&database, free_port());
    // Dropped: the URL now names a database the server does not have.
    drop(database);

    let output = finish(&mut command);

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("DATABASE_URL") && stderr.contains("does not exist"),
        "{stderr}"
    );
}
