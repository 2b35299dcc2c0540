//! Every integration test that runs the app in-process, as one test binary (one link of
//! the app instead of one per file, one moto per run). Each file is a module named for what
//! it covers; `common` starts the app, `accounts` signs members in, `moto` stands in for AWS.
//! Kept apart, as they must be: `binary.rs` (the built binary) and `lambda_runtime.rs` (the
//! Lambda emulator).
mod accounts;
mod common;
mod moto;

mod api_schema_fuzz;
mod cognito_accounts;
mod dynamo_budgets;
mod dynamo_scale;
mod dynamo_site;
mod dynamo_store_contract;
mod embedded_store_contract;
mod http_accounts;
mod http_api;
mod http_bookmarks;
mod http_cdn;
mod http_feeds;
mod http_find;
mod http_follows;
mod http_freshness;
mod http_hardening;
mod http_languages;
mod http_limits;
mod http_list_map;
mod http_moderation;
mod http_one_offs;
mod http_page_cache;
mod http_pages;
mod http_places;
mod http_reviews;
mod http_session;
mod http_session_form;
mod http_tonight;
mod infra_template;
mod local_identity;
mod seed_command;
mod ses_mail;
mod store_down;
mod transfer;
