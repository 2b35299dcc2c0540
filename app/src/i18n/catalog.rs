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
    lookup(lang, id, values)
}

fn lookup(
    lang: Lang,
    id: &'static str,
    values: Option<HashMap<Cow<'static, str>, FluentValue<'static>>>,
) -> String {
    CATALOG
        .try_lookup_complete(language(lang), id, values.as_ref())
        .unwrap_or_else(|| {
            tracing::error!(id, lang = lang.code(), "message missing from the catalog");
            id.to_string()
        })
}

/// The values each message takes (`{ $name }`), read once from the catalogs' source.
fn variables() -> &'static HashMap<(Lang, String), Vec<String>> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    static VARIABLES: std::sync::LazyLock<HashMap<(Lang, String), Vec<String>>> =
        std::sync::LazyLock::new(|| {
            fn collect(pattern: &Pattern<&str>, out: &mut Vec<String>) {
                for element in &pattern.elements {
                    if let PatternElement::Placeable { expression } = element {
                        expression_variables(expression, out);
                    }
                }
            }
            fn expression_variables(expression: &Expression<&str>, out: &mut Vec<String>) {
                match expression {
                    Expression::Inline(inline) => inline_variables(inline, out),
                    Expression::Select { selector, variants } => {
                        inline_variables(selector, out);
                        for variant in variants {
                            collect(&variant.value, out);
                        }
                    }
                }
            }
            fn inline_variables(inline: &InlineExpression<&str>, out: &mut Vec<String>) {
                match inline {
                    InlineExpression::VariableReference { id }
                        if !out.iter().any(|name| name == id.name) =>
                    {
                        out.push(id.name.to_string());
                    }
                    InlineExpression::Placeable { expression } => {
                        expression_variables(expression, out)
                    }
                    _ => {}
                }
            }
            let mut all = HashMap::new();
            for (lang, source) in [
                (Lang::En, include_str!("../../locales/en/main.ftl")),
                (Lang::Ga, include_str!("../../locales/ga/main.ftl")),
            ] {
                let resource = match fluent_syntax::parser::parse(source) {
                    Ok(resource) | Err((resource, _)) => resource,
                };
                for entry in &resource.body {
                    if let Entry::Message(message) = entry {
                        let mut names = Vec::new();
                        if let Some(pattern) = &message.value {
                            collect(pattern, &mut names);
                        }
                        all.insert((lang, message.id.name.to_string()), names);
                    }
                }
            }
            all
        });
    &VARIABLES
}

/// The message with each value left as `{ $name }`, for the browser to fill in
/// (`IslandWords`): islands' words take values but never choose a form by them. Every
/// page carries these, so they are worked out once, at first use, not per render.
pub fn template(lang: Lang, id: &'static str) -> String {
    static TEMPLATES: std::sync::LazyLock<HashMap<(Lang, &'static str), String>> =
        std::sync::LazyLock::new(|| {
            Lang::ALL
                .into_iter()
                .flat_map(|lang| {
                    super::ISLAND_WORDS
                        .iter()
                        .chain(super::FORM_WORDS)
                        .map(move |id| ((lang, *id), fill_later(lang, id)))
                })
                .collect()
        });
    TEMPLATES
        .get(&(lang, id))
        .cloned()
        .unwrap_or_else(|| fill_later(lang, id))
}

fn fill_later(lang: Lang, id: &'static str) -> String {
    let values: HashMap<Cow<'static, str>, FluentValue<'static>> = variables()
        .get(&(lang, id.to_string()))
        .into_iter()
        .flatten()
        .map(|name| {
            (
                Cow::Owned(name.clone()),
                FluentValue::from(format!("{{ ${name} }}")),
            )
        })
        .collect();
    lookup(lang, id, (!values.is_empty()).then_some(values))
}
