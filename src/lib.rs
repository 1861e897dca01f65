//! syllabus: generates a web back-end course, starter and solution Axum + sqlx projects for
//! every lecture, from one YAML spec.
//!
//! The pipeline is parse → validate → plan → write: [`yaml`] and [`spec`] read and check the
//! spec, [`context`] and [`plan`] turn it into files (with [`render`], [`dialect`], [`naming`]
//! and [`lectures`]), and [`write`] is the only module that touches the disk. [`cli`] is the
//! command line; the binary in `main.rs` only owns the exit code. [`wrong_answers`] lists
//! typical mistakes in each exercise, which the generated tests must catch.

pub mod cli;
pub mod context;
pub mod diagnostics;
pub mod dialect;
pub mod diff;
pub mod error;
pub mod init;
pub mod lectures;
pub mod lock;
pub mod naming;
pub mod openapi;
pub mod plan;
pub mod postman;
pub mod render;
pub mod schemathesis;
pub mod spec;
pub mod write;
pub mod wrong_answers;
pub mod yaml;
