//! Deterministic sample values: seed rows for resources the spec gives none, and examples
//! of values that satisfy a field's rules.

use regex_syntax::hir::{Class, Hir, HirKind};

use super::rules::{Literal, field_violations};
use super::{Field, FieldType, Row};
use crate::naming::ResourceNames;

/// How many rows a resource without seed rows gets.
pub const SAMPLE_ROWS: usize = 3;

/// The candidate values for row `n` (1-based) of a field, most plausible first.
fn candidates(resource: &ResourceNames, field: &Field, n: usize) -> Vec<Literal> {
    let rules = &field.rules;
    if let Some(options) = &rules.one_of {
        return vec![options[(n - 1) % options.len()].clone()];
    }
    let name = &field.names;
    match field.ty {
        FieldType::Bool => vec![rules.default.clone().unwrap_or(Literal::Bool(n % 2 == 1))],
        FieldType::Integer => {
            let lo = rules.min.map_or(1, |m| m.as_f64().ceil() as i64);
            let hi = rules.max.map_or(i64::MAX, |m| m.as_f64().floor() as i64);
            let step = n as i64 - 1;
            vec![Literal::Integer(lo.saturating_add(step).min(hi))]
        }
        FieldType::Float => {
            let lo = rules.min.map_or(1.0, |m| m.as_f64());
            let hi = rules.max.map_or(f64::MAX, |m| m.as_f64());
            vec![Literal::Float((lo + (n - 1) as f64).min(hi))]
        }
        FieldType::Email => vec![Literal::Text(format!(
            "{}{n}@example.com",
            resource.singular.replace('_', ".")
        ))],
        FieldType::Url => vec![Literal::Text(format!(
            "https://example.com/{}/{n}",
            resource.plural
        ))],
        FieldType::Date => vec![Literal::Text(format!("2024-01-{n:02}"))],
        FieldType::Datetime => vec![Literal::Text(format!("2024-01-{n:02}T19:30:00Z"))],
        FieldType::String | FieldType::Text => {
            let words = if field.ty == FieldType::Text {
                format!("The {} of {} {n}.", name.human, resource.human)
            } else {
                format!("{} {n}", capitalize(&name.human))
            };
            let slug = format!("{}{n}", name.name.replace('_', "-"));
            let mut texts = vec![words.clone()];
            if let Some(pattern) = &rules.pattern
                && let Some(example) = regex_example(&pattern.source)
            {
                texts.push(format!("{slug}{example}"));
                texts.push(format!("{example}{n}"));
                texts.push(example);
            }
            if let Some(min) = rules.min_length {
                let padded: String = words
                    .chars()
                    .chain(std::iter::repeat('.'))
                    .take(min as usize)
                    .collect();
                texts.push(padded);
            }
            if let Some(max) = rules.max_length {
                let digits = n.to_string();
                let keep = (max as usize).saturating_sub(digits.len());
                texts.push(words.chars().take(keep).chain(digits.chars()).collect());
                texts.push(words.chars().take(max as usize).collect());
            }
            texts.into_iter().map(Literal::Text).collect()
        }
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A value for row `n` of `field` that satisfies every rule of the field, if one is found.
pub fn sample_value(resource: &ResourceNames, field: &Field, n: usize) -> Option<Literal> {
    candidates(resource, field, n)
        .into_iter()
        .find(|value| field_violations(field, value).is_empty())
}

/// Seed rows for a resource the spec gave none. Parents are spread over the parent's rows.
pub fn sample_rows(
    resource: &ResourceNames,
    fields: &[Field],
    parent_rows: &[usize],
) -> Result<Vec<Row>, String> {
    let rows = fields
        .iter()
        .filter(|f| f.rules.unique)
        .filter_map(|f| f.rules.one_of.as_ref().map(Vec::len))
        .fold(SAMPLE_ROWS, usize::min);
    (1..=rows)
        .map(|n| {
            let values = fields
                .iter()
                .map(|field| {
                    sample_value(resource, field, n).map(Some).ok_or_else(|| {
                        format!(
                            "no sample value satisfies every rule of `{}.{}`",
                            resource.singular, field.names.name
                        )
                    })
                })
                .collect::<Result<_, _>>()?;
            let parent_ids = parent_rows
                .iter()
                .map(|&count| ((n - 1) % count.max(1)) as i64 + 1)
                .collect();
            Ok(Row { values, parent_ids })
        })
        .collect()
}

/// The shortest plain string a regular expression matches, where one is easy to find:
/// `\.jpg$` gives `.jpg`, `^[A-Z][a-z]+$` gives `Aa`.
pub fn regex_example(pattern: &str) -> Option<String> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let mut out = String::new();
    build(&hir, &mut out)?;
    let regex = regex::Regex::new(pattern).ok()?;
    regex.is_match(&out).then_some(out)
}

fn build(hir: &Hir, out: &mut String) -> Option<()> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
        HirKind::Class(Class::Unicode(class)) => {
            let chars = class.ranges().iter().flat_map(|r| r.start()..=r.end());
            let mut chars = chars.take(1024).peekable();
            let first = *chars.peek()?;
            out.push(chars.find(|c| c.is_ascii_alphanumeric()).unwrap_or(first));
        }
        HirKind::Class(Class::Bytes(class)) => {
            let bytes = class.ranges().iter().flat_map(|r| r.start()..=r.end());
            let byte = bytes
                .clone()
                .find(u8::is_ascii_alphanumeric)
                .or(bytes.clone().next())?;
            out.push(char::from(byte).is_ascii().then_some(char::from(byte))?);
        }
        HirKind::Repetition(rep) => {
            for _ in 0..rep.min {
                build(&rep.sub, out)?;
            }
        }
        HirKind::Capture(capture) => build(&capture.sub, out)?,
        HirKind::Concat(parts) => {
            for part in parts {
                build(part, out)?;
            }
        }
        HirKind::Alternation(branches) => build(branches.first()?, out)?,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_examples_match_their_pattern() {
        assert_eq!(regex_example(r"\.jpg$").as_deref(), Some(".jpg"));
        assert_eq!(regex_example(r"^[A-Z][a-z]+$").as_deref(), Some("Aa"));
        assert_eq!(regex_example(r"^(cat|dog)s?$").as_deref(), Some("cat"));
        assert_eq!(regex_example(r"^\d{3}-\d{4}$").as_deref(), Some("000-0000"));
    }
}
