//! `/moderation`: the open reports, one entry per reported session or review (however
//! many members reported it), the longest waiting first, each with hide and dismiss;
//! paged by a plain link (`?after=…`), so it works without JavaScript; and the audit
//! trail of what moderators did. Moderators only.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::api::moderation::{moderation_queue, ModerateCall, ModerationQueue, QueuedReport};
use crate::components::{Button, PostForm};
use crate::t;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let query = use_query_map();
    let after = move || query.read().get("after").unwrap_or_default();
    let queue = Resource::new(after, moderation_queue);
    let lang = crate::i18n::use_lang();
    view! {
        <Title text=t!(lang, "moderation")/>
        <Meta name="robots" content="noindex"/>
        <h1>{t!(lang, "reports")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t!(lang, "loading")}</p> }>
            {move || Suspend::new(async move {
                let first_page = after().is_empty();
                match queue.await {
                    Ok(queue) => view! { <QueueView queue first_page/> }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueView(queue: ModerationQueue, first_page: bool) -> impl IntoView {
    let ModerationQueue {
        reports,
        next_cursor,
        log,
    } = queue;
    let lang = crate::i18n::use_lang();
    view! {
        {if reports.is_empty() {
            view! { <p class="empty">{t!(lang, "no-open-reports")}</p> }.into_any()
        } else {
            view! {
                <ol class="report-queue">
                    {reports.into_iter().map(|report| view! { <ReportItem report/> }).collect_view()}
                </ol>
            }
            .into_any()
        }}
        <nav class="more" aria-label=t!(lang, "more-reports")>
            {(!first_page).then(|| view! { <a href=lang.path("/moderation")>{t!(lang, "first-reports")}</a> })}
            {next_cursor.map(|cursor| {
                let href = lang.path(&format!(
                    "/moderation?after={}",
                    form_urlencoded::byte_serialize(cursor.as_bytes()).collect::<String>()
                ));
                view! { <a href=href rel="next">{t!(lang, "more-reports")}</a> }
            })}
        </nav>
        <section aria-labelledby="audit">
            <h2 id="audit" class="section-title">{t!(lang, "moderators-did")}</h2>
            <ol class="audit-log">{log.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ol>
        </section>
    }
}

#[component]
fn ReportItem(report: QueuedReport) -> impl IntoView {
    let QueuedReport {
        id,
        what,
        href,
        count,
        reasons,
        details,
        reporter_name,
        when,
    } = report;
    let lang = crate::i18n::use_lang();
    let reported = t!(
        lang,
        "reported-by",
        count = count,
        name = reporter_name,
        when = when
    );
    let dismiss = t!(lang, "dismiss-reports", count = count);
    view! {
        <li class="report-item">
            <p><a href=lang.path(&href)>{what}</a></p>
            <p class="review-head">{format!("{} · {reported}", reasons.join(", "))}</p>
            {(!details.is_empty()).then(|| view! { <p class="review-text">{details}</p> })}
            <PostForm action=ModerateCall::PATH class="moderate-form" buttons=vec![
                Button::new(t!(lang, "hide-it"), t!(lang, "hiding")).sends("action", "hide"),
                Button::new(dismiss, t!(lang, "dismissing")).sends("action", "dismiss").secondary(),
            ]>
                <input type="hidden" name="report_id" value=id/>
            </PostForm>
        </li>
    }
}
