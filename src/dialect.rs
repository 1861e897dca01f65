//! Everything that differs between SQL databases, in one place.
//!
//! Templates never spell a column type, a literal or a placeholder themselves: they get the
//! finished SQL from here. SQLite is the default, built into the app; PostgreSQL is the server
//! a course moves to when one machine is not enough. A spec picks one with `database:`.

use serde::Serialize;

use crate::naming::AppNames;
use crate::spec::{Field, FieldType, Literal, OnDelete, float_text};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    #[default]
    Sqlite,
    Postgres,
}

/// The most connections one server process holds to a database server (sqlx's default): the
/// generated `db::MAX_CONNECTIONS`, which the README of lectures 5 to 7 weighs against
/// PostgreSQL's `max_connections`, and `bench/run` reports.
pub const POOL_SIZE: u32 = 10;

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

/// PostgreSQL's reserved keywords, and those it reserves as function or type names
/// (https://www.postgresql.org/docs/current/sql-keywords-appendix.html). An identifier among
/// them is quoted.
const POSTGRES_KEYWORDS: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "not",
    "notnull",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
    "similar",
    "some",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
];

impl Dialect {
    /// The names a spec and `--database` give the dialects, in the order of [`Dialect`].
    pub const NAMES: [&'static str; 2] = ["sqlite", "postgres"];

    /// The dialect a spec or `--database` names.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "sqlite" => Some(Dialect::Sqlite),
            "postgres" => Some(Dialect::Postgres),
            _ => None,
        }
    }

    /// What a spec calls this dialect: `sqlite`, `postgres`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Sqlite => Self::NAMES[0],
            Dialect::Postgres => Self::NAMES[1],
        }
    }

    /// The database's own name, as prose uses it.
    pub fn title(self) -> &'static str {
        match self {
            Dialect::Sqlite => "SQLite",
            Dialect::Postgres => "PostgreSQL",
        }
    }

    /// What an insert that gives its rows' ids says between its columns and `values`: with
    /// `generated always`, PostgreSQL refuses an id unless told that the writer means it.
    pub fn insert_with_ids(self) -> Option<&'static str> {
        match self {
            Dialect::Sqlite => None,
            Dialect::Postgres => Some("overriding system value"),
        }
    }

    /// After rows were inserted with their ids: the statement that moves `table`'s next id
    /// past the largest, where the database keeps a counter of its own (SQLite takes the
    /// largest id plus one, so it needs none).
    pub fn reset_ids(self, table: &str) -> Option<String> {
        match self {
            Dialect::Sqlite => None,
            Dialect::Postgres => Some(format!(
                "select setval(pg_get_serial_sequence('{table}', 'id'), max(id)) from {table};"
            )),
        }
    }

    /// Whether a text field refuses a NUL character (U+0000) from lecture 5 on. PostgreSQL
    /// cannot store one in `text` at all, so every text field refuses it. SQLite can, but its
    /// `length()` stops at it, so a field whose length the database checks refuses it, for
    /// Rust and SQL to count alike.
    pub fn refuses_nul(self, field: &Field) -> bool {
        let rules = &field.rules;
        field.ty.is_textual()
            && match self {
                Dialect::Sqlite => rules.min_length.is_some() || rules.max_length.is_some(),
                Dialect::Postgres => true,
            }
    }

    /// Whether a query may bind a text holding a NUL character. PostgreSQL refuses one
    /// (SQLSTATE 22021), so there a unique field's lookup leaves such a text out: its
    /// `check_*` function has reported it already (see `refuses_nul`).
    pub fn binds_nul(self) -> bool {
        match self {
            Dialect::Sqlite => true,
            Dialect::Postgres => false,
        }
    }

    /// Why a text field refuses NUL, in its generated `check_*` function.
    pub fn nul_reason(self) -> &'static str {
        match self {
            Dialect::Sqlite => {
                "SQLite's `length()` stops at a NUL character, so the CHECK constraint would \
                 count this text differently from Rust: refuse it, so both agree."
            }
            Dialect::Postgres => {
                "PostgreSQL cannot store a NUL character in text: refuse it here, with a \
                 message, rather than let the insert fail."
            }
        }
    }

    /// What the exercise of lecture 2 says of the `id` column.
    pub fn id_note(self) -> &'static str {
        match self {
            Dialect::Sqlite => "`id`: the integer primary key, which SQLite numbers",
            Dialect::Postgres => {
                "`id`: the primary key, a `bigint` PostgreSQL numbers itself (`generated always as identity`)"
            }
        }
    }

    /// The column type of a timestamp without a default, such as a session's end.
    pub fn timestamp_type(self) -> &'static str {
        match self {
            Dialect::Sqlite => "datetime",
            Dialect::Postgres => "timestamptz(0)",
        }
    }

    /// `column` compared without case, as a unique username is: what a lookup compares on both
    /// sides of `=`. SQLite's column says `collate nocase`, so the column itself does.
    pub fn caseless(self, column: &str) -> String {
        match self {
            Dialect::Sqlite => column.to_owned(),
            Dialect::Postgres => format!("lower({column})"),
        }
    }

    /// The definition of a unique text column compared without case, given its definition
    /// (`username text not null unique`), and the index that makes it unique where the column
    /// cannot say so itself: PostgreSQL indexes `lower(username)`, named as its own `unique`
    /// would be, so that errors name the same constraint.
    pub fn caseless_unique(
        self,
        table: &str,
        column: &str,
        definition: &str,
    ) -> (String, Option<String>) {
        match self {
            Dialect::Sqlite => (format!("{definition} collate nocase"), None),
            Dialect::Postgres => (
                definition.replacen(" unique", "", 1),
                Some(format!(
                    "create unique index {} on {table} (lower({column}));",
                    self.unique_error(table, column)
                )),
            ),
        }
    }

    /// A session's end, `days` (bound as the third parameter) from now, and what to bind.
    pub fn session_end(self) -> (String, &'static str) {
        match self {
            Dialect::Sqlite => (
                "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?)".to_owned(),
                "format!(\"+{SESSION_DAYS} days\")",
            ),
            Dialect::Postgres => ("now() + $3 * interval '1 day'".to_owned(), "SESSION_DAYS"),
        }
    }

    /// `days` from now, as a literal test data can use.
    pub fn days_from_now(self, days: u32) -> String {
        match self {
            Dialect::Sqlite => format!("strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+{days} days')"),
            Dialect::Postgres => format!("now() + interval '{days} days'"),
        }
    }

    /// The id of an insert that gives ids, from `param`: when it is null, the table's next
    /// (SQLite numbers a null `integer primary key` itself; PostgreSQL must be asked).
    pub fn id_or_next(self, param: &str, table: &str) -> String {
        match self {
            Dialect::Sqlite => param.to_owned(),
            Dialect::Postgres => {
                format!("coalesce({param}, nextval(pg_get_serial_sequence('{table}', 'id')))")
            }
        }
    }

    /// The seconds between two timestamp columns, as an integer.
    pub fn seconds_between(self, from: &str, to: &str) -> String {
        match self {
            Dialect::Sqlite => format!("unixepoch({to}) - unixepoch({from})"),
            Dialect::Postgres => format!("extract(epoch from {to} - {from})::bigint"),
        }
    }

    /// Drops `table`, for a test of what the app answers when its database fails: even when
    /// other tables refer to it (PostgreSQL then drops their foreign keys, `cascade`).
    pub fn drop_table(self, table: &str) -> String {
        match self {
            Dialect::Sqlite => format!("drop table {table}"),
            Dialect::Postgres => format!("drop table {table} cascade"),
        }
    }

    /// A trigger that makes every insert into `table` fail, for a test that a script which
    /// fails halfway changes nothing. Several statements, laid out for a Rust string literal
    /// that opens at column 8.
    pub fn refuse_inserts(self, table: &str) -> String {
        match self {
            Dialect::Sqlite => format!(
                "create trigger refuse_seed before insert on {table}\n         \
                 begin select raise(abort, 'refused'); end"
            ),
            Dialect::Postgres => format!(
                "create function refuse_seed() returns trigger language plpgsql\n         \
                 as $$ begin raise exception 'refused'; end $$;\n         \
                 create trigger refuse_seed before insert on {table}\n         \
                 for each row execute function refuse_seed();"
            ),
        }
    }

    /// How the timestamp columns keep their values, for the comment of each table.
    pub fn timestamps_note(self) -> &'static str {
        match self {
            Dialect::Sqlite => {
                "Timestamps are stored as RFC 3339 text (2024-12-31T20:00:00Z), which Rust reads fastest."
            }
            Dialect::Postgres => {
                "Timestamps are `timestamptz(0)`: a moment, to the second, which Rust reads as a UTC `DateTime`."
            }
        }
    }

    /// The `DATABASE_URL` of the app's database on a developer's machine: SQLite's file beside
    /// the project, or a database named after the app on a local PostgreSQL.
    pub fn local_url(self, app: &AppNames) -> String {
        match self {
            Dialect::Sqlite => format!("sqlite:{}", app.database_file),
            Dialect::Postgres => self.local_url_of(&app.krate),
        }
    }

    /// The `DATABASE_URL` of the database `name`: a file beside the project, or a database on
    /// a local PostgreSQL.
    pub fn local_url_of(self, name: &str) -> String {
        match self {
            Dialect::Sqlite => format!("sqlite:{name}.db"),
            Dialect::Postgres => format!("postgres://postgres@localhost:5432/{name}"),
        }
    }

    /// An identifier as SQL needs it: quoted only when it is a keyword (`"order"`).
    pub fn ident(self, name: &str) -> String {
        match self {
            Dialect::Sqlite if SQLITE_KEYWORDS.contains(&name) => format!("\"{name}\""),
            Dialect::Postgres if POSTGRES_KEYWORDS.contains(&name) => format!("\"{name}\""),
            Dialect::Sqlite | Dialect::Postgres => name.to_owned(),
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
            (Dialect::Postgres, FieldType::Integer) => "bigint",
            (Dialect::Postgres, FieldType::Float) => "double precision",
            (Dialect::Postgres, FieldType::Bool) => "boolean",
            (Dialect::Postgres, FieldType::Date) => "date",
            (Dialect::Postgres, FieldType::Datetime) => "timestamptz",
            (Dialect::Postgres, _) => "text",
        }
    }

    /// The primary key column definition.
    pub fn primary_key(self) -> &'static str {
        match self {
            Dialect::Sqlite => "integer primary key",
            // The database numbers rows itself, and refuses an id a client makes up; seed data
            // that gives ids says `overriding system value` (see `insert_with_ids`).
            Dialect::Postgres => "bigint generated always as identity primary key",
        }
    }

    /// The definition of `created_at` and `updated_at`.
    pub fn timestamp_column(self) -> &'static str {
        match self {
            // RFC 3339 text rather than `current_timestamp` (`2024-12-31 20:00:00`): sqlx reads
            // it on its first, fastest try, which matters when a list holds many rows.
            Dialect::Sqlite => "datetime not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            Dialect::Postgres => "timestamptz(0) not null default now()",
        }
    }

    /// The expression for "now" in an update, in the same format as `timestamp_column`.
    pub fn now(self) -> &'static str {
        match self {
            Dialect::Sqlite => "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            Dialect::Postgres => "now()",
        }
    }

    /// The n-th (1-based) bind parameter.
    pub fn placeholder(self, n: usize) -> String {
        match self {
            Dialect::Sqlite => "?".to_owned(),
            Dialect::Postgres => format!("${n}"),
        }
    }

    /// The n-th bind parameter for a column of type `ty`, when the value bound is text that
    /// the column must read as its own type (a date bound as `"2024-12-31"`). SQLite keeps
    /// dates as text anyway; PostgreSQL is told to convert.
    pub fn typed_placeholder(self, n: usize, ty: Option<FieldType>) -> String {
        match (self, ty) {
            (Dialect::Postgres, Some(ty @ (FieldType::Date | FieldType::Datetime))) => {
                format!("${n}::{}", self.column_type(ty))
            }
            _ => self.placeholder(n),
        }
    }

    /// A value written into SQL, as in seed data and defaults.
    pub fn literal(self, value: &Literal) -> String {
        match (self, value) {
            (_, Literal::Text(text)) => format!("'{}'", text.replace('\'', "''")),
            (_, Literal::Integer(i)) => i.to_string(),
            (_, Literal::Float(x)) => float_text(*x),
            // SQLite stores booleans as 1 and 0 but reads `true` and `false` since 3.23.
            (Dialect::Sqlite | Dialect::Postgres, Literal::Bool(b)) => b.to_string(),
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
            (Dialect::Postgres, OnDelete::Restrict) => "restrict",
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
            // PostgreSQL names the constraint in the error itself (`constraint()`).
            Dialect::Postgres => name.to_owned(),
        }
    }

    /// The error message of a write that puts a value already taken into the unique `column`.
    pub fn unique_error(self, table: &str, column: &str) -> String {
        match self {
            // SQLite names the table and column unquoted, even when they are keywords.
            Dialect::Sqlite => format!("UNIQUE constraint failed: {table}.{column}"),
            // The name PostgreSQL gives a column's `unique` constraint.
            Dialect::Postgres => format!("{table}_{column}_key"),
        }
    }

    /// Whether adding a constraint means rebuilding the table (SQLite has no
    /// `alter table ... add constraint`).
    pub fn rebuilds_to_add_constraints(self) -> bool {
        match self {
            Dialect::Sqlite => true,
            Dialect::Postgres => false,
        }
    }

    /// The Rust type of the connection pool.
    pub fn pool_type(self) -> &'static str {
        match self {
            Dialect::Sqlite => "SqlitePool",
            Dialect::Postgres => "PgPool",
        }
    }

    /// The Rust type of one connection, as taken from the pool for several queries in a row.
    pub fn connection_type(self) -> &'static str {
        match self {
            Dialect::Sqlite => "SqliteConnection",
            Dialect::Postgres => "PgConnection",
        }
    }

    /// The trait of what runs a query: the pool, or one connection taken from it.
    pub fn executor_trait(self) -> &'static str {
        match self {
            Dialect::Sqlite => "SqliteExecutor",
            Dialect::Postgres => "PgExecutor",
        }
    }

    /// The Rust type that configures the connection pool.
    pub fn pool_options_type(self) -> &'static str {
        match self {
            Dialect::Sqlite => "SqlitePoolOptions",
            Dialect::Postgres => "PgPoolOptions",
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
            Dialect::Postgres => None,
        }
    }

    /// The sqlx feature that enables this database.
    pub fn sqlx_feature(self) -> &'static str {
        match self {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
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
    fn postgres_numbers_parameters_quotes_its_own_keywords_and_names_constraints() {
        let pg = Dialect::Postgres;
        assert_eq!(pg.placeholder(3), "$3");
        assert_eq!(Dialect::Sqlite.placeholder(3), "?");
        // `user` is reserved in PostgreSQL, not in SQLite; `abort` the other way round.
        assert_eq!(pg.ident("user"), "\"user\"");
        assert_eq!(Dialect::Sqlite.ident("user"), "user");
        assert_eq!(pg.ident("abort"), "abort");
        assert_eq!(pg.column_type(FieldType::Datetime), "timestamptz");
        assert_eq!(pg.column_type(FieldType::Integer), "bigint");
        assert_eq!(pg.on_delete(OnDelete::Restrict), "restrict");
        // Errors are matched by the constraint's name, which PostgreSQL reports.
        assert_eq!(pg.unique_error("users", "username"), "users_username_key");
        let rules = crate::spec::Rules {
            max_length: Some(5),
            ..Default::default()
        };
        let check = &pg.check_constraints("notes", "body", &rules)[0];
        assert_eq!(check.error, check.name);
        assert!(!pg.rebuilds_to_add_constraints());
        assert_eq!(pg.engine_build().map(|e| e.variable), None);
    }

    #[test]
    fn a_caseless_unique_username_is_an_index_on_lower_in_postgres_and_nocase_in_sqlite() {
        let definition = "username text not null unique";
        assert_eq!(
            Dialect::Sqlite.caseless_unique("users", "username", definition),
            (
                "username text not null unique collate nocase".to_owned(),
                None
            )
        );
        assert_eq!(
            Dialect::Postgres.caseless_unique("users", "username", definition),
            (
                "username text not null".to_owned(),
                Some("create unique index users_username_key on users (lower(username));".into())
            )
        );
        assert_eq!(Dialect::Postgres.caseless("$1"), "lower($1)");
    }

    #[test]
    fn every_text_field_refuses_nul_in_postgres_but_only_those_with_a_length_in_sqlite() {
        let field = |ty, max_length| crate::spec::Field {
            names: crate::naming::FieldNames::new("x"),
            ty,
            rules: crate::spec::Rules {
                max_length,
                ..Default::default()
            },
        };
        let plain = field(FieldType::String, None);
        let limited = field(FieldType::String, Some(10));
        let number = field(FieldType::Integer, None);
        assert!(Dialect::Postgres.refuses_nul(&plain) && Dialect::Postgres.refuses_nul(&limited));
        assert!(!Dialect::Sqlite.refuses_nul(&plain) && Dialect::Sqlite.refuses_nul(&limited));
        assert!(!Dialect::Postgres.refuses_nul(&number));
    }

    #[test]
    fn names_round_trip() {
        for name in Dialect::NAMES {
            assert_eq!(Dialect::from_name(name).map(Dialect::name), Some(name));
        }
        assert_eq!(Dialect::from_name("mysql"), None);
    }

    #[test]
    fn literals_escape_quotes() {
        let d = Dialect::Sqlite;
        assert_eq!(d.literal(&Literal::Text("O'Neill".into())), "'O''Neill'");
        assert_eq!(d.literal(&Literal::Float(100000.0)), "100000.0");
        assert_eq!(d.literal(&Literal::Bool(true)), "true");
    }
}
