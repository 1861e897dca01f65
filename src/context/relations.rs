//! The links between resources: a resource's parents (its foreign keys) and children (the
//! resources whose rows point at its rows), with what deleting a parent row does to them.

use serde::Serialize;

use super::fields::option;
use super::literals::id_list;
use super::samples::MORE_ROWS;
use super::sql::{SqlLayout, column_list};
use crate::dialect::Dialect;
use crate::naming::ResourceNames;
use crate::spec::{OnDelete, Parent, Spec};

#[derive(Debug, Serialize)]
pub struct ParentContext {
    pub names: ResourceNames,
    /// The foreign key column and JSON key: `production_id`.
    pub key: String,
    /// The key as SQL needs it.
    pub sql: String,
    pub nullable: bool,
    pub on_delete: OnDelete,
    /// What the schema says `on_delete` with: `cascade`, `set null`, `no action`.
    pub on_delete_sql: &'static str,
    pub row_type: String,
    pub new_type: String,
    pub patch_type: String,
    /// Type in the patch body once validation refuses null for a required key.
    pub patch_type_checked: String,
    pub column: String,
    pub index: String,
    /// `select exists(select 1 from productions where id = ?)`.
    pub exists_sql: String,
    pub missing_message: String,
}

#[derive(Debug, Serialize)]
pub struct ChildContext {
    pub names: ResourceNames,
    /// The child's foreign key to this resource.
    pub key: String,
    pub cascade: bool,
    /// Whether these children keep a row of this resource from being deleted.
    pub restrict: bool,
    /// `select ... from cast_members where production_id = ? order by id`.
    pub select: String,
    /// The seed ids of the children of parent row 1, for the nesting test (Rust source).
    pub of_first: String,
    /// With `on_delete: cascade`, a parent seed row that has children of this kind and none
    /// that forbid its deletion: the cascade test deletes it.
    pub cascade_target: Option<i64>,
    /// The child ids that remain once `cascade_target` is deleted, extra rows included.
    pub left_after_cascade: String,
    /// With `on_delete: restrict`, a parent seed row these children keep from being deleted.
    pub restrict_target: Option<i64>,
}

/// Parent `p` of the resource named `names`: its foreign key column, index and lookup.
pub(super) fn parent(
    spec: &Spec,
    dialect: Dialect,
    names: &ResourceNames,
    p: &Parent,
) -> ParentContext {
    let parent = &spec.resources[p.resource].names;
    let nullable = p.on_delete == OnDelete::SetNull;
    let key = parent.foreign_key.clone();
    ParentContext {
        on_delete_sql: dialect.on_delete(p.on_delete),
        column: format!(
            "{} {}{} references {} (id) on delete {}",
            dialect.ident(&key),
            dialect.column_type(crate::spec::FieldType::Integer),
            if nullable { "" } else { " not null" },
            dialect.ident(&parent.table),
            dialect.on_delete(p.on_delete)
        ),
        index: format!(
            "create index {table}_{key}_idx on {qtable} ({qkey});",
            table = names.table,
            qtable = dialect.ident(&names.table),
            qkey = dialect.ident(&key)
        ),
        exists_sql: format!(
            "select exists(select 1 from {} where id = {})",
            dialect.ident(&parent.table),
            dialect.placeholder(1)
        ),
        missing_message: missing_parent_message(parent),
        row_type: option("i64", nullable),
        new_type: option("i64", nullable),
        patch_type: if nullable {
            "Option<Option<i64>>".into()
        } else {
            "Option<i64>".into()
        },
        patch_type_checked: "Option<Option<i64>>".into(),
        names: parent.clone(),
        sql: dialect.ident(&key),
        key,
        nullable,
        on_delete: p.on_delete,
    }
}

/// Resource `child` as a child of resource `parent` (both indexes into `spec.resources`).
pub(super) fn child(spec: &Spec, dialect: Dialect, parent: usize, child: usize) -> ChildContext {
    let resource = &spec.resources[child];
    let position = resource
        .parents
        .iter()
        .position(|p| p.resource == parent)
        .unwrap_or(0);
    let link = &resource.parents[position];
    let key = spec.resources[parent].names.foreign_key.clone();
    let columns = column_list(spec, dialect, resource);
    let table = dialect.ident(&resource.names.table);
    let layout = SqlLayout::holding(columns.iter().chain([&table, &dialect.ident(&key)]));
    let ids = |keep: &dyn Fn(i64) -> bool| -> Vec<i64> {
        resource
            .seed
            .iter()
            .enumerate()
            .filter(|(_, row)| keep(row.parent_ids[position]))
            .map(|(n, _)| n as i64 + 1)
            .collect()
    };
    // The parent rows that have children of this kind, in order.
    let mut parent_ids: Vec<i64> = resource
        .seed
        .iter()
        .map(|row| row.parent_ids[position])
        .filter(|&p| p > 0)
        .collect();
    parent_ids.sort_unstable();
    parent_ids.dedup();
    let restricted = restricted_ids(spec, parent);
    let cascade_target = match link.on_delete {
        OnDelete::Cascade => parent_ids.iter().copied().find(|p| !restricted.contains(p)),
        _ => None,
    };
    ChildContext {
        names: resource.names.clone(),
        select: layout.statement(&[
            &layout.list("select ", &columns, ""),
            &format!("from {table}"),
            &format!("where {} = {}", dialect.ident(&key), dialect.placeholder(1)),
            "order by id",
        ]),
        cascade: link.on_delete == OnDelete::Cascade,
        restrict: link.on_delete == OnDelete::Restrict,
        of_first: id_list(&ids(&|p| p == 1)),
        cascade_target,
        left_after_cascade: {
            // The test adds the extra rows first; they belong to another parent and stay.
            let target = cascade_target.unwrap_or(0);
            let mut left = ids(&|p| p != target);
            let n = resource.seed.len() as i64;
            left.extend(n + 1..=n + MORE_ROWS as i64);
            id_list(&left)
        },
        restrict_target: match link.on_delete {
            OnDelete::Restrict => parent_ids.first().copied(),
            _ => None,
        },
        key,
    }
}

/// The seed ids of resource `parent` that a child with `on_delete: restrict` points at.
pub(super) fn restricted_ids(spec: &Spec, parent: usize) -> Vec<i64> {
    spec.resources
        .iter()
        .flat_map(|child| {
            child
                .parents
                .iter()
                .enumerate()
                .filter(|(_, p)| p.resource == parent && p.on_delete == OnDelete::Restrict)
                .flat_map(|(at, _)| child.seed.iter().map(move |row| row.parent_ids[at]))
        })
        .collect()
}

/// The error of a body whose parent key names no row: one text for the validation, the
/// database's refusal and the request collections.
pub(super) fn missing_parent_message(parent: &ResourceNames) -> String {
    format!("must be the id of an existing {}", parent.human)
}
