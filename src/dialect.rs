//! Everything that differs between SQL databases, in one place.
//!
//! Templates never spell a column type, a literal or a placeholder themselves: they get the
//! finished SQL from here. SQLite is the only dialect today; PostgreSQL will be a second
//! `Dialect` value with its own answers, and nothing outside this module should need to change.

use serde::Serialize;

use crate::spec::{FieldType, Literal, OnDelete, float_text};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    Sqlite,
}

/// How the engine's build is configured: an environment variable its `-sys` crate reads.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct EngineBuild {
    pub variable: &'static str,
    pub flags: &'static str,
}

/// A CHECK constraint that stands for one rule of one field.
#[derive(Clone, Debug, Serialize)]
pub struct CheckConstraint {
    /// `productions_title_max_length`.
    pub name: String,
    pub rule: &'static str,
    /// The table constraint: `constraint productions_title_max_length check (...)`.
    pub sql: String,
    /// What the database says when a write breaks it: `CHECK constraint failed: ...`.
    pub error: String,
}

/// SQLite's keywords (https://sqlite.org/lang_keywords.html). An identifier among them is quoted.
const SQLITE_KEYWORDS: &[&str] = &[
    "abort",
    "action",
    "add",
    "after",
    "all",
    "alter",
    "always",
    "analyze",
    "and",
    "as",
    "asc",
    "attach",
    "autoincrement",
    "before",
    "begin",
    "between",
    "by",
    "cascade",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "commit",
    "conflict",
    "constraint",
    "create",
    "cross",
    "current",
    "current_date",
    "current_time",
    "current_timestamp",
    "database",
    "default",
    "deferrable",
    "deferred",
    "delete",
    "desc",
    "detach",
    "distinct",
    "do",
    "drop",
    "each",
    "else",
    "end",
    "escape",
    "except",
    "exclude",
    "exclusive",
    "exists",
    "explain",
    "fail",
    "filter",
    "first",
    "following",
    "for",
    "foreign",
    "from",
    "full",
    "generated",
    "glob",
    "group",
    "groups",
    "having",
    "if",
    "ignore",
    "immediate",
    "in",
    "index",
    "indexed",
    "initially",
    "inner",
    "insert",
    "instead",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "key",
    "last",
    "left",
    "like",
    "limit",
    "match",
    "materialized",
    "natural",
    "no",
    "not",
    "nothing",
    "notnull",
    "null",
    "nulls",
    "of",
    "offset",
    "on",
    "or",
    "order",
    "others",
    "outer",
    "over",
    "partition",
    "plan",
    "pragma",
    "preceding",
    "primary",
    "query",
    "raise",
    "range",
    "recursive",
    "references",
    "regexp",
    "reindex",
    "release",
    "rename",
    "replace",
    "restrict",
    "returning",
    "right",
    "rollback",
    "row",
    "rows",
    "savepoint",
    "select",
    "set",
    "table",
    "temp",
    "temporary",
    "then",
    "ties",
    "to",
    "transaction",
    "trigger",
    "unbounded",
    "union",
    "unique",
    "update",
    "using",
    "vacuum",
    "values",
    "view",
    "virtual",
    "when",
    "where",
    "window",
    "with",
    "without",
];

impl Dialect {
    /// An identifier as SQL needs it: quoted only when it is a keyword (`"order"`).
    pub fn ident(self, name: &str) -> String {
        match self {
            Dialect::Sqlite if SQLITE_KEYWORDS.contains(&name) => format!("\"{name}\""),
            Dialect::Sqlite => name.to_owned(),
        }
    }

    /// The column type of a field type.
    pub fn column_type(self, ty: FieldType) -> &'static str {
        match (self, ty) {
            (Dialect::Sqlite, FieldType::Integer) => "integer",
            (Dialect::Sqlite, FieldType::Float) => "real",
            (Dialect::Sqlite, FieldType::Bool) => "boolean",
            // SQLite keeps dates as ISO 8601 text, which sorts in time order.
            (Dialect::Sqlite, FieldType::Date | FieldType::Datetime) => "text",
            (Dialect::Sqlite, _) => "text",
        }
    }

    /// The primary key column definition.
    pub fn primary_key(self) -> &'static str {
        match self {
            Dialect::Sqlite => "integer primary key",
        }
    }

    /// The definition of `created_at` and `updated_at`.
    pub fn timestamp_column(self) -> &'static str {
        match self {
            // RFC 3339 text rather than `current_timestamp` (`2024-12-31 20:00:00`): sqlx reads
            // it on its first, fastest try, which matters when a list holds many rows.
            Dialect::Sqlite => "datetime not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        }
    }

    /// The expression for "now" in an update, in the same format as `timestamp_column`.
    pub fn now(self) -> &'static str {
        match self {
            Dialect::Sqlite => "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        }
    }

    /// The n-th (1-based) bind parameter.
    pub fn placeholder(self, _n: usize) -> String {
        match self {
            Dialect::Sqlite => "?".to_owned(),
        }
    }

    /// A value written into SQL, as in seed data and defaults.
    pub fn literal(self, value: &Literal) -> String {
        match (self, value) {
            (_, Literal::Text(text)) => format!("'{}'", text.replace('\'', "''")),
            (_, Literal::Integer(i)) => i.to_string(),
            (_, Literal::Float(x)) => float_text(*x),
            // SQLite stores booleans as 1 and 0 but reads `true` and `false` since 3.23.
            (Dialect::Sqlite, Literal::Bool(b)) => b.to_string(),
        }
    }

    /// The `on delete` action of a foreign key.
    pub fn on_delete(self, action: OnDelete) -> &'static str {
        match (self, action) {
            (_, OnDelete::Cascade) => "cascade",
            (_, OnDelete::SetNull) => "set null",
            // SQLite reports a broken `restrict` as a trigger error (code 1811), which sqlx
            // cannot tell from other errors. With constraints that are not deferred, `no action`
            // refuses the very same deletes and reports a foreign key violation.
            (Dialect::Sqlite, OnDelete::Restrict) => "no action",
        }
    }

    /// The CHECK constraints of the rules SQL can express (lengths, ranges, lists), one per
    /// rule, each named `<table>_<field>_<rule>` so that the error of a write that breaks it names
    /// the rule: `constraint productions_title_max_length check (length(title) <= 100)`.
    pub fn check_constraints(
        self,
        table: &str,
        field: &str,
        rules: &crate::spec::Rules,
    ) -> Vec<CheckConstraint> {
        let column = self.ident(field);
        let mut conditions: Vec<(&'static str, String)> = Vec::new();
        if let Some(min) = rules.min_length {
            conditions.push(("min_length", format!("length({column}) >= {min}")));
        }
        if let Some(max) = rules.max_length {
            conditions.push(("max_length", format!("length({column}) <= {max}")));
        }
        if let Some(min) = rules.min {
            conditions.push(("min", format!("{column} >= {min}")));
        }
        if let Some(max) = rules.max {
            conditions.push(("max", format!("{column} <= {max}")));
        }
        if let Some(options) = &rules.one_of {
            let list: Vec<String> = options.iter().map(|o| self.literal(o)).collect();
            conditions.push(("one_of", format!("{column} in ({})", list.join(", "))));
        }
        conditions
            .into_iter()
            .map(|(rule, condition)| {
                let name = format!("{table}_{field}_{rule}");
                CheckConstraint {
                    sql: format!("constraint {} check ({condition})", self.ident(&name)),
                    error: self.check_error(&name),
                    name,
                    rule,
                }
            })
            .collect()
    }

    /// The error message of a write that breaks the CHECK constraint `name`.
    fn check_error(self, name: &str) -> String {
        match self {
            Dialect::Sqlite => format!("CHECK constraint failed: {name}"),
        }
    }

    /// The error message of a write that puts a value already taken into the unique `column`.
    pub fn unique_error(self, table: &str, column: &str) -> String {
        match self {
            // SQLite names the table and column unquoted, even when they are keywords.
            Dialect::Sqlite => format!("UNIQUE constraint failed: {table}.{column}"),
        }
    }

    /// Whether adding a constraint means rebuilding the table (SQLite has no
    /// `alter table ... add constraint`).
    pub fn rebuilds_to_add_constraints(self) -> bool {
        match self {
            Dialect::Sqlite => true,
        }
    }

    /// The Rust type of the connection pool.
    pub fn pool_type(self) -> &'static str {
        match self {
            Dialect::Sqlite => "SqlitePool",
        }
    }

    /// The Rust type of one connection, as taken from the pool for several queries in a row.
    pub fn connection_type(self) -> &'static str {
        match self {
            Dialect::Sqlite => "SqliteConnection",
        }
    }

    /// The trait of what runs a query: the pool, or one connection taken from it.
    pub fn executor_trait(self) -> &'static str {
        match self {
            Dialect::Sqlite => "SqliteExecutor",
        }
    }

    /// The Rust type that configures the connection pool.
    pub fn pool_options_type(self) -> &'static str {
        match self {
            Dialect::Sqlite => "SqlitePoolOptions",
        }
    }

    /// Compile-time options for a database engine that is built into the binary, set through
    /// the generated `.cargo/config.toml`; `None` for a server the app only connects to.
    ///
    /// `SQLITE_DEFAULT_MEMSTATUS=0` is on SQLite's list of recommended options: the memory
    /// statistics it turns off take a lock shared by every connection on each allocation, and
    /// sqlx runs each connection on a thread of its own, so they contend for it. (The option
    /// before it on that list, `SQLITE_THREADSAFE=0`, is for one thread only, which sqlx is not.)
    pub fn engine_build(self) -> Option<EngineBuild> {
        match self {
            Dialect::Sqlite => Some(EngineBuild {
                variable: "LIBSQLITE3_FLAGS",
                flags: "-DSQLITE_DEFAULT_MEMSTATUS=0",
            }),
        }
    }

    /// The sqlx feature that enables this database.
    pub fn sqlx_feature(self) -> &'static str {
        match self {
            Dialect::Sqlite => "sqlite",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_quoted_and_plain_names_are_not() {
        assert_eq!(Dialect::Sqlite.ident("order"), "\"order\"");
        assert_eq!(Dialect::Sqlite.ident("where"), "\"where\"");
        assert_eq!(Dialect::Sqlite.ident("title"), "title");
        assert_eq!(Dialect::Sqlite.ident("type"), "type");
    }

    #[test]
    fn checks_cover_lengths_ranges_and_lists_one_named_constraint_per_rule() {
        let rules = crate::spec::Rules {
            max_length: Some(100),
            one_of: Some(vec![
                Literal::Text("Drama".into()),
                Literal::Text("Opera".into()),
            ]),
            ..Default::default()
        };
        let checks = Dialect::Sqlite.check_constraints("productions", "genre", &rules);
        let sql: Vec<&str> = checks.iter().map(|c| c.sql.as_str()).collect();
        assert_eq!(
            sql,
            [
                "constraint productions_genre_max_length check (length(genre) <= 100)",
                "constraint productions_genre_one_of check (genre in ('Drama', 'Opera'))",
            ]
        );
        assert_eq!(
            checks[0].error,
            "CHECK constraint failed: productions_genre_max_length"
        );
        assert!(
            Dialect::Sqlite
                .check_constraints("t", "x", &Default::default())
                .is_empty()
        );
        // A keyword column is quoted in the condition, not in the constraint's name.
        let order = crate::spec::Rules {
            min: Some(crate::spec::Number::Int(0)),
            ..Default::default()
        };
        assert_eq!(
            Dialect::Sqlite.check_constraints("categories", "order", &order)[0].sql,
            "constraint categories_order_min check (\"order\" >= 0)"
        );
    }

    #[test]
    fn restrict_is_written_as_sqlite_reports_it_best() {
        assert_eq!(Dialect::Sqlite.on_delete(OnDelete::Restrict), "no action");
        assert_eq!(Dialect::Sqlite.on_delete(OnDelete::Cascade), "cascade");
    }

    #[test]
    fn literals_escape_quotes() {
        let d = Dialect::Sqlite;
        assert_eq!(d.literal(&Literal::Text("O'Neill".into())), "'O''Neill'");
        assert_eq!(d.literal(&Literal::Float(100000.0)), "100000.0");
        assert_eq!(d.literal(&Literal::Bool(true)), "true");
    }
}
