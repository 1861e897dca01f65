//! Seed rows: the `seed:` section, each row checked against its resource's fields, rules and
//! parents, and generated sample rows for the resources the spec gives none.

use std::collections::{BTreeMap, HashMap};

use super::field_rules::messages;
use super::resources::Draft;
use super::{Checker, did_you_mean};
use crate::spec::rules::{Literal, violations};
use crate::spec::sample::{MORE_ROWS, SAMPLE_ROWS, new_rows, sample_rows};
use crate::spec::{Field, OnDelete, Parent, Resource, Row};
use crate::yaml::{Node, Span, Value};

/// The rows of `seed:`, keyed by resource singular name, with the span of their key.
pub(super) type Seeds<'n> = BTreeMap<String, (Span, Vec<&'n Node>)>;

/// A parent as a seed row of its child names it: by its seed row number.
struct SeedParent {
    name: String,
    /// How many seed rows the parent has, given or to be generated.
    rows: usize,
    /// Whether a row may leave the parent out (`on_delete: set_null`).
    nullable: bool,
}

/// What the seed rows of one resource are checked against, and what they share.
struct SeedTable<'a> {
    draft: &'a Draft<'a>,
    parents: &'a [SeedParent],
    /// The keys a row may have: the field names and the parents' names.
    allowed: Vec<&'a str>,
    /// The first row with each value of each unique field, by field index.
    unique_seen: HashMap<(usize, String), usize>,
    /// Whether every row so far is sound.
    ok: bool,
}

impl Checker {
    /// Reads `seed:`, returning rows keyed by resource singular name.
    pub(super) fn seed_section<'n>(&mut self, node: &'n Node, drafts: &[Draft]) -> Seeds<'n> {
        let mut seeds = BTreeMap::new();
        let Some(entries) = self.mapping(node, "`seed`") else {
            return seeds;
        };
        let all: Vec<&str> = drafts.iter().map(|d| d.names.singular.as_str()).collect();
        for (key, value) in entries {
            let name = key.scalar_text().unwrap_or_default();
            if !all.contains(&name.as_str()) {
                let help = did_you_mean(&name, all.iter().copied());
                self.error(
                    key.span,
                    format!("`seed` has rows for `{name}`, which is not a resource"),
                    "no such resource",
                    help,
                );
                continue;
            }
            if let Some(rows) = self.list(value, &format!("the seed rows of `{name}`")) {
                if rows.is_empty() {
                    self.error(
                        value.span,
                        format!("`seed` lists no rows for `{name}`"),
                        "empty",
                        Some(format!(
                            "add rows, or remove `{name}` from `seed` to get generated sample rows"
                        )),
                    );
                    continue;
                }
                seeds.insert(name, (key.span, rows.iter().collect()));
            }
        }
        seeds
    }

    /// The seed rows of `drafts[i]`, whose resolved parents are `parents`, and whether they
    /// are still to be generated: the spec's rows, checked, or none yet if the spec gives
    /// none. `None` if the spec's rows have problems.
    pub(super) fn resource_seed(
        &mut self,
        drafts: &[Draft],
        order: &[usize],
        seeds: &Seeds<'_>,
        i: usize,
        parents: &[Parent],
    ) -> Option<(Vec<Row>, bool)> {
        let Some((_, rows)) = seeds.get(&drafts[i].names.singular) else {
            return Some((Vec::new(), true));
        };
        let parents: Vec<SeedParent> = parents
            .iter()
            .map(|p| {
                let name = &drafts[order[p.resource]].names.singular;
                SeedParent {
                    name: name.clone(),
                    rows: seeds.get(name).map_or(SAMPLE_ROWS, |(_, rows)| rows.len()),
                    nullable: p.on_delete == OnDelete::SetNull,
                }
            })
            .collect();
        let rows = if drafts[i].unresolved_parents {
            // Which parents the rows may name is not known: check only their fields.
            let names: Vec<&str> = drafts.iter().map(|d| d.names.singular.as_str()).collect();
            self.seed_rows(&drafts[i], &parents, &names, rows)?
        } else {
            self.seed_rows(&drafts[i], &parents, &[], rows)?
        };
        Some((rows, false))
    }

    fn seed_rows(
        &mut self,
        draft: &Draft,
        parents: &[SeedParent],
        tolerated: &[&str],
        rows: &[&Node],
    ) -> Option<Vec<Row>> {
        let mut allowed: Vec<&str> = draft.field_names.iter().map(String::as_str).collect();
        allowed.extend(parents.iter().map(|p| p.name.as_str()));
        allowed.extend(tolerated);
        // The owner of a row, in a resource with owners (lecture 7), unless a field has the name.
        if !allowed.contains(&"user") {
            allowed.push("user");
        }
        let mut table = SeedTable {
            draft,
            parents,
            allowed,
            unique_seen: HashMap::new(),
            ok: true,
        };
        let mut out = Vec::new();
        for (n, row) in rows.iter().enumerate() {
            if let Some(row) = self.seed_row(&mut table, n + 1, row) {
                out.push(row);
            }
        }
        table.ok.then_some(out)
    }

    /// Row `n` (from 1) of a resource's seed rows; `None` if it is not a mapping. Its other
    /// problems are reported and clear `table.ok`.
    fn seed_row(&mut self, table: &mut SeedTable, n: usize, row: &Node) -> Option<Row> {
        let draft = table.draft;
        let context = format!("seed row {n} of `{}`", draft.names.singular);
        let Some(entries) = self.mapping(row, &context) else {
            table.ok = false;
            return None;
        };
        let keys = self.known_keys(entries, &table.allowed, &context);
        if keys.len() < entries.len() {
            table.ok = false;
        }
        let mut values = Vec::new();
        for (at, field) in draft.fields.iter().enumerate() {
            let node = keys.get(field.names.name.as_str()).copied();
            values.push(self.seed_field(table, n, row, at, field, node));
        }
        let parent_ids = self.seed_parent_ids(table, n, row, &keys);
        let mut owner = 0;
        if !draft.field_names.iter().any(|f| f == "user")
            && let Some(node) = keys.get("user")
        {
            match node.value {
                Value::Int(number) => {
                    owner = usize::try_from(number).unwrap_or(0);
                    self.owner_refs.push(super::auth::OwnerRef {
                        resource: draft.names.singular.clone(),
                        span: node.span,
                        number,
                    });
                }
                _ => {
                    self.error(
                        node.span,
                        "`user` must be the number of a seed user, from 1",
                        "not a number",
                        None,
                    );
                    table.ok = false;
                }
            }
        }
        Some(Row {
            values,
            parent_ids,
            owner,
        })
    }

    /// The value of `field` (the `at`-th) in row `n`: the row's, else the field's default.
    fn seed_field(
        &mut self,
        table: &mut SeedTable,
        n: usize,
        row: &Node,
        at: usize,
        field: &Field,
        node: Option<&Node>,
    ) -> Option<Literal> {
        let value = match node {
            Some(node) if node.value == Value::Null => None,
            Some(node) => self.seed_value(table, n, at, field, node),
            None => None,
        };
        let value = value.or_else(|| field.rules.default.clone());
        if value.is_none() && field.rules.required {
            self.error(
                row.span,
                format!(
                    "seed row {n} of `{}` has no `{}`, which is required",
                    table.draft.names.singular, field.names.name
                ),
                "missing a required field",
                None,
            );
            table.ok = false;
        }
        value
    }

    /// A value given in row `n` for `field` (the `at`-th), checked against the field's rules
    /// and, if the field is unique, against the rows before. `None` if it is not of the
    /// field's type; a value breaking a rule is still returned, with `table.ok` cleared.
    fn seed_value(
        &mut self,
        table: &mut SeedTable,
        n: usize,
        at: usize,
        field: &Field,
        node: &Node,
    ) -> Option<Literal> {
        let resource = &table.draft.names.singular;
        let what = format!("`{}`", field.names.name);
        let Some(value) = self.literal(field.ty, node, &what) else {
            table.ok = false;
            return None;
        };
        let broken = violations(field.ty, &field.rules, &value);
        if !broken.is_empty() {
            self.error(
                node.span,
                format!(
                    "`{resource}.{}` = `{value}` {}",
                    field.names.name,
                    messages(&broken)
                ),
                "breaks a rule",
                None,
            );
            table.ok = false;
        }
        if field.rules.unique
            && let Some(first) = table.unique_seen.insert((at, value.to_string()), n)
        {
            self.error(
                node.span,
                format!(
                    "`{resource}.{}` must be unique, but rows {first} and {n} are both `{value}`",
                    field.names.name
                ),
                "duplicate",
                None,
            );
            table.ok = false;
        }
        Some(value)
    }

    /// The parents row `n` names, by their seed row numbers; 0 for a nullable parent it
    /// leaves out.
    fn seed_parent_ids(
        &mut self,
        table: &mut SeedTable,
        n: usize,
        row: &Node,
        keys: &BTreeMap<&str, &Node>,
    ) -> Vec<i64> {
        let resource = &table.draft.names.singular;
        let mut parent_ids = Vec::new();
        for parent in table.parents {
            let (name, count) = (&parent.name, parent.rows);
            match keys.get(name.as_str()) {
                Some(node) => match node.value {
                    Value::Int(id) if id >= 1 && id as usize <= count => parent_ids.push(id),
                    _ => {
                        self.error(
                            node.span,
                            format!(
                                "`{name}` must be the number of one of the {count} `{name}` seed rows (1 to {count})"
                            ),
                            "no such row",
                            None,
                        );
                        table.ok = false;
                    }
                },
                None if parent.nullable => parent_ids.push(0),
                None => {
                    self.error(
                        row.span,
                        format!(
                            "seed row {n} of `{resource}` does not say which `{name}` it belongs to"
                        ),
                        format!("missing `{name}`"),
                        Some(format!(
                            "add `{name}: 1` to point at the first `{name}` seed row"
                        )),
                    );
                    table.ok = false;
                }
            }
        }
        parent_ids
    }

    /// Generates sample rows for each resource the spec gives none, parents first so that
    /// children know how many rows each parent has.
    pub(super) fn fill_missing_seeds(&mut self, resources: &mut [Resource], spans: &[Span]) {
        for i in 0..resources.len() {
            if !resources[i].seed_generated {
                continue;
            }
            let counts: Vec<usize> = resources[i]
                .parents
                .iter()
                .map(|p| resources[p.resource].seed.len())
                .collect();
            match sample_rows(&resources[i].names, &resources[i].fields, &counts) {
                Ok(rows) => resources[i].seed = rows,
                Err(reason) => self.error(
                    spans[i],
                    reason,
                    "no seed rows given",
                    Some(format!(
                        "check that its rules can all hold at once, or add seed rows for `{}` under `seed:`",
                        resources[i].names.singular
                    )),
                ),
            }
        }
    }

    /// The generated tests add `MORE_ROWS` rows to every table after its seed rows: each
    /// field must have a value for them that keeps its rules, and a unique field one that no
    /// other row has. Refuses a field whose rules leave too few values.
    pub(super) fn check_test_rows(&mut self, resources: &[Resource], field_spans: &[Vec<Span>]) {
        for (resource, spans) in resources.iter().zip(field_spans) {
            let rows = new_rows(&resource.names, &resource.fields, &resource.seed, MORE_ROWS);
            for (at, field) in resource.fields.iter().enumerate() {
                if field.nullable() || rows.iter().all(|row| row[at].is_some()) {
                    continue;
                }
                let name = format!("{}.{}", resource.names.singular, field.names.name);
                let (message, help) = if field.rules.unique {
                    (
                        format!(
                            "`{name}` is unique, and its rules leave too few values for the generated tests: they add {MORE_ROWS} rows to the {} seed rows, each with a `{}` of its own",
                            resource.seed.len(),
                            field.names.name
                        ),
                        "allow more values (a wider `pattern`, a longer `max_length`, a larger range, more `one_of` options), or drop `unique`",
                    )
                } else {
                    (
                        format!("no value satisfies every rule of `{name}`"),
                        "check that its rules can all hold at once",
                    )
                };
                self.error(spans[at], message, "too few values", Some(help.into()));
            }
        }
    }
}
