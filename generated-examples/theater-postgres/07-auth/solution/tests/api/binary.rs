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

use crate::helpers::{TEST_PASSWORD, TempDatabase, new_user};

/// The program `cargo test` built from `src/main.rs`.
const PROGRAM: &str = env!("CARGO_BIN_EXE_theater");

/// A `SESSION_SECRET` for the tests: long enough, and of no use anywhere else.
const SESSION_SECRET: &str =
    "a-secret-for-the-tests-only-a-secret-for-the-tests-only-a-secret-for-the-tests-only";

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
        // No client, whether or not `npm run build` has made one in this folder.
        .env("CORS_ORIGINS", "")
        .env("CLIENT_DIST", "tests/no-client-here")
        .env("SESSION_SECRET", SESSION_SECRET)
        .env_remove("COOKIE_SECURE")
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

/// Sends `request` as it is over a real connection, and returns the whole answer.
fn exchange(port: u16, request: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server accepts");
    stream
        .set_read_timeout(Some(PATIENCE))
        .expect("a read timeout");
    stream
        .write_all(request.as_bytes())
        .expect("the request is sent");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok();
    answer
}

/// The answer to `POST /api/login` with `username` and `password`, whole.
fn login(port: u16, username: &str, password: &str) -> String {
    let body = serde_json::json!({ "username": username, "password": password }).to_string();
    exchange(
        port,
        &format!(
            "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ),
    )
}

/// The `set-cookie` line of an answer, if it has one.
fn set_cookie(answer: &str) -> Option<&str> {
    answer
        .lines()
        .find(|line| line.to_ascii_lowercase().starts_with("set-cookie:"))
}

/// Sends SIGTERM and waits for the program to exit.
#[cfg(unix)]
fn stop(server: &mut Child) {
    let sent = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    wait_for_exit(server);
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
    // The seed users' passwords are hashed as the program seeds, never stored as they are.
    let hashes: Vec<String> = sqlx::query_scalar("select password_hash from users order by id")
        .fetch_all(&pool)
        .await
        .expect("the table is there");
    assert_eq!(hashes.len(), 3);
    for hash in &hashes {
        assert!(hash.starts_with("$argon2id$"), "{hash}");
    }
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

#[test]
fn a_wildcard_or_a_path_in_cors_origins_stops_the_program_with_a_message_that_names_it() {
    let database = TempDatabase::new("origins");

    for origins in ["*", "http://localhost:5173/app", "localhost:5173"] {
        let output = finish(
            program(&database, free_port())
                .env("CORS_ORIGINS", format!("http://127.0.0.1:5173, {origins}")),
        );

        assert!(!output.status.success(), "{origins}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("CORS_ORIGINS") && stderr.contains(origins),
            "{origins}: {stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn login_over_a_real_connection_sets_a_secure_cookie() {
    let database = TempDatabase::new("login");
    let seeded = finish(program(&database, free_port()).arg("seed"));
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let port = free_port();
    let mut server = program(&database, port)
        .spawn()
        .expect("the program starts");
    wait_until_listening(&mut server, port);

    // The log-in needs the client's address, which the server attaches to each request.
    let answer = login(port, "ada", "ada-dev-password");
    let wrong = login(port, "ada", "another-password");

    stop(&mut server);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let cookie = set_cookie(&answer).expect("a session cookie");
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(wrong.starts_with("HTTP/1.1 401"), "{wrong}");
}

#[cfg(unix)]
#[test]
fn signup_on_one_server_is_a_session_on_another_and_a_logout_there_ends_it() {
    let database = TempDatabase::new("two");
    let seeded = finish(program(&database, free_port()).arg("seed"));
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    // Two servers, as behind a load balancer: one database, one `SESSION_SECRET`.
    let (port_a, port_b) = (free_port(), free_port());
    let mut a = program(&database, port_a).spawn().expect("server A starts");
    let mut b = program(&database, port_b).spawn().expect("server B starts");
    wait_until_listening(&mut a, port_a);
    wait_until_listening(&mut b, port_b);

    let body = new_user(0, "newcomer", TEST_PASSWORD).to_string();
    let signed_up = send(port_a, "POST /api/signup", None, Some(&body));
    let cookie = set_cookie(&signed_up)
        .and_then(|line| line.split_once(':'))
        .and_then(|(_, value)| value.trim().split(';').next())
        .map(str::to_owned);
    let on_b = cookie
        .as_deref()
        .map(|cookie| send(port_b, "GET /api/check_session", Some(cookie), None));
    let logout_on_b = cookie
        .as_deref()
        .map(|cookie| send(port_b, "DELETE /api/logout", Some(cookie), None));
    let on_a = cookie
        .as_deref()
        .map(|cookie| send(port_a, "GET /api/check_session", Some(cookie), None));
    stop(&mut a);
    stop(&mut b);

    assert!(signed_up.starts_with("HTTP/1.1 201"), "{signed_up}");
    let (on_b, logout_on_b, on_a) = (on_b.unwrap(), logout_on_b.unwrap(), on_a.unwrap());
    // B knows the user A signed up and logged in...
    assert!(on_b.starts_with("HTTP/1.1 200"), "{on_b}");
    assert!(on_b.contains("\"username\":\"newcomer\""), "{on_b}");
    // ...and A honours the logout B did.
    assert!(logout_on_b.starts_with("HTTP/1.1 204"), "{logout_on_b}");
    assert!(on_a.starts_with("HTTP/1.1 401"), "{on_a}");
}

/// Sends `request` (`METHOD /path`) with a session `cookie` and a JSON `body`, if given, over a
/// real connection; returns the whole answer.
fn send(port: u16, request: &str, cookie: Option<&str>, body: Option<&str>) -> String {
    let mut text = format!("{request} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    if let Some(cookie) = cookie {
        text.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    let body = body.unwrap_or_default();
    if !body.is_empty() {
        text.push_str("Content-Type: application/json\r\n");
    }
    text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    exchange(port, &text)
}

#[cfg(unix)]
#[test]
fn login_with_cookie_secure_false_sets_a_cookie_without_secure() {
    let database = TempDatabase::new("insecure");
    let seeded = finish(program(&database, free_port()).arg("seed"));
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let port = free_port();
    let mut server = program(&database, port)
        .env("COOKIE_SECURE", "false")
        .spawn()
        .expect("the program starts");
    wait_until_listening(&mut server, port);

    let answer = login(port, "ada", "ada-dev-password");

    stop(&mut server);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let cookie = set_cookie(&answer).expect("a session cookie");
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
}

#[test]
fn a_short_session_secret_stops_the_program_with_a_message_that_names_it() {
    let database = TempDatabase::new("secret");

    let output = finish(program(&database, free_port()).env("SESSION_SECRET", "too-short"));

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("SESSION_SECRET") && stderr.contains("at least 64 bytes"),
        "{stderr}"
    );
    // The message gives the length, never the secret.
    assert!(!stderr.contains("too-short"), "{stderr}");
}

#[test]
fn a_bad_cookie_secure_stops_the_program_with_a_message_that_names_it() {
    let database = TempDatabase::new("secure");

    let output = finish(program(&database, free_port()).env("COOKIE_SECURE", "yes"));

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("COOKIE_SECURE") && stderr.contains("yes"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn without_a_session_secret_the_program_warns_that_sessions_will_not_survive_a_restart() {
    let database = TempDatabase::new("nosecret");
    let port = free_port();
    let mut server = program(&database, port)
        .env_remove("SESSION_SECRET")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the program starts");
    wait_until_listening(&mut server, port);

    stop(&mut server);
    let mut logs = String::new();
    server
        .stdout
        .take()
        .expect("stdout is piped")
        .read_to_string(&mut logs)
        .ok();
    assert!(
        logs.contains("SESSION_SECRET is not set") && logs.contains("restart"),
        "{logs}"
    );
}

#[test]
fn secret_prints_a_new_secret_long_enough_for_session_secret() {
    let database = TempDatabase::new("newsecret");

    let first = finish(
        program(&database, free_port())
            .arg("secret")
            .stdout(Stdio::piped()),
    );
    let second = finish(
        program(&database, free_port())
            .arg("secret")
            .stdout(Stdio::piped()),
    );

    assert!(first.status.success());
    let first = String::from_utf8(first.stdout).unwrap();
    let second = String::from_utf8(second.stdout).unwrap();
    let secret = first.trim_end();
    assert_eq!(secret.len(), 128, "{secret}");
    assert!(secret.chars().all(|c| c.is_ascii_hexdigit()), "{secret}");
    assert_ne!(second.trim_end(), secret, "each secret is new");
}
