//! The reports benchmark (`benchReport`): a forum's dashboard
//! (`jiyn_core::report::dashboard`, what `/forum/:id/reports` computes after reading
//! the records) over generated data held in memory: `participants` people of the Oral
//! forum, check-in events for four in five of them (one in ten undone later), `hours`
//! volunteer hour entries over four months in mixed statuses, and ten social projects
//! with logged activities. Only the aggregation is timed (the data is made first);
//! writing every table as CSV is timed on its own.

use super::{collect_garbage, expect_count, js_error, now, pause, to_json, SETTLE_MS};
use chrono::{NaiveDate, TimeDelta, TimeZone, Utc};
use jiyn_core::demo::{generate_participants, oral_delegations, GeneratorSpec, Rng};
use jiyn_core::ids::new_id;
use jiyn_core::report::{self, Dashboard, ReportInput};
use jiyn_core::{
    Activity, CheckIn, CheckInAction, DeviceId, Hlc, HourLog, HourStatus, I18nText, Lang, Meta,
    Role, SocialProject, Target,
};
use serde::Serialize;
use uuid::Uuid;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct ReportTimes {
    participants: usize,
    checkins: usize,
    hours: usize,
    projects: usize,
    activities: usize,
    /// `report::dashboard`, once per run.
    aggregate_ms: Vec<f64>,
    /// Every table of the dashboard written as CSV (`report::*_csv`), once per run.
    csv_ms: Vec<f64>,
    /// Checks: registered and checked-in people, approved minutes.
    registered: usize,
    checked_in: usize,
    approved_minutes: i64,
}

struct Data {
    people: Vec<jiyn_core::Participant>,
    events: Vec<CheckIn>,
    hours: Vec<HourLog>,
    projects: Vec<SocialProject>,
    activities: Vec<Activity>,
}

fn stamp(device: &DeviceId, n: u64) -> Hlc {
    Hlc::new(1_735_700_000_000 + n, 0, device.clone())
}

fn generate(forum: Uuid, participants: usize, hours: usize) -> Result<Data, JsValue> {
    let device = DeviceId::new("bench-report").map_err(js_error)?;
    let delegations = oral_delegations();
    let people = generate_participants(
        &GeneratorSpec {
            forum,
            year: 2025,
            delegations: &delegations,
            seed: 0x7265_706f,
        },
        participants,
    );
    let mut rng = Rng::new(0x7274);
    let at = Utc
        .with_ymd_and_hms(2025, 11, 11, 4, 0, 0)
        .single()
        .ok_or_else(|| js_error("bad time"))?;
    let mut events = Vec::with_capacity(participants);
    let mut n = 0u64;
    for p in &people {
        if rng.below(5) == 0 {
            continue;
        }
        let event = |action, n: &mut u64| {
            *n += 1;
            CheckIn {
                meta: Meta::new(new_id(), forum, stamp(&device, *n)),
                participant: p.meta.id,
                action,
                desk: "desk-1".into(),
                at,
            }
        };
        events.push(event(CheckInAction::CheckIn, &mut n));
        if rng.below(10) == 0 {
            events.push(event(CheckInAction::Undo, &mut n));
        }
    }
    // Undos arrive from other desks later: shuffle so order does not decide.
    for i in (1..events.len()).rev() {
        events.swap(i, rng.below(i + 1));
    }

    let volunteers: Vec<Uuid> = people
        .iter()
        .filter(|p| p.role == Role::Volunteer)
        .map(|p| p.meta.id)
        .collect();
    if volunteers.is_empty() {
        return Err(js_error("no volunteers generated"));
    }
    let base = Utc
        .with_ymd_and_hms(2025, 9, 1, 0, 0, 0)
        .single()
        .ok_or_else(|| js_error("bad time"))?;
    let approved = HourStatus::Approved {
        by: "coordinator".into(),
        at: base,
    };
    let hours = (0..hours)
        .map(|i| {
            let started_at = base + TimeDelta::minutes(rng.below(120 * 24 * 60) as i64);
            let ended_at = (rng.below(50) != 0)
                .then(|| started_at + TimeDelta::minutes(30 + rng.below(600) as i64));
            let status = match rng.below(10) {
                0..=5 => approved.clone(),
                6 | 7 => HourStatus::Pending,
                8 => HourStatus::Rejected {
                    by: "coordinator".into(),
                    at: base,
                    reason: "duplicate".into(),
                },
                _ => HourStatus::NoShow {
                    by: "coordinator".into(),
                    at: base,
                },
            };
            HourLog {
                meta: Meta::new(new_id(), forum, stamp(&device, 1_000_000 + i as u64)),
                volunteer: volunteers[rng.below(volunteers.len())],
                shift: None,
                task: "Registration".into(),
                started_at,
                ended_at,
                status,
                note: String::new(),
            }
        })
        .collect();

    let day = |d| NaiveDate::from_ymd_opt(2025, 10, d).ok_or_else(|| js_error("bad date"));
    let mut projects = Vec::new();
    let mut activities = Vec::new();
    for k in 0..10u32 {
        let targets: Vec<Target> = (0..4u32)
            .map(|t| Target {
                id: new_id(),
                metric: I18nText::new(
                    &format!("Көрсеткіш {t}"),
                    &format!("Показатель {t}"),
                    &format!("Metric {t}"),
                ),
                unit: I18nText::default(),
                planned: 20 + 10 * t,
                done: t,
                deadline: day(1 + t * 7).ok(),
            })
            .collect();
        let project = SocialProject {
            meta: Meta::new(new_id(), forum, stamp(&device, 2_000_000 + u64::from(k))),
            title: I18nText::new(
                &format!("Жоба {k}"),
                &format!("Проект {k}"),
                &format!("Project {k}"),
            ),
            organisation: I18nText::new(
                "Жастар ресурстық орталығы",
                "Молодёжный ресурсный центр",
                "Youth resource centre",
            ),
            period_start: day(1)?,
            period_end: day(31)?,
            targets,
        };
        for a in 0..50u64 {
            let target = project.targets[rng.below(project.targets.len())].id;
            activities.push(Activity {
                meta: Meta::new(
                    new_id(),
                    forum,
                    stamp(&device, 3_000_000 + u64::from(k) * 100 + a),
                ),
                project: project.meta.id,
                target,
                on: day(1 + rng.below(28) as u32)?,
                count: 1 + rng.below(3) as u32,
                attendees: None,
                note: String::new(),
            });
        }
        projects.push(project);
    }
    Ok(Data {
        people,
        events,
        hours,
        projects,
        activities,
    })
}

/// Every table of the dashboard as CSV; returns the total length (so nothing is
/// optimised away).
fn all_csv(d: &Dashboard) -> usize {
    let head4 = ["name", "registered", "checked in", "%"];
    let mut len = 0;
    for groups in [&d.by_region, &d.by_district, &d.by_delegation] {
        len += report::groups_csv(head4, groups, "-").len();
    }
    len += report::keyed_csv(head4, &d.by_age, |b| format!("{b:?}")).len();
    len += report::keyed_csv(head4, &d.by_role, |r| format!("{r:?}")).len();
    len += report::statuses_csv(
        ["status", "minutes", "entries"],
        ["approved", "pending", "rejected", "no-show"],
        &d.hours,
    )
    .len();
    let period = ["period", "approved", "pending", "rejected", "no-show"];
    len += report::periods_csv(period, &d.hours.by_month).len();
    len += report::periods_csv(period, &d.hours.by_day).len();
    len += report::volunteers_csv(["name", "minutes", "entries"], &d.hours.by_volunteer).len();
    len += report::projects_csv(
        [
            "p", "o", "t", "u", "plan", "done", "%", "deadline", "overdue",
        ],
        &d.projects,
        Lang::Kk,
        ["yes", "no"],
    )
    .len();
    len
}

/// Generates a forum of `participants` people and `hours` hour entries in memory, then
/// computes its dashboard `runs` times (each after a pause and a garbage collection),
/// timing `report::dashboard` alone, and every table's CSV separately.
#[wasm_bindgen(js_name = benchReport)]
pub async fn bench_report(participants: u32, hours: u32, runs: u32) -> Result<String, JsValue> {
    let forum = new_id();
    let data = generate(forum, participants as usize, hours as usize)?;
    let zone = jiyn_core::tz::zone("Asia/Oral").ok_or_else(|| js_error("no zone"))?;
    let input = ReportInput {
        participants: &data.people,
        checkins: &data.events,
        hours: &data.hours,
        projects: &data.projects,
        activities: &data.activities,
        zone,
        year: 2025,
        today: NaiveDate::from_ymd_opt(2025, 10, 20).ok_or_else(|| js_error("bad date"))?,
    };
    let mut aggregate_ms = Vec::new();
    let mut csv_ms = Vec::new();
    let mut last = Dashboard::default();
    for _ in 0..runs.max(1) {
        pause(SETTLE_MS / 4).await;
        collect_garbage();
        let start = now();
        let d = report::dashboard(&input);
        aggregate_ms.push(now() - start);
        let start = now();
        let len = all_csv(&d);
        csv_ms.push(now() - start);
        if len == 0 {
            return Err(js_error("empty CSV"));
        }
        last = d;
    }
    // Checks outside the clocks.
    expect_count("registered", last.total.registered, data.people.len())?;
    let inside = {
        let attendance = jiyn_core::desk::Attendance::from_events(&data.events);
        data.people
            .iter()
            .filter(|p| attendance.is_checked_in(p.meta.id))
            .count()
    };
    expect_count("checked in", last.total.checked_in, inside)?;
    expect_count("hour entries", last.hours.entries(), data.hours.len())?;
    expect_count("projects", last.projects.len(), data.projects.len())?;
    to_json(&ReportTimes {
        participants: data.people.len(),
        checkins: data.events.len(),
        hours: data.hours.len(),
        projects: data.projects.len(),
        activities: data.activities.len(),
        aggregate_ms,
        csv_ms,
        registered: last.total.registered,
        checked_in: last.total.checked_in,
        approved_minutes: last.hours.approved.minutes,
    })
}
