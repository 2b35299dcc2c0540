//! Every form that writes: a plain form post that works without JavaScript (the server
//! answers with a redirect, or with the error in the URL), enhanced once the page's
//! islands have loaded. Enhanced, it posts in the background, disables the buttons and
//! shows the pressed one's busy label until the answer, shows a refusal beside the
//! buttons with everything typed left in place, and on success goes where the server
//! says. One small island serves every such form.
use leptos::prelude::*;

/// A submit button of a [`PostForm`]: its label, and the label while the post is on its way.
#[derive(Clone, Debug, PartialEq)]
pub struct Button {
    pub label: String,
    pub busy: String,
    /// `name=value` sent with the form when this button is the one pressed.
    pub pair: Option<(String, String)>,
    pub secondary: bool,
}

impl Button {
    pub fn new(label: impl Into<String>, busy: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            busy: busy.into(),
            pair: None,
            secondary: false,
        }
    }

    pub fn secondary(self) -> Self {
        Self {
            secondary: true,
            ..self
        }
    }

    pub fn sends(self, name: &str, value: &str) -> Self {
        Self {
            pair: Some((name.into(), value.into())),
            ..self
        }
    }
}

/// A form posting to the server function at `action` (its `ServerFn::PATH`), with
/// `children` as its fields. A refusal of a plain post (the signed `__err` the server
/// put in the URL) is shown where an enhanced post's refusal would be.
#[component]
pub fn PostForm(
    action: &'static str,
    buttons: Vec<Button>,
    #[prop(optional, into)] class: String,
    children: Children,
) -> impl IntoView {
    let refused = refused_by(action);
    let hide_alert = refused.is_none();
    let buttons = buttons
        .into_iter()
        .map(|button| {
            let Button {
                label,
                busy,
                pair,
                secondary,
            } = button;
            let (name, value) = pair.unzip();
            view! {
                <button
                    type="submit"
                    class=if secondary { "button secondary" } else { "button" }
                    name=name
                    value=value
                    data-busy=busy
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <EnhancedForm>
            <form method="post" action=action class=class>
                {children()}
                <p class="error" role="alert" hidden=hide_alert>{refused}</p>
                <div class="form-actions">{buttons}</div>
            </form>
        </EnhancedForm>
    }
}

/// The message of a plain post to `action` that the server refused, from the URL.
pub fn refused_by(action: &str) -> Option<String> {
    use leptos::server_fn::error::ServerFnUrlError;
    let posted = use_context::<leptos::server::ServerActionError>()?;
    (posted.path() == action)
        .then(|| ServerFnUrlError::<crate::error::AppError>::decode_err(posted.err()).message)
}

/// Posts the form inside it in the background (submit events bubble up to here).
#[island]
fn EnhancedForm(children: Children) -> impl IntoView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use crate::components::browser;
            let Some((post, form, pressed)) = browser::take_over(&ev) else {
                return;
            };
            browser::set_buttons_disabled(&form, true);
            let label = pressed.as_ref().map(|b| {
                let label = b.text_content();
                // Kept on the button too, for a page brought back by the Back button.
                let _ = b.set_attribute("data-label", label.as_deref().unwrap_or_default());
                b.set_text_content(b.get_attribute("data-busy").as_deref());
                label
            });
            browser::alert(&form, None);
            leptos::task::spawn_local(async move {
                match browser::send(post, &browser::target(&form)).await {
                    // The buttons stay disabled until the browser has left the page.
                    Ok(next) => browser::go(next.as_deref()),
                    Err(message) => {
                        if let (Some(button), Some(label)) = (pressed, label) {
                            button.set_text_content(label.as_deref());
                            let _ = button.remove_attribute("data-label");
                        }
                        browser::set_buttons_disabled(&form, false);
                        browser::alert(&form, Some(&message));
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! { <div class="enhanced" on:submit=on_submit>{children()}</div> }
}
