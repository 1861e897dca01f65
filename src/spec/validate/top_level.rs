//! The top level of a spec: its keys, `app`, `title`, `database` and `resources`, and the order in which
//! the other sections are checked and put together into a `Spec`.

use super::Checker;
use super::resources::Draft;
use crate::dialect::Dialect;
use crate::naming::AppNames;
use crate::spec::Spec;
use crate::yaml::{Node, Span};

/// Top-level keys of a spec.
pub(super) const SPEC_KEYS: &[&str] = &["app", "title", "database", "resources", "seed", "auth"];
/// Package names that would shadow a crate every Rust program sees.
const RESERVED_PACKAGES: &[&str] = &["alloc", "core", "proc_macro", "std", "test"];

impl Checker {
    /// The whole spec: each section in turn, then the resources in dependency order with
    /// their seed rows. `None` when the spec is too broken to build, problems recorded.
    pub(super) fn spec(&mut self, doc: &Node) -> Option<Spec> {
        let entries = self.mapping(doc, "a spec")?;
        let keys = self.known_keys(entries, SPEC_KEYS, "the spec");

        let app = self.app_key(doc, keys.get("app").copied());
        let title = keys.get("title").and_then(|node| self.title(node));
        let database = keys
            .get("database")
            .and_then(|node| self.database(node))
            .unwrap_or_default();
        let mut drafts = self.resources_section(doc, keys.get("resources").copied());

        self.check_resource_names(&drafts);
        let order = self.resolve(&mut drafts)?;
        let seeds = keys
            .get("seed")
            .map(|node| self.seed_section(node, &drafts))
            .unwrap_or_default();

        let app = app?;
        let title = title.unwrap_or_else(|| heck::ToTitleCase::to_title_case(app.package.as_str()));
        if self.problems.is_empty() {
            self.check_rules_testable(&drafts);
        }
        let spans: Vec<Span> = order.iter().map(|&i| drafts[i].key.span).collect();
        let field_spans: Vec<Vec<Span>> = order
            .iter()
            .map(|&i| drafts[i].field_spans.clone())
            .collect();
        let mut resources = self.assemble(drafts, order, seeds)?;
        // Sample rows depend on every rule being sound; with problems already found, trying
        // would only add noise.
        if self.problems.is_empty() {
            self.fill_missing_seeds(&mut resources, &spans);
        }
        if self.problems.is_empty() {
            self.check_test_rows(&resources, &field_spans);
        }
        let owner_refs = std::mem::take(&mut self.owner_refs);
        let auth = self.auth(keys.get("auth").copied(), &mut resources, &owner_refs);
        Some(Spec {
            app,
            title,
            database,
            resources,
            auth,
        })
    }

    /// `app:`, which every spec must have.
    fn app_key(&mut self, doc: &Node, node: Option<&Node>) -> Option<AppNames> {
        match node {
            Some(node) => self.app(node),
            None => {
                self.error(
                    doc.span,
                    "the spec has no `app`",
                    "missing `app`",
                    Some("add `app: my_app`, the package name of the generated projects".into()),
                );
                None
            }
        }
    }

    fn app(&mut self, node: &Node) -> Option<AppNames> {
        let name = self.string(node, "`app`")?;
        let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !valid {
            let help = heck::ToSnakeCase::to_snake_case(name.as_str());
            self.error(
                node.span,
                format!("`app` `{name}` is not a valid package name"),
                "lowercase letters, digits, `-` and `_`, starting with a letter",
                (!help.is_empty()).then(|| format!("did you mean `{help}`?")),
            );
            return None;
        }
        let crate_name = name.replace('-', "_");
        if crate::naming::is_rust_keyword(&crate_name) {
            self.error(
                node.span,
                format!("`app` `{name}` is a Rust keyword"),
                "the generated code could not name its crate",
                Some(format!("choose another name, such as `{crate_name}_app`")),
            );
            return None;
        }
        if RESERVED_PACKAGES.contains(&crate_name.as_str()) {
            self.error(
                node.span,
                format!("`app` `{name}` would shadow a built-in crate"),
                "reserved",
                Some("choose another name".into()),
            );
            return None;
        }
        Some(AppNames::new(&name))
    }

    fn title(&mut self, node: &Node) -> Option<String> {
        let title = self.string(node, "`title`")?;
        if title.chars().any(char::is_control) || title.trim().is_empty() {
            self.error(
                node.span,
                "`title` must be one line of text",
                "line breaks or control characters",
                None,
            );
            return None;
        }
        Some(title)
    }

    /// `database:`, `sqlite` or `postgres`.
    fn database(&mut self, node: &Node) -> Option<Dialect> {
        let name = self.string(node, "`database`")?;
        let dialect = Dialect::from_name(&name);
        if dialect.is_none() {
            self.error(
                node.span,
                format!("`database` `{name}` is not one syllabus generates"),
                "unknown database",
                Some(format!("use one of: {}", Dialect::NAMES.join(", "))),
            );
        }
        dialect
    }

    /// `resources:`, read one resource at a time; cross-references are resolved later.
    fn resources_section<'n>(&mut self, doc: &Node, node: Option<&'n Node>) -> Vec<Draft<'n>> {
        let mut drafts = Vec::new();
        let Some(node) = node else {
            self.error(
                doc.span,
                "the spec has no `resources`",
                "missing `resources`",
                Some("add `resources:` with at least one resource and its fields".into()),
            );
            return drafts;
        };
        if let Some(entries) = self.mapping(node, "`resources`") {
            if entries.is_empty() {
                self.error(
                    node.span,
                    "`resources` is empty",
                    "no resources",
                    Some("add at least one resource".into()),
                );
            }
            for (key, value) in entries {
                if let Some(draft) = self.resource(key, value) {
                    drafts.push(draft);
                }
            }
        }
        drafts
    }
}
