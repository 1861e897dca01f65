//! Values and the rules they must satisfy.
//!
//! The same checks serve `syllabus check` (defaults, `one_of` options, seed rows), the sample
//! rows generated for resources without seeds, and later the tests generated from each rule.

use std::fmt;

use super::{Field, FieldType, Rules};

/// A number from the spec, kept as written: `min: 100` is an integer, `min: 0.5` is not.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Float(x) => write!(f, "{}", float_text(*x)),
        }
    }
}

/// A float as Rust and SQL both read it: always with a decimal point (`100.0`, `2.5`).
pub fn float_text(x: f64) -> String {
    let text = x.to_string();
    if text.contains(['.', 'e', 'E']) || !x.is_finite() {
        text
    } else {
        format!("{text}.0")
    }
}

/// A value of a field, already checked against the field's type.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// string, text, email, url, date and datetime values
    Text(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Text(s) => f.write_str(s),
            Literal::Integer(i) => write!(f, "{i}"),
            Literal::Float(x) => f.write_str(&float_text(*x)),
            Literal::Bool(b) => write!(f, "{b}"),
        }
    }
}

impl Literal {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Literal::Integer(i) => Some(*i as f64),
            Literal::Float(x) => Some(*x),
            _ => None,
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Literal::Text(s) => s.clone().into(),
            Literal::Integer(i) => (*i).into(),
            Literal::Float(x) => serde_json::Number::from_f64(*x)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Literal::Bool(b) => (*b).into(),
        }
    }
}

/// A rule a value breaks, with the default text a client would read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub rule: &'static str,
    pub message: String,
}

/// The default text for a broken `rule` of a field with these `rules`.
/// `1 character`, `3 characters`.
fn characters(n: u64) -> String {
    if n == 1 {
        "1 character".to_owned()
    } else {
        format!("{n} characters")
    }
}

pub fn default_message(rules: &Rules, rule: &str) -> String {
    let list = |options: &[Literal]| {
        options
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match rule {
        "required" => "is required".into(),
        "unique" => "is already taken".into(),
        "min_length" => format!(
            "must be at least {}",
            characters(rules.min_length.unwrap_or(0))
        ),
        "max_length" => format!(
            "must be at most {}",
            characters(rules.max_length.unwrap_or(0))
        ),
        "pattern" => match rules.pattern.as_ref() {
            Some(super::Pattern {
                allows: Some(allows),
                ..
            }) => format!("must contain only {allows}"),
            pattern => format!("must match `{}`", pattern.map_or("", |p| p.source.as_str())),
        },
        "email" => "must be an email address".into(),
        "url" => "must be an http or https URL".into(),
        "date" => "must be a date like 2024-12-31".into(),
        "datetime" => "must be a date and time like 2024-12-31T20:00:00Z".into(),
        "min" => format!("must be at least {}", rules.min.unwrap_or(Number::Int(0))),
        "max" => format!("must be at most {}", rules.max.unwrap_or(Number::Int(0))),
        "one_of" => format!(
            "must be one of {}",
            list(rules.one_of.as_deref().unwrap_or(&[]))
        ),
        _ => "is invalid".into(),
    }
}

/// What a client reads when a value breaks `rule`: the field's `message` when the spec gives
/// one (it replaces the text of every rule of the field), else the default.
pub fn rule_message(rules: &Rules, rule: &str) -> String {
    rules
        .message
        .clone()
        .unwrap_or_else(|| default_message(rules, rule))
}

/// Checks a non-null value against every rule of its field except `required` and `unique`
/// (which concern a whole row and a whole table). Returns every rule broken.
pub fn violations(ty: FieldType, rules: &Rules, value: &Literal) -> Vec<Violation> {
    let mut broken = Vec::new();
    let mut fail = |rule: &'static str| {
        broken.push(Violation {
            rule,
            message: default_message(rules, rule),
        })
    };

    if let Literal::Text(text) = value {
        let chars = text.chars().count() as u64;
        if let Some(min) = rules.min_length
            && chars < min
        {
            fail("min_length");
        }
        if let Some(max) = rules.max_length
            && chars > max
        {
            fail("max_length");
        }
        if let Some(pattern) = &rules.pattern
            && !pattern.regex.is_match(text)
        {
            fail("pattern");
        }
        match ty {
            FieldType::Email if !is_email(text) => fail("email"),
            FieldType::Url if !is_url(text) => fail("url"),
            FieldType::Date if !is_date(text) => fail("date"),
            FieldType::Datetime if !is_datetime(text) => fail("datetime"),
            _ => {}
        }
    }
    if let Some(x) = value.as_f64() {
        if let Some(min) = rules.min
            && x < min.as_f64()
        {
            fail("min");
        }
        if let Some(max) = rules.max
            && x > max.as_f64()
        {
            fail("max");
        }
    }
    if let Some(options) = &rules.one_of
        && !options.contains(value)
    {
        fail("one_of");
    }
    broken
}

/// Checks a value against a field. An empty text in a required text field counts as missing,
/// as the generated `validate` treats it: it breaks `required`, and no other rule is asked.
pub fn field_violations(field: &Field, value: &Literal) -> Vec<Violation> {
    if field.rules.required && field.ty.is_textual() && *value == Literal::Text(String::new()) {
        return vec![Violation {
            rule: "required",
            message: default_message(&field.rules, "required"),
        }];
    }
    violations(field.ty, &field.rules, value)
}

/// `local@domain.tld`, with no spaces: the check most web forms make.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
        && !text.chars().any(char::is_whitespace)
}

/// `http://` or `https://` followed by a host, with no spaces.
pub fn is_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty() && !text.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

fn digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// A calendar date written `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let mut parts = text.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let (Some(year), Some(month), Some(day)) = (digits(y, 4), digits(m, 2), digits(d, 2)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// An RFC 3339 timestamp: `2024-12-31T20:00:00Z` or with an offset like `+02:00`.
pub fn is_datetime(text: &str) -> bool {
    let Some((date, time)) = text.split_once(['T', 't']) else {
        return false;
    };
    if !is_date(date) {
        return false;
    }
    let (clock, offset) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        (clock, None)
    } else if let Some(at) = time.rfind(['+', '-']) {
        (&time[..at], Some(&time[at + 1..]))
    } else {
        return false;
    };
    let clock = clock.split_once('.').map_or(clock, |(whole, fraction)| {
        if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) {
            whole
        } else {
            ""
        }
    });
    let hms: Vec<_> = clock.split(':').collect();
    let clock_ok = matches!(hms.as_slice(), [h, m, s]
        if digits(h, 2).is_some_and(|h| h < 24)
            && digits(m, 2).is_some_and(|m| m < 60)
            && digits(s, 2).is_some_and(|s| s < 60));
    let offset_ok = offset.is_none_or(|offset| {
        matches!(offset.split_once(':'), Some((h, m))
            if digits(h, 2).is_some_and(|h| h < 24) && digits(m, 2).is_some_and(|m| m < 60))
    });
    clock_ok && offset_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::default()
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let rules = Rules {
            max_length: Some(3),
            ..rules()
        };
        let ok = violations(FieldType::String, &rules, &Literal::Text("héé".into()));
        assert!(ok.is_empty(), "{ok:?}");
        let too_long = violations(FieldType::String, &rules, &Literal::Text("héé!".into()));
        assert_eq!(too_long[0].rule, "max_length");
    }

    #[test]
    fn every_broken_rule_is_reported() {
        let rules = Rules {
            min: Some(Number::Int(10)),
            one_of: Some(vec![Literal::Integer(20), Literal::Integer(30)]),
            ..rules()
        };
        let broken = violations(FieldType::Integer, &rules, &Literal::Integer(5));
        let names: Vec<_> = broken.iter().map(|v| v.rule).collect();
        assert_eq!(names, ["min", "one_of"]);
        assert_eq!(broken[0].message, "must be at least 10");
        assert_eq!(broken[1].message, "must be one of 20, 30");
    }

    #[test]
    fn emails_and_urls() {
        assert!(is_email("ada@example.com"));
        for bad in [
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a b@example.com",
            "a@b@c.d",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(is_url("https://example.com/a?b"));
        assert!(is_url("http://localhost:3000"));
        for bad in [
            "example.com",
            "https://",
            "ftp://example.com",
            "https://a b.com",
        ] {
            assert!(!is_url(bad), "{bad}");
        }
    }

    #[test]
    fn dates_and_datetimes() {
        assert!(is_date("2024-02-29"));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "24-01-01",
            "2024-01-32",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
        for good in [
            "2024-12-31T20:00:00Z",
            "2024-12-31T20:00:00.123Z",
            "2024-12-31T20:00:00+02:00",
            "2024-12-31T20:00:00-05:30",
        ] {
            assert!(is_datetime(good), "{good}");
        }
        for bad in [
            "2024-12-31",
            "2024-12-31T25:00:00Z",
            "2024-12-31T20:00:00",
            "2024-12-31T20:00Z",
        ] {
            assert!(!is_datetime(bad), "{bad}");
        }
    }

    #[test]
    fn floats_always_read_as_floats() {
        assert_eq!(float_text(100.0), "100.0");
        assert_eq!(float_text(2.5), "2.5");
        assert_eq!(Number::Int(100).to_string(), "100");
    }
}
