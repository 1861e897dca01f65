//! The `auth:` section of a spec (lecture 7): the fields users have beyond their username and
//! password, their roles, the password's rules, who may take each action on each resource, and
//! the seed users. Every part is optional, and has a default.

use std::collections::HashMap;

use super::field_rules::messages;
use super::{Checker, did_you_mean};
use crate::naming::{FieldNames, ResourceNames};
use crate::spec::rules::{Literal, violations};
use crate::spec::sample::sample_rows;
use crate::spec::{
    Access, Auth, Field, FieldType, PasswordRules, Pattern, Resource, Row, Rules, Who,
};
use crate::yaml::{Node, Span, Value};

pub(super) const AUTH_KEYS: &[&str] = &["user", "roles", "password", "access", "seed"];
pub(super) const USER_KEYS: &[&str] = &["fields"];
pub(super) const PASSWORD_KEYS: &[&str] = &["min_length", "max_length"];
/// What a user has that its `fields` may not name.
const BUILT_IN_USER_FIELDS: &[&str] = &[
    "id",
    "username",
    "password",
    "password_hash",
    "role",
    "created_at",
    "updated_at",
];
/// Who an action may name besides a role.
pub(super) const WHO: &[&str] = &["public", "signed_in", "owner"];
/// Resource names lecture 7 takes for tables of its own.
pub(super) const TAKEN_BY_AUTH: &[&str] = &["user", "session"];
/// The default and the largest length of a password: hashing takes time in proportion, so a
/// limit keeps a long one from being a way to keep the server busy.
const PASSWORD_MIN: u64 = 8;
const PASSWORD_MAX: u64 = 128;
const PASSWORD_LIMIT: u64 = 1024;
/// The usernames seed users get when the spec gives none.
const SEED_USERNAMES: &[&str] = &["ada", "grace", "alan", "edsger", "barbara", "donald"];

/// A seed row's `user:`, checked once the seed users are known.
pub(super) struct OwnerRef {
    pub(super) resource: String,
    pub(super) span: Span,
    pub(super) number: i64,
}

impl Checker {
    /// Reads `auth:` (or fills in its defaults when `node` is `None`) for `resources`, in the
    /// order of `Spec::resources`. Sets the owner of each seed row of a resource with owners.
    pub(super) fn auth(
        &mut self,
        node: Option<&Node>,
        resources: &mut [Resource],
        owners: &[OwnerRef],
    ) -> Auth {
        let entries = node.and_then(|n| self.mapping(n, "`auth`")).unwrap_or(&[]);
        let keys = self.known_keys(entries, AUTH_KEYS, "`auth`");
        let extra = keys
            .get("user")
            .map(|n| self.user_fields(n))
            .unwrap_or_default();
        let roles = keys.get("roles").map(|n| self.roles(n)).unwrap_or_default();
        let password = keys
            .get("password")
            .map(|n| self.password(n))
            .unwrap_or(PasswordRules {
                min_length: PASSWORD_MIN,
                max_length: PASSWORD_MAX,
            });
        let access = self.access(keys.get("access").copied(), resources, &roles);
        let mut users = users_resource(extra);
        let (passwords, seed_roles) = match keys.get("seed") {
            Some(node) => self.seed_users(node, &mut users, &roles, &password),
            None => made_up_users(&mut users, &roles, &password),
        };
        if users.seed.is_empty() && self.problems.is_empty() {
            // Made-up users could not satisfy the user fields' rules.
            let span = node.map_or_else(Span::default, |n| n.span);
            self.error(
                span,
                "no seed users satisfy the rules of `auth.user.fields`",
                "no seed users",
                Some("add users under `auth.seed`".into()),
            );
        }
        self.owners(resources, &access, owners, users.seed.len());
        Auth {
            users,
            passwords,
            seed_roles,
            roles,
            password,
            access,
        }
    }

    /// `user: { fields: ... }`: the fields users have beyond their username and password.
    fn user_fields(&mut self, node: &Node) -> Vec<Field> {
        let Some(entries) = self.mapping(node, "`auth.user`") else {
            return Vec::new();
        };
        let keys = self.known_keys(entries, USER_KEYS, "`auth.user`");
        let Some(fields) = keys.get("fields") else {
            return Vec::new();
        };
        let Some(entries) = self.mapping(fields, "`auth.user.fields`") else {
            return Vec::new();
        };
        let mut out: Vec<Field> = Vec::new();
        for (key, value) in entries {
            let name = key.scalar_text().unwrap_or_default();
            if BUILT_IN_USER_FIELDS.contains(&name.as_str()) {
                self.error(
                    key.span,
                    format!("`user.{name}` is built in"),
                    "every user already has it",
                    Some(
                        "users have `id`, `username`, a password, a `role`, `created_at` and `updated_at`: give this field another name"
                            .into(),
                    ),
                );
                continue;
            }
            if let Some(field) = self.field("user", key, value) {
                out.push(field);
            }
        }
        out
    }

    /// `roles: [member, admin]`: names, each once, none that an access entry means already.
    fn roles(&mut self, node: &Node) -> Vec<String> {
        let Some(items) = self.list(node, "`auth.roles`") else {
            return Vec::new();
        };
        let mut roles: Vec<String> = Vec::new();
        for item in items {
            let Some(role) = self.name(item, "a role") else {
                continue;
            };
            if WHO.contains(&role.as_str()) {
                self.error(
                    item.span,
                    format!("a role cannot be called `{role}`"),
                    "`public`, `signed_in` and `owner` already say who may act",
                    Some("give the role another name".into()),
                );
            } else if roles.contains(&role) {
                self.error(
                    item.span,
                    format!("role `{role}` is listed twice"),
                    "again",
                    None,
                );
            } else {
                roles.push(role);
            }
        }
        roles
    }

    /// `password: { min_length, max_length }`.
    fn password(&mut self, node: &Node) -> PasswordRules {
        let mut rules = PasswordRules {
            min_length: PASSWORD_MIN,
            max_length: PASSWORD_MAX,
        };
        let Some(entries) = self.mapping(node, "`auth.password`") else {
            return rules;
        };
        let keys = self.known_keys(entries, PASSWORD_KEYS, "`auth.password`");
        if let Some(n) = keys.get("min_length")
            && let Some(min) = self.count(n, "`min_length`")
        {
            rules.min_length = min;
        }
        let max_node = keys.get("max_length");
        if let Some(n) = max_node
            && let Some(max) = self.count(n, "`max_length`")
        {
            if max > PASSWORD_LIMIT {
                self.error(
                    n.span,
                    format!("a password may be at most {PASSWORD_LIMIT} characters long"),
                    "too long to hash quickly",
                    None,
                );
            }
            rules.max_length = max;
        }
        if rules.min_length == 0 {
            self.error(
                keys.get("min_length").map_or(node.span, |n| n.span),
                "a password must be at least 1 character long",
                "an empty password",
                Some(format!("the default is {PASSWORD_MIN}")),
            );
        } else if rules.min_length > rules.max_length {
            let span = keys
                .get("min_length")
                .or(max_node)
                .map_or(node.span, |n| n.span);
            self.error(
                span,
                format!(
                    "no password can be at least {} and at most {} characters long",
                    rules.min_length, rules.max_length
                ),
                "no password fits",
                max_node.is_none().then(|| {
                    format!("passwords are at most {PASSWORD_MAX} characters unless `max_length` says otherwise")
                }),
            );
        }
        rules
    }

    /// `access:`, by resource and action; what it leaves out gets the default.
    fn access(
        &mut self,
        node: Option<&Node>,
        resources: &[Resource],
        roles: &[String],
    ) -> Vec<Access> {
        let mut access = vec![Access::default(); resources.len()];
        let Some(node) = node else {
            return access;
        };
        let Some(entries) = self.mapping(node, "`auth.access`") else {
            return access;
        };
        let names: Vec<&str> = resources
            .iter()
            .map(|r| r.names.singular.as_str())
            .collect();
        let mut list_spans = vec![None; resources.len()];
        let mut create_spans = vec![None; resources.len()];
        for (key, value) in entries {
            let name = key.scalar_text().unwrap_or_default();
            let Some(at) = names.iter().position(|n| *n == name) else {
                let help = did_you_mean(&name, names.iter().copied());
                self.error(
                    key.span,
                    format!("`access` names `{name}`, which is not a resource"),
                    "no such resource",
                    help,
                );
                continue;
            };
            let context = format!("the access to `{name}`");
            let Some(actions) = self.mapping(value, &context) else {
                continue;
            };
            let keys = self.known_keys(actions, &Access::ACTIONS, &context);
            for (action, node) in Access::ACTIONS
                .iter()
                .filter_map(|&a| keys.get(a).map(|&node| (a, node)))
            {
                match action {
                    "list" => list_spans[at] = Some(node.span),
                    "create" => create_spans[at] = Some(node.span),
                    _ => {}
                }
                if let Some(who) = self.who(node, &name, action, roles) {
                    let slot = match action {
                        "list" => &mut access[at].list,
                        "show" => &mut access[at].show,
                        "create" => &mut access[at].create,
                        "update" => &mut access[at].update,
                        _ => &mut access[at].delete,
                    };
                    *slot = who;
                }
            }
        }
        self.nested_lists(resources, &access, &list_spans);
        for (at, span) in create_spans.iter().enumerate() {
            if let Some(span) = *span
                && access[at].owned()
                && access[at].create.contains(&Who::Public)
            {
                let name = &resources[at].names.singular;
                self.error(
                    span,
                    format!(
                        "`{name}` rows have owners, but anyone may create one, signed in or not"
                    ),
                    "a row nobody owns",
                    Some("let `signed_in` create it: whoever creates a row owns it".into()),
                );
            }
        }
        access
    }

    /// A parent's `show` lists its children too, to whoever may show the parent: so whoever
    /// may show the parent must be allowed to list every child (see [`lists_all`]).
    fn nested_lists(&mut self, resources: &[Resource], access: &[Access], spans: &[Option<Span>]) {
        for (at, child) in resources.iter().enumerate() {
            let list = &access[at].list;
            let Some(span) = spans[at] else { continue };
            for parent in &child.parents {
                let show = &access[parent.resource].show;
                if lists_all(list, show) {
                    continue;
                }
                let parent_name = &resources[parent.resource].names.singular;
                let parent_human = &resources[parent.resource].names.human;
                let help = if show.contains(&Who::Public) {
                    "make this `public`".to_owned()
                } else if show.contains(&Who::SignedIn) {
                    format!(
                        "make this `signed_in` or `public`: any signed-in user may show {}",
                        crate::naming::with_article(parent_human)
                    )
                } else if show.contains(&Who::Owner) {
                    format!(
                        "make this `signed_in` or `public`: the owner of {} sees every {} in it, whoever owns them",
                        crate::naming::with_article(parent_human),
                        child.names.human,
                    )
                } else {
                    let roles: Vec<String> = show
                        .iter()
                        .filter(|w| !list.contains(w))
                        .filter_map(|w| match w {
                            Who::Role(role) => Some(format!("`{role}`")),
                            _ => None,
                        })
                        .collect();
                    format!("add {} to it", roles.join(" and "))
                };
                self.error(
                    span,
                    format!(
                        "`{}` rows are listed in each `{parent_name}`'s `show` too, which lets whoever may show the {} see them all",
                        child.names.singular, parent_human,
                    ),
                    "a stricter list than the parent's show",
                    Some(help),
                );
                break;
            }
        }
    }

    /// Who may take `action` on `resource`: one entry, or a list of them.
    fn who(
        &mut self,
        node: &Node,
        resource: &str,
        action: &str,
        roles: &[String],
    ) -> Option<Vec<Who>> {
        let items: Vec<&Node> = match &node.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        if items.is_empty() {
            self.error(
                node.span,
                format!("nobody may `{action}` `{resource}`"),
                "an empty list",
                Some("name who may: `public`, `signed_in`, `owner` or a role".into()),
            );
            return None;
        }
        let mut out = Vec::new();
        for item in items {
            let text = self.string(item, "who may act")?;
            let who = match text.as_str() {
                "public" => Who::Public,
                "signed_in" => Who::SignedIn,
                "owner" => Who::Owner,
                role if roles.iter().any(|r| r == role) => Who::Role(role.to_owned()),
                other => {
                    let options: Vec<&str> = WHO
                        .iter()
                        .copied()
                        .chain(roles.iter().map(String::as_str))
                        .collect();
                    let help = did_you_mean(other, options.iter().copied()).or_else(|| {
                        Some(if roles.is_empty() {
                            "expected `public`, `signed_in` or `owner`; a role must be listed in `auth.roles` first".to_owned()
                        } else {
                            format!("expected `public`, `signed_in`, `owner` or a role of `auth.roles`: {}", roles.join(", "))
                        })
                    });
                    self.error(
                        item.span,
                        format!("`{other}` is no one who may act"),
                        "not `public`, `signed_in`, `owner`, nor a role",
                        help,
                    );
                    return None;
                }
            };
            if who == Who::Owner && action == "create" {
                self.error(
                    item.span,
                    format!("`{resource}` cannot be created by its owner"),
                    "a row has no owner before it is created",
                    Some(
                        "`signed_in` lets any signed-in user create it, and makes them its owner"
                            .into(),
                    ),
                );
                return None;
            }
            out.push(who);
        }
        if out.len() > 1 && out.contains(&Who::Public) {
            self.error(
                node.span,
                format!("`public` lets anyone `{action}` `{resource}`: list nothing beside it"),
                "`public` and more",
                None,
            );
            return None;
        }
        Some(out)
    }

    /// `seed:` of `auth`: users with a username, a password, a role where there are roles,
    /// and their user fields. Fills `users.seed`; returns the passwords and the roles.
    fn seed_users(
        &mut self,
        node: &Node,
        users: &mut Resource,
        roles: &[String],
        password: &PasswordRules,
    ) -> (Vec<String>, Vec<String>) {
        let (mut passwords, mut seed_roles) = (Vec::new(), Vec::new());
        let Some(items) = self.list(node, "`auth.seed`") else {
            return (passwords, seed_roles);
        };
        let mut allowed: Vec<&str> = users.fields.iter().map(|f| f.names.name.as_str()).collect();
        allowed.extend(["password", "role"]);
        let mut seen: HashMap<(usize, String), usize> = HashMap::new();
        let mut rows = Vec::new();
        for (n, item) in items.iter().enumerate() {
            let n = n + 1;
            let context = format!("seed user {n}");
            let Some(entries) = self.mapping(item, &context) else {
                continue;
            };
            let keys = self.known_keys(entries, &allowed, &context);
            let mut values = Vec::new();
            for (at, field) in users.fields.iter().enumerate() {
                let value = match keys.get(field.names.name.as_str()) {
                    Some(node) if node.value != Value::Null => {
                        self.user_value(n, at, field, node, &mut seen)
                    }
                    _ => field.rules.default.clone(),
                };
                if value.is_none() && field.rules.required {
                    self.error(
                        item.span,
                        format!(
                            "seed user {n} has no `{}`, which is required",
                            field.names.name
                        ),
                        "missing a required field",
                        None,
                    );
                }
                values.push(value);
            }
            match keys
                .get("password")
                .and_then(|p| self.string(p, "a password").map(|t| (p, t)))
            {
                Some((node, text)) => {
                    let length = text.chars().count() as u64;
                    let possible = password.min_length <= password.max_length;
                    if possible && !(password.min_length..=password.max_length).contains(&length) {
                        self.error(
                            node.span,
                            format!(
                                "the password of seed user {n} must be {} to {} characters long",
                                password.min_length, password.max_length
                            ),
                            format!("{length} characters"),
                            None,
                        );
                    }
                    passwords.push(text);
                }
                None => {
                    self.error(
                        item.span,
                        format!("seed user {n} has no `password`"),
                        "missing `password`",
                        Some("the `seed` command stores it hashed; the README lists it for signing in".into()),
                    );
                    passwords.push(String::new());
                }
            }
            seed_roles.push(self.seed_role(n, keys.get("role").copied(), roles));
            rows.push(Row {
                values,
                parent_ids: Vec::new(),
                owner: 0,
            });
        }
        users.seed = rows;
        users.seed_generated = false;
        (passwords, seed_roles)
    }

    /// A value of seed user `n` for the user field `field` (the `at`-th), checked against
    /// its rules and, if it is unique, against the users before.
    fn user_value(
        &mut self,
        n: usize,
        at: usize,
        field: &Field,
        node: &Node,
        seen: &mut HashMap<(usize, String), usize>,
    ) -> Option<Literal> {
        let value = self.literal(field.ty, node, &format!("`{}`", field.names.name))?;
        let broken = violations(field.ty, &field.rules, &value);
        if !broken.is_empty() {
            self.error(
                node.span,
                format!(
                    "`user.{}` = `{value}` {}",
                    field.names.name,
                    messages(&broken)
                ),
                "breaks a rule",
                None,
            );
        }
        if field.rules.unique
            && let Some(first) = seen.insert((at, value.to_string()), n)
        {
            self.error(
                node.span,
                format!(
                    "`user.{}` must be unique, but seed users {first} and {n} are both `{value}`",
                    field.names.name
                ),
                "duplicate",
                None,
            );
        }
        Some(value)
    }

    /// The role of seed user `n`: the one it names, which `roles` must have, or the first.
    fn seed_role(&mut self, n: usize, node: Option<&Node>, roles: &[String]) -> String {
        let Some(node) = node else {
            return roles.first().cloned().unwrap_or_default();
        };
        let role = self.string(node, "a role").unwrap_or_default();
        if roles.is_empty() {
            self.error(
                node.span,
                format!("seed user {n} has a role, and `auth` has no `roles`"),
                "no roles",
                Some(format!(
                    "list the roles under `auth.roles`, such as `roles: [{role}]`"
                )),
            );
        } else if !roles.contains(&role) {
            let help = did_you_mean(&role, roles.iter().map(String::as_str))
                .or_else(|| Some(format!("the roles are {}", roles.join(", "))));
            self.error(
                node.span,
                format!("`{role}` is not a role"),
                "unknown role",
                help,
            );
        }
        role
    }

    /// Sets the owner of every seed row of a resource with owners: the user its `user:` names,
    /// or else the seed users in turn. A `user:` of a resource without owners, or naming no
    /// seed user, is a problem.
    fn owners(
        &mut self,
        resources: &mut [Resource],
        access: &[Access],
        refs: &[OwnerRef],
        users: usize,
    ) {
        for r in refs {
            let Some(at) = resources
                .iter()
                .position(|x| x.names.singular == r.resource)
            else {
                continue;
            };
            if !access[at].owned() {
                self.error(
                    r.span,
                    format!(
                        "`{}` has no owners, so its seed rows name no `user`",
                        r.resource
                    ),
                    "no owner to name",
                    Some(format!(
                        "a row has an owner when `auth.access.{}` lets the `owner` do something",
                        r.resource
                    )),
                );
            } else if r.number < 1 || r.number as usize > users {
                self.error(
                    r.span,
                    format!(
                        "`user` must be the number of one of the {users} seed users (1 to {users})"
                    ),
                    "no such user",
                    None,
                );
            }
        }
        if users == 0 {
            return;
        }
        for (at, resource) in resources.iter_mut().enumerate() {
            if !access[at].owned() {
                continue;
            }
            for (k, row) in resource.seed.iter_mut().enumerate() {
                if row.owner == 0 || row.owner > users {
                    row.owner = k % users + 1;
                }
            }
        }
    }
}

/// Users as a resource: `username`, then the spec's fields.
fn users_resource(extra: Vec<Field>) -> Resource {
    let source = r"^[A-Za-z0-9_.-]+$".to_owned();
    let regex = regex::Regex::new(&source).expect("the username pattern is valid");
    let username = Field {
        names: FieldNames::new("username"),
        ty: FieldType::String,
        rules: Rules {
            required: true,
            unique: true,
            min_length: Some(3),
            max_length: Some(32),
            pattern: Some(Pattern {
                allows: Some("letters, digits, `.`, `_` and `-`"),
                ..Pattern::new(source, regex)
            }),
            ..Rules::default()
        },
    };
    Resource {
        names: ResourceNames::new("user", None),
        fields: std::iter::once(username).chain(extra).collect(),
        parents: Vec::new(),
        children: Vec::new(),
        seed: Vec::new(),
        seed_generated: true,
    }
}

/// Seed users for a spec that gives none: one per role, and one more, so that the tests and
/// the README have an owner and someone who is not; each with a password that keeps the rules.
fn made_up_users(
    users: &mut Resource,
    roles: &[String],
    password: &PasswordRules,
) -> (Vec<String>, Vec<String>) {
    let count = (roles.len() + 1).clamp(2, SEED_USERNAMES.len());
    let Ok(mut rows) = sample_rows(&users.names, &users.fields, &[]) else {
        return (Vec::new(), Vec::new());
    };
    let more = crate::spec::sample::new_rows(&users.names, &users.fields, &rows, count);
    rows.extend(more.into_iter().map(|values| Row {
        values,
        parent_ids: Vec::new(),
        owner: 0,
    }));
    rows.truncate(count);
    let mut passwords = Vec::new();
    let mut seed_roles = Vec::new();
    for (k, row) in rows.iter_mut().enumerate() {
        let name = SEED_USERNAMES[k];
        row.values[0] = Some(Literal::Text(name.to_owned()));
        passwords.push(dev_password(name, password));
        seed_roles.push(
            roles
                .get(k % roles.len().max(1))
                .cloned()
                .unwrap_or_default(),
        );
    }
    users.seed = rows;
    users.seed_generated = true;
    (passwords, seed_roles)
}

/// A development password for `name` that keeps the password rules: `ada-dev-password`,
/// lengthened or cut to fit.
fn dev_password(name: &str, rules: &PasswordRules) -> String {
    let mut password = format!("{name}-dev-password");
    let mut n = 1;
    while (password.chars().count() as u64) < rules.min_length {
        password.push_str(&format!("-{n}"));
        n += 1;
    }
    password.chars().take(rules.max_length as usize).collect()
}

/// Whether whoever `show` lets see a parent (and its children with it) may list every child
/// row with `list`. An `owner` in `list` shows a signed-in user only their own rows, so it
/// counts for nothing here: one parent's children have different owners.
fn lists_all(list: &[Who], show: &[Who]) -> bool {
    if list.contains(&Who::Public) {
        return true;
    }
    if show.contains(&Who::Public) {
        return false;
    }
    if list.contains(&Who::SignedIn) {
        return true;
    }
    if show.contains(&Who::SignedIn) || show.contains(&Who::Owner) {
        return false;
    }
    show.iter().all(|who| list.contains(who))
}

#[cfg(test)]
mod tests {
    use super::lists_all;
    use crate::spec::Who::{self, Owner, Public, SignedIn};

    fn role(name: &str) -> Who {
        Who::Role(name.into())
    }

    #[test]
    fn a_public_list_covers_any_show() {
        assert!(lists_all(&[Public], &[Public]));
        assert!(lists_all(&[Public], &[Owner]));
    }

    #[test]
    fn only_a_public_list_covers_a_public_show() {
        assert!(!lists_all(&[SignedIn], &[Public]));
        assert!(!lists_all(&[role("admin")], &[Public]));
    }

    #[test]
    fn a_signed_in_list_covers_every_show_of_signed_in_users() {
        assert!(lists_all(&[SignedIn], &[SignedIn]));
        assert!(lists_all(&[SignedIn], &[Owner, role("admin")]));
    }

    #[test]
    fn an_owner_or_a_role_list_does_not_cover_a_show_any_user_may_reach() {
        assert!(!lists_all(&[Owner], &[Owner]));
        assert!(!lists_all(&[role("admin")], &[SignedIn]));
        assert!(!lists_all(&[Owner, role("admin")], &[Owner, role("admin")]));
    }

    #[test]
    fn a_role_show_is_covered_by_a_list_naming_each_of_its_roles() {
        assert!(lists_all(&[role("vet"), role("admin")], &[role("admin")]));
        assert!(lists_all(&[Owner, role("admin")], &[role("admin")]));
        assert!(!lists_all(&[role("vet")], &[role("vet"), role("admin")]));
    }
}
