//! Fields: one field of a resource, its type, and values of that type as the spec writes
//! them (literals for defaults, options and seed rows; numbers for bounds).

use super::{Checker, one_of_help};
use crate::naming::FieldNames;
use crate::spec::rules::{Literal, Number};
use crate::spec::{Field, FieldType, Rules};
use crate::yaml::{Node, Value};

pub(super) const FIELD_KEYS: &[&str] = &[
    "type",
    "required",
    "min_length",
    "max_length",
    "min",
    "max",
    "pattern",
    "one_of",
    "unique",
    "default",
    "message",
];
/// Columns every table has.
const BUILT_IN_FIELDS: &[&str] = &["id", "created_at", "updated_at"];

impl Checker {
    /// One entry of a resource's `fields:`: a type name, or a mapping of a type and rules.
    pub(super) fn field(&mut self, resource: &str, key: &Node, value: &Node) -> Option<Field> {
        let name = self.name(key, "a field name");
        if let Some(name) = &name
            && BUILT_IN_FIELDS.contains(&name.as_str())
        {
            self.error(
                key.span,
                format!("`{resource}.{name}` is built in"),
                "every resource already has `id`, `created_at` and `updated_at`",
                Some(format!("remove `{name}` or give it another name")),
            );
            return None;
        }
        if let Some(name) = &name
            && name == "user_id"
            && resource != "user"
        {
            self.error(
                key.span,
                format!("`{resource}.user_id` is built in from lecture 7"),
                "the owner of a row",
                Some("lecture 7 adds `user_id`, the user who created the row: give this field another name".into()),
            );
            return None;
        }
        let (ty, rules) = match &value.value {
            Value::Str(_) => (self.field_type(value)?, Rules::default()),
            Value::Map(entries) => {
                let context = format!("field `{}`", name.as_deref().unwrap_or("?"));
                let keys = self.known_keys(entries, FIELD_KEYS, &context);
                let ty = match keys.get("type") {
                    Some(node) => self.field_type(node)?,
                    None => FieldType::String,
                };
                let rules = self.rules(ty, &keys);
                (ty, rules)
            }
            other => {
                let types: Vec<_> = FieldType::ALL.iter().map(|(n, _)| *n).collect();
                self.error(
                    value.span,
                    format!(
                        "a field must be a type name or a mapping, not {}",
                        other.kind()
                    ),
                    "expected a type",
                    Some(one_of_help(&types)),
                );
                return None;
            }
        };
        Some(Field {
            names: FieldNames::new(&name?),
            ty,
            rules,
        })
    }

    fn field_type(&mut self, node: &Node) -> Option<FieldType> {
        self.choice(node, "type", &FieldType::ALL)
    }

    /// A value of type `ty`. Numbers are accepted for string fields (`title: 1984`).
    pub(super) fn literal(&mut self, ty: FieldType, node: &Node, what: &str) -> Option<Literal> {
        let literal = match (ty, &node.value) {
            (FieldType::Integer, Value::Int(i)) => Some(Literal::Integer(*i)),
            (FieldType::Float, Value::Int(i)) => Some(Literal::Float(*i as f64)),
            (FieldType::Float, Value::Float(x)) if x.is_finite() => Some(Literal::Float(*x)),
            (FieldType::Bool, Value::Bool(b)) => Some(Literal::Bool(*b)),
            (
                FieldType::String | FieldType::Text,
                Value::Str(_) | Value::Int(_) | Value::Float(_),
            ) => node.scalar_text().map(Literal::Text),
            (_, Value::Str(s))
                if ty.is_textual() || matches!(ty, FieldType::Date | FieldType::Datetime) =>
            {
                Some(Literal::Text(s.clone()))
            }
            _ => None,
        };
        if literal.is_none() {
            self.error(
                node.span,
                format!(
                    "{what} must be {}, not {}",
                    type_article(ty),
                    node.value.kind()
                ),
                format!("not {}", type_article(ty)),
                None,
            );
        }
        literal
    }

    pub(super) fn number(&mut self, ty: FieldType, node: &Node, what: &str) -> Option<Number> {
        match (&node.value, ty) {
            (Value::Int(i), _) => Some(Number::Int(*i)),
            (Value::Float(x), FieldType::Float) if x.is_finite() => Some(Number::Float(*x)),
            (Value::Float(_), _) => {
                self.error(
                    node.span,
                    format!("{what} of an integer field must be a whole number"),
                    "not a whole number",
                    None,
                );
                None
            }
            (other, _) => {
                self.error(
                    node.span,
                    format!("{what} must be a number, not {}", other.kind()),
                    "not a number",
                    None,
                );
                None
            }
        }
    }
}

/// What a value of `ty` is, for an error: `an integer`, `text`.
fn type_article(ty: FieldType) -> String {
    match ty {
        FieldType::Integer => "an integer".into(),
        FieldType::Float => "a number".into(),
        FieldType::Bool => "`true` or `false`".into(),
        FieldType::Email => "an email address".into(),
        FieldType::Url => "a URL".into(),
        FieldType::Date => "a date (`2024-12-31`)".into(),
        FieldType::Datetime => "a date and time (`2024-12-31T20:00:00Z`)".into(),
        FieldType::String | FieldType::Text => "text".into(),
    }
}
