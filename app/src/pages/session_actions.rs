//! What a member can do on a session page. The actions live above the page's data, so
//! the page reads the session again after one lands (and only then: a failed save keeps
//! the form as the member left it).
use leptos::prelude::*;

use crate::api::confirm::ConfirmSessionCall;
use crate::api::review::{DeleteReviewCall, SaveReviewCall};

#[derive(Clone, Copy)]
pub struct SessionActions {
    pub save: ServerAction<SaveReviewCall>,
    pub delete: ServerAction<DeleteReviewCall>,
    pub confirm: ServerAction<ConfirmSessionCall>,
}

impl SessionActions {
    pub fn new() -> Self {
        Self {
            save: ServerAction::new(),
            delete: ServerAction::new(),
            confirm: ServerAction::new(),
        }
    }

    /// Changes each time one of the actions succeeds.
    pub fn landed(self) -> Signal<u32> {
        let landed = RwSignal::new(0u32);
        Effect::new(move |_| {
            let saved = matches!(self.save.value().get(), Some(Ok(_)));
            let deleted = matches!(self.delete.value().get(), Some(Ok(_)));
            let confirmed = matches!(self.confirm.value().get(), Some(Ok(_)));
            if saved || deleted || confirmed {
                landed.update(|n| *n += 1);
            }
        });
        landed.into()
    }
}
