//! `postman_collection.json`: a request for every route of a project, each with the tests
//! (`pm.test`) Postman runs after it, in an order that runs top to bottom on a freshly seeded
//! server. A row the collection creates has its id kept in a collection variable, which the
//! requests after it use; from lecture 5 every kind of refused request follows the ones that
//! succeed, and lecture 7 ends with logging out, signing up and a refusal.

use serde_json::{Value, json};

use crate::context::{Credentials, ProjectContext, ResourceContext, seed_credentials};
use crate::naming::API_PREFIX;
use crate::spec::{Spec, Who};

/// The username the collection signs up in lecture 7.
const NEWCOMER: &str = "newcomer";

/// One request of the collection and the test script that checks its answer.
struct Request {
    name: String,
    method: &'static str,
    path: String,
    body: Option<String>,
    /// The body's media type, when it is not JSON.
    content_type: Option<&'static str>,
    tests: Vec<String>,
}

impl Request {
    fn new(name: impl Into<String>, method: &'static str, path: impl Into<String>) -> Self {
        Request {
            name: name.into(),
            method,
            path: path.into(),
            body: None,
            content_type: None,
            tests: Vec::new(),
        }
    }

    fn body(mut self, body: String) -> Self {
        self.body = Some(body);
        self
    }

    /// A test line, or several.
    fn test(mut self, lines: &[String]) -> Self {
        self.tests.extend(lines.iter().cloned());
        self
    }

    fn to_json(&self) -> Value {
        let segments: Vec<&str> = self.path.trim_start_matches('/').split('/').collect();
        let mut request = json!({
            "method": self.method,
            "header": [],
            "url": {
                "raw": format!("{{{{baseUrl}}}}{}", self.path),
                "host": ["{{baseUrl}}"],
                "path": segments,
            },
        });
        if let Some(body) = &self.body {
            let media = self.content_type.unwrap_or("application/json");
            request["header"] = json!([{ "key": "Content-Type", "value": media }]);
            request["body"] = match self.content_type {
                None => json!({
                    "mode": "raw",
                    "raw": body,
                    "options": { "raw": { "language": "json" } },
                }),
                Some(_) => json!({ "mode": "raw", "raw": body }),
            };
        }
        json!({
            "name": self.name,
            "event": [{
                "listen": "test",
                "script": { "type": "text/javascript", "exec": self.tests },
            }],
            "request": request,
        })
    }
}

/// A JavaScript string literal.
fn js(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

/// `pm.test` that the answer has `status`.
fn status(code: u16) -> String {
    format!("pm.test(\"answers {code}\", () => pm.response.to.have.status({code}));")
}

/// Tests that the answer is `status` with the error shape's `{ "error": message }`.
fn error(code: u16, message: &str) -> Vec<String> {
    vec![
        status(code),
        format!(
            "pm.test(\"says why in the error shape\", () => pm.expect(pm.response.json()).to.eql({{ error: {} }}));",
            js(message)
        ),
    ]
}

/// Tests that the answer is a 422 whose `errors` name `field` with `message`.
fn field_error(code: u16, field: &str, message: &str) -> Vec<String> {
    vec![
        status(code),
        format!(
            "pm.test(\"names {field}: {}\", () => pm.expect(pm.response.json().errors[{}]).to.include({}));",
            message.replace('"', "'"),
            js(field),
            js(message)
        ),
    ]
}

/// Tests that every key of the request's JSON body comes back with the value sent.
fn echoes_body() -> String {
    [
        "pm.test(\"answers with every value sent\", () => {",
        "    const row = pm.response.json();",
        "    for (const [key, value] of Object.entries(JSON.parse(pm.request.body.raw))) {",
        "        pm.expect(row[key], key).to.eql(value);",
        "    }",
        "});",
    ]
    .join("\n")
}

/// The collection of a project of `spec`.
pub fn collection(spec: &Spec, context: &ProjectContext) -> String {
    let mut folders: Vec<Value> = context
        .resources
        .iter()
        .enumerate()
        .map(|(at, r)| {
            let items: Vec<Value> = resource_requests(spec, context, at)
                .iter()
                .map(Request::to_json)
                .collect();
            json!({ "name": r.names.plural_title, "item": items })
        })
        .collect();
    if context.has.auth {
        let items: Vec<Value> = session_requests(spec, context)
            .iter()
            .map(Request::to_json)
            .collect();
        folders.push(json!({ "name": "Sessions", "item": items }));
    }
    let variables: Vec<Value> =
        std::iter::once(json!({ "key": "baseUrl", "value": "http://127.0.0.1:3000" }))
            .chain(
                context
                    .resources
                    .iter()
                    .filter(|_| context.has.create)
                    .map(|r| json!({ "key": id_variable(r), "value": "" })),
            )
            .collect();
    let collection = json!({
        "info": {
            "name": format!("{} (lecture {})", context.title, context.lecture.number),
            "description": "Run it top to bottom on a freshly seeded server: `cargo run -- seed`, then `cargo run`.",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "item": folders,
        "variable": variables,
    });
    let mut text = serde_json::to_string_pretty(&collection).unwrap_or_default();
    text.push('\n');
    text
}

/// The collection variable that holds the id of the row the collection created.
fn id_variable(r: &ResourceContext) -> String {
    format!("{}_id", r.names.singular)
}

/// Who sends a folder's requests: in lecture 7, before a request its sender may not send, a
/// log-in as the first seed user the rules let send it (the resource's acting user first).
struct Folder<'a> {
    items: Vec<Request>,
    /// Every seed user's credentials, or none before lecture 7.
    users: &'a [Credentials],
    signed_in: Option<usize>,
}

impl Folder<'_> {
    fn push(&mut self, sender: Option<usize>, request: Request) {
        if let Some(k) = sender.filter(|&k| Some(k) != self.signed_in)
            && let Some(user) = self.users.get(k)
        {
            self.items.push(login(user));
            self.signed_in = Some(k);
        }
        self.items.push(request);
    }
}

/// `POST /api/login` as `user`. Postman keeps the session cookie the server sets, and sends it
/// back with the requests after it.
fn login(user: &Credentials) -> Request {
    let body = json!({ "username": user.username, "password": user.password });
    Request::new(
        format!("Log in as {}, who may send the requests below", user.username),
        "POST",
        format!("{API_PREFIX}/login"),
    )
    .body(pretty_json(&body.to_string()))
    .test(&[
        status(200),
        format!(
            "pm.test(\"answers with the user\", () => pm.expect(pm.response.json().username).to.eql({}));",
            js(&user.username)
        ),
    ])
}

/// A resource's folder: list, show, create and show what was made, update, delete what was
/// made, then the requests that fail on purpose; in lecture 7 each sent by a user who may.
fn resource_requests(spec: &Spec, context: &ProjectContext, at: usize) -> Vec<Request> {
    let r = &context.resources[at];
    let route = &r.names.route;
    let human = &r.names.human;
    let users = if context.has.auth {
        seed_credentials(&spec.auth)
    } else {
        Vec::new()
    };
    let access = spec.auth.access.get(at).filter(|_| context.has.auth);
    let acting = users
        .iter()
        .position(|u| Some(&u.username) == r.acting_user.as_ref().map(|a| &a.username));
    // The first seed user who may take `action` on a row, the acting user first; `owns` says
    // whether user k owns it.
    let sender = |action: &str, owns: &dyn Fn(usize) -> bool| -> Option<usize> {
        let access = access?;
        let may = |k: usize| {
            let role = spec.auth.seed_roles.get(k).map_or("", String::as_str);
            access.allows(action, role, owns(k))
        };
        acting
            .filter(|&k| may(k))
            .or_else(|| (0..users.len()).find(|&k| may(k)))
    };
    let first_owner = spec.resources[at].seed.first().map_or(0, |row| row.owner);
    let owns_first = |k: usize| first_owner == k + 1;
    let creator = sender("create", &|_| false);
    let owns_created = |k: usize| Some(k) == creator;
    let mut folder = Folder {
        items: Vec::new(),
        users: &users,
        signed_in: None,
    };
    folder.push(
        sender("list", &owns_first).or(acting),
        Request::new(format!("List {}", r.names.plural_human), "GET", route.clone()).test(&[
            status(200),
            "pm.test(\"answers with a list\", () => pm.expect(pm.response.json()).to.be.an(\"array\"));".into(),
        ]),
    );
    let mut show = vec![
        status(200),
        "pm.test(\"answers with row 1\", () => pm.expect(pm.response.json().id).to.eql(1));".into(),
    ];
    show.extend(r.children.iter().map(|c| {
        format!(
            "pm.test(\"nests its {}\", () => pm.expect(pm.response.json()[{}]).to.be.an(\"array\"));",
            c.names.plural_human,
            js(&c.names.plural)
        )
    }));
    folder.push(
        sender("show", &owns_first),
        Request::new(format!("Show {human} 1"), "GET", format!("{route}/1")).test(&show),
    );
    let created = format!("{route}/{{{{{}}}}}", id_variable(r));
    if context.has.create {
        folder.push(
            creator,
            Request::new(format!("Create {}", r.names.a_human), "POST", route.clone())
                .body(pretty_body(&r.samples.create_body))
                .test(&[
                    status(201),
                    echoes_body(),
                    "const row = pm.response.json();".into(),
                    format!(
                        "pm.test(\"says where the new row is\", () => pm.response.to.have.header(\"Location\", `{route}/${{row.id}}`));"
                    ),
                    "// The requests below use the new row's id.".into(),
                    format!(
                        "pm.collectionVariables.set({}, row.id);",
                        js(&id_variable(r))
                    ),
                ]),
        );
        folder.push(
            sender("show", &owns_created),
            Request::new(format!("Show the {human} created above"), "GET", created.clone()).test(&[
                status(200),
                format!(
                    "pm.test(\"answers with the new row\", () => pm.expect(pm.response.json().id).to.eql(pm.collectionVariables.get({})));",
                    js(&id_variable(r))
                ),
            ]),
        );
    }
    if context.has.update {
        folder.push(
            sender("update", &owns_first),
            Request::new(format!("Update {human} 1"), "PATCH", format!("{route}/1"))
                .body(pretty_body(&r.samples.patch_body))
                .test(&[status(200), echoes_body()]),
        );
    }
    if context.has.delete {
        // The row the create request above made: deleting row 1 could cascade to the rows the
        // other requests of the collection use.
        folder.push(
            sender("delete", &owns_created),
            Request::new(
                format!("Delete the {human} created above"),
                "DELETE",
                created.clone(),
            )
            .test(&[status(204)]),
        );
        folder.push(
            sender("show", &owns_first),
            Request::new(
                format!("Show the {human} deleted above: 404"),
                "GET",
                created.clone(),
            )
            .test(&[
                status(404),
                format!(
                    "pm.test(\"says it is gone\", () => pm.expect(pm.response.json().error).to.eql(`{human} ${{pm.collectionVariables.get({})}} not found`));",
                    js(&id_variable(r))
                ),
            ]),
        );
    }
    // Requests that fail on purpose, named after what the server answers.
    let q = &r.samples.not_found;
    folder.push(
        sender("show", &owns_first),
        Request::new(
            format!("{}: {}", q.name, q.status),
            q.method,
            q.path.clone(),
        )
        .test(&error(q.status, &q.message)),
    );
    if context.has.create {
        let mut request = Request::new(
            format!("Create {} sent as plain text: 415", r.names.a_human),
            "POST",
            route.clone(),
        )
        .body(pretty_body(&r.samples.create_body))
        .test(&[status(415)]);
        request.content_type = Some("text/plain");
        if context.has.app_errors {
            request = request.test(&[
                "pm.test(\"says why in the error shape\", () => pm.expect(pm.response.json().error).to.be.a(\"string\"));".into(),
            ]);
        }
        folder.push(creator, request);
    }
    if context.has.validation {
        for q in &r.samples.invalid {
            let (name, tests) = match &q.field {
                Some(field) => (
                    format!("{}: {}, `{field}`: {}", q.name, q.status, q.message),
                    field_error(q.status, field, &q.message),
                ),
                None => (
                    format!("{}: {}", q.name, q.status),
                    error(q.status, &q.message),
                ),
            };
            let mut request = Request::new(name, q.method, q.path.clone()).test(&tests);
            request.body = q.body.as_deref().map(pretty_json);
            folder.push(creator, request);
        }
    }
    folder.items
}

/// Lecture 7's last folder: the session, logging out, a wrong password, signing up, and what a
/// newcomer may not do.
fn session_requests(spec: &Spec, context: &ProjectContext) -> Vec<Request> {
    let auth = &context.auth;
    let mut items = vec![
        Request::new("Check the session", "GET", format!("{API_PREFIX}/check_session"))
            .test(&[
                status(200),
                "pm.test(\"answers with the user\", () => pm.expect(pm.response.json().username).to.be.a(\"string\"));".into(),
            ]),
        Request::new("Log out", "DELETE", format!("{API_PREFIX}/logout")).test(&[status(204)]),
        Request::new(
            "Check the session after logging out: 401",
            "GET",
            format!("{API_PREFIX}/check_session"),
        )
        .test(&error(401, "you must be logged in")),
    ];
    if let Some(ada) = auth.seed_users.first() {
        let body = json!({ "username": ada.username, "password": auth.other_password });
        items.push(
            Request::new(
                "Log in with a wrong password: 401",
                "POST",
                format!("{API_PREFIX}/login"),
            )
            .body(pretty_json(&body.to_string()))
            .test(&[
                status(401),
                "pm.test(\"says why in the error shape\", () => pm.expect(pm.response.json().error).to.be.a(\"string\"));".into(),
            ]),
        );
    }
    // A list nobody signed out may see.
    if let Some((r, _)) = context
        .resources
        .iter()
        .zip(&spec.auth.access)
        .find(|(_, access)| !access.of("list").contains(&Who::Public))
    {
        items.push(
            Request::new(
                format!("List {} signed out: 401", r.names.plural_human),
                "GET",
                r.names.route.clone(),
            )
            .test(&error(401, "you must be logged in")),
        );
    }
    let mut signup = serde_json::from_str::<Value>(&format!(
        "{{{}}}",
        auth.signups.first().map(String::as_str).unwrap_or("")
    ))
    .unwrap_or_else(|_| json!({}));
    signup["username"] = json!(NEWCOMER);
    signup["password"] = json!(auth.good_password);
    items.push(
        Request::new(
            format!("Sign up as {NEWCOMER}, who is then signed in"),
            "POST",
            format!("{API_PREFIX}/signup"),
        )
        .body(serde_json::to_string_pretty(&signup).unwrap_or_default())
        .test(&[
            status(201),
            format!(
                "pm.test(\"answers with the user\", () => pm.expect(pm.response.json().username).to.eql({}));",
                js(NEWCOMER)
            ),
        ]),
    );
    if let Some(refused) = refusal(spec, context) {
        items.push(refused);
    }
    items.push(
        Request::new("Log out again", "DELETE", format!("{API_PREFIX}/logout"))
            .test(&[status(204)]),
    );
    items
}

/// A request the newcomer, who has the first role and owns no row, is refused with 403: the
/// first action of the first resource the rules keep from them.
fn refusal(spec: &Spec, context: &ProjectContext) -> Option<Request> {
    let role = spec.auth.roles.first().map(String::as_str).unwrap_or("");
    context
        .resources
        .iter()
        .zip(&spec.auth.access)
        .find_map(|(r, access)| {
            let action = ["update", "delete", "show", "create"]
                .into_iter()
                .find(|&action| !access.allows(action, role, false))?;
            let route = &r.names.route;
            let human = &r.names.human;
            let request = match action {
                "update" => Request::new(
                    format!("Update {human} 1 as {NEWCOMER}: 403"),
                    "PATCH",
                    format!("{route}/1"),
                )
                .body(pretty_body(&r.samples.patch_body)),
                "delete" => Request::new(
                    format!("Delete {human} 1 as {NEWCOMER}: 403"),
                    "DELETE",
                    format!("{route}/1"),
                ),
                "show" => Request::new(
                    format!("Show {human} 1 as {NEWCOMER}: 403"),
                    "GET",
                    format!("{route}/1"),
                ),
                _ => Request::new(
                    format!("Create {} as {NEWCOMER}: 403", r.names.a_human),
                    "POST",
                    route.clone(),
                )
                .body(pretty_body(&r.samples.create_body)),
            };
            Some(request.test(&error(403, "you are not allowed to do this")))
        })
}

/// A JSON body from the `"key": value, ...` pairs the context holds, pretty-printed.
pub fn pretty_body(pairs: &str) -> String {
    pretty_json(&format!("{{{pairs}}}"))
}

/// JSON text laid out over several lines, or as it is if it does not parse.
pub fn pretty_json(text: &str) -> String {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use crate::lectures::{Variant, lecture};
    use crate::plan::project;

    #[test]
    fn the_postman_collection_has_a_request_for_every_route() {
        let source = include_str!("../specs/theater.yaml");
        let spec = crate::spec::parse_and_validate(source).unwrap();
        let files = project(&spec, lecture(4).unwrap(), Variant::Solution).unwrap();
        let postman = files
            .iter()
            .find(|f| f.path == "postman_collection.json")
            .unwrap();
        let collection: serde_json::Value = serde_json::from_str(&postman.contents).unwrap();
        assert!(
            collection["info"]["schema"]
                .as_str()
                .unwrap()
                .contains("v2.1.0")
        );
        let folders = collection["item"].as_array().unwrap();
        assert_eq!(folders.len(), 2);
        let methods: Vec<&str> = folders[0]["item"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["request"]["method"].as_str().unwrap())
            .collect();
        // Show the new row, and after its delete, show it again; then the requests that fail:
        // a row that does not exist and a body that is not JSON.
        assert_eq!(
            methods,
            [
                "GET", "GET", "POST", "GET", "PATCH", "DELETE", "GET", "GET", "POST"
            ]
        );
        for item in folders.iter().flat_map(|f| f["item"].as_array().unwrap()) {
            let script = item["event"][0]["script"]["exec"].to_string();
            assert!(script.contains("pm.response.to.have.status("), "{item}");
        }
        // The create keeps its row's id, which the requests after it use.
        let create = folders[0]["item"][2]["event"][0]["script"]["exec"].to_string();
        assert!(create.contains(r#"pm.collectionVariables.set(\"production_id\", row.id)"#));
        let urls: Vec<&str> = folders[0]["item"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["request"]["url"]["raw"].as_str().unwrap())
            .collect();
        assert_eq!(urls[5], "{{baseUrl}}/productions/{{production_id}}");
        let body = folders[0]["item"][2]["request"]["body"]["raw"]
            .as_str()
            .unwrap();
        let body: serde_json::Value = serde_json::from_str(body).unwrap();
        assert!(body["title"].is_string(), "{body}");
    }

    #[test]
    fn lecture_5_collections_have_a_failing_create_for_every_rule() {
        let source = include_str!("../specs/theater.yaml");
        let spec = crate::spec::parse_and_validate(source).unwrap();
        let files = project(&spec, lecture(5).unwrap(), Variant::Solution).unwrap();
        let postman = files
            .iter()
            .find(|f| f.path == "postman_collection.json")
            .unwrap();
        let collection: serde_json::Value = serde_json::from_str(&postman.contents).unwrap();
        let names: Vec<&str> = collection["item"][0]["item"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["name"].as_str().unwrap())
            .filter(|name| name.contains(": 422"))
            .collect();
        // title: required, max_length; genre: required, one_of; budget: min; image: pattern.
        assert_eq!(names.len(), 6, "{names:#?}");
        assert!(names.contains(
            &"Create a production with budget below min: 422, `budget`: must be at least 100"
        ));
        let http = files.iter().find(|f| f.path == "requests.http").unwrap();
        assert_eq!(
            http.contents.matches(": 422, `").count(),
            6 + 3,
            "and 3 for cast members"
        );
    }

    #[test]
    fn lecture_7_ends_with_sessions_a_sign_up_and_a_refusal() {
        let source = include_str!("../specs/theater.yaml");
        let spec = crate::spec::parse_and_validate(source).unwrap();
        let files = project(&spec, lecture(7).unwrap(), Variant::Solution).unwrap();
        let postman = files
            .iter()
            .find(|f| f.path == "postman_collection.json")
            .unwrap();
        let collection: serde_json::Value = serde_json::from_str(&postman.contents).unwrap();
        let sessions = collection["item"].as_array().unwrap().last().unwrap();
        assert_eq!(sessions["name"], "Sessions");
        let names: Vec<&str> = sessions["item"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["name"].as_str().unwrap())
            .collect();
        // Members may not update a production they do not own; the newcomer is a member.
        assert_eq!(
            names,
            [
                "Check the session",
                "Log out",
                "Check the session after logging out: 401",
                "Log in with a wrong password: 401",
                "Sign up as newcomer, who is then signed in",
                "Update production 1 as newcomer: 403",
                "Log out again",
            ]
        );
        let refused = sessions["item"][5]["event"][0]["script"]["exec"].to_string();
        assert!(
            refused.contains("you are not allowed to do this"),
            "{refused}"
        );
        // Every folder of a resource starts by logging in as someone who may send it all.
        let first = &collection["item"][0]["item"][0];
        assert_eq!(first["request"]["url"]["raw"], "{{baseUrl}}/api/login");
    }
}
