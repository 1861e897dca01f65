//! Spec problems rendered for people: the message, the source line with a label under the
//! offending text, its file, line and column, and a suggestion where there is one.

use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, NamedSource, SourceSpan};

use crate::spec::Problem;

/// One problem with the source it points into, in the form miette renders.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
struct Report {
    message: String,
    #[source_code]
    src: NamedSource<Arc<String>>,
    #[label("{label}")]
    span: SourceSpan,
    label: String,
    #[help]
    help: Option<String>,
}

/// Every problem of one spec file.
#[derive(Debug)]
pub struct SpecErrors {
    pub path: String,
    pub source: Arc<String>,
    pub problems: Vec<Problem>,
}

impl SpecErrors {
    /// Renders every problem, then a one-line count. `color` adds ANSI styling.
    pub fn render(&self, color: bool) -> String {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
        let mut out = String::new();
        for problem in &self.problems {
            let report = Report {
                message: problem.message.clone(),
                src: NamedSource::new(&self.path, Arc::clone(&self.source)),
                span: problem.span.into(),
                label: problem.label.clone(),
                help: problem.help.clone(),
            };
            // Writing into a String cannot fail.
            let _ = handler.render_report(&mut out, &report);
        }
        let count = self.problems.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        out.push_str(&format!("error: {} has {count} {noun}\n", self.path));
        out
    }
}
