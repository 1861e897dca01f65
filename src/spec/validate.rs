//! From a YAML tree to a `Spec`, reporting every problem in one pass.
//!
//! Each check records a `Problem` and carries on, so that a spec author sees all that is
//! wrong at once. Only a YAML syntax error stops early, since there is no tree to walk.

use std::collections::{BTreeMap, HashMap};

use super::rules::{Literal, Number, violations};
use super::sample::{SAMPLE_ROWS, sample_rows};
use super::{Field, FieldType, OnDelete, Parent, Pattern, Resource, Row, Rules, Spec};
use crate::naming::{self, AppNames, FieldNames, ResourceNames};
use crate::yaml::{self, Node, Span, Value};

/// One thing wrong with a spec, located in its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub span: Span,
    pub label: String,
    pub help: Option<String>,
}

/// Top-level keys of a spec.
const SPEC_KEYS: &[&str] = &["app", "title", "resources", "seed", "auth"];
const RESOURCE_KEYS: &[&str] = &["fields", "plural", "belongs_to", "has_many"];
const FIELD_KEYS: &[&str] = &[
    "type",
    "required",
    "min_length",
    "max_length",
    "min",
    "max",
    "pattern",
    "one_of",
    "unique",
    "default",
    "message",
];
const BELONGS_TO_KEYS: &[&str] = &["resource", "on_delete"];
/// Columns every table has.
const BUILT_IN_FIELDS: &[&str] = &["id", "created_at", "updated_at"];
/// Module names the generated project uses beside one module per resource.
const RESERVED_MODULES: &[&str] = &["helpers", "pages", "seed"];
/// Package names that would shadow a crate every Rust program sees.
const RESERVED_PACKAGES: &[&str] = &["alloc", "core", "proc_macro", "std", "test"];

/// Reads and validates a spec. On failure, returns every problem found.
pub fn parse_and_validate(source: &str) -> Result<Spec, Vec<Problem>> {
    let doc = yaml::parse(source).map_err(|err| vec![syntax_problem(source, &err)])?;
    let mut checker = Checker::default();
    let spec = checker.spec(&doc);
    match spec {
        Some(spec) if checker.problems.is_empty() => Ok(spec),
        _ => {
            if checker.problems.is_empty() {
                checker.error(doc.span, "the spec is incomplete", "here", None);
            }
            Err(checker.problems)
        }
    }
}

fn syntax_problem(source: &str, err: &serde_saphyr::Error) -> Problem {
    let span = err
        .location()
        .map(|location| {
            let offset = location
                .span()
                .byte_offset()
                .map(|o| o as usize)
                .unwrap_or_else(|| offset_of(source, location.line(), location.column()));
            Span {
                offset: offset.min(source.len()),
                len: 0,
            }
        })
        .unwrap_or_default();
    let text = err.without_snippet().to_string();
    let message = text
        .lines()
        .next()
        .unwrap_or("invalid YAML")
        .trim()
        .to_owned();
    Problem {
        message: format!("invalid YAML: {}", message.trim_end_matches('.')),
        span,
        label: "here".into(),
        help: None,
    }
}

/// The byte offset of a 1-based line and character column.
fn offset_of(source: &str, line: u64, column: u64) -> usize {
    let start: usize = source
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let rest = &source[start.min(source.len())..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(rest.len(), |(i, _)| i)
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(distance, c)| *distance <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    suggest(word, candidates).map(|s| format!("did you mean `{s}`?"))
}

fn one_of_help(candidates: &[&str]) -> String {
    let quoted: Vec<_> = candidates.iter().map(|c| format!("`{c}`")).collect();
    format!("expected one of {}", quoted.join(", "))
}

/// A resource as read, before cross-references are resolved.
struct Draft<'n> {
    key: &'n Node,
    names: ResourceNames,
    fields: Vec<Field>,
    field_spans: Vec<Span>,
    /// Every well-formed field name, including fields whose definition has problems, so
    /// that seed rows naming them are not reported twice.
    field_names: Vec<String>,
    belongs_to: Vec<(&'n Node, OnDelete)>,
    has_many: Vec<&'n Node>,
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn error(
        &mut self,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) {
        self.problems.push(Problem {
            message: message.into(),
            span,
            label: label.into(),
            help,
        });
    }

    fn mapping<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [(Node, Node)]> {
        match &node.value {
            Value::Map(entries) => Some(entries),
            other => {
                self.error(
                    node.span,
                    format!("{what} must be a mapping, not {}", other.kind()),
                    "expected `key: value` pairs",
                    None,
                );
                None
            }
        }
    }

    fn list<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            other => {
                self.error(
                    node.span,
                    format!("{what} must be a list, not {}", other.kind()),
                    "expected a list",
                    Some("write a list as `[a, b]` or as lines starting with `- `".into()),
                );
                None
            }
        }
    }

    /// The entries of a mapping whose keys are strings from `allowed`; reports the others.
    fn known_keys<'n>(
        &mut self,
        entries: &'n [(Node, Node)],
        allowed: &[&str],
        context: &str,
    ) -> HashMap<&'n str, &'n Node> {
        let mut found = HashMap::new();
        for (key, value) in entries {
            match key.as_str() {
                Some(name) if allowed.contains(&name) => {
                    found.insert(name, value);
                }
                Some(name) => {
                    let help = did_you_mean(name, allowed.iter().copied())
                        .or_else(|| (!allowed.is_empty()).then(|| one_of_help(allowed)));
                    self.error(
                        key.span,
                        format!("unknown key `{name}` in {context}"),
                        "unknown key",
                        help,
                    );
                }
                None => self.error(
                    key.span,
                    format!("keys in {context} must be names"),
                    "not a name",
                    None,
                ),
            }
        }
        found
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            other => {
                self.error(
                    node.span,
                    format!("{what} must be a string, not {}", other.kind()),
                    "expected a string",
                    None,
                );
                None
            }
        }
    }

    fn bool(&mut self, node: &Node, what: &str) -> Option<bool> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            other => {
                self.error(
                    node.span,
                    format!("{what} must be `true` or `false`, not {}", other.kind()),
                    "expected a boolean",
                    None,
                );
                None
            }
        }
    }

    fn count(&mut self, node: &Node, what: &str) -> Option<u64> {
        match &node.value {
            Value::Int(i) if *i >= 0 => Some(*i as u64),
            _ => {
                self.error(
                    node.span,
                    format!("{what} must be a whole number of characters, 0 or more"),
                    "expected a count",
                    None,
                );
                None
            }
        }
    }

    /// A snake_case name usable as a Rust identifier and an SQL name.
    fn name(&mut self, node: &Node, what: &str) -> Option<String> {
        let text = node.scalar_text();
        match text {
            Some(name) if naming::is_snake_case(&name) && naming::is_usable_ident(&name) => {
                Some(name)
            }
            Some(name) if naming::is_snake_case(&name) => {
                self.error(
                    node.span,
                    format!("{what} `{name}` cannot be a Rust name"),
                    "reserved by Rust",
                    Some(format!("rename it, for example `{name}_name`")),
                );
                None
            }
            Some(name) => {
                let snake = heck::ToSnakeCase::to_snake_case(name.as_str());
                let help =
                    naming::is_snake_case(&snake).then(|| format!("did you mean `{snake}`?"));
                self.error(
                    node.span,
                    format!("{what} `{name}` must be snake_case: lowercase letters, digits and single underscores, starting with a letter"),
                    "not snake_case",
                    help,
                );
                None
            }
            None => {
                self.error(
                    node.span,
                    format!("{what} must be a name"),
                    "expected a name",
                    None,
                );
                None
            }
        }
    }

    fn spec(&mut self, doc: &Node) -> Option<Spec> {
        let entries = self.mapping(doc, "a spec")?;
        let keys = self.known_keys(entries, SPEC_KEYS, "the spec");

        if let Some(auth) = keys.get("auth") {
            let key_span = entries
                .iter()
                .find(|(k, _)| k.as_str() == Some("auth"))
                .map_or(auth.span, |(k, _)| k.span);
            self.error(
                key_span,
                "`auth` is not supported yet",
                "reserved for lecture 7 (users, sessions, authorization rules)",
                Some("remove the `auth` section for now".into()),
            );
        }

        let app = match keys.get("app") {
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
        };
        let title = keys.get("title").and_then(|node| {
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
        });

        let mut drafts = Vec::new();
        match keys.get("resources") {
            Some(node) => {
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
            }
            None => self.error(
                doc.span,
                "the spec has no `resources`",
                "missing `resources`",
                Some("add `resources:` with at least one resource and its fields".into()),
            ),
        }

        self.check_resource_names(&drafts);
        let order = self.resolve(&mut drafts)?;
        let seeds = keys
            .get("seed")
            .map(|node| self.seed_section(node, &drafts))
            .unwrap_or_default();

        let app = app?;
        let title = title.unwrap_or_else(|| heck::ToTitleCase::to_title_case(app.package.as_str()));
        // Lecture 5 tests every rule with a value that breaks only that rule: a field for which
        // no such value exists cannot be generated.
        if self.problems.is_empty() {
            for draft in &drafts {
                for (field, span) in draft.fields.iter().zip(&draft.field_spans) {
                    if let Err(reason) = super::sample::rule_cases(&draft.names, field) {
                        let (label, help) = if reason.starts_with("no value") {
                            (
                                "no value satisfies all of these rules",
                                "check that the rules can all hold at once",
                            )
                        } else {
                            (
                                "rules that cannot be tested one by one",
                                "loosen one of the rules, or drop the pattern",
                            )
                        };
                        self.error(*span, reason, label, Some(help.into()));
                    }
                }
            }
        }
        let spans: Vec<Span> = order.iter().map(|&i| drafts[i].key.span).collect();
        let mut resources = self.assemble(drafts, order, seeds)?;
        // Sample rows depend on every rule being sound; with problems already found, trying
        // would only add noise.
        if self.problems.is_empty() {
            self.fill_missing_seeds(&mut resources, &spans);
        }
        Some(Spec {
            app,
            title,
            resources,
        })
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
        if RESERVED_PACKAGES.contains(&name.replace('-', "_").as_str()) {
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

    fn resource<'n>(&mut self, key: &'n Node, value: &'n Node) -> Option<Draft<'n>> {
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

        let mut fields = Vec::new();
        let mut field_spans = Vec::new();
        let mut field_names = Vec::new();
        match keys.get("fields") {
            Some(node) => {
                if let Some(entries) = self.mapping(node, &format!("the fields of `{singular}`")) {
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
                            field_names.push(name.to_owned());
                        }
                        if let Some(field) = self.field(&singular, key, value) {
                            fields.push(field);
                            field_spans.push(key.span);
                        }
                    }
                }
            }
            None => self.error(
                key.span,
                format!("`{singular}` has no `fields`"),
                "missing `fields`",
                Some("add `fields:` with at least one field, like `name: string`".into()),
            ),
        }

        let mut belongs_to = Vec::new();
        if let Some(node) = keys.get("belongs_to")
            && let Some(items) = self.list(node, "`belongs_to`")
        {
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
        }
        let mut has_many = Vec::new();
        if let Some(node) = keys.get("has_many")
            && let Some(items) = self.list(node, "`has_many`")
        {
            has_many.extend(items);
        }
        valid_name.then_some(Draft {
            key,
            names,
            fields,
            field_spans,
            field_names,
            belongs_to,
            has_many,
        })
    }

    /// One of a fixed set of names, like a field type; an unknown one gets a suggestion.
    fn choice<T: Copy>(&mut self, node: &Node, what: &str, options: &[(&str, T)]) -> Option<T> {
        let text = self.string(node, &format!("a {what}"))?;
        if let Some((_, value)) = options.iter().find(|(name, _)| *name == text) {
            return Some(*value);
        }
        let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
        let help =
            did_you_mean(&text, names.iter().copied()).unwrap_or_else(|| one_of_help(&names));
        self.error(
            node.span,
            format!("unknown {what} `{text}`"),
            format!("unknown {what}"),
            Some(help),
        );
        None
    }

    fn on_delete(&mut self, node: &Node) -> Option<OnDelete> {
        self.choice(node, "`on_delete` action", &OnDelete::ALL)
    }

    fn field(&mut self, resource: &str, key: &Node, value: &Node) -> Option<Field> {
        let name = self.name(key, "a field name");
        if let Some(name) = &name
            && BUILT_IN_FIELDS.contains(&name.as_str())
        {
            self.error(
                key.span,
                format!("`{resource}.{name}` is built in"),
                "every resource already has `id`, `created_at` and `updated_at`",
                Some(format!("remove `{name}` or give it another name")),
            );
            return None;
        }
        let (ty, rules) = match &value.value {
            Value::Str(_) => (self.field_type(value)?, Rules::default()),
            Value::Map(entries) => {
                let context = format!("field `{}`", name.as_deref().unwrap_or("?"));
                let keys = self.known_keys(entries, FIELD_KEYS, &context);
                let ty = match keys.get("type") {
                    Some(node) => self.field_type(node)?,
                    None => FieldType::String,
                };
                let rules = self.rules(ty, &keys);
                (ty, rules)
            }
            other => {
                let types: Vec<_> = FieldType::ALL.iter().map(|(n, _)| *n).collect();
                self.error(
                    value.span,
                    format!(
                        "a field must be a type name or a mapping, not {}",
                        other.kind()
                    ),
                    "expected a type",
                    Some(one_of_help(&types)),
                );
                return None;
            }
        };
        Some(Field {
            names: FieldNames::new(&name?),
            ty,
            rules,
        })
    }

    fn field_type(&mut self, node: &Node) -> Option<FieldType> {
        self.choice(node, "type", &FieldType::ALL)
    }

    /// A value of type `ty`. Numbers are accepted for string fields (`title: 1984`).
    fn literal(&mut self, ty: FieldType, node: &Node, what: &str) -> Option<Literal> {
        let literal = match (ty, &node.value) {
            (FieldType::Integer, Value::Int(i)) => Some(Literal::Integer(*i)),
            (FieldType::Float, Value::Int(i)) => Some(Literal::Float(*i as f64)),
            (FieldType::Float, Value::Float(x)) if x.is_finite() => Some(Literal::Float(*x)),
            (FieldType::Bool, Value::Bool(b)) => Some(Literal::Bool(*b)),
            (
                FieldType::String | FieldType::Text,
                Value::Str(_) | Value::Int(_) | Value::Float(_),
            ) => node.scalar_text().map(Literal::Text),
            (_, Value::Str(s))
                if ty.is_textual() || matches!(ty, FieldType::Date | FieldType::Datetime) =>
            {
                Some(Literal::Text(s.clone()))
            }
            _ => None,
        };
        if literal.is_none() {
            self.error(
                node.span,
                format!(
                    "{what} must be {}, not {}",
                    type_article(ty),
                    node.value.kind()
                ),
                format!("not {}", type_article(ty)),
                None,
            );
        }
        literal
    }

    fn number(&mut self, ty: FieldType, node: &Node, what: &str) -> Option<Number> {
        match (&node.value, ty) {
            (Value::Int(i), _) => Some(Number::Int(*i)),
            (Value::Float(x), FieldType::Float) if x.is_finite() => Some(Number::Float(*x)),
            (Value::Float(_), _) => {
                self.error(
                    node.span,
                    format!("{what} of an integer field must be a whole number"),
                    "not a whole number",
                    None,
                );
                None
            }
            (other, _) => {
                self.error(
                    node.span,
                    format!("{what} must be a number, not {}", other.kind()),
                    "not a number",
                    None,
                );
                None
            }
        }
    }

    fn rules(&mut self, ty: FieldType, keys: &HashMap<&str, &Node>) -> Rules {
        let mut rules = Rules::default();
        let mut ok = true;
        let applies = |checker: &mut Checker, key: &str, fits: bool, instead: &str| {
            if let Some(node) = keys.get(key)
                && !fits
            {
                checker.error(
                    node.span,
                    format!("`{key}` does not apply to {} field", a_type(ty)),
                    "not for this type",
                    (!instead.is_empty()).then(|| instead.to_owned()),
                );
                return false;
            }
            true
        };
        ok &= applies(
            self,
            "min_length",
            ty.is_textual(),
            if ty.is_numeric() {
                "use `min` for numbers"
            } else {
                ""
            },
        );
        ok &= applies(
            self,
            "max_length",
            ty.is_textual(),
            if ty.is_numeric() {
                "use `max` for numbers"
            } else {
                ""
            },
        );
        ok &= applies(self, "pattern", ty.is_textual(), "");
        ok &= applies(
            self,
            "min",
            ty.is_numeric(),
            if ty.is_textual() {
                "use `min_length` for text"
            } else {
                ""
            },
        );
        ok &= applies(
            self,
            "max",
            ty.is_numeric(),
            if ty.is_textual() {
                "use `max_length` for text"
            } else {
                ""
            },
        );
        ok &= applies(self, "one_of", !matches!(ty, FieldType::Bool), "");
        ok &= applies(self, "unique", !matches!(ty, FieldType::Bool), "");

        if let Some(node) = keys.get("required") {
            rules.required = self.bool(node, "`required`").unwrap_or(false);
        }
        if ty != FieldType::Bool
            && let Some(node) = keys.get("unique")
        {
            rules.unique = self.bool(node, "`unique`").unwrap_or(false);
        }
        if ty.is_textual() {
            rules.min_length = keys
                .get("min_length")
                .and_then(|n| self.count(n, "`min_length`"));
            rules.max_length = keys
                .get("max_length")
                .and_then(|n| self.count(n, "`max_length`"));
            if let (Some(min), Some(max)) = (rules.min_length, rules.max_length)
                && min > max
            {
                self.error(
                    keys["min_length"].span,
                    format!("`min_length` {min} is greater than `max_length` {max}"),
                    "no text can satisfy both",
                    None,
                );
                ok = false;
            }
            if let Some(node) = keys.get("pattern")
                && let Some(source) = self.string(node, "`pattern`")
            {
                match regex::Regex::new(&source) {
                    Ok(regex) => rules.pattern = Some(Pattern::new(source, regex)),
                    Err(err) => {
                        let reason = match regex_syntax::parse(&source) {
                            Err(regex_syntax::Error::Parse(e)) => e.kind().to_string(),
                            Err(regex_syntax::Error::Translate(e)) => e.kind().to_string(),
                            _ => err.to_string(),
                        };
                        self.error(
                            node.span,
                            format!("`pattern` is not a valid regular expression: {reason}"),
                            "invalid regex",
                            Some(
                                "patterns use Rust's `regex` syntax; escape a literal `.` as `\\.`"
                                    .into(),
                            ),
                        );
                        ok = false;
                    }
                }
            }
        }
        if ty.is_numeric() {
            rules.min = keys.get("min").and_then(|n| self.number(ty, n, "`min`"));
            rules.max = keys.get("max").and_then(|n| self.number(ty, n, "`max`"));
            if let (Some(min), Some(max)) = (rules.min, rules.max)
                && min.as_f64() > max.as_f64()
            {
                self.error(
                    keys["min"].span,
                    format!("`min` {min} is greater than `max` {max}"),
                    "no number can satisfy both",
                    None,
                );
                ok = false;
            }
        }
        if let Some(node) = keys.get("message") {
            rules.message = self.string(node, "`message`");
        }
        if ty != FieldType::Bool
            && let Some(node) = keys.get("one_of")
            && let Some(items) = self.list(node, "`one_of`")
        {
            if items.is_empty() {
                self.error(
                    node.span,
                    "`one_of` is empty",
                    "no value could ever be valid",
                    None,
                );
                ok = false;
            }
            let mut options: Vec<Literal> = Vec::new();
            for item in items {
                if let Some(option) = self.literal(ty, item, "a `one_of` option") {
                    if options.contains(&option) {
                        self.error(
                            item.span,
                            format!("`{option}` is listed twice"),
                            "duplicate",
                            None,
                        );
                    }
                    options.push(option);
                }
            }
            let others = Rules {
                one_of: None,
                ..rules.clone()
            };
            for (item, option) in items.iter().zip(&options) {
                let broken = violations(ty, &others, option);
                if !broken.is_empty() {
                    self.error(
                        item.span,
                        format!(
                            "option `{option}` breaks the field's other rules: {}",
                            messages(&broken)
                        ),
                        "can never be valid",
                        None,
                    );
                    ok = false;
                }
            }
            rules.one_of = Some(options);
        }
        if let Some(node) = keys.get("default")
            && matches!(ty, FieldType::Date | FieldType::Datetime)
        {
            self.error(
                node.span,
                format!("a {} field cannot have a `default` yet", ty.name()),
                "not supported",
                Some("leave the default out and send the value with each row".into()),
            );
            ok = false;
        } else if let Some(node) = keys.get("default") {
            if let Some(default) = self.literal(ty, node, "`default`") {
                let broken = violations(ty, &rules, &default);
                if broken.is_empty() {
                    rules.default = Some(default);
                } else {
                    self.error(
                        node.span,
                        format!(
                            "default `{default}` breaks the field's own rules: {}",
                            messages(&broken)
                        ),
                        "invalid default",
                        None,
                    );
                    ok = false;
                }
            } else {
                ok = false;
            }
        }
        let _ = ok;
        rules
    }

    /// Reports resources whose derived names would clash in the generated code.
    fn check_resource_names(&mut self, drafts: &[Draft]) {
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
    fn resolve(&mut self, drafts: &mut [Draft]) -> Option<Vec<usize>> {
        let index: HashMap<String, usize> = drafts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.names.singular.clone(), i))
            .collect();
        let all: Vec<String> = drafts.iter().map(|d| d.names.singular.clone()).collect();
        let lookup = |checker: &mut Checker, node: &Node, relation: &str| -> Option<usize> {
            let name = node.scalar_text();
            match name.as_deref().and_then(|n| index.get(n)) {
                Some(i) => Some(*i),
                None => {
                    let name = name.unwrap_or_default();
                    let help =
                        did_you_mean(&name, all.iter().map(String::as_str)).unwrap_or_else(|| {
                            format!(
                                "resources are {}",
                                all.iter()
                                    .map(|a| format!("`{a}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        });
                    checker.error(
                        node.span,
                        format!("`{relation}` names `{name}`, which is not a resource"),
                        "no such resource",
                        Some(help),
                    );
                    None
                }
            }
        };

        let mut parents: Vec<Vec<usize>> = vec![Vec::new(); drafts.len()];
        for (i, draft) in drafts.iter().enumerate() {
            for (target, _) in &draft.belongs_to {
                let Some(parent) = lookup(self, target, "belongs_to") else {
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
                if parents[i].contains(&parent) {
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
                parents[i].push(parent);
            }
            for target in &draft.has_many {
                let Some(child) = lookup(self, target, "has_many") else {
                    continue;
                };
                let child_draft = &drafts[child];
                let declared = child_draft.belongs_to.iter().any(|(n, _)| {
                    n.scalar_text().as_deref() == Some(draft.names.singular.as_str())
                });
                if !declared {
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
        for (i, draft) in drafts.iter_mut().enumerate() {
            draft.belongs_to.retain(|(n, _)| {
                n.scalar_text()
                    .and_then(|s| index.get(&s).copied())
                    .is_some_and(|p| parents[i].contains(&p) && p != i)
            });
            draft
                .belongs_to
                .dedup_by(|a, b| a.0.scalar_text() == b.0.scalar_text());
        }
        Some(order)
    }

    /// Reads `seed:`, returning rows keyed by resource singular name.
    fn seed_section<'n>(
        &mut self,
        node: &'n Node,
        drafts: &[Draft],
    ) -> BTreeMap<String, (Span, Vec<&'n Node>)> {
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

    /// Builds the resources in dependency order and checks their seed rows.
    fn assemble(
        &mut self,
        drafts: Vec<Draft>,
        order: Vec<usize>,
        seeds: BTreeMap<String, (Span, Vec<&Node>)>,
    ) -> Option<Vec<Resource>> {
        let position: HashMap<String, usize> = order
            .iter()
            .enumerate()
            .map(|(pos, &i)| (drafts[i].names.singular.clone(), pos))
            .collect();
        let row_count = |name: &str| seeds.get(name).map_or(SAMPLE_ROWS, |(_, rows)| rows.len());
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
            let (seed, seed_generated) = match seeds.get(&draft.names.singular) {
                Some((_, rows)) => {
                    let parent_names: Vec<(String, usize, bool)> = parents
                        .iter()
                        .map(|p| {
                            let parent = &drafts[order[p.resource]].names.singular;
                            (
                                parent.clone(),
                                row_count(parent),
                                p.on_delete == OnDelete::SetNull,
                            )
                        })
                        .collect();
                    match self.seed_rows(draft, &parent_names, rows) {
                        Some(rows) => (rows, false),
                        None => {
                            ok = false;
                            (Vec::new(), false)
                        }
                    }
                }
                None => (Vec::new(), true),
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

    fn seed_rows(
        &mut self,
        draft: &Draft,
        parents: &[(String, usize, bool)],
        rows: &[&Node],
    ) -> Option<Vec<Row>> {
        let resource = &draft.names.singular;
        let mut allowed: Vec<&str> = draft.field_names.iter().map(String::as_str).collect();
        allowed.extend(parents.iter().map(|(p, _, _)| p.as_str()));
        let mut out = Vec::new();
        let mut ok = true;
        let mut unique_seen: HashMap<(usize, String), usize> = HashMap::new();
        for (n, row) in rows.iter().enumerate() {
            let n = n + 1;
            let Some(entries) = self.mapping(row, &format!("seed row {n} of `{resource}`")) else {
                ok = false;
                continue;
            };
            let context = format!("seed row {n} of `{resource}`");
            let keys = self.known_keys(entries, &allowed, &context);
            if keys.len() < entries.len() {
                ok = false;
            }
            let mut values = Vec::new();
            for (at, field) in draft.fields.iter().enumerate() {
                let value = match keys.get(field.names.name.as_str()) {
                    Some(node) if node.value == Value::Null => None,
                    Some(node) => {
                        let what = format!("`{}`", field.names.name);
                        match self.literal(field.ty, node, &what) {
                            Some(value) => {
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
                                    ok = false;
                                }
                                if field.rules.unique
                                    && let Some(first) =
                                        unique_seen.insert((at, value.to_string()), n)
                                {
                                    self.error(node.span, format!("`{resource}.{}` must be unique, but rows {first} and {n} are both `{value}`", field.names.name), "duplicate", None);
                                    ok = false;
                                }
                                Some(value)
                            }
                            None => {
                                ok = false;
                                None
                            }
                        }
                    }
                    None => None,
                };
                let value = value.or_else(|| field.rules.default.clone());
                if value.is_none() && field.rules.required {
                    self.error(
                        row.span,
                        format!(
                            "seed row {n} of `{resource}` has no `{}`, which is required",
                            field.names.name
                        ),
                        "missing a required field",
                        None,
                    );
                    ok = false;
                }
                values.push(value);
            }
            let mut parent_ids = Vec::new();
            for (parent, count, nullable) in parents {
                match keys.get(parent.as_str()) {
                    Some(node) => match node.value {
                        Value::Int(id) if id >= 1 && id as usize <= *count => parent_ids.push(id),
                        _ => {
                            self.error(node.span, format!("`{parent}` must be the number of one of the {count} `{parent}` seed rows (1 to {count})"), "no such row", None);
                            ok = false;
                        }
                    },
                    None if *nullable => parent_ids.push(0),
                    None => {
                        self.error(row.span, format!("seed row {n} of `{resource}` does not say which `{parent}` it belongs to"), format!("missing `{parent}`"), Some(format!("add `{parent}: 1` to point at the first `{parent}` seed row")));
                        ok = false;
                    }
                }
            }
            out.push(Row { values, parent_ids });
        }
        ok.then_some(out)
    }

    fn fill_missing_seeds(&mut self, resources: &mut [Resource], spans: &[Span]) {
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
}

fn messages(broken: &[super::rules::Violation]) -> String {
    broken
        .iter()
        .map(|v| v.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// `a string`, `an integer`: a type name with its article.
fn a_type(ty: FieldType) -> String {
    let name = ty.name();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

fn type_article(ty: FieldType) -> String {
    match ty {
        FieldType::Integer => "an integer".into(),
        FieldType::Float => "a number".into(),
        FieldType::Bool => "`true` or `false`".into(),
        FieldType::Email => "an email address".into(),
        FieldType::Url => "a URL".into(),
        FieldType::Date => "a date (`2024-12-31`)".into(),
        FieldType::Datetime => "a date and time (`2024-12-31T20:00:00Z`)".into(),
        FieldType::String | FieldType::Text => "text".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every prefix of a valid spec is a malformed one: none of them may panic, and each
    /// either validates or reports at least one problem inside the text.
    #[test]
    fn truncated_specs_never_panic() {
        for source in [
            include_str!("../../specs/theater.yaml"),
            include_str!("../../specs/festival.yaml"),
        ] {
            for (end, _) in source.char_indices() {
                let prefix = &source[..end];
                if let Err(problems) = parse_and_validate(prefix) {
                    assert!(!problems.is_empty());
                    for problem in problems {
                        assert!(problem.span.offset + problem.span.len <= prefix.len());
                    }
                }
            }
        }
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        assert_eq!(suggest("strng", ["string", "text"]), Some("string"));
        assert_eq!(suggest("blob", ["string", "text"]), None);
    }
}
