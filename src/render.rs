//! The one place the Tera environment is built. Templates are embedded in the binary, so an
//! installed `syllabus` needs no files beside it.

use std::collections::HashMap;
use std::error::Error as _;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};

use include_dir::{Dir, include_dir};
use serde::Serialize;
use tera::{Context, Tera};

use crate::error::{Error, Result};

static TEMPLATES: Dir = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Files whose names end in this are rendered; the rest are copied as they are.
pub const TEMPLATE_SUFFIX: &str = ".tera";

fn tera() -> &'static std::result::Result<Tera, String> {
    static TERA: OnceLock<std::result::Result<Tera, String>> = OnceLock::new();
    TERA.get_or_init(|| {
        let mut tera = Tera::default();
        // Generated code is Rust, SQL and Markdown, not HTML: nothing must be escaped.
        tera.autoescape_on(vec![]);
        let mut files = Vec::new();
        collect(&TEMPLATES, &mut files);
        tera.add_raw_templates(files).map_err(|e| chain(&e))?;
        tera.register_filter("rust", rust_string);
        tera.register_filter("literal", rust_literal);
        Ok(tera)
    })
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static str)>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if let Some(name) = path.strip_suffix(TEMPLATE_SUFFIX) {
            out.push((name.to_owned(), file.contents_utf8().unwrap_or_default()));
        }
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

/// `{{ text | rust }}`: a string as a Rust string literal, quotes and escapes included.
fn rust_string(value: &tera::Value, _: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    match value.as_str() {
        Some(text) => Ok(tera::Value::String(format!("{text:?}"))),
        None => Err(tera::Error::msg("the `rust` filter takes a string")),
    }
}

/// `{{ sql | literal }}`: multi-line text as a Rust string literal that keeps its line breaks:
/// `"..."`, or `r#"..."#` when the text holds a quote or a backslash (as SQL's `"order"` does).
fn rust_literal(
    value: &tera::Value,
    _: &HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("the `literal` filter takes a string"))?;
    let hashes = if text.contains(['"', '\\']) {
        (1..)
            .map(|n| "#".repeat(n))
            .find(|h| !text.contains(&format!("\"{h}")))
            .unwrap_or_default()
    } else {
        String::new()
    };
    let raw = if hashes.is_empty() { "" } else { "r" };
    Ok(tera::Value::String(format!(
        "{raw}{hashes}\"{text}\"{hashes}"
    )))
}

/// Tera's top-level error only names the template; the cause is further down the chain.
fn chain(err: &tera::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Renders the template `name` (its path under `templates/`, without `.tera`).
pub fn render(name: &str, context: &impl Serialize) -> Result<String> {
    let tera = tera().as_ref().map_err(|chain| Error::Render {
        template: name.to_owned(),
        chain: chain.clone(),
    })?;
    let context = Context::from_serialize(context).map_err(|e| Error::Render {
        template: name.to_owned(),
        chain: chain(&e),
    })?;
    tera.render(name, &context).map_err(|e| Error::Render {
        template: name.to_owned(),
        chain: chain(&e),
    })
}

/// A file copied verbatim from `templates/`.
pub fn raw(name: &str) -> Option<&'static str> {
    TEMPLATES.get_file(name).and_then(|f| f.contents_utf8())
}

/// Formats Rust source exactly as `cargo fmt` will in the generated project.
///
/// Whether rustfmt breaks a line depends on the length of the names in it, which only the
/// spec knows, so templates are written close to formatted and rustfmt settles the rest.
/// Style edition 2024 output is stable across rustfmt versions.
///
/// Many files are the same in several lectures and variants, so results are remembered.
pub fn rustfmt(path: &str, source: &str) -> Result<String> {
    static FORMATTED: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    let memo = FORMATTED.get_or_init(Default::default);
    if let Some(done) = memo.lock().ok().and_then(|m| m.get(source).cloned()) {
        return Ok(done);
    }
    let formatted = run_rustfmt(path, source)?;
    if let Ok(mut m) = memo.lock() {
        m.insert(source.to_owned(), formatted.clone());
    }
    Ok(formatted)
}

fn run_rustfmt(path: &str, source: &str) -> Result<String> {
    let failed = |chain: String| Error::Render {
        template: path.to_owned(),
        chain,
    };
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            failed(format!(
                "cannot run rustfmt ({e}); install it with `rustup component add rustfmt`"
            ))
        })?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| failed("rustfmt has no stdin".into()))?;
    let input = source.to_owned();
    // Write on another thread so a large file cannot deadlock against rustfmt's output.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| failed(e.to_string()))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(failed(format!(
            "rustfmt rejected the generated code:\n{}\n--- generated code ---\n{source}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    String::from_utf8(output.stdout).map_err(|e| failed(e.to_string()))
}
