//! Signing up, confirming, signing in and out, resetting a password, and the member's
//! own page. Plain forms that work without JavaScript; enhanced (`PostForm`), they post in
//! the background and show what went wrong next to the form, keeping what was typed.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::api::account::{
    current_member, ConfirmAccountCall, RequestPasswordResetCall, ResendCodeCall,
    ResetPasswordCall, SignInCall, SignOutCall, SignUpCall, UpdateProfileCall,
};
use crate::components::{Button, PostForm};

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
    view! {
        <FormPage title="Join Seisiún" description="Make an account to add sessions and write reviews.">
            <PostForm action=SignUpCall::PATH buttons=vec![Button::new("Create account", "Creating your account…")]>
                <label for="name">"Your name (shown on reviews)"</label>
                <input id="name" name="name" autocomplete="nickname" required maxlength="60"/>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required/>
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8"/>
                <p class="hint">"At least 8 characters, with upper- and lower-case letters and a digit."</p>
            </PostForm>
            <p>"Already a member? " <a href="/account/sign-in">"Sign in"</a></p>
        </FormPage>
    }
}

#[component]
pub fn ConfirmPage() -> impl IntoView {
    let email = query("email");
    let resent = query("resent");
    let resent = (!resent().is_empty()).then_some("We sent a new code.");
    view! {
        <FormPage title="Confirm your email" description="Enter the code we emailed you.">
            <PostForm action=ConfirmAccountCall::PATH buttons=vec![Button::new("Confirm", "Confirming…")]>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required value=email()/>
                <label for="code">"Code from the email"</label>
                <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required/>
            </PostForm>
            <PostForm action=ResendCodeCall::PATH buttons=vec![Button::new("Send a new code", "Sending…").secondary()]>
                <input type="hidden" name="email" value=email()/>
            </PostForm>
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
    view! {
        <FormPage title="Sign in" description="Sign in to add sessions and write reviews.">
            <p role="status">{notice}</p>
            <PostForm action=SignInCall::PATH buttons=vec![Button::new("Sign in", "Signing in…")]>
                <input type="hidden" name="next" value=next()/>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required/>
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
            </PostForm>
            <p><a href="/account/forgot">"Forgot your password?"</a></p>
            <p>"New here? " <a href="/account/sign-up">"Join Seisiún"</a></p>
        </FormPage>
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    view! {
        <FormPage title="Reset your password" description="We email you a code to choose a new password.">
            <PostForm action=RequestPasswordResetCall::PATH buttons=vec![Button::new("Email me a code", "Sending…")]>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required/>
            </PostForm>
        </FormPage>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let email = query("email");
    view! {
        <FormPage title="Choose a new password" description="Enter the code we emailed you and a new password.">
            <p>"If that email has an account, we have sent it a code."</p>
            <PostForm action=ResetPasswordCall::PATH buttons=vec![Button::new("Change password", "Changing it…")]>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required value=email()/>
                <label for="code">"Code from the email"</label>
                <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required/>
                <label for="password">"New password"</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8"/>
            </PostForm>
        </FormPage>
    }
}

/// `/account`: who you are signed in as, the name on your reviews, signing out, and the
/// member's bookmarks, reviews, sessions and calendar link.
#[component]
pub fn AccountPage() -> impl IntoView {
    let member = Resource::new(|| (), |_| current_member());
    let saved = query("saved");
    let saved = (!saved().is_empty()).then_some("Your name is saved.");
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
                        <PostForm action=UpdateProfileCall::PATH buttons=vec![Button::new("Save name", "Saving…")]>
                            <label for="name">"Name shown on your reviews"</label>
                            <input id="name" name="name" autocomplete="nickname" required maxlength="60" value=m.name.clone()/>
                            <p role="status">{saved}</p>
                        </PostForm>
                        <PostForm action=SignOutCall::PATH buttons=vec![Button::new("Sign out", "Signing out…")]>
                            ""
                        </PostForm>
                        <PostForm action=SignOutCall::PATH buttons=vec![
                            Button::new("Sign out on every device", "Signing out…").secondary(),
                        ]>
                            <input type="hidden" name="everywhere" value="true"/>
                            <p class="hint">
                                "At once, no other device can write, review or bookmark as you, and none can stay signed in past its next renewal. "
                                "A page already open elsewhere may still show your name until it is reloaded, for at most an hour. "
                                "Changing your password does the same."
                            </p>
                        </PostForm>
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
