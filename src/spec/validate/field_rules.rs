//! A field's rules (`required`, lengths, bounds, `pattern`, `one_of`, `unique`, `default`,
//! `message`): each read in its own step, checked against the field's type and against the
//! rules read before it; and whether each rule can be tested on its own.
//!
//! Not to be confused with `spec::rules`, which checks values against rules once they are read.

use std::collections::BTreeMap;

use super::Checker;
use super::resources::Draft;
use crate::spec::rules::{Literal, Violation, violations};
use crate::spec::sample::rule_cases;
use crate::spec::{FieldType, Pattern, Rules};
use crate::yaml::Node;

/// The keys of a field's mapping, by name.
type Keys<'n> = BTreeMap<&'n str, &'n Node>;

impl Checker {
    /// The rules of a field of type `ty`, given the keys of its mapping. A rule with a
    /// problem is reported and left out.
    pub(super) fn rules(&mut self, ty: FieldType, keys: &Keys<'_>) -> Rules {
        self.check_rules_apply(ty, keys);
        let mut rules = Rules::default();
        if let Some(node) = keys.get("required") {
            rules.required = self.bool(node, "`required`").unwrap_or(false);
        }
        if ty != FieldType::Bool
            && let Some(node) = keys.get("unique")
        {
            rules.unique = self.bool(node, "`unique`").unwrap_or(false);
        }
        if ty.is_textual() {
            self.text_rules(keys, &mut rules);
        }
        if ty.is_numeric() {
            self.bounds(ty, keys, &mut rules);
        }
        if let Some(node) = keys.get("message") {
            rules.message = self.string(node, "`message`");
        }
        if ty != FieldType::Bool
            && let Some(node) = keys.get("one_of")
        {
            rules.one_of = self.one_of(ty, node, &rules);
        }
        if let Some(node) = keys.get("default") {
            rules.default = self.default(ty, node, &rules);
        }
        rules
    }

    /// Reports rules given for a type they do not apply to, with a hint where there is one.
    fn check_rules_apply(&mut self, ty: FieldType, keys: &Keys<'_>) {
        let hint = |when: bool, text: &'static str| when.then_some(text);
        let checks = [
            (
                "min_length",
                ty.is_textual(),
                hint(ty.is_numeric(), "use `min` for numbers"),
            ),
            (
                "max_length",
                ty.is_textual(),
                hint(ty.is_numeric(), "use `max` for numbers"),
            ),
            ("pattern", ty.is_textual(), None),
            (
                "min",
                ty.is_numeric(),
                hint(ty.is_textual(), "use `min_length` for text"),
            ),
            (
                "max",
                ty.is_numeric(),
                hint(ty.is_textual(), "use `max_length` for text"),
            ),
            (
                "one_of",
                !matches!(ty, FieldType::Bool | FieldType::Datetime),
                hint(
                    ty == FieldType::Datetime,
                    "a moment is written in several ways (`Z`, `+00:00`); use a `date`, or a `string` of options",
                ),
            ),
            ("unique", ty != FieldType::Bool, None),
        ];
        for (key, fits, instead) in checks {
            if let Some(node) = keys.get(key)
                && !fits
            {
                self.error(
                    node.span,
                    format!("`{key}` does not apply to {} field", a_type(ty)),
                    "not for this type",
                    instead.map(str::to_owned),
                );
            }
        }
    }

    /// `min_length`, `max_length` and `pattern`, of a text field.
    fn text_rules(&mut self, keys: &Keys<'_>, rules: &mut Rules) {
        rules.min_length = keys
            .get("min_length")
            .and_then(|n| self.count(n, "`min_length`"));
        rules.max_length = keys
            .get("max_length")
            .and_then(|n| self.count(n, "`max_length`"));
        if let (Some(min), Some(max)) = (rules.min_length, rules.max_length)
            && min > max
        {
            self.error(
                keys["min_length"].span,
                format!("`min_length` {min} is greater than `max_length` {max}"),
                "no text can satisfy both",
                None,
            );
        }
        if let Some(node) = keys.get("pattern")
            && let Some(source) = self.string(node, "`pattern`")
        {
            rules.pattern = self.pattern(node, source);
        }
    }

    /// A `pattern`, compiled; an invalid one is reported with the parser's reason.
    fn pattern(&mut self, node: &Node, source: String) -> Option<Pattern> {
        match regex::Regex::new(&source) {
            Ok(regex) => Some(Pattern::new(source, regex)),
            Err(err) => {
                let reason = match regex_syntax::parse(&source) {
                    Err(regex_syntax::Error::Parse(e)) => e.kind().to_string(),
                    Err(regex_syntax::Error::Translate(e)) => e.kind().to_string(),
                    _ => err.to_string(),
                };
                self.error(
                    node.span,
                    format!("`pattern` is not a valid regular expression: {reason}"),
                    "invalid regex",
                    Some(
                        "patterns use Rust's `regex` syntax; escape a literal `.` as `\\.`".into(),
                    ),
                );
                None
            }
        }
    }

    /// `min` and `max`, of a numeric field.
    fn bounds(&mut self, ty: FieldType, keys: &Keys<'_>, rules: &mut Rules) {
        rules.min = keys.get("min").and_then(|n| self.number(ty, n, "`min`"));
        rules.max = keys.get("max").and_then(|n| self.number(ty, n, "`max`"));
        if let (Some(min), Some(max)) = (rules.min, rules.max)
            && min.as_f64() > max.as_f64()
        {
            self.error(
                keys["min"].span,
                format!("`min` {min} is greater than `max` {max}"),
                "no number can satisfy both",
                None,
            );
        }
    }

    /// `one_of`: its options, each of the field's type, listed once, and each satisfying the
    /// field's other rules.
    fn one_of(&mut self, ty: FieldType, node: &Node, rules: &Rules) -> Option<Vec<Literal>> {
        let items = self.list(node, "`one_of`")?;
        if items.is_empty() {
            self.error(
                node.span,
                "`one_of` is empty",
                "no value could ever be valid",
                None,
            );
        }
        let mut options: Vec<Literal> = Vec::new();
        for item in items {
            if let Some(option) = self.literal(ty, item, "a `one_of` option") {
                if options.contains(&option) {
                    self.error(
                        item.span,
                        format!("`{option}` is listed twice"),
                        "duplicate",
                        None,
                    );
                }
                options.push(option);
            }
        }
        let others = Rules {
            one_of: None,
            ..rules.clone()
        };
        for (item, option) in items.iter().zip(&options) {
            let broken = violations(ty, &others, option);
            if !broken.is_empty() {
                self.error(
                    item.span,
                    format!(
                        "option `{option}` breaks the field's other rules: {}",
                        messages(&broken)
                    ),
                    "can never be valid",
                    None,
                );
            }
        }
        Some(options)
    }

    /// `default`: a value of the field's type that satisfies all of its rules.
    fn default(&mut self, ty: FieldType, node: &Node, rules: &Rules) -> Option<Literal> {
        if matches!(ty, FieldType::Date | FieldType::Datetime) {
            self.error(
                node.span,
                format!("a {} field cannot have a `default` yet", ty.name()),
                "not supported",
                Some("leave the default out and send the value with each row".into()),
            );
            return None;
        }
        let default = self.literal(ty, node, "`default`")?;
        let broken = violations(ty, rules, &default);
        if broken.is_empty() {
            return Some(default);
        }
        self.error(
            node.span,
            format!(
                "default `{default}` breaks the field's own rules: {}",
                messages(&broken)
            ),
            "invalid default",
            None,
        );
        None
    }

    /// Lecture 5 tests every rule with a value that breaks only that rule: a field for which
    /// no such value exists cannot be generated.
    pub(super) fn check_rules_testable(&mut self, drafts: &[Draft]) {
        for draft in drafts {
            for (field, span) in draft.fields.iter().zip(&draft.field_spans) {
                if let Err(reason) = rule_cases(&draft.names, field) {
                    let (label, help) = if reason.starts_with("no value") {
                        (
                            "no value satisfies all of these rules",
                            "check that the rules can all hold at once",
                        )
                    } else {
                        (
                            "rules that cannot be tested one by one",
                            "loosen one of the rules, or drop the pattern",
                        )
                    };
                    self.error(*span, reason, label, Some(help.into()));
                }
            }
        }
    }
}

/// The messages of broken rules, in one line.
pub(super) fn messages(broken: &[Violation]) -> String {
    broken
        .iter()
        .map(|v| v.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// `a string`, `an integer`: a type name with its article.
fn a_type(ty: FieldType) -> String {
    let name = ty.name();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}
