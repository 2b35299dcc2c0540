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

#[component]
pub fn ModerationPage() -> impl IntoView {
    let query = use_query_map();
    let after = move || query.read().get("after").unwrap_or_default();
    let queue = Resource::new(after, moderation_queue);
    view! {
        <Title text="Moderation"/>
        <Meta name="robots" content="noindex"/>
        <h1>"Reports"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
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
    view! {
        {if reports.is_empty() {
            view! { <p class="empty">"No open reports."</p> }.into_any()
        } else {
            view! {
                <ol class="report-queue">
                    {reports.into_iter().map(|report| view! { <ReportItem report/> }).collect_view()}
                </ol>
            }
            .into_any()
        }}
        <nav class="more" aria-label="More reports">
            {(!first_page).then(|| view! { <a href="/moderation">"First reports"</a> })}
            {next_cursor.map(|cursor| {
                let href = format!(
                    "/moderation?after={}",
                    form_urlencoded::byte_serialize(cursor.as_bytes()).collect::<String>()
                );
                view! { <a href=href rel="next">"More reports"</a> }
            })}
        </nav>
        <section aria-labelledby="audit">
            <h2 id="audit" class="section-title">"What moderators did"</h2>
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
    let reported = if count == 1 {
        format!("reported by {reporter_name} · {when}")
    } else {
        format!("reported by {count} members, first by {reporter_name} · {when}")
    };
    let dismiss = if count == 1 {
        "Dismiss the report".to_string()
    } else {
        format!("Dismiss the {count} reports")
    };
    view! {
        <li class="report-item">
            <p><a href=href>{what}</a></p>
            <p class="review-head">{format!("{} · {reported}", reasons.join(", "))}</p>
            {(!details.is_empty()).then(|| view! { <p class="review-text">{details}</p> })}
            <PostForm action=ModerateCall::PATH class="moderate-form" buttons=vec![
                Button::new("Hide it", "Hiding…").sends("action", "hide"),
                Button::new(dismiss, "Dismissing…").sends("action", "dismiss").secondary(),
            ]>
                <input type="hidden" name="report_id" value=id/>
            </PostForm>
        </li>
    }
}
