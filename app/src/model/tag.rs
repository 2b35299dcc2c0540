use serde::{Deserialize, Serialize};

/// What kind of session it is, as musicians describe them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tag {
    Open,
    Slow,
    BeginnerFriendly,
    Advanced,
    Singing,
    SetDancing,
    WheelchairAccessible,
    FamilyFriendly,
    Online,
}

impl Tag {
    pub const ALL: [Tag; 9] = [
        Tag::Open,
        Tag::Slow,
        Tag::BeginnerFriendly,
        Tag::Advanced,
        Tag::Singing,
        Tag::SetDancing,
        Tag::WheelchairAccessible,
        Tag::FamilyFriendly,
        Tag::Online,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tag::Open => "Open",
            Tag::Slow => "Slow",
            Tag::BeginnerFriendly => "Beginner-friendly",
            Tag::Advanced => "Advanced",
            Tag::Singing => "Singing",
            Tag::SetDancing => "Set dancing",
            Tag::WheelchairAccessible => "Wheelchair accessible",
            Tag::FamilyFriendly => "Family-friendly",
            Tag::Online => "Online",
        }
    }
}
