//! The runtime around the app: configuration, telemetry, the store adapters, the HTTP
//! router and start-up. `main.rs` is only the command line.
pub mod api_v1;
pub mod auth;
pub mod aws;
pub mod body_limit;
pub mod calendar;
pub mod cdn;
pub mod config;
pub mod dynamo_store;
pub mod embedded_store;
pub mod feeds;
pub mod form_errors;
pub mod index_keys;
pub mod lambda;
pub mod page_cache;
pub mod routes;
pub mod security_headers;
pub mod seed;
pub mod serve;
pub mod startup;
pub mod store_cursor;
pub mod telemetry;
pub mod transfer;
pub mod upkeep;
