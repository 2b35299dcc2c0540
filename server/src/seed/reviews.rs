//! Demo reviews: up to four a session from a handful of demo members, deterministic for
//! the seed and the session's id, so seeding twice writes the same ones.
use app::model::{Review, Session};
use chrono::Duration;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Demo members (subject, display name). Their subjects cannot collide with a real
/// provider's (UUIDs).
const REVIEWERS: [(&str, &str); 8] = [
    ("demo-member-aoife", "Aoife"),
    ("demo-member-ciaran", "Ciarán"),
    ("demo-member-niamh", "Niamh"),
    ("demo-member-padraig", "Pádraig"),
    ("demo-member-siobhan", "Siobhán"),
    ("demo-member-tomas", "Tomás"),
    ("demo-member-grainne", "Gráinne"),
    ("demo-member-eoin", "Eoin"),
];

const OPENINGS: [&str; 6] = [
    "Lovely relaxed session.",
    "Great tunes and a warm welcome.",
    "Busy night but the music was mighty.",
    "A fine mix of reels and slow airs.",
    "Small circle, very friendly to visitors.",
    "The music was good but it was hard to hear over the crowd.",
];

const DETAILS: [&str; 5] = [
    "Bring your own instrument; there are seats kept for players.",
    "Came on a Tuesday and there were two fiddles, a box and a flute.",
    "Songs between sets, and the bar staff know the regulars.",
    "It started a bit later than listed.",
    "",
];

/// The demo reviews of one session.
pub fn for_session(seed: u64, session: &Session) -> Vec<Review> {
    let mix = session
        .id
        .as_str()
        .bytes()
        .fold(seed ^ 0x7265_7669_6577, |h, b| {
            h.rotate_left(5) ^ u64::from(b)
        });
    let mut rng = ChaCha8Rng::seed_from_u64(mix);
    let count = rng.random_range(0..=4usize);
    let reviewers: Vec<_> = REVIEWERS.choose_multiple(&mut rng, count).collect();
    reviewers
        .into_iter()
        .map(|(subject, name)| {
            let stars = *[3u8, 4, 4, 5, 5, 5, 2].choose(&mut rng).expect("not empty");
            let written = session.created_at + Duration::days(rng.random_range(1..90));
            let detail = DETAILS.choose(&mut rng).expect("not empty");
            let text = format!(
                "{}\n{}",
                OPENINGS.choose(&mut rng).expect("not empty"),
                detail
            );
            Review {
                session_id: session.id.clone(),
                author: (*subject).into(),
                author_name: name.to_string(),
                stars,
                visited_on: (written - Duration::days(rng.random_range(0..7))).date_naive(),
                text: text.trim().to_string(),
                created_at: written,
                updated_at: written,
                hidden: false,
            }
        })
        .collect()
}
