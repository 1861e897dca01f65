//! What lecture 6's client and the server's side of it need: the development server's origin,
//! and for each resource its pages, the controls of its form, and the rows its tests type in.
//!
//! Every JavaScript expression the templates print is written here, from the field's type:
//! the control it gets, how a row fills the control (`production.title ?? ''`), how the
//! control's value goes back into a request body (`values.budget === '' ? null : ...`), and how
//! a page shows it.

use serde::Serialize;

use super::readme::utc;
use super::resource::ResourceContext;
use crate::naming::js_variable;
use crate::spec::{
    Access, Field, FieldType, Literal, Resource, Spec, Who, new_rows, rule_message, test_cases,
};

/// The port Vite's development server listens on.
pub const DEV_PORT: u16 = 5173;

/// The port the browser tests start the server on, apart from one you may be running.
pub const E2E_PORT: u16 = 3100;

/// How many fresh rows of each resource the browser tests use, each test its own: created
/// through the form, created to edit, the edit's new values, deleted, kept when a delete is
/// cancelled, and added from a parent's page.
const E2E_ROWS: usize = 7;

#[derive(Debug, Default, Serialize)]
pub struct ClientContext {
    /// `http://localhost:5173`: where `npm run dev` serves the client.
    pub dev_url: String,
    /// `CORS_ORIGINS`' default: the development server, by both of its names.
    pub dev_origins: String,
    pub dev_port: u16,
    pub e2e_port: u16,
    /// The client's package name: `theater-client`.
    pub package: String,
    /// The app's title as JSX text: itself, or `{"..."}` when it holds what JSX reads as code.
    pub title_jsx: String,
    pub auth: ClientAuth,
    pub resources: Vec<ClientResource>,
}

#[derive(Debug, Serialize)]
pub struct ClientResource {
    /// `cast_members`: the folder of its components, and the path of its pages.
    pub dir: String,
    /// `src/cast_members/` and the spaces that line a layout's descriptions up after it.
    pub layout_dir: String,
    /// `/cast_members`.
    pub path: String,
    /// `CastMember`, as components are named: `CastMemberList`, `NewCastMember`.
    pub pascal: String,
    pub plural_pascal: String,
    /// `castMember`: a row in a variable.
    pub var: String,
    /// `castMembers`.
    pub plural_var: String,
    pub label: String,
    pub plural_label: String,
    pub human: String,
    pub a_human: String,
    pub plural_human: String,
    /// A row's name on a page, as JavaScript of `var`: `production.title`, or
    /// `` `Cast member ${castMember.id}` `` when no required text field names it.
    pub display: String,
    /// The field `display` reads, when there is one.
    pub display_key: Option<String>,
    pub fields: Vec<ClientField>,
    pub parents: Vec<ClientParent>,
    pub children: Vec<ClientChild>,
    /// What the delete confirmation adds: ` Its cast members go with it.`, or nothing.
    pub delete_note: String,
    /// Seed row 1 as the API sends it, a JavaScript object literal, for a form test.
    pub first_row: String,
    /// Each field of seed row 1, with what its control holds once a form shows the row.
    pub first_values: Vec<Expectation>,
    /// Rows that are no seed row and differ on unique fields, one per browser test.
    pub e2e: Vec<ClientRow>,
    /// What the form test types: the first of those rows, with its first optional field that
    /// is typed left blank, when there is one, to show that a blank is sent as null.
    pub form_row: ClientRow,
    /// Whether `form_row` leaves a field blank.
    pub form_row_blank: bool,
    /// What an edit of row 1 types into `editable` (a JavaScript string literal), and what the
    /// edit then sends for it (JavaScript).
    pub edit_typed: Option<String>,
    pub edit_sent: Option<String>,
    /// What a test types into the form to break its rules, and the messages it then shows.
    pub invalid: Vec<InvalidInput>,
    /// The messages a form test has the server send, field by field: those of `invalid`, or
    /// one for the first field where the spec has no rules.
    pub messages: Vec<Message>,
    /// The label of a field `messages` leaves alone, whose control must show none.
    pub unerring: Option<String>,
    /// The first field a test can change by typing, to edit a row, and its label.
    pub editable: Option<String>,
    pub editable_label: Option<String>,
    /// Seed row 1's name as its page shows it, as a JavaScript string literal.
    pub first_display: String,
    /// Whether some field is a checkbox, or has a default a new row's form starts with.
    pub any_checkbox: bool,
    pub any_default: bool,
    /// Who may take each action, as JavaScript functions of the signed-in user (`null` when
    /// nobody is) and, for an action on a row, of the row (lecture 7).
    pub may: Vec<May>,
    /// Whether rows have an owner, `user_id`.
    pub owned: bool,
    /// The seed user the browser tests of this resource log in as: one who may take every
    /// action on rows they made (lecture 7).
    pub e2e_user: Option<E2eUser>,
}

/// A user the browser tests log in as: username and password as JavaScript string literals.
#[derive(Clone, Debug, Serialize)]
pub struct E2eUser {
    pub username: String,
    pub password: String,
}

/// What the browser test of users does: a newcomer signs up and creates a row of `resource`
/// (by index), and `other`, a seed user, may not change it.
#[derive(Debug, Serialize)]
pub struct AuthFlow {
    pub resource: usize,
    pub other: E2eUser,
    /// Whether `other` may see the row, but not change it; else the row's page refuses them.
    pub other_may_show: bool,
}

/// Who may take an action on a resource, as the client asks before offering it.
#[derive(Debug, Serialize)]
pub struct May {
    pub action: &'static str,
    /// `(user, production) => user?.id === production.user_id || user?.role === 'admin'`.
    pub function: String,
}

/// The users' side of the client (lecture 7): the fields of the signup form beyond username and
/// password, and the password's rules.
#[derive(Debug, Default, Serialize)]
pub struct ClientAuth {
    /// The user fields, as controls of the signup form.
    pub fields: Vec<ClientField>,
    /// Whether users have roles, and so a `role` in their JSON.
    pub roles: bool,
    pub password_min: u64,
    pub password_max: u64,
    /// A seed user and its password, for the browser tests to log in as (JavaScript string
    /// literals); and one with each role the rules name, by role.
    pub first_user: String,
    pub first_password: String,
    /// What signing up a newcomer takes beyond username and password: the required user
    /// fields.
    pub signup_inputs: Vec<Input>,
    pub flow: Option<AuthFlow>,
    /// A password the rules take, as a JavaScript string literal.
    pub good_password: String,
}

#[derive(Debug, Serialize)]
pub struct ClientField {
    /// The key in JSON: `title`.
    pub name: String,
    pub label: String,
    /// The `type` `<Field>` gets: `text` (its default), `textarea`, `number`, `checkbox`,
    /// `date`, `datetime-local`, `email`, `url` or `select`.
    pub control: &'static str,
    /// `step` of a number or time control: `any` for a float, `1` for seconds.
    pub step: Option<&'static str>,
    /// The options of a `select`: the constant that holds them and its values in JavaScript.
    pub options: Option<Options>,
    pub required: bool,
    /// The control's value for a row in `var` (`{}` for a new one).
    pub to_value: String,
    /// The control's value in a blank form: the field's default, or nothing.
    pub blank: String,
    /// The body's value, from the controls' `values`.
    pub to_body: String,
    /// JSX that shows the field of a row in `var` on its page.
    pub shown: String,
}

#[derive(Debug, Serialize)]
pub struct Options {
    /// `GENRE_OPTIONS`.
    pub constant: String,
    /// `['Drama', 'Musical']`.
    pub values: String,
    /// Whether the values are numbers, which a `<select>` holds as text.
    pub numeric: bool,
}

#[derive(Debug, Serialize)]
pub struct ClientParent {
    /// `production_id`.
    pub key: String,
    pub label: String,
    pub var: String,
    pub plural_var: String,
    pub pascal: String,
    pub plural_pascal: String,
    pub path: String,
    pub human: String,
    /// The parent's name as JavaScript of `var`.
    pub display: String,
    /// The JSON key a row for a test gives it (`display_key`), or none.
    pub display_key: Option<String>,
    pub required: bool,
}

#[derive(Debug, Serialize)]
pub struct ClientChild {
    /// The key a row lists these children under in JSON: `cast_members`.
    pub key: String,
    /// The child's key to the parent, as a `?production_id=` of the child's new page.
    pub parent_key: String,
    pub var: String,
    pub path: String,
    pub a_human: String,
    pub plural_label: String,
    pub display: String,
}

/// One thing a form test or a browser test does to one control.
#[derive(Debug, Serialize)]
pub struct Input {
    pub label: String,
    /// `type` (text and numbers and times), `select` or `check`.
    pub action: &'static str,
    /// What is typed or chosen, as a JavaScript string literal; for `check`, `true`/`false`.
    pub value: String,
    /// `value` as user-event's `type` reads it, where `{` and `[` start a special key.
    pub keys: String,
    /// Whether the control starts with a value (a default) that typing must replace.
    pub clear: bool,
}

#[derive(Debug, Serialize)]
pub struct ClientRow {
    /// The row as a request body: a JavaScript object literal.
    pub body: String,
    /// What typing the row into the form takes, field by field; parents are chosen as row 1.
    pub inputs: Vec<Input>,
    /// The body the form then sends, as a JavaScript object literal.
    pub sent: String,
    /// The row's name as its page shows it, when a field gives it (a string literal).
    pub display: Option<String>,
    /// The value `editable` takes in this row, as typed into its control (a JavaScript string
    /// literal).
    pub editable: Option<String>,
    /// That value as the row's page then shows it: what the server answers (a time with its
    /// seconds and `Z`).
    pub editable_shown: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct InvalidInput {
    /// The field's key in JSON.
    pub key: String,
    pub label: String,
    /// Nothing to type when the field is left out: a required field, or a parent.
    pub input: Option<Input>,
    /// What the server says, as a JavaScript string literal.
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Message {
    pub key: String,
    pub label: String,
    /// As a JavaScript string literal.
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct Expectation {
    pub label: String,
    /// `value`, `checked` or `unchecked`.
    pub check: &'static str,
    /// The control's value, as JavaScript.
    pub value: String,
}

pub(super) fn client(spec: &Spec, resources: &[ResourceContext]) -> ClientContext {
    ClientContext {
        dev_url: format!("http://localhost:{DEV_PORT}"),
        dev_origins: format!("http://localhost:{DEV_PORT},http://127.0.0.1:{DEV_PORT}"),
        dev_port: DEV_PORT,
        package: format!("{}-client", spec.app.package),
        e2e_port: E2E_PORT,
        auth: client_auth(spec),
        title_jsx: if spec.title.contains(['{', '}', '<', '>', '&']) {
            format!("{{{}}}", js(&spec.title))
        } else {
            spec.title.clone()
        },
        resources: spec
            .resources
            .iter()
            .zip(resources)
            .map(|(r, c)| resource(spec, resources, r, c))
            .collect(),
    }
}

fn client_auth(spec: &Spec) -> ClientAuth {
    let auth = &spec.auth;
    let username = |row: &crate::spec::Row| {
        row.values
            .first()
            .cloned()
            .flatten()
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    ClientAuth {
        fields: auth
            .users
            .fields
            .iter()
            .skip(1)
            .map(|f| field(f, "user"))
            .collect(),
        roles: !auth.roles.is_empty(),
        password_min: auth.password.min_length,
        password_max: auth.password.max_length,
        first_user: js(auth.users.seed.first().map(username).unwrap_or_default()),
        first_password: js(auth.passwords.first().cloned().unwrap_or_default()),
        signup_inputs: signup_inputs(spec),
        flow: auth_flow(spec),
        good_password: js(super::auth::password_of("a-good-password", &auth.password)),
    }
}

/// The required user fields of a newcomer's signup, as a browser test types them: the values
/// of a user no seed user clashes with.
fn signup_inputs(spec: &Spec) -> Vec<Input> {
    let users = &spec.auth.users;
    let Some(values) = new_rows(&users.names, &users.fields, &users.seed, 1).pop() else {
        return Vec::new();
    };
    users
        .fields
        .iter()
        .zip(&values)
        .skip(1)
        .filter(|(f, _)| f.rules.required)
        .filter_map(|(f, v)| Some(input(f, &field(f, "user"), v.as_ref()?)))
        .collect()
}

/// The seed user the browser tests of the resource at `at` log in as: the first who may take
/// every action on the rows they make.
fn e2e_user(spec: &Spec, at: usize) -> Option<E2eUser> {
    let auth = &spec.auth;
    let access = auth.access.get(at)?;
    let k = (0..auth.users.seed.len()).find(|&k| {
        let role = auth.seed_roles.get(k).map_or("", String::as_str);
        Access::ACTIONS.iter().all(|a| access.allows(a, role, true))
    })?;
    Some(seed_user(spec, k))
}

fn seed_user(spec: &Spec, k: usize) -> E2eUser {
    let auth = &spec.auth;
    let username = auth.users.seed[k].values[0]
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    E2eUser {
        username: js(username),
        password: js(auth.passwords.get(k).cloned().unwrap_or_default()),
    }
}

/// The resource of the browser test of users: the first with owners that a newcomer (of the
/// first role) may create, show and change, and that some seed user may not change; and that
/// seed user, one who may still see the row where there is one.
fn auth_flow(spec: &Spec) -> Option<AuthFlow> {
    let auth = &spec.auth;
    let newcomer = auth.roles.first().map_or("", String::as_str);
    spec.resources.iter().enumerate().find_map(|(at, _)| {
        let access = auth.access.get(at)?;
        if !access.owned()
            || !["create", "show", "update"]
                .iter()
                .all(|a| access.allows(a, newcomer, true))
        {
            return None;
        }
        let role = |k: usize| auth.seed_roles.get(k).map_or("", String::as_str);
        let refused = |k: &usize| !access.allows("update", role(*k), false);
        let may_show = |k: &usize| access.allows("show", role(*k), false);
        let users = 0..auth.users.seed.len();
        let (other, other_may_show) = match users.clone().find(|k| refused(k) && may_show(k)) {
            Some(k) => (k, true),
            None => (users.clone().find(refused)?, false),
        };
        Some(AuthFlow {
            resource: at,
            other: seed_user(spec, other),
            other_may_show,
        })
    })
}

/// A value as JavaScript source, written as the client's code is: strings in single quotes,
/// `{ key: value }` with the keys bare.
fn js(value: impl Serialize) -> String {
    let value = serde_json::to_value(value).unwrap_or_default();
    js_source(&value)
}

/// An object as JavaScript source on one line, or, when that would be long, a key per line:
/// the lines after the first indented by `indent` spaces and two more.
fn js_block(value: impl Serialize, indent: usize) -> String {
    let value = serde_json::to_value(value).unwrap_or_default();
    let line = js_source(&value);
    match &value {
        serde_json::Value::Object(object) if line.len() > 60 => {
            let pad = " ".repeat(indent + 2);
            let mut text = "{\n".to_owned();
            for (key, value) in object {
                let pair = js_source(&serde_json::json!({ key: value }));
                // `{ key: value }` without its braces.
                text.push_str(&format!("{pad}{},\n", &pair[2..pair.len() - 2]));
            }
            text.push_str(&" ".repeat(indent));
            text.push('}');
            text
        }
        _ => line,
    }
}

fn js_source(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::String(text) => {
            let escaped = text
                .replace('\\', "\\\\")
                .replace('\'', "\\'")
                .replace('\n', "\\n")
                .replace('\r', "\\r")
                .replace('\u{2028}', "\\u2028")
                .replace('\u{2029}', "\\u2029");
            format!("'{escaped}'")
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(js_source).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(object) if object.is_empty() => "{}".into(),
        Value::Object(object) => {
            let pairs: Vec<String> = object
                .iter()
                .map(|(key, value)| {
                    let bare = key
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                    let key = if bare {
                        key.clone()
                    } else {
                        js_source(&key.as_str().into())
                    };
                    format!("{key}: {}", js_source(value))
                })
                .collect();
            format!("{{ {} }}", pairs.join(", "))
        }
        other => other.to_string(),
    }
}

/// A row's name as JavaScript of the variable `var`.
fn display(context: &ResourceContext, var: &str) -> String {
    if context.display_text {
        format!("{var}.{}", context.display.name)
    } else {
        format!("`{} ${{{var}.id}}`", context.names.label)
    }
}

fn resource(
    spec: &Spec,
    contexts: &[ResourceContext],
    resource: &Resource,
    context: &ResourceContext,
) -> ClientResource {
    let n = &context.names;
    let var = js_variable(&n.camel);
    let fields: Vec<ClientField> = resource.fields.iter().map(|f| field(f, &var)).collect();
    let field_labels: Vec<&str> = fields.iter().map(|f| f.label.as_str()).collect();
    let parents: Vec<ClientParent> = resource
        .parents
        .iter()
        .map(|p| {
            let parent = &contexts[p.resource];
            let pn = &parent.names;
            let pvar = js_variable(&pn.camel);
            // A field may have the parent's name: the parent's control then says it is one.
            let label = if field_labels.contains(&pn.label.as_str()) {
                format!("{} (the {})", pn.label, pn.human)
            } else {
                pn.label.clone()
            };
            ClientParent {
                key: pn.foreign_key.clone(),
                label,
                display: display(parent, &pvar),
                display_key: parent.display_text.then(|| parent.display.name.clone()),
                var: pvar,
                plural_var: js_variable(&pn.plural_camel),
                pascal: pn.pascal.clone(),
                plural_pascal: pn.plural_pascal.clone(),
                path: pn.mount.clone(),
                human: pn.human.clone(),
                required: p.on_delete != crate::spec::OnDelete::SetNull,
            }
        })
        .collect();
    let children: Vec<ClientChild> = resource
        .children
        .iter()
        .map(|&c| {
            let child = &contexts[c];
            let cvar = js_variable(&child.names.camel);
            ClientChild {
                key: child.names.plural.clone(),
                parent_key: n.foreign_key.clone(),
                display: display(child, &cvar),
                var: cvar,
                path: child.names.mount.clone(),
                a_human: child.names.a_human.clone(),
                plural_label: child.names.plural_label.clone(),
            }
        })
        .collect();
    let cascading: Vec<&str> = context
        .children
        .iter()
        .filter(|c| c.cascade)
        .map(|c| c.names.plural_human.as_str())
        .collect();
    let delete_note = if cascading.is_empty() {
        String::new()
    } else {
        format!(" Its {} go with it.", cascading.join(" and "))
    };
    let editable = fields
        .iter()
        .find(|f| typed(f.control))
        .map(|f| f.name.clone());
    let invalid = invalid(resource, &fields, &parents);
    let mut messages: Vec<Message> = invalid
        .iter()
        .map(|i| Message {
            key: i.key.clone(),
            label: i.label.clone(),
            message: i.message.clone(),
        })
        .collect();
    if messages.is_empty() {
        messages.push(Message {
            key: fields[0].name.clone(),
            label: fields[0].label.clone(),
            message: js("is not right"),
        });
    }
    let rows = new_rows(&n.clone(), &resource.fields, &resource.seed, E2E_ROWS);
    // The form test's row: the first, but for one optional field a person types, left blank.
    // A text, where there is one: a number is better typed, to show it sent as a number.
    let blankable = |(f, c): &(&Field, &ClientField)| {
        f.nullable() && typed(c.control) && f.rules.default.is_none()
    };
    let candidates = || resource.fields.iter().zip(&fields).enumerate();
    let blank = candidates()
        .find(|(_, pair)| blankable(pair) && !pair.0.ty.is_numeric())
        .or_else(|| candidates().find(|(_, pair)| blankable(pair)))
        .map(|(at, _)| at);
    let mut form_values = rows.first().cloned().unwrap_or_default();
    if let Some(at) = blank {
        form_values[at] = None;
    }
    let form_row = client_row(resource, context, &fields, &parents, &form_values, None);
    // An edit of row 1 types the value the third row has.
    let edit = editable.as_ref().and_then(|name| {
        let at = resource.fields.iter().position(|f| &f.names.name == name)?;
        let f = &resource.fields[at];
        let value = rows.get(2)?[at].as_ref()?;
        Some((
            input(f, &fields[at], value).keys,
            js(sent_value(f, Some(value))),
        ))
    });
    let e2e = rows
        .iter()
        .map(|values| {
            client_row(
                resource,
                context,
                &fields,
                &parents,
                values,
                editable.as_deref(),
            )
        })
        .collect();
    ClientResource {
        dir: n.plural.clone(),
        layout_dir: format!("{:<23} ", format!("src/{}/", n.plural)),
        path: n.mount.clone(),
        pascal: n.pascal.clone(),
        plural_pascal: n.plural_pascal.clone(),
        plural_var: js_variable(&n.plural_camel),
        label: n.label.clone(),
        plural_label: n.plural_label.clone(),
        human: n.human.clone(),
        a_human: n.a_human.clone(),
        plural_human: n.plural_human.clone(),
        display: display(context, &var),
        display_key: context.display_text.then(|| context.display.name.clone()),
        first_row: first_row(spec, resource),
        first_values: first_values(resource, &fields, &parents),
        e2e,
        form_row,
        form_row_blank: blank.is_some(),
        edit_typed: edit.as_ref().map(|(typed, _)| typed.clone()),
        edit_sent: edit.map(|(_, sent)| sent),
        messages: messages.clone(),
        unerring: fields
            .iter()
            .find(|f| !messages.iter().any(|m| m.label == f.label))
            .map(|f| f.label.clone()),
        invalid,
        editable_label: editable
            .as_ref()
            .and_then(|name| fields.iter().find(|f| &f.name == name))
            .map(|f| f.label.clone()),
        first_display: js(first_display(resource, context)),
        editable,
        delete_note,
        any_checkbox: fields.iter().any(|f| f.control == "checkbox"),
        any_default: resource.fields.iter().any(|f| f.rules.default.is_some()),
        may: spec
            .resources
            .iter()
            .position(|r| r.names == resource.names)
            .and_then(|at| spec.auth.access.get(at))
            .map(|access| {
                Access::ACTIONS
                    .iter()
                    .map(|&action| May {
                        action,
                        function: may(access.of(action), action, &var),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        owned: spec
            .resources
            .iter()
            .position(|r| r.names == resource.names)
            .is_some_and(|at| spec.auth.owned(at)),
        e2e_user: spec
            .resources
            .iter()
            .position(|r| r.names == resource.names)
            .and_then(|at| e2e_user(spec, at)),
        fields,
        parents,
        children,
        var,
    }
}

/// Who may take `action`, as a JavaScript function of the signed-in user and, for an action
/// on a row, of the row in `var`.
fn may(who: &[Who], action: &str, var: &str) -> String {
    let on_row = matches!(action, "show" | "update" | "delete");
    let mut any = Vec::new();
    for w in who {
        match w {
            Who::Public => return "() => true".into(),
            Who::SignedIn => any.push("user !== null".to_owned()),
            // A list shows its owners their own rows: any signed-in user may ask for it.
            Who::Owner if !on_row => any.push("user !== null".to_owned()),
            Who::Owner => any.push(format!("user?.id === {var}.user_id")),
            Who::Role(role) => any.push(format!("user?.role === {}", js(role))),
        }
    }
    let args = if on_row && who.contains(&Who::Owner) {
        format!("(user, {var})")
    } else {
        "(user)".to_owned()
    };
    format!("{args} => {}", any.join(" || "))
}

/// Whether a test types into this control, rather than choosing or checking.
fn typed(control: &str) -> bool {
    !matches!(control, "select" | "checkbox")
}

fn field(f: &Field, var: &str) -> ClientField {
    let name = &f.names.name;
    let value = format!("{var}.{name}");
    let default = f.rules.default.as_ref();
    let numeric = f.ty.is_numeric();
    let options = f.rules.one_of.as_ref().map(|options| Options {
        constant: format!("{}_OPTIONS", name.to_uppercase()),
        values: js(options.iter().map(json).collect::<Vec<_>>()),
        numeric,
    });
    let control = if options.is_some() {
        "select"
    } else {
        match f.ty {
            FieldType::Text => "textarea",
            FieldType::Integer | FieldType::Float => "number",
            FieldType::Bool => "checkbox",
            FieldType::Date => "date",
            FieldType::Datetime => "datetime-local",
            FieldType::Email => "email",
            FieldType::Url => "url",
            FieldType::String => "text",
        }
    };
    let blank = |fallback: &str| default.map_or(fallback.to_owned(), |d| js(json(d)));
    let (to_value, to_body) = match (f.ty, control) {
        (FieldType::Bool, _) => (
            format!("{value} ?? {}", blank("false")),
            format!("values.{name}"),
        ),
        // A <select> holds text: the number goes back to being a number.
        (_, "select") if numeric => (
            format!("String({value} ?? {})", blank("''")),
            format!("values.{name} === '' ? null : Number(values.{name})"),
        ),
        (_, "number") => (
            format!("{value} ?? {}", blank("''")),
            format!("values.{name} === '' ? null : Number(values.{name})"),
        ),
        // The API writes times in UTC (`...Z`); the control shows them without the zone.
        (FieldType::Datetime, _) => (
            format!("{value}?.slice(0, 19) ?? ''"),
            format!("values.{name} ? new Date(`${{values.{name}}}Z`).toISOString() : null"),
        ),
        _ => (
            format!("{value} ?? {}", blank("''")),
            format!("values.{name} || null"),
        ),
    };
    let shown = if f.ty == FieldType::Bool {
        if f.nullable() {
            format!("{{{value} == null ? '—' : {value} ? 'Yes' : 'No'}}")
        } else {
            format!("{{{value} ? 'Yes' : 'No'}}")
        }
    } else {
        format!("{{{value} ?? '—'}}")
    };
    let blank = match (f.ty, control) {
        (FieldType::Bool, _) => blank("false"),
        (_, "select") if numeric => default.map_or("''".to_owned(), |d| js(d.to_string())),
        (FieldType::Datetime, _) => "''".to_owned(),
        _ => blank("''"),
    };
    ClientField {
        blank,
        name: name.clone(),
        // The control shows a time as the API keeps it, in UTC: the label says so.
        label: if f.ty == FieldType::Datetime {
            format!("{} (UTC)", f.names.label)
        } else {
            f.names.label.clone()
        },
        control,
        step: match f.ty {
            FieldType::Float if control == "number" => Some("any"),
            FieldType::Datetime => Some("1"),
            _ => None,
        },
        options,
        required: f.rules.required,
        to_value,
        to_body,
        shown,
    }
}

/// A value as JSON, as the API sends it.
fn json(value: &Literal) -> serde_json::Value {
    match value {
        Literal::Text(text) => text.clone().into(),
        Literal::Integer(i) => (*i).into(),
        Literal::Float(x) => {
            serde_json::Number::from_f64(*x).map_or(serde_json::Value::Null, Into::into)
        }
        Literal::Bool(b) => (*b).into(),
    }
}

/// A value of field `f` as the API sends it: a time in UTC.
fn api_value(f: &Field, value: Option<&Literal>) -> serde_json::Value {
    match (f.ty, value) {
        (_, None) => serde_json::Value::Null,
        (FieldType::Datetime, Some(Literal::Text(t))) => utc(t).unwrap_or_else(|| t.clone()).into(),
        (FieldType::Float, Some(Literal::Integer(i))) => (*i as f64).into(),
        (_, Some(v)) => json(v),
    }
}

/// What typing or choosing `value` in the control of `f` takes, as a test does it.
fn input(f: &Field, c: &ClientField, value: &Literal) -> Input {
    let text = match (f.ty, value) {
        // A time control takes minutes, in UTC.
        (FieldType::Datetime, Literal::Text(t)) => utc(t)
            .unwrap_or_else(|| t.clone())
            .chars()
            .take(16)
            .collect(),
        (_, v) => v.to_string(),
    };
    let (action, value) = match c.control {
        "checkbox" => ("check", value.to_string()),
        "select" => ("select", js(&text)),
        _ => ("type", js(&text)),
    };
    Input {
        label: c.label.clone(),
        action,
        keys: js(text.replace('{', "{{").replace('[', "[[")),
        value,
        clear: f.rules.default.is_some(),
    }
}

/// What the form sends for a value typed as `input` does: times as `toISOString` writes them.
fn sent_value(f: &Field, value: Option<&Literal>) -> serde_json::Value {
    match (f.ty, value) {
        (FieldType::Bool, None) => json(f.rules.default.as_ref().unwrap_or(&Literal::Bool(false))),
        (_, None) => f
            .rules
            .default
            .as_ref()
            .map_or(serde_json::Value::Null, json),
        (FieldType::Datetime, Some(Literal::Text(t))) => {
            let utc = utc(t).unwrap_or_else(|| t.clone());
            format!("{}:00.000Z", &utc[..16.min(utc.len())]).into()
        }
        (_, Some(v)) => api_value(f, Some(v)),
    }
}

fn client_row(
    resource: &Resource,
    context: &ResourceContext,
    fields: &[ClientField],
    parents: &[ClientParent],
    values: &[Option<Literal>],
    editable: Option<&str>,
) -> ClientRow {
    let mut body = serde_json::Map::new();
    let mut sent = serde_json::Map::new();
    let mut inputs = Vec::new();
    for ((f, c), v) in resource.fields.iter().zip(fields).zip(values) {
        if let Some(v) = v {
            body.insert(f.names.name.clone(), api_value(f, Some(v)));
            let typed = input(f, c, v);
            // A checkbox is clicked only to change it.
            let starts = f.rules.default.clone().unwrap_or(Literal::Bool(false));
            if typed.action != "check" || *v != starts {
                inputs.push(typed);
            }
        }
        sent.insert(f.names.name.clone(), sent_value(f, v.as_ref()));
    }
    for p in parents {
        body.insert(p.key.clone(), 1.into());
        sent.insert(p.key.clone(), 1.into());
        inputs.push(Input {
            label: p.label.clone(),
            action: "select",
            value: js("1"),
            keys: js("1"),
            clear: false,
        });
    }
    let display = context.display_text.then(|| {
        let at = resource
            .fields
            .iter()
            .position(|f| f.names.name == context.display.name)
            .unwrap_or(0);
        js(values[at]
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default())
    });
    let edited = editable.and_then(|name| {
        let at = resource.fields.iter().position(|f| f.names.name == name)?;
        let f = &resource.fields[at];
        let value = values[at].as_ref()?;
        let typed = input(f, &fields[at], value).value;
        let shown = match sent_value(f, Some(value)) {
            // The server answers a time to the second: `2024-01-06T19:30:00Z`.
            serde_json::Value::String(time) if f.ty == FieldType::Datetime => {
                js(format!("{}:00Z", &time[..16.min(time.len())]))
            }
            _ => typed.clone(),
        };
        Some((typed, shown))
    });
    let (editable, editable_shown) = edited.unzip();
    ClientRow {
        body: js_block(serde_json::Value::Object(body), 4),
        inputs,
        sent: js_block(serde_json::Value::Object(sent), 2),
        display,
        editable,
        editable_shown,
    }
}

/// Seed row 1's name, as its page shows it.
fn first_display(resource: &Resource, context: &ResourceContext) -> String {
    let value = context.display_text.then(|| {
        let at = resource
            .fields
            .iter()
            .position(|f| f.names.name == context.display.name)?;
        Some(resource.seed.first()?.values[at].as_ref()?.to_string())
    });
    value
        .flatten()
        .unwrap_or_else(|| format!("{} 1", context.names.label))
}

/// Seed row 1 as the API sends it, with its id.
fn first_row(spec: &Spec, resource: &Resource) -> String {
    let Some(row) = resource.seed.first() else {
        return "{}".into();
    };
    let mut object = serde_json::Map::new();
    object.insert("id".into(), 1.into());
    for (f, v) in resource.fields.iter().zip(&row.values) {
        object.insert(f.names.name.clone(), api_value(f, v.as_ref()));
    }
    for (p, &id) in resource.parents.iter().zip(&row.parent_ids) {
        let key = spec.resources[p.resource].names.foreign_key.clone();
        object.insert(
            key,
            if id == 0 {
                serde_json::Value::Null
            } else {
                id.into()
            },
        );
    }
    js_block(serde_json::Value::Object(object), 2)
}

/// What each control of the form holds once it shows seed row 1, its parents' included.
fn first_values(
    resource: &Resource,
    fields: &[ClientField],
    parents: &[ClientParent],
) -> Vec<Expectation> {
    let Some(row) = resource.seed.first() else {
        return Vec::new();
    };
    let chosen = parents
        .iter()
        .zip(&row.parent_ids)
        .map(|(p, &id)| Expectation {
            label: p.label.clone(),
            check: "value",
            value: js(if id == 0 {
                String::new()
            } else {
                id.to_string()
            }),
        });
    resource
        .fields
        .iter()
        .zip(fields)
        .zip(&row.values)
        .filter(|((f, _), _)| f.ty != FieldType::Datetime)
        .map(|((f, c), v)| {
            let (check, value) = match (c.control, v) {
                ("checkbox", v) => {
                    let on = matches!(v, Some(Literal::Bool(true)))
                        || (v.is_none() && f.rules.default == Some(Literal::Bool(true)));
                    (if on { "checked" } else { "unchecked" }, String::new())
                }
                ("number", Some(v)) => ("value", js(api_value(f, Some(v)))),
                ("number", None) => ("value", "null".into()),
                (_, Some(v)) => ("value", js(v.to_string())),
                (_, None) => ("value", js("")),
            };
            Expectation {
                label: c.label.clone(),
                check,
                value,
            }
        })
        .chain(chosen)
        .collect()
}

/// A form that breaks a rule of every field that has one a person can type, and leaves out
/// every required field and parent: what the server then says, field by field.
fn invalid(
    resource: &Resource,
    fields: &[ClientField],
    parents: &[ClientParent],
) -> Vec<InvalidInput> {
    let mut out = Vec::new();
    for (at, (f, c)) in resource.fields.iter().zip(fields).enumerate() {
        // A value a person can type: not a NUL, and not nothing, which the form sends as null.
        let case = test_cases(resource, at)
            .unwrap_or_default()
            .into_iter()
            .find(|case| {
                typed(c.control) && case.rule != "no_nul" && !case.bad.to_string().is_empty()
            });
        match case {
            Some(case) => out.push(InvalidInput {
                key: f.names.name.clone(),
                label: c.label.clone(),
                input: Some(input(f, c, &case.bad)),
                message: js(rule_message(&f.rules, case.rule)),
            }),
            None if f.rules.required && f.ty != FieldType::Bool => out.push(InvalidInput {
                key: f.names.name.clone(),
                label: c.label.clone(),
                input: None,
                message: js(rule_message(&f.rules, "required")),
            }),
            None => {}
        }
    }
    for p in parents.iter().filter(|p| p.required) {
        out.push(InvalidInput {
            key: p.key.clone(),
            label: p.label.clone(),
            input: None,
            message: js(rule_message(&Default::default(), "required")),
        });
    }
    out
}
