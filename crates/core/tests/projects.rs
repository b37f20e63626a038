//! Social projects (`jiyn_core::projects`): plan vs done from the Taraz seed and logged
//! activities, with hand-computed figures; the summary; the log's order; the rules of
//! a logged activity and the form that makes one.

use chrono::NaiveDate;
use jiyn_core::demo;
use jiyn_core::projects::*;
use jiyn_core::*;
use uuid::Uuid;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The demo's social projects (all of the Taraz forum), in the demo's order.
fn demo_projects() -> Vec<SocialProject> {
    demo::build()
        .expect("demo builds")
        .into_iter()
        .filter_map(|(r, _)| match r {
            AnyRecord::SocialProject(p) => Some(p),
            _ => None,
        })
        .collect()
}

fn project(key: &str) -> SocialProject {
    let id = demo::seed_id(&format!("taraz-2025/project/{key}"));
    demo_projects()
        .into_iter()
        .find(|p| p.meta.id == id)
        .unwrap_or_else(|| panic!("demo project {key} ({id})"))
}

fn target_id(project: &SocialProject, metric_en: &str) -> Uuid {
    project
        .targets
        .iter()
        .find(|t| t.metric.en == metric_en)
        .unwrap_or_else(|| panic!("target {metric_en}"))
        .id
}

/// An activity record of `project` made at `ms` (the creation stamp orders the log).
fn logged(project: &SocialProject, target: Uuid, on: NaiveDate, count: u32, ms: u64) -> Activity {
    let device = DeviceId::new("phone-1").expect("device");
    Activity {
        meta: Meta::new(
            ids::id_from_parts(ms, [7; 10]),
            project.meta.forum,
            Hlc::new(ms, 0, device),
        ),
        project: project.meta.id,
        target,
        on,
        count,
        attendees: None,
        note: String::new(),
    }
}

fn deleted(mut a: Activity) -> Activity {
    a.meta.deleted = true;
    a
}

fn by_metric<'a>(progress: &'a [TargetProgress], metric_en: &str) -> &'a TargetProgress {
    progress
        .iter()
        .find(|p| p.target.metric.en == metric_en)
        .unwrap_or_else(|| panic!("progress of {metric_en}"))
}

// ---------------------------------------------------------------------------------
// The seed as ground truth
// ---------------------------------------------------------------------------------

/// With no activity logged, plan vs done is exactly the seed file's, project by
/// project and target by target, in the file's order.
#[test]
fn without_activities_plan_vs_done_is_the_seeds() {
    let seed: serde_json::Value =
        serde_json::from_str(include_str!("../../../seeds/taraz-projects.json")).expect("seed");
    let seed_projects = seed["projects"].as_array().expect("projects");
    let view = overview(&demo_projects(), &[], date(2025, 10, 1));
    assert_eq!(view.len(), seed_projects.len());
    assert_eq!(view.len(), 7);
    for (v, s) in view.iter().zip(seed_projects) {
        assert_eq!(v.project.title.en, s["title"]["en"].as_str().unwrap());
        assert_eq!(
            v.project.period_start.to_string(),
            s["period_start"].as_str().unwrap()
        );
        let targets = s["targets"].as_array().unwrap();
        assert_eq!(v.progress.len(), targets.len());
        for (p, t) in v.progress.iter().zip(targets) {
            assert_eq!(p.target.metric.en, t["metric"]["en"].as_str().unwrap());
            assert_eq!(u64::from(p.target.planned), t["planned"].as_u64().unwrap());
            assert_eq!(u64::from(p.done), t["done"].as_u64().unwrap());
        }
        assert!(v.log.is_empty());
    }
}

// ---------------------------------------------------------------------------------
// Progress, hand-computed
// ---------------------------------------------------------------------------------

#[test]
fn logged_activities_add_to_the_seed_count_and_deleted_ones_do_not() {
    let p = project("healthy-lifestyle");
    let meetings = target_id(&p, "Drug-prevention meetings");
    let acts = vec![
        logged(&p, meetings, date(2025, 10, 2), 1, 10),
        logged(&p, meetings, date(2025, 10, 9), 2, 20),
        deleted(logged(&p, meetings, date(2025, 10, 9), 5, 30)),
    ];
    let got = progress(&p, &acts, date(2025, 10, 10));
    let m = by_metric(&got, "Drug-prevention meetings");
    // 7 in the seed + 1 + 2; the deleted 5 does not count.
    assert_eq!(m.done, 10);
    assert_eq!(m.share, 1.0);
    assert!(m.met());
    assert_eq!(m.percent(), 100);
    // Other targets are untouched: seminars stay 6 of 10.
    let s = by_metric(&got, "Seminar-trainings");
    assert_eq!((s.done, s.target.planned), (6, 10));
    assert_eq!(s.share, 0.6);
    assert_eq!(s.percent(), 60);
    assert!(!s.met());
}

#[test]
fn activities_of_other_projects_or_unknown_targets_are_ignored() {
    let p = project("healthy-lifestyle");
    let other = project("offence-prevention");
    let meetings = target_id(&p, "Drug-prevention meetings");
    let mut foreign = logged(&other, meetings, date(2025, 5, 1), 3, 10);
    foreign.project = other.meta.id;
    let unknown = logged(&p, Uuid::from_u128(42), date(2025, 5, 1), 3, 20);
    let got = progress(&p, &[foreign, unknown], date(2025, 5, 2));
    assert_eq!(by_metric(&got, "Drug-prevention meetings").done, 7);
}

#[test]
fn done_beyond_planned_saturates_the_share() {
    let p = project("healthy-lifestyle");
    let leaflets = target_id(&p, "Information leaflets");
    let acts = vec![logged(&p, leaflets, date(2025, 6, 1), 250, 10)];
    let got = progress(&p, &acts, date(2025, 6, 2));
    let l = by_metric(&got, "Information leaflets");
    assert_eq!(l.done, 1250, "the count is kept as is");
    assert_eq!(l.share, 1.0, "the share is capped at 1");
    assert_eq!(l.percent(), 100);

    // Counts near u32::MAX saturate instead of wrapping round to a small number.
    let huge = vec![
        logged(&p, leaflets, date(2025, 6, 1), u32::MAX, 20),
        logged(&p, leaflets, date(2025, 6, 1), u32::MAX, 30),
    ];
    let got = progress(&p, &huge, date(2025, 6, 2));
    assert_eq!(by_metric(&got, "Information leaflets").done, u32::MAX);
}

#[test]
fn percent_rounds_down_so_only_a_met_target_shows_100() {
    let mut p = project("healthy-lifestyle");
    p.targets[0].planned = 1000;
    p.targets[0].done = 999;
    let got = progress(&p, &[], date(2025, 6, 2));
    assert_eq!(got[0].percent(), 99);
    assert!(!got[0].met());
    p.targets[0].done = 1;
    assert_eq!(progress(&p, &[], date(2025, 6, 2))[0].percent(), 0);
}

#[test]
fn overdue_starts_the_day_after_the_deadline_and_ends_when_met() {
    let p = project("healthy-lifestyle");
    let contests = target_id(&p, "Contests"); // 2 of 4 by 2025-09-30
    let on = |today| by_metric(&progress(&p, &[], today), "Contests").overdue;
    assert!(!on(date(2025, 9, 29)));
    assert!(
        !on(date(2025, 9, 30)),
        "the deadline day itself is still in time"
    );
    assert!(on(date(2025, 10, 1)));
    assert!(on(date(2026, 12, 5)));

    // Two more contests logged: met, so no longer overdue whatever the date.
    let acts = vec![logged(&p, contests, date(2025, 9, 20), 2, 10)];
    let c = by_metric(&progress(&p, &acts, date(2025, 10, 1)), "Contests").clone();
    assert!(c.met() && !c.overdue);

    // A target with no deadline is never overdue.
    let mut open = p.clone();
    open.targets.iter_mut().for_each(|t| t.deadline = None);
    assert!(progress(&open, &[], date(2030, 1, 1))
        .iter()
        .all(|t| !t.overdue));
}

#[test]
fn a_target_planned_at_zero_is_met_and_never_overdue() {
    let mut p = project("zhaidarman");
    p.targets[0].planned = 0;
    p.targets[0].done = 0;
    let got = progress(&p, &[], date(2030, 1, 1));
    assert_eq!(got[0].share, 1.0);
    assert!(got[0].met());
    assert!(!got[0].overdue);
    assert_eq!(got[0].percent(), 100);
}

// ---------------------------------------------------------------------------------
// Summary and overview
// ---------------------------------------------------------------------------------

#[test]
fn summary_counts_met_and_overdue_targets() {
    let p = project("healthy-lifestyle");
    // On 2025-10-01: met are raids 2/2 and leaflets 1000/1000; overdue is contests
    // (2/4 by 2025-09-30); meetings, seminars and videos are due later.
    let s = summary(&progress(&p, &[], date(2025, 10, 1)));
    assert_eq!(
        s,
        ProjectSummary {
            targets: 6,
            met: 2,
            overdue: 1
        }
    );
    assert!(!s.all_met());
    // After the project's end every unmet target is overdue: meetings 7/10, seminars
    // 6/10, contests 2/4, videos 1/3.
    let s = summary(&progress(&p, &[], date(2025, 12, 1)));
    assert_eq!((s.met, s.overdue), (2, 4));

    // The anti-corruption project's contests are met; meetings 3/6 were due 08-31,
    // videos 0/2 due 09-30.
    let a = project("anti-corruption");
    let s = summary(&progress(&a, &[], date(2025, 9, 15)));
    assert_eq!((s.targets, s.met, s.overdue), (3, 1, 1));

    assert!(summary(&[]).all_met(), "no targets: nothing left to do");
}

#[test]
fn overview_skips_deleted_projects_and_keeps_each_projects_own_log() {
    let mut projects = demo_projects();
    let gone = projects[1].meta.id;
    projects[1].meta.deleted = true;
    let hl = projects[0].clone();
    let meetings = target_id(&hl, "Drug-prevention meetings");
    let acts = vec![
        logged(&hl, meetings, date(2025, 10, 2), 1, 10),
        deleted(logged(&hl, meetings, date(2025, 10, 3), 1, 20)),
    ];
    let view = overview(&projects, &acts, date(2025, 10, 10));
    assert_eq!(view.len(), 6);
    assert!(view.iter().all(|v| v.project.meta.id != gone));
    assert_eq!(view[0].project.meta.id, hl.meta.id);
    assert_eq!(
        view[0].log.len(),
        1,
        "the deleted activity is not in the log"
    );
    assert_eq!(view[0].log[0].on, date(2025, 10, 2));
    assert_eq!(
        view[0].target(meetings).map(|t| t.planned),
        Some(10),
        "the log finds its target"
    );
    assert!(view[1..].iter().all(|v| v.log.is_empty()));
}

#[test]
fn the_log_is_latest_first_then_by_creation() {
    let p = project("zhaidarman");
    let games = target_id(&p, "Games held");
    let a = logged(&p, games, date(2025, 5, 1), 1, 30); // made last, earliest date
    let b = logged(&p, games, date(2025, 6, 20), 1, 10);
    let c = logged(&p, games, date(2025, 6, 20), 1, 20); // same date, made after b
    let acts = vec![a.clone(), b.clone(), c.clone()];
    let log: Vec<Uuid> = log_of(p.meta.id, &acts).iter().map(|x| x.meta.id).collect();
    assert_eq!(log, vec![c.meta.id, b.meta.id, a.meta.id]);
}

// ---------------------------------------------------------------------------------
// Rules of a logged activity
// ---------------------------------------------------------------------------------

#[test]
fn check_activity_accepts_the_period_boundaries_and_refuses_outside() {
    let p = project("offence-prevention"); // 2025-03-01 .. 2025-10-31
    let t = target_id(&p, "Meetings with law-enforcement officers");
    let today = date(2025, 12, 1);
    for ok in [date(2025, 3, 1), date(2025, 9, 25), date(2025, 10, 31)] {
        assert_eq!(check_activity(&p, &logged(&p, t, ok, 1, 1), today), vec![]);
    }
    assert_eq!(
        check_activity(&p, &logged(&p, t, date(2025, 2, 28), 1, 1), today),
        vec![ActivityError::BeforeStart {
            start: date(2025, 3, 1)
        }]
    );
    assert_eq!(
        check_activity(&p, &logged(&p, t, date(2025, 11, 1), 1, 1), today),
        vec![ActivityError::AfterEnd {
            end: date(2025, 10, 31)
        }]
    );
    // Inside the period but after today: not happened yet.
    let early = date(2025, 6, 10);
    assert_eq!(
        check_activity(&p, &logged(&p, t, date(2025, 6, 11), 1, 1), early),
        vec![ActivityError::InFuture { today: early }]
    );
    assert_eq!(
        check_activity(&p, &logged(&p, t, early, 1, 1), early),
        vec![]
    );
}

#[test]
fn check_activity_refuses_a_target_or_project_not_its_own() {
    let p = project("offence-prevention");
    let other = project("healthy-lifestyle");
    let foreign_target = target_id(&other, "Drug-prevention meetings");
    let mut a = logged(&p, foreign_target, date(2025, 9, 25), 0, 1);
    a.note = "ы".repeat(NOTE_MAX_CHARS + 1);
    let errors = check_activity(&p, &a, date(2025, 12, 1));
    assert_eq!(
        errors,
        vec![
            ActivityError::TargetNotInProject,
            ActivityError::BadCount,
            ActivityError::NoteTooLong {
                max: NOTE_MAX_CHARS
            },
        ]
    );
    let fields: Vec<ActivityField> = errors.iter().map(|e| e.field()).collect();
    assert_eq!(
        fields,
        vec![
            ActivityField::Target,
            ActivityField::Count,
            ActivityField::Note
        ]
    );

    let mut moved = logged(&p, target_id(&p, "Excursion"), date(2025, 6, 1), 1, 1);
    moved.project = other.meta.id;
    assert_eq!(
        check_activity(&p, &moved, date(2025, 12, 1)),
        vec![ActivityError::WrongProject]
    );
    assert_eq!(ActivityError::WrongProject.field(), ActivityField::Project);
}

fn input<'a>(target: &'a str, on: &'a str, count: &'a str) -> ActivityInput<'a> {
    ActivityInput {
        target,
        on,
        count,
        attendees: "",
        note: "",
    }
}

#[test]
fn the_form_reads_what_people_type() {
    let p = project("offence-prevention");
    let t = target_id(&p, "Meetings with law-enforcement officers");
    let ts = t.to_string();
    let today = date(2025, 9, 25);
    let fields = parse_activity(
        &p,
        &ActivityInput {
            target: &ts,
            on: "2025-09-25",
            count: " 1 ",
            attendees: "40",
            note: "  meeting held on 25 September, 40 students, with police officers \n",
        },
        today,
    )
    .expect("valid");
    assert_eq!(
        fields,
        ActivityFields {
            target: t,
            on: today,
            count: 1,
            attendees: Some(40),
            note: "meeting held on 25 September, 40 students, with police officers".into(),
        }
    );
    let leaflets = target_id(&p, "Information leaflets").to_string();
    for (typed, want) in [
        ("1 000", 1000),
        ("1\u{a0}000", 1000),
        ("250", 250),
        ("007", 7),
    ] {
        let f = parse_activity(&p, &input(&leaflets, "2025-07-01", typed), today).expect(typed);
        assert_eq!(f.count, want, "{typed:?}");
        assert_eq!(f.attendees, None, "blank attendees: not counted");
    }
    let a = parse_activity(&p, &input(&ts, "2025-09-01", "1"), today)
        .unwrap()
        .into_activity(
            Meta::new(
                Uuid::from_u128(5),
                p.meta.forum,
                Hlc::new(1, 0, DeviceId::new("x").unwrap()),
            ),
            p.meta.id,
        );
    assert_eq!(a.project, p.meta.id);
    assert_eq!(a.target, t);
    assert!(a.validate().is_ok());
}

#[test]
fn the_form_names_every_wrong_field_once() {
    let p = project("offence-prevention");
    let ts = target_id(&p, "Excursion").to_string();
    let today = date(2025, 9, 25);
    let err = |i: ActivityInput<'_>| parse_activity(&p, &i, today).expect_err("invalid");

    for bad in ["", "0", "-1", "2.5", "abc", "99999999999"] {
        assert_eq!(
            err(input(&ts, "2025-09-01", bad)),
            vec![ActivityError::BadCount],
            "{bad:?}"
        );
    }
    assert_eq!(
        err(ActivityInput {
            attendees: "forty",
            ..input(&ts, "2025-09-01", "1")
        }),
        vec![ActivityError::BadAttendees]
    );
    assert_eq!(err(input(&ts, "", "1")), vec![ActivityError::NoDate]);
    assert_eq!(
        err(input(&ts, "25.09.2025", "1")),
        vec![ActivityError::NoDate]
    );
    assert_eq!(
        err(input(&ts, "2025-09-26", "1")),
        vec![ActivityError::InFuture { today }]
    );
    assert_eq!(
        err(input("", "2025-09-01", "1")),
        vec![ActivityError::NoTarget]
    );
    let other = target_id(&project("healthy-lifestyle"), "Contests").to_string();
    assert_eq!(
        err(input(&other, "2025-09-01", "1")),
        vec![ActivityError::TargetNotInProject]
    );
    assert_eq!(
        err(input("not-an-id", "2025-09-01", "1")),
        vec![ActivityError::TargetNotInProject]
    );

    // Everything wrong at once: one error per field, in the form's order.
    let long = "x".repeat(NOTE_MAX_CHARS + 1);
    assert_eq!(
        err(ActivityInput {
            target: "",
            on: "2025-02-01",
            count: "0",
            attendees: "-3",
            note: &long,
        }),
        vec![
            ActivityError::NoTarget,
            ActivityError::BeforeStart {
                start: date(2025, 3, 1)
            },
            ActivityError::BadCount,
            ActivityError::BadAttendees,
            ActivityError::NoteTooLong {
                max: NOTE_MAX_CHARS
            },
        ]
    );
    // A note of exactly the maximum (in characters, not bytes) is fine.
    let max = "ә".repeat(NOTE_MAX_CHARS);
    assert!(parse_activity(
        &p,
        &ActivityInput {
            note: &max,
            ..input(&ts, "2025-09-01", "1")
        },
        today
    )
    .is_ok());
}
