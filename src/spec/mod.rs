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
pub use validate::{Problem, parse_and_validate, spec_schema};

use crate::dialect::Dialect;
use crate::naming::{AppNames, FieldNames, ResourceNames};

/// A whole course domain.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    pub app: AppNames,
    pub title: String,
    /// The database the generated projects use: `database:`, SQLite unless it says otherwise.
    pub database: Dialect,
    /// Parents come before their children, otherwise in spec order.
    pub resources: Vec<Resource>,
    /// Users, roles and who may do what: the spec's `auth:`, or its defaults.
    pub auth: Auth,
}

/// Users and what they may do (lecture 7): the `auth:` section of a spec, with every default
/// filled in. A spec without one gets users of username and password only, no roles, and the
/// default access: anyone lists and shows, a signed-in user creates, the owner changes and
/// deletes.
#[derive(Clone, Debug, PartialEq)]
pub struct Auth {
    /// Users as a resource: `username`, then the fields of `auth.user.fields`. Its seed rows
    /// are the seed users, given or made up.
    pub users: Resource,
    /// Each seed user's password, as the spec gives it (the `seed` command hashes it).
    pub passwords: Vec<String>,
    /// Each seed user's role; empty without roles.
    pub seed_roles: Vec<String>,
    /// The roles a user may have; signing up gives the first. Empty: users have no role.
    pub roles: Vec<String>,
    pub password: PasswordRules,
    /// Who may take each action on each resource, in the order of `Spec::resources`.
    pub access: Vec<Access>,
}

impl Auth {
    /// Whether the resource at `index` has owners: some action of its access is `owner`.
    pub fn owned(&self, index: usize) -> bool {
        self.access.get(index).is_some_and(Access::owned)
    }

    /// The same users, before there are any rules: every action public, so no resource has
    /// owners. What the lectures before the one that adds users see.
    pub fn before_rules(&self) -> Auth {
        let public = Access {
            list: vec![Who::Public],
            show: vec![Who::Public],
            create: vec![Who::Public],
            update: vec![Who::Public],
            delete: vec![Who::Public],
        };
        Auth {
            access: vec![public; self.access.len()],
            ..self.clone()
        }
    }
}

impl Spec {
    /// Whether `resource` has owners (lecture 7): a `user_id` column, set by whoever creates a
    /// row.
    pub fn owned(&self, resource: &Resource) -> bool {
        self.resources
            .iter()
            .position(|r| r.names == resource.names)
            .is_some_and(|at| self.auth.owned(at))
    }
}

/// How long a password may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PasswordRules {
    pub min_length: u64,
    pub max_length: u64,
}

/// Who may take each action on a resource: any one entry of a list suffices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    pub list: Vec<Who>,
    pub show: Vec<Who>,
    pub create: Vec<Who>,
    pub update: Vec<Who>,
    pub delete: Vec<Who>,
}

impl Access {
    /// The actions, in the order a spec lists them.
    pub const ACTIONS: [&'static str; 5] = ["list", "show", "create", "update", "delete"];

    /// Who may take `action` (one of [`Access::ACTIONS`]).
    pub fn of(&self, action: &str) -> &[Who] {
        match action {
            "list" => &self.list,
            "show" => &self.show,
            "create" => &self.create,
            "update" => &self.update,
            _ => &self.delete,
        }
    }

    /// Whether a signed-in user with `role` (empty: none) may take `action`, on a row they
    /// own when `owner`. Nobody owns a row before it exists, so `owner` never lets one create.
    pub fn allows(&self, action: &str, role: &str, owner: bool) -> bool {
        self.of(action).iter().any(|w| match w {
            Who::Public | Who::SignedIn => true,
            Who::Owner => owner && action != "create",
            Who::Role(r) => r == role,
        })
    }

    /// Whether some action names the owner, so that rows have one.
    pub fn owned(&self) -> bool {
        Self::ACTIONS
            .iter()
            .any(|a| self.of(a).contains(&Who::Owner))
    }
}

impl Default for Access {
    fn default() -> Self {
        Access {
            list: vec![Who::Public],
            show: vec![Who::Public],
            create: vec![Who::SignedIn],
            update: vec![Who::Owner],
            delete: vec![Who::Owner],
        }
    }
}

/// One entry of an action's access.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Who {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user.
    SignedIn,
    /// The user who created the row.
    Owner,
    /// A user with this role.
    Role(String),
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
    /// What the pattern allows, in words, for its error message (`must contain only ...`);
    /// without it, the message quotes the pattern.
    pub allows: Option<&'static str>,
}

impl Pattern {
    pub fn new(source: String, regex: regex::Regex) -> Self {
        let examples = sample::regex_examples(&source, sample::PATTERN_EXAMPLES);
        Pattern {
            source,
            regex,
            example: examples.first().cloned(),
            examples,
            allows: None,
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
    /// The seed user who owns the row, by number from 1 (`user: 1`), in a resource with
    /// owners; 0 where the spec names none.
    pub owner: usize,
}
