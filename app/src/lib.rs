//! Seisiún: the product. Shared types, pages and components, server functions and,
//! behind the `ssr` feature, the ports the server's adapters implement.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod identity;
pub mod model;
#[cfg(feature = "ssr")]
pub mod origin;
pub mod pages;
mod shell;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod text;

pub use shell::{shell, App};
