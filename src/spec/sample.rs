//! Deterministic sample values: seed rows for resources the spec gives none, and examples
//! of values that satisfy a field's rules.

use regex_syntax::hir::{Class, Hir, HirKind};

use super::plausible::plausible;
use super::rules::{Literal, field_violations};
use super::{Field, FieldType, Resource, Row};
use crate::naming::{ResourceNames, capitalize};

/// How many rows a resource without seed rows gets.
pub const SAMPLE_ROWS: usize = 3;

/// The candidate values for row `n` (1-based) of a field, most plausible first.
fn candidates(resource: &ResourceNames, field: &Field, n: usize) -> Vec<Literal> {
    let rules = &field.rules;
    if let Some(options) = &rules.one_of {
        return vec![options[(n - 1) % options.len()].clone()];
    }
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
            let step = (n - 1) as f64;
            // Whole steps up from the minimum, and where the maximum is near, halfway to it
            // each time (0, 0.5, 0.75, ...), so that rows still differ.
            let halfway = hi - (hi - lo) / 2f64.powi(n as i32 - 1);
            vec![Literal::Float(lo + step), Literal::Float(halfway)]
        }
        FieldType::Date => vec![Literal::Text(day(n))],
        FieldType::Datetime => vec![Literal::Text(format!("{}T19:30:00Z", day(n)))],
        FieldType::String | FieldType::Text | FieldType::Email | FieldType::Url => {
            let texts = fitting(&text_bases(resource, field, n), field, n);
            texts.into_iter().map(Literal::Text).collect()
        }
    }
}

/// The natural values of row `n` of a text field, most plausible first: a name or a
/// sentence for its name, then a plain one that says which row it is.
fn text_bases(resource: &ResourceNames, field: &Field, n: usize) -> Vec<String> {
    let name = &field.names;
    let mut bases: Vec<String> = plausible(resource, field, n).into_iter().collect();
    match field.ty {
        FieldType::Email => {
            bases.push(format!(
                "{}{n}@example.com",
                resource.singular.replace('_', ".")
            ));
            bases.push(format!("u{n}@e.co"));
        }
        FieldType::Url => {
            bases.push(format!("https://example.com/{}/{n}", resource.plural));
            bases.push(format!("https://e.co/{n}"));
        }
        FieldType::Text => bases.push(format!("The {} of {} {n}.", name.human, resource.human)),
        _ => bases.push(format!("{} {n}", capitalize(&name.human))),
    }
    bases
}

/// Candidates made from `bases` to meet the field's pattern and lengths: each base as it is,
/// joined to an example of the pattern, the pattern's `n`-th example, and each base padded
/// or cut to length (keeping the row number, so that rows still differ).
fn fitting(bases: &[String], field: &Field, n: usize) -> Vec<String> {
    let rules = &field.rules;
    let mut texts = bases.to_vec();
    let slug = format!("{}{n}", field.names.name.replace('_', "-"));
    if let Some(pattern) = &rules.pattern
        && let Some(example) = pattern.example.clone()
    {
        texts.push(format!("{slug}{example}"));
        texts.push(format!("{example}{n}"));
        texts.extend(bases.iter().map(|base| format!("{base}{example}")));
        // The n-th distinct match, for patterns that leave no room around a match.
        let nth = pattern.examples.get(n - 1).cloned().unwrap_or(example);
        texts.extend(fitted(&nth, rules.min_length, rules.max_length));
        texts.push(nth);
    }
    for base in bases {
        if let Some(min) = rules.min_length {
            let padded = base.chars().chain(std::iter::repeat('.'));
            texts.push(padded.take(min as usize).collect());
        }
        if let Some(max) = rules.max_length {
            let digits = n.to_string();
            let keep = (max as usize).saturating_sub(digits.len());
            texts.push(base.chars().take(keep).chain(digits.chars()).collect());
            texts.push(base.chars().take(max as usize).collect());
        }
        texts.extend(fitted(base, rules.min_length, rules.max_length));
    }
    texts
}

/// The `n`-th day (1-based) from 1 January 2024, as `YYYY-MM-DD`: a real date for any `n`.
fn day(n: usize) -> String {
    const DAYS: [usize; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut left = (n - 1) % 366;
    let mut month = 0;
    while left >= DAYS[month] {
        left -= DAYS[month];
        month += 1;
    }
    format!("2024-{:02}-{:02}", month + 1, left + 1)
}

/// `text` padded or cut to fit the length rules, at either end, where it does not fit them.
fn fitted(text: &str, min: Option<u64>, max: Option<u64>) -> Vec<String> {
    let len = text.chars().count();
    let lo = min.unwrap_or(0) as usize;
    let hi = max.map_or(usize::MAX, |m| m as usize);
    if (lo..=hi).contains(&len) {
        return Vec::new();
    }
    resized(text, len.clamp(lo, hi.max(lo)))
}

/// A value for row `n` of `field` that satisfies every rule of the field, if one is found.
pub fn sample_value(resource: &ResourceNames, field: &Field, n: usize) -> Option<Literal> {
    candidates(resource, field, n)
        .into_iter()
        .find(|value| field_violations(field, value).is_empty())
}

/// How many rows the generated tests add to each table after its seed rows (`add_more_rows`).
pub const MORE_ROWS: usize = 3;

/// How many later rows `new_rows` looks at for a value a unique field has not used yet.
const LOOK_AHEAD: usize = 64;

/// `count` new rows of values for `fields`, numbered after `existing`: every value satisfies
/// every rule of its field, and on a unique field no value repeats one of `existing` or of
/// another new row. A value is `None` where none could be found.
pub fn new_rows(
    resource: &ResourceNames,
    fields: &[Field],
    existing: &[Row],
    count: usize,
) -> Vec<Vec<Option<Literal>>> {
    let mut used: Vec<Vec<Literal>> = (0..fields.len())
        .map(|at| {
            existing
                .iter()
                .filter_map(|row| row.values[at].clone())
                .collect()
        })
        .collect();
    // A unique field's rows leave its boundary values free where they can, for the tests
    // that create a row on each boundary.
    let boundaries: Vec<Vec<Literal>> = fields
        .iter()
        .map(|f| match f.rules.unique {
            true => rule_cases(resource, f)
                .map(|cases| cases.into_iter().filter_map(|c| c.boundary).collect())
                .unwrap_or_default(),
            false => Vec::new(),
        })
        .collect();
    let start = existing.len() + 1;
    (0..count)
        .map(|k| {
            fields
                .iter()
                .zip(&mut used)
                .zip(&boundaries)
                .map(|((field, used), boundaries)| {
                    let n = start + k;
                    let candidates =
                        || (n..n + LOOK_AHEAD).filter_map(|n| sample_value(resource, field, n));
                    let fresh = |v: &Literal| !field.rules.unique || !used.contains(v);
                    let value = candidates()
                        .find(|v| fresh(v) && !boundaries.contains(v))
                        .or_else(|| candidates().find(fresh));
                    if let Some(v) = &value {
                        used.push(v.clone());
                    }
                    value
                })
                .collect()
        })
        .collect()
}

/// Seed rows for a resource the spec gave none. The first two rows belong to the parent's row 1,
/// so that a page showing row 1 with its children shows them in an order a query must ask for;
/// the rest are spread over the parent's other rows.
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
    new_rows(resource, fields, &[], rows)
        .into_iter()
        .enumerate()
        .map(|(k, values)| {
            let values = values
                .into_iter()
                .zip(fields)
                .map(|(value, field)| {
                    value.map(Some).ok_or_else(|| match field.rules.unique {
                        true => format!(
                            "`{}.{}` is unique, and its rules leave fewer values than the {rows} sample rows need",
                            resource.singular, field.names.name
                        ),
                        false => format!(
                            "no sample value satisfies every rule of `{}.{}`",
                            resource.singular, field.names.name
                        ),
                    })
                })
                .collect::<Result<_, _>>()?;
            let parent_ids = parent_rows
                .iter()
                .map(|&count| (k.saturating_sub(1) % count.max(1)) as i64 + 1)
                .collect();
            Ok(Row {
                values,
                parent_ids,
                owner: 0,
            })
        })
        .collect()
}

/// How many distinct examples of a pattern are worked out: more than any course needs rows.
pub const PATTERN_EXAMPLES: usize = 64;

/// Up to `count` distinct plain strings a regular expression matches, shortest choices first:
/// `^[0-9]{3}$` gives `000`, `001`, `002`, ...; `^(cat|dog)s?$` gives `cat`, `cats`, `dog`, ...
///
/// Each string is the `k`-th way through the pattern, counting its choices (a character of a
/// class, a branch, how many times a repetition repeats) like the digits of a number whose
/// last digit is the pattern's last choice, so that examples differ at their end first.
pub fn regex_examples(pattern: &str, count: usize) -> Vec<String> {
    let (Ok(hir), Ok(regex)) = (regex_syntax::parse(pattern), regex::Regex::new(pattern)) else {
        return Vec::new();
    };
    let mut found: Vec<String> = Vec::new();
    // Some ways through give the same string (`a|a`, or a count past the last combination,
    // which wraps around), so look a little further than `count`.
    for k in 0..(count as u64) * 4 + 16 {
        let mut rest = k;
        let Some(text) = nth(&hir, &mut rest) else {
            break;
        };
        if regex.is_match(&text) && !found.contains(&text) {
            found.push(text);
            if found.len() == count {
                break;
            }
        }
    }
    found
}

/// The characters an example may take from a class: letters and digits first, as people
/// write them, then the rest; at most ten, which is enough to tell rows apart.
fn class_choices(chars: impl Iterator<Item = char> + Clone) -> Vec<char> {
    let plain = chars.clone().filter(char::is_ascii_alphanumeric).take(10);
    let other = chars.filter(|c| !c.is_ascii_alphanumeric() && !c.is_control());
    let mut choices: Vec<char> = plain.collect();
    choices.extend(other.take(10 - choices.len()));
    choices
}

/// Takes choice number `rest % options` and leaves the rest of the count for later choices.
fn choose(rest: &mut u64, options: usize) -> usize {
    let options = options.max(1) as u64;
    let pick = *rest % options;
    *rest /= options;
    pick as usize
}

/// The way through `hir` that the count `rest` names; see `regex_examples`.
fn nth(hir: &Hir, rest: &mut u64) -> Option<String> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(String::new()),
        HirKind::Literal(literal) => Some(std::str::from_utf8(&literal.0).ok()?.to_owned()),
        HirKind::Class(Class::Unicode(class)) => {
            let chars = class.ranges().iter().flat_map(|r| r.start()..=r.end());
            let choices = class_choices(chars.take(4096));
            let fallback = class.ranges().first()?.start();
            let pick = choose(rest, choices.len());
            Some(choices.get(pick).copied().unwrap_or(fallback).to_string())
        }
        HirKind::Class(Class::Bytes(class)) => {
            let bytes = class.ranges().iter().flat_map(|r| r.start()..=r.end());
            let choices = class_choices(bytes.filter(u8::is_ascii).map(char::from));
            Some(choices.get(choose(rest, choices.len()))?.to_string())
        }
        HirKind::Repetition(rep) => {
            // A repetition may repeat up to two more times than it must.
            let extra = rep.max.map_or(2, |max| (max - rep.min).min(2));
            let times = rep.min + choose(rest, extra as usize + 1) as u32;
            let mut parts = Vec::new();
            for _ in 0..times {
                parts.push(nth(&rep.sub, rest)?);
            }
            parts.reverse();
            Some(parts.concat())
        }
        HirKind::Capture(capture) => nth(&capture.sub, rest),
        HirKind::Concat(parts) => {
            let mut texts = Vec::new();
            for part in parts.iter().rev() {
                texts.push(nth(part, rest)?);
            }
            texts.reverse();
            Some(texts.concat())
        }
        HirKind::Alternation(branches) => nth(&branches[choose(rest, branches.len())], rest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_examples_are_distinct_and_vary_at_the_end_first() {
        assert_eq!(
            regex_examples(r"^[0-9]{13}$", 3),
            ["0000000000000", "0000000000001", "0000000000002"]
        );
        assert_eq!(
            regex_examples(r"^(cat|dog)s?$", 9),
            ["cat", "cats", "dog", "dogs"]
        );
        let badges = regex_examples(r"^[A-Z]{2}-\d{3}$", 64);
        assert_eq!(badges.len(), 64);
        assert_eq!(badges[1], "AA-001");
        assert!(regex_examples(r"^x$", 5) == ["x"], "one string only");
    }

    /// The first example is the shortest plain string: `\.jpg$` gives `.jpg`.
    fn regex_example(pattern: &str) -> Option<String> {
        regex_examples(pattern, 1).pop()
    }

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

/// The field without its `one_of`, so that its sample values are any values of its type.
fn any_value(field: &Field) -> Field {
    let mut field = field.clone();
    field.rules.one_of = None;
    field.rules.default = None;
    field
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

/// The rule cases the generated tests of field `at` of `resource` use: `rule_cases`, less a
/// boundary value of a unique field that a seed row already holds, since a test creating a
/// row with it would be refused as taken.
pub fn test_cases(resource: &Resource, at: usize) -> Result<Vec<RuleCase>, String> {
    let field = &resource.fields[at];
    let mut cases = rule_cases(&resource.names, field)?;
    if field.rules.unique {
        for case in &mut cases {
            let taken = |b: &Literal| {
                resource
                    .seed
                    .iter()
                    .any(|r| r.values[at].as_ref() == Some(b))
            };
            case.boundary = case.boundary.take().filter(|b| !taken(b));
        }
    }
    Ok(cases)
}

/// A one-character value of field `at` of `resource`, when it is a required text with
/// `min_length: 1`: that rule has no value of its own to break (an empty text is refused as
/// missing), so a test creating a row with this value is what shows the bound is 1, not 2.
pub fn one_character(resource: &Resource, at: usize) -> Option<Literal> {
    let field = &resource.fields[at];
    if !(field.rules.required && field.ty.is_textual() && field.rules.min_length == Some(1)) {
        return None;
    }
    let taken = |v: &Literal| {
        resource
            .seed
            .iter()
            .any(|r| r.values[at].as_ref() == Some(v))
    };
    let bases = (1..50).filter_map(|n| sample_value(&resource.names, field, n));
    let letters = ('a'..='z').chain('A'..='Z').chain('0'..='9');
    bases
        .flat_map(|base| resized(&base.to_string(), 1))
        .chain(letters.map(String::from))
        .map(Literal::Text)
        .find(|v| field_violations(field, v).is_empty() && !taken(v))
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

    // Short values of the type, to cut or pad to a length when the base would lose its shape.
    let shortest = match field.ty {
        FieldType::Email => vec!["u@e.co".to_owned()],
        FieldType::Url => vec!["http://e.co".to_owned()],
        _ => Vec::new(),
    };
    let sized = |len: usize| {
        let mut texts = resized(&base_text, len);
        texts.extend(shortest.iter().flat_map(|s| resized(s, len)));
        text(texts)
    };

    let mut cases = Vec::new();
    // In a required text field, `min_length: 1` says what `required` says: an empty text is
    // refused as missing, so the rule has no value of its own to break.
    let min_length = rules
        .min_length
        .filter(|&m| m > 1 || (m == 1 && !(rules.required && field.ty.is_textual())));
    if let Some(min) = min_length {
        let bad = pick("min_length", sized(min as usize - 1))?;
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
        let bad = pick("max_length", sized(max as usize + 1))?;
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
        // An email or a url the pattern refuses must still be an email or a url: the short
        // forms of the type, then values of the field as if it had no pattern.
        let shapes: Vec<&str> = shortest.iter().map(String::as_str).collect();
        let mut candidates = text([candidates, lengths(&shapes)].concat());
        let mut unpatterned = field.clone();
        unpatterned.rules.pattern = None;
        candidates.extend((1..=64).filter_map(|n| sample_value(resource, &unpatterned, n)));
        cases.push(RuleCase {
            rule: "pattern",
            bad: pick("pattern", candidates)?,
            boundary: None,
        });
    }
    // A text of the field's pattern that is no email or url (`^https://` alone is no url).
    let matching = || {
        let examples = rules.pattern.iter().flat_map(|p| p.examples.iter().take(8));
        lengths(&examples.map(String::as_str).collect::<Vec<_>>())
    };
    if field.ty == FieldType::Email {
        let candidates = lengths(&["not-an-email", "no-at-sign.example.com", "a@b"]);
        cases.push(RuleCase {
            rule: "email",
            bad: pick("email", text([candidates, matching()].concat()))?,
            boundary: None,
        });
    }
    if field.ty == FieldType::Url {
        let candidates = lengths(&["example.com", "ftp://example.com", "not a url"]);
        cases.push(RuleCase {
            rule: "url",
            bad: pick("url", text([candidates, matching()].concat()))?,
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
        // A date or a time that is not one of the options, but still a date or a time.
        if matches!(field.ty, FieldType::Date | FieldType::Datetime) {
            candidates
                .extend((1..=64).filter_map(|n| sample_value(resource, &any_value(field), n)));
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
    fn a_url_with_a_pattern_breaks_each_rule_alone() {
        let source = "^https://".to_owned();
        let regex = regex::Regex::new(&source).unwrap();
        let f = field(
            FieldType::Url,
            Rules {
                pattern: Some(Pattern::new(source, regex)),
                ..Rules::default()
            },
        );
        let cases = rule_cases(&ResourceNames::new("site", None), &f).unwrap();
        let bad = |rule| {
            cases
                .iter()
                .find(|c| c.rule == rule)
                .unwrap()
                .bad
                .to_string()
        };
        // Still a url, but not https; https, but no url.
        assert_eq!(bad("pattern"), "http://e.co");
        assert_eq!(bad("url"), "https://");
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
