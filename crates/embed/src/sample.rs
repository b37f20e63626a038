//! Sample feeds for tests, the benchmark and the demo partner page (host only; not in
//! the wasm): every demo forum's feed, and a generated programme of any size in
//! `Asia/Almaty` (the benchmark's 200 sessions in 8 rooms over 3 days).
//!
//! Both are built by `jiyn_core::feed::build` from real records, so they are exactly
//! what a Jiyn server publishes.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use jiyn_core::agenda::KINDS;
use jiyn_core::feed::{self, AgendaFeed};
use jiyn_core::{
    demo, AnyRecord, DeviceId, Forum, ForumFormat, Hlc, I18nText, Lang, Meta, Room, Session, Venue,
};
use uuid::Uuid;

/// The `generated_at` of the sample feeds (2025-11-01T00:00:00Z).
pub fn generated_at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_761_955_200, 0).expect("valid time")
}

/// The feed of every demo forum (Oral 2025, the Akmola tour, Taraz projects), in the
/// demo's order.
pub fn demo_feeds() -> Vec<AgendaFeed> {
    let records: Vec<AnyRecord> = demo::build()
        .unwrap_or_else(|e| panic!("demo seeds are invalid: {e}"))
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    records
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Forum(f) => Some(f),
            _ => None,
        })
        .map(|f| {
            let sessions = records.iter().filter_map(|r| match r {
                AnyRecord::Session(s) if s.meta.forum == f.meta.id => Some(s),
                _ => None,
            });
            feed::build(f, sessions, generated_at()).expect("demo feed builds")
        })
        .collect()
}

/// A deterministic id: `prefix` in the high bits, `n` in the low ones.
fn id(prefix: u32, n: u64) -> Uuid {
    Uuid::from_u128((u128::from(prefix) << 96) | 0x7000_8000_0000_0000_0000 | u128::from(n))
}

fn meta(id: Uuid, forum: Uuid, n: u32) -> Meta {
    let device = DeviceId::new("sample").expect("valid device id");
    Meta::new(id, forum, Hlc::new(1_761_955_200_000, n, device))
}

/// The benchmark's forum: `sessions` sessions over `days` days (from 2025-11-11) in
/// `rooms` rooms of two venues, in `Asia/Almaty` (UTC+5 since 2024-03-01). Sessions run
/// 30 to 75 minutes from 09:00, with breaks, of every kind; some are held in one
/// language, some in two, some list none; a few titles exist only in Russian (the
/// widget marks the fallback language).
pub fn bench_feed(sessions: usize, rooms: usize, days: u32) -> AgendaFeed {
    let (forum, sessions) = bench_records(sessions, rooms, days);
    feed::build(&forum, &sessions, generated_at()).expect("the sample feed builds")
}

/// The records behind [`bench_feed`]: the forum and its sessions, as a device stores
/// them (the end-to-end test pushes them to a sync server).
pub fn bench_records(sessions: usize, rooms: usize, days: u32) -> (Forum, Vec<Session>) {
    let forum_id = id(0x0199_a0b0, 0);
    let start = NaiveDate::from_ymd_opt(2025, 11, 11).expect("valid date");
    let halls = [
        ("Конгресс-холл", "Конгресс-холл", "Congress Hall"),
        ("Жастар орталығы", "Молодёжный центр", "Youth Centre"),
    ];
    let per_venue = rooms.div_ceil(2).max(1);
    let venues: Vec<Venue> = halls
        .iter()
        .enumerate()
        .map(|(v, (kk, ru, en))| Venue {
            id: id(0x0199_a0b1, v as u64),
            name: I18nText::new(kk, ru, en),
            address: format!("Алматы, Абай даңғылы, {}", 10 + v),
            rooms: (0..per_venue)
                .map(|r| v * per_venue + r)
                .filter(|n| *n < rooms)
                .map(|n| Room {
                    id: id(0x0199_a0b2, n as u64),
                    name: I18nText::new(
                        &format!("{}-зал", n + 1),
                        &format!("Зал {}", n + 1),
                        &format!("Hall {}", n + 1),
                    ),
                    capacity: Some(40 + 20 * (n as u32 % 5)),
                })
                .collect(),
        })
        .collect();
    let forum = Forum {
        meta: meta(forum_id, forum_id, 0),
        title: I18nText::new(
            "Алматы жастар форумы 2025",
            "Молодёжный форум Алматы 2025",
            "Almaty Youth Forum 2025",
        ),
        city: I18nText::new("Алматы", "Алматы", "Almaty"),
        starts_on: start,
        ends_on: start + TimeDelta::days(i64::from(days.max(1)) - 1),
        time_zone: "Asia/Almaty".into(),
        format: ForumFormat::Single,
        venues: venues.clone(),
        stops: Vec::new(),
        volunteering: Default::default(),
        signing_key: None,
    };
    let topics = [
        ("Жастар саясаты", "Молодёжная политика", "Youth policy"),
        ("Волонтерлік", "Волонтёрство", "Volunteering"),
        (
            "Жұмысшы мамандықтар",
            "Рабочие профессии",
            "Working professions",
        ),
        (
            "Цифрлық сауаттылық",
            "Цифровая грамотность",
            "Digital literacy",
        ),
        ("Құқықтық кеңес", "Правовая консультация", "Legal advice"),
        (
            "Әлеуметтік жобалар",
            "Социальные проекты",
            "Social projects",
        ),
        (
            "Спорт және денсаулық",
            "Спорт и здоровье",
            "Sport and health",
        ),
    ];
    let speakers = [
        "Айгүл Серікова",
        "Ерлан Жұмабаев",
        "Динара Қасымова",
        "Тимур Ахметов",
        "Мадина Нұрланқызы",
        "Сергей Ким",
        "Әлия Бекова",
    ];
    let all_rooms: Vec<(Uuid, Uuid)> = venues
        .iter()
        .flat_map(|v| v.rooms.iter().map(move |r| (v.id, r.id)))
        .collect();
    let rooms = all_rooms.len().max(1);
    let per_day = sessions.div_ceil(days.max(1) as usize).max(1);
    let durations = [60i64, 45, 75, 30, 60, 45];
    let mut out = Vec::with_capacity(sessions);
    for n in 0..sessions {
        let day = (n / per_day) as i64;
        let within = n % per_day;
        let (slot, room) = (within / rooms, within % rooms);
        // Each room's sessions follow each other with a break of 15 minutes; rooms start
        // at staggered times so the grid is not a plain table.
        let minutes = 9 * 60 + (room as i64 % 3) * 15 + slot as i64 * 90;
        let starts_at = (start + TimeDelta::days(day))
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            + TimeDelta::minutes(minutes);
        let ends_at = starts_at + TimeDelta::minutes(durations[(n + room) % durations.len()]);
        let (kk, ru, en) = topics[n % topics.len()];
        let title = if n % 23 == 5 {
            I18nText::new("", &format!("{ru}: встреча {}", n + 1), "")
        } else {
            I18nText::new(
                &format!("{kk}: {}-кездесу", n + 1),
                &format!("{ru}: встреча {}", n + 1),
                &format!("{en}: meeting {}", n + 1),
            )
        };
        let languages = match n % 5 {
            0 => vec![Lang::Kk],
            1 => vec![Lang::Ru],
            2 => vec![Lang::Kk, Lang::Ru],
            3 => vec![Lang::En, Lang::Ru],
            _ => Vec::new(),
        };
        let (venue, room) = all_rooms[room];
        out.push(Session {
            meta: meta(id(0x0199_a0b3, n as u64), forum_id, n as u32 + 1),
            title,
            description: I18nText::new(
                "Жастармен ашық әңгіме, сұрақ-жауап.",
                "Открытый разговор с молодёжью, вопросы и ответы.",
                "An open talk with young people, questions and answers.",
            ),
            kind: KINDS[n % KINDS.len()],
            starts_at,
            ends_at,
            venue: Some(venue),
            room: Some(room),
            stop: None,
            speakers: vec![speakers[n % speakers.len()].to_string()],
            capacity: (n % 4 == 0).then_some(30),
            languages,
        });
    }
    (forum, out)
}
