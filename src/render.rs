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

/// Templates are the files whose names end in this.
pub const TEMPLATE_SUFFIX: &str = ".tera";

fn tera() -> &'static std::result::Result<Tera, String> {
    static TERA: OnceLock<std::result::Result<Tera, String>> = OnceLock::new();
    TERA.get_or_init(|| {
        let mut files = Vec::new();
        collect(&TEMPLATES, &mut files);
        // Parsing the templates is half of what a warm run costs, so two threads share it,
        // each taking every other template from the largest down. No template extends or
        // imports another, so each half parses alone; an `include` is looked up when
        // rendering, in the merged environment.
        files.sort_by(|(a, a_text), (b, b_text)| b_text.len().cmp(&a_text.len()).then(a.cmp(b)));
        let (mine, theirs): (Vec<_>, Vec<_>) =
            files.into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
        let (mine, theirs) = std::thread::scope(|s| {
            let theirs = s.spawn(|| parse(theirs.into_iter().map(|(_, file)| file)));
            let mine = parse(mine.into_iter().map(|(_, file)| file));
            let theirs = theirs
                .join()
                .unwrap_or_else(|_| Err("parsing the templates panicked".to_owned()));
            (mine, theirs)
        });
        let mut tera = mine?;
        tera.extend(&theirs?).map_err(|e| chain(&e))?;
        // Generated code is Rust, SQL and Markdown, not HTML: nothing must be escaped.
        tera.autoescape_on(vec![]);
        tera.register_filter("rust", rust_string);
        tera.register_filter("literal", rust_literal);
        Ok(tera)
    })
}

fn parse(
    templates: impl IntoIterator<Item = (String, &'static str)>,
) -> std::result::Result<Tera, String> {
    let mut tera = Tera::default();
    tera.add_raw_templates(templates).map_err(|e| chain(&e))?;
    Ok(tera)
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

/// `{{ sql | literal }}`: text as a Rust string literal; see `context::string_literal`.
fn rust_literal(
    value: &tera::Value,
    _: &HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("the `literal` filter takes a string"))?;
    Ok(tera::Value::String(crate::context::string_literal(text)))
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
pub fn render(name: &str, context: &Context) -> Result<String> {
    let tera = tera().as_ref().map_err(|chain| Error::Render {
        template: name.to_owned(),
        chain: chain.clone(),
    })?;
    tera.render(name, context).map_err(|e| Error::Render {
        template: name.to_owned(),
        chain: chain(&e),
    })
}

/// A typed context as Tera takes it. `what` names it in the error, should it fail.
pub fn context(what: &str, context: &impl Serialize) -> Result<Context> {
    Context::from_serialize(context).map_err(|e| Error::Render {
        template: what.to_owned(),
        chain: chain(&e),
    })
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
pub fn format_all(files: &mut [crate::plan::File]) -> Result<()> {
    let failed = |chain: String| Error::Render {
        template: "generated Rust code".to_owned(),
        chain,
    };
    // JavaScript has no formatter here: its templates are written formatted, and only its
    // comments, whose length depends on the spec's names, are wrapped.
    for file in files
        .iter_mut()
        .filter(|f| f.path.ends_with(".js") || f.path.ends_with(".jsx"))
    {
        file.contents = wrap_comments(&file.contents);
    }
    let rust: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].path.ends_with(".rs"))
        .collect();
    if rust.is_empty() {
        return Ok(());
    }
    for &i in &rust {
        files[i].contents = wrap_comments(&files[i].contents);
    }
    let cache = cache_dir();
    if let Some(cache) = &cache {
        let hits: Vec<Option<String>> = rust
            .iter()
            .map(|&i| cached(cache, &files[i].contents))
            .collect();
        if hits.iter().all(Option::is_some) {
            for (&i, hit) in rust.iter().zip(hits) {
                files[i].contents = hit.unwrap_or_default();
            }
            return Ok(());
        }
    }
    let inputs: Vec<String> = rust.iter().map(|&i| files[i].contents.clone()).collect();
    let scratch = tempfile::tempdir()?;
    crate::write::lay_out(rust.iter().map(|&i| &files[i]), scratch.path())?;
    let roots: Vec<std::path::PathBuf> = rust
        .iter()
        .map(|&i| scratch.path().join(&files[i].path))
        .filter(|path| path.ends_with("lib.rs") || path.ends_with("main.rs"))
        .collect();
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
    for (&i, input) in rust.iter().zip(&inputs) {
        files[i].contents = fs_err::read_to_string(scratch.path().join(&files[i].path))?;
        if let Some(cache) = &cache {
            remember(cache, input, &files[i].contents);
        }
    }
    Ok(())
}

/// `text` in lines of at most `width` characters, broken at spaces outside `code`.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut in_code = false;
    for c in text.chars() {
        match c {
            ' ' if !in_code => words.push(String::new()),
            _ => {
                in_code ^= c == '`';
                words.last_mut().expect("one word at least").push(c);
            }
        }
    }
    let mut lines = vec![String::new()];
    for word in words {
        let line = lines.last_mut().expect("one line at least");
        if line.is_empty() {
            line.push_str(&word);
        } else if line.chars().count() + 1 + word.chars().count() <= width {
            line.push(' ');
            line.push_str(&word);
        } else {
            lines.push(word);
        }
    }
    lines
}

/// rustfmt's limit, which comments must keep to as well.
const MAX_WIDTH: usize = 100;

/// Wraps comment lines longer than [`MAX_WIDTH`] at spaces, as `wrap_comments` would in
/// rustfmt, where it is unstable. A comment's length depends on the names in it (a list of
/// parents, say), which only the spec knows.
fn wrap_comments(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for line in code.split_inclusive('\n') {
        let text = line.trim_end_matches('\n');
        let body = text.trim_start();
        let indent = &text[..text.len() - body.len()];
        let marker_len = body.find(|c| c != '/' && c != '!').unwrap_or(body.len());
        let (marker, words) = body.split_at(marker_len);
        if text.chars().count() <= MAX_WIDTH || !(2..=3).contains(&marker.len()) {
            out.push_str(line);
            continue;
        }
        let prefix = format!("{indent}{marker} ");
        let mut current = prefix.clone();
        for word in words.split_whitespace() {
            if current.len() > prefix.len()
                && current.chars().count() + 1 + word.chars().count() > MAX_WIDTH
            {
                out.push_str(&current);
                out.push('\n');
                current.clone_from(&prefix);
            }
            if current.len() > prefix.len() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(&current);
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Where rustfmt's results are kept between runs: `$XDG_CACHE_HOME/syllabus/rustfmt` or
/// `~/.cache/syllabus/rustfmt`. `SYLLABUS_NO_CACHE=1` turns the cache off.
///
/// Generating the same course again (a spec being edited, a drift check) then starts no rustfmt
/// at all. Entries hold their input and are compared in full, so a hash collision cannot give a
/// wrong answer; formatting under style edition 2024 does not change between rustfmt versions.
fn cache_dir() -> Option<std::path::PathBuf> {
    if std::env::var_os("SYLLABUS_NO_CACHE").is_some() {
        return None;
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cache"))
        })?;
    let dir = base.join("syllabus").join("rustfmt");
    fs_err::create_dir_all(&dir).ok()?;
    Some(dir)
}

/// FNV-1a: a stable 64-bit hash, unlike `DefaultHasher`, whose output may change with Rust.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One entry per formatted file, named by the hash of its input: the input's length in bytes
/// on the first line, then the input, then rustfmt's output. One file per entry, not two,
/// because opening files is most of what a warm run costs.
fn entry_path(cache: &std::path::Path, input: &str) -> std::path::PathBuf {
    cache.join(format!("{:016x}.fmt", fnv1a(input)))
}

fn cached(cache: &std::path::Path, input: &str) -> Option<String> {
    let entry = std::fs::read_to_string(entry_path(cache, input)).ok()?;
    let (length, rest) = entry.split_once('\n')?;
    let length: usize = length.parse().ok()?;
    let (stored_input, output) = (rest.get(..length)?, rest.get(length..)?);
    (stored_input == input).then(|| output.to_owned())
}

/// Best effort: a cache that cannot be written only means formatting again next time.
/// The entry is written under a temporary name and renamed, so that another `syllabus`
/// running at the same time never reads half of one.
fn remember(cache: &std::path::Path, input: &str, output: &str) {
    let entry = entry_path(cache, input);
    let temporary = entry.with_extension(format!("{}.tmp", std::process::id()));
    let text = format!("{}\n{input}{output}", input.len());
    let _ = std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, &entry));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_answers_only_for_the_exact_input() {
        let dir = tempfile::tempdir().unwrap();
        remember(dir.path(), "fn  main(){}", "fn main() {}\n");
        assert_eq!(
            cached(dir.path(), "fn  main(){}").as_deref(),
            Some("fn main() {}\n")
        );
        assert_eq!(cached(dir.path(), "fn main(){}"), None);
        // An entry whose input does not match (as after a hash collision) is not used.
        let entry = entry_path(dir.path(), "fn  main(){}");
        std::fs::write(&entry, "12\nsomething elsefn main() {}\n").unwrap();
        assert_eq!(cached(dir.path(), "fn  main(){}"), None);
        // Nor is a truncated entry.
        std::fs::write(&entry, "12\nfn  ma").unwrap();
        assert_eq!(cached(dir.path(), "fn  main(){}"), None);
    }

    #[test]
    fn long_comments_are_wrapped_at_spaces_with_their_marker() {
        let words = "word ".repeat(30);
        let code = format!("fn f() {{\n    /// {words}\n    let x = 1; // {words}\n}}\n");
        let wrapped = wrap_comments(&code);
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines[1].starts_with("    /// word"), "{wrapped}");
        assert!(lines[2].starts_with("    /// word"), "{wrapped}");
        assert!(
            lines[1].len() <= MAX_WIDTH && lines[2].len() <= MAX_WIDTH,
            "{wrapped}"
        );
        // Code with a comment after it is left alone, and no word is lost.
        assert!(lines[3].starts_with("    let x = 1; // word"), "{wrapped}");
        assert_eq!(wrapped.matches("word").count(), 60);
        // Short comments and code are unchanged.
        let short = "// a comment\nfn main() {}\n";
        assert_eq!(wrap_comments(short), short);
    }

    #[test]
    fn fnv1a_is_stable() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
