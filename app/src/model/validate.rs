use serde::{Deserialize, Serialize};

use super::{Schedule, Session};
use crate::t;

/// One problem with one field, in words a member can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for ValidationErrors {}

impl ValidationErrors {
    fn push(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_string(),
            message: message.into(),
        });
    }

    fn text(&mut self, field: &'static str, label: &str, value: &str, max: usize) {
        let lang = crate::i18n::use_lang();
        let len = value.trim().chars().count();
        if len == 0 {
            self.push(field, t!(lang, "field-required", label = label));
        } else if len > max {
            self.push(
                field,
                t!(lang, "field-too-long", label = label, max = max, len = len),
            );
        }
    }
}

pub const MAX_NAME: usize = 120;
pub const MAX_PLACE: usize = 80;
pub const MAX_DESCRIPTION: usize = 4000;
pub const MAX_SCHEDULES: usize = 7;
/// Times a session meets in a week, over all its schedules: each is one or two keys of
/// the start index, and with [`super::search::MAX_INDEXED_TERMS`] bounds the items a
/// DynamoDB transaction writes for one edit (at most 100: 20 words, 20 start keys, 3
/// cells and 1 author entry, deleted and written, plus the session, 6 place counts and
/// the revision is 96).
pub const MAX_MEETINGS_A_WEEK: usize = 10;
/// Address, phone, email and website: generous for real ones, bounded all the same.
pub const MAX_CONTACT: usize = 200;
/// Why a session closed.
pub const MAX_REASON: usize = 200;

impl Session {
    /// How many times a week its schedules can meet: each weekday of a weekly schedule,
    /// one for a monthly or one-off one.
    fn meetings_a_week(&self) -> usize {
        self.schedules
            .iter()
            .map(|schedule| match schedule {
                Schedule::Weekly { days, .. } => {
                    days.iter().collect::<std::collections::HashSet<_>>().len()
                }
                Schedule::Monthly { .. } | Schedule::Once { .. } => 1,
            })
            .sum()
    }

    /// Checks every field; returns all problems at once so a form can show them together.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let lang = crate::i18n::use_lang();
        errors.text(
            "name",
            &t!(lang, "label-session-name"),
            &self.name,
            MAX_NAME,
        );
        errors.text(
            "venue.name",
            &t!(lang, "label-venue-name"),
            &self.venue.name,
            MAX_NAME,
        );
        errors.text("town", &t!(lang, "label-town"), &self.town, MAX_PLACE);
        errors.text("area", &t!(lang, "label-area"), &self.area, MAX_PLACE);
        errors.text(
            "country.name",
            &t!(lang, "label-country"),
            &self.country.name,
            MAX_PLACE,
        );
        for (field, label, value) in [
            ("address", t!(lang, "label-address"), Some(&self.address)),
            (
                "venue_phone",
                t!(lang, "label-phone"),
                self.venue.phone.as_ref(),
            ),
            (
                "venue_email",
                t!(lang, "label-email"),
                self.venue.email.as_ref(),
            ),
            (
                "venue_website",
                t!(lang, "label-website"),
                self.venue.website.as_ref(),
            ),
            (
                "time_zone",
                t!(lang, "label-time-zone"),
                Some(&self.time_zone),
            ),
        ] {
            let len = value.map_or(0, |v| v.chars().count());
            if len > MAX_CONTACT {
                errors.push(
                    field,
                    t!(
                        lang,
                        "field-too-long",
                        label = label,
                        max = MAX_CONTACT,
                        len = len
                    ),
                );
            }
        }
        // Rendered as a link: only web addresses, never `javascript:` or `data:`.
        if let Some(website) = &self.venue.website {
            let lower = website.trim().to_ascii_lowercase();
            if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                errors.push("venue_website", t!(lang, "error-website-scheme"));
            }
        }
        let code = &self.country.code;
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            errors.push("country.code", t!(lang, "error-country-code", code = code));
        }
        if let Some(point) = self.point {
            let lat_ok = point.lat.is_finite() && (-90.0..=90.0).contains(&point.lat);
            let lng_ok = point.lng.is_finite() && (-180.0..=180.0).contains(&point.lng);
            if !lat_ok || !lng_ok {
                errors.push("point", t!(lang, "error-point-range"));
            }
        }
        if self.time_zone.trim().is_empty() {
            errors.push("time_zone", t!(lang, "error-zone-required"));
        }
        if self.schedules.is_empty() {
            errors.push("schedules", t!(lang, "error-no-schedule"));
        }
        if self.schedules.len() > MAX_SCHEDULES {
            errors.push(
                "schedules",
                t!(lang, "error-too-many-schedules", max = MAX_SCHEDULES),
            );
        }
        if self.meetings_a_week() > MAX_MEETINGS_A_WEEK {
            errors.push(
                "schedules",
                t!(lang, "error-too-many-meetings", max = MAX_MEETINGS_A_WEEK),
            );
        }
        for schedule in &self.schedules {
            if let Schedule::Weekly {
                days, every_weeks, ..
            } = schedule
            {
                if days.is_empty() {
                    errors.push("schedules", t!(lang, "error-weekly-no-day"));
                }
                if !(1..=8).contains(every_weeks) {
                    errors.push("schedules", t!(lang, "error-weekly-interval"));
                }
            }
        }
        let len = self.description.chars().count();
        if len > MAX_DESCRIPTION {
            errors.push(
                "description",
                t!(
                    lang,
                    "error-description-long",
                    max = MAX_DESCRIPTION,
                    len = len
                ),
            );
        }
        if errors.0.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn valid() -> Session {
        crate::model::fixtures::sample_session("abc", "Thursday session", "IE")
    }

    fn fields(err: ValidationErrors) -> Vec<String> {
        err.0.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_complete_session_is_valid() {
        assert_eq!(valid().validate(), Ok(()));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut s = valid();
        s.name = "   ".into();
        s.country.code = "irl".into();
        s.schedules.clear();
        let err = s.validate().unwrap_err();
        assert_eq!(
            fields(err.clone()),
            vec!["name", "country.code", "schedules"]
        );
        assert!(err
            .to_string()
            .contains("name: The session's name is required."));
    }

    #[test]
    fn a_session_meets_at_most_ten_times_a_week() {
        use chrono::Weekday::*;
        let weekly = |days: Vec<chrono::Weekday>, hour| Schedule::Weekly {
            days,
            every_weeks: 1,
            anchor: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            start: chrono::NaiveTime::from_hms_opt(hour, 0, 0).unwrap(),
            end: None,
        };
        let mut s = valid();
        s.schedules = vec![
            weekly(vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun], 21),
            weekly(vec![Fri, Sat, Sun, Sun], 14),
        ];
        assert_eq!(s.validate(), Ok(()), "ten, a day named twice counted once");
        s.schedules.push(weekly(vec![Fri], 13));
        let err = s.validate().unwrap_err();
        assert_eq!(fields(err.clone()), vec!["schedules"]);
        assert!(err.to_string().contains("at most 10 times a week"), "{err}");
    }

    #[test]
    fn overlong_text_says_how_long_it_is() {
        let mut s = valid();
        s.name = "x".repeat(MAX_NAME + 5);
        let err = s.validate().unwrap_err();
        assert!(err.0[0]
            .message
            .contains("at most 120 characters (it has 125)"));
    }

    #[test]
    fn points_off_the_globe_are_refused() {
        let mut s = valid();
        s.point = Some(GeoPoint {
            lat: 91.0,
            lng: 0.0,
        });
        assert_eq!(fields(s.validate().unwrap_err()), vec!["point"]);
        s.point = Some(GeoPoint {
            lat: f64::NAN,
            lng: 0.0,
        });
        assert_eq!(fields(s.validate().unwrap_err()), vec!["point"]);
    }

    #[test]
    fn weekly_schedules_need_days_and_a_sane_interval() {
        let mut s = valid();
        if let Schedule::Weekly {
            days, every_weeks, ..
        } = &mut s.schedules[0]
        {
            days.clear();
            *every_weeks = 0;
        }
        assert_eq!(
            fields(s.validate().unwrap_err()),
            vec!["schedules", "schedules"]
        );
    }
}
