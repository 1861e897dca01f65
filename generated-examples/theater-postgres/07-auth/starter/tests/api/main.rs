//! The API tests: one binary (so it is linked once), one module per part of the app.

mod access;
mod auth;
mod binary;
mod cast_members;
mod client;
mod cors;
mod csrf;
mod db;
mod errors;
mod helpers;
mod openapi;
mod password;
mod productions;
mod seed;
mod server;
mod throttle;
