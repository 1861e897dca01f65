//! The `Checker`, which collects problems, and its readers of generic YAML nodes: mappings,
//! lists, known keys, strings, booleans, counts, names and choices among fixed options.
//!
//! Each reader reports what is wrong with its node and returns `None`, so that its caller
//! can carry on with the rest of the spec.

use std::collections::BTreeMap;

use super::{Problem, did_you_mean, one_of_help};
use crate::naming;
use crate::yaml::{Node, Span, Value};

/// Walks a spec's tree, recording every problem it finds.
#[derive(Default)]
pub(super) struct Checker {
    pub(super) problems: Vec<Problem>,
    /// The `user:` of each seed row that names one, checked once `auth` is read.
    pub(super) owner_refs: Vec<super::auth::OwnerRef>,
}

impl Checker {
    pub(super) fn error(
        &mut self,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) {
        self.problems.push(Problem {
            message: message.into(),
            span,
            label: label.into(),
            help,
        });
    }

    pub(super) fn mapping<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [(Node, Node)]> {
        match &node.value {
            Value::Map(entries) => Some(entries),
            other => {
                self.error(
                    node.span,
                    format!("{what} must be a mapping, not {}", other.kind()),
                    "expected `key: value` pairs",
                    None,
                );
                None
            }
        }
    }

    pub(super) fn list<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            other => {
                self.error(
                    node.span,
                    format!("{what} must be a list, not {}", other.kind()),
                    "expected a list",
                    Some("write a list as `[a, b]` or as lines starting with `- `".into()),
                );
                None
            }
        }
    }

    /// The entries of a mapping whose keys are strings from `allowed`; reports the others.
    pub(super) fn known_keys<'n>(
        &mut self,
        entries: &'n [(Node, Node)],
        allowed: &[&str],
        context: &str,
    ) -> BTreeMap<&'n str, &'n Node> {
        // Sorted, so that whoever walks the keys reports problems in the same order each run.
        let mut found = BTreeMap::new();
        for (key, value) in entries {
            match key.as_str() {
                Some(name) if allowed.contains(&name) => {
                    found.insert(name, value);
                }
                Some(name) => {
                    let help = did_you_mean(name, allowed.iter().copied())
                        .or_else(|| (!allowed.is_empty()).then(|| one_of_help(allowed)));
                    self.error(
                        key.span,
                        format!("unknown key `{name}` in {context}"),
                        "unknown key",
                        help,
                    );
                }
                None => self.error(
                    key.span,
                    format!("keys in {context} must be names"),
                    "not a name",
                    None,
                ),
            }
        }
        found
    }

    pub(super) fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            other => {
                self.error(
                    node.span,
                    format!("{what} must be a string, not {}", other.kind()),
                    "expected a string",
                    None,
                );
                None
            }
        }
    }

    pub(super) fn bool(&mut self, node: &Node, what: &str) -> Option<bool> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            other => {
                self.error(
                    node.span,
                    format!("{what} must be `true` or `false`, not {}", other.kind()),
                    "expected a boolean",
                    None,
                );
                None
            }
        }
    }

    pub(super) fn count(&mut self, node: &Node, what: &str) -> Option<u64> {
        match &node.value {
            Value::Int(i) if *i >= 0 => Some(*i as u64),
            _ => {
                self.error(
                    node.span,
                    format!("{what} must be a whole number of characters, 0 or more"),
                    "expected a count",
                    None,
                );
                None
            }
        }
    }

    /// A snake_case name usable as a Rust identifier and an SQL name.
    pub(super) fn name(&mut self, node: &Node, what: &str) -> Option<String> {
        let text = node.scalar_text();
        match text {
            Some(name) if naming::is_snake_case(&name) && naming::is_usable_ident(&name) => {
                Some(name)
            }
            Some(name) if naming::is_snake_case(&name) => {
                self.error(
                    node.span,
                    format!("{what} `{name}` cannot be a Rust name"),
                    "reserved by Rust",
                    Some(format!("rename it, for example `{name}_name`")),
                );
                None
            }
            Some(name) => {
                let snake = heck::ToSnakeCase::to_snake_case(name.as_str());
                let help =
                    naming::is_snake_case(&snake).then(|| format!("did you mean `{snake}`?"));
                self.error(
                    node.span,
                    format!("{what} `{name}` must be snake_case: lowercase letters, digits and single underscores, starting with a letter"),
                    "not snake_case",
                    help,
                );
                None
            }
            None => {
                self.error(
                    node.span,
                    format!("{what} must be a name"),
                    "expected a name",
                    None,
                );
                None
            }
        }
    }

    /// One of a fixed set of names, like a field type; an unknown one gets a suggestion.
    pub(super) fn choice<T: Copy>(
        &mut self,
        node: &Node,
        what: &str,
        options: &[(&str, T)],
    ) -> Option<T> {
        let text = self.string(node, &format!("a {what}"))?;
        if let Some((_, value)) = options.iter().find(|(name, _)| *name == text) {
            return Some(*value);
        }
        let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
        let help =
            did_you_mean(&text, names.iter().copied()).unwrap_or_else(|| one_of_help(&names));
        self.error(
            node.span,
            format!("unknown {what} `{text}`"),
            format!("unknown {what}"),
            Some(help),
        );
        None
    }
}
