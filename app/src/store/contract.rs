//! The store contract: one suite, every adapter. An adapter's test file calls
//! [`store_contract_tests!`](crate::store_contract_tests) with a function that makes a fresh,
//! empty store; each check below becomes one `#[tokio::test]`.
pub use crate::model::fixtures::sample_session;

mod allowances;
mod confirmations;
mod follows;
mod hidden;
mod listings;
mod members;
mod moderation;
mod reviews;
mod search;
mod sessions;
mod sitemaps;
pub use allowances::*;
pub use confirmations::*;
pub use follows::*;
pub use hidden::*;
pub use listings::*;
pub use members::*;
pub use moderation::*;
pub use reviews::*;
pub use search::*;
pub use sessions::*;
pub use sitemaps::*;

/// Expands to one `#[tokio::test]` per contract check, each on a fresh store from `$make`
/// (an async fn returning `Arc<dyn Store>`).
#[macro_export]
macro_rules! store_contract_tests {
    ($make:path) => {
        $crate::store_contract_tests!(@each $make;
            create_then_get_round_trips,
            the_largest_session_the_form_allows_is_written_and_edited_whole,
            coordinates_come_back_bit_for_bit,
            creating_a_taken_id_fails_and_keeps_the_original,
            a_missing_session_reads_as_none,
            listing_orders_by_name_ignoring_case_then_id,
            paging_visits_every_session_exactly_once,
            paging_is_stable_when_sessions_arrive_mid_walk,
            page_sizes_are_clamped,
            a_forged_cursor_is_refused,
            updates_need_the_current_version,
            updating_a_missing_session_is_not_found,
            renaming_moves_the_session_in_the_listing,
            country_counts_follow_creates_and_moves,
            concurrent_creates_are_all_kept,
            concurrent_edits_of_one_version_let_exactly_one_win,
            places_are_counted_and_named_at_every_level,
            a_place_trail_names_each_level,
            sessions_in_a_place_are_listed_by_town_then_name,
            a_cursor_cannot_cross_into_another_place,
            moving_a_session_moves_its_listing_and_counts,
            newest_sessions_come_first_with_id_as_tiebreak,
            newest_sessions_limit_is_clamped,
            changing_created_at_moves_a_session_among_the_newest,
            search_folds_accents_and_case_and_matches_prefixes,
            search_covers_venue_town_and_area_and_ranks_names_first,
            search_follows_renames,
            near_lists_sessions_within_the_radius_nearest_first,
            near_follows_moves,
            starts_are_listed_soonest_first_across_the_weeks_end,
            the_start_index_follows_edits_and_hides,
            ended_one_offs_are_found_until_marked_over,
            reviews_move_the_rating_and_a_second_review_replaces_the_first,
            a_review_of_a_missing_session_is_refused_and_changes_nothing,
            review_pages_visit_every_review_once_and_stay_in_their_session,
            a_thousand_racing_review_writes_leave_the_rating_equal_to_a_recount,
            every_change_keeps_a_revision_with_it,
            bookmarks_are_per_member_newest_first_and_idempotent,
            bookmarked_sessions_show_their_latest_version,
            a_members_reviews_and_sessions_are_listed_for_them,
            a_new_feed_token_revokes_the_old_one,
            a_hidden_session_leaves_every_list_until_restored,
            a_hidden_review_leaves_the_rating_until_restored,
            a_hide_racing_the_authors_saves_stays_hidden,
            allowances_run_out_refund_and_renew_with_the_window,
            racing_takes_never_overdraw_an_allowance,
            reports_group_by_target_and_a_group_settles_once_with_an_audit_entry,
            a_member_has_one_open_report_per_target,
            a_flood_of_reports_on_one_target_hides_no_other,
            the_queue_pages_by_target_and_finds_any_group_by_id,
            hiding_a_session_closes_its_reports_in_the_same_transaction,
            hiding_a_review_closes_its_reports,
            a_confirmation_moves_the_date_but_not_the_version,
            an_edit_read_before_a_confirmation_saves_and_keeps_it,
            racing_confirmations_and_an_edit_lose_nothing,
            search_shows_a_new_months_confirmation,
            a_saved_sitemap_reads_back_part_by_part_and_the_next_replaces_it,
            following_again_replaces_and_unfollowing_removes,
            the_digest_walks_every_follow_once_in_member_order,
            a_digest_mark_moves_only_from_what_it_was,
            racing_digest_runs_claim_a_digest_once,
            ping_answers,
        );
    };
    (@each $make:path; $($check:ident),* $(,)?) => {
        $(
            #[::tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $check() {
                $crate::store::contract::$check($make().await).await;
            }
        )*
    };
}
