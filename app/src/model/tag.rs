use serde::{Deserialize, Serialize};

/// What kind of session it is, as musicians describe them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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

    /// The URL and JSON form, e.g. `beginner-friendly`.
    pub fn slug(self) -> &'static str {
        match self {
            Tag::Open => "open",
            Tag::Slow => "slow",
            Tag::BeginnerFriendly => "beginner-friendly",
            Tag::Advanced => "advanced",
            Tag::Singing => "singing",
            Tag::SetDancing => "set-dancing",
            Tag::WheelchairAccessible => "wheelchair-accessible",
            Tag::FamilyFriendly => "family-friendly",
            Tag::Online => "online",
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_the_serialised_names() {
        for tag in Tag::ALL {
            let json = serde_json::to_string(&tag).unwrap();
            assert_eq!(json, format!("\"{}\"", tag.slug()));
        }
    }
}
