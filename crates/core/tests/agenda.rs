//! The programme's pure logic (`jiyn_core::agenda`), on the demo forums (the Oral forum,
//! the Akmola outreach tour, the Taraz projects) and on made-up edge cases, plus
//! property tests.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use jiyn_core::agenda::*;
use jiyn_core::demo::{self, seed_id};
use jiyn_core::*;
use proptest::prelude::*;
use uuid::Uuid;

// ---------------------------------------------------------------------------------
// Helpers

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

fn stamp() -> Hlc {
    Hlc::new(1_762_840_800_000, 0, DeviceId::new("test").unwrap())
}

fn meta(id: u128) -> Meta {
    Meta::new(Uuid::from_u128(id), Uuid::from_u128(1), stamp())
}

/// A session with the given id and times, no place, no speakers.
fn session(id: u128, starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> Session {
    Session {
        meta: meta(id),
        title: I18nText::new("Сессия", "Сессия", "Session"),
        description: I18nText::default(),
        kind: SessionKind::Other,
        starts_at,
        ends_at,
        venue: None,
        room: None,
        stop: None,
        speakers: vec![],
        capacity: None,
        languages: vec![],
    }
}

/// A one-place forum of 11–12 Nov 2025 with one venue of two rooms (ids 10; 11, 12).
fn small_forum() -> Forum {
    Forum {
        volunteering: Default::default(),
        signing_key: None,
        meta: meta(1),
        title: I18nText::new("Форум", "Форум", "Forum"),
        city: I18nText::new("Орал", "Уральск", "Oral"),
        starts_on: date(2025, 11, 11),
        ends_on: date(2025, 11, 12),
        time_zone: "Asia/Oral".into(),
        format: ForumFormat::Single,
        venues: vec![Venue {
            id: Uuid::from_u128(10),
            name: I18nText::new("Достық үйі", "Дом дружбы", "House of Friendship"),
            address: String::new(),
            rooms: vec![
                Room {
                    id: Uuid::from_u128(11),
                    name: I18nText::new("Үлкен зал", "Большой зал", "Main hall"),
                    capacity: None,
                },
                Room {
                    id: Uuid::from_u128(12),
                    name: I18nText::new("Кіші зал", "Малый зал", "Small hall"),
                    capacity: None,
                },
            ],
        }],
        stops: vec![],
    }
}

struct Demo {
    forum: Forum,
    sessions: Vec<Session>,
}

/// The demo forum with this seed key, and its sessions.
fn demo_forum(key: &str) -> Demo {
    let records: Vec<AnyRecord> = demo::build().unwrap().into_iter().map(|r| r.0).collect();
    let id = seed_id(key);
    let forum = records
        .iter()
        .find_map(|r| match r {
            AnyRecord::Forum(f) if f.meta.id == id => Some(f.clone()),
            _ => None,
        })
        .unwrap();
    let sessions = records
        .into_iter()
        .filter_map(|r| match r {
            AnyRecord::Session(s) if s.meta.forum == id => Some(s),
            _ => None,
        })
        .collect();
    Demo { forum, sessions }
}

fn oral() -> Demo {
    demo_forum("oral-2025")
}

fn akmola() -> Demo {
    demo_forum("akmola-tour-2025")
}

fn taraz() -> Demo {
    demo_forum("taraz-2025")
}

/// A demo session's id from its seed key.
fn sid(forum_key: &str, key: &str) -> Uuid {
    seed_id(&format!("{forum_key}/session/{key}"))
}

fn by_id(sessions: &[Session], id: Uuid) -> &Session {
    sessions.iter().find(|s| s.meta.id == id).unwrap()
}

fn oral_session(d: &Demo, key: &str) -> Session {
    by_id(&d.sessions, sid("oral-2025", key)).clone()
}

fn ids(sessions: &[&Session]) -> Vec<Uuid> {
    sessions.iter().map(|s| s.meta.id).collect()
}

fn matching_ids(index: &ProgrammeIndex, f: &ProgrammeFilter) -> Vec<Uuid> {
    ids(&index.matching(f))
}

// ---------------------------------------------------------------------------------
// Kind codes and the filter's URL form

#[test]
fn kind_codes_are_the_serde_names() {
    for kind in KINDS {
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind_code(kind)));
        assert_eq!(kind_from_code(kind_code(kind)), Some(kind));
    }
    assert_eq!(kind_from_code("Plenary"), None);
    assert_eq!(kind_from_code(""), None);
}

#[test]
fn to_query_writes_keys_in_a_stable_order() {
    let venue = Uuid::parse_str("0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b").unwrap();
    let f = ProgrammeFilter {
        day: Some(date(2025, 11, 11)),
        kinds: vec![SessionKind::Plenary, SessionKind::Training],
        venue: Some(venue),
        lang: Some(Lang::Kk),
        text: "Жеңіс & co = 100% +1".into(),
    };
    assert_eq!(
        f.to_query(),
        "day=2025-11-11&kind=plenary,training&venue=0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\
         &lang=kk&q=%D0%96%D0%B5%D2%A3%D1%96%D1%81%20%26%20co%20%3D%20100%25%20%2B1"
    );
    assert_eq!(ProgrammeFilter::from_query(&f.to_query()), f);
    assert_eq!(
        ProgrammeFilter::from_query(&format!("?{}", f.to_query())),
        f
    );
}

#[test]
fn default_fields_are_left_out() {
    let f = ProgrammeFilter::default();
    assert!(f.is_empty());
    assert_eq!(f.to_query(), "");
    assert_eq!(ProgrammeFilter::from_query(""), f);
    assert_eq!(ProgrammeFilter::from_query("?"), f);

    let only_lang = ProgrammeFilter {
        lang: Some(Lang::Ru),
        ..Default::default()
    };
    assert!(!only_lang.is_empty());
    assert_eq!(only_lang.to_query(), "lang=ru");

    let only_text = ProgrammeFilter {
        text: "волонтёр".into(),
        ..Default::default()
    };
    assert_eq!(
        only_text.to_query(),
        "q=%D0%B2%D0%BE%D0%BB%D0%BE%D0%BD%D1%82%D1%91%D1%80"
    );
}

#[test]
fn from_query_ignores_unknown_keys_and_bad_values() {
    let f = ProgrammeFilter::from_query(
        "?utm_source=telegram&day=2025-13-40&kind=plenary,nonsense,,training&venue=not-a-uuid\
         &lang=de&q=%zz+50%&x",
    );
    assert_eq!(
        f,
        ProgrammeFilter {
            day: None,
            kinds: vec![SessionKind::Plenary, SessionKind::Training],
            venue: None,
            lang: None,
            text: "%zz 50%".into(),
        }
    );
    // A bad value does not wipe out an earlier good one.
    let f = ProgrammeFilter::from_query("lang=kk&lang=xx&day=2025-11-12&day=tomorrow");
    assert_eq!(f.lang, Some(Lang::Kk));
    assert_eq!(f.day, Some(date(2025, 11, 12)));
    // Invalid UTF-8 in an escape becomes U+FFFD rather than a panic.
    assert_eq!(
        ProgrammeFilter::from_query("q=%FF%D0").text,
        "\u{FFFD}\u{FFFD}"
    );
}

#[test]
fn far_dates_round_trip() {
    // chrono writes years past 9999 with a sign: `+10000-01-01` must not read as a space.
    for day in [
        NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(-1, 12, 31).unwrap(),
        NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
    ] {
        let f = ProgrammeFilter {
            day: Some(day),
            ..Default::default()
        };
        assert_eq!(
            ProgrammeFilter::from_query(&f.to_query()),
            f,
            "{}",
            f.to_query()
        );
    }
}

#[test]
fn from_query_adds_up_repeated_kinds_like_a_form_sends_them() {
    let f = ProgrammeFilter::from_query("kind=plenary&kind=consultation&q=a+b");
    assert_eq!(
        f.kinds,
        vec![SessionKind::Plenary, SessionKind::Consultation]
    );
    assert_eq!(f.text, "a b");
}

#[test]
fn toggle_kind_keeps_the_canonical_order() {
    let mut f = ProgrammeFilter::default();
    f.toggle_kind(SessionKind::Training);
    f.toggle_kind(SessionKind::Plenary);
    f.toggle_kind(SessionKind::Other);
    assert_eq!(
        f.kinds,
        vec![
            SessionKind::Plenary,
            SessionKind::Training,
            SessionKind::Other
        ]
    );
    assert_eq!(f.to_query(), "kind=plenary,training,other");
    f.toggle_kind(SessionKind::Training);
    assert_eq!(f.kinds, vec![SessionKind::Plenary, SessionKind::Other]);
    f.toggle_kind(SessionKind::Plenary);
    f.toggle_kind(SessionKind::Other);
    assert!(f.is_empty());
}

// ---------------------------------------------------------------------------------
// Days

#[test]
fn days_of_the_oral_forum_and_the_akmola_tour() {
    let d = oral();
    assert_eq!(
        days(&d.forum, &d.sessions),
        vec![date(2025, 11, 11), date(2025, 11, 12)]
    );
    let d = akmola();
    let expected: Vec<NaiveDate> = (13..=18).map(|day| date(2025, 10, day)).collect();
    assert_eq!(days(&d.forum, &d.sessions), expected);
}

#[test]
fn days_of_an_empty_programme_are_the_forum_dates() {
    let forum = small_forum();
    assert_eq!(
        days(&forum, &[]),
        vec![date(2025, 11, 11), date(2025, 11, 12)]
    );
    assert!(session_days(&[]).is_empty());
}

#[test]
fn days_add_live_sessions_outside_the_forum_dates_and_both_dates_across_midnight() {
    let forum = small_forum();
    let before = session(2, at(2025, 11, 9, 10, 0), at(2025, 11, 9, 12, 0));
    let night = session(3, at(2025, 11, 12, 22, 0), at(2025, 11, 13, 2, 0));
    let to_midnight = session(4, at(2025, 11, 14, 22, 0), at(2025, 11, 15, 0, 0));
    let mut gone = session(5, at(2025, 11, 20, 10, 0), at(2025, 11, 20, 11, 0));
    gone.meta.deleted = true;
    let sessions = vec![night, before, to_midnight, gone];
    assert_eq!(
        days(&forum, &sessions),
        vec![
            date(2025, 11, 9),
            date(2025, 11, 11),
            date(2025, 11, 12),
            date(2025, 11, 13),
            date(2025, 11, 14),
        ]
    );
}

#[test]
fn a_mistyped_end_year_does_not_flood_the_days() {
    let forum = small_forum();
    let typo = session(2, at(2025, 11, 11, 10, 0), at(2026, 11, 11, 11, 0));
    let days = days(&forum, &[typo]);
    assert_eq!(days.len() as u32, MAX_SESSION_DAYS);
    let mut inverted = small_forum();
    inverted.ends_on = date(2025, 11, 1);
    assert_eq!(days_of(&inverted), vec![date(2025, 11, 11)]);

    fn days_of(f: &Forum) -> Vec<NaiveDate> {
        jiyn_core::agenda::days(f, &[])
    }
}

#[test]
fn session_days_of_a_long_programme_are_only_days_with_sessions() {
    let d = taraz();
    assert!(days(&d.forum, &d.sessions).len() > 300, "Feb to Nov");
    assert_eq!(
        session_days(&d.sessions),
        vec![
            date(2025, 4, 17),
            date(2025, 5, 22),
            date(2025, 6, 20),
            date(2025, 8, 28),
            date(2025, 9, 25),
            date(2025, 10, 9),
        ]
    );
}

// ---------------------------------------------------------------------------------
// Index and filter

#[test]
fn index_keeps_live_sessions_in_programme_order() {
    let d = oral();
    let mut sessions = d.sessions.clone();
    sessions.reverse();
    sessions[0].meta.deleted = true; // the closing meeting
    let index = ProgrammeIndex::new(&sessions);
    assert_eq!(index.len(), d.sessions.len() - 1);
    assert!(index
        .sessions()
        .iter()
        .all(|s| s.meta.id != sid("oral-2025", "closing")));
    assert!(index
        .sessions()
        .windows(2)
        .all(|w| programme_order(&w[0], &w[1]).is_lt()));
    assert_eq!(
        index.sessions()[0].meta.id,
        sid("oral-2025", "registration-day1")
    );
    assert_eq!(
        index.filter(&ProgrammeFilter::default()),
        (0..index.len()).collect::<Vec<_>>()
    );
    assert!(ProgrammeIndex::new(&[]).is_empty());
    assert!(ProgrammeIndex::new(&[])
        .filter(&ProgrammeFilter::default())
        .is_empty());
}

#[test]
fn filter_by_day_kind_venue_and_language() {
    let d = oral();
    let index = ProgrammeIndex::new(&d.sessions);
    let day2 = ProgrammeFilter {
        day: Some(date(2025, 11, 12)),
        ..Default::default()
    };
    let kept = index.matching(&day2);
    assert_eq!(kept.len(), 7);
    assert!(kept
        .iter()
        .all(|s| s.starts_at.date() == date(2025, 11, 12)));

    let trainings_day2 = ProgrammeFilter {
        kinds: vec![SessionKind::Training],
        ..day2.clone()
    };
    assert_eq!(
        matching_ids(&index, &trainings_day2)
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>(),
        ["cv-training", "emergency-volunteer-training"]
            .iter()
            .map(|k| sid("oral-2025", k))
            .collect()
    );

    let college = seed_id("oral-2025/venue/college");
    let at_college = ProgrammeFilter {
        venue: Some(college),
        ..Default::default()
    };
    assert_eq!(
        matching_ids(&index, &at_college)
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>(),
        [
            "volunteer-project-training",
            "cv-training",
            "emergency-volunteer-training"
        ]
        .iter()
        .map(|k| sid("oral-2025", k))
        .collect()
    );

    // Oral sessions are held in Kazakh and Russian.
    let english = ProgrammeFilter {
        lang: Some(Lang::En),
        ..Default::default()
    };
    assert!(index.filter(&english).is_empty());
    let kazakh = ProgrammeFilter {
        lang: Some(Lang::Kk),
        ..Default::default()
    };
    assert_eq!(index.filter(&kazakh).len(), index.len());

    // Taraz: the zhaidarman final is in Kazakh only.
    let t = taraz();
    let tindex = ProgrammeIndex::new(&t.sessions);
    let russian = ProgrammeFilter {
        lang: Some(Lang::Ru),
        ..Default::default()
    };
    assert_eq!(tindex.filter(&russian).len(), tindex.len() - 1);
    assert!(tindex
        .matching(&russian)
        .iter()
        .all(|s| s.meta.id != sid("taraz-2025", "zhaidarman")));
}

#[test]
fn sessions_with_no_languages_match_any_language() {
    let mut s = session(2, at(2025, 11, 11, 10, 0), at(2025, 11, 11, 11, 0));
    let mut t = s.clone();
    t.meta.id = Uuid::from_u128(3);
    t.languages = vec![Lang::Ru];
    s.languages = vec![];
    let index = ProgrammeIndex::new(&[s, t]);
    let f = ProgrammeFilter {
        lang: Some(Lang::En),
        ..Default::default()
    };
    assert_eq!(matching_ids(&index, &f), vec![Uuid::from_u128(2)]);
}

#[test]
fn trainings_of_the_second_day_are_in_programme_order() {
    let d = oral();
    let index = ProgrammeIndex::new(&d.sessions);
    let f = ProgrammeFilter::from_query("day=2025-11-12&kind=training");
    let kept = index.matching(&f);
    let mut expected: Vec<&Session> = d
        .sessions
        .iter()
        .filter(|s| s.starts_at.date() == date(2025, 11, 12) && s.kind == SessionKind::Training)
        .collect();
    expected.sort_by(|a, b| programme_order(a, b));
    assert_eq!(kept.len(), 2);
    assert_eq!(ids(&kept), ids(&expected));
}

#[test]
fn search_finds_speakers_whatever_keyboard_is_used() {
    let d = akmola();
    let index = ProgrammeIndex::new(&d.sessions);
    let search = |q: &str| {
        index.matching(&ProgrammeFilter {
            text: q.into(),
            ..Default::default()
        })
    };
    // "Мәнсия Есекеева" typed on a Russian keyboard, in any case.
    let mansiya = search("МАНСИЯ есекеева");
    assert!(mansiya.len() >= 10, "{}", mansiya.len());
    assert!(mansiya
        .iter()
        .all(|s| s.speakers.iter().any(|n| n.contains("Есекеева"))));
    // "Ақбота Оқасова" typed as "акбота".
    let akbota = search("  акбота  ");
    assert_eq!(akbota.len(), 6);
    assert!(akbota.iter().all(|s| s.kind == SessionKind::Consultation));
    // Words may match different fields; all must match.
    let both = search("ақбота трудоустройству");
    assert_eq!(
        ids(&both),
        vec![sid("akmola-tour-2025", "esil-consultation")]
    );
    assert!(search("акбота бурабай-нет").is_empty());
}

#[test]
fn the_forum_index_also_searches_places() {
    let d = akmola();
    let f = ProgrammeFilter::from_query(
        "q=%D0%B0%D0%BA%D0%B1%D0%BE%D1%82%D0%B0+%D0%B5%D1%81%D0%B8%D0%BB",
    ); // "акбота есил"
    assert_eq!(f.text, "акбота есил");
    assert!(ProgrammeIndex::new(&d.sessions).filter(&f).is_empty());
    let index = ProgrammeIndex::for_forum(&d.forum, &d.sessions);
    assert_eq!(
        matching_ids(&index, &f),
        vec![sid("akmola-tour-2025", "esil-consultation")]
    );
    // Stop names in Russian and English, venue and room names.
    let search = |q: &str| {
        index
            .matching(&ProgrammeFilter {
                text: q.into(),
                ..Default::default()
            })
            .len()
    };
    assert_eq!(search("Бурабай"), 7);
    assert_eq!(search("burabay plenary"), 1);
    assert_eq!(search("агротехнический"), 4);
    assert_eq!(search("classroom"), 2);
    let o = oral();
    let index = ProgrammeIndex::for_forum(&o.forum, &o.sessions);
    assert_eq!(
        index.sessions(),
        ProgrammeIndex::new(&o.sessions).sessions()
    );
}

#[test]
fn search_looks_in_titles_and_descriptions_of_every_language() {
    let mut s = session(2, at(2025, 11, 11, 10, 0), at(2025, 11, 11, 11, 0));
    s.title = I18nText::new("Жастар саясаты", "Молодёжная политика", "Youth policy");
    s.description = I18nText::new("", "", "Jobs for Gen Z; Café talk");
    let mut other = session(3, at(2025, 11, 11, 10, 0), at(2025, 11, 11, 11, 0));
    other.title = I18nText::new("Үзіліс", "Перерыв", "Break");
    let index = ProgrammeIndex::new(&[s, other]);
    for q in [
        "жастар",
        "МОЛОДЕЖНАЯ",
        "молодёжная политика",
        "policy",
        "gen z",
        "cafe",
    ] {
        let f = ProgrammeFilter {
            text: q.into(),
            ..Default::default()
        };
        assert_eq!(matching_ids(&index, &f), vec![Uuid::from_u128(2)], "{q}");
    }
    let f = ProgrammeFilter {
        text: "узилис".into(),
        ..Default::default()
    };
    assert_eq!(matching_ids(&index, &f), vec![Uuid::from_u128(3)]);
    // No match across two fields: "policy jobs" are two words, both present, but
    // "policyjobs" is not a word anywhere.
    let f = ProgrammeFilter {
        text: "policyjobs".into(),
        ..Default::default()
    };
    assert!(index.filter(&f).is_empty());
}

#[test]
fn a_session_across_midnight_is_on_both_days() {
    let night = session(2, at(2025, 11, 11, 22, 0), at(2025, 11, 12, 1, 0));
    let late = session(3, at(2025, 11, 11, 20, 0), at(2025, 11, 12, 0, 0));
    let morning = session(4, at(2025, 11, 12, 9, 0), at(2025, 11, 12, 10, 0));
    let index = ProgrammeIndex::new(&[morning, late, night]);
    let day = |d| ProgrammeFilter {
        day: Some(d),
        ..Default::default()
    };
    assert_eq!(
        matching_ids(&index, &day(date(2025, 11, 11))),
        vec![Uuid::from_u128(3), Uuid::from_u128(2)]
    );
    assert_eq!(
        matching_ids(&index, &day(date(2025, 11, 12))),
        vec![Uuid::from_u128(2), Uuid::from_u128(4)]
    );
}

#[test]
#[ignore = "timing; run with --release -- --ignored"]
fn filtering_200_sessions_takes_well_under_a_millisecond() {
    let d = oral();
    let mut sessions = Vec::new();
    for copy in 0..13u128 {
        for s in &d.sessions {
            let mut s = s.clone();
            s.meta.id = Uuid::from_u128(s.meta.id.as_u128() ^ copy);
            s.description = I18nText::new(
                "Жастарға арналған бағдарламалар, жұмыс пен құқық туралы кеңес.",
                "Программы для молодёжи, консультации о работе и правах.",
                "Programmes for young people, advice on jobs and rights.",
            );
            sessions.push(s);
        }
    }
    sessions.truncate(200);
    let index = ProgrammeIndex::new(&sessions);
    let f = ProgrammeFilter::from_query("day=2025-11-11&kind=training,plenary&q=молодежи+кукык");
    let runs = 1000;
    let start = std::time::Instant::now();
    let mut kept = 0;
    for _ in 0..runs {
        kept += index.filter(&f).len();
        kept += index
            .filter(&ProgrammeFilter {
                text: "консультации".into(),
                ..Default::default()
            })
            .len();
    }
    let per_filter = start.elapsed() / (2 * runs);
    println!("{per_filter:?} per filter of 200 sessions ({kept})");
    assert!(per_filter < std::time::Duration::from_millis(1));
}

// ---------------------------------------------------------------------------------
// fold

#[test]
fn fold_folds_kazakh_letters_to_the_russian_keyboard() {
    assert_eq!(fold("Ақбота Оқасова"), "акбота окасова");
    assert_eq!(fold("ӘҒҚҢӨҰҮІҺ әғқңөұүіһ Ёё"), "агкноууих агкноууих ее");
    assert_eq!(fold("Жеңіс  Балабеков\t\n"), "женис балабеков");
    assert_eq!(fold("Мәнсия Есекеева"), fold("МАНСИЯ ЕСЕКЕЕВА"));
    assert_eq!(fold(""), "");
    assert_eq!(fold(" \u{a0}\t "), "");
}

#[test]
fn fold_strips_latin_diacritics() {
    assert_eq!(fold("Äñğöūüşçı"), "angouusci");
    assert_eq!(
        fold("Qazaqstan Respublikasy — Jastar ğasyry"),
        "qazaqstan respublikasy — jastar gasyry"
    );
    assert_eq!(fold("İstanbul"), "istanbul");
    // Decomposed accents fold like precomposed ones.
    assert_eq!(fold("Ca\u{301}fe\u{301}"), fold("Cáfé"));
    assert_eq!(fold("е\u{308}лка"), fold("ёлка"));
}

// ---------------------------------------------------------------------------------
// Now and next

#[test]
fn now_and_next_at_the_oral_forum() {
    let d = oral();
    let ids_of = |v: &[&Session]| -> std::collections::BTreeSet<Uuid> {
        v.iter().map(|s| s.meta.id).collect()
    };
    let keys = |ks: &[&str]| -> std::collections::BTreeSet<Uuid> {
        ks.iter().map(|k| sid("oral-2025", k)).collect()
    };

    let nn = now_and_next(&d.sessions, at(2025, 11, 11, 14, 30));
    assert_eq!(
        ids_of(&nn.now),
        keys(&[
            "first-job-orenburg",
            "uralsk-runners",
            "volunteer-project-training"
        ])
    );
    assert_eq!(
        ids_of(&nn.next),
        keys(&["flood-volunteering", "working-professions-session"])
    );
    assert!(nn
        .now
        .windows(2)
        .all(|w| programme_order(w[0], w[1]).is_lt()));

    // At 10:00 registration has ended and the opening has begun.
    let nn = now_and_next(&d.sessions, at(2025, 11, 11, 10, 0));
    assert_eq!(ids_of(&nn.now), keys(&["opening-ceremony"]));
    assert_eq!(ids_of(&nn.next), keys(&["plenary"]));

    // In the evening, next is tomorrow morning's three sessions.
    let nn = now_and_next(&d.sessions, at(2025, 11, 11, 20, 0));
    assert!(nn.now.is_empty());
    assert_eq!(
        ids_of(&nn.next),
        keys(&[
            "regional-projects",
            "cv-training",
            "emergency-volunteer-training"
        ])
    );

    // Before the forum: the first session; after it: nothing.
    let nn = now_and_next(&d.sessions, at(2025, 11, 1, 8, 0));
    assert!(nn.now.is_empty());
    assert_eq!(ids_of(&nn.next), keys(&["registration-day1"]));
    let nn = now_and_next(&d.sessions, at(2025, 11, 12, 18, 0));
    assert_eq!(nn, NowNext::default());
    assert_eq!(
        now_and_next(&[], at(2025, 11, 12, 18, 0)),
        NowNext::default()
    );
}

#[test]
fn now_and_next_skip_tombstones_and_see_across_midnight() {
    let night = session(2, at(2025, 11, 11, 22, 0), at(2025, 11, 12, 1, 0));
    let mut cancelled = session(3, at(2025, 11, 12, 0, 30), at(2025, 11, 12, 2, 0));
    cancelled.meta.deleted = true;
    let morning = session(4, at(2025, 11, 12, 9, 0), at(2025, 11, 12, 10, 0));
    let sessions = [night, cancelled, morning];
    let nn = now_and_next(&sessions, at(2025, 11, 12, 0, 15));
    assert_eq!(ids(&nn.now), vec![Uuid::from_u128(2)]);
    assert_eq!(ids(&nn.next), vec![Uuid::from_u128(4)]);
    let nn = now_and_next(&sessions, at(2025, 11, 12, 1, 0));
    assert!(nn.now.is_empty(), "ends_at is exclusive");
}

// ---------------------------------------------------------------------------------
// Overlaps

#[test]
fn end_equal_to_start_is_not_an_overlap() {
    let a = session(2, at(2025, 11, 11, 10, 0), at(2025, 11, 11, 11, 0));
    let b = session(3, at(2025, 11, 11, 11, 0), at(2025, 11, 11, 12, 0));
    let c = session(1, at(2025, 11, 11, 10, 59), at(2025, 11, 11, 11, 1));
    assert!(overlaps(&[&a, &b]).is_empty());
    assert!(!times_overlap(&a, &b));
    assert_eq!(
        overlaps(&[&b, &a, &c]),
        vec![
            (Uuid::from_u128(1), Uuid::from_u128(2)),
            (Uuid::from_u128(1), Uuid::from_u128(3))
        ]
    );
    assert!(overlaps(&[]).is_empty());
    // The same session twice is not a clash with itself.
    assert!(overlaps(&[&a, &a]).is_empty());
}

#[test]
fn overlaps_in_an_oral_personal_plan() {
    let d = oral();
    let plan: Vec<&Session> = [
        "plenary",
        "first-job-orenburg",
        "volunteer-project-training",
        "flood-volunteering",
    ]
    .iter()
    .map(|k| by_id(&d.sessions, sid("oral-2025", k)))
    .collect();
    let (x, y) = (
        sid("oral-2025", "first-job-orenburg"),
        sid("oral-2025", "volunteer-project-training"),
    );
    // 14:00-16:00 training overlaps the 14:00-15:30 platform; the 16:00 platform
    // starts when the training ends.
    assert_eq!(overlaps(&plan), vec![(x.min(y), x.max(y))]);
}

#[test]
fn a_session_across_midnight_overlaps_the_next_days_early_session() {
    let night = session(2, at(2025, 11, 11, 22, 0), at(2025, 11, 12, 1, 0));
    let early = session(3, at(2025, 11, 12, 0, 30), at(2025, 11, 12, 2, 0));
    assert_eq!(
        overlaps(&[&early, &night]),
        vec![(Uuid::from_u128(2), Uuid::from_u128(3))]
    );
}

// ---------------------------------------------------------------------------------
// Edit warnings

#[test]
fn the_sessions_own_old_version_is_ignored() {
    let d = oral();
    let mut edited = oral_session(&d, "uralsk-runners");
    edited.title.en = "Uralsk Runners: running clubs".into();
    assert_eq!(edit_warnings(&d.forum, &edited, &d.sessions), vec![]);
}

#[test]
fn moving_a_platform_into_an_occupied_hall_is_a_room_clash() {
    let d = oral();
    let mut edited = oral_session(&d, "uralsk-runners");
    edited.room = Some(seed_id("oral-2025/room/dostyk-uii/small-hall"));
    assert_eq!(
        edit_warnings(&d.forum, &edited, &d.sessions),
        vec![EditWarning::RoomClash {
            other: sid("oral-2025", "first-job-orenburg")
        }]
    );
    // Moved to 15:30, it shares the hall with no one: 15:30-17:00 overlaps the 16:00
    // platform in the small hall.
    edited.starts_at = at(2025, 11, 11, 15, 30);
    edited.ends_at = at(2025, 11, 11, 16, 0);
    assert_eq!(edit_warnings(&d.forum, &edited, &d.sessions), vec![]);
}

#[test]
fn venue_wide_sessions_clash_by_venue_only_with_each_other() {
    let forum = small_forum();
    let venue = Some(Uuid::from_u128(10));
    let mut walk = session(2, at(2025, 11, 11, 12, 0), at(2025, 11, 11, 14, 0));
    walk.venue = venue;
    let mut in_hall = session(3, at(2025, 11, 11, 12, 0), at(2025, 11, 11, 14, 0));
    in_hall.venue = venue;
    in_hall.room = Some(Uuid::from_u128(11));
    let mut fair = session(4, at(2025, 11, 11, 13, 0), at(2025, 11, 11, 15, 0));
    fair.venue = venue;
    let nowhere = session(5, at(2025, 11, 11, 12, 0), at(2025, 11, 11, 14, 0));
    let others = [in_hall, fair, nowhere.clone()];
    assert_eq!(
        edit_warnings(&forum, &walk, &others),
        vec![EditWarning::RoomClash {
            other: Uuid::from_u128(4)
        }]
    );
    // Sessions with no venue never clash by place.
    let mut nowhere2 = nowhere.clone();
    nowhere2.meta.id = Uuid::from_u128(6);
    assert_eq!(edit_warnings(&forum, &nowhere2, &others), vec![]);
}

#[test]
fn a_speaker_spelled_differently_clashes() {
    let forum = small_forum();
    let mut panel = session(2, at(2025, 11, 11, 14, 0), at(2025, 11, 11, 15, 30));
    panel.speakers = vec![
        "Мансия Есекеева".into(),
        "  ".into(),
        "Асхат Рамазанов".into(),
    ];
    let mut training = session(3, at(2025, 11, 11, 15, 0), at(2025, 11, 11, 16, 0));
    training.speakers = vec!["МӘНСИЯ  ЕСЕКЕЕВА".into(), "Асхат Рамазанов".into()];
    let mut later = session(4, at(2025, 11, 11, 15, 30), at(2025, 11, 11, 17, 0));
    later.speakers = vec!["Мәнсия Есекеева".into()];
    let mut cancelled = training.clone();
    cancelled.meta.id = Uuid::from_u128(5);
    cancelled.meta.deleted = true;
    assert_eq!(
        edit_warnings(&forum, &panel, &[later, training, cancelled]),
        vec![
            EditWarning::SpeakerClash {
                speaker: "Мансия Есекеева".into(),
                other: Uuid::from_u128(3)
            },
            EditWarning::SpeakerClash {
                speaker: "Асхат Рамазанов".into(),
                other: Uuid::from_u128(3)
            },
        ]
    );
}

#[test]
fn the_akmola_tour_has_speaker_clashes_at_the_consultations() {
    // The legal and job consultations run 14:00-17:00 next to the training and the
    // game; Ләззат Сыздыкова is on the game; no one is on two at once there.
    let d = akmola();
    let game = by_id(&d.sessions, sid("akmola-tour-2025", "zharkayin-game")).clone();
    assert_eq!(edit_warnings(&d.forum, &game, &d.sessions), vec![]);
    // Put Асия Закенай's dialogue at the same time as the game she also runs.
    let mut dialogue = by_id(&d.sessions, sid("akmola-tour-2025", "zharkayin-dialogue")).clone();
    dialogue.starts_at = at(2025, 10, 13, 16, 0);
    dialogue.ends_at = at(2025, 10, 13, 17, 0);
    assert_eq!(
        edit_warnings(&d.forum, &dialogue, &d.sessions),
        vec![EditWarning::SpeakerClash {
            speaker: "Асия Закенай".into(),
            other: game.meta.id
        }]
    );
}

#[test]
fn dates_outside_the_forum_and_off_the_stop_date() {
    let d = akmola();
    let mut plenary = by_id(&d.sessions, sid("akmola-tour-2025", "burabay-plenary")).clone();
    assert_eq!(edit_warnings(&d.forum, &plenary, &d.sessions), vec![]);
    // Burabay is the 18th; the 17th is Zerendi's day.
    plenary.starts_at = at(2025, 10, 17, 8, 0);
    plenary.ends_at = at(2025, 10, 17, 9, 0);
    assert_eq!(
        edit_warnings(&d.forum, &plenary, &d.sessions),
        vec![EditWarning::NotOnStopDate]
    );
    // The 19th is after the tour and not Burabay's day either.
    plenary.starts_at = at(2025, 10, 19, 10, 0);
    plenary.ends_at = at(2025, 10, 19, 11, 0);
    assert_eq!(
        edit_warnings(&d.forum, &plenary, &d.sessions),
        vec![EditWarning::OutsideForumDates, EditWarning::NotOnStopDate]
    );
    // A last-evening session ending at midnight stays inside the forum dates; one
    // ending after midnight does not.
    plenary.starts_at = at(2025, 10, 18, 22, 0);
    plenary.ends_at = at(2025, 10, 19, 0, 0);
    assert_eq!(edit_warnings(&d.forum, &plenary, &d.sessions), vec![]);
    plenary.ends_at = at(2025, 10, 19, 0, 30);
    assert_eq!(
        edit_warnings(&d.forum, &plenary, &d.sessions),
        vec![EditWarning::OutsideForumDates]
    );
    // Before the forum, in a one-place forum.
    let forum = small_forum();
    let early = session(2, at(2025, 11, 10, 10, 0), at(2025, 11, 10, 11, 0));
    assert_eq!(
        edit_warnings(&forum, &early, &[]),
        vec![EditWarning::OutsideForumDates]
    );
}

// ---------------------------------------------------------------------------------
// Duplicate and itinerary

#[test]
fn duplicate_keeps_the_data_and_takes_the_new_meta() {
    let d = oral();
    let original = oral_session(&d, "plenary");
    let new_meta = Meta::new(Uuid::from_u128(99), original.meta.forum, stamp());
    let copy = duplicate(&original, new_meta.clone());
    assert_eq!(copy.meta, new_meta);
    assert_eq!(
        Session {
            meta: original.meta.clone(),
            ..copy.clone()
        },
        original
    );
    assert_eq!(copy.title, original.title);
}

#[test]
fn itinerary_of_the_akmola_tour() {
    let d = akmola();
    let it = itinerary(&d.forum, &d.sessions);
    assert_eq!(it.len(), 6);
    for ((day, stops), stop) in it.iter().zip(&d.forum.stops) {
        assert_eq!(*day, stop.date);
        assert_eq!(stops.len(), 1);
        assert_eq!(stops[0].0, Some(stop.id));
        assert!(stops[0]
            .1
            .windows(2)
            .all(|w| w[0].starts_at <= w[1].starts_at));
        assert!(stops[0].1.iter().all(|s| s.stop == Some(stop.id)));
    }
    let total: usize = it
        .iter()
        .flat_map(|(_, stops)| stops.iter().map(|(_, s)| s.len()))
        .sum();
    assert_eq!(total, d.sessions.len());
    assert!(itinerary(&d.forum, &[]).is_empty());
}

#[test]
fn itinerary_puts_stops_in_tour_order_and_no_stop_last() {
    let d = akmola();
    let (esil, zharkayin) = (d.forum.stops[1].id, d.forum.stops[0].id);
    let mut bus = session(2, at(2025, 10, 14, 7, 0), at(2025, 10, 14, 9, 0));
    bus.title = I18nText::new("Жол", "Дорога", "Travel");
    let mut late_meeting = session(3, at(2025, 10, 14, 18, 0), at(2025, 10, 14, 19, 0));
    late_meeting.stop = Some(zharkayin);
    let mut early_esil = session(4, at(2025, 10, 14, 8, 0), at(2025, 10, 14, 9, 0));
    early_esil.stop = Some(esil);
    let mut deleted = early_esil.clone();
    deleted.meta.id = Uuid::from_u128(5);
    deleted.meta.deleted = true;
    let sessions = vec![bus, late_meeting, early_esil, deleted];
    let it = itinerary(&d.forum, &sessions);
    assert_eq!(it.len(), 1);
    let (day, stops) = &it[0];
    assert_eq!(*day, date(2025, 10, 14));
    let order: Vec<(Option<Uuid>, Vec<Uuid>)> =
        stops.iter().map(|(stop, s)| (*stop, ids(s))).collect();
    assert_eq!(
        order,
        vec![
            (Some(zharkayin), vec![Uuid::from_u128(3)]),
            (Some(esil), vec![Uuid::from_u128(4)]),
            (None, vec![Uuid::from_u128(2)]),
        ]
    );
}

// ---------------------------------------------------------------------------------
// Properties

fn kind_strategy() -> impl Strategy<Value = SessionKind> {
    proptest::sample::select(KINDS.to_vec())
}

fn lang_strategy() -> impl Strategy<Value = Lang> {
    proptest::sample::select(Lang::ALL.to_vec())
}

/// Text with many URL-special characters, plus arbitrary Unicode.
fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ &=%+?#,;/a-zA-Zәғқңөұүіһ0-9\u{a0}\t]{0,24}",
        Just(String::new()),
        Just("%zz%2".to_string()),
    ]
}

fn filter_strategy() -> impl Strategy<Value = ProgrammeFilter> {
    (
        proptest::option::of(
            (-100_000i32..100_000, 1u32..=366)
                .prop_filter_map("valid date", |(y, o)| NaiveDate::from_yo_opt(y, o)),
        ),
        proptest::collection::vec(kind_strategy(), 0..5),
        proptest::option::of(any::<u128>().prop_map(Uuid::from_u128)),
        proptest::option::of(lang_strategy()),
        text_strategy(),
    )
        .prop_map(|(day, kinds, venue, lang, text)| ProgrammeFilter {
            day,
            kinds,
            venue,
            lang,
            text,
        })
}

/// A small filter that often matches something in [`sessions_strategy`]'s programmes.
fn near_filter_strategy() -> impl Strategy<Value = ProgrammeFilter> {
    (
        proptest::option::of((10u32..14).prop_map(|d| date(2025, 11, d))),
        proptest::collection::vec(kind_strategy(), 0..3),
        proptest::option::of((10u128..13).prop_map(Uuid::from_u128)),
        proptest::option::of(lang_strategy()),
        prop_oneof![
            Just(String::new()),
            Just("мансия".to_string()),
            Just("ӘЛЕМ".to_string()),
            Just("a".to_string()),
            "[а-яәі ]{0,4}",
        ],
    )
        .prop_map(|(day, kinds, venue, lang, text)| ProgrammeFilter {
            day,
            kinds,
            venue,
            lang,
            text,
        })
}

fn sessions_strategy() -> impl Strategy<Value = Vec<Session>> {
    let one = (
        0i64..(3 * 24 * 60),
        -30i64..600,
        kind_strategy(),
        proptest::option::of(10u128..13),
        proptest::option::of(20u128..23),
        proptest::collection::vec(
            proptest::sample::select(vec![
                "Мәнсия Есекеева",
                "Мансия ЕСЕКЕЕВА",
                "Дидар Хамзин",
                "Alem",
            ]),
            0..3,
        ),
        proptest::collection::vec(lang_strategy(), 0..3),
        proptest::bool::weighted(0.15),
        proptest::sample::select(vec!["Әлем", "Жастар", "Форум", "Alma"]),
    );
    proptest::collection::vec(one, 0..40).prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(
                |(i, (start, len, kind, venue, room, speakers, languages, deleted, title))| {
                    let starts_at = at(2025, 11, 10, 0, 0) + TimeDelta::minutes(start);
                    let id = 1000 + (i as u128 * 7919) % 104_729;
                    let mut s = session(id, starts_at, starts_at + TimeDelta::minutes(len));
                    s.meta.deleted = deleted;
                    s.kind = kind;
                    s.venue = venue.map(Uuid::from_u128);
                    s.room = room.map(Uuid::from_u128);
                    s.speakers = speakers.into_iter().map(String::from).collect();
                    s.languages = languages;
                    s.title = I18nText::new(title, "", "");
                    s
                },
            )
            .collect()
    })
}

/// What the filter keeps, checked field by field without the index.
fn naive_keeps(f: &ProgrammeFilter, s: &Session) -> bool {
    let day_ok = f.day.is_none_or(|d| {
        let day_start = d.and_hms_opt(0, 0, 0).unwrap();
        s.starts_at.date() == d || (s.starts_at < day_start && s.ends_at > day_start)
    });
    let text = fold(&f.text);
    let hay: Vec<String> = [
        &s.title.kk,
        &s.title.ru,
        &s.title.en,
        &s.description.kk,
        &s.description.ru,
        &s.description.en,
    ]
    .into_iter()
    .chain(&s.speakers)
    .map(|t| fold(t))
    .collect();
    day_ok
        && (f.kinds.is_empty() || f.kinds.contains(&s.kind))
        && f.venue.is_none_or(|v| s.venue == Some(v))
        && f.lang
            .is_none_or(|l| s.languages.is_empty() || s.languages.contains(&l))
        && text
            .split(' ')
            .filter(|w| !w.is_empty())
            .all(|w| hay.iter().any(|h| h.contains(w)))
}

fn naive_overlaps(sessions: &[&Session]) -> Vec<(Uuid, Uuid)> {
    let mut out = Vec::new();
    for a in sessions {
        for b in sessions {
            let valid = |s: &Session| !s.meta.deleted && s.starts_at < s.ends_at;
            if a.meta.id < b.meta.id
                && valid(a)
                && valid(b)
                && a.starts_at < b.ends_at
                && b.starts_at < a.ends_at
            {
                out.push((a.meta.id, b.meta.id));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn query_round_trips(f in filter_strategy()) {
        let q = f.to_query();
        prop_assert_eq!(ProgrammeFilter::from_query(&q), f.clone());
        prop_assert_eq!(ProgrammeFilter::from_query(&format!("?{q}")), f.clone());
        prop_assert_eq!(q.is_empty(), f.is_empty());
        // One query string: no raw separators or spaces leak out of the values.
        prop_assert!(!q.contains(' ') && !q.contains('#') && !q.contains('+'));
        prop_assert_eq!(q.matches('&').count() + usize::from(!q.is_empty()), q.split('&').filter(|p| !p.is_empty()).count());
    }

    #[test]
    fn from_query_never_panics(q in prop_oneof![
        any::<String>(),
        "[?&=%+,;a-z0-9 -]{0,40}",
        "(day|kind|venue|lang|q|x)=[%0-9a-fA-Fz+&=,-]{0,20}(&(day|kind|venue|lang|q)=[%0-9a-f+,-]{0,12}){0,4}",
    ]) {
        let f = ProgrammeFilter::from_query(&q);
        // Whatever was read writes back to a query that reads the same.
        prop_assert_eq!(ProgrammeFilter::from_query(&f.to_query()), f);
    }

    #[test]
    fn the_default_filter_keeps_every_live_session_in_order(sessions in sessions_strategy()) {
        let index = ProgrammeIndex::new(&sessions);
        let live = sessions.iter().filter(|s| !s.meta.deleted).count();
        prop_assert_eq!(index.len(), live);
        prop_assert!(index.sessions().iter().all(|s| !s.meta.deleted));
        prop_assert!(index.sessions().windows(2).all(|w| programme_order(&w[0], &w[1]).is_le()));
        prop_assert_eq!(index.filter(&ProgrammeFilter::default()), (0..live).collect::<Vec<_>>());
    }

    #[test]
    fn filter_keeps_a_subset_in_order_and_exactly_the_matching_sessions(
        sessions in sessions_strategy(),
        f in near_filter_strategy(),
    ) {
        let index = ProgrammeIndex::new(&sessions);
        let kept = index.filter(&f);
        prop_assert!(kept.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(kept.iter().all(|i| *i < index.len()));
        let expected: Vec<usize> = index
            .sessions()
            .iter()
            .enumerate()
            .filter(|(_, s)| naive_keeps(&f, s))
            .map(|(i, _)| i)
            .collect();
        prop_assert_eq!(kept, expected);
    }

    #[test]
    fn overlaps_agree_with_the_naive_check(sessions in sessions_strategy()) {
        let refs: Vec<&Session> = sessions.iter().collect();
        let pairs = overlaps(&refs);
        prop_assert!(pairs.iter().all(|(a, b)| a < b));
        prop_assert!(pairs.windows(2).all(|w| w[0] < w[1]), "sorted, each pair once");
        prop_assert_eq!(pairs, naive_overlaps(&refs));
    }

    #[test]
    fn fold_is_idempotent(text in prop_oneof![
        any::<String>(),
        "[ \tА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүІіҺһÄäĞğÑñÖöŪūÜüŞşÇçIıİ\u{300}-\u{36f}]{0,30}",
    ]) {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once.clone());
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
    }

    #[test]
    fn every_session_day_is_a_programme_day(sessions in sessions_strategy()) {
        let forum = small_forum();
        let all = days(&forum, &sessions);
        prop_assert!(all.windows(2).all(|w| w[0] < w[1]));
        for s in sessions.iter().filter(|s| !s.meta.deleted) {
            prop_assert!(all.contains(&s.starts_at.date()));
        }
        for d in session_days(&sessions) {
            prop_assert!(all.contains(&d));
        }
        // The index's day filter keeps a session on each of its days.
        let index = ProgrammeIndex::new(&sessions);
        let on_some_day: std::collections::BTreeSet<usize> = all
            .iter()
            .flat_map(|d| index.filter(&ProgrammeFilter { day: Some(*d), ..Default::default() }))
            .collect();
        prop_assert_eq!(on_some_day.len(), index.len());
    }
}
