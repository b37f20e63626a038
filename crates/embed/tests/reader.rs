//! The widget's feed reader against the core's (`jiyn_core::feed::decode`): every feed
//! Jiyn writes reads back equal through both; whatever the widget's reader accepts, the
//! core accepts with an equal result; the refusals come in the same order with the same
//! kinds; and damaged or random input never panics.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use jiyn_core::feed::{self, AgendaFeed, FeedError, FeedForum, FeedRef, FeedSession};
use jiyn_core::{ForumFormat, I18nText, Lang, SessionKind};
use jiyn_embed::reader::{decode, Refusal, MAX_FEED_BYTES};
use jiyn_embed::sample;
use proptest::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

/// The core's refusal as the widget's kind.
fn kind(e: &FeedError) -> Refusal {
    match e {
        FeedError::NotJson => Refusal::NotJson,
        FeedError::Truncated => Refusal::Truncated,
        FeedError::Foreign => Refusal::Foreign,
        FeedError::Newer { .. } => Refusal::Newer,
        _ => Refusal::Malformed,
    }
}

fn both(text: &str) -> (Result<AgendaFeed, Refusal>, Result<AgendaFeed, Refusal>) {
    (decode(text), feed::decode(text).map_err(|e| kind(&e)))
}

/// The widget accepts only what the core accepts, equal; and refuses what it refuses.
fn agree(text: &str) {
    let (mine, core) = both(text);
    match (&mine, &core) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
        (Ok(_), Err(e)) => panic!("the widget accepts what the core refuses ({e:?}): {text}"),
        (Err(_), Ok(_)) => panic!("the widget refuses what the core accepts: {text}"),
        (Err(a), Err(b)) => assert_eq!(a, b, "{text}"),
    }
}

fn oral_text() -> String {
    feed::encode(&sample::demo_feeds()[0]).unwrap()
}

fn minimal() -> Value {
    json!({
        "format": "jiyn-agenda", "version": 1, "generated_at": "2025-11-01T00:00:00Z",
        "forum": {"id": "0199a0b0-0000-7000-8000-000000000000", "title": {"kk": "Форум"},
                  "starts_on": "2025-11-11", "ends_on": "2025-11-12",
                  "time_zone": "Asia/Almaty", "format": "single"},
        "venues": [], "stops": [],
        "sessions": [{"id": "0199a0b3-0000-7000-8000-000000000001", "title": {"ru": "Открытие"},
                      "kind": "plenary",
                      "starts_at": "2025-11-11T10:00:00", "ends_at": "2025-11-11T11:00:00",
                      "starts_at_utc": "2025-11-11T05:00:00Z", "ends_at_utc": "2025-11-11T06:00:00Z"}]
    })
}

#[test]
fn every_demo_feed_and_the_bench_feed_read_back_equal() {
    let mut feeds = sample::demo_feeds();
    assert_eq!(feeds.len(), 3);
    feeds.push(sample::bench_feed(200, 8, 3));
    for f in feeds {
        let text = feed::encode(&f).unwrap();
        assert_eq!(decode(&text).unwrap(), f);
        agree(&text);
    }
}

#[test]
fn refusals_come_in_the_cores_order() {
    // (text, expected kind): the core must say the same.
    let cases: Vec<(String, Refusal)> = vec![
        ("".into(), Refusal::Truncated),
        ("   \n".into(), Refusal::Truncated),
        ("{".into(), Refusal::Truncated),
        ("{\"format\":\"jiyn-agenda\",".into(), Refusal::Truncated),
        ("{\"format\":\"jiyn-ag".into(), Refusal::Truncated),
        ("{\"a\":tru".into(), Refusal::Truncated),
        ("{\"a\":\"\\u12".into(), Refusal::Truncated),
        ("nope".into(), Refusal::NotJson),
        ("{\"a\":1.}".into(), Refusal::NotJson),
        ("{\"a\":01}".into(), Refusal::NotJson),
        ("{\"a\":-}".into(), Refusal::NotJson),
        ("{\"a\":1,}".into(), Refusal::NotJson),
        ("{\"a\" 1}".into(), Refusal::NotJson),
        ("{a:1}".into(), Refusal::NotJson),
        ("{\"a\":\"\\x\"}".into(), Refusal::NotJson),
        ("{\"a\":\"tab\tinside\"}".into(), Refusal::NotJson),
        ("{} {}".into(), Refusal::NotJson),
        ("{}".into(), Refusal::Foreign),
        (
            "{\"format\":\"jiyn-schedule\",\"version\":1}".into(),
            Refusal::Foreign,
        ),
        ("{\"format\":7,\"version\":1}".into(), Refusal::Foreign),
        (
            "{\"format\":\"jiyn-agenda\",\"format\":\"jiyn-agenda\",\"version\":1}".into(),
            Refusal::Foreign,
        ),
        ("\"jiyn-agenda\"".into(), Refusal::Foreign),
        (
            "{\"format\":\"jiyn-agenda\",\"version\":2}".into(),
            Refusal::Newer,
        ),
        (
            "{\"format\":\"jiyn-agenda\",\"version\":4294967296}".into(),
            Refusal::Newer,
        ),
        (
            "{\"format\":\"jiyn-agenda\",\"version\":18446744073709551615}".into(),
            Refusal::Newer,
        ),
        ("{\"format\":\"jiyn-agenda\"}".into(), Refusal::Malformed),
        (
            "{\"format\":\"jiyn-agenda\",\"version\":0}".into(),
            Refusal::Malformed,
        ),
        (
            "{\"format\":\"jiyn-agenda\",\"version\":-1}".into(),
            Refusal::Malformed,
        ),
        (
            "{\"format\":\"jiyn-agenda\",\"version\":1.0}".into(),
            Refusal::Malformed,
        ),
        (
            "{\"format\":\"jiyn-agenda\",\"version\":\"1\"}".into(),
            Refusal::Malformed,
        ),
        (
            "{\"format\":\"jiyn-agenda\",\"version\":18446744073709551616}".into(),
            Refusal::Malformed,
        ),
        (
            "{\"format\":\"jiyn-agenda\",\"version\":1}".into(),
            Refusal::Malformed,
        ),
        // The envelope is found anywhere among the keys, escapes decoded.
        (
            "{\"x\":[1,{\"y\":null}],\"versio\\u006e\":3,\"form\\u0061t\":\"jiyn-agenda\"}".into(),
            Refusal::Newer,
        ),
    ];
    for (text, want) in cases {
        let (mine, core) = both(&text);
        assert_eq!(mine.err(), Some(want), "widget on {text}");
        assert_eq!(core.err(), Some(want), "core on {text}");
    }
}

/// A change to a JSON document.
type Edit = Box<dyn Fn(&mut Value)>;

#[test]
fn typed_mistakes_are_malformed_for_both() {
    let edits: Vec<(&str, Edit)> = vec![
        (
            "no generated_at",
            Box::new(|v| drop(v.as_object_mut().unwrap().remove("generated_at"))),
        ),
        (
            "no forum",
            Box::new(|v| drop(v.as_object_mut().unwrap().remove("forum"))),
        ),
        ("venues null", Box::new(|v| v["venues"] = Value::Null)),
        ("city null", Box::new(|v| v["forum"]["city"] = Value::Null)),
        (
            "kk null",
            Box::new(|v| v["forum"]["title"]["kk"] = Value::Null),
        ),
        (
            "bad uuid",
            Box::new(|v| v["forum"]["id"] = json!("0199a0b0-0000")),
        ),
        (
            "bad zone type",
            Box::new(|v| v["forum"]["time_zone"] = json!(5)),
        ),
        (
            "bad format",
            Box::new(|v| v["forum"]["format"] = json!("online")),
        ),
        (
            "bad kind",
            Box::new(|v| v["sessions"][0]["kind"] = json!("party")),
        ),
        (
            "bad lang",
            Box::new(|v| v["sessions"][0]["languages"] = json!(["de"])),
        ),
        (
            "bad date",
            Box::new(|v| v["forum"]["starts_on"] = json!("2025-02-30")),
        ),
        (
            "bad time",
            Box::new(|v| v["sessions"][0]["starts_at"] = json!("2025-11-11T24:00:00")),
        ),
        (
            "utc without Z",
            Box::new(|v| v["sessions"][0]["starts_at_utc"] = json!("2025-11-11T05:00:00")),
        ),
        (
            "capacity negative",
            Box::new(|v| v["sessions"][0]["capacity"] = json!(-3)),
        ),
        (
            "capacity too big",
            Box::new(|v| v["sessions"][0]["capacity"] = json!(4294967296u64)),
        ),
        (
            "capacity float",
            Box::new(|v| v["sessions"][0]["capacity"] = json!(3.5)),
        ),
        (
            "speakers not strings",
            Box::new(|v| v["sessions"][0]["speakers"] = json!([1])),
        ),
        (
            "session without title",
            Box::new(|v| drop(v["sessions"][0].as_object_mut().unwrap().remove("title"))),
        ),
        (
            "ends before it starts",
            Box::new(|v| v["sessions"][0]["ends_at"] = json!("2025-11-11T09:00:00")),
        ),
        (
            "ends before it starts, utc",
            Box::new(|v| v["sessions"][0]["ends_at_utc"] = json!("2025-11-11T04:00:00Z")),
        ),
        (
            "forum ends before it starts",
            Box::new(|v| v["forum"]["ends_on"] = json!("2025-11-10")),
        ),
        (
            "venue without name",
            Box::new(|v| v["venues"] = json!([{"id": "0199a0b1-0000-7000-8000-000000000000"}])),
        ),
    ];
    let base = minimal();
    agree(&base.to_string());
    assert!(decode(&base.to_string()).is_ok());
    for (what, edit) in edits {
        let mut v = base.clone();
        edit(&mut v);
        let text = v.to_string();
        assert_eq!(decode(&text).err(), Some(Refusal::Malformed), "{what}");
        agree(&text);
    }
    // A repeated field inside the document (the JSON is written by hand).
    let text = base.to_string().replacen(
        "\"kind\":\"plenary\"",
        "\"kind\":\"plenary\",\"kind\":\"training\"",
        1,
    );
    assert_eq!(decode(&text).err(), Some(Refusal::Malformed));
    agree(&text);
}

#[test]
fn what_the_schema_allows_is_read_like_the_core_reads_it() {
    let mut v = minimal();
    // Unknown fields anywhere, of any shape, deeply nested.
    let deep = "[".repeat(500) + &"]".repeat(500);
    v["later_field"] = json!({"a": [1, 2.5e10, -0.0, true, null, {"b": "c"}]});
    v["forum"]["extra"] = json!("x");
    v["sessions"][0]["rating"] = json!(4.5);
    v["sessions"][0]["title"]["de"] = json!("Eröffnung");
    // Optional fields present, null where the core takes null, fractions of seconds.
    v["forum"]["signing_key"] = Value::Null;
    v["sessions"][0]["capacity"] = Value::Null;
    v["sessions"][0]["venue"] = Value::Null;
    v["sessions"][0]["room"] = json!({"id": "0199a0b2-0000-7000-8000-000000000001", "name": {}});
    v["sessions"][0]["ends_at"] = json!("2025-11-11T11:00:00.5");
    v["sessions"][0]["ends_at_utc"] = json!("2025-11-11T06:00:00.123456789Z");
    v["sessions"][0]["speakers"] = json!(["Ә \"Q\" \\ /", "\u{1F600}"]);
    let text = v
        .to_string()
        .replacen('{', &format!("{{\"deep\":{deep},"), 1);
    agree(&text);
    let f = decode(&text).unwrap();
    assert_eq!(f.sessions[0].speakers, ["Ә \"Q\" \\ /", "\u{1F600}"]);
    assert_eq!(
        f.sessions[0].ends_at_utc.timestamp_subsec_nanos(),
        123_456_789
    );
    // Escapes: \u with a surrogate pair, \/ and the short ones.
    let text = minimal()
        .to_string()
        .replace("Открытие", "A\\u0041\\ud83d\\ude00\\/\\n\\t\\\"\\\\\\u00e9");
    agree(&text);
    assert_eq!(
        decode(&text).unwrap().sessions[0].title.ru,
        "AA\u{1F600}/\n\t\"\\é"
    );
    // A lone surrogate is malformed where the text is read, ignored where it is not.
    let lone = minimal().to_string().replace("Открытие", "\\ud83d x");
    assert_eq!(decode(&lone).err(), Some(Refusal::Malformed));
    agree(&lone);
    let ignored = minimal()
        .to_string()
        .replacen('{', "{\"note\":\"\\udc00\",", 1);
    assert!(decode(&ignored).is_ok());
    agree(&ignored);
    // Other UUID forms, as serde's `uuid` reads them.
    let text = minimal().to_string().replace(
        "0199a0b3-0000-7000-8000-000000000001",
        "{0199A0B3-0000-7000-8000-000000000001}",
    );
    agree(&text);
}

#[test]
fn the_widget_is_stricter_than_the_core_only_where_the_schema_is() {
    // chrono reads offsets other than Z, lower-case letters and more fraction digits;
    // the schema allows none of them, Jiyn never writes them, and the widget refuses them.
    for (from, to) in [
        ("2025-11-11T05:00:00Z", "2025-11-11T10:00:00+05:00"),
        ("2025-11-11T05:00:00Z", "2025-11-11t05:00:00z"),
        ("2025-11-11T10:00:00", "2025-11-11T10:00:00.1234567891"),
    ] {
        let text = minimal().to_string().replacen(from, to, 1);
        assert!(feed::decode(&text).is_ok(), "the core reads {to}");
        assert_eq!(decode(&text).err(), Some(Refusal::Malformed), "{to}");
    }
}

#[test]
fn a_feed_too_large_is_refused_before_it_is_read() {
    let text = format!("{{\"pad\":\"{}\"}}", "x".repeat(MAX_FEED_BYTES));
    assert_eq!(decode(&text).err(), Some(Refusal::TooLarge));
}

// ---------------------------------------------------------------------------------
// Property tests

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,12}",
        "[\"\\\\/\u{0}-\u{1f}a-zҚқӘә😀]{0,8}",
        Just(String::new()),
    ]
}

fn i18n() -> impl Strategy<Value = I18nText> {
    (text_strategy(), text_strategy(), text_strategy()).prop_map(|(kk, ru, en)| I18nText {
        kk,
        ru,
        en,
    })
}

fn local() -> impl Strategy<Value = NaiveDateTime> {
    (
        0i64..4_000_000_000,
        prop_oneof![Just(0u32), 0u32..1_000_000_000],
    )
        .prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap().naive_utc())
}

fn reference() -> impl Strategy<Value = FeedRef> {
    (any::<u128>(), i18n()).prop_map(|(id, name)| FeedRef {
        id: Uuid::from_u128(id),
        name,
    })
}

fn session() -> impl Strategy<Value = FeedSession> {
    (
        (
            any::<u128>(),
            i18n(),
            i18n(),
            0usize..9,
            local(),
            0i64..100_000,
        ),
        (
            prop::option::of(reference()),
            prop::option::of(reference()),
            prop::option::of(reference()),
            prop::collection::vec(text_strategy(), 0..3),
            prop::option::of(any::<u32>()),
            prop::collection::vec(prop::sample::select(Lang::ALL.to_vec()), 0..3),
        ),
    )
        .prop_map(
            |(
                (id, title, description, kind, start, mins),
                (venue, room, stop, speakers, capacity, languages),
            )| {
                let end = start + chrono::TimeDelta::minutes(mins);
                FeedSession {
                    id: Uuid::from_u128(id),
                    title,
                    description,
                    kind: jiyn_core::agenda::KINDS[kind],
                    starts_at: start,
                    ends_at: end,
                    starts_at_utc: start.and_utc() - chrono::TimeDelta::hours(5),
                    ends_at_utc: end.and_utc() - chrono::TimeDelta::hours(5),
                    venue,
                    room,
                    stop,
                    speakers,
                    capacity,
                    languages,
                }
            },
        )
}

fn feed_strategy() -> impl Strategy<Value = AgendaFeed> {
    (
        any::<u128>(),
        i18n(),
        i18n(),
        0i64..20,
        prop::option::of("[A-Za-z0-9_-]{43}"),
        prop::collection::vec(session(), 0..6),
        any::<bool>(),
    )
        .prop_map(|(id, title, city, span, key, sessions, tour)| {
            let starts_on = NaiveDate::from_ymd_opt(2025, 11, 11).unwrap();
            AgendaFeed {
                format: feed::AGENDA_FORMAT.into(),
                version: feed::AGENDA_VERSION,
                generated_at: sample::generated_at(),
                forum: FeedForum {
                    id: Uuid::from_u128(id),
                    title,
                    city,
                    starts_on,
                    ends_on: starts_on + chrono::TimeDelta::days(span),
                    time_zone: "Asia/Almaty".into(),
                    format: if tour {
                        ForumFormat::Tour
                    } else {
                        ForumFormat::Single
                    },
                    signing_key: key,
                },
                venues: Vec::new(),
                stops: Vec::new(),
                sessions,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_feeds_read_back_equal_through_both(f in feed_strategy()) {
        // (Not always `f` itself: the writer leaves out texts that are only whitespace.)
        let text = feed::encode(&f).unwrap();
        let core = feed::decode(&text);
        prop_assert!(core.is_ok());
        prop_assert_eq!(decode(&text).ok(), core.ok());
    }

    #[test]
    fn damaged_feeds_never_panic_and_the_widget_accepts_only_what_the_core_does(
        cut in 0usize..20_000, pos in 0usize..20_000, byte in any::<u8>(), delete in any::<bool>(),
    ) {
        let text = oral_text();
        let mut bytes = text.into_bytes();
        let pos = pos % bytes.len();
        if delete { bytes.remove(pos); } else { bytes[pos] = byte; }
        bytes.truncate(cut.max(1) * bytes.len() / 20_000 + (cut % 2) * bytes.len());
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
        let (mine, core) = both(&text);
        if let Ok(m) = &mine {
            prop_assert_eq!(Ok(m.clone()), core.clone(), "accepted by the widget only");
        }
        // Cut short or not JSON: both say the same.
        if let Err(k @ (Refusal::Truncated | Refusal::NotJson)) = core {
            prop_assert_eq!(mine.err(), Some(k));
        }
    }

    #[test]
    fn garbage_is_refused_without_panicking(s in "\\PC{0,300}") {
        let _ = decode(&s);
        let json_like = format!("{{\"format\":\"jiyn-agenda\",\"version\":1,{s}");
        let (mine, core) = both(&json_like);
        if mine.is_ok() {
            prop_assert_eq!(mine, core);
        }
    }
}

#[test]
fn the_kinds_and_langs_the_reader_knows_are_the_cores() {
    for k in jiyn_core::agenda::KINDS {
        let code = jiyn_core::agenda::kind_code(k);
        let v: SessionKind = serde_json::from_value(json!(code)).unwrap();
        assert_eq!(v, k);
    }
    for l in Lang::ALL {
        let v: Lang = serde_json::from_value(json!(l.code())).unwrap();
        assert_eq!(v, l);
    }
}
