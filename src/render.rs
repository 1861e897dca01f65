//! The one place the Tera environment is built. Templates are embedded in the binary, so an
//! installed `syllabus` needs no files beside it.

use std::collections::HashMap;
use std::error::Error as _;
use std::process::Command;
use std::sync::OnceLock;

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

/// Formats every Rust file among `files` exactly as `cargo fmt` will in the generated projects.
///
/// Whether rustfmt breaks a line depends on the length of the names in it, which only the
/// spec knows, so templates are written close to formatted and rustfmt settles the rest.
/// Style edition 2024 output is stable across rustfmt versions.
///
/// One rustfmt process does the whole tree: the files are written to a scratch folder as laid
/// out in the projects, and rustfmt is given the crate roots (`lib.rs`, `main.rs`), from which
/// it follows every `mod` to the other files. Starting a process per file cost ten times more.
pub fn rustfmt_all(files: &mut [crate::plan::File]) -> Result<()> {
    let failed = |chain: String| Error::Render {
        template: "generated Rust code".to_owned(),
        chain,
    };
    let rust: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].path.ends_with(".rs"))
        .collect();
    if rust.is_empty() {
        return Ok(());
    }
    let scratch = tempfile::tempdir()?;
    let mut roots = Vec::new();
    for &i in &rust {
        let path = scratch.path().join(&files[i].path);
        if let Some(dir) = path.parent() {
            fs_err::create_dir_all(dir)?;
        }
        fs_err::write(&path, &files[i].contents)?;
        if path.ends_with("lib.rs") || path.ends_with("main.rs") {
            roots.push(path);
        }
    }
    let output = Command::new("rustfmt")
        .args(["--edition", "2024", "--quiet"])
        .args(&roots)
        .output()
        .map_err(|e| {
            failed(format!(
                "cannot run rustfmt ({e}); install it with `rustup component add rustfmt`"
            ))
        })?;
    if !output.status.success() {
        return Err(failed(format!(
            "rustfmt rejected it:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    for &i in &rust {
        files[i].contents = fs_err::read_to_string(scratch.path().join(&files[i].path))?;
    }
    Ok(())
}
