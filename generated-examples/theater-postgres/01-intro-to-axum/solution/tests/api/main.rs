//! The API tests: one binary (so it is linked once), one module per part of the app.

mod binary;
mod cast_members;
mod helpers;
mod pages;
mod productions;
mod server;
