//! Typical wrong answers to each lecture's exercise, as edits of the lecture's solution.
//!
//! cargo-mutants changes Rust operators, never the SQL inside string literals, which is where
//! most of a student's mistakes live: an update without `where`, a list without `order by`, a
//! create answering 200. [`catalogue`] lists such mistakes for a spec and a lecture, each as one
//! find-and-replace in one file of the lecture's solution as generated; `bench/wrong-answers`
//! applies them in turn and runs the project's tests, which must fail for every one.
//!
//! An edit is computed from the context values the templates print (SQL statements, binds,
//! rule conditions and messages) and placed in the rendered file by the code around it, so it
//! holds for any names a spec has and however rustfmt laid the code out. Its `find` is then
//! widened a line at a time until it occurs exactly once in its file.

use std::ops::Range;

use serde::Serialize;

use crate::context::{self, ProjectContext, ResourceContext, string_literal};
use crate::error::{Error, Result};
use crate::lectures::{Lecture, Task, Variant};
use crate::plan::{self, File};
use crate::spec::{Spec, default_message, float_text};

/// One typical mistake in a lecture's exercise, as an edit of the lecture's solution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WrongAnswer {
    /// What the wrong code does, named like the tests: `update_production_without_where`.
    pub name: String,
    /// The part of the exercise it gets wrong.
    pub task: Task,
    /// The file it changes, relative to the project.
    pub file: String,
    /// Text that occurs exactly once in `file` of the solution.
    pub find: String,
    /// What the wrong answer has instead.
    pub replace: String,
    /// Why it is wrong: what a client would see.
    pub why: String,
}

/// The wrong answers to `lecture`'s exercise for `spec`, task by task in the lecture's order,
/// then resource by resource in the spec's.
pub fn catalogue(spec: &Spec, lecture: &Lecture) -> Result<Vec<WrongAnswer>> {
    let files = plan::project(spec, lecture, Variant::Solution)?;
    let context = context::project(spec, lecture, Variant::Solution);
    let mut catalogue = Catalogue {
        spec,
        context: &context,
        files: &files,
        answers: Vec::new(),
    };
    for &task in lecture.tasks {
        match task {
            Task::ShowPage => catalogue.show_page()?,
            Task::RequestContext => catalogue.request_context()?,
            Task::Seed => catalogue.seed()?,
            Task::List => catalogue.list()?,
            Task::Show => catalogue.show()?,
            Task::Create => catalogue.create()?,
            Task::Update => catalogue.update()?,
            Task::Delete => catalogue.delete()?,
            Task::Validate => catalogue.validate()?,
            Task::Routes => catalogue.routes()?,
            Task::ValidationErrors => catalogue.validation_errors()?,
            Task::Schema => catalogue.schema()?,
            Task::Find => catalogue.find()?,
            Task::Serializers => catalogue.serializers()?,
            Task::Cors => catalogue.cors()?,
            // The client's wrong answers would need its own tests run, in JavaScript, which
            // bench/wrong-answers does not do: `api.js` is graded by its tests alone.
            Task::ApiClient => {}
            Task::Passwords => catalogue.passwords()?,
            Task::Sessions => catalogue.sessions()?,
            Task::Authorization => catalogue.authorization()?,
        }
    }
    Ok(catalogue.answers)
}

struct Catalogue<'a> {
    spec: &'a Spec,
    context: &'a ProjectContext,
    files: &'a [File],
    answers: Vec<WrongAnswer>,
}

/// Text at `range` of a file, to be replaced by `replace`.
struct Edit {
    range: Range<usize>,
    replace: String,
}

fn edit(range: Range<usize>, replace: impl Into<String>) -> Option<Edit> {
    Some(Edit {
        range,
        replace: replace.into(),
    })
}

/// The file of a resource's routes.
fn routes(r: &ResourceContext) -> String {
    format!("src/routes/{}.rs", r.names.plural)
}

impl<'a> Catalogue<'a> {
    /// The contents of a file of the solution; empty if it has none, which `push` reports.
    fn text(&self, path: &str) -> &'a str {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map_or("", |f| f.contents.as_str())
    }

    /// Adds a wrong answer, its edit widened until its `find` occurs once in the file.
    fn push(
        &mut self,
        name: String,
        task: Task,
        file: &str,
        edit: Option<Edit>,
        why: impl Into<String>,
    ) -> Result<()> {
        let text = self.text(file);
        let failed = |reason: &str| Error::WrongAnswer {
            name: name.clone(),
            file: file.to_owned(),
            reason: reason.to_owned(),
        };
        if !self.files.iter().any(|f| f.path == file) {
            return Err(failed("the solution has no such file"));
        }
        let Edit { range, replace } = edit.ok_or_else(|| failed("its place was not found"))?;
        let wide = widen(text, range.clone());
        let find = text[wide.clone()].to_owned();
        let replace = format!(
            "{}{replace}{}",
            &text[wide.start..range.start],
            &text[range.end..wide.end]
        );
        if find == replace {
            return Err(failed("it changes nothing"));
        }
        self.answers.push(WrongAnswer {
            name,
            task,
            file: file.to_owned(),
            find,
            replace,
            why: why.into(),
        });
        Ok(())
    }

    fn resources(&self) -> &'a [ResourceContext] {
        &self.context.resources
    }

    fn placeholder(&self, n: usize) -> String {
        self.context.dialect.name.placeholder(n)
    }

    // Lecture 1.

    fn show_page(&mut self) -> Result<()> {
        for r in self.resources() {
            let (s, file) = (&r.names.singular, routes(r));
            let text = self.text(&file);
            let not_found = "(StatusCode::NOT_FOUND, Html(page))";
            self.push(
                format!("show_{s}_page_answering_200_for_an_unknown_id"),
                Task::ShowPage,
                &file,
                token(text, not_found).and_then(|at| edit(at, "(StatusCode::OK, Html(page))")),
                "a page that is not there must say so with a 404, not look like a page that is",
            )?;
            // A row of numbers and bools only cannot hold a `<`: nothing to escape there.
            if r.page_test_field.is_none() {
                continue;
            }
            self.push(
                format!("show_{s}_page_without_escaping"),
                Task::ShowPage,
                &file,
                token(text, "escape(&value)").and_then(|at| edit(at, "value")),
                "a value with `<` in it would be read as HTML: a stored script would run",
            )?;
        }
        Ok(())
    }

    fn request_context(&mut self) -> Result<()> {
        let file = "src/pages.rs";
        let text = self.text(file);
        let body = item(text, "async fn request_context(");
        self.push(
            "request_context_without_headers".into(),
            Task::RequestContext,
            file,
            body.clone()
                .and_then(|body| find_in(text, body, "{rows}"))
                .and_then(|at| edit(at, "")),
            "the page must list the headers the request came with",
        )?;
        self.push(
            "request_context_without_escaping".into(),
            Task::RequestContext,
            file,
            body.and_then(|body| find_in(text, body, "escape(value)"))
                .and_then(|at| edit(at, "value")),
            "a header is whatever the client sent: unescaped, `<script>` in it would run",
        )
    }

    // Lecture 2: seed, and read-only views.

    fn seed(&mut self) -> Result<()> {
        let text = self.text("seed.sql");
        let deletes: String = self
            .resources()
            .iter()
            .rev()
            .map(|r| format!("delete from {};\n", r.sql.table))
            .collect();
        self.push(
            "seed_adds_the_rows_again_when_run_twice".into(),
            Task::Seed,
            "seed.sql",
            token(text, &deletes).and_then(|at| edit(at, "")),
            "a seed that does not first delete what it loads cannot run twice: the second run \
             inserts every row again",
        )?;
        let file = "src/db.rs";
        let text = self.text(file);
        self.push(
            "seed_without_commit".into(),
            Task::Seed,
            file,
            token(text, "tx.commit().await").and_then(|at| edit(at, "Ok(())")),
            "a transaction that is never committed is rolled back when it is dropped: nothing \
             is loaded",
        )?;
        let begin = token(text, "let mut tx = db.begin().await?;");
        let commit = token(text, "tx.commit().await");
        self.push(
            "seed_outside_a_transaction".into(),
            Task::Seed,
            file,
            begin.zip(commit).and_then(|(begin, commit)| {
                edit(
                    begin.start..commit.end,
                    "sqlx::raw_sql(SEED_SQL).execute(db).await?;\n    Ok(())",
                )
            }),
            "without a transaction, a statement that fails leaves the tables emptied or half \
             loaded instead of as they were",
        )
    }

    fn list(&mut self) -> Result<()> {
        let paged = self.context.has.serializers;
        for r in self.resources() {
            let (p, file) = (&r.names.plural, routes(r));
            let text = self.text(&file);
            let sql = if paged { &r.sql.list_page } else { &r.sql.list };
            self.push(
                format!("list_{p}_without_order_by"),
                Task::List,
                &file,
                literal_edit(text, sql, &drop_line(sql, "order by id")),
                "without `order by`, SQL promises no order: the rows may come in any order",
            )?;
            if !paged {
                continue;
            }
            let limit = ".bind(pagination.limit())";
            let offset = ".bind(pagination.offset())";
            let paging = format!(
                "limit {} offset {}",
                self.placeholder(1),
                self.placeholder(2)
            );
            let no_limit = replace_line(
                sql,
                &paging,
                &format!("limit -1 offset {}", self.placeholder(1)),
            );
            self.push(
                format!("list_{p}_ignoring_limit"),
                Task::List,
                &file,
                literal_edit_dropping(text, sql, &no_limit, limit),
                "`?limit=2` must answer two rows at most",
            )?;
            let no_offset = replace_line(sql, &paging, &format!("limit {}", self.placeholder(1)));
            self.push(
                format!("list_{p}_ignoring_offset"),
                Task::List,
                &file,
                literal_edit_dropping(text, sql, &no_offset, offset),
                "`?offset=1` must skip the first row",
            )?;
            let swapped = token(text, limit)
                .zip(token(text, offset))
                .and_then(|(l, o)| {
                    let between = &text[l.end..o.start];
                    edit(l.start..o.end, format!("{offset}{between}{limit}"))
                });
            self.push(
                format!("list_{p}_with_limit_and_offset_swapped"),
                Task::List,
                &file,
                swapped,
                "the binds fill the `?`s in order: swapped, `?limit=2&offset=1` answers one row, \
                 the third",
            )?;
        }
        Ok(())
    }

    fn show(&mut self) -> Result<()> {
        for r in self.resources() {
            let (s, file) = (&r.names.singular, routes(r));
            let text = self.text(&file);
            let find = &r.sql.find;
            let everything = drop_line(find, "where id = ");
            self.push(
                format!("show_{s}_without_where"),
                Task::Show,
                &file,
                literal_edit_dropping(text, find, &everything, ".bind(id)"),
                format!(
                    "without `where id = {}` the query finds the first row, whichever id was \
                     asked for",
                    self.placeholder(1)
                ),
            )?;
            if !self.context.has.serializers {
                continue;
            }
            for c in &r.children {
                let (cp, cs) = (&c.names.plural, &c.names.singular);
                let statement = token(text, &string_literal(&c.select)).and_then(|at| {
                    let start =
                        text[..at.start].rfind(&format!("let {} ", c.names.plural_ident))?;
                    let end = at.end + text[at.end..].find(';')? + 1;
                    edit(
                        start..end,
                        format!("let {} = Vec::new();", c.names.plural_ident),
                    )
                });
                self.push(
                    format!("show_{s}_without_its_{cp}"),
                    Task::Show,
                    &file,
                    statement,
                    format!(
                        "a {} is shown with its {} nested",
                        r.names.human, c.names.plural_human
                    ),
                )?;
                self.push(
                    format!("show_{s}_with_every_{cs}"),
                    Task::Show,
                    &file,
                    literal_edit_dropping(
                        text,
                        &c.select,
                        &drop_line(&c.select, "where "),
                        ".bind(id)",
                    ),
                    format!(
                        "without `where {}`, every {} is nested, those of other {} too",
                        c.key, c.names.human, r.names.plural_human
                    ),
                )?;
                self.push(
                    format!("show_{s}_with_its_{cp}_unordered"),
                    Task::Show,
                    &file,
                    literal_edit(text, &c.select, &drop_line(&c.select, "order by id")),
                    format!(
                        "without `order by`, the nested {} may come in any order",
                        c.names.plural_human
                    ),
                )?;
            }
        }
        Ok(())
    }

    // Lecture 3: create.

    fn schema(&mut self) -> Result<()> {
        for r in self.resources().iter().filter(|r| r.schema_exercise) {
            let file = format!("migrations/{}", r.migration);
            let text = self.text(&file);
            let Some(f) = r.fields.first() else { continue };
            let line = format!("\n    {} ", f.sql);
            let column = text.find(&line).and_then(|at| {
                let end = at + 1 + text[at + 1..].find('\n')?;
                edit(at..end, "")
            });
            self.push(
                format!("schema_{}_without_{}", r.names.table, f.names.name),
                Task::Schema,
                &file,
                column,
                format!(
                    "every field of the spec is a column: `{}` too",
                    f.names.name
                ),
            )?;
            let default = " default (";
            let timestamps = text.find("created_at ").and_then(|at| {
                let start = at + text[at..].find(default)?;
                let end = start + text[start..].find("),")? + 1;
                edit(start..end, "")
            });
            self.push(
                format!("schema_{}_without_a_default_created_at", r.names.table),
                Task::Schema,
                &file,
                timestamps,
                "an insert that leaves out `created_at` gets the time of the insert",
            )?;
        }
        Ok(())
    }

    fn find(&mut self) -> Result<()> {
        for r in self.resources() {
            let (s, file) = (&r.names.singular, routes(r));
            let text = self.text(&file);
            let place = item(text, &format!("async fn find_{s}("))
                .and_then(|body| find_in(text, body, "where id = "))
                .and_then(|at| edit(at, "where true or id = "));
            self.push(
                format!("find_{s}_ignoring_the_id"),
                Task::Find,
                &file,
                place,
                "`find` loads the row with that id, and no row at all when there is none",
            )?;
        }
        Ok(())
    }

    fn serializers(&mut self) -> Result<()> {
        for r in self.resources() {
            let file = routes(r);
            let text = self.text(&file);
            for c in &r.children {
                let field = format!("    {}: Vec<", c.names.plural_ident);
                self.push(
                    format!(
                        "{}_with_{}_under_another_key",
                        r.names.singular, c.names.plural
                    ),
                    Task::Serializers,
                    &file,
                    text.find(&field).and_then(|at| {
                        edit(
                            at + 4..at + 4,
                            format!("#[serde(rename = \"{}_list\")]\n    ", c.names.singular),
                        )
                    }),
                    format!(
                        "a {} nests its {} under `{}`",
                        r.names.human, c.names.plural_human, c.names.plural
                    ),
                )?;
            }
        }
        Ok(())
    }

    fn routes(&mut self) -> Result<()> {
        for r in self.resources() {
            let (s, file) = (&r.names.singular, routes(r));
            let text = self.text(&file);
            let post = format!(".post(create_{s})");
            self.push(
                format!("create_{s}_not_routed"),
                Task::Routes,
                &file,
                text.find(&post)
                    .and_then(|at| edit(at..at + post.len(), "")),
                format!("`POST {}` must reach `create_{s}`", r.names.route),
            )?;
        }
        Ok(())
    }

    // Lecture 7: passwords, sessions and authorization.

    // Lecture 7: passwords, sessions and the authorization check.

    /// Edits of one file, each `(name, find, replace, why)`: the text is found once.
    fn replacements(
        &mut self,
        task: Task,
        file: &str,
        answers: &[(&str, &str, &str, &str)],
    ) -> Result<()> {
        let text = self.text(file);
        for &(name, find, replace, why) in answers {
            let range = text.find(find).map(|at| at..at + find.len());
            self.push(
                name.into(),
                task,
                file,
                range.and_then(|r| edit(r, replace)),
                why,
            )?;
        }
        Ok(())
    }

    fn passwords(&mut self) -> Result<()> {
        self.replacements(
            Task::Passwords,
            "src/password.rs",
            &[
                (
                    "password_stored_as_it_is",
                    "let hash = Argon2::default().hash_password(password.as_bytes())?;\n        Ok(hash.to_string())",
                    "Ok(password)",
                    "whoever reads the table then has every password",
                ),
                (
                    "password_any_matches",
                    "Err(password_hash::Error::PasswordInvalid) => Ok(false),",
                    "Err(password_hash::Error::PasswordInvalid) => Ok(user_exists),",
                    "a hash computed and never compared lets any password in",
                ),
                (
                    "password_dummy_hash_matches",
                    "Ok(()) => Ok(user_exists),",
                    "Ok(()) => Ok(true),",
                    "the dummy hash is there to spend time, not to match: an unknown username must never log in",
                ),
                (
                    "password_every_error_a_mismatch",
                    "Err(err) => Err(PasswordError::Hash(err)),",
                    "Err(_) => Ok(false),",
                    "a hash the check cannot use is a broken table, to report, not a wrong password to hide",
                ),
                (
                    "password_unreadable_hash_is_a_wrong_password",
                    "PasswordHash::new(&stored).map_err(PasswordError::StoredHash)?",
                    "match PasswordHash::new(&stored) {\n            Ok(parsed) => parsed,\n            Err(_) => return Ok(false),\n        }",
                    "a hash that cannot be read is a broken table, to report, not a wrong password to hide",
                ),
            ],
        )
    }

    fn sessions(&mut self) -> Result<()> {
        self.replacements(
            Task::Sessions,
            "src/routes/auth.rs",
            &[
                (
                    "login_ignoring_the_password",
                    "account.filter(|_| matches)",
                    "account",
                    "a username alone must not log anyone in",
                ),
                (
                    "login_taking_back_failures",
                    "return Err(AppError::InvalidCredentials);",
                    "state.login_attempts.succeeded(&keys);\n        return Err(AppError::InvalidCredentials);",
                    "a failure taken back is not counted: nothing stops guess after guess",
                ),
                (
                    "login_without_the_limit",
                    "state\n        .login_attempts\n        .attempt(&keys)\n        .map_err(|retry_after| AppError::TooManyAttempts { retry_after })?;",
                    "",
                    "without the limit, nothing stops guess after guess",
                ),
                (
                    "login_limited_by_address_only",
                    "format!(\"username:{}\", username.to_lowercase()),",
                    "",
                    "guesses from many addresses at one user would never be stopped",
                ),
                (
                    "logout_keeping_the_session",
                    "let jar = auth::end_session(&state, jar).await?;",
                    "let jar = jar.remove(axum_extra::extract::cookie::Cookie::from(auth::SESSION_COOKIE));",
                    "forgetting the cookie in one browser leaves the session alive for every copy of it",
                ),
            ],
        )
    }

    fn authorization(&mut self) -> Result<()> {
        let Some(r) = self.resources().iter().find(|r| r.authorization_exercise) else {
            return Ok(());
        };
        let file = routes(r);
        let check = r.access.update.check.clone().unwrap_or_default();
        let text = self.text(&file);
        let start = text
            .find(&format!("async fn update_{}(", r.names.singular))
            .unwrap_or(text.len());
        let find = format!("allow({check})?;");
        let at = text[start..]
            .find(&find)
            .map(|at| start + at..start + at + find.len());
        let mut answers = vec![(
            format!("update_{}_without_its_check", r.names.singular),
            at.clone().and_then(|range| edit(range, "")),
            "without the check, any signed-in user changes any row".to_owned(),
        )];
        // A check of several conditions, with one left out.
        let parts: Vec<&str> = check.split(" || ").collect();
        if parts.len() > 1 {
            for (k, part) in parts.iter().enumerate() {
                let rest: Vec<&str> = parts
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != k)
                    .map(|(_, p)| *p)
                    .collect();
                // `production.user_id == Some(user.id)` is the owner; `user.role == Role::Admin`
                // a role.
                let who = match part.split_once("Role::") {
                    Some((_, role)) => heck::ToSnakeCase::to_snake_case(role),
                    None => "the_owner".to_owned(),
                };
                answers.push((
                    format!("update_{}_check_without_{who}", r.names.singular),
                    at.clone()
                        .and_then(|range| edit(range, format!("allow({})?;", rest.join(" || ")))),
                    format!("leaving out `{part}` refuses someone the rules allow"),
                ));
            }
        }
        for (name, edit, why) in answers {
            self.push(name, Task::Authorization, &file, edit, why)?;
        }
        Ok(())
    }

    // Lecture 6: the CORS layer.

    fn cors(&mut self) -> Result<()> {
        let file = "src/cors.rs";
        let text = self.text(file);
        let at = |needle: &str| text.find(needle).map(|at| at..at + needle.len());
        let answers = [
            (
                "cors_allowing_every_origin",
                ".allow_origin(origins)",
                ".allow_origin(tower_http::cors::AllowOrigin::mirror_request())",
                "echoing any origin back lets every site's pages read the API with the visitor's cookies",
            ),
            (
                "cors_without_patch",
                "Method::PATCH, ",
                "",
                "the client updates with `PATCH`: a preflight that leaves it out blocks every edit",
            ),
            (
                "cors_without_the_content_type_header",
                ".allow_headers([header::CONTENT_TYPE])",
                "",
                "a JSON body comes with `Content-Type`, which the preflight must allow",
            ),
            (
                "cors_without_credentials",
                ".allow_credentials(true)",
                "",
                "without it the browser keeps the answer from a page that sent cookies",
            ),
            (
                "cors_without_exposing_location",
                ".expose_headers([header::LOCATION])",
                "",
                "a cross-origin page cannot read `Location` unless it is exposed",
            ),
        ];
        for (name, find, replace, why) in answers {
            self.push(
                name.into(),
                Task::Cors,
                file,
                at(find).and_then(|range| edit(range, replace)),
                why,
            )?;
        }
        Ok(())
    }

    fn validation_errors(&mut self) -> Result<()> {
        let file = "src/error.rs";
        let text = self.text(file);
        let at = |needle: &str| text.find(needle).map(|at| at..at + needle.len());
        self.push(
            "validation_answered_with_400".into(),
            Task::ValidationErrors,
            file,
            at("AppError::Validation(_) | AppError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY")
                .and_then(|range| {
                    edit(
                        range,
                        "AppError::Validation(_) | AppError::Refused(_) => StatusCode::BAD_REQUEST",
                    )
                }),
            "a body that breaks the spec's rules is well formed: 422 Unprocessable Content",
        )?;
        self.push(
            "validation_without_its_errors".into(),
            Task::ValidationErrors,
            file,
            at("AppError::Validation(errors) => Some(errors),")
                .and_then(|range| edit(range, "AppError::Validation(_) => None,")),
            "a 422 lists every broken rule under `errors`, by field",
        )?;
        Ok(())
    }

    fn create(&mut self) -> Result<()> {
        for r in self.resources() {
            let (s, file) = (&r.names.singular, routes(r));
            let text = self.text(&file);
            let body = item(text, &format!("async fn create_{s}("));
            let within = |needle: &str| body.clone().and_then(|b| find_in(text, b, needle));
            self.push(
                format!("create_{s}_answering_200"),
                Task::Create,
                &file,
                within("StatusCode::CREATED").and_then(|at| edit(at, "StatusCode::OK")),
                "a row created is answered with 201 Created",
            )?;
            let without_location = body.clone().and_then(|b| {
                let header = find_in(text, b.clone(), "[(HeaderName, String); 1]")?;
                let location = find_in(text, b, "[(header::LOCATION, location)]")?;
                let mut span = text[header.start..location.end].to_owned();
                span = remove_item(&span, "[(HeaderName, String); 1]")?;
                let let_location = span.find("let location =")?;
                let statement_end = let_location + span[let_location..].find(';')? + 1;
                span.replace_range(let_location..skip_space(&span, statement_end), "");
                let tail = item_end(text, location.end);
                let tuple = span.rfind("[(header::LOCATION, location)]")?;
                span.truncate(tuple);
                edit(header.start..tail, span)
            });
            self.push(
                format!("create_{s}_without_location"),
                Task::Create,
                &file,
                without_location,
                format!(
                    "a 201 says where the new row lives in its `Location` header: `{}/{{id}}`",
                    r.names.route
                ),
            )?;
            for f in r
                .fields
                .iter()
                .filter(|f| f.create_bind.contains(".unwrap_or"))
            {
                let bind = format!(".bind({})", f.create_bind);
                self.push(
                    format!("create_{s}_without_the_default_of_{}", f.names.name),
                    Task::Create,
                    &file,
                    within(&bind)
                        .and_then(|at| edit(at, format!(".bind(input.{})", f.names.ident))),
                    format!(
                        "a body without `{}` binds null, which the `not null` column refuses: a \
                         column's default applies only when the insert leaves the column out",
                        f.names.name
                    ),
                )?;
            }
            let plain =
                |f: &context::FieldContext| f.create_bind == format!("input.{}", f.names.ident);
            let pair = r
                .fields
                .windows(2)
                .find(|w| plain(&w[0]) && plain(&w[1]) && w[0].new_type == w[1].new_type);
            if let Some([a, b]) = pair {
                let (bind_a, bind_b) = (
                    format!(".bind({})", a.create_bind),
                    format!(".bind({})", b.create_bind),
                );
                let swapped = within(&bind_a).zip(within(&bind_b)).and_then(|(x, y)| {
                    let between = &text[x.end..y.start];
                    edit(x.start..y.end, format!("{bind_b}{between}{bind_a}"))
                });
                self.push(
                    format!(
                        "create_{s}_with_{}_and_{}_swapped",
                        a.names.name, b.names.name
                    ),
                    Task::Create,
                    &file,
                    swapped,
                    "the binds fill the `?`s of `values (...)` in order: the order of the columns",
                )?;
            }
        }
        Ok(())
    }

    // Lecture 4: update and delete.

    fn update(&mut self) -> Result<()> {
        for r in self.resources() {
            let (s, file) = (&r.names.singular, routes(r));
            let text = self.text(&file);
            let columns: Vec<(&str, bool)> = r
                .fields
                .iter()
                .map(|f| (f.names.name.as_str(), f.nullable))
                .chain(r.parents.iter().map(|p| (p.key.as_str(), p.nullable)))
                .collect();
            // Nulling a nullable column goes unseen unless a test looks at it; nulling any other
            // makes the database refuse the update, so one of those is enough: the last, which
            // a test is least likely to send.
            let mut nulled: Vec<usize> = (0..columns.len()).filter(|&i| columns[i].1).collect();
            if nulled.is_empty() {
                nulled.push(columns.len() - 1);
            }
            for (i, set) in r.sql.update_sets.iter().enumerate() {
                let (column, nullable) = columns[i];
                let block = token(text, &string_literal(&set.push)).and_then(|at| {
                    let start = text[..at.start].rfind("if let ")?;
                    block_at(text, start)
                });
                if nulled.contains(&i) {
                    let always = format!(
                        "update.push({}).push_bind(patch.{}{});",
                        string_literal(&set.push),
                        set.ident,
                        if nullable { ".flatten()" } else { "" }
                    );
                    self.push(
                        format!("update_{s}_nulling_{column}_when_left_out"),
                        Task::Update,
                        &file,
                        block.clone().and_then(|b| edit(b, always)),
                        format!(
                            "a PATCH changes only the keys it sends: one without `{column}` must \
                             leave it as it was, not set it to null"
                        ),
                    )?;
                }
                self.push(
                    format!("update_{s}_ignoring_{column}"),
                    Task::Update,
                    &file,
                    block.and_then(|b| edit(whole_lines(text, b), "")),
                    format!("a PATCH that sends `{column}` must change it"),
                )?;
            }
            let start = &r.sql.update_start;
            let stale = replace_after(start, "set updated_at = ", "updated_at");
            self.push(
                format!("update_{s}_without_updated_at"),
                Task::Update,
                &file,
                literal_edit(text, start, &stale),
                "`updated_at` says when a row last changed: an update must set it",
            )?;
            let where_id = token(text, "update.push(\" where id = \").push_bind(id);");
            self.push(
                format!("update_{s}_without_where"),
                Task::Update,
                &file,
                where_id.and_then(|at| edit(whole_lines(text, at), "")),
                "an update without `where` changes every row",
            )?;
        }
        Ok(())
    }

    fn delete(&mut self) -> Result<()> {
        for r in self.resources() {
            let (s, file) = (&r.names.singular, routes(r));
            let text = self.text(&file);
            let body = item(text, &format!("async fn delete_{s}("));
            let within = |needle: &str| body.clone().and_then(|b| find_in(text, b, needle));
            self.push(
                format!("delete_{s}_answering_200"),
                Task::Delete,
                &file,
                within("StatusCode::NO_CONTENT").and_then(|at| edit(at, "StatusCode::OK")),
                "a delete answers 204 No Content: there is no body to send",
            )?;
            let delete = &r.sql.delete;
            let every_row = delete
                .rsplit_once(&format!(" where id = {}", self.placeholder(1)))
                .map_or_else(|| delete.clone(), |(head, _)| head.to_owned());
            self.push(
                format!("delete_{s}_without_where"),
                Task::Delete,
                &file,
                literal_edit_dropping(text, delete, &every_row, ".bind(id)"),
                "a delete without `where` deletes every row, not the one asked for",
            )?;
            let check =
                within("if result.rows_affected() == 0 {").and_then(|at| block_at(text, at.start));
            self.push(
                format!("delete_{s}_answering_204_for_a_missing_row"),
                Task::Delete,
                &file,
                check.and_then(|b| edit(whole_lines(text, b), "")),
                "deleting a row that does not exist is a 404: `rows_affected()` says whether one did",
            )?;
        }
        Ok(())
    }

    // Lecture 5: validation.

    fn validate(&mut self) -> Result<()> {
        let spec = self.spec;
        for (r, resource) in self.resources().iter().zip(&spec.resources) {
            let (s, file) = (&r.names.singular, routes(r));
            let text = self.text(&file);
            for (f, field) in r.fields.iter().zip(&resource.fields) {
                if f.checks.is_empty() {
                    continue;
                }
                let name = &f.names.name;
                let blocks = item(text, &format!("fn check_{name}("))
                    .map(|body| top_level_ifs(text, body))
                    .filter(|blocks| blocks.len() == f.checks.len());
                // A required text refuses "" as missing before `min_length: 1` can: skipping that
                // check, or any change to what it refuses, is a change no request can tell.
                let unseen = |rule: &str| {
                    rule == "min_length"
                        && f.required
                        && f.textual
                        && field.rules.min_length.is_some_and(|min| min <= 1)
                };
                let mut wrong_message_done = false;
                for (k, check) in f.checks.iter().enumerate() {
                    let block = blocks.as_ref().map(|b| b[k].clone());
                    let rule = check.rule;
                    if !unseen(rule) {
                        self.push(
                            format!("validate_{s}_without_{name}_{rule}"),
                            Task::Validate,
                            &file,
                            block.clone().and_then(|b| edit(whole_lines(text, b), "")),
                            format!(
                                "a value of `{name}` that breaks `{rule}` is refused, with every \
                                 other broken rule"
                            ),
                        )?;
                    }
                    if let Some((strict, shifted)) = off_by_one(&check.condition) {
                        let (past, at) = case_names(rule);
                        let condition = |new: String| {
                            block
                                .clone()
                                .and_then(|b| find_in(text, b, &check.condition))
                                .and_then(|at| edit(at, new))
                        };
                        self.push(
                            format!("validate_{s}_refusing_{name}_{at}"),
                            Task::Validate,
                            &file,
                            condition(strict),
                            format!(
                                "`{rule}` allows its bound: `{name}` {} is valid",
                                at.replace('_', " ")
                            ),
                        )?;
                        if !unseen(rule) {
                            self.push(
                                format!("validate_{s}_accepting_{name}_just_{past}"),
                                Task::Validate,
                                &file,
                                condition(shifted),
                                format!(
                                    "`{rule}` allows nothing past its bound: `{name}` just {} is \
                                     refused",
                                    past.replace('_', " ")
                                ),
                            )?;
                        }
                    }
                    if rule != "no_nul" && !unseen(rule) && !wrong_message_done {
                        wrong_message_done = true;
                        let wrong = match &field.rules.message {
                            Some(_) => default_message(&field.rules, rule),
                            None => "is invalid".to_owned(),
                        };
                        let message = block
                            .clone()
                            .and_then(|b| find_in(text, b, &format!("{:?}", check.message)))
                            .and_then(|at| edit(at, format!("{wrong:?}")));
                        self.push(
                            format!("validate_{s}_with_a_wrong_{name}_{rule}_message"),
                            Task::Validate,
                            &file,
                            message,
                            format!(
                                "a broken `{rule}` of `{name}` says {:?}, as the spec says",
                                check.message
                            ),
                        )?;
                    }
                }
            }
            self.required(r, &file, text)?;
            self.unique(r, &file, text)?;
            self.parents(r, &file, text)?;
        }
        Ok(())
    }

    /// Required fields and parents, in the create body's and the patch's `validate`.
    fn required(&mut self, r: &ResourceContext, file: &str, text: &str) -> Result<()> {
        let s = &r.names.singular;
        let new = item(text, &format!("impl New{} {{", r.names.pascal));
        let patch = item(text, &format!("impl {}Patch {{", r.names.pascal));
        let required: Vec<(&str, &str, &str, bool)> = r
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| {
                (
                    f.names.name.as_str(),
                    f.names.ident.as_str(),
                    f.required_message.as_str(),
                    f.textual,
                )
            })
            .chain(
                r.parents
                    .iter()
                    .filter(|p| !p.nullable)
                    .map(|p| (p.key.as_str(), p.key.as_str(), "is required", false)),
            )
            .collect();
        for &(name, ident, message, textual) in &required {
            let add = new.clone().and_then(|b| errors_add(text, b, name, message));
            self.push(
                format!("validate_new_{s}_without_required_{name}"),
                Task::Validate,
                file,
                add.clone().and_then(|at| edit(at, "{}")),
                format!(
                    "a {} without `{name}` is refused with {message:?}",
                    r.names.human
                ),
            )?;
            if textual {
                // `None | Some("") => errors.add(...)` in a `match`, or an `if` that tests both.
                let empty = add.and_then(|at| {
                    let body = new.clone()?;
                    let arm = "None | Some(\"\")";
                    let arm_at = text[body.start..at.start]
                        .rfind(arm)
                        .map(|n| body.start + n);
                    if let Some(arm_at) = arm_at
                        && text[arm_at + arm.len()..at.start].trim() == "=>"
                    {
                        return edit(arm_at..arm_at + arm.len(), "None");
                    }
                    let test = format!("self.{ident}.as_deref().is_none_or(str::is_empty)");
                    let test_at = find_in(text, body, &test)?;
                    edit(test_at, format!("self.{ident}.is_none()"))
                });
                self.push(
                    format!("validate_new_{s}_accepting_an_empty_{name}"),
                    Task::Validate,
                    file,
                    empty,
                    format!(
                        "an empty `{name}` is no more an answer than a missing one: {message:?}"
                    ),
                )?;
            }
            self.push(
                format!("validate_{s}_patch_accepting_null_{name}"),
                Task::Validate,
                file,
                patch
                    .clone()
                    .and_then(|b| errors_add(text, b, name, message))
                    .and_then(|at| edit(at, "{}")),
                format!("a PATCH may leave `{name}` out, but not send it as null: {message:?}"),
            )?;
        }
        if let Some(&(name, _, message, _)) = required.first() {
            let wrong = if message == "can't be blank" {
                "is missing"
            } else {
                "can't be blank"
            };
            self.push(
                format!("validate_new_{s}_with_a_wrong_required_message"),
                Task::Validate,
                file,
                new.and_then(|b| errors_add(text, b, name, message))
                    .and_then(|at| find_in(text, at, &format!("{message:?}")))
                    .and_then(|at| edit(at, format!("{wrong:?}"))),
                format!("a missing `{name}` is reported as the spec says: {message:?}"),
            )?;
        }
        Ok(())
    }

    /// Unique fields: the lookup in both `validate`s, and the patch's leaving its own row out.
    fn unique(&mut self, r: &ResourceContext, file: &str, text: &str) -> Result<()> {
        let s = &r.names.singular;
        let new = item(text, &format!("impl New{} {{", r.names.pascal));
        let patch = item(text, &format!("impl {}Patch {{", r.names.pascal));
        for f in r.fields.iter().filter(|f| f.unique) {
            let name = &f.names.name;
            // Without the lookup, the database's unique constraint refuses the same values
            // with the same message; only a body that also breaks another rule tells the two
            // apart (Rust reports every broken rule, the database only its own).
            let told_apart = another_rule_can_break(r, name);
            for (body, which, why) in [
                (
                    new.clone(),
                    format!("validate_new_{s}_without_unique_{name}"),
                    "a new row",
                ),
                (
                    patch.clone(),
                    format!("validate_{s}_patch_without_unique_{name}"),
                    "a PATCH",
                ),
            ] {
                if !told_apart {
                    continue;
                }
                let block = body.and_then(|b| if_block_adding(text, b, "if taken {", name));
                self.push(
                    which,
                    Task::Validate,
                    file,
                    block.and_then(|b| edit(b, "if taken {}")),
                    format!(
                        "{why} whose `{name}` another row has is refused with {:?}, with every \
                         other broken rule",
                        f.unique_message
                    ),
                )?;
            }
            let sql = &f.unique_sql;
            let own = format!(" and id <> {}", self.placeholder(2));
            let counted = sql.replacen(&own, "", 1);
            let edit = patch.clone().and_then(|b| {
                let at = find_in(text, b, &string_literal(sql))?;
                let bind = at.end + text[at.end..].find(".bind(id)")?;
                let first = at.end + text[at.end..].find(".bind(")?;
                let between = &text[at.end..bind];
                (first < bind).then_some(())?;
                edit(
                    at.start..bind + ".bind(id)".len(),
                    format!("{}{}", string_literal(&counted), between.trim_end()),
                )
            });
            self.push(
                format!("validate_{s}_patch_counting_its_own_{name}_as_taken"),
                Task::Validate,
                file,
                edit,
                format!("a PATCH that sends a row's own `{name}` again is valid: `id <> ?` leaves the row out"),
            )?;
        }
        Ok(())
    }

    /// Parents: the lookup that the id names a row.
    fn parents(&mut self, r: &ResourceContext, file: &str, text: &str) -> Result<()> {
        let s = &r.names.singular;
        let new = item(text, &format!("impl New{} {{", r.names.pascal));
        for p in &r.parents {
            let block = new
                .clone()
                .and_then(|b| if_block_adding(text, b, "if !exists {", &p.key));
            self.push(
                format!("validate_new_{s}_without_the_{}_lookup", p.names.singular),
                Task::Validate,
                file,
                block.and_then(|b| edit(b, "if !exists {}")),
                format!(
                    "a `{}` that names no row is refused with {:?}, with every other broken rule",
                    p.key, p.missing_message
                ),
            )?;
        }
        Ok(())
    }
}

/// The range of the first `needle` in `text`.
fn token(text: &str, needle: &str) -> Option<Range<usize>> {
    find_in(text, 0..text.len(), needle)
}

/// The range of the first `needle` in `text[within]`.
fn find_in(text: &str, within: Range<usize>, needle: &str) -> Option<Range<usize>> {
    let at = text[within.clone()].find(needle)? + within.start;
    Some(at..at + needle.len())
}

/// A top-level item (a function, an `impl`) starting with `head`, up to its closing brace.
fn item(text: &str, head: &str) -> Option<Range<usize>> {
    let start = text.find(head)?;
    let end = start + text[start..].find("\n}\n")? + 2;
    Some(start..end)
}

/// The statement that opens a block on the line holding `start`, up to the brace that closes
/// it: rustfmt puts that brace at the indentation of the statement's first line.
fn block_at(text: &str, start: usize) -> Option<Range<usize>> {
    let line = line_of(text, start);
    let indent = text[line.clone()].len() - text[line.clone()].trim_start().len();
    let close = format!("\n{}}}", " ".repeat(indent));
    let end = start + text[start..].find(&close)? + close.len();
    Some(start..end)
}

/// The `if` statements of a function body, in order.
fn top_level_ifs(text: &str, body: Range<usize>) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut at = body.start;
    while let Some(found) = find_in(text, at..body.end, "\n    if ") {
        match block_at(text, found.start + 5) {
            Some(block) => {
                at = block.end;
                blocks.push(block);
            }
            None => break,
        }
    }
    blocks
}

/// The block opened by `head` in `text[within]` whose `errors.add` is for `field`.
fn if_block_adding(
    text: &str,
    within: Range<usize>,
    head: &str,
    field: &str,
) -> Option<Range<usize>> {
    let mut from = within.start;
    while let Some(at) = find_in(text, from..within.end, head) {
        let block = block_at(text, at.start)?;
        let add = find_in(text, block.clone(), "errors.add(")?;
        if text[skip_space(text, add.end)..].starts_with(&format!("{field:?}")) {
            return Some(at.start..block.end);
        }
        from = block.end;
    }
    None
}

/// `errors.add("field", "message")` in `text[within]`, however rustfmt broke its lines.
fn errors_add(
    text: &str,
    within: Range<usize>,
    field: &str,
    message: &str,
) -> Option<Range<usize>> {
    let mut from = within.start;
    while let Some(at) = find_in(text, from..within.end, "errors.add(") {
        let mut pos = at.end;
        let mut eat = |piece: &str| {
            pos = skip_space(text, pos);
            let matched = text[pos..].starts_with(piece);
            if matched {
                pos += piece.len();
            }
            matched
        };
        if eat(&format!("{field:?}")) && eat(",") && eat(&format!("{message:?}")) {
            eat(",");
            if eat(")") {
                return Some(at.start..pos);
            }
        }
        from = at.end;
    }
    None
}

/// The position of the first character at or after `at` that is not whitespace.
fn skip_space(text: &str, at: usize) -> usize {
    at + (text[at..].len() - text[at..].trim_start().len())
}

/// Past a list item that ends at `at`: its comma and the whitespace after it.
fn item_end(text: &str, at: usize) -> usize {
    let at = skip_space(text, at);
    if text[at..].starts_with(',') {
        skip_space(text, at + 1)
    } else {
        at
    }
}

/// `text` without the list item `item`, its comma and the whitespace after it.
fn remove_item(text: &str, item: &str) -> Option<String> {
    let at = text.find(item)?;
    let end = item_end(text, at + item.len());
    let mut out = text.to_owned();
    out.replace_range(at..end, "");
    Some(out)
}

/// The line holding byte `at`, its newline included.
fn line_of(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let end = text[at..].find('\n').map_or(text.len(), |n| at + n + 1);
    start..end
}

/// The whole lines `range` touches.
fn whole_lines(text: &str, range: Range<usize>) -> Range<usize> {
    line_of(text, range.start).start
        ..line_of(text, range.end.saturating_sub(1).max(range.start)).end
}

/// `range` widened a line at a time on each side until its text occurs once in `text`.
fn widen(text: &str, mut range: Range<usize>) -> Range<usize> {
    while occurrences(text, &text[range.clone()]) > 1 {
        let start = match range.start {
            0 => 0,
            n => line_of(text, n - 1).start,
        };
        let end = if range.end >= text.len() {
            text.len()
        } else {
            line_of(text, range.end).end
        };
        range = start..end;
    }
    range
}

/// How many times `needle` occurs in `text`, overlaps included.
fn occurrences(text: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return usize::MAX;
    }
    let step = needle.chars().next().map_or(1, char::len_utf8);
    let (mut count, mut from) = (0, 0);
    while let Some(at) = text[from..].find(needle) {
        count += 1;
        from += at + step;
    }
    count
}

/// Replaces the string literal of `sql` by that of `new`.
fn literal_edit(text: &str, sql: &str, new: &str) -> Option<Edit> {
    let at = token(text, &string_literal(sql))?;
    edit(at, string_literal(new))
}

/// Replaces the string literal of `sql` by that of `new`, and drops the first `bind` after it:
/// the bind of the placeholder `new` no longer has.
fn literal_edit_dropping(text: &str, sql: &str, new: &str, bind: &str) -> Option<Edit> {
    let at = token(text, &string_literal(sql))?;
    let bind_at = at.end + text[at.end..].find(bind)?;
    let between = text[at.end..bind_at].trim_end();
    edit(
        at.start..bind_at + bind.len(),
        format!("{}{between}", string_literal(new)),
    )
}

/// `sql` without its lines that start with `start` (indentation aside).
fn drop_line(sql: &str, start: &str) -> String {
    sql.split('\n')
        .filter(|l| !l.trim_start().starts_with(start))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `sql` with the line that reads `line` (indentation aside) reading `new`.
fn replace_line(sql: &str, line: &str, new: &str) -> String {
    sql.split('\n')
        .map(|l| {
            if l.trim() == line {
                format!("{}{new}", &l[..l.len() - l.trim_start().len()])
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` with what follows `marker` on its line replaced by `new`.
fn replace_after(text: &str, marker: &str, new: &str) -> String {
    match text.find(marker) {
        Some(at) => {
            let from = at + marker.len();
            let end = text[from..].find('\n').map_or(text.len(), |n| from + n);
            format!("{}{new}{}", &text[..from], &text[end..])
        }
        None => text.to_owned(),
    }
}

/// A bound checked one off: the condition that also refuses the bound, and the one that lets
/// the first value past it through. `title.chars().count() > 100` gives `... >= 100` and
/// `... > 101`.
fn off_by_one(condition: &str) -> Option<(String, String)> {
    let (head, bound) = condition.rsplit_once(' ')?;
    let (lhs, op) = head.rsplit_once(' ')?;
    let step = match op {
        "<" => -1.0,
        ">" => 1.0,
        _ => return None,
    };
    let shifted = if bound.contains(['.', 'e', 'E']) {
        float_text(bound.parse::<f64>().ok()? + step)
    } else {
        (bound.parse::<i64>().ok()? + step as i64).to_string()
    };
    Some((
        format!("{lhs} {op}= {bound}"),
        format!("{lhs} {op} {shifted}"),
    ))
}

/// How the tests name the value just past a rule's bound, and the bound itself.
fn case_names(rule: &str) -> (&'static str, &'static str) {
    match rule {
        "min_length" => ("under_min_length", "at_min_length"),
        "max_length" => ("over_max_length", "at_max_length"),
        "min" => ("below_min", "at_min"),
        _ => ("above_max", "at_max"),
    }
}

/// Whether a body can break a rule of `r` other than those of the field `name` (another
/// field's, or a parent that does not exist) in the same request.
fn another_rule_can_break(r: &ResourceContext, name: &str) -> bool {
    !r.parents.is_empty()
        || r.fields
            .iter()
            .any(|f| f.names.name != name && (f.required || f.unique || !f.checks.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lectures::lecture;

    fn spec(path: &str) -> Spec {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        crate::cli::load(&path).unwrap()
    }

    const SPECS: &[&str] = &["specs/theater.yaml", "specs/festival.yaml"];

    #[test]
    fn every_find_occurs_once_in_the_solution_and_every_replace_differs() {
        for path in SPECS {
            let spec = spec(path);
            for number in 2..=5 {
                let lecture = lecture(number).unwrap();
                let files = plan::project(&spec, lecture, Variant::Solution).unwrap();
                let answers = catalogue(&spec, lecture).unwrap();
                for a in &answers {
                    let file = files.iter().find(|f| f.path == a.file).unwrap();
                    assert_eq!(
                        occurrences(&file.contents, &a.find),
                        1,
                        "{path} lecture {number}: {} in {}",
                        a.name,
                        a.file
                    );
                    assert_ne!(a.find, a.replace, "{path} lecture {number}: {}", a.name);
                }
                for task in lecture.tasks {
                    assert!(
                        answers.iter().any(|a| a.task == *task),
                        "{path} lecture {number}: no wrong answer to {task:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_item_of_the_list_is_there_for_every_resource_it_applies_to() {
        for path in SPECS {
            let spec = spec(path);
            let names = |number: u8| -> Vec<String> {
                catalogue(&spec, lecture(number).unwrap())
                    .unwrap()
                    .into_iter()
                    .map(|a| a.name)
                    .collect()
            };
            let (second, third, fourth, fifth) = (names(2), names(3), names(4), names(5));
            let has = |names: &[String], name: String| {
                assert!(names.contains(&name), "{path}: no {name} in {names:#?}");
            };
            has(&second, "seed_adds_the_rows_again_when_run_twice".into());
            let context = crate::context::project(&spec, lecture(5).unwrap(), Variant::Solution);
            for r in &context.resources {
                let (s, p) = (&r.names.singular, &r.names.plural);
                has(&second, format!("list_{p}_without_order_by"));
                has(&second, format!("show_{s}_without_where"));
                for kind in ["without_order_by", "ignoring_limit", "ignoring_offset"] {
                    has(&third, format!("list_{p}_{kind}"));
                }
                for c in &r.children {
                    has(&third, format!("show_{s}_without_its_{}", c.names.plural));
                }
                has(&third, format!("create_{s}_answering_200"));
                has(&third, format!("create_{s}_without_location"));
                assert!(
                    fourth
                        .iter()
                        .any(|n| n.starts_with(&format!("update_{s}_nulling_"))),
                    "{path}: {s}"
                );
                for kind in ["without_updated_at", "without_where"] {
                    has(&fourth, format!("update_{s}_{kind}"));
                }
                for kind in ["answering_200", "without_where"] {
                    has(&fourth, format!("delete_{s}_{kind}"));
                }
                for f in &r.fields {
                    let name = &f.names.name;
                    // `min_length: 1` of a required text is unseen: "" is missing first.
                    let seen = |c: &&context::CheckContext| {
                        !(f.required && c.rule == "min_length" && c.condition.ends_with(" < 1"))
                    };
                    for c in f.checks.iter().filter(seen) {
                        has(&fifth, format!("validate_{s}_without_{name}_{}", c.rule));
                        if ["min", "max", "min_length", "max_length"].contains(&c.rule) {
                            let (past, at) = case_names(c.rule);
                            has(&fifth, format!("validate_{s}_refusing_{name}_{at}"));
                            has(&fifth, format!("validate_{s}_accepting_{name}_just_{past}"));
                        }
                    }
                    let first = f.checks.iter().filter(seen).find(|c| c.rule != "no_nul");
                    if let Some(rule) = first.map(|c| c.rule) {
                        has(
                            &fifth,
                            format!("validate_{s}_with_a_wrong_{name}_{rule}_message"),
                        );
                    }
                    if f.required {
                        has(&fifth, format!("validate_new_{s}_without_required_{name}"));
                    }
                    if f.unique && another_rule_can_break(r, name) {
                        has(&fifth, format!("validate_new_{s}_without_unique_{name}"));
                    }
                }
            }
        }
    }

    #[test]
    fn a_bound_off_by_one_refuses_the_bound_or_lets_the_next_value_through() {
        let off = |condition: &str| off_by_one(condition).unwrap();
        assert_eq!(
            off("title.chars().count() > 100"),
            (
                "title.chars().count() >= 100".into(),
                "title.chars().count() > 101".into()
            )
        );
        assert_eq!(
            off("budget < 100.0"),
            ("budget <= 100.0".into(), "budget < 99.0".into())
        );
        assert_eq!(
            off("r#type < -3"),
            ("r#type <= -3".into(), "r#type < -4".into())
        );
        assert_eq!(off_by_one("!is_email(email)"), None);
    }

    #[test]
    fn an_errors_add_is_found_however_rustfmt_broke_it() {
        let text = "x\n    errors.add(\n        \"title\",\n        \"is required\",\n    );\n";
        let at = errors_add(text, 0..text.len(), "title", "is required").unwrap();
        assert!(text[at.clone()].starts_with("errors.add("));
        assert!(text[at].ends_with(')'));
        assert_eq!(
            errors_add(text, 0..text.len(), "genre", "is required"),
            None
        );
    }

    #[test]
    fn widening_adds_lines_until_the_text_is_unique() {
        let text = "a\nfn one() {\n    x\n}\nfn two() {\n    x\n}\n";
        let x = text.find('x').unwrap();
        let wide = widen(text, x..x + 1);
        assert_eq!(&text[wide], "fn one() {\n    x\n}\n");
        assert_eq!(occurrences("aaa", "aa"), 2);
    }

    #[test]
    fn names_are_unique_and_the_order_is_stable() {
        for path in SPECS {
            let spec = spec(path);
            for lecture in crate::lectures::LECTURES {
                let answers = catalogue(&spec, lecture).unwrap();
                let mut names: Vec<&str> = answers.iter().map(|a| a.name.as_str()).collect();
                names.sort_unstable();
                names.dedup();
                assert_eq!(
                    names.len(),
                    answers.len(),
                    "{path} lecture {}",
                    lecture.number
                );
                assert_eq!(answers, catalogue(&spec, lecture).unwrap());
            }
        }
    }
}
