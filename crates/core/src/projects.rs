//! Social projects: plan vs done per target, where done is the target's own count
//! (kept before the activity log, e.g. imported from a seed or a paper report) plus
//! every logged [`Activity`] of that target.
//!
//! Also what the projects page shows and checks: a project's summary (targets met,
//! overdue), every live project of a forum with its progress and log
//! ([`overview`]), and the rules of a logged activity ([`check_activity`],
//! [`parse_activity`] for the form), with typed errors the UI shows next to the field.

use crate::model::{Activity, Meta, SocialProject, Target};
use chrono::NaiveDate;
use uuid::Uuid;

/// One target's standing.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetProgress {
    pub target: Target,
    /// `target.done` plus the logged activities.
    pub done: u32,
    /// Done as a share of planned, capped at 1 (a target planned at 0 counts as met).
    pub share: f64,
    /// Not met and its deadline is past.
    pub overdue: bool,
}

impl TargetProgress {
    /// Done reached planned (a target planned at 0 is met from the start).
    pub fn met(&self) -> bool {
        self.done >= self.target.planned
    }

    /// The share as a whole percentage, rounded down, so 999 of 1,000 shows 99 %, not
    /// 100 %: only a met target shows 100.
    pub fn percent(&self) -> u32 {
        if self.met() {
            return 100;
        }
        // `done < planned` here, so the quotient is below 100.
        (u64::from(self.done) * 100 / u64::from(self.target.planned)) as u32
    }
}

/// Plan vs done for every target of a project, from the project's live (not deleted)
/// activities. Activities of other projects or unknown targets are ignored.
///
/// A target is overdue from the day after its deadline: the deadline day itself is
/// still in time.
pub fn progress(
    project: &SocialProject,
    activities: &[Activity],
    today: NaiveDate,
) -> Vec<TargetProgress> {
    project
        .targets
        .iter()
        .map(|t| {
            let logged: u32 = activities
                .iter()
                .filter(|a| !a.meta.deleted && a.project == project.meta.id && a.target == t.id)
                .fold(0u32, |sum, a| sum.saturating_add(a.count));
            let done = t.done.saturating_add(logged);
            let share = if t.planned == 0 {
                1.0
            } else {
                (f64::from(done) / f64::from(t.planned)).min(1.0)
            };
            TargetProgress {
                target: t.clone(),
                done,
                share,
                overdue: done < t.planned && t.deadline.is_some_and(|d| d < today),
            }
        })
        .collect()
}

/// The activities of one project, latest first (by date, then by creation stamp).
pub fn log_of(project: Uuid, activities: &[Activity]) -> Vec<&Activity> {
    let mut log: Vec<&Activity> = activities
        .iter()
        .filter(|a| !a.meta.deleted && a.project == project)
        .collect();
    log.sort_by(|a, b| b.on.cmp(&a.on).then(b.meta.created.cmp(&a.meta.created)));
    log
}

/// A project at a glance: how many targets it has, how many are met, how many overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProjectSummary {
    pub targets: usize,
    pub met: usize,
    pub overdue: usize,
}

impl ProjectSummary {
    /// Every target met (a project without targets counts as done).
    pub fn all_met(&self) -> bool {
        self.met == self.targets
    }
}

/// Counts the targets of a project's [`progress`].
pub fn summary(progress: &[TargetProgress]) -> ProjectSummary {
    ProjectSummary {
        targets: progress.len(),
        met: progress.iter().filter(|p| p.met()).count(),
        overdue: progress.iter().filter(|p| p.overdue).count(),
    }
}

/// One project as the projects page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectView {
    pub project: SocialProject,
    pub progress: Vec<TargetProgress>,
    pub summary: ProjectSummary,
    /// Its live activities, latest first ([`log_of`]).
    pub log: Vec<Activity>,
}

impl ProjectView {
    /// The target an activity counts towards, if the project still has it.
    pub fn target(&self, id: Uuid) -> Option<&Target> {
        self.project.targets.iter().find(|t| t.id == id)
    }
}

/// Every live project of a forum with its progress, summary and log, in the order the
/// projects were created (for the demo: the seed file's order).
pub fn overview(
    projects: &[SocialProject],
    activities: &[Activity],
    today: NaiveDate,
) -> Vec<ProjectView> {
    let mut live: Vec<&SocialProject> = projects.iter().filter(|p| !p.meta.deleted).collect();
    live.sort_by(|a, b| {
        a.meta
            .created
            .cmp(&b.meta.created)
            .then(a.meta.id.cmp(&b.meta.id))
    });
    live.into_iter()
        .map(|p| {
            let progress = progress(p, activities, today);
            ProjectView {
                summary: summary(&progress),
                progress,
                log: log_of(p.meta.id, activities).into_iter().cloned().collect(),
                project: p.clone(),
            }
        })
        .collect()
}

/// The longest note an activity may carry, in characters.
pub const NOTE_MAX_CHARS: usize = 1000;

/// The fields of an activity, for placing an error next to its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityField {
    Project,
    Target,
    On,
    Count,
    Attendees,
    Note,
}

/// Why an activity cannot be logged for a project. At most one per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ActivityError {
    #[error("project: the activity belongs to another project")]
    WrongProject,
    #[error("target: none chosen")]
    NoTarget,
    #[error("target: not a target of this project")]
    TargetNotInProject,
    #[error("on: missing or not a date")]
    NoDate,
    #[error("on: before the project starts on {start}")]
    BeforeStart { start: NaiveDate },
    #[error("on: after the project ends on {end}")]
    AfterEnd { end: NaiveDate },
    #[error("on: later than today ({today})")]
    InFuture { today: NaiveDate },
    #[error("count: not a whole number of at least 1")]
    BadCount,
    #[error("attendees: not a whole number")]
    BadAttendees,
    #[error("note: longer than {max} characters")]
    NoteTooLong { max: usize },
}

impl ActivityError {
    pub fn field(&self) -> ActivityField {
        match self {
            ActivityError::WrongProject => ActivityField::Project,
            ActivityError::NoTarget | ActivityError::TargetNotInProject => ActivityField::Target,
            ActivityError::NoDate
            | ActivityError::BeforeStart { .. }
            | ActivityError::AfterEnd { .. }
            | ActivityError::InFuture { .. } => ActivityField::On,
            ActivityError::BadCount => ActivityField::Count,
            ActivityError::BadAttendees => ActivityField::Attendees,
            ActivityError::NoteTooLong { .. } => ActivityField::Note,
        }
    }
}

/// The date rule: inside the project's period and not after `today` (an activity is
/// logged once it happened). `None` when the date is fine.
fn date_error(project: &SocialProject, on: NaiveDate, today: NaiveDate) -> Option<ActivityError> {
    if on < project.period_start {
        Some(ActivityError::BeforeStart {
            start: project.period_start,
        })
    } else if on > project.period_end {
        Some(ActivityError::AfterEnd {
            end: project.period_end,
        })
    } else if on > today {
        Some(ActivityError::InFuture { today })
    } else {
        None
    }
}

fn note_error(note: &str) -> Option<ActivityError> {
    (note.chars().count() > NOTE_MAX_CHARS).then_some(ActivityError::NoteTooLong {
        max: NOTE_MAX_CHARS,
    })
}

/// Checks an activity against its project: it belongs to the project, its target is
/// one of the project's, its date is inside the project's period and not after
/// `today` (the forum's local date), its count is at least 1 and its note not too
/// long. Empty when it may be logged; otherwise one error per failing field, in the
/// order of the fields.
pub fn check_activity(
    project: &SocialProject,
    activity: &Activity,
    today: NaiveDate,
) -> Vec<ActivityError> {
    let mut errors = Vec::new();
    if activity.project != project.meta.id {
        errors.push(ActivityError::WrongProject);
    }
    if !project.targets.iter().any(|t| t.id == activity.target) {
        errors.push(ActivityError::TargetNotInProject);
    }
    errors.extend(date_error(project, activity.on, today));
    if activity.count == 0 {
        errors.push(ActivityError::BadCount);
    }
    errors.extend(note_error(&activity.note));
    errors
}

/// What the "log an activity" form holds, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ActivityInput<'a> {
    /// The chosen target's id (empty: none chosen).
    pub target: &'a str,
    /// The date as a date input gives it (`YYYY-MM-DD`).
    pub on: &'a str,
    pub count: &'a str,
    /// Empty when not counted.
    pub attendees: &'a str,
    pub note: &'a str,
}

/// An activity's fields, read from the form and checked against its project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityFields {
    pub target: Uuid,
    pub on: NaiveDate,
    pub count: u32,
    pub attendees: Option<u32>,
    pub note: String,
}

impl ActivityFields {
    /// The activity record of `project` with these fields.
    pub fn into_activity(self, meta: Meta, project: Uuid) -> Activity {
        Activity {
            meta,
            project,
            target: self.target,
            on: self.on,
            count: self.count,
            attendees: self.attendees,
            note: self.note,
        }
    }
}

/// A whole number as people type it: spaces (also no-break and thin spaces) between
/// digit groups are allowed ("1 000").
fn whole_number(text: &str) -> Option<u32> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Reads the form: every field is checked and every failing field gets its error (at
/// most one each), so the form can show them all at once and keep what was typed.
/// The note is trimmed; blank attendees mean "not counted".
pub fn parse_activity(
    project: &SocialProject,
    input: &ActivityInput<'_>,
    today: NaiveDate,
) -> Result<ActivityFields, Vec<ActivityError>> {
    let mut errors = Vec::new();

    let target = match input.target.trim() {
        "" => {
            errors.push(ActivityError::NoTarget);
            None
        }
        text => match text
            .parse::<Uuid>()
            .ok()
            .filter(|id| project.targets.iter().any(|t| t.id == *id))
        {
            Some(id) => Some(id),
            None => {
                errors.push(ActivityError::TargetNotInProject);
                None
            }
        },
    };

    let on = match NaiveDate::parse_from_str(input.on.trim(), "%Y-%m-%d") {
        Ok(on) => match date_error(project, on, today) {
            None => Some(on),
            Some(e) => {
                errors.push(e);
                None
            }
        },
        Err(_) => {
            errors.push(ActivityError::NoDate);
            None
        }
    };

    let count = whole_number(input.count).filter(|n| *n >= 1);
    if count.is_none() {
        errors.push(ActivityError::BadCount);
    }

    let attendees = if input.attendees.trim().is_empty() {
        Ok(None)
    } else {
        whole_number(input.attendees)
            .map(Some)
            .ok_or(ActivityError::BadAttendees)
    };
    if let Err(e) = attendees {
        errors.push(e);
    }

    let note = input.note.trim();
    errors.extend(note_error(note));

    match (target, on, count, attendees) {
        (Some(target), Some(on), Some(count), Ok(attendees)) if errors.is_empty() => {
            Ok(ActivityFields {
                target,
                on,
                count,
                attendees,
                note: note.to_string(),
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hlc::{DeviceId, Hlc};
    use crate::model::I18nText;
    use proptest::prelude::*;

    fn meta(id: u128, forum: u128, ms: u64) -> Meta {
        let stamp = Hlc::new(ms, 0, DeviceId::new("test").expect("device id"));
        Meta::new(Uuid::from_u128(id), Uuid::from_u128(forum), stamp)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn project_with(targets: Vec<(u32, u32)>) -> SocialProject {
        SocialProject {
            meta: meta(1, 100, 1_000),
            title: I18nText::new("Жоба", "Проект", "Project"),
            organisation: I18nText::default(),
            period_start: date(2025, 3, 1),
            period_end: date(2025, 10, 31),
            targets: targets
                .into_iter()
                .enumerate()
                .map(|(i, (planned, done))| Target {
                    id: Uuid::from_u128(10 + i as u128),
                    metric: I18nText::new("m", "m", "m"),
                    unit: I18nText::default(),
                    planned,
                    done,
                    deadline: Some(date(2025, 9, 30)),
                })
                .collect(),
        }
    }

    fn activity(n: u128, target: usize, count: u32, deleted: bool) -> Activity {
        let mut meta = meta(1_000 + n, 100, 2_000 + n as u64);
        meta.deleted = deleted;
        Activity {
            meta,
            project: Uuid::from_u128(1),
            target: Uuid::from_u128(10 + target as u128),
            on: date(2025, 5, 1),
            count,
            attendees: None,
            note: String::new(),
        }
    }

    proptest! {
        /// Done is the baseline plus the live counts of the target, whatever the order
        /// of the activities; the share stays in [0, 1]; an overdue target is never
        /// met; the summary counts what the progress says.
        #[test]
        fn progress_laws(
            targets in proptest::collection::vec((0u32..50, 0u32..50), 1..5),
            acts in proptest::collection::vec((0usize..6, 1u32..20, any::<bool>()), 0..20),
            today_offset in 0i64..400,
        ) {
            let project = project_with(targets.clone());
            let activities: Vec<Activity> = acts
                .iter()
                .enumerate()
                .map(|(i, (t, c, d))| activity(i as u128, *t, *c, *d))
                .collect();
            let today = date(2025, 3, 1) + chrono::TimeDelta::days(today_offset);
            let got = progress(&project, &activities, today);
            let mut reversed = activities.clone();
            reversed.reverse();
            prop_assert_eq!(&got, &progress(&project, &reversed, today));
            for (i, p) in got.iter().enumerate() {
                let logged: u32 = acts
                    .iter()
                    .filter(|(t, _, d)| *t == i && !*d)
                    .map(|(_, c, _)| *c)
                    .sum();
                prop_assert_eq!(p.done, targets[i].1 + logged);
                prop_assert!((0.0..=1.0).contains(&p.share));
                prop_assert_eq!(p.met(), p.share >= 1.0);
                prop_assert!(!(p.overdue && p.met()));
                prop_assert!(p.percent() <= 100);
                prop_assert_eq!(p.percent() == 100, p.met());
            }
            let s = summary(&got);
            prop_assert_eq!(s.targets, targets.len());
            prop_assert_eq!(s.met, got.iter().filter(|p| p.done >= p.target.planned).count());
            prop_assert!(s.met + s.overdue <= s.targets);
        }

        /// Whatever is typed, the form either gives fields that pass
        /// [`check_activity`] or at least one error, never two on one field.
        #[test]
        fn parsed_activities_pass_the_check(
            target in prop_oneof![Just(String::new()), Just("x".to_string()),
                Just(Uuid::from_u128(10).to_string()), Just(Uuid::from_u128(99).to_string())],
            day in 0i64..400,
            count in "[0-9 a]{0,6}",
            attendees in "[0-9 -]{0,4}",
            note_len in 0usize..1_100,
        ) {
            let project = project_with(vec![(10, 0)]);
            let today = date(2025, 6, 1);
            let on = (date(2025, 1, 1) + chrono::TimeDelta::days(day)).format("%Y-%m-%d").to_string();
            let note = "ә".repeat(note_len);
            let input = ActivityInput { target: &target, on: &on, count: &count, attendees: &attendees, note: &note };
            match parse_activity(&project, &input, today) {
                Ok(fields) => {
                    let a = fields.into_activity(meta(5, 100, 9), project.meta.id);
                    prop_assert!(check_activity(&project, &a, today).is_empty());
                }
                Err(errors) => {
                    prop_assert!(!errors.is_empty());
                    let mut fields: Vec<ActivityField> = errors.iter().map(|e| e.field()).collect();
                    fields.dedup();
                    prop_assert_eq!(fields.len(), errors.len());
                }
            }
        }
    }
}
