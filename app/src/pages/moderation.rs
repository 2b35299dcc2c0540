//! `/moderation`: the open reports, oldest first, each with hide and dismiss; and the
//! audit trail of what moderators did. Moderators only.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::moderation::{moderation_queue, ModerateCall, ModerationQueue, QueuedReport};
use crate::components::{error_of, Alert};

#[component]
pub fn ModerationPage() -> impl IntoView {
    let action = ServerAction::<ModerateCall>::new();
    let queue = Resource::new(move || action.version().get(), |_| moderation_queue());
    let error = error_of(action);
    view! {
        <Title text="Moderation"/>
        <Meta name="robots" content="noindex"/>
        <h1>"Reports"</h1>
        <Alert message=error/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(queue) => view! { <QueueView queue action/> }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueView(queue: ModerationQueue, action: ServerAction<ModerateCall>) -> impl IntoView {
    let ModerationQueue { reports, log } = queue;
    view! {
        {if reports.is_empty() {
            view! { <p class="empty">"No open reports."</p> }.into_any()
        } else {
            view! {
                <ol class="report-queue">
                    {reports.into_iter().map(|report| view! { <ReportItem report action/> }).collect_view()}
                </ol>
            }
            .into_any()
        }}
        <section aria-labelledby="audit">
            <h2 id="audit" class="section-title">"What moderators did"</h2>
            <ol class="audit-log">{log.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ol>
        </section>
    }
}

#[component]
fn ReportItem(report: QueuedReport, action: ServerAction<ModerateCall>) -> impl IntoView {
    let QueuedReport {
        id,
        what,
        href,
        reason,
        details,
        reporter_name,
        when,
    } = report;
    view! {
        <li class="report-item">
            <p><a href=href>{what}</a></p>
            <p class="review-head">{format!("{reason} · reported by {reporter_name} · {when}")}</p>
            {(!details.is_empty()).then(|| view! { <p class="review-text">{details}</p> })}
            <ActionForm action attr:class="moderate-form">
                <input type="hidden" name="report_id" value=id/>
                <button type="submit" name="action" value="hide" class="button" disabled=move || action.pending().get()>"Hide it"</button>
                <button type="submit" name="action" value="dismiss" class="button secondary" disabled=move || action.pending().get()>"Dismiss the report"</button>
            </ActionForm>
        </li>
    }
}
