//! Word lists the demo generator combines into venue and session names.

pub const SURNAMES: &[&str] = &[
    "Ó Briain",
    "McNamara",
    "Flanagan",
    "O'Donoghue",
    "Ní Mhaoláin",
    "Keane",
    "Brennan",
    "Doherty",
    "Ó Súilleabháin",
    "Mac Mahon",
    "Hegarty",
    "Nolan",
    "Quinn",
    "Considine",
    "Linnane",
    "Tierney",
    "Cleary",
    "Lynch",
    "Fitzgerald",
    "Curran",
    "Gallagher",
    "Moloney",
    "Hayes",
    "Begley",
];

pub const VENUE_NOUNS: &[&str] = &[
    "Harp",
    "Fiddler",
    "Anchor",
    "Thatch",
    "Currach",
    "Half Door",
    "Lark",
    "Hare",
    "Crossroads",
    "Bodhrán",
    "Heron",
    "Salmon",
    "Stile",
    "Dresser",
    "Hearth",
];

pub const VENUE_KINDS: &[&str] = &["Bar", "Tavern", "Inn", "Pub", "Lounge", "Hotel"];

pub const STREETS: &[&str] = &[
    "Main Street",
    "Church Street",
    "Market Square",
    "Bridge Street",
    "Quay Road",
    "High Street",
    "Mill Lane",
    "Harbour Row",
    "Station Road",
    "Abbey Street",
];

pub const DESCRIPTIONS: &[&str] = &[
    "A friendly session; players of every level welcome. Tunes mostly reels and jigs.",
    "Led by a fiddle and flute pair. Come early for a seat near the musicians.",
    "Slower tunes for the first hour, then it gets going.",
    "Songs between sets — bring one.",
    "A long-running session with a strong Clare flavour: lots of polkas late on.",
    "Quiet enough to learn tunes by ear. Recording with permission only.",
];
