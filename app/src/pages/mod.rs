//! One module per page.
mod account;
mod found;
mod home;
mod moderation;
mod my_things;
mod not_found;
mod place;
mod session;
mod session_actions;
mod session_form;
mod session_reviews;

pub use account::{AccountPage, ConfirmPage, ForgotPage, ResetPage, SignInPage, SignUpPage};
pub use found::{NearPage, SearchPage};
pub use home::HomePage;
pub use moderation::ModerationPage;
pub use not_found::NotFoundPage;
pub use place::PlacePage;
pub use session::SessionPage;
pub use session_form::{AddSessionPage, EditSessionPage};
