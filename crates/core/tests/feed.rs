//! The public agenda feed: it validates against its published schema, carries no
//! participant data, converts times to UTC, round-trips, and its reader refuses what is
//! not a version-1 feed without panicking.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use jiyn_core::feed::{self, AgendaFeed, FeedError, AGENDA_FORMAT, AGENDA_VERSION};
use jiyn_core::*;
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;
use uuid::Uuid;

const SCHEMA: &str = include_str!("../../../docs/agenda-feed.schema.json");

fn generated_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 11, 1, 0, 0, 0).unwrap()
}

fn demo() -> &'static [AnyRecord] {
    static RECORDS: OnceLock<Vec<AnyRecord>> = OnceLock::new();
    RECORDS.get_or_init(|| demo::build().unwrap().into_iter().map(|(r, _)| r).collect())
}

fn forums() -> Vec<&'static Forum> {
    demo()
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Forum(f) => Some(f),
            _ => None,
        })
        .collect()
}

fn sessions_of(f: &Forum) -> Vec<Session> {
    demo()
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Session(s) if s.meta.forum == f.meta.id => Some(s.clone()),
            _ => None,
        })
        .collect()
}

fn participants_of(f: &Forum) -> Vec<&'static Participant> {
    demo()
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Participant(p) if p.meta.forum == f.meta.id => Some(p),
            _ => None,
        })
        .collect()
}

/// The feed of the Oral forum, and its text.
fn oral() -> &'static (AgendaFeed, String) {
    static FEED: OnceLock<(AgendaFeed, String)> = OnceLock::new();
    FEED.get_or_init(|| {
        let f = forums()[0];
        let feed = feed::build(f, &sessions_of(f), generated_at()).unwrap();
        let text = feed::encode(&feed).unwrap();
        (feed, text)
    })
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the schema is a valid JSON Schema")
    })
}

fn assert_valid(text: &str) {
    let value: Value = serde_json::from_str(text).unwrap();
    let errors: Vec<String> = validator()
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_demo_feed_validates_against_the_published_schema() {
    for f in forums() {
        let feed = feed::build(f, &sessions_of(f), generated_at()).unwrap();
        assert_eq!(feed.sessions.len(), sessions_of(f).len());
        assert_valid(&feed::encode(&feed).unwrap());
    }
}

#[test]
fn the_schema_catches_a_field_that_is_not_public() {
    let mut value: Value = serde_json::from_str(&oral().1).unwrap();
    value["sessions"][0]["participants"] = serde_json::json!(["Айгүл Серікова"]);
    assert!(!validator().is_valid(&value));
    let mut value: Value = serde_json::from_str(&oral().1).unwrap();
    value["forum"]["meta"] = serde_json::json!({"hlc": "1759276800000-00000-demo"});
    assert!(!validator().is_valid(&value));
}

#[test]
fn no_participant_data_reaches_the_feed() {
    for f in forums() {
        let feed = feed::build(f, &sessions_of(f), generated_at()).unwrap();
        let text = feed::encode(&feed).unwrap();
        let speakers: Vec<&str> = feed
            .sessions
            .iter()
            .flat_map(|s| s.speakers.iter().map(String::as_str))
            .collect();
        let people = participants_of(f);
        assert!(people.len() >= 300);
        for p in people {
            if let Some(phone) = &p.phone {
                assert!(!text.contains(phone.as_str()), "phone {phone}");
                assert!(!text.contains(&phone[1..]), "phone digits {phone}");
            }
            assert!(!text.contains(&p.badge_code), "badge {}", p.badge_code);
            // A generated participant may share a name with a speaker of the programme
            // (speakers are public); any other name must not appear.
            if !speakers.contains(&p.full_name.as_str()) {
                assert!(!text.contains(&p.full_name), "name {}", p.full_name);
            }
            if let Some(g) = p.consent.as_ref().and_then(|c| c.guardian.as_ref()) {
                if !speakers.contains(&g.full_name.as_str()) {
                    assert!(!text.contains(&g.full_name), "guardian {}", g.full_name);
                }
            }
        }
        // No participant's phone block, no clock stamp (they end in the device id).
        for private in ["+77000", "77000", "-demo", "\"demo\""] {
            assert!(!text.contains(private), "{private:?} in the feed");
        }
        // And no key but the public ones, anywhere in the document.
        let mut keys = std::collections::BTreeSet::new();
        collect_keys(&serde_json::from_str(&text).unwrap(), &mut keys);
        let public = [
            "format",
            "version",
            "generated_at",
            "forum",
            "venues",
            "stops",
            "sessions",
            "id",
            "title",
            "city",
            "starts_on",
            "ends_on",
            "time_zone",
            "signing_key",
            "name",
            "address",
            "rooms",
            "capacity",
            "district",
            "place",
            "date",
            "description",
            "kind",
            "starts_at",
            "ends_at",
            "starts_at_utc",
            "ends_at_utc",
            "venue",
            "room",
            "stop",
            "speakers",
            "languages",
            "kk",
            "ru",
            "en",
        ];
        let extra: Vec<&String> = keys
            .iter()
            .filter(|k| !public.contains(&k.as_str()))
            .collect();
        assert!(extra.is_empty(), "keys that are not public: {extra:?}");
    }
}

fn collect_keys(v: &Value, keys: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                keys.insert(k.clone());
                collect_keys(v, keys);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_keys(v, keys)),
        _ => {}
    }
}

#[test]
fn times_are_the_forum_wall_clock_and_the_utc_instant() {
    let (feed, text) = oral();
    assert_eq!(feed.forum.time_zone, "Asia/Oral");
    let zone = tz::zone("Asia/Oral").unwrap();
    for s in &feed.sessions {
        assert_eq!(s.starts_at_utc, zone.to_utc(s.starts_at));
        assert_eq!(
            s.ends_at_utc.naive_utc(),
            s.ends_at - chrono::TimeDelta::hours(5)
        );
    }
    let value: Value = serde_json::from_str(text).unwrap();
    let first = &value["sessions"][0];
    let local =
        NaiveDateTime::parse_from_str(first["starts_at"].as_str().unwrap(), "%Y-%m-%dT%H:%M:%S")
            .unwrap();
    let utc: DateTime<Utc> = first["starts_at_utc"].as_str().unwrap().parse().unwrap();
    assert_eq!(utc.naive_utc() + chrono::TimeDelta::hours(5), local);
    assert!(first["starts_at_utc"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn sessions_come_in_programme_order_with_their_places_named() {
    let (feed, _) = oral();
    assert!(feed
        .sessions
        .windows(2)
        .all(|w| (w[0].starts_at, w[0].ends_at) <= (w[1].starts_at, w[1].ends_at)));
    let f = forums()[0];
    for s in &feed.sessions {
        if let Some(room) = &s.room {
            let stored = f
                .venues
                .iter()
                .flat_map(|v| &v.rooms)
                .find(|r| r.id == room.id)
                .unwrap();
            assert_eq!(room.name, stored.name);
            assert!(s.venue.is_some());
        }
    }
    assert!(feed.sessions.iter().any(|s| s.room.is_some()));
    // The tour names its stops.
    let tour = forums()[1];
    let feed = feed::build(tour, &sessions_of(tour), generated_at()).unwrap();
    assert_eq!(feed.stops.len(), tour.stops.len());
    assert!(feed.sessions.iter().all(|s| s.stop.is_some()));
}

#[test]
fn the_feed_round_trips() {
    let (feed, text) = oral();
    assert!(text.starts_with(r#"{"format":"jiyn-agenda","version":1,"#));
    assert_eq!(&feed::decode(text).unwrap(), feed);
}

#[test]
fn tombstones_foreign_sessions_unknown_zones_and_deleted_forums() {
    let f = forums()[0];
    let mut sessions = sessions_of(f);
    sessions[0].meta.deleted = true;
    let feed = feed::build(f, &sessions, generated_at()).unwrap();
    assert_eq!(feed.sessions.len(), sessions.len() - 1);
    assert!(feed.sessions.iter().all(|s| s.id != sessions[0].meta.id));

    let mut foreign = sessions[1].clone();
    foreign.meta.forum = Uuid::from_u128(7);
    assert_eq!(
        feed::build(f, [&foreign], generated_at()),
        Err(FeedError::ForeignSession(foreign.meta.id))
    );
    let mut unknown = f.clone();
    unknown.time_zone = "Asia/Nowhere".into();
    assert!(matches!(
        feed::build(&unknown, [], generated_at()),
        Err(FeedError::UnknownZone(_))
    ));
    let mut deleted = f.clone();
    deleted.meta.deleted = true;
    assert_eq!(
        feed::build(&deleted, [], generated_at()),
        Err(FeedError::ForumDeleted)
    );
}

#[test]
fn the_forums_public_signing_key_is_published_and_nothing_else_of_it() {
    let pair = jiyn_core::cert::KeyPair::from_seed([7u8; 32]);
    let mut f = forums()[0].clone();
    assert_eq!(oral().0.forum.signing_key, None);
    assert!(!oral().1.contains("signing_key"));

    f.signing_key = Some(pair.public_key_text());
    let feed = feed::build(&f, &sessions_of(&f), generated_at()).unwrap();
    assert_eq!(feed.forum.signing_key, Some(pair.public_key_text()));
    let text = feed::encode(&feed).unwrap();
    assert_valid(&text);
    assert!(text.contains(&format!(r#""signing_key":"{}""#, pair.public_key_text())));
    // The private seed never goes anywhere near it.
    assert!(!text.contains(&pair.seed_text()));
    assert_eq!(feed::decode(&text).unwrap(), feed);

    // A damaged key is not published.
    f.signing_key = Some("not-a-key".into());
    let feed = feed::build(&f, &sessions_of(&f), generated_at()).unwrap();
    assert_eq!(feed.forum.signing_key, None);

    // The schema accepts exactly 32-byte base64url keys.
    let mut value: Value = serde_json::from_str(&text).unwrap();
    for bad in [
        "not-a-key",
        "d1qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
        "d1qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp",
    ] {
        value["forum"]["signing_key"] = Value::from(bad);
        assert!(!validator().is_valid(&value), "{bad}");
    }
    value["forum"]["signing_key"] = Value::from("d1qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    assert!(validator().is_valid(&value));
}

#[test]
fn the_reader_refuses_what_is_not_a_version_1_feed() {
    let text = &oral().1;
    assert_eq!(
        feed::decode(&text[..text.len() / 2]),
        Err(FeedError::Truncated)
    );
    assert_eq!(feed::decode(""), Err(FeedError::Truncated));
    assert_eq!(feed::decode("<html>"), Err(FeedError::NotJson));
    assert_eq!(feed::decode("[1, 2]"), Err(FeedError::Foreign));
    assert_eq!(
        feed::decode(r#"{"schedule":{"version":"1","conference":{}}}"#),
        Err(FeedError::Foreign)
    );
    assert_eq!(
        feed::decode(r#"{"format":"jiyn-backup","version":1,"sha256":"00","body":{}}"#),
        Err(FeedError::Foreign)
    );
    let newer = text.replacen(r#""version":1"#, r#""version":2"#, 1);
    assert_eq!(
        feed::decode(&newer),
        Err(FeedError::Newer {
            found: 2,
            supported: AGENDA_VERSION
        })
    );
    let zero = text.replacen(r#""version":1"#, r#""version":0"#, 1);
    assert!(matches!(feed::decode(&zero), Err(FeedError::Malformed(_))));
    let no_version = text.replacen(r#""version":1,"#, "", 1);
    assert!(matches!(
        feed::decode(&no_version),
        Err(FeedError::Malformed(_))
    ));

    let mut value: Value = serde_json::from_str(text).unwrap();
    value["sessions"][0]["kind"] = Value::from(42);
    assert!(matches!(
        feed::decode(&value.to_string()),
        Err(FeedError::Malformed(_))
    ));
    let mut value: Value = serde_json::from_str(text).unwrap();
    let start = value["sessions"][0]["starts_at"].clone();
    value["sessions"][0]["ends_at"] = Value::from("2000-01-01T00:00:00");
    assert_ne!(start, value["sessions"][0]["ends_at"]);
    assert!(matches!(
        feed::decode(&value.to_string()),
        Err(FeedError::Malformed(_))
    ));
}

#[test]
fn the_reader_ignores_fields_a_later_minor_change_adds() {
    let mut value: Value = serde_json::from_str(&oral().1).unwrap();
    value["sessions"][0]["livestream"] = Value::from("https://example.org/live");
    value["logo"] = Value::from("logo.svg");
    let feed = feed::decode(&value.to_string()).unwrap();
    assert_eq!(feed, oral().0);
    assert_eq!(feed.format, AGENDA_FORMAT);
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        Just(Value::from("jiyn-agenda")),
        Just(Value::from(1)),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("format".to_string()),
                        Just("version".to_string()),
                        Just("forum".to_string()),
                        Just("sessions".to_string()),
                        "[a-z_]{1,8}",
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn garbage_bytes_are_refused_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        prop_assert!(feed::decode(&text).is_err());
    }

    #[test]
    fn damaged_feeds_never_panic(cut in 0usize..10_000, pos in 0usize..10_000, byte in any::<u8>()) {
        let text = &oral().1;
        let mut bytes = text.as_bytes().to_vec();
        let pos = pos % bytes.len();
        bytes[pos] = byte;
        bytes.truncate(text.len() - cut % text.len());
        let damaged = String::from_utf8_lossy(&bytes);
        // Either refused with a reason or still a readable feed.
        let _ = feed::decode(&damaged);
    }

    #[test]
    fn arbitrary_json_never_panics(value in any_json()) {
        let mut value = value;
        if let Value::Object(map) = &mut value {
            map.insert("format".into(), Value::from("jiyn-agenda"));
            map.insert("version".into(), Value::from(1));
        }
        let _ = feed::decode(&value.to_string());
    }
}

#[test]
fn no_participant_field_name_is_in_any_feed() {
    // Every key a participant record has in the demo (hundreds of them per forum, with
    // consents, guardians, phones, badges), its metadata included.
    let mut participant_keys = std::collections::BTreeSet::new();
    for f in forums() {
        for p in participants_of(f) {
            collect_keys(&serde_json::to_value(p).unwrap(), &mut participant_keys);
        }
    }
    for key in [
        "full_name",
        "phone",
        "birth_year",
        "badge_code",
        "consent",
        "guardian",
        "role",
        "organisation",
        "region",
        "hlc",
        "created",
    ] {
        assert!(participant_keys.contains(key), "the demo has no {key}");
    }
    // Names a participant's record shares with the programme's: ids, the forum, and a
    // tour stop's district.
    let shared = ["id", "forum", "district"];
    for f in forums() {
        assert!(participants_of(f).len() >= 300);
        let text = feed::encode(&feed::build(f, &sessions_of(f), generated_at()).unwrap()).unwrap();
        let mut keys = std::collections::BTreeSet::new();
        collect_keys(&serde_json::from_str(&text).unwrap(), &mut keys);
        let leaked: Vec<&String> = keys
            .intersection(&participant_keys)
            .filter(|k| !shared.contains(&k.as_str()))
            .collect();
        assert!(
            leaked.is_empty(),
            "participant fields in the feed: {leaked:?}"
        );
        for word in [
            "participant",
            "participants",
            "check_ins",
            "hour_logs",
            "meta",
        ] {
            assert!(!keys.contains(word), "{word} in the feed");
        }
    }
}

#[test]
fn the_schema_forbids_unknown_fields_in_every_object() {
    /// Every subschema that describes an object, with its JSON pointer.
    fn objects<'v>(v: &'v Value, at: String, out: &mut Vec<(String, &'v Value)>) {
        match v {
            Value::Object(map) => {
                if map.get("type") == Some(&Value::String("object".into())) {
                    out.push((at.clone(), v));
                }
                for (k, child) in map {
                    objects(child, format!("{at}/{k}"), out);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    objects(child, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let mut found = Vec::new();
    objects(&schema, "#".into(), &mut found);
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    for expected in [
        "#",
        "#/$defs/text",
        "#/$defs/ref",
        "#/$defs/forum",
        "#/$defs/venue",
        "#/$defs/venue/properties/rooms/items",
        "#/$defs/stop",
        "#/$defs/session",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} is not an object schema: {paths:?}"
        );
    }
    for (path, object) in &found {
        assert_eq!(
            object.get("additionalProperties"),
            Some(&Value::Bool(false)),
            "{path} allows fields it does not list"
        );
    }

    // So a participant's field is refused wherever it is put: the root, the forum, a
    // venue, a room, a tour stop, a session, a place reference, a text.
    let tour = forums()
        .into_iter()
        .find(|f| !f.stops.is_empty())
        .expect("the demo has a tour");
    let with_stops: Value =
        serde_json::to_value(feed::build(tour, &sessions_of(tour), generated_at()).unwrap())
            .unwrap();
    let oral: Value = serde_json::from_str(&oral().1).unwrap();
    let places = [
        (&oral, ""),
        (&oral, "/forum"),
        (&oral, "/forum/title"),
        (&oral, "/venues/0"),
        (&oral, "/venues/0/rooms/0"),
        (&oral, "/sessions/0"),
        (&oral, "/sessions/0/room"),
        (&oral, "/sessions/0/title"),
        (&with_stops, "/stops/0"),
        (&with_stops, "/sessions/0/stop"),
    ];
    assert!(validator().is_valid(&oral) && validator().is_valid(&with_stops));
    for (doc, at) in places {
        for field in [
            "phone",
            "full_name",
            "badge_code",
            "birth_year",
            "participants",
        ] {
            let mut v = doc.clone();
            let target = v
                .pointer_mut(at)
                .and_then(Value::as_object_mut)
                .unwrap_or_else(|| panic!("the demo feed has no object at {at:?}"));
            target.insert(field.into(), serde_json::json!("x"));
            assert!(
                !validator().is_valid(&v),
                "{field} at {at:?} passes the schema"
            );
        }
    }
}
