//! Volunteer rules: hour arithmetic in the forum's time zone, the approval state machine
//! of an [`HourLog`], the limits for minors, totals and the leaderboard, and shifts made
//! from agenda sessions.
//!
//! Times of hour entries are UTC instants; days, months and the minors' latest end are
//! read on the forum's wall clock ([`crate::tz::Zone`]), so an entry from 22:00 to 02:00
//! counts two hours on each of two days, and the same entry reads the same on a phone
//! set to any zone.

use crate::model::{
    HourLog, HourStatus, Participant, Session, SessionKind, Shift, SignUp, VolunteerRules,
};
use crate::tz::Zone;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Whole minutes from `start` to `end` (0 when `end` is not after `start`).
pub fn minutes_between(start: DateTime<Utc>, end: DateTime<Utc>) -> i64 {
    (end - start).num_minutes().max(0)
}

/// The minutes of an interval on each forum-local day it touches, in day order. An
/// interval across local midnight is split there.
pub fn minutes_by_local_day(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: Zone,
) -> Vec<(NaiveDate, i64)> {
    let mut out = Vec::new();
    crate::report::split_by_day(zone, start, end, |day, m| out.push((day, m)));
    out
}

/// Why an action on an hour entry is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HourError {
    /// The entry was approved or marked a no-show: it can no longer change.
    #[error("the entry is locked")]
    Locked,
    /// The timer is not running (it was stopped, or the entry was entered by hand).
    #[error("the timer is not running")]
    NotRunning,
    /// The entry has no end yet: stop the timer first.
    #[error("the timer is still running")]
    StillRunning,
    /// The end is not after the start.
    #[error("the end is not after the start")]
    EndsBeforeStart,
    /// A rejection needs a reason.
    #[error("a reason is required")]
    ReasonRequired,
    /// The entry is not waiting for a decision.
    #[error("the entry was already decided")]
    AlreadyDecided,
}

/// What a volunteer or coordinator does to an hour entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HourAction {
    /// Stops a running timer.
    Stop {
        at: DateTime<Utc>,
    },
    /// Corrects the times, the task or the note (pending or rejected entries only; a
    /// rejected entry goes back to pending).
    Edit {
        started_at: DateTime<Utc>,
        ended_at: DateTime<Utc>,
        task: String,
        note: String,
    },
    Approve {
        by: String,
        at: DateTime<Utc>,
    },
    Reject {
        by: String,
        at: DateTime<Utc>,
        reason: String,
    },
    NoShow {
        by: String,
        at: DateTime<Utc>,
    },
}

/// Whether an entry can no longer change (approved, or a no-show).
pub fn is_locked(entry: &HourLog) -> bool {
    matches!(
        entry.status,
        HourStatus::Approved { .. } | HourStatus::NoShow { .. }
    )
}

/// Applies an action to an entry: the new entry, or why it is refused. The state
/// machine: pending → approved | rejected | no-show; rejected → pending (by an edit) |
/// approved; approved and no-show are locked.
pub fn apply(entry: &HourLog, action: HourAction) -> Result<HourLog, HourError> {
    if is_locked(entry) {
        return Err(HourError::Locked);
    }
    let mut next = entry.clone();
    match action {
        HourAction::Stop { at } => {
            if entry.ended_at.is_some() {
                return Err(HourError::NotRunning);
            }
            if at <= entry.started_at {
                return Err(HourError::EndsBeforeStart);
            }
            next.ended_at = Some(at);
        }
        HourAction::Edit {
            started_at,
            ended_at,
            task,
            note,
        } => {
            if ended_at <= started_at {
                return Err(HourError::EndsBeforeStart);
            }
            next.started_at = started_at;
            next.ended_at = Some(ended_at);
            next.task = task;
            next.note = note;
            next.status = HourStatus::Pending;
        }
        HourAction::Approve { by, at } => {
            if entry.ended_at.is_none() {
                return Err(HourError::StillRunning);
            }
            next.status = HourStatus::Approved { by, at };
        }
        HourAction::Reject { by, at, reason } => {
            if reason.trim().is_empty() {
                return Err(HourError::ReasonRequired);
            }
            if !matches!(entry.status, HourStatus::Pending) {
                return Err(HourError::AlreadyDecided);
            }
            next.status = HourStatus::Rejected {
                by,
                at,
                reason: reason.trim().to_string(),
            };
        }
        HourAction::NoShow { by, at } => {
            if !matches!(entry.status, HourStatus::Pending) {
                return Err(HourError::AlreadyDecided);
            }
            next.status = HourStatus::NoShow { by, at };
        }
    }
    Ok(next)
}

/// A rule for young volunteers that a shift or an entry would break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MinorWarning {
    /// More than the day's maximum, counting what is already worked or planned that day.
    TooManyMinutes {
        day: NaiveDate,
        total: i64,
        max: i64,
    },
    /// Work ends after the latest end for minors (or runs past midnight).
    EndsTooLate { day: NaiveDate, latest: NaiveTime },
}

/// The warnings for a minor taking on `candidate` (UTC start and end) when `others`
/// are their other intervals (approved or pending hours, shifts held). Adults get none:
/// `is_minor` comes from [`Participant::is_minor_in`] for the year of the candidate.
pub fn minor_warnings(
    is_minor: bool,
    rules: &VolunteerRules,
    zone: Zone,
    others: &[(DateTime<Utc>, DateTime<Utc>)],
    candidate: (DateTime<Utc>, DateTime<Utc>),
) -> Vec<MinorWarning> {
    let mut out = Vec::new();
    if !is_minor {
        return out;
    }
    let mut per_day: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for (s, e) in others.iter().copied().chain(std::iter::once(candidate)) {
        for (day, m) in minutes_by_local_day(s, e, zone) {
            *per_day.entry(day).or_default() += m;
        }
    }
    let max = i64::from(rules.minor_max_minutes_per_day);
    for (day, _) in minutes_by_local_day(candidate.0, candidate.1, zone) {
        let total = per_day.get(&day).copied().unwrap_or(0);
        if total > max {
            out.push(MinorWarning::TooManyMinutes { day, total, max });
        }
    }
    let start_local = zone.to_local(candidate.0);
    let end_local = zone.to_local(candidate.1);
    let latest = start_local.date().and_time(rules.minor_latest_end);
    if end_local > latest {
        out.push(MinorWarning::EndsTooLate {
            day: start_local.date(),
            latest: rules.minor_latest_end,
        });
    }
    out
}

/// Whether a volunteer is a minor at the time of `at` (forum-local year).
pub fn is_minor_at(person: &Participant, at: DateTime<Utc>, zone: Zone) -> bool {
    person.is_minor_in(zone.to_local(at).year())
}

/// A shift's UTC start and end (its times are forum-local wall clock).
pub fn shift_interval(shift: &Shift, zone: Zone) -> (DateTime<Utc>, DateTime<Utc>) {
    (zone.to_utc(shift.starts_at), zone.to_utc(shift.ends_at))
}

/// The live entries that count towards a volunteer's limits: not deleted, finished,
/// pending or approved.
pub fn counted_intervals<'a>(
    hours: impl IntoIterator<Item = &'a HourLog>,
    volunteer: Uuid,
    except: Option<Uuid>,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    hours
        .into_iter()
        .filter(|h| !h.meta.deleted && h.volunteer == volunteer && Some(h.meta.id) != except)
        .filter(|h| matches!(h.status, HourStatus::Pending | HourStatus::Approved { .. }))
        .filter_map(|h| h.ended_at.map(|e| (h.started_at, e)))
        .collect()
}

/// Minutes of one volunteer (or a whole forum) by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Minutes {
    pub approved: i64,
    pub pending: i64,
    pub rejected: i64,
    pub no_show: u32,
    /// Timers still running.
    pub running: u32,
}

impl Minutes {
    fn add(&mut self, h: &HourLog) {
        let m = h.minutes().unwrap_or(0).max(0);
        match (&h.status, h.ended_at) {
            (HourStatus::Pending, None) => self.running += 1,
            (HourStatus::Pending, Some(_)) => self.pending += m,
            (HourStatus::Approved { .. }, _) => self.approved += m,
            (HourStatus::Rejected { .. }, _) => self.rejected += m,
            (HourStatus::NoShow { .. }, _) => self.no_show += 1,
        }
    }
}

/// The minutes of live (not deleted) entries, by status.
pub fn minutes_of<'a>(hours: impl IntoIterator<Item = &'a HourLog>) -> Minutes {
    let mut m = Minutes::default();
    for h in hours.into_iter().filter(|h| !h.meta.deleted) {
        m.add(h);
    }
    m
}

/// Totals of a forum's hour entries: per volunteer, per forum-local month (approved
/// minutes), and for the forum.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub forum: Minutes,
    pub per_volunteer: HashMap<Uuid, Minutes>,
    /// Approved minutes per forum-local month (an entry is split at local midnight).
    pub per_month: BTreeMap<(i32, u32), i64>,
}

/// Adds up live (not deleted) entries.
pub fn totals<'a>(hours: impl IntoIterator<Item = &'a HourLog>, zone: Zone) -> Totals {
    let mut t = Totals::default();
    for h in hours.into_iter().filter(|h| !h.meta.deleted) {
        t.forum.add(h);
        t.per_volunteer.entry(h.volunteer).or_default().add(h);
        if let (HourStatus::Approved { .. }, Some(end)) = (&h.status, h.ended_at) {
            // Split at local midnight, as the reports do: an entry across a month's
            // last midnight counts in both months.
            crate::report::split_by_day(zone, h.started_at, end, |day, m| {
                *t.per_month.entry((day.year(), day.month())).or_default() += m;
            });
        }
    }
    t
}

/// The volunteers with approved minutes, most first (ties by id, so every device
/// shows the same order); at most `limit`.
pub fn leaderboard(totals: &Totals, limit: usize) -> Vec<(Uuid, i64)> {
    let mut rows: Vec<(Uuid, i64)> = totals
        .per_volunteer
        .iter()
        .filter(|(_, m)| m.approved > 0)
        .map(|(id, m)| (*id, m.approved))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows.truncate(limit);
    rows
}

/// "HH:MM" hours and minutes of a count of minutes (e.g. 135 → "2:15").
pub fn format_minutes(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    format!("{sign}{}:{:02}", m / 60, m % 60)
}

/// A rule that makes shifts from agenda sessions, e.g. "registration desk, 30 minutes
/// before each plenary, for 45 minutes, 3 people".
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftTemplate {
    pub kind: SessionKind,
    pub task: crate::model::I18nText,
    pub place: crate::model::I18nText,
    /// Minutes before the session's start the shift begins (negative: after).
    pub before_minutes: i64,
    pub duration_minutes: i64,
    pub needed: u32,
}

/// Drafts of the shifts the template makes (their `meta` is a placeholder copied from
/// the session; the caller creates each with a writer). Sessions that already have a
/// live shift with the same task are skipped, so running a template twice adds nothing.
pub fn shifts_from_sessions(
    template: &ShiftTemplate,
    sessions: &[Session],
    existing: &[Shift],
) -> Vec<Shift> {
    let mut out: Vec<Shift> = sessions
        .iter()
        .filter(|s| !s.meta.deleted && s.kind == template.kind)
        .filter(|s| {
            !existing
                .iter()
                .any(|x| !x.meta.deleted && x.session == Some(s.meta.id) && x.task == template.task)
        })
        .map(|s| {
            let starts_at: NaiveDateTime = s.starts_at - Duration::minutes(template.before_minutes);
            Shift {
                meta: s.meta.clone(),
                task: template.task.clone(),
                place: template.place.clone(),
                starts_at,
                ends_at: starts_at + Duration::minutes(template.duration_minutes.max(1)),
                needed: template.needed.max(1),
                session: Some(s.meta.id),
            }
        })
        .collect();
    out.sort_by_key(|s| s.starts_at);
    out
}

/// The live, not cancelled sign-ups of a volunteer, for the shifts they hold.
pub fn shifts_of(signups: &[SignUp], volunteer: Uuid) -> impl Iterator<Item = &SignUp> {
    signups
        .iter()
        .filter(move |s| !s.meta.deleted && !s.cancelled && s.participant == Some(volunteer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hlc::{DeviceId, Hlc};
    use crate::model::Meta;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .expect("valid")
    }

    fn meta() -> Meta {
        let stamp = Hlc::new(1, 0, DeviceId::new("test-device").expect("device"));
        Meta::new(Uuid::from_u128(1), Uuid::from_u128(2), stamp)
    }

    fn entry(start: DateTime<Utc>, end: Option<DateTime<Utc>>) -> HourLog {
        HourLog {
            meta: meta(),
            volunteer: Uuid::from_u128(7),
            shift: None,
            task: "Тіркеу".into(),
            started_at: start,
            ended_at: end,
            status: HourStatus::Pending,
            note: String::new(),
        }
    }

    fn almaty() -> Zone {
        crate::tz::zone("Asia/Almaty").expect("zone")
    }

    #[test]
    fn an_entry_across_local_midnight_is_split_there() {
        // 22:00–02:00 in Almaty (UTC+5) is 17:00–21:00 UTC: two hours on each day.
        let days = minutes_by_local_day(utc(2025, 5, 10, 17, 0), utc(2025, 5, 10, 21, 0), almaty());
        assert_eq!(
            days,
            vec![
                (NaiveDate::from_ymd_opt(2025, 5, 10).expect("d"), 120),
                (NaiveDate::from_ymd_opt(2025, 5, 11).expect("d"), 120),
            ]
        );
        // The same UTC interval is one day in UTC.
        let utc_zone = crate::tz::zone("UTC").expect("utc");
        assert_eq!(
            minutes_by_local_day(utc(2025, 5, 10, 17, 0), utc(2025, 5, 10, 21, 0), utc_zone),
            vec![(NaiveDate::from_ymd_opt(2025, 5, 10).expect("d"), 240)]
        );
        assert!(
            minutes_by_local_day(utc(2025, 5, 10, 17, 0), utc(2025, 5, 10, 17, 0), almaty())
                .is_empty()
        );
    }

    #[test]
    fn a_long_entry_covers_every_day_and_adds_up() {
        let start = utc(2025, 5, 10, 3, 17);
        let end = utc(2025, 5, 13, 8, 2);
        let days = minutes_by_local_day(start, end, almaty());
        assert_eq!(days.len(), 4);
        assert_eq!(
            days.iter().map(|d| d.1).sum::<i64>(),
            minutes_between(start, end)
        );
    }

    #[test]
    fn approval_locks_the_entry() {
        let e = entry(utc(2025, 5, 10, 4, 0), Some(utc(2025, 5, 10, 6, 30)));
        let ok = apply(
            &e,
            HourAction::Approve {
                by: "coord".into(),
                at: utc(2025, 5, 10, 7, 0),
            },
        )
        .expect("approve");
        assert!(is_locked(&ok));
        for action in [
            HourAction::Approve {
                by: "x".into(),
                at: utc(2025, 5, 10, 8, 0),
            },
            HourAction::Reject {
                by: "x".into(),
                at: utc(2025, 5, 10, 8, 0),
                reason: "no".into(),
            },
            HourAction::NoShow {
                by: "x".into(),
                at: utc(2025, 5, 10, 8, 0),
            },
            HourAction::Stop {
                at: utc(2025, 5, 10, 8, 0),
            },
            HourAction::Edit {
                started_at: utc(2025, 5, 10, 4, 0),
                ended_at: utc(2025, 5, 10, 9, 0),
                task: "t".into(),
                note: String::new(),
            },
        ] {
            assert_eq!(apply(&ok, action), Err(HourError::Locked));
        }
    }

    #[test]
    fn the_state_machine_refuses_what_makes_no_sense() {
        let running = entry(utc(2025, 5, 10, 4, 0), None);
        let at = utc(2025, 5, 10, 5, 0);
        assert_eq!(
            apply(&running, HourAction::Approve { by: "c".into(), at }),
            Err(HourError::StillRunning)
        );
        assert_eq!(
            apply(
                &running,
                HourAction::Stop {
                    at: utc(2025, 5, 10, 3, 0)
                }
            ),
            Err(HourError::EndsBeforeStart)
        );
        let stopped = apply(&running, HourAction::Stop { at }).expect("stop");
        assert_eq!(stopped.minutes(), Some(60));
        assert_eq!(
            apply(&stopped, HourAction::Stop { at }),
            Err(HourError::NotRunning)
        );
        assert_eq!(
            apply(
                &stopped,
                HourAction::Reject {
                    by: "c".into(),
                    at,
                    reason: "  ".into()
                }
            ),
            Err(HourError::ReasonRequired)
        );
        let rejected = apply(
            &stopped,
            HourAction::Reject {
                by: "c".into(),
                at,
                reason: "wrong day".into(),
            },
        )
        .expect("reject");
        assert_eq!(
            apply(&rejected, HourAction::NoShow { by: "c".into(), at }),
            Err(HourError::AlreadyDecided)
        );
        // A corrected rejected entry waits again; it can then be approved.
        let fixed = apply(
            &rejected,
            HourAction::Edit {
                started_at: utc(2025, 5, 10, 4, 0),
                ended_at: utc(2025, 5, 10, 4, 45),
                task: "Тіркеу".into(),
                note: "fixed".into(),
            },
        )
        .expect("edit");
        assert_eq!(fixed.status, HourStatus::Pending);
        let no_show = apply(&fixed, HourAction::NoShow { by: "c".into(), at }).expect("no-show");
        assert!(is_locked(&no_show));
    }

    fn rules() -> VolunteerRules {
        VolunteerRules {
            minor_max_minutes_per_day: 240,
            minor_latest_end: NaiveTime::from_hms_opt(20, 0, 0).expect("t"),
            leaderboard: true,
        }
    }

    #[test]
    fn minors_limits_count_the_whole_local_day() {
        // Almaty: 09:00–12:00 local already worked (04:00–07:00 UTC).
        let others = [(utc(2025, 5, 10, 4, 0), utc(2025, 5, 10, 7, 0))];
        // 13:00–14:00 local: 4 h in all, at the limit: fine.
        let fine = (utc(2025, 5, 10, 8, 0), utc(2025, 5, 10, 9, 0));
        assert!(minor_warnings(true, &rules(), almaty(), &others, fine).is_empty());
        // 13:00–14:30 local: 4 h 30 min: too many.
        let long = (utc(2025, 5, 10, 8, 0), utc(2025, 5, 10, 9, 30));
        assert_eq!(
            minor_warnings(true, &rules(), almaty(), &others, long),
            vec![MinorWarning::TooManyMinutes {
                day: NaiveDate::from_ymd_opt(2025, 5, 10).expect("d"),
                total: 270,
                max: 240
            }]
        );
        // Adults: nothing.
        assert!(minor_warnings(false, &rules(), almaty(), &others, long).is_empty());
        // 19:00–20:30 local ends too late (14:00–15:30 UTC).
        let late = (utc(2025, 5, 10, 14, 0), utc(2025, 5, 10, 15, 30));
        assert_eq!(
            minor_warnings(true, &rules(), almaty(), &[], late),
            vec![MinorWarning::EndsTooLate {
                day: NaiveDate::from_ymd_opt(2025, 5, 10).expect("d"),
                latest: NaiveTime::from_hms_opt(20, 0, 0).expect("t")
            }]
        );
        // The same UTC interval read in UTC ends at 15:30: fine.
        let utc_zone = crate::tz::zone("UTC").expect("utc");
        assert!(minor_warnings(true, &rules(), utc_zone, &[], late).is_empty());
        // Ending exactly at 20:00 is allowed.
        let edge = (utc(2025, 5, 10, 14, 0), utc(2025, 5, 10, 15, 0));
        assert!(minor_warnings(true, &rules(), almaty(), &[], edge).is_empty());
    }

    #[test]
    fn totals_by_status_volunteer_and_local_month() {
        let approved = |s, e| HourLog {
            status: HourStatus::Approved {
                by: "c".into(),
                at: e,
            },
            ..entry(s, Some(e))
        };
        // 31 May 21:00 to 1 June 01:00 local (16:00–20:00 UTC): 3 hours in May, 1 in June.
        let a = approved(utc(2025, 5, 31, 16, 0), utc(2025, 5, 31, 20, 0));
        // 1 June 00:30 local is 31 May 19:30 UTC: June in Almaty, May in UTC.
        let b = approved(utc(2025, 5, 31, 19, 30), utc(2025, 5, 31, 20, 0));
        let mut other = approved(utc(2025, 6, 2, 4, 0), utc(2025, 6, 2, 5, 0));
        other.volunteer = Uuid::from_u128(8);
        let pending = entry(utc(2025, 6, 3, 4, 0), Some(utc(2025, 6, 3, 4, 20)));
        let running = entry(utc(2025, 6, 3, 4, 0), None);
        let mut gone = approved(utc(2025, 6, 3, 4, 0), utc(2025, 6, 3, 9, 0));
        gone.meta.deleted = true;
        let all = [a, b, other, pending, running, gone];
        let t = totals(&all, almaty());
        assert_eq!(t.forum.approved, 240 + 30 + 60);
        assert_eq!(t.forum.pending, 20);
        assert_eq!(t.forum.running, 1);
        assert_eq!(t.per_volunteer[&Uuid::from_u128(7)].approved, 270);
        assert_eq!(t.per_month.get(&(2025, 5)), Some(&180));
        assert_eq!(t.per_month.get(&(2025, 6)), Some(&(60 + 30 + 60)));
        assert_eq!(
            leaderboard(&t, 10),
            vec![(Uuid::from_u128(7), 270), (Uuid::from_u128(8), 60)]
        );
        assert_eq!(leaderboard(&t, 1).len(), 1);
        assert_eq!(format_minutes(270), "4:30");
        assert_eq!(format_minutes(5), "0:05");
        assert_eq!(format_minutes(-65), "-1:05");
    }

    #[test]
    fn a_template_makes_one_shift_per_plenary_once() {
        let at = |h| {
            NaiveDate::from_ymd_opt(2025, 5, 10)
                .expect("d")
                .and_hms_opt(h, 0, 0)
                .expect("t")
        };
        let session = |n: u128, kind, h| Session {
            meta: Meta::new(Uuid::from_u128(n), Uuid::from_u128(2), meta().created),
            title: crate::model::I18nText::new("a", "b", "c"),
            description: Default::default(),
            kind,
            starts_at: at(h),
            ends_at: at(h + 1),
            venue: None,
            room: None,
            stop: None,
            speakers: vec![],
            capacity: None,
            languages: vec![],
        };
        let sessions = [
            session(10, SessionKind::Plenary, 14),
            session(11, SessionKind::Training, 10),
            session(12, SessionKind::Plenary, 9),
        ];
        let template = ShiftTemplate {
            kind: SessionKind::Plenary,
            task: crate::model::I18nText::new("Тіркеу", "Регистрация", "Registration"),
            place: Default::default(),
            before_minutes: 30,
            duration_minutes: 45,
            needed: 3,
        };
        let made = shifts_from_sessions(&template, &sessions, &[]);
        assert_eq!(made.len(), 2);
        assert_eq!(made[0].starts_at, at(8) + Duration::minutes(30));
        assert_eq!(made[0].ends_at, at(9) + Duration::minutes(15));
        assert_eq!(made[0].session, Some(Uuid::from_u128(12)));
        assert!(made.iter().all(|s| s.validate_ok()));
        // Running it again with the shifts stored adds nothing.
        assert!(shifts_from_sessions(&template, &sessions, &made).is_empty());
    }

    trait ValidateOk {
        fn validate_ok(&self) -> bool;
    }
    impl ValidateOk for Shift {
        fn validate_ok(&self) -> bool {
            crate::model::Record::validate(self).is_ok()
        }
    }
}
