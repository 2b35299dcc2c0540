//! The Fluent catalogs, compiled into the server binary.
use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

use super::{Arg, Lang};

fluent_templates::static_loader! {
    static CATALOG = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around values: our values are names and numbers in
        // the page's own direction, and the marks would end up in titles and emails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn language(lang: Lang) -> &'static LanguageIdentifier {
    static EN: std::sync::LazyLock<LanguageIdentifier> =
        std::sync::LazyLock::new(|| "en".parse().expect("a language tag"));
    static GA: std::sync::LazyLock<LanguageIdentifier> =
        std::sync::LazyLock::new(|| "ga".parse().expect("a language tag"));
    match lang {
        Lang::En => &EN,
        Lang::Ga => &GA,
    }
}

/// The message, or its id when a catalog lacks it (logged; `catalog_tests` fails on any
/// id the code uses that either catalog lacks).
pub fn message(lang: Lang, id: &'static str, args: &[(&'static str, Arg)]) -> String {
    let values: Option<HashMap<Cow<'static, str>, FluentValue<'static>>> =
        (!args.is_empty()).then(|| {
            args.iter()
                .map(|(name, arg)| {
                    let value = match arg {
                        Arg::Text(text) => FluentValue::from(text.clone()),
                        Arg::Number(n) => FluentValue::from(*n),
                    };
                    (Cow::Borrowed(*name), value)
                })
                .collect()
        });
    CATALOG
        .try_lookup_complete(language(lang), id, values.as_ref())
        .unwrap_or_else(|| {
            tracing::error!(id, lang = lang.code(), "message missing from the catalog");
            id.to_string()
        })
}
