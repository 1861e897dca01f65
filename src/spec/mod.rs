//! The validated model of a spec: what the templates are rendered from.
//!
//! `validate::validate` builds it from the YAML tree; nothing here can be invalid once built.
//! Every name is precomputed (see `naming`), resources are ordered parents first, and every
//! resource has seed rows (the spec's, or generated ones that satisfy every rule).

mod plausible;
mod rules;
mod sample;
mod validate;

#[cfg(test)]
mod properties;

use serde::Serialize;

pub use rules::{Literal, Number, default_message, float_text, rule_message};
pub use sample::{
    MORE_ROWS, RuleCase, new_rows, one_character, rule_cases, sample_value, test_cases,
};
pub use validate::{Problem, parse_and_validate};

use crate::naming::{AppNames, FieldNames, ResourceNames};

/// A whole course domain.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    pub app: AppNames,
    pub title: String,
    /// Parents come before their children, otherwise in spec order.
    pub resources: Vec<Resource>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    pub names: ResourceNames,
    pub fields: Vec<Field>,
    /// `belongs_to`: each parent, by index into `Spec::resources`.
    pub parents: Vec<Parent>,
    /// `has_many`: each child, by index into `Spec::resources`.
    pub children: Vec<usize>,
    pub seed: Vec<Row>,
    /// Whether `seed` was generated because the spec gave no rows.
    pub seed_generated: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Parent {
    pub resource: usize,
    pub on_delete: OnDelete,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnDelete {
    Cascade,
    Restrict,
    SetNull,
}

impl OnDelete {
    pub const ALL: [(&'static str, OnDelete); 3] = [
        ("cascade", OnDelete::Cascade),
        ("restrict", OnDelete::Restrict),
        ("set_null", OnDelete::SetNull),
    ];
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub names: FieldNames,
    pub ty: FieldType,
    pub rules: Rules,
}

impl Field {
    /// Whether the column may hold NULL: neither required nor defaulted.
    pub fn nullable(&self) -> bool {
        !self.rules.required && self.rules.default.is_none()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    String,
    Text,
    Integer,
    Float,
    Bool,
    Date,
    Datetime,
    Email,
    Url,
}

impl FieldType {
    pub const ALL: [(&'static str, FieldType); 9] = [
        ("string", FieldType::String),
        ("text", FieldType::Text),
        ("integer", FieldType::Integer),
        ("float", FieldType::Float),
        ("bool", FieldType::Bool),
        ("date", FieldType::Date),
        ("datetime", FieldType::Datetime),
        ("email", FieldType::Email),
        ("url", FieldType::Url),
    ];

    pub fn name(self) -> &'static str {
        FieldType::ALL
            .iter()
            .find(|(_, ty)| *ty == self)
            .map(|(name, _)| *name)
            .unwrap_or("string")
    }

    /// Types whose values are text: lengths and patterns apply.
    pub fn is_textual(self) -> bool {
        matches!(
            self,
            FieldType::String | FieldType::Text | FieldType::Email | FieldType::Url
        )
    }

    /// Types with an order: `min` and `max` apply.
    pub fn is_numeric(self) -> bool {
        matches!(self, FieldType::Integer | FieldType::Float)
    }
}

/// The validations of one field. All of them are checked against each other when the spec
/// is read, so a default or a `one_of` option always satisfies the rest.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rules {
    pub required: bool,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub min: Option<Number>,
    pub max: Option<Number>,
    pub pattern: Option<Pattern>,
    pub one_of: Option<Vec<Literal>>,
    pub unique: bool,
    pub default: Option<Literal>,
    /// Replaces the default error text of every rule of the field.
    pub message: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Pattern {
    pub source: String,
    pub regex: regex::Regex,
    /// The shortest plain string the pattern matches, when one is easy to find; worked out
    /// once, since sample values ask for it many times.
    pub example: Option<String>,
    /// Distinct strings the pattern matches, `example` first, for rows that must differ.
    pub examples: Vec<String>,
}

impl Pattern {
    pub fn new(source: String, regex: regex::Regex) -> Self {
        let examples = sample::regex_examples(&source, sample::PATTERN_EXAMPLES);
        Pattern {
            source,
            regex,
            example: examples.first().cloned(),
            examples,
        }
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

/// One seed row: a value per field (in field order; `None` is NULL) and the id of each parent.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub values: Vec<Option<Literal>>,
    pub parent_ids: Vec<i64>,
}
