//! `schedule.json` (c3voc / frab / pretalx): exports validate against the c3voc schema,
//! export → import → export keeps the schedule, both real exports in `fixtures/` import
//! with the right counts, times, rooms and speakers, and malformed files are refused
//! with a typed error, never a panic.
//!
//! `fixtures/` holds public test data from the c3voc `voc/schedule` repository (the
//! schema and two real exports), copied from `shared/interop/frab/`.

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use jiyn_core::schedule_json::{
    self, ExportOptions, ImportOptions, ImportWarning, Imported, ScheduleError,
};
use jiyn_core::*;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::OnceLock;
use uuid::Uuid;

const SCHEMA: &str = include_str!("fixtures/c3voc-schedule.schema.json");
const CAMP: &str = include_str!("fixtures/camp2019.frab.json");
const RC3: &str = include_str!("fixtures/rc3-2020.pretalx.json");
const NOW_MS: u64 = 1_762_840_800_000;

fn writer() -> Writer {
    Writer::new(HlcClock::new(DeviceId::new("import-test").unwrap()))
}

fn import(text: &str) -> Result<Imported, ScheduleError> {
    schedule_json::import(text, &mut writer(), NOW_MS, &ImportOptions::default())
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).unwrap();
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the c3voc schema compiles")
    })
}

fn assert_valid(text: &str) {
    let value: Value = serde_json::from_str(text).unwrap();
    let errors: Vec<String> = validator()
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

fn demo() -> &'static [AnyRecord] {
    static RECORDS: OnceLock<Vec<AnyRecord>> = OnceLock::new();
    RECORDS.get_or_init(|| demo::build().unwrap().into_iter().map(|(r, _)| r).collect())
}

fn demo_forums() -> Vec<(Forum, Vec<Session>)> {
    demo()
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Forum(f) => Some(f.clone()),
            _ => None,
        })
        .map(|f| {
            let sessions = demo()
                .iter()
                .filter_map(|r| match r {
                    AnyRecord::Session(s) if s.meta.forum == f.meta.id => Some(s.clone()),
                    _ => None,
                })
                .collect();
            (f, sessions)
        })
        .collect()
}

/// A forum with what the demo lacks: two venues with rooms of the same name, a session
/// at a venue without a room, one with no place, one in two languages, special
/// characters, a session past midnight.
fn awkward_forum() -> (Forum, Vec<Session>) {
    let stamp = Hlc::new(NOW_MS, 0, DeviceId::new("test").unwrap());
    let forum_id = Uuid::from_u128(1);
    let room = |n: u128, name: &str| Room {
        id: Uuid::from_u128(n),
        name: I18nText::new(name, "", name),
        capacity: Some(50),
    };
    let forum = Forum {
        volunteering: Default::default(),
        signing_key: None,
        meta: Meta::new(forum_id, forum_id, stamp.clone()),
        title: I18nText::new("Жастар форумы", "Молодёжный форум", "Youth forum, Almaty"),
        city: I18nText::new("Алматы", "Алматы", "Almaty"),
        starts_on: NaiveDate::from_ymd_opt(2025, 5, 20).unwrap(),
        ends_on: NaiveDate::from_ymd_opt(2025, 5, 21).unwrap(),
        time_zone: "Asia/Almaty".into(),
        format: ForumFormat::Single,
        venues: vec![
            Venue {
                id: Uuid::from_u128(10),
                name: I18nText::new("Университет", "Университет", "University"),
                address: String::new(),
                rooms: vec![room(11, "Hall A"), room(12, "Hall B")],
            },
            Venue {
                id: Uuid::from_u128(20),
                name: I18nText::new("Колледж", "Колледж", "College"),
                address: String::new(),
                rooms: vec![room(21, "Hall A")],
            },
        ],
        stops: vec![],
    };
    let session = |n: u128,
                   title: I18nText,
                   kind,
                   s: &str,
                   e: &str,
                   venue: Option<u128>,
                   room: Option<u128>| Session {
        meta: Meta::new(Uuid::from_u128(100 + n), forum_id, stamp.clone()),
        title,
        description: I18nText::new(
            "",
            "Описание; с запятой, и \\ обратной чертой",
            "A description",
        ),
        kind,
        starts_at: at(s),
        ends_at: at(e),
        venue: venue.map(Uuid::from_u128),
        room: room.map(Uuid::from_u128),
        stop: None,
        speakers: vec!["Айгүл Серікова".into(), "Jane Doe".into()],
        capacity: Some(40),
        languages: vec![Lang::Ru, Lang::Kk],
    };
    let sessions = vec![
        session(
            1,
            I18nText::new("Ашылу", "Открытие", "Opening"),
            SessionKind::Ceremony,
            "2025-05-20T10:00",
            "2025-05-20T10:30",
            Some(10),
            Some(11),
        ),
        session(
            2,
            I18nText::new("Тренинг", "Тренинг", "Training"),
            SessionKind::Training,
            "2025-05-20T11:00",
            "2025-05-20T12:30",
            Some(20),
            Some(21),
        ),
        session(
            3,
            I18nText::new("", "Диалог", ""),
            SessionKind::DialoguePlatform,
            "2025-05-20T11:00",
            "2025-05-20T12:30",
            Some(10),
            Some(12),
        ),
        session(
            4,
            I18nText::new("Кездесу", "", ""),
            SessionKind::Meeting,
            "2025-05-20T14:00",
            "2025-05-20T15:00",
            Some(20),
            None,
        ),
        session(
            5,
            I18nText::new("Квиз", "", "Quiz"),
            SessionKind::IntellectualGame,
            "2025-05-20T16:00",
            "2025-05-20T17:00",
            None,
            None,
        ),
        session(
            6,
            I18nText::new("Түнгі кино", "", "Night film"),
            SessionKind::Other,
            "2025-05-21T23:00",
            "2025-05-22T01:15",
            Some(10),
            Some(11),
        ),
    ];
    (forum, sessions)
}

fn export(forum: &Forum, sessions: &[Session], lang: Lang) -> String {
    schedule_json::export(forum, sessions, &ExportOptions::new(lang)).unwrap()
}

fn events(doc: &Value) -> Vec<&Value> {
    doc["schedule"]["conference"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["rooms"].as_object().unwrap().values())
        .flat_map(|list| list.as_array().unwrap())
        .collect()
}

#[test]
fn exports_validate_against_the_c3voc_schema() {
    let mut forums = demo_forums();
    forums.push(awkward_forum());
    for (f, sessions) in &forums {
        for lang in Lang::ALL {
            let text = export(f, sessions, lang);
            assert_valid(&text);
            let doc: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(events(&doc).len(), sessions.len());
        }
    }
}

#[test]
fn an_export_says_what_a_schedule_viewer_needs() {
    let (f, sessions) = awkward_forum();
    let doc: Value = serde_json::from_str(&export(&f, &sessions, Lang::En)).unwrap();
    let conf = &doc["schedule"]["conference"];
    assert_eq!(conf["title"], "Youth forum, Almaty");
    assert_eq!(conf["acronym"], "youth_forum_almaty");
    assert_eq!(conf["time_zone_name"], "Asia/Almaty");
    assert_eq!(conf["start"], "2025-05-20");
    assert_eq!(conf["end"], "2025-05-21");
    assert_eq!(conf["timeslot_duration"], "00:15");
    let rooms: Vec<&str> = conf["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        rooms,
        [
            "University / Hall A",
            "Hall B",
            "College / Hall A",
            "College"
        ]
    );
    let days: Vec<&str> = conf["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(days, ["2025-05-20", "2025-05-21"]);
    assert_eq!(conf["days"][1]["day_end"], "2025-05-22T01:15:00+05:00");

    let all = events(&doc);
    let opening = all.iter().find(|e| e["title"] == "Opening").unwrap();
    assert_eq!(opening["guid"], Uuid::from_u128(101).to_string());
    assert_eq!(opening["date"], "2025-05-20T10:00:00+05:00");
    assert_eq!(opening["end"], "2025-05-20T10:30:00+05:00");
    assert_eq!(opening["start"], "10:00");
    assert_eq!(opening["duration"], "00:30");
    assert_eq!(opening["room"], "University / Hall A");
    assert_eq!(opening["type"], "ceremony");
    assert_eq!(opening["track"], "Ceremony");
    assert_eq!(opening["language"], "ru");
    assert_eq!(opening["url"], format!("urn:uuid:{}", Uuid::from_u128(101)));
    assert_eq!(
        opening["persons"],
        json!([{"name": "Айгүл Серікова", "public_name": "Айгүл Серікова"}, {"name": "Jane Doe", "public_name": "Jane Doe"}])
    );
    let quiz = all.iter().find(|e| e["title"] == "Quiz").unwrap();
    assert_eq!(quiz["room"], "", "a session with no place");
    let film = all.iter().find(|e| e["title"] == "Night film").unwrap();
    assert_eq!(film["duration"], "02:15");
    // Fallback: the dialogue has only a Russian title.
    assert!(all.iter().any(|e| e["title"] == "Диалог"));
    let ids: std::collections::HashSet<u64> =
        all.iter().map(|e| e["id"].as_u64().unwrap()).collect();
    assert_eq!(ids.len(), all.len(), "event numbers are unique");
}

#[test]
fn urls_and_labels_come_from_the_options() {
    let (f, sessions) = awkward_forum();
    let label = |k: SessionKind| format!("Түрі: {k:?}");
    let opts = ExportOptions {
        base_url: Some("https://forum.example.kz/"),
        event_url: Some("https://forum.example.kz/s/{id}"),
        kind_label: Some(&label),
        ..ExportOptions::new(Lang::Kk)
    };
    let text = schedule_json::export(&f, &sessions, &opts).unwrap();
    assert_valid(&text);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["schedule"]["base_url"], "https://forum.example.kz/");
    let e = events(&doc)[0];
    assert_eq!(
        e["url"],
        format!("https://forum.example.kz/s/{}", e["guid"].as_str().unwrap())
    );
    assert!(e["track"].as_str().unwrap().starts_with("Түрі: "));
    assert_eq!(doc["schedule"]["conference"]["acronym"], "zhastar_forumy");
}

/// The document without what an import renews: ids, numbers, URLs and the version.
fn without_ids(text: &str) -> Value {
    let mut doc: Value = serde_json::from_str(text).unwrap();
    doc["schedule"]["version"] = Value::Null;
    let conf = &mut doc["schedule"]["conference"];
    for r in conf["rooms"].as_array_mut().unwrap() {
        r["guid"] = Value::Null;
    }
    for day in conf["days"].as_array_mut().unwrap() {
        for list in day["rooms"].as_object_mut().unwrap().values_mut() {
            for e in list.as_array_mut().unwrap() {
                for key in ["guid", "id", "url", "slug"] {
                    e[key] = Value::Null;
                }
            }
        }
    }
    doc
}

#[test]
fn export_import_export_keeps_the_schedule() {
    let mut forums = demo_forums();
    forums.push(awkward_forum());
    for (f, sessions) in &forums {
        for lang in Lang::ALL {
            let first = export(f, sessions, lang);
            let opts = ImportOptions {
                lang,
                time_zone: None,
            };
            let imported = schedule_json::import(&first, &mut writer(), NOW_MS, &opts).unwrap();
            assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
            assert_eq!(imported.sessions.len(), sessions.len());
            assert_eq!(imported.forum.time_zone, f.time_zone);
            assert_eq!(
                (imported.forum.starts_on, imported.forum.ends_on),
                (f.starts_on, f.ends_on)
            );
            let second = export(&imported.forum, &imported.sessions, lang);
            assert_eq!(
                without_ids(&second),
                without_ids(&first),
                "{} in {lang:?}",
                f.title.en
            );
        }
    }
}

#[test]
fn an_import_is_one_batch_of_valid_records() {
    let (f, sessions) = awkward_forum();
    let imported = import(&export(&f, &sessions, Lang::En)).unwrap();
    let forum_id = imported.forum.meta.id;
    assert_eq!(forum_id.get_version_num(), 7);
    let batch = imported.clone().into_batch();
    assert_eq!(batch.len(), 1 + sessions.len());
    for (record, change) in &batch {
        record.validate().unwrap();
        assert_eq!(change.record, record.meta().id);
        assert_eq!(record.meta().forum, forum_id);
        assert_eq!(record.meta().id.get_version_num(), 7);
    }
    let venue = &imported.forum.venues[0];
    let names: Vec<&str> = venue.rooms.iter().map(|r| r.name.en.as_str()).collect();
    assert_eq!(
        names,
        [
            "University / Hall A",
            "Hall B",
            "College / Hall A",
            "College"
        ]
    );
    assert_eq!(venue.rooms[0].capacity, Some(50));
    // Texts go to the event's language (Russian here, the session's first).
    let film = imported
        .sessions
        .iter()
        .find(|s| s.title.ru == "Night film")
        .unwrap();
    assert_eq!(
        (film.starts_at, film.ends_at),
        (at("2025-05-21T23:00"), at("2025-05-22T01:15"))
    );
    assert_eq!(film.room, Some(venue.rooms[0].id));
    assert_eq!(film.venue, Some(venue.id));
    let quiz = imported
        .sessions
        .iter()
        .find(|s| s.title.ru == "Quiz")
        .unwrap();
    assert_eq!((quiz.venue, quiz.room), (None, None));
    assert_eq!(quiz.kind, SessionKind::IntellectualGame);
}

#[test]
fn the_frab_export_of_camp_2019_imports() {
    let imported = import(CAMP).unwrap();
    let f = &imported.forum;
    assert_eq!(f.title.en, "Chaos Communication Camp 2019");
    assert_eq!(f.time_zone, "Europe/Berlin");
    assert_eq!(imported.sessions.len(), 79);
    assert_eq!(f.venues.len(), 1);
    let rooms: Vec<&str> = f.venues[0]
        .rooms
        .iter()
        .map(|r| r.name.en.as_str())
        .collect();
    assert_eq!(rooms, ["Curie", "Meitner"]);
    let days: std::collections::BTreeSet<NaiveDate> = imported
        .sessions
        .iter()
        .map(|s| s.starts_at.date())
        .collect();
    assert_eq!(days.len(), 5);
    assert_eq!(f.starts_on, NaiveDate::from_ymd_opt(2019, 8, 21).unwrap());
    assert_eq!(f.ends_on, NaiveDate::from_ymd_opt(2019, 8, 26).unwrap());

    let opening = imported
        .sessions
        .iter()
        .find(|s| s.title.en == "Opening Ceremony")
        .unwrap();
    assert_eq!(opening.starts_at, at("2019-08-21T11:00"));
    assert_eq!(opening.ends_at, at("2019-08-21T11:30"));
    assert_eq!(opening.room, Some(f.venues[0].rooms[0].id), "Curie");
    assert_eq!(opening.speakers, ["jinxx", "smtw"]);
    assert_eq!(opening.languages, [Lang::En]);
    assert_eq!(
        opening.description.en,
        "A hearty welcome me lasses and lads!"
    );
    assert_eq!(
        opening.kind,
        SessionKind::Other,
        "a lecture on the CCC track"
    );
    // 11:00 at +02:00 in August is 09:00 UTC.
    let zone = tz::zone(&f.time_zone).unwrap();
    assert_eq!(
        zone.to_utc(opening.starts_at),
        Utc.with_ymd_and_hms(2019, 8, 21, 9, 0, 0).unwrap()
    );

    let people: std::collections::BTreeSet<&String> =
        imported.sessions.iter().flat_map(|s| &s.speakers).collect();
    assert!(
        people.len() >= 85 && people.len() <= 90,
        "{} people",
        people.len()
    );
    assert_eq!(
        imported.warnings,
        [ImportWarning::UnsupportedLanguage {
            code: "de".into(),
            events: 24
        }]
    );
    let german = imported
        .sessions
        .iter()
        .filter(|s| s.languages.is_empty())
        .count();
    assert_eq!(german, 24);
    assert_valid(&export(f, &imported.sessions, Lang::En));
}

#[test]
fn the_pretalx_export_of_rc3_2020_imports() {
    let imported = import(RC3).unwrap();
    let f = &imported.forum;
    assert_eq!(f.title.en, "rC3 Channels");
    assert_eq!(imported.sessions.len(), 48);
    assert_eq!(f.venues[0].rooms.len(), 5);
    let days: std::collections::BTreeSet<NaiveDate> = imported
        .sessions
        .iter()
        .map(|s| s.starts_at.date())
        .collect();
    assert_eq!(days.len(), 4);
    // No zone name in the file; every time is at +01:00.
    assert_eq!(f.time_zone, "Etc/GMT-1");
    assert!(imported.warnings.contains(&ImportWarning::GuessedTimeZone {
        zone: "Etc/GMT-1".into()
    }));
    assert!(imported
        .warnings
        .contains(&ImportWarning::UnsupportedLanguage {
            code: "de".into(),
            events: 19
        }));

    let talk = imported
        .sessions
        .iter()
        .find(|s| s.title.en == "Der faule Admin automatisiert: Gluon auf echter Hardware testen")
        .unwrap();
    assert_eq!(talk.starts_at, at("2020-12-27T11:30"));
    assert_eq!(talk.ends_at, at("2020-12-27T12:10"));
    assert_eq!(talk.speakers, ["Chris Fiege", "Kasa"]);
    let room = f.venues[0]
        .rooms
        .iter()
        .find(|r| Some(r.id) == talk.room)
        .unwrap();
    assert_eq!(room.name.en, "r3s - Monheim/Rhein");
    assert!(talk.languages.is_empty(), "German is not one of ours");
    assert!(talk.description.en.starts_with("Eine wichtige Komponente"));
    assert!(
        talk.description.en.contains("\n\nUm Gluon"),
        "abstract, then description"
    );
    assert!(!talk.description.en.contains('\r'));
    let workshops = imported
        .sessions
        .iter()
        .filter(|s| s.kind == SessionKind::Training)
        .count();
    assert_eq!(workshops, 2, "the two workshops");

    // The organiser can name the zone: the wall clock stays the same.
    let opts = ImportOptions {
        lang: Lang::Ru,
        time_zone: Some("Europe/Berlin"),
    };
    let berlin = schedule_json::import(RC3, &mut writer(), NOW_MS, &opts).unwrap();
    assert_eq!(berlin.forum.time_zone, "Europe/Berlin");
    assert!(!berlin
        .warnings
        .iter()
        .any(|w| matches!(w, ImportWarning::GuessedTimeZone { .. })));
    let again = berlin
        .sessions
        .iter()
        .find(|s| s.title.ru == talk.title.en)
        .unwrap();
    assert_eq!(again.starts_at, talk.starts_at);
    // Or move it: the same instants on Almaty's clock (+05 in 2020... +06 then).
    let opts = ImportOptions {
        lang: Lang::En,
        time_zone: Some("Asia/Almaty"),
    };
    let almaty = schedule_json::import(RC3, &mut writer(), NOW_MS, &opts).unwrap();
    let moved = almaty
        .sessions
        .iter()
        .find(|s| s.title.en == talk.title.en)
        .unwrap();
    assert_eq!(moved.starts_at, at("2020-12-27T16:30"));
    assert_valid(&export(f, &imported.sessions, Lang::En));
}

/// A small valid schedule to damage.
fn small() -> Value {
    json!({
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "test_2025", "title": "Test", "start": "2025-11-11", "end": "2025-11-11",
                "daysCount": 1, "timeslot_duration": "00:15", "time_zone_name": "Asia/Oral",
                "days": [{
                    "index": 1, "date": "2025-11-11",
                    "day_start": "2025-11-11T00:00:00+05:00", "day_end": "2025-11-12T00:00:00+05:00",
                    "rooms": {
                        "Hall": [{
                            "guid": "c3642671-4c1f-5109-81ba-0535c1cc8428", "id": 1,
                            "date": "2025-11-11T10:00:00+05:00", "start": "10:00", "duration": "01:00",
                            "room": "Hall", "slug": "t-1", "url": "urn:x", "title": "Пленарлық отырыс",
                            "subtitle": "", "track": null, "type": "plenary", "language": "kk",
                            "abstract": "", "persons": [{"public_name": "Асем"}], "links": []
                        }]
                    }
                }]
            }
        }
    })
}

fn import_value(v: &Value) -> Result<Imported, ScheduleError> {
    import(&v.to_string())
}

#[test]
fn the_small_schedule_imports() {
    let imported = import_value(&small()).unwrap();
    let s = &imported.sessions[0];
    assert_eq!(s.title.kk, "Пленарлық отырыс");
    assert_eq!(s.kind, SessionKind::Plenary);
    assert_eq!(s.languages, [Lang::Kk]);
    assert_eq!(s.speakers, ["Асем"]);
    assert_eq!(
        (s.starts_at, s.ends_at),
        (at("2025-11-11T10:00"), at("2025-11-11T11:00"))
    );
    assert!(imported.warnings.is_empty());
}

#[test]
fn malformed_schedules_are_refused_with_a_reason() {
    let event = "schedule.conference.days[0].rooms[\"Hall\"][0]";
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = small();
        f(&mut v);
        import_value(&v)
    };
    assert!(matches!(
        import("{\"schedule\": "),
        Err(ScheduleError::Truncated)
    ));
    assert!(matches!(import("<xml/>"), Err(ScheduleError::NotJson(_))));
    assert_eq!(
        import("[]").unwrap_err(),
        ScheduleError::WrongType {
            path: String::new(),
            expected: "an object",
            found: "an array"
        }
    );
    assert_eq!(
        import("{}").unwrap_err(),
        ScheduleError::Missing {
            path: "schedule".into()
        }
    );
    assert_eq!(
        with(&|v| v["schedule"]["conference"]["title"] = json!(42)).unwrap_err(),
        ScheduleError::WrongType {
            path: "schedule.conference.title".into(),
            expected: "a string",
            found: "a number"
        }
    );
    assert_eq!(
        with(&|v| v["schedule"]["conference"]
            .as_object_mut()
            .unwrap()
            .remove("days")
            .map(drop)
            .unwrap())
        .unwrap_err(),
        ScheduleError::Missing {
            path: "schedule.conference.days".into()
        }
    );
    assert_eq!(
        with(
            &|v| v["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0]["duration"] =
                json!("1h")
        )
        .unwrap_err(),
        ScheduleError::BadDuration {
            path: format!("{event}.duration"),
            value: "1h".into()
        }
    );
    assert_eq!(
        with(
            &|v| v["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0]["date"] =
                json!("yesterday")
        )
        .unwrap_err(),
        ScheduleError::BadDate {
            path: format!("{event}.date"),
            value: "yesterday".into()
        }
    );
    assert_eq!(
        with(
            &|v| v["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0]["date"] =
                json!("9999-11-11T10:00:00+05:00")
        )
        .unwrap_err(),
        ScheduleError::BadDate {
            path: format!("{event}.date"),
            value: "9999-11-11T10:00:00+05:00".into()
        }
    );
    assert_eq!(
        with(
            &|v| v["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0]["end"] =
                json!("2026-11-11T10:00:00+05:00")
        )
        .unwrap_err(),
        ScheduleError::BadDate {
            path: format!("{event}.end"),
            value: "2026-11-11T10:00:00+05:00".into()
        },
        "a year-long event is a typing error"
    );
    assert_eq!(
        with(
            &|v| v["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0]["persons"] =
                json!("Асем")
        )
        .unwrap_err(),
        ScheduleError::WrongType {
            path: format!("{event}.persons"),
            expected: "an array",
            found: "a string"
        }
    );
    assert_eq!(
        with(
            &|v| v["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0]
                .as_object_mut()
                .unwrap()
                .remove("title")
                .map(drop)
                .unwrap()
        )
        .unwrap_err(),
        ScheduleError::Missing {
            path: format!("{event}.title")
        }
    );
    assert!(matches!(
        with(&|v| v["schedule"]["conference"]["time_zone_name"] = json!("Mars/Olympus")),
        Err(ScheduleError::UnknownZone(_))
    ));
    // No zone name and two offsets: the importer cannot know the forum's zone.
    let mixed = with(&|v| {
        v["schedule"]["conference"]
            .as_object_mut()
            .unwrap()
            .remove("time_zone_name");
        let mut second = v["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0].clone();
        second["date"] = json!("2025-11-11T12:00:00+06:00");
        v["schedule"]["conference"]["days"][0]["rooms"]["Hall"]
            .as_array_mut()
            .unwrap()
            .push(second);
    });
    assert!(
        matches!(mixed, Err(ScheduleError::NoTimeZone(_))),
        "{mixed:?}"
    );
    let unknown_override = schedule_json::import(
        &small().to_string(),
        &mut writer(),
        NOW_MS,
        &ImportOptions {
            lang: Lang::Kk,
            time_zone: Some("Asia/Astana"),
        },
    );
    assert!(matches!(
        unknown_override,
        Err(ScheduleError::UnknownZone(_))
    ));
}

#[test]
fn tolerable_oddities_are_read_or_reported() {
    let v = |f: &dyn Fn(&mut Value)| {
        let mut v = small();
        f(&mut v);
        import_value(&v).unwrap()
    };
    // An event with no time left: skipped, with a warning.
    let zero = v(&|v| {
        v["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0]["duration"] = json!("00:00")
    });
    assert!(zero.sessions.is_empty());
    assert!(matches!(
        &zero.warnings[..],
        [ImportWarning::SkippedEvent {
            error: ValidationError::EndsBeforeStart { .. },
            ..
        }]
    ));
    // Older files: no `date`, the day's date and `start` (after midnight: next day).
    let old = v(&|v| {
        let e = &mut v["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0];
        e.as_object_mut().unwrap().remove("date");
        e["start"] = json!("01:30");
        v["schedule"]["conference"]["days"][0]["day_start"] = json!("2025-11-11T09:00:00+05:00");
    });
    assert_eq!(old.sessions[0].starts_at, at("2025-11-12T01:30"));
    // `end` wins over `duration`; nulls are absent values; a person may have `name` only.
    let new = v(&|v| {
        let e = &mut v["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0];
        e["end"] = json!("2025-11-11T12:15:00+05:00");
        e["abstract"] = Value::Null;
        e["persons"] = json!([{"name": "Bekzat", "code": "AB12"}, {"id": 3}]);
        e["language"] = json!("ru, kk");
    });
    let s = &new.sessions[0];
    assert_eq!(s.ends_at, at("2025-11-11T12:15"));
    assert_eq!(s.speakers, ["Bekzat"]);
    assert_eq!(s.languages, [Lang::Ru, Lang::Kk]);
    assert_eq!(
        s.title.ru, "Пленарлық отырыс",
        "texts go to the event's language"
    );
    // A file with no zone name and one offset: a fixed zone, reported.
    let guessed = v(&|v| {
        v["schedule"]["conference"]
            .as_object_mut()
            .unwrap()
            .remove("time_zone_name");
    });
    assert_eq!(guessed.forum.time_zone, "Etc/GMT-5");
    assert_eq!(guessed.sessions[0].starts_at, at("2025-11-11T10:00"));
}

fn small_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let (f, sessions) = awkward_forum();
        export(&f, &sessions, Lang::Kk)
    })
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,10}".prop_map(Value::from),
        "[0-9]{1,7}:[0-9]{1,3}".prop_map(Value::from),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}"
            .prop_map(Value::from),
        Just(Value::from("Asia/Almaty")),
    ];
    let key = prop_oneof![
        Just("schedule"),
        Just("conference"),
        Just("days"),
        Just("rooms"),
        Just("title"),
        Just("date"),
        Just("start"),
        Just("end"),
        Just("duration"),
        Just("persons"),
        Just("time_zone_name"),
        Just("language"),
        Just("type"),
        Just("name"),
        Just("capacity"),
        Just("day_start"),
    ]
    .prop_map(str::to_string);
    leaf.prop_recursive(6, 128, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = import(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn damaged_schedules_never_panic(
        flips in prop::collection::vec((0usize..100_000, any::<u8>()), 1..6),
        cut in 0usize..100_000,
    ) {
        let mut bytes = small_text().as_bytes().to_vec();
        for (pos, byte) in flips {
            let len = bytes.len();
            bytes[pos % len] = byte;
        }
        bytes.truncate(bytes.len() - cut % 50.min(bytes.len()));
        let _ = import(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn schedule_shaped_nonsense_never_panics(conference in any_json(), day in any_json(), event in any_json()) {
        let doc = json!({"schedule": {"conference": conference}});
        let _ = import_value(&doc);
        let doc = json!({"schedule": {"version": "1", "conference": {
            "title": "T", "time_zone_name": "Asia/Oral", "days": [day]}}});
        let _ = import_value(&doc);
        let doc = json!({"schedule": {"version": "1", "conference": {
            "title": "T", "days": [{"date": "2025-01-01", "rooms": {"R": [event]}}]}}});
        let _ = import_value(&doc);
    }

    #[test]
    fn any_titles_and_times_round_trip(
        titles in prop::collection::vec("[^\u{0}-\u{1f}]{1,30}", 1..6),
        starts in prop::collection::vec((0i64..(60 * 24 * 365 * 3), 1i64..600), 1..6),
    ) {
        let (mut f, _) = awkward_forum();
        f.starts_on = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        f.ends_on = NaiveDate::from_ymd_opt(2023, 1, 2).unwrap();
        let base = at("2023-01-01T00:00");
        let sessions: Vec<Session> = titles.iter().zip(starts.iter().cycle()).enumerate().map(|(i, (t, (start, len)))| Session {
            meta: Meta::new(Uuid::from_u128(500 + i as u128), f.meta.id, Hlc::new(NOW_MS, 0, DeviceId::new("p").unwrap())),
            title: I18nText::new(t.trim(), "", ""),
            description: I18nText::default(),
            kind: SessionKind::Other,
            starts_at: base + chrono::TimeDelta::minutes(*start),
            ends_at: base + chrono::TimeDelta::minutes(start + len),
            venue: Some(Uuid::from_u128(10)),
            room: Some(Uuid::from_u128(12)),
            stop: None,
            speakers: vec![],
            capacity: None,
            languages: vec![],
        }).filter(|s| !s.title.is_empty()).collect();
        let first = export(&f, &sessions, Lang::Kk);
        let imported = schedule_json::import(&first, &mut writer(), NOW_MS, &ImportOptions { lang: Lang::Kk, time_zone: None }).unwrap();
        prop_assert_eq!(imported.sessions.len(), sessions.len());
        let second = export(&imported.forum, &imported.sessions, Lang::Kk);
        prop_assert_eq!(without_ids(&second), without_ids(&first));
    }
}
