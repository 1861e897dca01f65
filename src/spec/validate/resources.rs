//! Resources: one resource as read (its names, fields, `belongs_to` and `has_many`), names
//! that would clash, the resolution of relationships, and the order parents first.

use std::collections::HashMap;

use super::seed::Seeds;
use super::{Checker, did_you_mean};
use crate::naming::{self, ResourceNames};
use crate::spec::{Field, OnDelete, Parent, Resource};
use crate::yaml::{Node, Span, Value};

pub(super) const RESOURCE_KEYS: &[&str] = &["fields", "plural", "belongs_to", "has_many"];
pub(super) const BELONGS_TO_KEYS: &[&str] = &["resource", "on_delete"];
/// Module names the generated project's tests use beside one module per resource.
const RESERVED_MODULES: &[&str] = &[
    "auth", "binary", "client", "cors", "db", "errors", "helpers", "pages", "seed", "server",
];

/// A resource as read, before cross-references are resolved.
pub(super) struct Draft<'n> {
    pub(super) key: &'n Node,
    pub(super) names: ResourceNames,
    pub(super) fields: Vec<Field>,
    pub(super) field_spans: Vec<Span>,
    /// Every well-formed field name, including fields whose definition has problems, so
    /// that seed rows naming them are not reported twice.
    pub(super) field_names: Vec<String>,
    /// Whether a `belongs_to` entry named no resource: its seed rows may then name a parent
    /// this draft no longer has, which the problem already reported explains.
    pub(super) unresolved_parents: bool,
    pub(super) belongs_to: Vec<(&'n Node, OnDelete)>,
    pub(super) has_many: Vec<&'n Node>,
}

/// The fields of a resource as read: the sound ones with their keys' spans, and every
/// well-formed name (see `Draft::field_names`).
#[derive(Default)]
struct DraftFields {
    fields: Vec<Field>,
    spans: Vec<Span>,
    names: Vec<String>,
}

/// The resources by singular name, for resolving `belongs_to` and `has_many`.
struct Index {
    by_name: HashMap<String, usize>,
    /// In spec order, for the help of a name that is not a resource.
    names: Vec<String>,
}

impl Index {
    fn new(drafts: &[Draft]) -> Self {
        Index {
            by_name: drafts
                .iter()
                .enumerate()
                .map(|(i, d)| (d.names.singular.clone(), i))
                .collect(),
            names: drafts.iter().map(|d| d.names.singular.clone()).collect(),
        }
    }
}

impl Checker {
    /// One entry of `resources:`. `None` if its name is unusable; its body is checked anyway.
    pub(super) fn resource<'n>(&mut self, key: &'n Node, value: &'n Node) -> Option<Draft<'n>> {
        let singular = self.name(key, "a resource name");
        let entries: &'n [(Node, Node)] = match &value.value {
            Value::Null => &[],
            _ => self.mapping(
                value,
                &format!("resource `{}`", key.scalar_text().unwrap_or_default()),
            )?,
        };
        // With an unusable name, the body is still checked, under the name as written.
        let valid_name = singular.is_some();
        let singular = singular.or_else(|| key.scalar_text()).unwrap_or_default();
        let context = format!("resource `{singular}`");
        let keys = self.known_keys(entries, RESOURCE_KEYS, &context);

        let plural = keys
            .get("plural")
            .and_then(|node| self.name(node, "`plural`"));
        let names = ResourceNames::new(&singular, plural.as_deref());
        let fields = self.draft_fields(&singular, key, keys.get("fields").copied());
        let belongs_to = match keys.get("belongs_to") {
            Some(node) => self.belongs_to(node),
            None => Vec::new(),
        };
        let mut has_many = Vec::new();
        if let Some(node) = keys.get("has_many")
            && let Some(items) = self.list(node, "`has_many`")
        {
            has_many.extend(items);
        }
        valid_name.then_some(Draft {
            key,
            names,
            fields: fields.fields,
            field_spans: fields.spans,
            field_names: fields.names,
            unresolved_parents: false,
            belongs_to,
            has_many,
        })
    }

    /// `fields:` of the resource `singular`, whose key is `key`.
    fn draft_fields(&mut self, singular: &str, key: &Node, node: Option<&Node>) -> DraftFields {
        let mut out = DraftFields::default();
        let Some(node) = node else {
            self.error(
                key.span,
                format!("`{singular}` has no `fields`"),
                "missing `fields`",
                Some("add `fields:` with at least one field, like `name: string`".into()),
            );
            return out;
        };
        let Some(entries) = self.mapping(node, &format!("the fields of `{singular}`")) else {
            return out;
        };
        if entries.is_empty() {
            self.error(
                node.span,
                format!("`{singular}` has no fields"),
                "no fields",
                Some("add at least one field, like `name: string`".into()),
            );
        }
        for (key, value) in entries {
            if let Some(name) = key.as_str().filter(|n| naming::is_snake_case(n)) {
                out.names.push(name.to_owned());
            }
            if let Some(field) = self.field(singular, key, value) {
                out.fields.push(field);
                out.spans.push(key.span);
            }
        }
        out
    }

    /// `belongs_to:`, as the nodes naming the parents; they are resolved later.
    fn belongs_to<'n>(&mut self, node: &'n Node) -> Vec<(&'n Node, OnDelete)> {
        let mut belongs_to = Vec::new();
        let Some(items) = self.list(node, "`belongs_to`") else {
            return belongs_to;
        };
        for item in items {
            match &item.value {
                Value::Map(entries) => {
                    let keys = self.known_keys(entries, BELONGS_TO_KEYS, "`belongs_to`");
                    let on_delete = keys
                        .get("on_delete")
                        .and_then(|n| self.on_delete(n))
                        .unwrap_or(OnDelete::Cascade);
                    match keys.get("resource") {
                        Some(target) => belongs_to.push((*target, on_delete)),
                        None => self.error(
                            item.span,
                            "`belongs_to` entry has no `resource`",
                            "missing `resource`",
                            Some("write `{ resource: production, on_delete: cascade }`".into()),
                        ),
                    }
                }
                _ => belongs_to.push((item, OnDelete::Cascade)),
            }
        }
        belongs_to
    }

    fn on_delete(&mut self, node: &Node) -> Option<OnDelete> {
        self.choice(node, "`on_delete` action", &OnDelete::ALL)
    }

    /// Reports resources whose derived names would clash in the generated code.
    pub(super) fn check_resource_names(&mut self, drafts: &[Draft]) {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for draft in drafts {
            let names = &draft.names;
            if names.plural == names.singular {
                self.error(
                    draft.key.span,
                    format!(
                        "the plural of `{}` is `{}` itself",
                        names.singular, names.plural
                    ),
                    "one name for one and many",
                    Some(format!(
                        "set `plural:`, for example `plural: {}_items`",
                        names.singular
                    )),
                );
            }
            if super::auth::TAKEN_BY_AUTH.contains(&names.singular.as_str())
                || ["users", "sessions"].contains(&names.plural.as_str())
            {
                self.error(
                    draft.key.span,
                    format!(
                        "resource `{}` would share its table, `{}`, with lecture 7's users and sessions",
                        names.singular, names.plural
                    ),
                    "name taken",
                    Some("give users fields of their own under `auth.user.fields`, or choose another name (`member`, `visit`...)".into()),
                );
            }
            if RESERVED_MODULES.contains(&names.plural.as_str()) {
                self.error(
                    draft.key.span,
                    format!(
                        "resource `{}` would be named `{}`, which the generated tests already use",
                        names.singular, names.plural
                    ),
                    "name taken",
                    Some("choose another name, or set `plural:`".into()),
                );
            }
            for name in [&names.singular, &names.plural] {
                if let Some(other) = seen.get(name.as_str())
                    && *other != names.singular.as_str()
                {
                    self.error(
                        draft.key.span,
                        format!(
                            "`{}` and `{other}` both use the name `{name}`",
                            names.singular
                        ),
                        "name taken",
                        Some("rename one of them, or set `plural:`".into()),
                    );
                }
            }
            seen.entry(names.singular.clone())
                .or_insert(&names.singular);
            seen.entry(names.plural.clone()).or_insert(&names.singular);
        }
    }

    /// Resolves `belongs_to` and `has_many`, and orders resources parents first.
    pub(super) fn resolve(&mut self, drafts: &mut [Draft]) -> Option<Vec<usize>> {
        let index = Index::new(drafts);
        let mut parents: Vec<Vec<usize>> = vec![Vec::new(); drafts.len()];
        for (i, slot) in parents.iter_mut().enumerate() {
            *slot = self.resolve_belongs_to(drafts, &index, i);
            self.resolve_has_many(drafts, &index, i);
        }
        let order = self.parents_first(drafts, &parents)?;
        keep_resolved_parents(drafts, &index, &parents);
        Some(order)
    }

    /// The resource a `belongs_to` or `has_many` entry names, or a problem if none.
    fn lookup(&mut self, index: &Index, node: &Node, relation: &str) -> Option<usize> {
        let name = node.scalar_text();
        if let Some(i) = name.as_deref().and_then(|n| index.by_name.get(n)) {
            return Some(*i);
        }
        let name = name.unwrap_or_default();
        let help =
            did_you_mean(&name, index.names.iter().map(String::as_str)).unwrap_or_else(|| {
                format!(
                    "resources are {}",
                    index
                        .names
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            });
        self.error(
            node.span,
            format!("`{relation}` names `{name}`, which is not a resource"),
            "no such resource",
            Some(help),
        );
        None
    }

    /// The parents of resource `i`, each once; reports unknown, repeated and self parents,
    /// and fields named like a foreign key.
    fn resolve_belongs_to(&mut self, drafts: &[Draft], index: &Index, i: usize) -> Vec<usize> {
        let draft = &drafts[i];
        let mut parents = Vec::new();
        for (target, _) in &draft.belongs_to {
            let Some(parent) = self.lookup(index, target, "belongs_to") else {
                continue;
            };
            if parent == i {
                self.error(
                    target.span,
                    format!("`{}` cannot belong to itself", draft.names.singular),
                    "self-reference",
                    Some("self-referencing resources are not supported yet".into()),
                );
                continue;
            }
            if parents.contains(&parent) {
                self.error(
                    target.span,
                    format!("`{}` is listed twice", drafts[parent].names.singular),
                    "duplicate",
                    None,
                );
                continue;
            }
            let fk = &drafts[parent].names.foreign_key;
            if let Some(at) = draft.fields.iter().position(|f| &f.names.name == fk) {
                self.error(
                    draft.field_spans[at],
                    format!(
                        "field `{fk}` clashes with the foreign key of `belongs_to: [{}]`",
                        drafts[parent].names.singular
                    ),
                    "name taken",
                    Some(format!("remove `{fk}`: the foreign key is added for you")),
                );
            }
            parents.push(parent);
        }
        parents
    }

    /// Checks the children of resource `i`: each must belong to it, and no field may take
    /// the name of the nested list.
    fn resolve_has_many(&mut self, drafts: &[Draft], index: &Index, i: usize) {
        let draft = &drafts[i];
        for target in &draft.has_many {
            let Some(child) = self.lookup(index, target, "has_many") else {
                continue;
            };
            let child_draft = &drafts[child];
            let named = |n: &Node| n.scalar_text();
            let declared = child_draft
                .belongs_to
                .iter()
                .any(|(n, _)| named(n).as_deref() == Some(draft.names.singular.as_str()));
            // A `belongs_to` entry that names no resource (a typo of this one, most likely)
            // has its own problem already; a second one here would only send the reader
            // to add what is there, misspelt.
            let unresolved = child_draft
                .belongs_to
                .iter()
                .any(|(n, _)| named(n).is_none_or(|name| !index.by_name.contains_key(&name)));
            if !declared && !unresolved {
                self.error(
                    target.span,
                    format!(
                        "`{}` has many `{}`, but `{}` does not belong to `{}`",
                        draft.names.singular,
                        child_draft.names.plural,
                        child_draft.names.singular,
                        draft.names.singular
                    ),
                    "one side of the relationship",
                    Some(format!(
                        "add `belongs_to: [{}]` to `{}`",
                        draft.names.singular, child_draft.names.singular
                    )),
                );
            }
            let key = &child_draft.names.plural;
            if let Some(at) = draft.fields.iter().position(|f| &f.names.name == key) {
                self.error(
                    draft.field_spans[at],
                    format!("field `{key}` clashes with the nested `{key}` of `has_many`"),
                    "name taken",
                    Some("rename the field".into()),
                );
            }
        }
    }

    /// The resources' indices, parents first, or a problem if `belongs_to` has a cycle.
    fn parents_first(&mut self, drafts: &[Draft], parents: &[Vec<usize>]) -> Option<Vec<usize>> {
        // Kahn's algorithm, always taking the earliest ready resource, so the order is stable.
        let mut order = Vec::with_capacity(drafts.len());
        let mut placed = vec![false; drafts.len()];
        while order.len() < drafts.len() {
            let next =
                (0..drafts.len()).find(|&i| !placed[i] && parents[i].iter().all(|&p| placed[p]));
            match next {
                Some(i) => {
                    placed[i] = true;
                    order.push(i);
                }
                None => {
                    let stuck = (0..drafts.len()).find(|&i| !placed[i]).unwrap_or(0);
                    let cycle: Vec<_> = (0..drafts.len())
                        .filter(|&i| !placed[i])
                        .map(|i| format!("`{}`", drafts[i].names.singular))
                        .collect();
                    self.error(
                        drafts[stuck].key.span,
                        format!(
                            "`belongs_to` goes round in a circle through {}",
                            cycle.join(", ")
                        ),
                        "cycle",
                        Some("one of these relationships has to go".into()),
                    );
                    return None;
                }
            }
        }
        Some(order)
    }

    /// Builds the resources in dependency order and checks their seed rows.
    pub(super) fn assemble(
        &mut self,
        drafts: Vec<Draft>,
        order: Vec<usize>,
        seeds: Seeds<'_>,
    ) -> Option<Vec<Resource>> {
        let position: HashMap<String, usize> = order
            .iter()
            .enumerate()
            .map(|(pos, &i)| (drafts[i].names.singular.clone(), pos))
            .collect();
        let mut resources: Vec<Resource> = Vec::new();
        let mut ok = true;
        for &i in &order {
            let draft = &drafts[i];
            let parents: Vec<Parent> = draft
                .belongs_to
                .iter()
                .filter_map(|(n, on_delete)| {
                    let name = n.scalar_text()?;
                    Some(Parent {
                        resource: position[&name],
                        on_delete: *on_delete,
                    })
                })
                .collect();
            let children = draft
                .has_many
                .iter()
                .filter_map(|n| position.get(&n.scalar_text()?).copied())
                .collect();
            let (seed, seed_generated) =
                match self.resource_seed(&drafts, &order, &seeds, i, &parents) {
                    Some(seed) => seed,
                    None => {
                        ok = false;
                        (Vec::new(), false)
                    }
                };
            resources.push(Resource {
                names: draft.names.clone(),
                fields: draft.fields.clone(),
                parents,
                children,
                seed,
                seed_generated,
            });
        }
        ok.then_some(resources)
    }
}

/// Drops from each `belongs_to` the entries that did not resolve to a parent, and repeats.
fn keep_resolved_parents(drafts: &mut [Draft], index: &Index, parents: &[Vec<usize>]) {
    for (i, draft) in drafts.iter_mut().enumerate() {
        draft.unresolved_parents = draft.belongs_to.iter().any(|(n, _)| {
            n.scalar_text()
                .is_none_or(|name| !index.by_name.contains_key(&name))
        });
        draft.belongs_to.retain(|(n, _)| {
            n.scalar_text()
                .and_then(|s| index.by_name.get(&s).copied())
                .is_some_and(|p| parents[i].contains(&p) && p != i)
        });
        draft
            .belongs_to
            .dedup_by(|a, b| a.0.scalar_text() == b.0.scalar_text());
    }
}
