//! The SQL a resource's handlers run: its column list, its statements, and how they are laid out
//! to fit the string literals that hold them.

use serde::Serialize;

use super::fields::FieldContext;
use super::literals::string_literal;
use super::relations::ParentContext;
use crate::dialect::Dialect;
use crate::spec::{Resource, Spec};

#[derive(Debug, Serialize)]
pub struct SqlContext {
    /// The table name as SQL needs it.
    pub table: String,
    /// `id, title, ..., created_at, updated_at`
    pub columns: String,
    /// `select id from productions order by id`, for tests that look in the table.
    pub ids: String,
    pub list: String,
    pub list_page: String,
    pub find: String,
    pub insert: String,
    pub update: String,
    /// What the update handler binds to each placeholder of `update`, in order: `patch.title`,
    /// `patch.budget.is_some()`, `patch.budget.flatten()`, ..., `id`.
    pub update_binds: Vec<String>,
    pub delete: String,
}

/// A column that cannot be null and one that can, each as SQL and as a `patch` field.
#[derive(Debug, Serialize)]
pub struct UpdateExamples {
    pub kept: Option<ColumnExample>,
    pub cleared: Option<ColumnExample>,
}

#[derive(Debug, Serialize)]
pub struct ColumnExample {
    pub sql: String,
    pub ident: String,
}

/// The update exercise's examples: the first field that cannot be null, and `cleared`.
pub(super) fn update_examples(
    fields: &[FieldContext],
    cleared: Option<&FieldContext>,
) -> UpdateExamples {
    let example = |f: &FieldContext| ColumnExample {
        sql: f.sql.clone(),
        ident: f.names.ident.clone(),
    };
    UpdateExamples {
        kept: fields.iter().find(|f| !f.nullable).map(example),
        cleared: cleared.map(example),
    }
}

/// Every column of a resource's table, in table order, as SQL needs them:
/// `id, title, ..., production_id, created_at, updated_at`.
pub(super) fn column_list(spec: &Spec, dialect: Dialect, resource: &Resource) -> Vec<String> {
    let mut columns = vec!["id".to_owned()];
    columns.extend(resource.fields.iter().map(|f| dialect.ident(&f.names.name)));
    columns.extend(
        resource
            .parents
            .iter()
            .map(|p| dialect.ident(&spec.resources[p.resource].names.foreign_key)),
    );
    columns.extend(["created_at".to_owned(), "updated_at".to_owned()]);
    columns
}

/// The statements of a resource's handlers, over its fields' and parents' columns.
pub(super) fn statements(
    spec: &Spec,
    dialect: Dialect,
    resource: &Resource,
    fields: &[FieldContext],
    parents: &[ParentContext],
) -> SqlContext {
    let columns = column_list(spec, dialect, resource);
    let writable: Vec<String> = fields
        .iter()
        .map(|f| f.sql.clone())
        .chain(parents.iter().map(|p| dialect.ident(&p.key)))
        .collect();
    let table = dialect.ident(&resource.names.table);
    let placeholders: Vec<String> = (1..=writable.len())
        .map(|n| dialect.placeholder(n))
        .collect();
    let patched = fields
        .iter()
        .map(|f| (&f.names.ident, f.nullable))
        .chain(parents.iter().map(|p| (&p.key, p.nullable)));
    let update = Update::of(dialect, &writable, patched);
    let layout = SqlLayout::holding(columns.iter().chain([&table]));
    let select = layout.list("select ", &columns, "");
    let from = format!("from {table}");
    let returning = layout.list("returning ", &columns, "");
    SqlContext {
        ids: format!("select id from {table} order by id"),
        list: layout.statement(&[&select, &from, "order by id"]),
        list_page: layout.statement(&[
            &select,
            &from,
            "order by id",
            &format!(
                "limit {} offset {}",
                dialect.placeholder(1),
                dialect.placeholder(2)
            ),
        ]),
        find: layout.statement(&[
            &select,
            &from,
            &format!("where id = {}", dialect.placeholder(1)),
        ]),
        insert: layout.statement(&[
            &layout.list(&format!("insert into {table} ("), &writable, ")"),
            &layout.list("values (", &placeholders, ")"),
            &returning,
        ]),
        update: layout.statement(&[
            &format!("update {table}"),
            &layout.list("set ", &update.assignments, ""),
            &format!("where id = {}", update.id_param),
            &returning,
        ]),
        update_binds: update.binds,
        delete: format!("delete from {table} where id = {}", dialect.placeholder(1)),
        columns: columns.join(", "),
        table,
    }
}

/// The parts of PATCH's one `update` statement.
struct Update {
    /// `title = coalesce(?, title)`, ..., `updated_at = ...`.
    assignments: Vec<String>,
    /// The placeholder of the row's id, after every other.
    id_param: String,
    /// The value bound to each placeholder, in order.
    binds: Vec<String>,
}

impl Update {
    /// The assignments of the `writable` columns, each paired with the `patch` field it takes
    /// and whether that column can be null.
    fn of<'a>(
        dialect: Dialect,
        writable: &[String],
        patched: impl Iterator<Item = (&'a String, bool)>,
    ) -> Self {
        // PATCH changes only the columns the body names, in one statement. A column that cannot
        // be null keeps its value when the bound value is null (`coalesce`); one that can be
        // null takes two values, whether the key was sent and the new value, which may be null.
        // Each placeholder and the value the handler binds to it are made together, so they
        // cannot drift apart.
        let mut binds = Vec::new();
        let mut bind = |value: String| {
            binds.push(value);
            dialect.placeholder(binds.len())
        };
        let mut assignments: Vec<String> = writable
            .iter()
            .zip(patched)
            .map(|(c, (ident, nullable))| {
                if nullable {
                    let sent = bind(format!("patch.{ident}.is_some()"));
                    let value = bind(format!("patch.{ident}.flatten()"));
                    format!("{c} = case when {sent} then {value} else {c} end")
                } else {
                    format!("{c} = coalesce({}, {c})", bind(format!("patch.{ident}")))
                }
            })
            .collect();
        assignments.push(format!("updated_at = {}", dialect.now()));
        let id_param = bind("id".to_owned());
        Update {
            assignments,
            id_param,
            binds,
        }
    }
}

/// How an SQL statement is laid out in the string literal that holds it in generated Rust.
///
/// The literal opens at column 8 (`        "select ...`), so the statement's first line starts
/// at column 9, and the lines after it are indented to line up with it; a literal that must be
/// raw (`r#"`, for a quoted identifier such as `"order"`) starts two columns further right.
/// Lines are wrapped to end by [`SQL_WIDTH`].
#[derive(Clone, Copy)]
pub(super) struct SqlLayout {
    margin: usize,
}

/// The longest line of an SQL statement, indentation included. It leaves room for the closing
/// `",` or `"#,` within rustfmt's 100 columns: one longer line and rustfmt leaves the whole
/// expression around the statement as the template wrote it.
const SQL_WIDTH: usize = 96;

impl SqlLayout {
    /// The layout for a statement that holds `names`, as the dialect quotes them: the text
    /// starts after the literal's opening (`"`, `r"` or `r#"`), as `string_literal` writes it.
    pub(super) fn holding<'a>(names: impl IntoIterator<Item = &'a String>) -> Self {
        let names: Vec<&str> = names.into_iter().map(String::as_str).collect();
        let literal = string_literal(&names.join(" "));
        let opening = literal.find('"').map_or(1, |quote| quote + 1);
        SqlLayout {
            margin: 8 + opening,
        }
    }

    /// Clauses of one statement, a line each.
    pub(super) fn statement(self, clauses: &[&str]) -> String {
        clauses.join(&format!("\n{}", " ".repeat(self.margin)))
    }

    /// `head`, the `items` separated by commas, then `tail`; wrapped to [`SQL_WIDTH`], with
    /// the lines after the first lined up under the first item:
    ///
    /// ```text
    /// select id, title, genre, budget, image, director, description, ongoing, created_at,
    ///        updated_at
    /// ```
    pub(super) fn list(self, head: &str, items: &[String], tail: &str) -> String {
        let align = self.margin + head.len();
        let mut out = head.to_owned();
        let mut column = align;
        for (n, item) in items.iter().enumerate() {
            let piece = if n + 1 == items.len() {
                format!("{item}{tail}")
            } else {
                format!("{item},")
            };
            if n > 0 {
                if column + 1 + piece.len() > SQL_WIDTH {
                    out.push('\n');
                    out.push_str(&" ".repeat(align));
                    column = align;
                } else {
                    out.push(' ');
                    column += 1;
                }
            }
            out.push_str(&piece);
            column += piece.len();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lectures::Variant;

    #[test]
    fn wrapped_lists_fit_the_width_and_line_up_under_the_first_item() {
        let columns: Vec<String> = (1..=12).map(|n| format!("column_{n}")).collect();
        let layout = SqlLayout { margin: 9 };
        let sql = layout.list("select ", &columns, "");
        let lines: Vec<&str> = sql.lines().collect();
        assert_eq!(lines.len(), 2, "{sql}");
        // The first line follows the opening quote; the others carry their indentation.
        assert!(layout.margin + lines[0].len() <= SQL_WIDTH, "{sql}");
        assert!(lines[1].len() <= SQL_WIDTH, "{sql}");
        assert!(lines[0].starts_with("select column_1, column_2,"), "{sql}");
        assert!(
            lines[1].starts_with(&format!("{}column_", " ".repeat(9 + 7))),
            "{sql}"
        );
        assert!(lines[1].ends_with("column_12"), "{sql}");
        // Nothing is lost or reordered.
        let rejoined: Vec<&str> = sql["select ".len()..].split(',').map(str::trim).collect();
        assert_eq!(rejoined, columns);
    }

    #[test]
    fn a_raw_literal_moves_the_statement_right() {
        let names = ["id".to_owned(), "\"order\"".to_owned()];
        let layout = SqlLayout::holding(&names);
        assert_eq!(
            layout.statement(&["select", "from t"]),
            "select\n           from t"
        );
        assert_eq!(SqlLayout::holding(&names[..1]).margin, 9);
        // A backslash alone needs `r"`, one column less than `r#"`.
        assert_eq!(SqlLayout::holding(&[r"a\b".to_owned()]).margin, 10);
    }

    #[test]
    fn short_lists_stay_on_one_line_with_their_tail() {
        let marks = vec!["?".to_owned(), "?".to_owned()];
        let layout = SqlLayout { margin: 9 };
        assert_eq!(layout.list("values (", &marks, ")"), "values (?, ?)");
    }

    #[test]
    fn each_placeholder_of_the_update_has_its_bound_value() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/festival.yaml");
        let spec = crate::cli::load(&path).unwrap();
        let lecture = &crate::lectures::LECTURES[3];
        let context = crate::context::project(&spec, lecture, Variant::Solution);
        let mut nullable_seen = false;
        for r in &context.resources {
            let binds = &r.sql.update_binds;
            assert_eq!(
                r.sql.update.matches('?').count(),
                binds.len(),
                "{}",
                r.sql.update
            );
            assert_eq!(binds.last().map(String::as_str), Some("id"));
            for f in &r.fields {
                let ident = &f.names.ident;
                let expected: Vec<String> = if f.nullable {
                    nullable_seen = true;
                    vec![
                        format!("patch.{ident}.is_some()"),
                        format!("patch.{ident}.flatten()"),
                    ]
                } else {
                    vec![format!("patch.{ident}")]
                };
                let at = binds.iter().position(|b| *b == expected[0]).unwrap();
                assert_eq!(binds[at..at + expected.len()], expected[..], "{binds:?}");
            }
        }
        assert!(
            nullable_seen,
            "the spec must have a nullable field for this test to mean much"
        );
    }
}
