//! Small helpers that write a value as the source text of another language: Rust literals and
//! expressions, HTML text, TOML strings.

use crate::spec::Literal;

/// A value as a Rust expression of its base type, as tests compare JSON with it.
pub fn rust_literal(value: &Literal) -> String {
    match value {
        Literal::Text(text) => format!("{text:?}"),
        other => other.to_string(),
    }
}

/// The Rust expression that builds an owned value of the field's row type from a literal.
pub(super) fn default_expr(value: &Literal) -> String {
    match value {
        Literal::Text(text) => format!("{text:?}.to_owned()"),
        other => other.to_string(),
    }
}

/// Ids as a Rust expression that compares with a `Vec<i64>`: `[1, 2]`, or an empty `Vec`.
pub(super) fn id_list(ids: &[i64]) -> String {
    if ids.is_empty() {
        "Vec::<i64>::new()".to_owned()
    } else {
        let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
        format!("[{}]", ids.join(", "))
    }
}

/// `(key, rust literal)` pairs as the inside of a JSON object: `"title": "Hamlet", ...`.
pub(super) fn json_pairs(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k:?}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Makes text safe to put inside HTML, as the generated `escape` does.
pub fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Text as a Rust string literal that keeps its line breaks: `"..."`, or a raw string
/// (`r"..."`, `r#"..."#`) when the text holds a quote or a backslash, as SQL's `"order"` and
/// regular expressions do.
pub fn string_literal(text: &str) -> String {
    if !text.contains(['"', '\\']) {
        return format!("\"{text}\"");
    }
    let hashes = (0..)
        .map(|n| "#".repeat(n))
        .find(|h| !text.contains(&format!("\"{h}")))
        .unwrap_or_default();
    format!("r{hashes}\"{text}\"{hashes}")
}

/// A quoted TOML basic string.
pub(super) fn toml_string(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_escape_quotes_and_backslashes() {
        assert_eq!(
            toml_string(r#"The "Best" \ Theater"#),
            r#""The \"Best\" \\ Theater""#
        );
    }

    #[test]
    fn string_literals_are_raw_only_when_they_must_be() {
        assert_eq!(string_literal("select id"), r#""select id""#);
        assert_eq!(string_literal(r"\.jpg$"), r#"r"\.jpg$""#);
        assert_eq!(
            string_literal(r#"select "order""#),
            r##"r#"select "order""#"##
        );
    }

    #[test]
    fn id_lists_compare_with_a_vec_even_when_empty() {
        assert_eq!(id_list(&[1, 2]), "[1, 2]");
        assert_eq!(id_list(&[]), "Vec::<i64>::new()");
    }
}
