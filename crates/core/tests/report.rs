//! Reports (`jiyn_core::report`): a hand-computed forum (7 people, check-in events with
//! undos and a tombstone, hour entries across midnight and months, in Asia/Almaty and
//! in UTC), the CSV files, merging forums, and property tests against a slow reference.
//!
//! `cargo test --release -p jiyn-core --test report -- --ignored --nocapture` prints the
//! time to aggregate 50,000 participants and 20,000 hour entries on the host.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use jiyn_core::report::*;
use jiyn_core::tz::{self, Zone};
use jiyn_core::*;
use proptest::prelude::*;
use uuid::Uuid;

// ---------------------------------------------------------------------------------
// Helpers

const FORUM: u128 = 1;

fn device() -> DeviceId {
    DeviceId::new("test").unwrap()
}

fn meta_at(id: u128, wall_ms: u64) -> Meta {
    Meta::new(
        Uuid::from_u128(id),
        Uuid::from_u128(FORUM),
        Hlc::new(wall_ms, 0, device()),
    )
}

fn meta(id: u128) -> Meta {
    meta_at(id, 1_700_000_000_000)
}

fn zone(name: &str) -> Zone {
    tz::zone(name).unwrap()
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(
    id: u128,
    name: &str,
    region: &str,
    district: &str,
    birth_year: Option<i32>,
    role: Role,
    delegation: Option<&str>,
) -> Participant {
    Participant {
        meta: meta(id),
        full_name: name.into(),
        phone: None,
        region: region.into(),
        district: district.into(),
        organisation: String::new(),
        birth_year,
        role,
        delegation: delegation.map(Into::into),
        badge_code: format!("B{id}"),
        iin: None,
        head_of_delegation: false,
        consent: None,
    }
}

fn event(id: u128, who: u128, action: CheckInAction, stamp: u64) -> CheckIn {
    CheckIn {
        meta: meta_at(id, stamp),
        participant: Uuid::from_u128(who),
        action,
        desk: "desk-1".into(),
        at: utc(2025, 3, 1, 4, 0),
    }
}

fn approved() -> HourStatus {
    HourStatus::Approved {
        by: "coordinator".into(),
        at: utc(2025, 3, 10, 0, 0),
    }
}

fn hour(
    id: u128,
    who: u128,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    status: HourStatus,
) -> HourLog {
    HourLog {
        meta: meta(id),
        volunteer: Uuid::from_u128(who),
        shift: None,
        task: "Registration".into(),
        started_at: start,
        ended_at: end,
        status,
        note: String::new(),
    }
}

fn tally(registered: usize, checked_in: usize) -> Tally {
    Tally {
        registered,
        checked_in,
    }
}

fn group(name: &str, registered: usize, checked_in: usize) -> Group {
    Group {
        name: name.into(),
        tally: tally(registered, checked_in),
    }
}

fn period(p: &str, approved: i64, pending: i64, rejected: i64, no_show: i64) -> PeriodHours {
    PeriodHours {
        period: p.into(),
        approved,
        pending,
        rejected,
        no_show,
    }
}

// ---------------------------------------------------------------------------------
// The hand-computed forum

struct Fixture {
    people: Vec<Participant>,
    events: Vec<CheckIn>,
    hours: Vec<HourLog>,
    projects: Vec<SocialProject>,
    activities: Vec<Activity>,
}

/// Seven people (one deleted), events with undos, one event tombstoned, one event of
/// the deleted person; hour entries (UTC times; Almaty is UTC+5 in 2025):
///
/// | entry | who | status | UTC | Almaty local | minutes |
/// |---|---|---|---|---|---|
/// | 1 | Dana | approved | Jan 31 18:00 – 20:00 | Jan 31 23:00 – Feb 1 01:00 | 120 |
/// | 2 | Dana | approved | Feb 1 03:00 – 07:30 | Feb 1 08:00 – 12:30 | 270 |
/// | 3 | Erlan | approved | Feb 28 20:00 – Mar 1 02:00 | Mar 1 01:00 – 07:00 | 360 |
/// | 4 | Erlan | pending | Mar 1 10:00 – 11:45 | Mar 1 15:00 – 16:45 | 105 |
/// | 5 | Dana | rejected | Jan 15 05:00 – 06:00 | Jan 15 10:00 – 11:00 | 60 |
/// | 6 | Erlan | no-show | Mar 2 04:00 – 08:00 | Mar 2 09:00 – 13:00 | 240 |
/// | 7 | Dana | approved, deleted | — | — | (600) |
/// | 8 | Erlan | pending, running | Mar 2 09:00 – | | — |
/// | 9 | Zhanna (deleted person) | approved | Feb 10 05:00 – 05:30 | Feb 10 10:00 – 10:30 | 30 |
fn fixture() -> Fixture {
    let mut zhanna = person(
        7,
        "Zhanna",
        "Almaty",
        "Medeu",
        Some(2005),
        Role::Volunteer,
        Some("Almaty"),
    );
    zhanna.meta.deleted = true;
    let people = vec![
        person(
            1,
            "Aigerim",
            "Almaty",
            "Medeu",
            Some(2010),
            Role::Participant,
            Some("Almaty"),
        ),
        person(
            2,
            "Dana",
            "Almaty",
            "Bostandyk",
            Some(2000),
            Role::Volunteer,
            Some("Almaty"),
        ),
        person(
            3,
            "Bolat",
            "Oral",
            "",
            Some(2012),
            Role::Participant,
            Some("Oral"),
        ),
        person(4, "Guest", "", "", None, Role::Guest, None),
        person(
            5,
            "Marat",
            " Oral ",
            "Zhaiyk",
            Some(1985),
            Role::Staff,
            Some(" Oral "),
        ),
        person(
            6,
            "Erlan",
            "Almaty",
            "Medeu",
            Some(1990),
            Role::Volunteer,
            Some("Almaty"),
        ),
        zhanna,
    ];
    use CheckInAction::{CheckIn as In, Undo};
    let mut tombstoned = event(16, 6, In, 400);
    tombstoned.meta.deleted = true;
    let events = vec![
        event(10, 1, In, 100),
        event(11, 1, Undo, 200),
        event(12, 2, In, 150),
        // Listed before the check-in it does not undo: the stamp decides, not the order.
        event(14, 3, In, 300),
        event(13, 3, Undo, 250),
        event(15, 7, In, 120),
        tombstoned,
    ];
    let mut deleted_hour = hour(
        27,
        2,
        utc(2025, 2, 5, 3, 0),
        Some(utc(2025, 2, 5, 13, 0)),
        approved(),
    );
    deleted_hour.meta.deleted = true;
    let hours = vec![
        hour(
            21,
            2,
            utc(2025, 1, 31, 18, 0),
            Some(utc(2025, 1, 31, 20, 0)),
            approved(),
        ),
        hour(
            22,
            2,
            utc(2025, 2, 1, 3, 0),
            Some(utc(2025, 2, 1, 7, 30)),
            approved(),
        ),
        hour(
            23,
            6,
            utc(2025, 2, 28, 20, 0),
            Some(utc(2025, 3, 1, 2, 0)),
            approved(),
        ),
        hour(
            24,
            6,
            utc(2025, 3, 1, 10, 0),
            Some(utc(2025, 3, 1, 11, 45)),
            HourStatus::Pending,
        ),
        hour(
            25,
            2,
            utc(2025, 1, 15, 5, 0),
            Some(utc(2025, 1, 15, 6, 0)),
            HourStatus::Rejected {
                by: "coordinator".into(),
                at: utc(2025, 1, 16, 0, 0),
                reason: "duplicate".into(),
            },
        ),
        hour(
            26,
            6,
            utc(2025, 3, 2, 4, 0),
            Some(utc(2025, 3, 2, 8, 0)),
            HourStatus::NoShow {
                by: "coordinator".into(),
                at: utc(2025, 3, 2, 9, 0),
            },
        ),
        deleted_hour,
        hour(28, 6, utc(2025, 3, 2, 9, 0), None, HourStatus::Pending),
        hour(
            29,
            7,
            utc(2025, 2, 10, 5, 0),
            Some(utc(2025, 2, 10, 5, 30)),
            approved(),
        ),
    ];
    let target = |id: u128, metric: &str, planned: u32, done: u32, deadline| Target {
        id: Uuid::from_u128(id),
        metric: I18nText::new(metric, metric, metric),
        unit: I18nText::default(),
        planned,
        done,
        deadline,
    };
    let project = SocialProject {
        meta: meta(40),
        title: I18nText::new("Таза аула", "Чистый двор", "Clean yard"),
        organisation: I18nText::new("Жастар", "Молодёжь", "Youth"),
        period_start: date(2025, 1, 1),
        period_end: date(2025, 6, 30),
        targets: vec![
            target(41, "meetings", 10, 2, Some(date(2025, 3, 1))),
            target(42, "=leaflets", 5, 5, None),
        ],
    };
    let mut gone = project.clone();
    gone.meta = meta(50);
    gone.meta.deleted = true;
    let activity = |id: u128, target: u128, count: u32| Activity {
        meta: meta(id),
        project: Uuid::from_u128(40),
        target: Uuid::from_u128(target),
        on: date(2025, 2, 1),
        count,
        attendees: None,
        note: String::new(),
    };
    Fixture {
        people,
        events,
        hours,
        projects: vec![project, gone],
        activities: vec![activity(43, 41, 3), activity(44, 41, 4)],
    }
}

fn report_in(f: &Fixture, zone_name: &str) -> Dashboard {
    dashboard(&ReportInput {
        participants: &f.people,
        checkins: &f.events,
        hours: &f.hours,
        projects: &f.projects,
        activities: &f.activities,
        zone: zone(zone_name),
        year: 2025,
        today: date(2025, 3, 10),
    })
}

#[test]
fn registered_and_checked_in() {
    let d = report_in(&fixture(), "Asia/Almaty");
    // Registered: 6 live people. Checked in: Dana (in), Bolat (in at 300 after an undo
    // at 250); Aigerim undone, Erlan's only event tombstoned, Zhanna deleted.
    assert_eq!(d.total, tally(6, 2));
    assert_eq!(
        d.by_region,
        vec![group("Almaty", 3, 1), group("Oral", 2, 1), group("", 1, 0)]
    );
    // Ties by name; "not given" last even though it has more people.
    assert_eq!(
        d.by_district,
        vec![
            group("Medeu", 2, 0),
            group("Bostandyk", 1, 1),
            group("Zhaiyk", 1, 0),
            group("", 2, 1),
        ]
    );
    assert_eq!(
        d.by_delegation,
        vec![group("Almaty", 3, 1), group("Oral", 2, 1), group("", 1, 0)]
    );
    assert_eq!(
        d.by_age,
        vec![
            (AgeBand::Under14, tally(1, 1)),
            (AgeBand::Age14To17, tally(1, 0)),
            (AgeBand::Age18To24, tally(0, 0)),
            (AgeBand::Age25To29, tally(1, 1)),
            (AgeBand::Age30To35, tally(1, 0)),
            (AgeBand::Over35, tally(1, 0)),
            (AgeBand::Unknown, tally(1, 0)),
        ]
    );
    assert_eq!(d.youth(), tally(3, 1));
    assert_eq!(
        d.by_role,
        vec![
            (Role::Participant, tally(2, 1)),
            (Role::Speaker, tally(0, 0)),
            (Role::Volunteer, tally(2, 1)),
            (Role::Guest, tally(1, 0)),
            (Role::Staff, tally(1, 0)),
        ]
    );
}

#[test]
fn checked_in_agrees_with_the_model() {
    let f = fixture();
    let d = report_in(&f, "UTC");
    let by_model = f
        .people
        .iter()
        .filter(|p| !p.meta.deleted)
        .filter(|p| is_checked_in(f.events.iter().filter(|e| e.participant == p.meta.id)))
        .count();
    assert_eq!(d.total.checked_in, by_model);
}

#[test]
fn age_bands_at_their_edges() {
    let cases = [
        (None, AgeBand::Unknown),
        (Some(2026), AgeBand::Unknown),
        (Some(2025), AgeBand::Under14),
        (Some(2012), AgeBand::Under14),
        (Some(2011), AgeBand::Age14To17),
        (Some(2008), AgeBand::Age14To17),
        (Some(2007), AgeBand::Age18To24),
        (Some(2001), AgeBand::Age18To24),
        (Some(2000), AgeBand::Age25To29),
        (Some(1996), AgeBand::Age25To29),
        (Some(1995), AgeBand::Age30To35),
        (Some(1990), AgeBand::Age30To35),
        (Some(1989), AgeBand::Over35),
    ];
    for (born, band) in cases {
        assert_eq!(AgeBand::of(born, 2025), band, "{born:?}");
    }
    assert!(!AgeBand::Under14.is_youth() && !AgeBand::Over35.is_youth());
    assert!(AgeBand::Age14To17.is_youth() && AgeBand::Age30To35.is_youth());
}

#[test]
fn hours_by_status_and_volunteer() {
    let d = report_in(&fixture(), "Asia/Almaty");
    let h = &d.hours;
    assert_eq!(
        h.approved,
        StatusTotal {
            minutes: 120 + 270 + 360 + 30,
            entries: 4
        }
    );
    assert_eq!(
        h.pending,
        StatusTotal {
            minutes: 105,
            entries: 2
        }
    );
    assert_eq!(
        h.rejected,
        StatusTotal {
            minutes: 60,
            entries: 1
        }
    );
    assert_eq!(
        h.no_show,
        StatusTotal {
            minutes: 240,
            entries: 1
        }
    );
    assert_eq!(h.running, 1);
    assert_eq!(h.entries(), 8);
    let volunteers: Vec<(&str, i64, usize)> = h
        .by_volunteer
        .iter()
        .map(|v| (v.name.as_str(), v.minutes, v.entries))
        .collect();
    // Zhanna's record is deleted, but it still names her approved hours.
    assert_eq!(
        volunteers,
        vec![("Dana", 390, 2), ("Erlan", 360, 1), ("Zhanna", 30, 1)]
    );
}

#[test]
fn hours_by_forum_local_month_and_day() {
    let f = fixture();
    let almaty = report_in(&f, "Asia/Almaty").hours;
    assert_eq!(
        almaty.by_day,
        vec![
            period("2025-01-15", 0, 0, 60, 0),
            period("2025-01-31", 60, 0, 0, 0),
            period("2025-02-01", 60 + 270, 0, 0, 0),
            period("2025-02-10", 30, 0, 0, 0),
            period("2025-03-01", 360, 105, 0, 0),
            period("2025-03-02", 0, 0, 0, 240),
        ]
    );
    assert_eq!(
        almaty.by_month,
        vec![
            period("2025-01", 60, 0, 60, 0),
            period("2025-02", 360, 0, 0, 0),
            period("2025-03", 360, 105, 0, 240),
        ]
    );
    let utc = report_in(&f, "UTC").hours;
    assert_eq!(
        utc.by_day,
        vec![
            period("2025-01-15", 0, 0, 60, 0),
            period("2025-01-31", 120, 0, 0, 0),
            period("2025-02-01", 270, 0, 0, 0),
            period("2025-02-10", 30, 0, 0, 0),
            period("2025-02-28", 240, 0, 0, 0),
            period("2025-03-01", 120, 105, 0, 0),
            period("2025-03-02", 0, 0, 0, 240),
        ]
    );
    assert_eq!(
        utc.by_month,
        vec![
            period("2025-01", 120, 0, 60, 0),
            period("2025-02", 270 + 30 + 240, 0, 0, 0),
            period("2025-03", 120, 105, 0, 240),
        ]
    );
    // Status totals do not depend on the zone.
    assert_eq!(almaty.statuses(), utc.statuses());
}

#[test]
fn split_at_local_midnights() {
    let split = |zone_name: &str, start, end| {
        let mut out = Vec::new();
        split_by_day(zone(zone_name), start, end, |d, m| out.push((d, m)));
        out
    };
    // Three local days in Almaty (UTC+5 in 2025): 05:00 on the 1st to 05:00 on the 3rd.
    assert_eq!(
        split("Asia/Almaty", utc(2025, 3, 1, 0, 0), utc(2025, 3, 3, 0, 0)),
        vec![
            (date(2025, 3, 1), 19 * 60),
            (date(2025, 3, 2), 24 * 60),
            (date(2025, 3, 3), 5 * 60)
        ]
    );
    // Almaty's clocks went back from 00:00 (+6) to 23:00 (+5) on 2024-03-01, so 29
    // February lasted until 19:00 UTC.
    assert_eq!(
        split(
            "Asia/Almaty",
            utc(2024, 2, 29, 17, 30),
            utc(2024, 2, 29, 19, 30)
        ),
        vec![(date(2024, 2, 29), 90), (date(2024, 3, 1), 30)]
    );
    // Ending exactly at local midnight: all on the first day.
    assert_eq!(
        split(
            "Asia/Almaty",
            utc(2025, 3, 1, 17, 0),
            utc(2025, 3, 1, 19, 0)
        ),
        vec![(date(2025, 3, 1), 120)]
    );
    // Seconds: 100 s is one whole minute, and the pieces never add up to more.
    let start = Utc.with_ymd_and_hms(2025, 3, 1, 18, 59, 30).unwrap();
    let end = Utc.with_ymd_and_hms(2025, 3, 1, 19, 1, 10).unwrap();
    assert_eq!(
        split("Asia/Almaty", start, end),
        vec![(date(2025, 3, 2), 1)]
    );
    // A timer stopped 20 s after midnight, started at :30 s: its whole minutes all fall
    // before midnight, and the new day gets no empty piece (found by the property test).
    let start = Utc.with_ymd_and_hms(2025, 3, 1, 17, 0, 30).unwrap();
    let end = Utc.with_ymd_and_hms(2025, 3, 1, 19, 0, 20).unwrap();
    assert_eq!(
        split("Asia/Almaty", start, end),
        vec![(date(2025, 3, 1), 119)]
    );
    // Empty and backwards entries give nothing.
    assert!(split("UTC", end, start).is_empty());
    assert!(split("UTC", start, start).is_empty());
}

#[test]
fn project_progress() {
    let d = report_in(&fixture(), "Asia/Almaty");
    assert_eq!(d.projects.len(), 1, "the deleted project is left out");
    let p = &d.projects[0];
    // meetings: 2 kept + 3 + 4 logged = 9 of 10, deadline passed: overdue.
    assert_eq!(p.targets[0].done, 9);
    assert!(p.targets[0].overdue);
    assert_eq!(p.targets[1].done, 5);
    assert!(!p.targets[1].overdue);
    assert_eq!((p.met(), p.overdue()), (1, 1));
}

// ---------------------------------------------------------------------------------
// CSV

const BOM: &str = "\u{FEFF}";

#[test]
fn csv_of_groups_roles_and_ages() {
    let d = report_in(&fixture(), "Asia/Almaty");
    let text = groups_csv(
        ["Region", "Registered", "Checked in", "%"],
        &d.by_region,
        "not given",
    );
    assert_eq!(
        text,
        format!("{BOM}Region;Registered;Checked in;%\r\nAlmaty;3;1;33\r\nOral;2;1;50\r\nnot given;1;0;0\r\n")
    );
    let text = keyed_csv(["Role", "R", "C", "%"], &d.by_role[..2], |r| {
        format!("{r:?}")
    });
    assert_eq!(
        text,
        format!("{BOM}Role;R;C;%\r\nParticipant;2;1;50\r\nSpeaker;0;0;0\r\n")
    );
}

#[test]
fn csv_cells_are_neutralised_and_quoted() {
    let groups = vec![group("=HYPERLINK(\"x\")", 1, 1), group("-1;2", 1, 0)];
    let text = groups_csv(["@name", "r", "c", "%"], &groups, "-");
    assert_eq!(
        text,
        format!("{BOM}'@name;r;c;%\r\n\"'=HYPERLINK(\"\"x\"\")\";1;1;100\r\n\"'-1;2\";1;0;0\r\n")
    );
    // It reads back as a spreadsheet would get it.
    let back = csv::parse(
        csv::decode(text.as_bytes()).text.as_str(),
        csv::Separator::Semicolon,
    )
    .unwrap();
    assert_eq!(back[1].fields[0], "'=HYPERLINK(\"x\")");
}

#[test]
fn csv_of_hours() {
    let d = report_in(&fixture(), "Asia/Almaty");
    assert_eq!(
        statuses_csv(
            ["Status", "Minutes", "Entries"],
            ["approved", "pending", "rejected", "no-show"],
            &d.hours
        ),
        format!("{BOM}Status;Minutes;Entries\r\napproved;780;4\r\npending;105;2\r\nrejected;60;1\r\nno-show;240;1\r\n")
    );
    assert_eq!(
        periods_csv(["Month", "A", "P", "R", "N"], &d.hours.by_month),
        format!("{BOM}Month;A;P;R;N\r\n2025-01;60;0;60;0\r\n2025-02;360;0;0;0\r\n2025-03;360;105;0;240\r\n")
    );
    assert_eq!(
        volunteers_csv(["Name", "Minutes", "Entries"], &d.hours.by_volunteer),
        format!("{BOM}Name;Minutes;Entries\r\nDana;390;2\r\nErlan;360;1\r\nZhanna;30;1\r\n")
    );
}

#[test]
fn csv_of_projects_and_forums() {
    let d = report_in(&fixture(), "Asia/Almaty");
    let text = projects_csv(
        [
            "P", "O", "T", "U", "Plan", "Done", "%", "Deadline", "Overdue",
        ],
        &d.projects,
        Lang::En,
        ["yes", "no"],
    );
    assert_eq!(
        text,
        format!(
            "{BOM}P;O;T;U;Plan;Done;%;Deadline;Overdue\r\n\
             Clean yard;Youth;meetings;;10;9;90;2025-03-01;yes\r\n\
             Clean yard;Youth;'=leaflets;;5;5;100;;no\r\n"
        )
    );
    let line = ForumLine::of(Uuid::from_u128(FORUM), &d);
    assert_eq!(
        line,
        ForumLine {
            forum: Uuid::from_u128(FORUM),
            tally: tally(6, 2),
            approved_minutes: 780,
            pending_minutes: 105,
            volunteers: 3,
            projects: 1,
            targets: 2,
            targets_met: 1,
            targets_overdue: 1,
        }
    );
    let header = ["F", "R", "C", "%", "A", "P", "V", "Pr", "T", "M", "O"];
    assert_eq!(
        forums_csv(header, &[("Forum".into(), line)]),
        format!("{BOM}F;R;C;%;A;P;V;Pr;T;M;O\r\nForum;6;2;33;780;105;3;1;2;1;1\r\n")
    );
}

#[test]
fn percentages_round_half_up() {
    let cases = [
        (0, 0, 0),
        (1, 3, 33),
        (2, 3, 67),
        (1, 2, 50),
        (1, 8, 13),
        (1, 200, 1),
        (1, 201, 0),
        (5, 5, 100),
    ];
    for (part, whole, want) in cases {
        assert_eq!(percent(part, whole), want, "{part}/{whole}");
    }
}

// ---------------------------------------------------------------------------------
// Several forums

#[test]
fn merging_forums_sums_everything() {
    let f = fixture();
    let d = report_in(&f, "Asia/Almaty");
    let merged = merge_dashboards([&d, &d]);
    assert_eq!(merged.total, tally(12, 4));
    assert_eq!(
        merged.by_region,
        vec![group("Almaty", 6, 2), group("Oral", 4, 2), group("", 2, 0)]
    );
    assert_eq!(merged.by_age[0], (AgeBand::Under14, tally(2, 2)));
    assert_eq!(merged.hours.approved.minutes, 2 * 780);
    assert_eq!(merged.hours.running, 2);
    assert_eq!(
        merged.hours.by_month[2],
        period("2025-03", 720, 210, 0, 480)
    );
    // The same volunteer (same id) in two parts: summed once.
    assert_eq!(merged.hours.by_volunteer.len(), 3);
    assert_eq!(merged.hours.by_volunteer[0].minutes, 780);
    assert_eq!(merged.projects.len(), 2);
    assert_eq!(merge_dashboards([&d]), d);
    assert_eq!(
        merge_dashboards([]),
        Dashboard {
            by_age: AgeBand::ALL
                .iter()
                .map(|b| (*b, Tally::default()))
                .collect(),
            by_role: Role::ALL.iter().map(|r| (*r, Tally::default())).collect(),
            ..Dashboard::default()
        }
    );
}

// ---------------------------------------------------------------------------------
// Properties

const REGIONS: [&str; 4] = ["Almaty", "Oral", "Astana", ""];
const DISTRICTS: [&str; 3] = ["Medeu", "Zhaiyk", ""];

#[derive(Debug, Clone)]
struct World {
    people: Vec<Participant>,
    events: Vec<CheckIn>,
    hours: Vec<HourLog>,
}

fn world() -> impl Strategy<Value = World> {
    let people = prop::collection::vec(
        (
            0..REGIONS.len(),
            0..DISTRICTS.len(),
            prop::option::of(1970..2030i32),
            0..Role::ALL.len(),
            prop::option::of(0..3usize),
            prop::bool::weighted(0.1),
        ),
        0..40,
    );
    let events = prop::collection::vec(
        (
            0..45u128,
            any::<bool>(),
            0..20u64,
            prop::bool::weighted(0.1),
        ),
        0..80,
    );
    let hours = prop::collection::vec(
        (
            0..45u128,
            0..4usize,
            0..(90 * 24 * 60i64),
            prop::option::of(0..(3 * 24 * 60 * 60i64)),
            prop::bool::weighted(0.1),
        ),
        0..40,
    );
    (people, events, hours).prop_map(|(people, events, hours)| {
        let people = people
            .into_iter()
            .enumerate()
            .map(|(i, (r, d, born, role, del, deleted))| {
                let mut p = person(
                    i as u128,
                    &format!("P{i}"),
                    REGIONS[r],
                    DISTRICTS[d],
                    born,
                    Role::ALL[role],
                    del.map(|k| ["Almaty", "Oral", " "][k]),
                );
                p.meta.deleted = deleted;
                p
            })
            .collect();
        let events = events
            .into_iter()
            .enumerate()
            .map(|(i, (who, is_in, stamp, deleted))| {
                let action = if is_in {
                    CheckInAction::CheckIn
                } else {
                    CheckInAction::Undo
                };
                // Equal wall times are broken by the counter (as stamps are).
                let mut e = event(1_000 + i as u128, who, action, stamp);
                e.meta.hlc = Hlc::new(stamp, i as u32, device());
                e.meta.deleted = deleted;
                e
            })
            .collect();
        let base = utc(2025, 1, 1, 0, 0);
        let hours = hours
            .into_iter()
            .enumerate()
            .map(|(i, (who, status, start_min, length_s, deleted))| {
                let status = match status {
                    0 => approved(),
                    1 => HourStatus::Pending,
                    2 => HourStatus::Rejected {
                        by: "c".into(),
                        at: base,
                        reason: String::new(),
                    },
                    _ => HourStatus::NoShow {
                        by: "c".into(),
                        at: base,
                    },
                };
                let start = base + chrono::TimeDelta::minutes(start_min);
                let end = length_s.map(|s| start + chrono::TimeDelta::seconds(s));
                let mut h = hour(2_000 + i as u128, who, start, end, status);
                h.meta.deleted = deleted;
                h
            })
            .collect();
        World {
            people,
            events,
            hours,
        }
    })
}

fn report_of(w: &World, zone_name: &str) -> Dashboard {
    dashboard(&ReportInput {
        participants: &w.people,
        checkins: &w.events,
        hours: &w.hours,
        projects: &[],
        activities: &[],
        zone: zone(zone_name),
        year: 2025,
        today: date(2025, 3, 1),
    })
}

fn sum(tallies: impl Iterator<Item = Tally>) -> Tally {
    tallies.fold(Tally::default(), |a, t| {
        tally(a.registered + t.registered, a.checked_in + t.checked_in)
    })
}

fn minutes_of(periods: &[PeriodHours]) -> [i64; 4] {
    periods.iter().fold([0; 4], |a, p| {
        [
            a[0] + p.approved,
            a[1] + p.pending,
            a[2] + p.rejected,
            a[3] + p.no_show,
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every breakdown adds up to the totals; the totals match a slow reference built
    /// on `is_checked_in` and `HourLog::minutes`.
    #[test]
    fn breakdowns_add_up(w in world(), zone_pick in 0..3usize) {
        let zone_name = ["Asia/Almaty", "UTC", "Europe/Berlin"][zone_pick];
        let d = report_of(&w, zone_name);
        let live: Vec<&Participant> = w.people.iter().filter(|p| !p.meta.deleted).collect();
        let inside = live
            .iter()
            .filter(|p| is_checked_in(w.events.iter().filter(|e| e.participant == p.meta.id)))
            .count();
        prop_assert_eq!(d.total, tally(live.len(), inside));
        prop_assert_eq!(sum(d.by_region.iter().map(|g| g.tally)), d.total);
        prop_assert_eq!(sum(d.by_district.iter().map(|g| g.tally)), d.total);
        prop_assert_eq!(sum(d.by_delegation.iter().map(|g| g.tally)), d.total);
        prop_assert_eq!(sum(d.by_age.iter().map(|(_, t)| *t)), d.total);
        prop_assert_eq!(sum(d.by_role.iter().map(|(_, t)| *t)), d.total);
        for groups in [&d.by_region, &d.by_district, &d.by_delegation] {
            for pair in groups.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                prop_assert!(!a.name.is_empty() || b.name.is_empty());
                if !b.name.is_empty() {
                    prop_assert!(
                        a.tally.registered > b.tally.registered
                            || (a.tally.registered == b.tally.registered && a.name < b.name)
                    );
                }
            }
        }

        let live_hours: Vec<&HourLog> = w.hours.iter().filter(|h| !h.meta.deleted).collect();
        let finished: i64 = live_hours.iter().filter_map(|h| h.minutes()).sum();
        let statuses: i64 = d.hours.statuses().iter().map(|s| s.minutes).sum();
        prop_assert_eq!(statuses, finished);
        prop_assert_eq!(d.hours.entries(), live_hours.len());
        prop_assert_eq!(d.hours.running, live_hours.iter().filter(|h| h.ended_at.is_none()).count());
        let by_status = d.hours.statuses().map(|s| s.minutes);
        prop_assert_eq!(minutes_of(&d.hours.by_day), by_status);
        prop_assert_eq!(minutes_of(&d.hours.by_month), by_status);
        let volunteers: i64 = d.hours.by_volunteer.iter().map(|v| v.minutes).sum();
        prop_assert_eq!(volunteers, d.hours.approved.minutes);
    }

    /// Splitting a forum's people (with their events and hours) in two and merging the
    /// two reports gives the report of the whole.
    #[test]
    fn merging_parts_gives_the_whole(w in world(), cut in 0..45u128) {
        let part = |keep: &dyn Fn(Uuid) -> bool| World {
            people: w.people.iter().filter(|p| keep(p.meta.id)).cloned().collect(),
            events: w.events.iter().filter(|e| keep(e.participant)).cloned().collect(),
            hours: w.hours.iter().filter(|h| keep(h.volunteer)).cloned().collect(),
        };
        let low = part(&|id| id.as_u128() < cut);
        let high = part(&|id| id.as_u128() >= cut);
        let whole = report_of(&w, "Asia/Almaty");
        let merged = merge_dashboards([&report_of(&low, "Asia/Almaty"), &report_of(&high, "Asia/Almaty")]);
        prop_assert_eq!(merged, whole);
    }

    /// Pieces of an entry add up to its minutes and land on consecutive local days.
    #[test]
    fn split_pieces_add_up(start_s in 0..(400 * 24 * 3600i64), length_s in 0..(5 * 24 * 3600i64), zone_pick in 0..3usize) {
        let zone_name = ["Asia/Almaty", "UTC", "Europe/Berlin"][zone_pick];
        let start = utc(2024, 1, 1, 0, 0) + chrono::TimeDelta::seconds(start_s);
        let end = start + chrono::TimeDelta::seconds(length_s);
        let mut pieces = Vec::new();
        split_by_day(zone(zone_name), start, end, |d, m| pieces.push((d, m)));
        let total: i64 = pieces.iter().map(|p| p.1).sum();
        prop_assert_eq!(total, (end - start).num_minutes());
        prop_assert!(pieces.iter().all(|p| p.1 > 0));
        for pair in pieces.windows(2) {
            prop_assert!(pair[0].0 < pair[1].0);
        }
    }
}

// ---------------------------------------------------------------------------------
// Size

/// 50,000 people, 40,000 events, 20,000 hour entries: prints the time (run in release).
#[test]
#[ignore = "timing; run with --release -- --ignored --nocapture"]
fn time_at_size() {
    use jiyn_core::demo::{generate_participants, oral_delegations, GeneratorSpec, Rng};
    let delegations = oral_delegations();
    let people = generate_participants(
        &GeneratorSpec {
            forum: Uuid::from_u128(FORUM),
            year: 2025,
            delegations: &delegations,
            seed: 7,
        },
        50_000,
    );
    let mut rng = Rng::new(11);
    let events: Vec<CheckIn> = (0..40_000u128)
        .map(|i| {
            let who = people[rng.below(people.len())].meta.id;
            let mut e = event(10_000_000 + i, 0, CheckInAction::CheckIn, 1_000 + i as u64);
            e.participant = who;
            if rng.below(10) == 0 {
                e.action = CheckInAction::Undo;
            }
            e
        })
        .collect();
    let volunteers: Vec<Uuid> = people
        .iter()
        .filter(|p| p.role == Role::Volunteer)
        .map(|p| p.meta.id)
        .collect();
    let base = utc(2025, 1, 1, 0, 0);
    let hours: Vec<HourLog> = (0..20_000u128)
        .map(|i| {
            let start = base + chrono::TimeDelta::minutes(rng.below(120 * 24 * 60) as i64);
            let end = start + chrono::TimeDelta::minutes(30 + rng.below(600) as i64);
            let mut h = hour(20_000_000 + i, 0, start, Some(end), approved());
            h.volunteer = volunteers[rng.below(volunteers.len())];
            h
        })
        .collect();
    let input = ReportInput {
        participants: &people,
        checkins: &events,
        hours: &hours,
        projects: &[],
        activities: &[],
        zone: zone("Asia/Oral"),
        year: 2025,
        today: date(2025, 3, 1),
    };
    let mut times = Vec::new();
    let mut d = Dashboard::default();
    for _ in 0..7 {
        let start = std::time::Instant::now();
        d = dashboard(&input);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "report of 50,000 people, 40,000 events, 20,000 hour entries: median {:.1} ms (min {:.1}, max {:.1})",
        times[3], times[0], times[6]
    );
    assert_eq!(d.total.registered, 50_000);
}

#[test]
fn unknown_zones_count_in_utc() {
    assert_eq!(zone_or_utc("asia/almaty").name(), "Asia/Almaty");
    assert_eq!(zone_or_utc("Mars/Olympus").name(), "UTC");
}
