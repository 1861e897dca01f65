//! Every name the generator derives from a spec, computed in one place.
//!
//! Templates never build names themselves: a resource called `cast_member` arrives with its
//! plural, table, route, type and identifier names already worked out, so renaming rules
//! (irregular plurals, keyword escapes) live here and nowhere else.

use heck::{ToSnakeCase, ToTitleCase, ToUpperCamelCase};
use serde::Serialize;

/// Rust keywords, strict and reserved (edition 2024). Names among them are written `r#name`.
const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be used even as raw identifiers.
const RUST_UNRAWABLE: &[&str] = &["crate", "self", "super"];

/// Whether `name` can be turned into a Rust identifier at all.
pub fn is_usable_ident(name: &str) -> bool {
    !RUST_UNRAWABLE.contains(&name)
}

/// `name` as a Rust identifier: `type` becomes `r#type`, `title` stays `title`.
pub fn rust_ident(name: &str) -> String {
    if RUST_KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// Whether `name` is a lowercase snake_case word list: `cast_member`, `image2`.
pub fn is_snake_case(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.ends_with('_')
        && !name.contains("__")
}

/// The plural of a snake_case name: only the last word changes (`cast_member` → `cast_members`,
/// `person` → `people`, `category` → `categories`).
pub fn pluralize(snake: &str) -> String {
    match snake.rsplit_once('_') {
        Some((head, last)) => format!("{head}_{}", pluralizer::pluralize(last, 2, false)),
        None => pluralizer::pluralize(snake, 2, false),
    }
}

/// The names of one resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResourceNames {
    /// `cast_member`
    pub singular: String,
    /// `cast_members`
    pub plural: String,
    /// `CastMember`
    pub pascal: String,
    /// `CastMembers`
    pub plural_pascal: String,
    /// `cast member`, for sentences
    pub human: String,
    /// `cast members`
    pub plural_human: String,
    /// `Cast Members`, for headings
    pub plural_title: String,
    /// `cast_member` or `r#match`: the singular as a variable name
    pub ident: String,
    /// `cast_members`: the plural as a module or variable name
    pub plural_ident: String,
    /// `cast_members`: the table
    pub table: String,
    /// `/cast_members`: the collection route
    pub route: String,
    /// `cast_member_id`: the foreign key children use to point here
    pub foreign_key: String,
}

impl ResourceNames {
    pub fn new(singular: &str, plural: Option<&str>) -> Self {
        let plural = plural.map_or_else(|| pluralize(singular), str::to_owned);
        ResourceNames {
            singular: singular.to_owned(),
            pascal: singular.to_upper_camel_case(),
            plural_pascal: plural.to_upper_camel_case(),
            human: singular.replace('_', " "),
            plural_human: plural.replace('_', " "),
            plural_title: plural.to_title_case(),
            ident: rust_ident(singular),
            plural_ident: rust_ident(&plural),
            table: plural.clone(),
            route: format!("/{plural}"),
            foreign_key: format!("{singular}_id"),
            plural,
        }
    }
}

/// The names of one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldNames {
    /// `type`: the key in JSON and the column
    pub name: String,
    /// `r#type`: the struct field and variable
    pub ident: String,
    /// `Type`
    pub pascal: String,
    /// `release date`, for sentences
    pub human: String,
}

impl FieldNames {
    pub fn new(name: &str) -> Self {
        FieldNames {
            name: name.to_owned(),
            ident: rust_ident(name),
            pascal: name.to_upper_camel_case(),
            human: name.replace('_', " "),
        }
    }
}

/// The package name of an app, as Cargo and Rust paths know it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppNames {
    /// `flatiron-theater`: the package
    pub package: String,
    /// `flatiron_theater`: the library crate, as tests `use` it
    pub krate: String,
    /// `flatiron_theater.db`: the default SQLite file
    pub database_file: String,
}

impl AppNames {
    pub fn new(app: &str) -> Self {
        let krate = app.to_snake_case();
        AppNames {
            package: app.to_owned(),
            database_file: format!("{krate}.db"),
            krate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_cover_irregular_words_and_compounds() {
        let cases = [
            ("production", "productions"),
            ("cast_member", "cast_members"),
            ("person", "people"),
            ("category", "categories"),
            ("box_office", "box_offices"),
            ("child", "children"),
            ("sales_person", "sales_people"),
            ("status", "statuses"),
            ("match", "matches"),
        ];
        for (singular, plural) in cases {
            assert_eq!(pluralize(singular), plural, "plural of {singular}");
        }
    }

    #[test]
    fn keywords_become_raw_identifiers() {
        assert_eq!(rust_ident("type"), "r#type");
        assert_eq!(rust_ident("match"), "r#match");
        assert_eq!(rust_ident("title"), "title");
        assert!(!is_usable_ident("self"));
        assert!(is_usable_ident("type"));
    }

    #[test]
    fn resource_names_are_derived_from_the_singular() {
        let names = ResourceNames::new("cast_member", None);
        assert_eq!(names.plural, "cast_members");
        assert_eq!(names.pascal, "CastMember");
        assert_eq!(names.plural_pascal, "CastMembers");
        assert_eq!(names.table, "cast_members");
        assert_eq!(names.route, "/cast_members");
        assert_eq!(names.foreign_key, "cast_member_id");
        assert_eq!(names.human, "cast member");
        assert_eq!(names.plural_title, "Cast Members");
    }

    #[test]
    fn an_explicit_plural_wins() {
        let names = ResourceNames::new("octopus", Some("octopodes"));
        assert_eq!(names.plural, "octopodes");
        assert_eq!(names.route, "/octopodes");
    }

    #[test]
    fn snake_case_is_checked_strictly() {
        for good in ["production", "cast_member", "image2"] {
            assert!(is_snake_case(good), "{good}");
        }
        for bad in [
            "Production",
            "cast-member",
            "2nd",
            "a__b",
            "trailing_",
            "",
            "_x",
        ] {
            assert!(!is_snake_case(bad), "{bad}");
        }
    }
}
