//! The widget's view model: days and local times in the forum's zone (Almaty on UTC+5
//! since 2024-03-01, UTC+6 before), the grid by room, now and next by the forum's clock,
//! the filters, and the JSON the widget reads.

use chrono::{DateTime, NaiveDate, Utc};
use jiyn_core::feed::{self, AgendaFeed};
use jiyn_core::Lang;
use jiyn_embed::sample;
use jiyn_embed::view::{Agenda, Filter, SLOT_MINUTES};
use serde_json::Value;

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn bench() -> Agenda {
    Agenda::prepare(sample::bench_feed(200, 8, 3))
}

fn view(a: &Agenda, lang: Lang) -> Value {
    serde_json::from_str(&a.view_json(lang)).expect("the view is JSON")
}

#[test]
fn the_bench_programme_has_three_days_of_eight_rooms_in_utc_plus_5() {
    let a = bench();
    assert_eq!(a.len(), 200);
    assert_eq!(
        a.days(),
        ["2025-11-11", "2025-11-12", "2025-11-13"].map(|d| d.parse::<NaiveDate>().unwrap())
    );
    assert_eq!(a.offset().local_minus_utc(), 5 * 3600);
    let v = view(&a, Lang::En);
    assert_eq!(v["forum"]["zone"], "Asia/Almaty");
    assert_eq!(v["forum"]["offset"], "+05:00");
    for d in v["days"].as_array().unwrap() {
        assert_eq!(d["cols"].as_array().unwrap().len(), 8, "{d}");
    }
    assert_eq!(v["days"][0]["wd"], 2, "11 November 2025 is a Tuesday");
    assert_eq!(v["days"][0]["cols"][0]["name"], "Hall 1");
    assert_eq!(v["days"][0]["cols"][0]["sub"], "Congress Hall");
    assert_eq!(v["days"][0]["cols"][7]["sub"], "Youth Centre");
    // Shown times are the forum's wall clock; the feed's UTC instants are 5 hours behind.
    let f = a.feed();
    for (s, vs) in f.sessions.iter().zip(v["sessions"].as_array().unwrap()) {
        assert_eq!(vs["start"], s.starts_at.format("%H:%M").to_string());
        assert_eq!(vs["end"], s.ends_at.format("%H:%M").to_string());
        assert_eq!((s.starts_at - s.starts_at_utc.naive_utc()).num_hours(), 5);
    }
    assert_eq!(v["sessions"][0]["start"], "09:00");
}

#[test]
fn now_and_next_follow_the_forums_clock_not_the_readers() {
    let a = bench();
    // 05:10 UTC is 10:10 in Almaty (UTC+5; a table from before 2024 would say 11:10).
    let n = a.now_next(utc("2025-11-11T05:10:00Z"));
    assert_eq!(n.time, "10:10");
    assert_eq!(n.date, "2025-11-11");
    assert_eq!(n.today, Some(0));
    let f = a.feed();
    let local = "2025-11-11T10:10:00".parse().unwrap();
    let expected: Vec<usize> = (0..f.sessions.len())
        .filter(|i| f.sessions[*i].starts_at <= local && local < f.sessions[*i].ends_at)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(n.now, expected);
    // Next: the earliest start after now, all sessions starting then.
    let next_start = n
        .next
        .iter()
        .map(|i| f.sessions[*i].starts_at)
        .collect::<Vec<_>>();
    assert!(!next_start.is_empty());
    assert!(next_start.iter().all(|t| *t == next_start[0] && *t > local));
    assert!(f
        .sessions
        .iter()
        .all(|s| s.starts_at <= local || s.starts_at >= next_start[0]));
    // The evening before: nothing now, next is the first morning; today is not a day.
    let n = a.now_next(utc("2025-11-10T15:00:00Z"));
    assert_eq!((n.time.as_str(), n.today), ("20:00", None));
    assert!(n.now.is_empty());
    assert_eq!(n.next[0], 0);
    // After the last session: nothing at all.
    let n = a.now_next(utc("2025-11-14T00:00:00Z"));
    assert!(n.now.is_empty() && n.next.is_empty());
    let j: Value = serde_json::from_str(&a.now_next_json(utc("2025-11-11T05:10:00Z"))).unwrap();
    assert_eq!(j["time"], "10:10");
    assert_eq!(j["today"], 0);
    assert_eq!(j["now"].as_array().unwrap().len(), expected.len());
}

/// A feed of the Akmola demo tour moved to a date, with its sessions' UTC as the given
/// offset.
fn almaty_on(date: &str) -> AgendaFeed {
    let mut f = sample::bench_feed(2, 1, 1);
    let day: NaiveDate = date.parse().unwrap();
    f.forum.starts_on = day;
    f.forum.ends_on = day;
    for s in &mut f.sessions {
        s.starts_at = day.and_time(s.starts_at.time());
        s.ends_at = day.and_time(s.ends_at.time());
    }
    f
}

#[test]
fn almaty_was_utc_plus_6_before_march_2024() {
    let before = Agenda::prepare(almaty_on("2024-02-20"));
    assert_eq!(before.offset().local_minus_utc(), 6 * 3600);
    assert_eq!(before.now_next(utc("2024-02-20T04:00:00Z")).time, "10:00");
    let after = Agenda::prepare(almaty_on("2024-03-20"));
    assert_eq!(after.offset().local_minus_utc(), 5 * 3600);
    assert_eq!(after.now_next(utc("2024-03-20T04:00:00Z")).time, "09:00");
}

#[test]
fn an_unknown_zone_falls_back_to_the_offset_the_feed_implies() {
    let mut f = sample::bench_feed(3, 2, 1);
    f.forum.time_zone = "Mars/Olympus".into();
    let a = Agenda::prepare(f);
    assert_eq!(a.offset().local_minus_utc(), 5 * 3600);
    assert_eq!(a.now_next(utc("2025-11-11T04:30:00Z")).time, "09:30");
    let mut f = sample::bench_feed(0, 2, 1);
    f.forum.time_zone = "Mars/Olympus".into();
    assert_eq!(Agenda::prepare(f).offset().local_minus_utc(), 0);
}

#[test]
fn sessions_sit_in_their_rooms_column_and_their_times_rows() {
    let a = bench();
    let v = view(&a, Lang::Kk);
    let f = a.feed();
    for (s, vs) in f.sessions.iter().zip(v["sessions"].as_array().unwrap()) {
        let day = &v["days"][vs["day"].as_u64().unwrap() as usize];
        assert_eq!(day["date"], s.starts_at.date().to_string());
        let col = &day["cols"][vs["col"].as_u64().unwrap() as usize];
        assert_eq!(col["name"], s.room.as_ref().unwrap().name.kk.as_str());
        let start = day["start"].as_u64().unwrap() as u32;
        let minute = |t: chrono::NaiveDateTime| {
            use chrono::Timelike;
            t.hour() * 60 + t.minute()
        };
        assert_eq!(
            vs["row0"].as_u64().unwrap() as u32,
            (minute(s.starts_at) - start) / SLOT_MINUTES
        );
        assert_eq!(
            vs["row1"].as_u64().unwrap() as u32,
            (minute(s.ends_at) - start).div_ceil(SLOT_MINUTES)
        );
        assert!(vs["row1"].as_u64() <= day["slots"].as_u64());
    }
    // The first row is the first start rounded down to the half hour.
    assert_eq!(v["days"][0]["start"], 9 * 60);
}

#[test]
fn a_session_crossing_midnight_is_drawn_to_the_end_of_its_first_day() {
    let mut f = sample::bench_feed(1, 1, 1);
    let s = &mut f.sessions[0];
    s.starts_at = "2025-11-11T22:00:00".parse().unwrap();
    s.ends_at = "2025-11-12T01:00:00".parse().unwrap();
    let a = Agenda::prepare(f);
    let v = view(&a, Lang::En);
    assert_eq!(v["sessions"][0]["later"], true);
    assert_eq!(v["sessions"][0]["row1"], 24 * 60 / 5 - 22 * 60 / 5);
    assert_eq!(v["days"][0]["slots"], 2 * 60 / 5);
}

#[test]
fn filters_keep_what_the_apps_programme_filter_keeps() {
    let a = bench();
    let f = a.feed();
    let all = a.filter(&Filter::default());
    assert_eq!(all, (0..200).collect::<Vec<u32>>());
    // Day.
    let day1 = a.filter(&Filter {
        day: Some(1),
        ..Filter::default()
    });
    assert!(day1
        .iter()
        .all(|i| f.sessions[*i as usize].starts_at.date().to_string() == "2025-11-12"));
    assert_eq!(day1.len(), 67);
    // Kinds: bit per KINDS index.
    let training = a.filter(&Filter {
        kinds: 1 << 2,
        ..Filter::default()
    });
    assert!(!training.is_empty());
    assert!(training
        .iter()
        .all(|i| f.sessions[*i as usize].kind == jiyn_core::SessionKind::Training));
    let two = a.filter(&Filter {
        kinds: 1 << 2 | 1,
        ..Filter::default()
    });
    assert!(two.len() > training.len());
    // Venue and room: indices of the view's option lists.
    let v = view(&a, Lang::En);
    assert_eq!(v["venues"][1], "Youth Centre");
    assert_eq!(v["rooms"][5]["name"], "Hall 6");
    assert_eq!(v["rooms"][5]["venue"], 1);
    let youth = a.filter(&Filter {
        venue: Some(1),
        ..Filter::default()
    });
    let count = |keep: &dyn Fn(&jiyn_core::feed::FeedSession) -> bool| {
        f.sessions.iter().filter(|s| keep(s)).count()
    };
    let youth_n = count(&|s| s.venue.as_ref().unwrap().name.en == "Youth Centre");
    assert!(youth_n > 50);
    assert_eq!(youth.len(), youth_n);
    let hall6 = a.filter(&Filter {
        room: Some(5),
        ..Filter::default()
    });
    assert_eq!(
        hall6.len(),
        count(&|s| s.room.as_ref().unwrap().name.en == "Hall 6")
    );
    assert!(hall6.len() > 20);
    assert!(hall6.iter().all(|i| f.sessions[*i as usize]
        .room
        .as_ref()
        .is_some_and(|r| r.name.en == "Hall 6")));
    // Language: sessions listing none match any language.
    let en = a.filter(&Filter {
        lang: Some(Lang::En),
        ..Filter::default()
    });
    for i in &en {
        let l = &f.sessions[*i as usize].languages;
        assert!(l.is_empty() || l.contains(&Lang::En));
    }
    assert_eq!(
        en.len(),
        count(&|s| s.languages.is_empty() || s.languages.contains(&Lang::En))
    );
    assert!(en.len() < 200);
    // Search: folded, every word, any language, speakers and places too.
    let q = |query: &str| {
        a.filter(&Filter {
            query: query.into(),
            ..Filter::default()
        })
        .len()
    };
    assert_eq!(q("ЖАСТАР САЯСАТЫ"), q("жастар саясаты"));
    assert_eq!(
        q("куқықтық"),
        q("құқықтық"),
        "Kazakh letters typed on a Russian keyboard"
    );
    assert!(q("құқықтық") > 0);
    // Words in any order, each a substring of a field.
    let hit = a.filter(&Filter {
        query: "54 MEETING legal".into(),
        ..Filter::default()
    });
    assert_eq!(hit.len(), 1);
    assert_eq!(
        f.sessions[hit[0] as usize].title.en,
        "Legal advice: meeting 54"
    );
    assert!(q("Серікова") > 0);
    assert_eq!(q("Youth Centre"), youth_n);
    assert_eq!(q("nothing like this"), 0);
    // Everything together.
    let both = a.filter(&Filter {
        day: Some(0),
        kinds: 1 << 2,
        venue: Some(0),
        room: None,
        lang: Some(Lang::Kk),
        query: "meeting".into(),
    });
    for i in both {
        let s = &f.sessions[i as usize];
        assert_eq!(s.starts_at.date().to_string(), "2025-11-11");
        assert_eq!(s.kind, jiyn_core::SessionKind::Training);
        assert_eq!(s.venue.as_ref().unwrap().name.en, "Congress Hall");
    }
}

#[test]
fn texts_fall_back_to_another_language_and_say_which() {
    let a = bench();
    let v = view(&a, Lang::Kk);
    let f = a.feed();
    let only_ru = f
        .sessions
        .iter()
        .position(|s| s.title.kk.is_empty())
        .unwrap();
    assert_eq!(v["sessions"][only_ru]["title"][1], "ru");
    assert_eq!(
        v["sessions"][only_ru]["title"][0],
        f.sessions[only_ru].title.ru.as_str()
    );
    let v = view(&a, Lang::Ru);
    assert!(v["sessions"][only_ru]["title"].is_string());
    assert_eq!(v["forum"]["title"], "Молодёжный форум Алматы 2025");
    // Filter options: the kinds the programme uses, as [bit, code].
    assert_eq!(v["kinds"][0][0], 0);
    assert_eq!(v["kinds"][0][1], "plenary");
    assert_eq!(v["kinds"].as_array().unwrap().len(), 9);
    assert_eq!(v["langs"], serde_json::json!(["kk", "ru", "en"]));
}

#[test]
fn the_view_json_escapes_what_it_must() {
    let mut f = sample::bench_feed(1, 1, 1);
    let nasty = "\"quotes\" \\ back\nnew\u{1}line </script> 😀 Ә";
    f.sessions[0].title.en = nasty.into();
    f.sessions[0].speakers = vec![nasty.into()];
    let text = feed::encode(&f).unwrap();
    let a = Agenda::parse(&text).unwrap();
    let v = view(&a, Lang::En);
    assert_eq!(v["sessions"][0]["title"], nasty);
    assert_eq!(v["sessions"][0]["speakers"][0], nasty);
    assert_eq!(v["forum"]["id"], f.forum.id.to_string());
    assert_eq!(v["forum"]["generated_at"], 1_761_955_200_000i64);
    assert_eq!(v["sessions"][0]["capacity"], 30);
    assert_eq!(v["sessions"][0]["stop"], Value::Null);
}

#[test]
fn every_demo_forum_gives_a_view() {
    for f in sample::demo_feeds() {
        let n = f.sessions.len();
        let a = Agenda::prepare(f);
        let v = view(&a, Lang::Kk);
        assert_eq!(v["sessions"].as_array().unwrap().len(), n);
        assert_eq!(a.filter(&Filter::default()).len(), n);
        let days = v["days"].as_array().unwrap();
        assert!(!days.is_empty());
        for s in v["sessions"].as_array().unwrap() {
            let day = &days[s["day"].as_u64().unwrap() as usize];
            assert!((s["col"].as_u64().unwrap() as usize) < day["cols"].as_array().unwrap().len());
        }
    }
}
