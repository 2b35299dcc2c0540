//! Fixed sets of things in words.
use super::Lang;
use crate::t;

/// A kind of session in words: "Set dancing" / "Damhsa seit". One message per tag (not a
/// select), so the browser can say it too (the form's preview).
pub fn tag_label(lang: Lang, tag: crate::model::Tag) -> String {
    use crate::model::Tag;
    match tag {
        Tag::Open => t!(lang, "tag-open"),
        Tag::Slow => t!(lang, "tag-slow"),
        Tag::BeginnerFriendly => t!(lang, "tag-beginner-friendly"),
        Tag::Advanced => t!(lang, "tag-advanced"),
        Tag::Singing => t!(lang, "tag-singing"),
        Tag::SetDancing => t!(lang, "tag-set-dancing"),
        Tag::WheelchairAccessible => t!(lang, "tag-wheelchair-accessible"),
        Tag::FamilyFriendly => t!(lang, "tag-family-friendly"),
        Tag::Online => t!(lang, "tag-online"),
    }
}
