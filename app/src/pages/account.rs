//! Signing up, confirming, signing in and out, resetting a password, and the member's
//! own page. Plain forms that work without JavaScript; hydrated, they post in place and
//! show what went wrong next to the form.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::api::account::{
    current_member, ConfirmAccountCall, RequestPasswordResetCall, ResendCodeCall,
    ResetPasswordCall, SignInCall, SignOutCall, SignUpCall, UpdateProfileCall,
};
use crate::components::{error_of, Alert};

fn query(name: &'static str) -> impl Fn() -> String + Copy {
    let query = use_query_map();
    move || query.read().get(name).unwrap_or_default()
}

#[component]
fn FormPage(title: &'static str, description: &'static str, children: Children) -> impl IntoView {
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
        <Meta name="robots" content="noindex"/>
        <section class="account-form">
            <h1>{title}</h1>
            {children()}
        </section>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUpCall>::new();
    let error = error_of(action);
    view! {
        <FormPage title="Join Seisiún" description="Make an account to add sessions and write reviews.">
            <ActionForm action>
                <label for="name">"Your name (shown on reviews)"</label>
                <input id="name" name="name" autocomplete="nickname" required maxlength="60"/>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required/>
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8"/>
                <p class="hint">"At least 8 characters, with upper- and lower-case letters and a digit."</p>
                <Alert message=error/>
                <button type="submit" class="button">"Create account"</button>
            </ActionForm>
            <p>"Already a member? " <a href="/account/sign-in">"Sign in"</a></p>
        </FormPage>
    }
}

#[component]
pub fn ConfirmPage() -> impl IntoView {
    let email = query("email");
    let confirm = ServerAction::<ConfirmAccountCall>::new();
    let resend = ServerAction::<ResendCodeCall>::new();
    let error = error_of(confirm);
    let resent =
        move || matches!(resend.value().get(), Some(Ok(()))).then_some("We sent a new code.");
    view! {
        <FormPage title="Confirm your email" description="Enter the code we emailed you.">
            <ActionForm action=confirm>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required prop:value=email/>
                <label for="code">"Code from the email"</label>
                <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required/>
                <Alert message=error/>
                <button type="submit" class="button">"Confirm"</button>
            </ActionForm>
            <ActionForm action=resend>
                <input type="hidden" name="email" prop:value=email/>
                <button type="submit" class="button secondary">"Send a new code"</button>
            </ActionForm>
            <p role="status">{resent}</p>
        </FormPage>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let next = query("next");
    let notice = {
        let query = use_query_map();
        move || {
            let query = query.read();
            if query.get("confirmed").is_some() {
                Some("Your email is confirmed. Sign in to carry on.")
            } else if query.get("reset").is_some() {
                Some("Your password is changed. Sign in with the new one.")
            } else {
                None
            }
        }
    };
    let action = ServerAction::<SignInCall>::new();
    let error = error_of(action);
    view! {
        <FormPage title="Sign in" description="Sign in to add sessions and write reviews.">
            <p role="status">{notice}</p>
            <ActionForm action>
                <input type="hidden" name="next" prop:value=next/>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required/>
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
                <Alert message=error/>
                <button type="submit" class="button">"Sign in"</button>
            </ActionForm>
            <p><a href="/account/forgot">"Forgot your password?"</a></p>
            <p>"New here? " <a href="/account/sign-up">"Join Seisiún"</a></p>
        </FormPage>
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordResetCall>::new();
    let error = error_of(action);
    view! {
        <FormPage title="Reset your password" description="We email you a code to choose a new password.">
            <ActionForm action>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required/>
                <Alert message=error/>
                <button type="submit" class="button">"Email me a code"</button>
            </ActionForm>
        </FormPage>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let email = query("email");
    let action = ServerAction::<ResetPasswordCall>::new();
    let error = error_of(action);
    view! {
        <FormPage title="Choose a new password" description="Enter the code we emailed you and a new password.">
            <p>"If that email has an account, we have sent it a code."</p>
            <ActionForm action>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required prop:value=email/>
                <label for="code">"Code from the email"</label>
                <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required/>
                <label for="password">"New password"</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8"/>
                <Alert message=error/>
                <button type="submit" class="button">"Change password"</button>
            </ActionForm>
        </FormPage>
    }
}

/// `/account`: who you are signed in as, the name on your reviews, signing out, and the
/// member's bookmarks, reviews, sessions and calendar link.
#[component]
pub fn AccountPage() -> impl IntoView {
    let update = ServerAction::<UpdateProfileCall>::new();
    let member = Resource::new(move || update.version().get(), |_| current_member());
    let sign_out = ServerAction::<SignOutCall>::new();
    let update_error = error_of(update);
    let saved = query("saved");
    let saved = move || {
        (!saved().is_empty() || matches!(update.value().get(), Some(Ok(_))))
            .then_some("Your name is saved.")
    };
    view! {
        <Title text="Your account"/>
        <Meta name="robots" content="noindex"/>
        <h1>"Your account"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match member.await {
                    Ok(Some(m)) => view! {
                        <p class="member-name">{format!("Signed in as {}", m.name)}</p>
                        <p>{m.email.clone()}</p>
                        {m.is_moderator().then(|| view! {
                            <p class="tag">"Moderator"</p>
                            <p><a class="button secondary" href="/moderation">"Open the report queue"</a></p>
                        })}
                        <ActionForm action=update>
                            <label for="name">"Name shown on your reviews"</label>
                            <input id="name" name="name" autocomplete="nickname" required maxlength="60" prop:value=m.name.clone()/>
                            <Alert message=update_error/>
                            <p role="status">{saved}</p>
                            <button type="submit" class="button">"Save name"</button>
                        </ActionForm>
                        <ActionForm action=sign_out>
                            <button type="submit" class="button">"Sign out"</button>
                        </ActionForm>
                        <ActionForm action=sign_out>
                            <input type="hidden" name="everywhere" value="true"/>
                            <button type="submit" class="button secondary">"Sign out on every device"</button>
                            <p class="hint">
                                "At once, no other device can write, review or bookmark as you, and none can stay signed in past its next renewal. "
                                "A page already open elsewhere may still show your name until it is reloaded, for at most an hour. "
                                "Changing your password does the same."
                            </p>
                        </ActionForm>
                        <super::my_things::MyThingsSection/>
                    }.into_any(),
                    Ok(None) => view! {
                        <p>"You are not signed in."</p>
                        <p><a class="button" href="/account/sign-in?next=/account">"Sign in"</a></p>
                    }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
