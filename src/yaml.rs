//! A YAML document as a tree of nodes that remember where they stand in the source.
//!
//! The spec is read in two steps: serde-saphyr parses the text into this tree (only YAML syntax
//! can fail here), then `spec::validate` walks the tree and reports every semantic problem at
//! once, each pointing at the node it concerns.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A byte range in the source text, the unit diagnostics point at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub offset: usize,
    pub len: usize,
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.offset, span.len).into()
    }
}

/// One YAML node and the place it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in source order; keys are nodes too, so that a bad key can be pointed at.
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// What the value is, in words a spec author knows.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar as the text it reads as (`1984` and `"1984"` both give `1984`).
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// Parses one YAML document.
pub fn parse(source: &str) -> Result<Node, serde_saphyr::Error> {
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
    };
    serde_saphyr::from_str_with_options(source, options)
}

fn span_of(location: &serde_saphyr::Location) -> Span {
    let span = location.span();
    Span {
        offset: span.byte_offset().unwrap_or(0) as usize,
        len: span.byte_len().unwrap_or(0) as usize,
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        Ok(Node {
            span: span_of(&spanned.referenced),
            value: spanned.value,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        i64::try_from(v)
            .map(Value::Int)
            .map_err(|_| E::custom(format!("integer {v} is too large")))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at<'a>(source: &'a str, node: &Node) -> &'a str {
        &source[node.span.offset..node.span.offset + node.span.len]
    }

    #[test]
    fn keys_and_values_keep_their_spans() {
        let source = "app: theater\nresources:\n  production:\n    fields:\n      title: string\n";
        let doc = parse(source).unwrap();
        let Value::Map(entries) = &doc.value else {
            panic!("expected a mapping, got {doc:?}");
        };
        assert_eq!(text_at(source, &entries[0].0), "app");
        assert_eq!(text_at(source, &entries[0].1), "theater");
        let Value::Map(resources) = &entries[1].1.value else {
            panic!("expected resources to be a mapping");
        };
        assert_eq!(text_at(source, &resources[0].0), "production");
    }

    #[test]
    fn scalars_keep_their_yaml_types() {
        let doc = parse("[1, 2.5, true, ~, text, '7']").unwrap();
        let Value::Seq(items) = doc.value else {
            panic!("expected a list");
        };
        let kinds: Vec<_> = items.iter().map(|n| n.value.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                Value::Int(1),
                Value::Float(2.5),
                Value::Bool(true),
                Value::Null,
                Value::Str("text".into()),
                Value::Str("7".into()),
            ]
        );
    }

    #[test]
    fn duplicate_keys_are_a_syntax_error() {
        assert!(parse("a: 1\na: 2\n").is_err());
    }
}
