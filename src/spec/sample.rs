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
                && let Some(example) = pattern.example.clone()
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

/// A value that breaks exactly one rule of a field, and where the rule has a boundary, a
/// value on it that passes: the data of the tests generated from each rule.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleCase {
    /// `max_length`, `min`, `pattern`, `email`, `url`, `one_of`, ...
    pub rule: &'static str,
    pub bad: Literal,
    pub boundary: Option<Literal>,
}

/// Text of exactly `len` characters made from `base`: cut or padded at the end, or at the
/// start, so that a pattern anchored at one end can still match.
fn resized(base: &str, len: usize) -> Vec<String> {
    let chars: Vec<char> = base.chars().collect();
    let pad = |n: usize| "a".repeat(n);
    if chars.len() >= len {
        vec![
            chars[..len].iter().collect(),
            chars[chars.len() - len..].iter().collect(),
        ]
    } else {
        let missing = len - chars.len();
        vec![
            format!("{base}{}", pad(missing)),
            format!("{}{base}", pad(missing)),
        ]
    }
}

/// Every rule of `field` with a value breaking only it, or why none could be found.
pub fn rule_cases(resource: &ResourceNames, field: &Field) -> Result<Vec<RuleCase>, String> {
    let rules = &field.rules;
    let base = (1..50)
        .find_map(|n| sample_value(resource, field, n))
        .ok_or_else(|| {
            format!(
                "no value satisfies every rule of `{}.{}`",
                resource.singular, field.names.name
            )
        })?;
    let only = |rule: &str, value: &Literal| {
        let broken = field_violations(field, value);
        broken.len() == 1 && broken[0].rule == rule
    };
    let valid = |value: &Literal| field_violations(field, value).is_empty();
    let pick = |rule: &'static str, candidates: Vec<Literal>| -> Result<Literal, String> {
        candidates
            .into_iter()
            .find(|v| only(rule, v))
            .ok_or_else(|| {
                format!(
                    "cannot derive a value of `{}.{}` that breaks only its `{rule}` rule",
                    resource.singular, field.names.name
                )
            })
    };
    let text = |texts: Vec<String>| texts.into_iter().map(Literal::Text).collect::<Vec<_>>();
    let base_text = base.to_string();

    let mut cases = Vec::new();
    if let Some(min) = rules.min_length.filter(|&m| m > 0) {
        let bad = pick("min_length", text(resized(&base_text, min as usize - 1)))?;
        let boundary = text(resized(&base_text, min as usize))
            .into_iter()
            .find(|v| valid(v));
        cases.push(RuleCase {
            rule: "min_length",
            bad,
            boundary,
        });
    }
    if let Some(max) = rules.max_length {
        let bad = pick("max_length", text(resized(&base_text, max as usize + 1)))?;
        let boundary = text(resized(&base_text, max as usize))
            .into_iter()
            .find(|v| valid(v));
        cases.push(RuleCase {
            rule: "max_length",
            bad,
            boundary,
        });
    }
    let lengths = |texts: &[&str]| -> Vec<String> {
        let lo = rules.min_length.unwrap_or(0) as usize;
        let hi = rules.max_length.map_or(usize::MAX, |m| m as usize);
        texts
            .iter()
            .flat_map(|t| {
                let len = t.chars().count().clamp(lo, hi.max(lo));
                resized(t, len)
            })
            .collect()
    };
    if rules.pattern.is_some() {
        let candidates = lengths(&[
            "not matching",
            "x",
            "0",
            "!",
            &format!("{base_text}!"),
            &format!("!{base_text}"),
        ]);
        cases.push(RuleCase {
            rule: "pattern",
            bad: pick("pattern", text(candidates))?,
            boundary: None,
        });
    }
    if field.ty == FieldType::Email {
        let candidates = lengths(&["not-an-email", "no-at-sign.example.com", "a@b"]);
        cases.push(RuleCase {
            rule: "email",
            bad: pick("email", text(candidates))?,
            boundary: None,
        });
    }
    if field.ty == FieldType::Url {
        let candidates = lengths(&["example.com", "ftp://example.com", "not a url"]);
        cases.push(RuleCase {
            rule: "url",
            bad: pick("url", text(candidates))?,
            boundary: None,
        });
    }
    let number = |x: f64| match field.ty {
        FieldType::Integer => Literal::Integer(x as i64),
        _ => Literal::Float(x),
    };
    let step = if field.ty == FieldType::Integer {
        1.0
    } else {
        0.5
    };
    if let Some(min) = rules.min {
        let min = min.as_f64();
        let bad = pick("min", vec![number(min - step)])?;
        let boundary = Some(number(min)).filter(|v| valid(v));
        cases.push(RuleCase {
            rule: "min",
            bad,
            boundary,
        });
    }
    if let Some(max) = rules.max {
        let max = max.as_f64();
        let bad = pick("max", vec![number(max + step)])?;
        let boundary = Some(number(max)).filter(|v| valid(v));
        cases.push(RuleCase {
            rule: "max",
            bad,
            boundary,
        });
    }
    if let Some(options) = &rules.one_of {
        let mut candidates = Vec::new();
        for option in options {
            match option {
                Literal::Text(t) => {
                    candidates.extend(text(lengths(&[
                        &format!("{t}x"),
                        &format!("x{t}"),
                        "other",
                    ])));
                }
                Literal::Integer(i) => {
                    candidates.extend([Literal::Integer(i + 1), Literal::Integer(i - 1)])
                }
                Literal::Float(x) => {
                    candidates.extend([Literal::Float(x + 0.5), Literal::Float(x - 0.5)])
                }
                Literal::Bool(_) => {}
            }
        }
        cases.push(RuleCase {
            rule: "one_of",
            bad: pick("one_of", candidates)?,
            boundary: None,
        });
    }
    Ok(cases)
}

#[cfg(test)]
mod rule_case_tests {
    use super::*;
    use crate::naming::{FieldNames, ResourceNames};
    use crate::spec::{Number, Pattern, Rules};

    fn field(ty: FieldType, rules: Rules) -> Field {
        Field {
            names: FieldNames::new("title"),
            ty,
            rules,
        }
    }

    #[test]
    fn lengths_get_a_bad_value_and_a_boundary() {
        let f = field(
            FieldType::String,
            Rules {
                max_length: Some(5),
                min_length: Some(2),
                ..Rules::default()
            },
        );
        let cases = rule_cases(&ResourceNames::new("production", None), &f).unwrap();
        let by_rule = |rule| cases.iter().find(|c| c.rule == rule).unwrap();
        assert_eq!(by_rule("max_length").bad.to_string().chars().count(), 6);
        assert_eq!(
            by_rule("max_length")
                .boundary
                .as_ref()
                .unwrap()
                .to_string()
                .chars()
                .count(),
            5
        );
        assert_eq!(by_rule("min_length").bad.to_string().chars().count(), 1);
    }

    #[test]
    fn patterns_keep_the_other_rules() {
        let source = r"\.jpg$".to_owned();
        let regex = regex::Regex::new(&source).unwrap();
        let f = field(
            FieldType::String,
            Rules {
                pattern: Some(Pattern::new(source, regex)),
                max_length: Some(20),
                ..Rules::default()
            },
        );
        let cases = rule_cases(&ResourceNames::new("production", None), &f).unwrap();
        let pattern = cases.iter().find(|c| c.rule == "pattern").unwrap();
        assert!(!pattern.bad.to_string().ends_with(".jpg"));
        let max = cases.iter().find(|c| c.rule == "max_length").unwrap();
        assert!(max.bad.to_string().ends_with(".jpg"), "{:?}", max.bad);
    }

    #[test]
    fn numbers_step_over_their_bounds() {
        let f = field(
            FieldType::Float,
            Rules {
                min: Some(Number::Int(100)),
                ..Rules::default()
            },
        );
        let cases = rule_cases(&ResourceNames::new("production", None), &f).unwrap();
        assert_eq!(cases[0].bad, Literal::Float(99.5));
        assert_eq!(cases[0].boundary, Some(Literal::Float(100.0)));
    }

    #[test]
    fn impossible_cases_name_the_field() {
        // Every string of 3 digits matches; no value can break only `max_length`... of 3.
        let source = r"^\d{3}$".to_owned();
        let regex = regex::Regex::new(&source).unwrap();
        let f = field(
            FieldType::String,
            Rules {
                pattern: Some(Pattern::new(source, regex)),
                max_length: Some(3),
                ..Rules::default()
            },
        );
        let err = rule_cases(&ResourceNames::new("code", None), &f).unwrap_err();
        assert!(err.contains("`code.title`"), "{err}");
        assert!(err.contains("max_length"), "{err}");
    }
}
