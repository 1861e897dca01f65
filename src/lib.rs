pub mod diagnostics;
pub mod dialect;
pub mod error;
pub mod lectures;
pub mod naming;
pub mod spec;
pub mod yaml;
