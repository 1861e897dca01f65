//! The API tests: one binary (so it is linked once), one module per part of the app.

mod binary;
mod cast_members;
mod client;
mod cors;
mod db;
mod errors;
mod helpers;
mod openapi;
mod productions;
mod seed;
mod server;
