//! `schemathesis.toml`, and from lecture 7 `schemathesis-auth.json`: how schemathesis tries a
//! project's API. It sends what `openapi.json` allows and checks every answer against the
//! document; these files hold what the document cannot say (which ids exist, which values
//! other rows already have) and, from lecture 7, who logs in and how.

use serde_json::json;

use crate::context::ProjectContext;
use crate::naming::API_PREFIX;
use crate::spec::{FieldType, OnDelete};

/// What schemathesis expects of a request its schema accepts, by default: success, or a
/// refusal that does not blame the body. A project adds 422 where the body can name a row that
/// does not exist or a value another row has.
const ACCEPTED: &str = r#"[
    "2XX", "3XX", 401, 403, 404, 409, 422, 429, "5XX",
]"#;

/// The WFC auth file lecture 7's `schemathesis.toml` names.
pub const AUTH_FILE: &str = "schemathesis-auth.json";

/// `text` as TOML comment lines of at most 100 columns.
fn comment(text: &str) -> String {
    crate::render::wrap(text, 98)
        .iter()
        .map(|line| format!("# {line}\n"))
        .collect()
}

/// `schemathesis.toml` for the project.
pub fn config(context: &ProjectContext) -> String {
    let prefix = if context.has.client { API_PREFIX } else { "" };
    let cookie = if context.has.auth {
        " with COOKIE_SECURE=false"
    } else {
        ""
    };
    let mut out = format!(
        "# How schemathesis (https://schemathesis.readthedocs.io) tries this API. Serve a freshly
# seeded database (`cargo run -- seed`, then `cargo run`{cookie}),
# then, in this folder:
#
#     st run http://127.0.0.1:3000{prefix}/openapi.json
#
# It sends every kind of request `openapi.json` allows and some it does not, and runs every
# check it has on each answer. What the document cannot say is written below. (`--checks all`
# on the command line would turn on again a check this file turns off for an operation.)

# The same requests on every run, so that what fails once fails again.
generation.deterministic = true
generation.max-examples = 30
"
    );
    if context.has.auth {
        out.push_str(&format!(
            "
# Log in as the seed users, whose passwords are the development ones `seed` gives them. A
# request one of them is refused is tried as the next. The two `peers` differ only in the rows
# they own: neither may be shown what only the other may see.
[auth.wfc]
path = \"{AUTH_FILE}\"
"
        ));
        let peers = peers(context);
        if peers.len() == 2 {
            out.push_str(&format!("peers = [\"{}\", \"{}\"]\n", peers[0], peers[1]));
        }
    }
    for r in &context.resources {
        let route = &r.names.route;
        let mut why = Vec::new();
        if !r.parents.is_empty() {
            let keys: Vec<&str> = r.parents.iter().map(|p| p.key.as_str()).collect();
            why.push(format!(
                "name a row that does not exist in `{}`",
                keys.join("`, `")
            ));
        }
        let unique: Vec<&str> = r
            .fields
            .iter()
            .filter(|f| f.unique)
            .map(|f| f.names.name.as_str())
            .collect();
        if !unique.is_empty() {
            why.push(format!(
                "give `{}` a value another row has",
                unique.join("`, `")
            ));
        }
        if !r.parents.is_empty() || r.fields.iter().any(|f| f.ty == FieldType::Integer) {
            why.push("send an integer as `2.0`, which JSON Schema counts as an integer and serde does not".into());
        }
        if !why.is_empty() {
            for (method, path) in [
                ("POST", route.clone()),
                ("PATCH", format!("{route}/{{id}}")),
            ] {
                let why = format!(
                    "A body the schema accepts may {}: the server answers 422, naming the field.",
                    why.join(", or ")
                );
                out.push_str(&format!(
                    "\n{}[[operations]]
include-name = \"{method} {path}\"
checks.positive_data_acceptance.expected-statuses = {ACCEPTED}
",
                    comment(&why)
                ));
            }
        }
        if let Some(parent) = r.parents.iter().find(|p| p.on_delete == OnDelete::Cascade) {
            let why = format!(
                "Deleting a {} deletes its {} too (`on_delete: cascade`), so a {} made a step \
                 earlier can be gone when a scenario asks for it: the 404 is right.",
                parent.names.human, r.names.plural_human, r.names.human
            );
            out.push_str(&format!(
                "\n{}[[operations]]
include-path = \"{route}/{{id}}\"
checks.ensure_resource_availability.enabled = false
",
                comment(&why)
            ));
        }
        let orphans: Vec<&str> = context
            .resources
            .iter()
            .filter(|c| {
                c.parents
                    .iter()
                    .any(|p| p.nullable && p.names.singular == r.names.singular)
            })
            .map(|c| c.names.plural_human.as_str())
            .collect();
        if !orphans.is_empty() {
            let why = format!(
                "{} may have no {}: schemathesis then follows the null key from a list as a link \
                 and asks for `{route}/None`, which is rightly a 400.",
                crate::naming::capitalize(&orphans.join(" and ")),
                r.names.human
            );
            out.push_str(&format!(
                "\n{}[[operations]]
include-path = \"{route}/{{id}}\"
phases.stateful.checks.positive_data_acceptance.expected-statuses = [
    \"2XX\", \"3XX\", 400, 401, 403, 404, 409, 422, 429, \"5XX\",
]
",
                comment(&why)
            ));
        }
        if let Some(children) = &r.restricted_by {
            let why = format!(
                "A {} that still has {children} is not deleted: the server answers 422 and says why.",
                r.names.human
            );
            out.push_str(&format!(
                "\n{}[[operations]]
include-name = \"DELETE {route}/{{id}}\"
checks.positive_data_acceptance.expected-statuses = {ACCEPTED}
",
                comment(&why)
            ));
        }
    }
    if context.has.auth {
        out.push_str(&format!(
            "
# A username the schema accepts may be taken: the server answers 422, naming it.
[[operations]]
include-name = \"POST {API_PREFIX}/signup\"
checks.positive_data_acceptance.expected-statuses = {ACCEPTED}

# Log-in is how schemathesis signs in. Sent with made-up passwords from one address, ten
# failures in three minutes make the server answer every log-in from there with 429, the
# seed users' included, and schemathesis could not sign in again after a log-out.
# `tests/api/auth.rs` and `tests/api/throttle.rs` test log-in instead.
[[operations]]
include-name = \"POST {API_PREFIX}/login\"
enabled = false
"
        ));
    }
    out
}

/// Two seed users of the first role that has two, for the object-level authorization check.
fn peers(context: &ProjectContext) -> Vec<String> {
    let users = &context.auth.seed_users;
    users
        .iter()
        .filter_map(|u| u.role.as_ref().map(|r| &r.name))
        .find_map(|role| {
            let same: Vec<String> = users
                .iter()
                .filter(|u| u.role.as_ref().map(|r| &r.name) == Some(role))
                .map(|u| u.username.clone())
                .take(2)
                .collect();
            (same.len() == 2).then_some(same)
        })
        .or_else(|| {
            // Without roles every user is alike.
            let all: Vec<String> = users.iter().map(|u| u.username.clone()).take(2).collect();
            (all.len() == 2 && users.iter().all(|u| u.role.is_none())).then_some(all)
        })
        .unwrap_or_default()
}

/// `schemathesis-auth.json`: every seed user, logging in with their development password
/// through `POST /api/login`, which answers with the session cookie.
pub fn auth_file(context: &ProjectContext) -> String {
    let users: Vec<serde_json::Value> = context
        .auth
        .seed_users
        .iter()
        .map(|u| {
            json!({
                "name": u.username,
                "loginEndpointAuth": {
                    "endpoint": format!("{API_PREFIX}/login"),
                    "verb": "POST",
                    "contentType": "application/json",
                    "payloadUserPwd": {
                        "username": u.username,
                        "usernameField": "username",
                        "password": u.password_text,
                        "passwordField": "password",
                    },
                    "expectCookies": true,
                },
            })
        })
        .collect();
    let document = json!({ "schemaVersion": "1.0.0", "auth": users });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lectures::{Variant, lecture};

    fn context(number: u8) -> ProjectContext {
        let spec = crate::spec::parse_and_validate(include_str!("../specs/theater.yaml")).unwrap();
        crate::context::project(&spec, lecture(number).unwrap(), Variant::Solution)
    }

    #[test]
    fn a_body_that_can_name_a_missing_parent_may_get_422_and_nothing_else_does() {
        let config = config(&context(5));
        let operations: Vec<&str> = config
            .lines()
            .filter_map(|l| l.strip_prefix("include-name = "))
            .collect();
        // Cast members belong to a production; productions have no parent, no unique field,
        // and children that cascade.
        assert_eq!(
            operations,
            ["\"POST /cast_members\"", "\"PATCH /cast_members/{id}\""]
        );
        // A production's delete takes its cast members with it.
        assert!(config.contains(
            "include-path = \"/cast_members/{id}\"\nchecks.ensure_resource_availability.enabled = false\n"
        ));
        assert!(!config.contains("[auth"));
        assert!(config.contains("st run http://127.0.0.1:3000/openapi.json"));
    }

    #[test]
    fn lecture_7_logs_in_as_every_seed_user_with_two_peers_of_one_role() {
        let context = context(7);
        let config = config(&context);
        assert!(config.contains(&format!("[auth.wfc]\npath = \"{AUTH_FILE}\"\n")));
        // ada and alan are members; grace is the admin.
        assert!(config.contains("peers = [\"ada\", \"alan\"]\n"), "{config}");
        assert!(config.contains("include-name = \"POST /api/signup\""));
        let auth: serde_json::Value = serde_json::from_str(&auth_file(&context)).unwrap();
        let names: Vec<&str> = auth["auth"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["ada", "grace", "alan"]);
        let login = &auth["auth"][1]["loginEndpointAuth"];
        assert_eq!(login["endpoint"], "/api/login");
        assert_eq!(login["payloadUserPwd"]["password"], "grace-dev-password");
        assert_eq!(login["expectCookies"], true);
    }
}
