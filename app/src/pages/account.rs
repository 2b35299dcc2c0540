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
use crate::t;

fn query(name: &'static str) -> impl Fn() -> String + Copy {
    let query = use_query_map();
    move || query.read().get(name).unwrap_or_default()
}

#[component]
fn FormPage(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    children: Children,
) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
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
    let lang = crate::i18n::use_lang();
    view! {
        <FormPage title=t!(lang, "sign-up-title") description=t!(lang, "sign-up-description")>
            <PostForm action=SignUpCall::PATH buttons=vec![Button::new(t!(lang, "create-account"), t!(lang, "creating-account"))]>
                <label for="name">{t!(lang, "your-name-on-reviews")}</label>
                <input id="name" name="name" autocomplete="nickname" required maxlength="60"/>
                <label for="email">{t!(lang, "email")}</label>
                <input id="email" name="email" type="email" autocomplete="email" required/>
                <label for="password">{t!(lang, "password")}</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8"/>
                <p class="hint">{t!(lang, "password-hint")}</p>
            </PostForm>
            <p>{t!(lang, "already-member")}" " <a href=lang.path("/account/sign-in")>{t!(lang, "nav-sign-in")}</a></p>
        </FormPage>
    }
}

#[component]
pub fn ConfirmPage() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let email = query("email");
    let resent = query("resent");
    let resent = (!resent().is_empty()).then(|| t!(lang, "code-resent"));
    view! {
        <FormPage title=t!(lang, "confirm-title") description=t!(lang, "confirm-description")>
            <PostForm action=ConfirmAccountCall::PATH buttons=vec![Button::new(t!(lang, "confirm"), t!(lang, "confirming"))]>
                <label for="email">{t!(lang, "email")}</label>
                <input id="email" name="email" type="email" autocomplete="email" required value=email()/>
                <label for="code">{t!(lang, "code-from-email")}</label>
                <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required/>
            </PostForm>
            <PostForm action=ResendCodeCall::PATH buttons=vec![Button::new(t!(lang, "send-new-code"), t!(lang, "sending")).secondary()]>
                <input type="hidden" name="email" value=email()/>
            </PostForm>
            <p role="status">{resent}</p>
        </FormPage>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let next = query("next");
    let notice = {
        let query = use_query_map();
        move || {
            let query = query.read();
            if query.get("confirmed").is_some() {
                Some(t!(lang, "email-confirmed"))
            } else if query.get("reset").is_some() {
                Some(t!(lang, "password-changed"))
            } else {
                None
            }
        }
    };
    view! {
        <FormPage title=t!(lang, "nav-sign-in") description=t!(lang, "sign-in-description")>
            <p role="status">{notice}</p>
            <PostForm action=SignInCall::PATH buttons=vec![Button::new(t!(lang, "nav-sign-in"), t!(lang, "signing-in"))]>
                <input type="hidden" name="next" value=next()/>
                <label for="email">{t!(lang, "email")}</label>
                <input id="email" name="email" type="email" autocomplete="email" required/>
                <label for="password">{t!(lang, "password")}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
            </PostForm>
            <p><a href=lang.path("/account/forgot")>{t!(lang, "forgot-password")}</a></p>
            <p>{t!(lang, "new-here")}" " <a href=lang.path("/account/sign-up")>{t!(lang, "sign-up-title")}</a></p>
        </FormPage>
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    view! {
        <FormPage title=t!(lang, "forgot-title") description=t!(lang, "forgot-description")>
            <PostForm action=RequestPasswordResetCall::PATH buttons=vec![Button::new(t!(lang, "email-me-code"), t!(lang, "sending"))]>
                <label for="email">{t!(lang, "email")}</label>
                <input id="email" name="email" type="email" autocomplete="email" required/>
            </PostForm>
        </FormPage>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let email = query("email");
    view! {
        <FormPage title=t!(lang, "reset-title") description=t!(lang, "reset-description")>
            <p>{t!(lang, "reset-sent")}</p>
            <PostForm action=ResetPasswordCall::PATH buttons=vec![Button::new(t!(lang, "change-password"), t!(lang, "changing-password"))]>
                <label for="email">{t!(lang, "email")}</label>
                <input id="email" name="email" type="email" autocomplete="email" required value=email()/>
                <label for="code">{t!(lang, "code-from-email")}</label>
                <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required/>
                <label for="password">{t!(lang, "new-password")}</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8"/>
            </PostForm>
        </FormPage>
    }
}

/// `/account`: who you are signed in as, the name on your reviews, signing out, and the
/// member's bookmarks, reviews, sessions and calendar link.
#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let member = Resource::new(|| (), |_| current_member());
    let saved = query("saved");
    let saved = (!saved().is_empty()).then(|| t!(lang, "name-saved"));
    view! {
        <Title text=t!(lang, "your-account")/>
        <Meta name="robots" content="noindex"/>
        <h1>{t!(lang, "your-account")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t!(lang, "loading")}</p> }>
            {move || { let saved = saved.clone(); Suspend::new(async move {
                match member.await {
                    Ok(Some(m)) => view! {
                        <p class="member-name">{t!(lang, "signed-in-as", name = &m.name)}</p>
                        <p>{m.email.clone()}</p>
                        {m.is_moderator().then(|| view! {
                            <p class="tag">{t!(lang, "moderator")}</p>
                            <p><a class="button secondary" href=lang.path("/moderation")>{t!(lang, "open-report-queue")}</a></p>
                        })}
                        <PostForm action=UpdateProfileCall::PATH buttons=vec![Button::new(t!(lang, "save-name"), t!(lang, "saving"))]>
                            <label for="name">{t!(lang, "name-on-reviews")}</label>
                            <input id="name" name="name" autocomplete="nickname" required maxlength="60" value=m.name.clone()/>
                            <p role="status">{saved}</p>
                        </PostForm>
                        <PostForm action=SignOutCall::PATH buttons=vec![Button::new(t!(lang, "sign-out"), t!(lang, "signing-out"))]>
                            ""
                        </PostForm>
                        <PostForm action=SignOutCall::PATH buttons=vec![
                            Button::new(t!(lang, "sign-out-everywhere"), t!(lang, "signing-out")).secondary(),
                        ]>
                            <input type="hidden" name="everywhere" value="true"/>
                            <p class="hint">{t!(lang, "sign-out-everywhere-hint")}</p>
                        </PostForm>
                        <super::my_things::MyThingsSection/>
                    }.into_any(),
                    Ok(None) => view! {
                        <p>{t!(lang, "not-signed-in")}</p>
                        <p><a class="button" href=lang.path(&format!("/account/sign-in?next={}", lang.path("/account")))>{t!(lang, "nav-sign-in")}</a></p>
                    }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.message}</p> }.into_any(),
                }
            })}}
        </Suspense>
    }
}
