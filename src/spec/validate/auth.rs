//! The `auth:` section of a spec: reserved for lecture 7 (users, sessions, authorization
//! rules), and refused until it is validated here.
//!
//! Refusing it, rather than ignoring it, means a spec written for a later version does not
//! silently lose its rules.

use super::Checker;
use crate::yaml::Node;

impl Checker {
    /// Checks `auth:`, given the spec's entries (to point at the key) and the section itself.
    pub(super) fn auth(&mut self, entries: &[(Node, Node)], auth: &Node) {
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
}
