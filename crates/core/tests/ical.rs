//! The iCalendar export, read back with a real parser (the `icalendar` crate): required
//! properties, times that land on the right UTC instants through the written
//! `VTIMEZONE`, folding of multi-byte text, TEXT escaping, and property tests.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use icalendar::parser::{read_calendar, unfold, Calendar, Component};
use jiyn_core::ical::{self, IcalError, IcalOptions, MAX_LINE_OCTETS};
use jiyn_core::*;
use proptest::prelude::*;
use uuid::Uuid;

fn stamp() -> Hlc {
    Hlc::new(1_740_000_000_000, 0, DeviceId::new("test").unwrap())
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

fn dtstamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 4, 0, 0).unwrap()
}

fn forum(zone: &str) -> Forum {
    Forum {
        volunteering: Default::default(),
        signing_key: None,
        meta: Meta::new(Uuid::from_u128(1), Uuid::from_u128(1), stamp()),
        title: I18nText::new("Жастар форумы", "Молодёжный форум", "Youth forum"),
        city: I18nText::new("Алматы", "Алматы", "Almaty"),
        starts_on: NaiveDate::from_ymd_opt(2025, 3, 10).unwrap(),
        ends_on: NaiveDate::from_ymd_opt(2025, 3, 11).unwrap(),
        time_zone: zone.into(),
        format: ForumFormat::Single,
        venues: vec![Venue {
            id: Uuid::from_u128(10),
            name: I18nText::new("Достық үйі", "Дом дружбы", "House of Friendship"),
            address: "Dostyk Ave. 1; Almaty, 050000".into(),
            rooms: vec![Room {
                id: Uuid::from_u128(11),
                name: I18nText::new("Үлкен зал", "Большой зал", "Main hall"),
                capacity: Some(300),
            }],
        }],
        stops: vec![],
    }
}

fn session(n: u128, title: I18nText, starts: &str, ends: &str) -> Session {
    Session {
        meta: Meta::new(Uuid::from_u128(100 + n), Uuid::from_u128(1), stamp()),
        title,
        description: I18nText::new(
            "Жастар саясаты туралы әңгіме.",
            "Разговор о молодёжной политике.",
            "A talk on youth policy.",
        ),
        kind: SessionKind::Plenary,
        starts_at: at(starts),
        ends_at: at(ends),
        venue: Some(Uuid::from_u128(10)),
        room: Some(Uuid::from_u128(11)),
        stop: None,
        speakers: vec!["Асем Жанадилова".into(), "Данияр Бектемиров".into()],
        capacity: None,
        languages: vec![Lang::Kk, Lang::Ru],
    }
}

fn plenary() -> Session {
    session(
        1,
        I18nText::new("Пленарлық отырыс", "Пленарное заседание", "Plenary"),
        "2025-03-10T10:00",
        "2025-03-10T11:30",
    )
}

fn parse(text: &str) -> Calendar<'static> {
    let unfolded: &'static str = Box::leak(unfold(text).into_boxed_str());
    read_calendar(unfolded).unwrap_or_else(|e| panic!("does not parse: {e}\n{text}"))
}

fn events<'a>(cal: &'a Calendar<'_>) -> Vec<&'a Component<'a>> {
    cal.components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect()
}

fn prop<'a>(c: &'a Component<'_>, name: &str) -> &'a str {
    c.find_prop(name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .val
        .as_str()
}

fn param<'a>(c: &'a Component<'_>, name: &str, key: &str) -> Option<&'a str> {
    c.find_prop(name)?
        .params
        .iter()
        .find(|p| p.key.as_str() == key)?
        .val
        .as_ref()
        .map(|v| v.as_str())
}

fn offset_secs(text: &str) -> i64 {
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let d = &text[1..];
    let h: i64 = d[0..2].parse().unwrap();
    let m: i64 = d[2..4].parse().unwrap();
    let s: i64 = d.get(4..6).map_or(0, |s| s.parse().unwrap());
    sign * (h * 3600 + m * 60 + s)
}

/// The instant of a `DTSTART;TZID=…` value, read through the calendar's own
/// `VTIMEZONE` (not through Jiyn's zone table): the latest observance whose onset is
/// not after the time. (Good for times that happen once.)
fn instant(cal: &Calendar<'_>, event: &Component<'_>, name: &str) -> DateTime<Utc> {
    let tzid = param(event, name, "TZID").expect("a TZID");
    let local = NaiveDateTime::parse_from_str(prop(event, name), "%Y%m%dT%H%M%S").unwrap();
    let vtz = cal
        .components
        .iter()
        .find(|c| c.name.as_str() == "VTIMEZONE" && prop(c, "TZID") == tzid)
        .expect("a VTIMEZONE for the TZID");
    let mut observances: Vec<(NaiveDateTime, i64)> = vtz
        .components
        .iter()
        .map(|o| {
            let start = NaiveDateTime::parse_from_str(prop(o, "DTSTART"), "%Y%m%dT%H%M%S").unwrap();
            let from = offset_secs(prop(o, "TZOFFSETFROM"));
            let to = offset_secs(prop(o, "TZOFFSETTO"));
            (start - TimeDelta::seconds(from), to)
        })
        .collect();
    observances.sort();
    let (_, to) = observances
        .iter()
        .rev()
        .find(|(onset_utc, to)| local - TimeDelta::seconds(*to) >= *onset_utc)
        .expect("an observance in force");
    (local - TimeDelta::seconds(*to)).and_utc()
}

fn assert_wire_format(text: &str) {
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(
            line.len() <= MAX_LINE_OCTETS,
            "{} octets: {line:?}",
            line.len()
        );
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
    }
}

#[test]
fn a_calendar_has_the_required_properties() {
    let f = forum("Asia/Almaty");
    let text = ical::session(&f, &plenary(), &IcalOptions::new(Lang::Kk, dtstamp())).unwrap();
    assert_wire_format(&text);
    let cal = parse(&text);
    let p = |n: &str| {
        cal.properties
            .iter()
            .find(|p| p.name.as_str() == n)
            .map(|p| p.val.as_str().to_string())
    };
    assert_eq!(p("VERSION").as_deref(), Some("2.0"));
    assert_eq!(p("PRODID").as_deref(), Some(ical::PRODID));
    assert_eq!(p("CALSCALE").as_deref(), Some("GREGORIAN"));
    assert_eq!(p("METHOD").as_deref(), Some("PUBLISH"));
    let ev = events(&cal);
    assert_eq!(ev.len(), 1);
    let e = ev[0];
    assert_eq!(prop(e, "UID"), format!("{}@jiyn", Uuid::from_u128(101)));
    assert_eq!(prop(e, "DTSTAMP"), "20250301T040000Z");
    assert_eq!(prop(e, "SUMMARY"), "Пленарлық отырыс");
    assert_eq!(param(e, "SUMMARY", "LANGUAGE"), Some("kk"));
    assert_eq!(
        prop(e, "DESCRIPTION"),
        "Жастар саясаты туралы әңгіме.\n\nАсем Жанадилова, Данияр Бектемиров"
    );
    assert_eq!(
        prop(e, "LOCATION"),
        "Үлкен зал, Достық үйі, Dostyk Ave. 1; Almaty, 050000"
    );
    assert_eq!(prop(e, "CATEGORIES"), "Plenary");
    assert_eq!(param(e, "DTSTART", "TZID"), Some("Asia/Almaty"));
    assert_eq!(prop(e, "DTSTART"), "20250310T100000");
    assert_eq!(prop(e, "DTEND"), "20250310T113000");
}

#[test]
fn a_10_00_almaty_session_in_2025_is_05_00_utc() {
    let f = forum("Asia/Almaty");
    let text = ical::session(&f, &plenary(), &IcalOptions::new(Lang::En, dtstamp())).unwrap();
    let cal = parse(&text);
    let e = events(&cal)[0];
    assert_eq!(
        instant(&cal, e, "DTSTART"),
        Utc.with_ymd_and_hms(2025, 3, 10, 5, 0, 0).unwrap()
    );
    assert_eq!(
        instant(&cal, e, "DTEND"),
        Utc.with_ymd_and_hms(2025, 3, 10, 6, 30, 0).unwrap()
    );
}

#[test]
fn the_vtimezone_carries_kazakhstans_change_of_2024() {
    let mut f = forum("Asia/Almaty");
    f.starts_on = NaiveDate::from_ymd_opt(2024, 2, 28).unwrap();
    f.ends_on = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
    let before = session(
        1,
        I18nText::new("Бір", "", ""),
        "2024-02-28T10:00",
        "2024-02-28T11:00",
    );
    let after = session(
        2,
        I18nText::new("Екі", "", ""),
        "2024-03-05T10:00",
        "2024-03-05T11:00",
    );
    let text = ical::calendar(
        &f,
        [&before, &after],
        &IcalOptions::new(Lang::Kk, dtstamp()),
    )
    .unwrap();
    assert!(
        text.contains("TZOFFSETFROM:+0600\r\nTZOFFSETTO:+0500\r\n"),
        "{text}"
    );
    assert!(text.contains("DTSTART:20240301T000000\r\n"), "{text}");
    let cal = parse(&text);
    let ev = events(&cal);
    assert_eq!(
        instant(&cal, ev[0], "DTSTART"),
        Utc.with_ymd_and_hms(2024, 2, 28, 4, 0, 0).unwrap(),
        "+06 before"
    );
    assert_eq!(
        instant(&cal, ev[1], "DTSTART"),
        Utc.with_ymd_and_hms(2024, 3, 5, 5, 0, 0).unwrap(),
        "+05 after"
    );
}

#[test]
fn the_vtimezone_of_a_summer_time_zone_has_daylight_and_standard() {
    let f = forum("Europe/Berlin");
    let s = session(
        1,
        I18nText::new("", "", "Autumn"),
        "2025-10-25T10:00",
        "2025-10-27T10:00",
    );
    let text = ical::session(&f, &s, &IcalOptions::new(Lang::En, dtstamp())).unwrap();
    let cal = parse(&text);
    let vtz = cal
        .components
        .iter()
        .find(|c| c.name.as_str() == "VTIMEZONE")
        .unwrap();
    let kinds: Vec<&str> = vtz.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(kinds, ["DAYLIGHT", "STANDARD"]);
    let e = events(&cal)[0];
    assert_eq!(
        instant(&cal, e, "DTSTART"),
        Utc.with_ymd_and_hms(2025, 10, 25, 8, 0, 0).unwrap()
    );
    assert_eq!(
        instant(&cal, e, "DTEND"),
        Utc.with_ymd_and_hms(2025, 10, 27, 9, 0, 0).unwrap()
    );
}

#[test]
fn long_kazakh_text_is_folded_at_75_octets_and_unfolds_to_the_same_text() {
    let f = forum("Asia/Almaty");
    let mut s = plenary();
    let long = "Қазақстанның түрлі өңірлерінен және Ресейден келген жастар Достық үйінде бас қосып, \
                волонтерлік, жұмысшы мамандықтары және жастар саясаты туралы ой бөліседі; әр қатысушы \
                өз ұсынысын айта алады.";
    s.description = I18nText::new(long, "", "");
    s.speakers.clear();
    let text = ical::session(&f, &s, &IcalOptions::new(Lang::Kk, dtstamp())).unwrap();
    assert_wire_format(&text);
    assert!(
        text.split("\r\n").filter(|l| l.starts_with(' ')).count() >= 4,
        "the description is folded over several lines"
    );
    let cal = parse(&text);
    assert_eq!(prop(events(&cal)[0], "DESCRIPTION"), long);
}

#[test]
fn special_characters_are_escaped_and_read_back() {
    let f = forum("Asia/Almaty");
    let title = r"Жастар; форум, \ «2025»: сұрақ-жауап";
    let mut s = plenary();
    s.title = I18nText::new(title, "", "");
    s.description = I18nText::new("Бірінші жол\nЕкінші жол\r\nҮшінші; жол, \\ соңы", "", "");
    s.speakers.clear();
    let text = ical::session(&f, &s, &IcalOptions::new(Lang::Kk, dtstamp())).unwrap();
    assert!(unfold(&text).contains(r"SUMMARY;LANGUAGE=kk:Жастар\; форум\, \\ «2025»: сұрақ-жауап"));
    let cal = parse(&text);
    let e = events(&cal)[0];
    assert_eq!(prop(e, "SUMMARY"), title);
    assert_eq!(
        prop(e, "DESCRIPTION"),
        "Бірінші жол\nЕкінші жол\nҮшінші; жол, \\ соңы"
    );
    assert_eq!(
        prop(e, "LOCATION"),
        "Үлкен зал, Достық үйі, Dostyk Ave. 1; Almaty, 050000"
    );
}

#[test]
fn a_missing_translation_falls_back_and_says_so() {
    let f = forum("Asia/Almaty");
    let mut s = plenary();
    s.title = I18nText::new("", "Только по-русски", "");
    let text = ical::session(&f, &s, &IcalOptions::new(Lang::Kk, dtstamp())).unwrap();
    let cal = parse(&text);
    let e = events(&cal)[0];
    assert_eq!(prop(e, "SUMMARY"), "Только по-русски");
    assert_eq!(param(e, "SUMMARY", "LANGUAGE"), Some("ru"));
}

#[test]
fn labels_come_from_the_caller() {
    let f = forum("Asia/Almaty");
    let label = |k: SessionKind| match k {
        SessionKind::Plenary => "Пленарлық отырыс, бас зал".to_string(),
        _ => "Басқа".to_string(),
    };
    let opts = IcalOptions {
        kind_label: Some(&label),
        speakers_label: Some("Спикерлер"),
        ..IcalOptions::new(Lang::Kk, dtstamp())
    };
    let text = ical::session(&f, &plenary(), &opts).unwrap();
    assert!(
        text.contains("CATEGORIES:Пленарлық отырыс\\, бас зал\r\n"),
        "{text}"
    );
    let cal = parse(&text);
    assert!(prop(events(&cal)[0], "DESCRIPTION")
        .ends_with("Спикерлер: Асем Жанадилова, Данияр Бектемиров"));
}

#[test]
fn a_plan_skips_tombstones_and_refuses_other_forums_sessions() {
    let f = forum("Asia/Almaty");
    let mut deleted = session(
        2,
        I18nText::new("Өшірілген", "", ""),
        "2025-03-10T12:00",
        "2025-03-10T13:00",
    );
    deleted.meta.deleted = true;
    let kept = session(
        3,
        I18nText::new("Қалған", "", ""),
        "2025-03-10T09:00",
        "2025-03-10T09:30",
    );
    let text = ical::calendar(
        &f,
        [&plenary(), &deleted, &kept],
        &IcalOptions::new(Lang::Kk, dtstamp()),
    )
    .unwrap();
    let cal = parse(&text);
    let titles: Vec<&str> = events(&cal).iter().map(|e| prop(e, "SUMMARY")).collect();
    assert_eq!(
        titles,
        ["Қалған", "Пленарлық отырыс"],
        "programme order, no tombstone"
    );

    let mut foreign = plenary();
    foreign.meta.forum = Uuid::from_u128(2);
    assert_eq!(
        ical::calendar(&f, [&foreign], &IcalOptions::new(Lang::Kk, dtstamp())),
        Err(IcalError::ForeignSession(foreign.meta.id))
    );
    let unknown = forum("Mars/Olympus");
    assert!(matches!(
        ical::session(&unknown, &plenary(), &IcalOptions::new(Lang::Kk, dtstamp())),
        Err(IcalError::UnknownZone(_))
    ));
}

#[test]
fn an_empty_plan_is_still_a_valid_calendar() {
    let text = ical::calendar(
        &forum("Asia/Oral"),
        [],
        &IcalOptions::new(Lang::En, dtstamp()),
    )
    .unwrap();
    let cal = parse(&text);
    assert!(events(&cal).is_empty());
    assert_eq!(cal.components.len(), 1, "the VTIMEZONE");
}

#[test]
fn the_demo_programmes_export_and_every_time_is_right() {
    let records = demo::build().unwrap();
    let forums: Vec<&Forum> = records
        .iter()
        .filter_map(|(r, _)| match r {
            AnyRecord::Forum(f) => Some(f),
            _ => None,
        })
        .collect();
    for f in forums {
        let sessions: Vec<Session> = records
            .iter()
            .filter_map(|(r, _)| match r {
                AnyRecord::Session(s) if s.meta.forum == f.meta.id => Some(s.clone()),
                _ => None,
            })
            .collect();
        let zone = tz::zone(&f.time_zone).unwrap();
        for lang in Lang::ALL {
            let text = ical::programme(f, &sessions, &IcalOptions::new(lang, dtstamp())).unwrap();
            assert_wire_format(&text);
            let cal = parse(&text);
            let name = cal
                .properties
                .iter()
                .find(|p| p.name.as_str() == "X-WR-CALNAME")
                .map(|p| p.val.as_str().replace("\\,", ","));
            assert_eq!(name.as_deref(), Some(f.title.get(lang).0));
            let ev = events(&cal);
            assert_eq!(ev.len(), sessions.len());
            for e in ev {
                let id: Uuid = prop(e, "UID").trim_end_matches("@jiyn").parse().unwrap();
                let s = sessions.iter().find(|s| s.meta.id == id).unwrap();
                assert_eq!(instant(&cal, e, "DTSTART"), zone.to_utc(s.starts_at));
                assert_eq!(instant(&cal, e, "DTEND"), zone.to_utc(s.ends_at));
                // Kazakhstan is UTC+5 in 2025 everywhere.
                assert_eq!(
                    zone.to_utc(s.starts_at).naive_utc(),
                    s.starts_at - TimeDelta::hours(5)
                );
            }
        }
    }
}

/// What a title is expected to read back as: line ends become `\n`, and the control
/// characters TEXT cannot hold are dropped.
fn normalised(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !(c.is_ascii_control() && *c != '\n' && *c != '\t'))
        .collect()
}

fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("\\".to_string()),
        Just(";".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\"".to_string()),
        Just(" ".to_string()),
        Just("Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі".to_string()),
        Just("😀👍🏽".to_string()),
        "[a-zA-Zа-яА-ЯәғқңөұүһіӘҒҚҢӨҰҮҺІ0-9]{1,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 1..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_title_and_description_read_back_the_same(
        title in tricky_text(),
        description in tricky_text(),
        speaker in tricky_text(),
    ) {
        let f = forum("Asia/Almaty");
        let mut s = plenary();
        s.title = I18nText::new(&title, "", "");
        s.description = I18nText::new(&description, "", "");
        s.speakers = vec![speaker.clone()];
        let text = ical::session(&f, &s, &IcalOptions::new(Lang::Kk, dtstamp())).unwrap();
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= MAX_LINE_OCTETS, "{} octets", line.len());
            prop_assert!(!line.contains('\n') && !line.contains('\r'));
        }
        let cal = parse(&text);
        let e = events(&cal)[0];
        let expected_title = normalised(s.title.get(Lang::Kk).0);
        prop_assert_eq!(prop(e, "SUMMARY"), expected_title.as_str());
        let desc = s.description.get(Lang::Kk).0.trim();
        let expected = if desc.is_empty() {
            normalised(&speaker)
        } else {
            normalised(&format!("{desc}\n\n{speaker}"))
        };
        prop_assert_eq!(
            e.find_prop("DESCRIPTION").map(|p| p.val.as_str()).unwrap_or(""),
            expected.as_str()
        );
    }
}
