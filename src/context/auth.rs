//! What lecture 7's users, sessions and authorization checks need: the roles as a Rust enum,
//! the fields a signup checks, the seed users, and for each handler who may call it, as the
//! code that says so.

use heck::ToUpperCamelCase;
use serde::Serialize;

use super::fields::{DbRule, FieldContext, check_constraints, db_rules, resource_fields};
use super::literals::rust_literal;
use super::sql::SqlLayout;
use crate::dialect::{CheckConstraint, Dialect};
use crate::spec::{Access, Auth, Literal, Resource, Rules, Spec, Who};

#[derive(Debug, Default, Serialize)]
pub struct AuthContext {
    pub roles: Vec<RoleContext>,
    /// The role signing up gives, when users have roles.
    pub first_role: Option<RoleContext>,
    /// `username`, then the spec's user fields: what a signup checks.
    pub fields: Vec<FieldContext>,
    /// The spec's user fields alone.
    pub extra_fields: Vec<FieldContext>,
    /// Whether some user field is unique besides `username`, or has rules of its own.
    pub any_extra_checks: bool,
    pub password_min: u64,
    pub password_max: u64,
    /// The columns a user is read with: `id, username, role, ..., created_at, updated_at`.
    pub columns: String,
    /// The same, each of the `users` table: `users.id, users.username, ...`.
    pub qualified_columns: String,
    pub seed_users: Vec<SeedUser>,
    /// The file names of the migrations that add users, sessions, and owners.
    pub users_migration: String,
    pub sessions_migration: String,
    pub owners_migration: String,
    /// The tables whose rows have an owner, as SQL names them.
    pub owned_tables: Vec<String>,
    /// What those rows are, in words: `production and cast member`.
    pub owned_humans: String,
    /// Whether a user field is a date, so that `auth.rs` imports `NaiveDate`.
    pub any_date: bool,
    /// Whether a user field is an email or a url, checked with `src/validation.rs`.
    pub any_email: bool,
    pub any_url: bool,
    pub uses_validation: bool,
    /// The user of a session that has not expired: what `CurrentUser` runs.
    pub current_user_sql: String,
    /// The statements on sessions, as the database writes them.
    pub sessions: SessionSql,
    /// What makes usernames unique without case, where the column cannot say so itself.
    pub username_index: Option<String>,
    /// After the seed users were inserted with their ids, what moves the next id past them.
    pub reset_user_ids: Option<String>,
    /// A user and their password hash, by username: what a log-in runs.
    pub login_sql: String,
    /// The insert of a new user, returning it: what a signup runs.
    pub signup_sql: String,
    /// The insert of a seed user, id and hash given.
    pub seed_sql: String,
    /// The column definitions of `users` between `id` and the timestamps.
    pub table_columns: Vec<String>,
    /// The CHECK constraints of `users`: its fields' rules, and the role's list.
    pub check_constraints: Vec<CheckConstraint>,
    /// What each constraint of `users` that stands for a rule means to a client.
    pub db_rules: Vec<DbRule>,
    /// The SQL `role` column's default: the first role, quoted.
    pub role_default: String,
    /// The user fields of each user the tests' `sign_in_as` makes, as Rust literals of their
    /// static types in field order: valid, and new where a field is unique.
    pub made_users: Vec<Vec<String>>,
    /// The required user fields of each user the tests sign up, as the inside of a JSON
    /// object (`"email": "..."`); empty without required user fields.
    pub signups: Vec<String>,
    /// The insert of a user the tests make, returning its id.
    pub made_user_sql: String,
    /// The authorization matrix's tests.
    pub matrix: Vec<MatrixCase>,
    /// The keys of a user in JSON, sorted.
    pub user_keys: Vec<String>,
    /// The first resource whose create needs a signed-in user, by index: what a test of a
    /// dead session tries to create.
    pub guarded_create: Option<usize>,
    /// A password that keeps the rules, and another.
    pub good_password: String,
    pub other_password: String,
}

/// One test of the authorization matrix: one resource, action and kind of user.
#[derive(Debug, Serialize)]
pub struct MatrixCase {
    /// The index of the resource in the spec's (and the context's) list.
    pub resource: usize,
    pub action: &'static str,
    /// The test function's name.
    pub name: String,
    /// The lines that make the test act as this kind of user.
    pub actor: Vec<String>,
    pub allowed: bool,
    /// The status expected, as `StatusCode`'s constant: `OK`, `FORBIDDEN`.
    pub status: &'static str,
    /// The error of a refusal.
    pub message: &'static str,
    /// For a list only the owner's rows of which are shown: whether this user sees none.
    pub sees_none: bool,
}

/// Who a matrix test acts as.
struct Actor {
    /// `when_signed_out`, `for_an_admin`.
    phrase: String,
    lines: Vec<String>,
    signed_in: bool,
    owner: bool,
    role: Option<String>,
}

/// The authorization matrix: for every resource, action and kind of user (signed out, a user
/// of the first role who owns nothing, the owner, and a user of each other role), whether
/// the rules allow it.
pub(super) fn matrix(spec: &Spec) -> Vec<MatrixCase> {
    let auth = &spec.auth;
    let variant = |r: &str| r.to_upper_camel_case();
    let first = auth.roles.first();
    let mut actors = vec![Actor {
        phrase: "when_signed_out".into(),
        lines: vec!["app.sign_out();".into()],
        signed_in: false,
        owner: false,
        role: None,
    }];
    actors.push(match first {
        Some(role) => Actor {
            phrase: format!(
                "for_{}_who_is_not_the_owner",
                crate::naming::with_article(role).replace(' ', "_")
            ),
            lines: vec![format!("app.sign_in_as(Role::{}).await;", variant(role))],
            signed_in: true,
            owner: false,
            role: Some(role.clone()),
        },
        None => Actor {
            phrase: "for_a_user_who_is_not_the_owner".into(),
            lines: vec!["app.sign_in_as_new_user().await;".into()],
            signed_in: true,
            owner: false,
            role: None,
        },
    });
    let first_user_role = auth.seed_roles.first().filter(|r| !r.is_empty()).cloned();
    actors.push(Actor {
        phrase: "for_the_owner".into(),
        lines: vec![
            format!(
                "// User 1 ({}{}) owns every row the tests load.",
                auth.users
                    .seed
                    .first()
                    .and_then(|r| r.values[0].as_ref())
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                first_user_role
                    .as_ref()
                    .map(|r| format!(", {}", crate::naming::with_article(&r.replace('_', " "))))
                    .unwrap_or_default(),
            ),
            "app.sign_in_as_user(1).await;".into(),
        ],
        signed_in: true,
        owner: true,
        role: first_user_role,
    });
    for role in auth.roles.iter().skip(1) {
        actors.push(Actor {
            phrase: format!(
                "for_{}",
                crate::naming::with_article(role).replace(' ', "_")
            ),
            lines: vec![format!("app.sign_in_as(Role::{}).await;", variant(role))],
            signed_in: true,
            owner: false,
            role: Some(role.clone()),
        });
    }
    let mut cases = Vec::new();
    for (at, resource) in spec.resources.iter().enumerate() {
        let Some(access) = auth.access.get(at) else {
            continue;
        };
        // Rows of a resource no rule names `owner` have no owner to act as.
        let owned = access.owned();
        for action in Access::ACTIONS {
            let who = access.of(action);
            for actor in &actors {
                if actor.owner && (action == "create" || !owned) {
                    continue;
                }
                let role_allows = who
                    .iter()
                    .any(|w| matches!(w, Who::Role(r) if Some(r) == actor.role.as_ref()));
                let owner_filter = action == "list" && who.contains(&Who::Owner);
                // A list for owners shows any signed-in user their own rows.
                let role = actor.role.as_deref().unwrap_or("");
                let allowed = who.contains(&Who::Public)
                    || actor.signed_in
                        && (owner_filter || access.allows(action, role, actor.owner));
                let target = if action == "list" {
                    &resource.names.plural
                } else {
                    &resource.names.singular
                };
                let mut phrase = actor.phrase.clone();
                if action == "create" || !owned {
                    // Before a row exists nobody owns it; some rows have no owner at all.
                    phrase = phrase.replace("_who_is_not_the_owner", "");
                }
                let (name, status, message) = match (allowed, actor.signed_in) {
                    (true, _) => (
                        format!("{action}_{target}_is_allowed_{phrase}"),
                        match action {
                            "create" => "CREATED",
                            "delete" => "NO_CONTENT",
                            _ => "OK",
                        },
                        "",
                    ),
                    (false, false) => (
                        format!("{action}_{target}_returns_401_{phrase}"),
                        "UNAUTHORIZED",
                        "you must be logged in",
                    ),
                    (false, true) => (
                        format!("{action}_{target}_returns_403_{phrase}"),
                        "FORBIDDEN",
                        "you are not allowed to do this",
                    ),
                };
                cases.push(MatrixCase {
                    resource: at,
                    action,
                    name,
                    actor: actor.lines.clone(),
                    allowed,
                    status,
                    message,
                    sees_none: owner_filter
                        && allowed
                        && !actor.owner
                        && !role_allows
                        && !who.contains(&Who::Public)
                        && !who.contains(&Who::SignedIn),
                });
            }
        }
    }
    cases
}

/// How many users a test may make with `sign_in_as`, and sign up.
const MADE_USERS: usize = 8;
const SIGNUPS: usize = 4;

/// A value as a Rust literal of its field's static type: `"text"`, `Some(4.5)`, `None`.
fn static_literal(value: Option<&Literal>, nullable: bool) -> String {
    let literal = value.map(rust_literal);
    match (nullable, literal) {
        (true, Some(l)) => format!("Some({l})"),
        (true, None) => "None".into(),
        (false, Some(l)) => l,
        (false, None) => "Default::default()".into(),
    }
}

/// A password of `min..=max` characters.
pub(super) fn password_of(base: &str, rules: &crate::spec::PasswordRules) -> String {
    let mut password = base.to_owned();
    while (password.chars().count() as u64) < rules.min_length {
        password.push_str("-and-more");
    }
    password.chars().take(rules.max_length as usize).collect()
}

#[derive(Clone, Debug, Serialize)]
pub struct RoleContext {
    /// `admin`, as the spec, the database and JSON write it.
    pub name: String,
    /// `Admin`, the variant of `Role`.
    pub variant: String,
}

#[derive(Debug, Serialize)]
pub struct SeedUser {
    pub username: String,
    /// As a Rust string literal: the seed command hashes it.
    pub password: String,
    /// The same, as typed.
    pub password_text: String,
    pub role: Option<RoleContext>,
    /// The user's other fields, as Rust literals of their row types, in field order.
    pub values: Vec<String>,
}

/// Who may take one action on one resource, as its handler says it.
#[derive(Debug, Default, Serialize)]
pub struct ActionContext {
    pub action: &'static str,
    /// Who may, in words, for the handler's doc comment: `anyone`, `its owner, or an admin`.
    pub who: String,
    /// The same, with what it means for the handler's code: the doc comment's `Who may:` line.
    pub doc: String,
    /// Whether the handler takes a `CurrentUser`: anyone but the public must sign in.
    pub user: bool,
    /// Whether the handler reads the user it takes (for the check, or to own a new row),
    /// rather than only requiring one.
    pub uses_user: bool,
    /// What `allow(...)` checks, when there is something to check beyond signing in.
    pub check: Option<String>,
    /// Whether the check reads the row, which is then loaded before it.
    pub reads_row: bool,
    /// For a list whose rows an owner sees: the condition of its `where`, and what it binds.
    pub filter: Option<ListFilter>,
    /// The roles the check names, so that the module imports `Role`.
    pub names_role: bool,
}

#[derive(Debug, Serialize)]
pub struct ListFilter {
    /// `user_id = ?`, or `(user_id = ? or ?)` when a role sees every row.
    pub condition: String,
    /// What each placeholder binds, in order: `user.id`, `user.role == Role::Admin`.
    pub binds: Vec<String>,
}

pub(super) fn auth(spec: &Spec, dialect: Dialect, migrations_before: usize) -> AuthContext {
    let auth = &spec.auth;
    let roles: Vec<RoleContext> = auth.roles.iter().map(|r| role(r)).collect();
    let mut fields = resource_fields(dialect, &auth.users);
    // Whether a username is taken is asked without case, as the unique index compares them.
    if let Some(username) = fields.first_mut() {
        username.unique_sql = format!(
            "select exists(select 1 from users where {} = {} and id <> {})",
            dialect.caseless("username"),
            dialect.caseless(&dialect.placeholder(1)),
            dialect.placeholder(2)
        );
    }
    let extra_fields: Vec<FieldContext> = resource_fields(dialect, &auth.users)
        .into_iter()
        .skip(1)
        .collect();
    let mut columns = vec!["id".to_owned(), "username".to_owned()];
    if !roles.is_empty() {
        columns.push("role".to_owned());
    }
    columns.extend(extra_fields.iter().map(|f| f.sql.clone()));
    columns.extend(["created_at".to_owned(), "updated_at".to_owned()]);
    let seed_users = auth
        .users
        .seed
        .iter()
        .enumerate()
        .map(|(k, row)| SeedUser {
            username: row.values[0]
                .as_ref()
                .map(|v| v.to_string())
                .unwrap_or_default(),
            password: format!("{:?}", auth.passwords.get(k).cloned().unwrap_or_default()),
            password_text: auth.passwords.get(k).cloned().unwrap_or_default(),
            role: auth
                .seed_roles
                .get(k)
                .filter(|r| !r.is_empty())
                .map(|r| role(r)),
            values: row
                .values
                .iter()
                .zip(&auth.users.fields)
                .skip(1)
                .map(|(v, f)| static_literal(v.as_ref(), f.nullable()))
                .collect(),
        })
        .collect();
    let migration = |n: usize, what: &str| format!("{:04}_{what}.sql", migrations_before + n);
    let layout = SqlLayout::holding(columns.iter());
    let qualified: Vec<String> = columns.iter().map(|c| format!("users.{c}")).collect();
    let current_user_sql = {
        // Inside `from_request_parts`, four columns further right than a handler's statements.
        let layout = layout.indented(4);
        layout.statement(&[
            &layout.list("select ", &qualified, ""),
            "from sessions",
            "join users on users.id = sessions.user_id",
            &format!("where sessions.id = {}", dialect.placeholder(1)),
            &format!("  and sessions.expires_at > {}", dialect.now()),
        ])
    };
    let mut written: Vec<String> = vec!["username".to_owned(), "password_hash".to_owned()];
    if !roles.is_empty() {
        written.push("role".to_owned());
    }
    written.extend(extra_fields.iter().map(|f| f.sql.clone()));
    let placeholders =
        |n: usize| -> Vec<String> { (1..=n).map(|i| dialect.placeholder(i)).collect() };
    // What an insert that gives ids says before `values`, if anything (`statement` leaves out
    // an empty clause).
    let with_ids = dialect.insert_with_ids().unwrap_or_default();
    let mut login_columns = columns.clone();
    login_columns.push("password_hash".to_owned());
    let login_sql = layout.statement(&[
        &layout.list("select ", &login_columns, ""),
        "from users",
        &format!(
            "where {} = {}",
            dialect.caseless("username"),
            dialect.caseless(&dialect.placeholder(1))
        ),
    ]);
    let signup_sql = layout.statement(&[
        &layout.list("insert into users (", &written, ")"),
        &layout.list("values (", &placeholders(written.len()), ")"),
        &layout.list("returning ", &columns, ""),
    ]);
    let mut seeded = vec!["id".to_owned()];
    seeded.extend(written.iter().cloned());
    // The seed users' and the tests' users' values are constants, a date among them as text:
    // each parameter says the type of its column.
    let seeded_placeholders: Vec<String> = {
        let extra_types = extra_fields.iter().map(|f| Some(f.ty));
        let types: Vec<Option<crate::spec::FieldType>> =
            std::iter::repeat_n(None, seeded.len() - extra_fields.len())
                .chain(extra_types)
                .collect();
        types
            .iter()
            .enumerate()
            .map(|(i, ty)| dialect.typed_placeholder(i + 1, *ty))
            .collect()
    };
    let seed_sql = {
        let layout = layout.indented(4);
        layout.statement(&[
            &layout.list("insert into users (", &seeded, ")"),
            with_ids,
            &layout.list("values (", &seeded_placeholders, ")"),
        ])
    };
    let mut table_columns: Vec<String> = fields.iter().map(|f| f.column.clone()).collect();
    // `Ada` and `ada` are one username: compared without case, in the unique index too.
    let mut username_index = None;
    if let Some(username) = table_columns.first_mut() {
        let (column, index) = dialect.caseless_unique("users", "username", username);
        *username = column;
        username_index = index;
    }
    let role_default = auth
        .roles
        .first()
        .map(|r| dialect.literal(&Literal::Text(r.clone())))
        .unwrap_or_default();
    let mut check_constraints = check_constraints(dialect, &auth.users);
    // A role never comes from a request, so its constraint has no message for a client.
    let db_rules = db_rules(dialect, &auth.users);
    if !auth.roles.is_empty() {
        table_columns.insert(1, format!("role text not null default {role_default}"));
        let rules = Rules {
            one_of: Some(auth.roles.iter().cloned().map(Literal::Text).collect()),
            ..Rules::default()
        };
        let table = &auth.users.names.table;
        check_constraints.extend(dialect.check_constraints(table, "role", &rules));
    }
    let fresh = super::samples::fresh_rows(&auth.users, SIGNUPS + MADE_USERS);
    let signups = fresh
        .iter()
        .take(SIGNUPS)
        .map(|row| {
            let pairs: Vec<(String, String)> = auth
                .users
                .fields
                .iter()
                .zip(row)
                .skip(1)
                .filter(|(f, _)| f.rules.required)
                .filter_map(|(f, v)| v.as_ref().map(|v| (f.names.name.clone(), rust_literal(v))))
                .collect();
            super::literals::json_pairs(&pairs)
        })
        .collect();
    let made_users = fresh
        .iter()
        .skip(SIGNUPS)
        .map(|row| {
            auth.users
                .fields
                .iter()
                .zip(row)
                .skip(1)
                .map(|(f, v)| static_literal(v.as_ref(), f.nullable()))
                .collect()
        })
        .collect();
    let made_user_sql = {
        // In a test helper's `impl`: four columns right of a handler's.
        let layout = layout.indented(4);
        let mut values = seeded_placeholders.clone();
        values[0] = dialect.id_or_next(&values[0], "users");
        layout.statement(&[
            &layout.list("insert into users (", &seeded, ")"),
            with_ids,
            &layout.list("values (", &values, ")"),
            "returning id",
        ])
    };
    let mut user_keys: Vec<String> = columns
        .iter()
        .map(|c| c.trim_matches('"').to_owned())
        .collect();
    user_keys.sort();
    AuthContext {
        user_keys,
        guarded_create: auth
            .access
            .iter()
            .position(|a| !a.create.contains(&Who::Public)),
        matrix: matrix(spec),
        made_users,
        signups,
        made_user_sql,
        good_password: password_of("a-good-password", &auth.password),
        other_password: password_of("another-password", &auth.password),
        table_columns,
        check_constraints,
        db_rules,
        role_default,
        any_date: extra_fields
            .iter()
            .any(|f| f.ty == crate::spec::FieldType::Date),
        any_email: extra_fields
            .iter()
            .any(|f| f.ty == crate::spec::FieldType::Email),
        any_url: extra_fields
            .iter()
            .any(|f| f.ty == crate::spec::FieldType::Url),
        uses_validation: extra_fields.iter().any(|f| {
            matches!(
                f.ty,
                crate::spec::FieldType::Email | crate::spec::FieldType::Url
            )
        }),
        current_user_sql,
        sessions: sessions_sql(dialect),
        username_index,
        reset_user_ids: dialect.reset_ids("users"),
        login_sql,
        signup_sql,
        seed_sql,
        first_role: roles.first().cloned(),
        any_extra_checks: extra_fields
            .iter()
            .any(|f| !f.checks.is_empty() || f.unique || f.required),
        qualified_columns: qualified.join(", "),
        columns: columns.join(", "),
        roles,
        fields,
        extra_fields,
        password_min: auth.password.min_length,
        password_max: auth.password.max_length,
        seed_users,
        users_migration: migration(1, "create_users"),
        sessions_migration: migration(2, "create_sessions"),
        owners_migration: migration(3, "add_owners"),
        owned_humans: crate::naming::and_list(
            &spec
                .resources
                .iter()
                .enumerate()
                .filter(|&(at, _)| auth.owned(at))
                .map(|(_, r)| r.names.human.clone())
                .collect::<Vec<_>>(),
        ),
        owned_tables: spec
            .resources
            .iter()
            .enumerate()
            .filter(|&(at, _)| auth.owned(at))
            .map(|(_, r)| dialect.ident(&r.names.table))
            .collect(),
    }
}

/// The statements `src/auth.rs` and the tests run on sessions.
#[derive(Debug, Default, Serialize)]
pub struct SessionSql {
    pub delete_expired: String,
    /// Inserts a session: its id, its user, and its end, `SESSION_DAYS` from now.
    pub insert: String,
    /// What `insert` binds third, for `SESSION_DAYS`.
    pub days_bind: &'static str,
    pub delete: String,
    /// A session of 7 days, as a test inserts one.
    pub insert_week: String,
    /// How long a session lasts, in seconds.
    pub lifetime: String,
    /// The column type of `expires_at`.
    pub timestamp_type: &'static str,
}

fn sessions_sql(dialect: Dialect) -> SessionSql {
    let p = |n| dialect.placeholder(n);
    let (end, days_bind) = dialect.session_end();
    let insert = |end: &str| {
        format!(
            "insert into sessions (id, user_id, expires_at)\n         values ({}, {}, {end})",
            p(1),
            p(2)
        )
    };
    SessionSql {
        delete_expired: format!("delete from sessions where expires_at <= {}", dialect.now()),
        insert: insert(&end),
        days_bind,
        delete: format!("delete from sessions where id = {}", p(1)),
        insert_week: insert(&dialect.days_from_now(7)),
        lifetime: format!(
            "select {} from sessions where id = {}",
            dialect.seconds_between("created_at", "expires_at"),
            p(1)
        ),
        timestamp_type: dialect.timestamp_type(),
    }
}

fn role(name: &str) -> RoleContext {
    RoleContext {
        name: name.to_owned(),
        variant: name.to_upper_camel_case(),
    }
}

/// Who may take each action on one resource, as its handlers say it.
#[derive(Debug, Default, Serialize)]
pub struct AccessContext {
    pub list: ActionContext,
    pub show: ActionContext,
    pub create: ActionContext,
    pub update: ActionContext,
    pub delete: ActionContext,
}

impl AccessContext {
    pub fn all(&self) -> impl Iterator<Item = &ActionContext> {
        [
            &self.list,
            &self.show,
            &self.create,
            &self.update,
            &self.delete,
        ]
        .into_iter()
    }
}

/// For each action, the line a test of it adds to act as someone the rules allow, when the
/// tests' default user (seed user 1, who owns every row) is not: `app.sign_in_as(Role::Admin).await;`.
#[derive(Debug, Default, Serialize)]
pub struct SignInContext {
    pub list: String,
    pub show: String,
    pub create: String,
    pub update: String,
    pub delete: String,
}

pub(super) fn sign_in_lines(access: &Access, first_user_role: Option<&str>) -> SignInContext {
    let line = |action: &str| {
        let who = access.of(action);
        let allowed = who.iter().any(|w| match w {
            Who::Public | Who::SignedIn => true,
            Who::Owner => action != "create",
            Who::Role(role) => Some(role.as_str()) == first_user_role,
        });
        if allowed {
            return String::new();
        }
        who.iter()
            .find_map(|w| match w {
                Who::Role(role) => Some(format!(
                    "app.sign_in_as(Role::{}).await;",
                    role.to_upper_camel_case()
                )),
                _ => None,
            })
            .unwrap_or_default()
    };
    SignInContext {
        list: line("list"),
        show: line("show"),
        create: line("create"),
        update: line("update"),
        delete: line("delete"),
    }
}

/// Who may take each action on the resource whose rows are in the variable `row`, as its
/// handlers check it.
pub(super) fn actions(dialect: Dialect, access: &Access, row: &str) -> AccessContext {
    let owned = access.owned();
    let of = |action: &'static str| action_context(dialect, access.of(action), action, row, owned);
    AccessContext {
        list: of("list"),
        show: of("show"),
        create: of("create"),
        update: of("update"),
        delete: of("delete"),
    }
}

fn action_context(
    dialect: Dialect,
    who: &[Who],
    action: &'static str,
    row: &str,
    owned: bool,
) -> ActionContext {
    let mut context = action_rule(dialect, who, action, row, owned);
    if context.doc.is_empty() {
        context.doc = if !context.user {
            format!("{}, so it takes no `CurrentUser`", context.who)
        } else if context.check.is_none() && context.filter.is_none() {
            format!("{}: taking a `CurrentUser` is the whole check", context.who)
        } else {
            context.who.clone()
        };
    }
    context
}

/// `owned`: whether rows have owners, so that a create reads the user to own the new row.
fn action_rule(
    dialect: Dialect,
    who: &[Who],
    action: &'static str,
    row: &str,
    owned: bool,
) -> ActionContext {
    let public = who.contains(&Who::Public);
    let anyone_signed_in = who.contains(&Who::SignedIn);
    let owner = who.contains(&Who::Owner);
    let roles: Vec<String> = who
        .iter()
        .filter_map(|w| match w {
            Who::Role(role) => Some(format!("user.role == Role::{}", role.to_upper_camel_case())),
            _ => None,
        })
        .collect();
    let in_words = words(who);
    if public || anyone_signed_in {
        return ActionContext {
            action,
            who: in_words,
            doc: String::new(),
            user: !public,
            uses_user: !public && action == "create" && owned,
            check: None,
            reads_row: false,
            filter: None,
            names_role: false,
        };
    }
    if action == "list" {
        // An owner lists their own rows; a role named beside them sees every row.
        let condition = format!("user_id = {}", dialect.placeholder(1));
        let mut binds = vec!["user.id".to_owned()];
        return match (owner, roles.is_empty()) {
            (true, true) => ActionContext {
                action,
                who: "any signed-in user".to_owned(),
                doc: "any signed-in user, who sees only the rows they own".to_owned(),
                user: true,
                uses_user: true,
                check: None,
                reads_row: false,
                filter: Some(ListFilter { condition, binds }),
                names_role: false,
            },
            (true, false) => {
                binds.push(roles.join(" || "));
                let role_words = words(
                    &who.iter()
                        .filter(|w| matches!(w, Who::Role(_)))
                        .cloned()
                        .collect::<Vec<_>>(),
                );
                ActionContext {
                    action,
                    who: format!("any signed-in user; {role_words} too"),
                    doc: format!(
                        "any signed-in user, who sees only the rows they own; {role_words} sees every row"
                    ),
                    user: true,
                    uses_user: true,
                    check: None,
                    reads_row: false,
                    filter: Some(ListFilter {
                        condition: format!("({condition} or {})", dialect.placeholder(2)),
                        binds,
                    }),
                    names_role: true,
                }
            }
            (false, _) => ActionContext {
                action,
                who: in_words,
                doc: String::new(),
                user: true,
                uses_user: true,
                check: Some(roles.join(" || ")),
                reads_row: false,
                filter: None,
                names_role: true,
            },
        };
    }
    let mut conditions = Vec::new();
    if owner {
        conditions.push(format!("{row}.user_id == Some(user.id)"));
    }
    conditions.extend(roles.iter().cloned());
    ActionContext {
        action,
        who: in_words,
        doc: String::new(),
        user: true,
        uses_user: true,
        check: Some(conditions.join(" || ")),
        reads_row: owner,
        filter: None,
        names_role: !roles.is_empty(),
    }
}

/// Who may, in words: `anyone`, `any signed-in user`, `its owner, or an admin`.
fn words(who: &[Who]) -> String {
    let words: Vec<String> = who
        .iter()
        .map(|w| match w {
            Who::Public => "anyone, signed in or not".to_owned(),
            Who::SignedIn => "any signed-in user".to_owned(),
            Who::Owner => "its owner".to_owned(),
            Who::Role(role) => crate::naming::with_article(&role.replace('_', " ")),
        })
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}, or {last}", rest.join(", ")),
    }
}

/// The seed user (by index) who may take every action a request collection or transcript
/// shows on the resource at `at`: show and update row 1 (owned by its seed owner), create a
/// row, and delete the one they created. The first such, or else the first user.
pub(super) fn acting_user(auth: &Auth, at: usize, resource: &Resource) -> Option<usize> {
    let users = auth.users.seed.len();
    if users == 0 {
        return None;
    }
    let Some(access) = auth.access.get(at) else {
        return Some(0);
    };
    let first_owner = resource.seed.first().map_or(1, |row| row.owner.max(1));
    let k = (0..users).find(|&k| {
        let role = auth.seed_roles.get(k).map_or("", String::as_str);
        let owns_first = first_owner == k + 1;
        access.allows("show", role, owns_first)
            && access.allows("create", role, false)
            && access.allows("update", role, owns_first)
            && access.allows("delete", role, true)
    });
    Some(k.unwrap_or(0))
}

/// A seed user as a request logs in: username and password, as typed.
#[derive(Clone, Debug, Serialize)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

/// Every seed user's credentials, in seed order.
pub fn seed_credentials(auth: &Auth) -> Vec<Credentials> {
    (0..auth.users.seed.len())
        .filter_map(|k| credentials(auth, k))
        .collect()
}

pub(super) fn credentials(auth: &Auth, k: usize) -> Option<Credentials> {
    Some(Credentials {
        username: auth
            .users
            .seed
            .get(k)?
            .values
            .first()?
            .as_ref()?
            .to_string(),
        password: auth.passwords.get(k)?.clone(),
    })
}
