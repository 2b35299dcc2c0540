//! Reusable pieces of the interface.
mod breadcrumbs;
pub(crate) mod browser;
mod filter_bar;
mod form_alert;
mod missing_notice;
mod near_me_button;
mod page_meta;
mod paged_sessions;
mod post_form;
mod search_form;
mod session_card;
mod session_map;
mod share_button;

pub use breadcrumbs::Breadcrumbs;
pub use browser::{go, revive_forms_after_back};
pub use filter_bar::FilterBar;
pub use form_alert::{error_of, Alert};
pub use missing_notice::MissingNotice;
pub use near_me_button::{locate, near_href, NearMeButton};
pub use page_meta::PageMeta;
pub use paged_sessions::{PagedSessions, LIST_ID};
pub use post_form::{refused_by, Button, PostForm};
pub use search_form::SearchForm;
pub use session_card::SessionCard;
pub use session_map::SessionMap;
pub use share_button::ShareButton;
