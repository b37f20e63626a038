//! Snapshot of every stored or sent type, in its JSON form. A failing snapshot means
//! the stored format changed: that needs a schema migration (and an updated snapshot,
//! reviewed, in the same commit).

use chrono::{NaiveDate, TimeZone, Utc};
use jiyn_core::*;
use uuid::Uuid;

fn dev(s: &str) -> DeviceId {
    DeviceId::new(s).unwrap()
}

fn meta(n: u128) -> Meta {
    let mut m = Meta::new(
        Uuid::from_u128(n),
        Uuid::from_u128(1),
        Hlc::new(1_762_840_800_000, 0, dev("desk-1")),
    );
    m.hlc = Hlc::new(1_762_840_900_000, 2, dev("desk-2"));
    m.stamps.insert("full_name".into(), m.hlc.clone());
    m
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn forum() -> Forum {
    Forum {
        volunteering: Default::default(),
        signing_key: None,
        meta: Meta::new(
            Uuid::from_u128(1),
            Uuid::from_u128(1),
            Hlc::new(1_762_840_800_000, 0, dev("desk-1")),
        ),
        title: I18nText::new("Орал форумы", "Форум в Уральске", ""),
        city: I18nText::new("Орал", "Уральск", "Oral"),
        starts_on: date(2025, 11, 11),
        ends_on: date(2025, 11, 12),
        time_zone: "Asia/Oral".into(),
        format: ForumFormat::Tour,
        venues: vec![Venue {
            id: Uuid::from_u128(10),
            name: I18nText::new("Достық үйі", "Дом дружбы", "House of Friendship"),
            address: "Орал қ.".into(),
            rooms: vec![Room {
                id: Uuid::from_u128(11),
                name: I18nText::new("Үлкен зал", "", ""),
                capacity: Some(300),
            }],
        }],
        stops: vec![TourStop {
            id: Uuid::from_u128(12),
            district: I18nText::new("Жарқайың ауданы", "", ""),
            place: I18nText::new("Державинск", "", ""),
            address: String::new(),
            date: date(2025, 10, 13),
        }],
    }
}

fn session() -> Session {
    Session {
        meta: meta(2),
        title: I18nText::new("Диалог алаңы", "Диалоговая площадка", "Dialogue platform"),
        description: I18nText::new("«Алғашқы жұмыс»", "", ""),
        kind: SessionKind::DialoguePlatform,
        starts_at: date(2025, 11, 11).and_hms_opt(14, 0, 0).unwrap(),
        ends_at: date(2025, 11, 11).and_hms_opt(15, 30, 0).unwrap(),
        venue: Some(Uuid::from_u128(10)),
        room: Some(Uuid::from_u128(11)),
        stop: None,
        speakers: vec!["Вера Гах".into()],
        capacity: Some(30),
        languages: vec![Lang::Kk, Lang::Ru],
    }
}

fn participant() -> Participant {
    Participant {
        meta: meta(3),
        full_name: "Ақбота Оқасова".into(),
        phone: Some("+77000000001".into()),
        region: "Ақмола облысы".into(),
        district: "Есіл ауданы".into(),
        organisation: "ЖРО".into(),
        birth_year: Some(2009),
        role: Role::Volunteer,
        delegation: Some("Ақмола".into()),
        badge_code: "K7Q2M9XA".into(),
        iin: None,
        head_of_delegation: false,
        consent: Some(Consent {
            text_version: "2025-1".into(),
            language: Lang::Kk,
            given_at: Utc.with_ymd_and_hms(2025, 11, 11, 4, 0, 0).unwrap(),
            guardian: Some(Guardian {
                full_name: "Гүлнар Оқасова".into(),
                phone: None,
            }),
        }),
    }
}

fn checkin() -> CheckIn {
    CheckIn {
        meta: meta(4),
        participant: Uuid::from_u128(3),
        action: CheckInAction::Undo,
        desk: "Кіреберіс 1".into(),
        at: Utc.with_ymd_and_hms(2025, 11, 11, 4, 5, 0).unwrap(),
    }
}

fn hours() -> HourLog {
    HourLog {
        shift: None,
        meta: meta(5),
        volunteer: Uuid::from_u128(3),
        task: "Тіркеу үстелі".into(),
        started_at: Utc.with_ymd_and_hms(2025, 11, 11, 3, 0, 0).unwrap(),
        ended_at: Some(Utc.with_ymd_and_hms(2025, 11, 11, 7, 0, 0).unwrap()),
        status: HourStatus::Rejected {
            by: "coordinator".into(),
            at: Utc.with_ymd_and_hms(2025, 11, 12, 10, 0, 0).unwrap(),
            reason: "екі рет енгізілген".into(),
        },
        note: String::new(),
    }
}

fn project() -> SocialProject {
    SocialProject {
        meta: meta(6),
        title: I18nText::new("Құқық бұзушылықтың алдын алу", "", ""),
        organisation: I18nText::new("Тараз қалалық ЖРО", "", ""),
        period_start: date(2025, 3, 1),
        period_end: date(2025, 10, 31),
        targets: vec![Target {
            id: Uuid::from_u128(20),
            metric: I18nText::new("кездесу", "встречи", "meetings"),
            unit: I18nText::default(),
            planned: 10,
            done: 4,
            deadline: Some(date(2025, 10, 31)),
        }],
    }
}

fn signup() -> SignUp {
    let mut meta = meta(7);
    meta.stamps = [("cancelled".to_string(), meta.hlc.clone())].into();
    SignUp {
        meta,
        session: Uuid::from_u128(2),
        name: "Дана Серікқызы".into(),
        participant: Some(Uuid::from_u128(3)),
        contact: Some("+77001234567".into()),
        cancelled: true,
    }
}

/// A sign-up as a phone makes it: no participant, no contact, not cancelled (the
/// optional fields are left out).
fn signup_minimal() -> SignUp {
    SignUp {
        meta: Meta::new(
            Uuid::from_u128(8),
            Uuid::from_u128(1),
            Hlc::new(1_762_840_800_000, 0, dev("phone-a")),
        ),
        session: Uuid::from_u128(2),
        name: "Әлия".into(),
        participant: None,
        contact: None,
        cancelled: false,
    }
}

fn shift() -> Shift {
    Shift {
        meta: meta(9),
        task: I18nText::new("Тіркеу үстелі", "Стойка регистрации", "Registration desk"),
        place: I18nText::new("Фойе", "", ""),
        starts_at: date(2025, 11, 11).and_hms_opt(8, 30, 0).unwrap(),
        ends_at: date(2025, 11, 11).and_hms_opt(9, 15, 0).unwrap(),
        needed: 3,
        session: Some(Uuid::from_u128(2)),
    }
}

fn activity() -> Activity {
    Activity {
        meta: meta(10),
        project: Uuid::from_u128(6),
        target: Uuid::from_u128(20),
        on: date(2025, 3, 12),
        count: 1,
        attendees: Some(40),
        note: "құқық қорғау органдарымен кездесу".into(),
    }
}

#[test]
fn shift_format() {
    insta::assert_json_snapshot!(shift());
}

#[test]
fn activity_format() {
    insta::assert_json_snapshot!(activity());
}

#[test]
fn forum_with_volunteer_rules_format() {
    let mut f = forum();
    f.volunteering.minor_max_minutes_per_day = 180;
    f.volunteering.leaderboard = false;
    f.signing_key = Some("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo".into());
    insta::assert_json_snapshot!(f);
}

#[test]
fn forum_format() {
    insta::assert_json_snapshot!(forum());
}

#[test]
fn session_format() {
    insta::assert_json_snapshot!(session());
}

#[test]
fn participant_format() {
    insta::assert_json_snapshot!(participant());
}

/// The desk's optional fields, as stored when given: the IIN and the head of a
/// delegation (left out of the JSON when absent, so older records read unchanged).
#[test]
fn participant_desk_fields_format() {
    let mut p = participant();
    p.iin = Some("030101500019".into());
    p.head_of_delegation = true;
    insta::assert_json_snapshot!(p);
}

#[test]
fn checkin_format() {
    insta::assert_json_snapshot!(checkin());
}

#[test]
fn hour_log_format() {
    insta::assert_json_snapshot!(hours());
}

#[test]
fn social_project_format() {
    insta::assert_json_snapshot!(project());
}

#[test]
fn signup_format() {
    insta::assert_json_snapshot!(signup());
}

#[test]
fn signup_minimal_format() {
    insta::assert_json_snapshot!(signup_minimal());
}

#[test]
fn any_signup_format() {
    insta::assert_json_snapshot!(AnyRecord::from(signup_minimal()));
}

#[test]
fn change_format() {
    let change = Change {
        id: Uuid::from_u128(99),
        kind: RecordKind::CheckIn,
        record: Uuid::from_u128(4),
        forum: Uuid::from_u128(1),
        hlc: Hlc::new(1_762_840_900_000, 2, dev("desk-2")),
        fields: vec!["action".into()],
        payload: serde_json::to_string(&checkin()).unwrap(),
    };
    insta::assert_json_snapshot!(change);
}

#[test]
fn any_record_format() {
    insta::assert_json_snapshot!(AnyRecord::from(checkin()));
}

#[test]
fn every_format_reads_back_what_it_wrote() {
    fn round<T: Record>(r: T) {
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<T>(&text).unwrap(), r);
    }
    round(forum());
    round(session());
    round(participant());
    round(checkin());
    round(hours());
    round(project());
    round(signup());
    round(signup_minimal());
    let any = AnyRecord::from(signup());
    let text = serde_json::to_string(&any).unwrap();
    assert_eq!(serde_json::from_str::<AnyRecord>(&text).unwrap(), any);
}
