//! Every name the generator derives from a spec, computed in one place.
//!
//! Templates never build names themselves: a resource called `cast_member` arrives with its
//! plural, table, route, type and identifier names already worked out, so renaming rules
//! (irregular plurals, keyword escapes) live here and nowhere else.

use heck::{ToLowerCamelCase, ToSnakeCase, ToTitleCase, ToUpperCamelCase};
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

/// Whether `name` is a Rust keyword, strict or reserved.
pub fn is_rust_keyword(name: &str) -> bool {
    RUST_KEYWORDS.contains(&name)
}

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
    /// `a cast member`, `an analysis`
    pub a_human: String,
    /// `Cast Members`, for headings
    pub plural_title: String,
    /// `cast_member` or `r#match`: the singular as a variable name
    pub ident: String,
    /// `cast_members`: the plural as a module or variable name
    pub plural_ident: String,
    /// `cast_members`: the table
    pub table: String,
    /// `/cast_members`, or `/api/cast_members` where the API has a prefix: the collection's
    /// path, as a client requests it
    pub route: String,
    /// `/cast_members`: the collection's path in the router that declares it, which may be
    /// nested under a prefix
    pub mount: String,
    /// `castMember`: the singular in JavaScript names (`showCastMember`)
    pub camel: String,
    /// `castMembers`
    pub plural_camel: String,
    /// `Cast member`, for labels and buttons
    pub label: String,
    /// `Cast members`
    pub plural_label: String,
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
            a_human: with_article(&singular.replace('_', " ")),
            plural_title: plural.to_title_case(),
            ident: rust_ident(singular),
            plural_ident: rust_ident(&plural),
            table: plural.clone(),
            route: format!("/{plural}"),
            mount: format!("/{plural}"),
            camel: singular.to_lower_camel_case(),
            plural_camel: plural.to_lower_camel_case(),
            label: capitalize(&singular.replace('_', " ")),
            plural_label: capitalize(&plural.replace('_', " ")),
            foreign_key: format!("{singular}_id"),
            plural,
        }
    }
}

impl ResourceNames {
    /// The names, with the collection's path under `prefix` (`/api`).
    pub fn under(&self, prefix: &str) -> Self {
        ResourceNames {
            route: format!("{prefix}{}", self.mount),
            ..self.clone()
        }
    }
}

/// The path every JSON route is nested under from the lecture whose project has a client, so
/// that the client's pages can have the paths without it (`/productions/1` is a page,
/// `/api/productions/1` its data).
pub const API_PREFIX: &str = "/api";

/// Words JavaScript reserves, which a variable cannot be named.
const JS_RESERVED: &[&str] = &[
    "arguments",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// `name` as a JavaScript variable: itself, or `nameRow` where JavaScript reserves it
/// (a resource `default` is the variable `defaultRow`).
pub fn js_variable(name: &str) -> String {
    if JS_RESERVED.contains(&name) {
        format!("{name}Row")
    } else {
        name.to_owned()
    }
}

/// `a` or `an` before `noun`, by its first letter: `a production`, `an analysis`.
pub fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

/// The items as a sentence lists them: `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `text` with its first letter in upper case: `cast member` → `Cast member`.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
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
    /// `Release date`, for labels
    pub label: String,
}

impl FieldNames {
    pub fn new(name: &str) -> Self {
        FieldNames {
            name: name.to_owned(),
            ident: rust_ident(name),
            pascal: name.to_upper_camel_case(),
            human: name.replace('_', " "),
            label: capitalize(&name.replace('_', " ")),
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
