//! The SQL a resource's handlers run: its column list, its statements, and how they are laid out
//! to fit the string literals that hold them.

use serde::Serialize;

use super::auth::ListFilter;
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
    /// The same, as the table had them before it had owners: what lecture 5's migration
    /// copies, which must stay as it was.
    pub columns_before_owners: String,
    /// `select id from productions order by id`, for tests that look in the table.
    pub ids: String,
    /// Sets row 1's `updated_at` far in the past, for the test that an update moves it.
    pub backdate: String,
    pub list: String,
    pub list_page: String,
    pub find: String,
    pub insert: String,
    /// What PATCH's `QueryBuilder` starts from: `update productions` and
    /// `set updated_at = ...`, on two lines.
    pub update_start: String,
    /// One `, title = ` per column PATCH can set, each with the `patch` field it takes.
    pub update_sets: Vec<UpdateSet>,
    /// ` returning id, title, ...`, after the `where`.
    pub update_returning: String,
    pub delete: String,
    /// After rows were inserted with their ids, what moves the table's next id past them
    /// (PostgreSQL's identity columns count on their own; SQLite needs nothing).
    pub reset_ids: Option<String>,
    /// Drops the table, for the test of a database that fails.
    pub drop_table: String,
    /// Makes every insert into the table fail, for the test of a seed that fails halfway.
    pub refuse_inserts: String,
}

/// A column PATCH sets when the body names it.
#[derive(Debug, Serialize)]
pub struct UpdateSet {
    /// The field of the patch body.
    pub ident: String,
    /// What is pushed before the column's value: `, title = `.
    pub push: String,
    /// Whether the field is a required one, which the validation of lecture 5 keeps from
    /// being null: only `Some(Some(value))` is left to set.
    pub required: bool,
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
    // The owner, lecture 7's: added to the table after the others.
    if spec.owned(resource) {
        columns.push("user_id".to_owned());
    }
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
    list_filter: Option<&ListFilter>,
) -> SqlContext {
    // A page's limit and offset come after what the filter binds.
    let page_from = list_filter.map_or(0, |f| f.binds.len());
    let columns = column_list(spec, dialect, resource);
    let writable: Vec<String> = fields
        .iter()
        .map(|f| f.sql.clone())
        .chain(parents.iter().map(|p| dialect.ident(&p.key)))
        .chain(spec.owned(resource).then(|| "user_id".to_owned()))
        .collect();
    let table = dialect.ident(&resource.names.table);
    let placeholders: Vec<String> = (1..=writable.len())
        .map(|n| dialect.placeholder(n))
        .collect();
    let update_sets = fields
        .iter()
        .map(|f| (&f.names.ident, f.required))
        .chain(parents.iter().map(|p| (&p.key, !p.nullable)))
        .zip(&writable)
        .map(|((ident, required), column)| UpdateSet {
            ident: ident.clone(),
            push: format!(", {column} = "),
            required,
        })
        .collect();
    let layout = SqlLayout::holding(columns.iter().chain([&table]));
    let select = layout.list("select ", &columns, "");
    let from = format!("from {table}");
    let returning = layout.list("returning ", &columns, "");
    SqlContext {
        ids: format!("select id from {table} order by id"),
        backdate: format!("update {table} set updated_at = '2000-01-01T00:00:00Z' where id = 1"),
        list: layout.statement(&[&select, &from, "order by id"]),
        list_page: layout.statement(&[
            &select,
            &from,
            &list_filter
                .map(|f| format!("where {}", f.condition))
                .unwrap_or_default(),
            "order by id",
            &format!(
                "limit {} offset {}",
                dialect.placeholder(page_from + 1),
                dialect.placeholder(page_from + 2)
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
        update_start: layout.statement(&[
            &format!("update {table}"),
            &format!("set updated_at = {}", dialect.now()),
        ]),
        update_sets,
        update_returning: layout.list(" returning ", &columns, ""),
        delete: format!("delete from {table} where id = {}", dialect.placeholder(1)),
        columns_before_owners: columns
            .iter()
            .filter(|c| *c != "user_id")
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        columns: columns.join(", "),
        reset_ids: dialect.reset_ids(&table),
        drop_table: dialect.drop_table(&table),
        refuse_inserts: dialect.refuse_inserts(&table),
        table,
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

    /// The layout for a statement whose literal starts `extra` columns further right than a
    /// handler's, such as inside an `impl`'s function.
    pub(super) fn indented(self, extra: usize) -> Self {
        SqlLayout {
            margin: self.margin + extra,
        }
    }

    /// Clauses of one statement, a line each; an empty clause is left out.
    pub(super) fn statement(self, clauses: &[&str]) -> String {
        let clauses: Vec<&str> = clauses.iter().copied().filter(|c| !c.is_empty()).collect();
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
    fn a_filtered_page_numbers_its_limit_and_offset_after_the_filter() {
        let source = "app: notes\ndatabase: postgres\nresources:\n  \
                      notebook: { fields: { name: string } }\n  \
                      note: { fields: { body: text } }\nauth:\n  roles: [editor]\n  \
                      access:\n    notebook: { list: owner }\n    \
                      note: { list: [owner, editor] }\n";
        let mut spec = crate::spec::parse_and_validate(source).unwrap();
        let lecture = &crate::lectures::LECTURES[6];
        let pages = |spec: &Spec| -> Vec<String> {
            let context = crate::context::project(spec, lecture, Variant::Solution);
            let page = |r: &crate::context::ResourceContext| {
                let sql = &r.sql.list_page;
                sql[sql.find("where").unwrap()..]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            context.resources.iter().map(page).collect()
        };
        assert_eq!(
            pages(&spec),
            [
                "where user_id = $1 order by id limit $2 offset $3",
                "where (user_id = $1 or $2) order by id limit $3 offset $4",
            ]
        );
        spec.database = Dialect::Sqlite;
        assert_eq!(
            pages(&spec),
            [
                "where user_id = ? order by id limit ? offset ?",
                "where (user_id = ? or ?) order by id limit ? offset ?",
            ]
        );
    }

    #[test]
    fn the_update_sets_each_writable_column_from_its_patch_field() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/festival.yaml");
        let spec = crate::cli::load(&path).unwrap();
        let lecture = &crate::lectures::LECTURES[3];
        let context = crate::context::project(&spec, lecture, Variant::Solution);
        for r in &context.resources {
            let idents: Vec<&str> = r.sql.update_sets.iter().map(|s| s.ident.as_str()).collect();
            let expected: Vec<&str> = r
                .fields
                .iter()
                .map(|f| f.names.ident.as_str())
                .chain(r.parents.iter().map(|p| p.key.as_str()))
                .collect();
            assert_eq!(idents, expected);
            for (set, f) in r.sql.update_sets.iter().zip(&r.fields) {
                assert_eq!(set.push, format!(", {} = ", f.sql));
                assert_eq!(set.required, f.required);
            }
            // A set_null parent may be cleared; any other parent is required.
            for (set, p) in r.sql.update_sets[r.fields.len()..].iter().zip(&r.parents) {
                assert_eq!(set.required, !p.nullable, "{}", p.key);
            }
            assert!(
                r.sql.update_start.starts_with("update "),
                "{}",
                r.sql.update_start
            );
            assert!(r.sql.update_returning.starts_with(" returning id, "));
        }
    }
}
