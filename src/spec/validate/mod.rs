//! From a YAML tree to a `Spec`, reporting every problem in one pass.
//!
//! Each check records a `Problem` and carries on, so that a spec author sees all that is
//! wrong at once. Only a YAML syntax error stops early, since there is no tree to walk.
//!
//! This module holds the entry point, `Problem`, syntax errors and suggestions. The checks
//! are grouped by section of the spec, each in its own module of `impl Checker`:
//!
//! - `checker`: the `Checker` and its readers of generic nodes (mappings, lists, names...);
//! - `top_level`: the spec itself, `app`, `title` and `resources`, and the order of the steps;
//! - `auth`: the `auth:` section (lecture 7): users, roles, passwords, access and seed users;
//! - `resources`: one resource, its names, and `belongs_to` / `has_many` resolution;
//! - `fields`: one field, its type, and literals and numbers of that type;
//! - `field_rules`: a field's validations, checked against each other;
//! - `seed`: the `seed:` section and its rows;
//! - `schema`: the JSON Schema of the format, built from the same key lists, for editors.

mod auth;
mod checker;
mod field_rules;
mod fields;
mod resources;
mod schema;
mod seed;
mod top_level;

pub use schema::spec_schema;

use checker::Checker;

use super::Spec;
use crate::yaml::{self, Span};

/// One thing wrong with a spec, located in its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub span: Span,
    pub label: String,
    pub help: Option<String>,
}

/// Reads and validates a spec. On failure, returns every problem found.
pub fn parse_and_validate(source: &str) -> Result<Spec, Vec<Problem>> {
    let doc = yaml::parse(source).map_err(|err| vec![syntax_problem(source, &err)])?;
    let mut checker = Checker::default();
    let spec = checker.spec(&doc);
    match spec {
        Some(spec) if checker.problems.is_empty() => Ok(spec),
        _ => {
            if checker.problems.is_empty() {
                checker.error(doc.span, "the spec is incomplete", "here", None);
            }
            Err(checker.problems)
        }
    }
}

fn syntax_problem(source: &str, err: &serde_saphyr::Error) -> Problem {
    let span = err
        .location()
        .map(|location| {
            let offset = location
                .span()
                .byte_offset()
                .map(|o| o as usize)
                .unwrap_or_else(|| offset_of(source, location.line(), location.column()));
            Span {
                offset: offset.min(source.len()),
                len: 0,
            }
        })
        .unwrap_or_default();
    let text = err.without_snippet().to_string();
    let message = text
        .lines()
        .next()
        .unwrap_or("invalid YAML")
        .trim()
        .to_owned();
    Problem {
        message: format!("invalid YAML: {}", message.trim_end_matches('.')),
        span,
        label: "here".into(),
        help: None,
    }
}

/// The byte offset of a 1-based line and character column.
fn offset_of(source: &str, line: u64, column: u64) -> usize {
    let start: usize = source
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let rest = &source[start.min(source.len())..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(rest.len(), |(i, _)| i)
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(distance, c)| *distance <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    suggest(word, candidates).map(|s| format!("did you mean `{s}`?"))
}

fn one_of_help(candidates: &[&str]) -> String {
    let quoted: Vec<_> = candidates.iter().map(|c| format!("`{c}`")).collect();
    format!("expected one of {}", quoted.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every prefix of a valid spec is a malformed one: none of them may panic, and each
    /// either validates or reports at least one problem inside the text.
    #[test]
    fn truncated_specs_never_panic() {
        for source in [
            include_str!("../../../specs/theater.yaml"),
            include_str!("../../../specs/festival.yaml"),
        ] {
            for (end, _) in source.char_indices() {
                let prefix = &source[..end];
                if let Err(problems) = parse_and_validate(prefix) {
                    assert!(!problems.is_empty());
                    for problem in problems {
                        assert!(problem.span.offset + problem.span.len <= prefix.len());
                    }
                }
            }
        }
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        assert_eq!(suggest("strng", ["string", "text"]), Some("string"));
        assert_eq!(suggest("blob", ["string", "text"]), None);
    }
}
