//! The repository conformance suite on real IndexedDB in headless Chromium, plus the
//! IndexedDB-only cases: schema upgrades from version-1 and version-2 databases, and
//! refusal of a database newer than this app. Every test opens its own uniquely named database.
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use jiyn::store::{schema, IdbRepo};
use jiyn_core::{
    Activity, HlcClock, I18nText, Participant, RepoError, Repository, Shift, SignUp, Writer,
};
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unique_name() -> String {
    format!("jiyn-test-{}", Uuid::now_v7())
}

async fn fresh() -> IdbRepo {
    IdbRepo::open(&unique_name()).await.expect("database opens")
}

jiyn_core::conformance_tests!(browser: fresh);

/// A participant exactly as schema version 1 stored it (frozen; never edit).
const V1_PARTICIPANT: &str = r#"{
  "meta": {"id": "0199a0b0-0000-7000-8000-000000000003", "forum": "0199a0b0-0000-7000-8000-000000000001",
           "created": "1759276800000-00000-demo", "hlc": "1759276800000-00000-demo"},
  "full_name": "Жеңіс Балабеков", "role": "staff", "badge_code": "ZH3N1S00",
  "region": "Ақмола облысы"
}"#;

/// The stores and indexes version 1 of the app created (frozen; never edit).
fn v1_stores(db: &Database) -> indexed_db_futures::Result<()> {
    for store in [
        "forums",
        "sessions",
        "participants",
        "checkins",
        "hours",
        "projects",
    ] {
        let s = db
            .create_object_store(store)
            .with_key_path(KeyPath::One("meta.id"))
            .build()?;
        s.create_index("by_forum", KeyPath::One("meta.forum"))
            .build()?;
        if store == "participants" {
            s.create_index("by_badge", KeyPath::from(vec!["meta.forum", "badge_code"]))
                .build()?;
        }
        if store == "checkins" {
            s.create_index("by_participant", KeyPath::One("participant"))
                .build()?;
        }
    }
    db.create_object_store("outbox")
        .with_key_path(KeyPath::One("id"))
        .build()?;
    db.create_object_store("settings")
        .with_key_path(KeyPath::One("key"))
        .build()?;
    Ok(())
}

/// Puts one JSON row into `store` of a fixture database.
async fn put_row(db: &Database, store: &str, json: &str) {
    let tx = db
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .expect("tx");
    let s = tx.object_store(store).expect("store");
    let value = js_sys::JSON::parse(json).expect("fixture JSON");
    s.put(value)
        .primitive()
        .expect("put")
        .await
        .expect("put done");
    tx.commit().await.expect("commit");
}

/// Builds a database as version 1 of the app left it, by hand, with one participant.
async fn v1_fixture(name: &str) {
    let db = Database::open(name)
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db| v1_stores(&db))
        .await
        .expect("v1 fixture opens");
    put_row(&db, "participants", V1_PARTICIPANT).await;
    db.close();
}

/// Builds a database as version 2 of the app left it (the v1 stores and the
/// quarantine), by hand, with a participant and the device id setting.
async fn v2_fixture(name: &str) {
    let db = Database::open(name)
        .with_version(2u32)
        .with_on_upgrade_needed(|_, db| {
            v1_stores(&db)?;
            db.create_object_store("quarantine")
                .with_key_path(KeyPath::One("id"))
                .build()?;
            Ok(())
        })
        .await
        .expect("v2 fixture opens");
    put_row(&db, "participants", V1_PARTICIPANT).await;
    put_row(
        &db,
        "settings",
        r#"{"key": "device_id", "value": "1b355a50b297"}"#,
    )
    .await;
    db.close();
}

#[wasm_bindgen_test]
async fn upgrades_a_version_1_database_and_keeps_its_records() {
    let name = unique_name();
    v1_fixture(&name).await;
    let repo = IdbRepo::open(&name)
        .await
        .expect("upgrade to the current version");
    assert_eq!(repo.version(), schema::SCHEMA_VERSION);
    assert!(
        repo.store_names().iter().any(|s| s == schema::QUARANTINE),
        "v2 adds the quarantine"
    );
    assert!(
        repo.store_names().iter().any(|s| s == schema::SIGNUPS),
        "v3 adds the sign-ups"
    );
    assert!(
        [schema::SHIFTS, schema::ACTIVITIES]
            .iter()
            .all(|n| repo.store_names().iter().any(|s| s == n)),
        "v4 adds shifts and activities"
    );
    let id: Uuid = "0199a0b0-0000-7000-8000-000000000003".parse().unwrap();
    let forum: Uuid = "0199a0b0-0000-7000-8000-000000000001".parse().unwrap();
    let p = repo
        .get::<Participant>(id)
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(p.full_name, "Жеңіс Балабеков");
    let by_badge = repo
        .participant_by_badge(forum, "ZH3N1S00")
        .await
        .expect("index");
    assert_eq!(by_badge.map(|p| p.meta.id), Some(id));
    assert_eq!(
        repo.list_by_forum::<Participant>(forum)
            .await
            .expect("list")
            .len(),
        1
    );
}

#[wasm_bindgen_test]
async fn upgrades_a_version_2_database_with_the_signups_shifts_and_activities_stores() {
    let name = unique_name();
    v2_fixture(&name).await;
    let repo = IdbRepo::open(&name)
        .await
        .expect("upgrade to the current version");
    assert_eq!(repo.version(), schema::SCHEMA_VERSION);
    assert_eq!(
        repo.store_names(),
        [
            "activities",
            "checkins",
            "forums",
            "hours",
            "outbox",
            "participants",
            "projects",
            "quarantine",
            "sessions",
            "settings",
            "shifts",
            "signups"
        ]
    );

    // The data of version 2 is kept and its indexes still answer.
    let id: Uuid = "0199a0b0-0000-7000-8000-000000000003".parse().unwrap();
    let forum: Uuid = "0199a0b0-0000-7000-8000-000000000001".parse().unwrap();
    let p = repo
        .get::<Participant>(id)
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(p.full_name, "Жеңіс Балабеков");
    assert_eq!(
        repo.participant_by_badge(forum, "ZH3N1S00")
            .await
            .expect("index")
            .map(|p| p.meta.id),
        Some(id)
    );
    assert_eq!(
        repo.setting("device_id").await.expect("setting").as_deref(),
        Some("1b355a50b297")
    );

    // The new store works through both of its indexes.
    let session = Uuid::now_v7();
    let mut w = Writer::new(HlcClock::new(jiyn_core::DeviceId::new("phone-a").unwrap()));
    let (s, c) = w
        .create(1_762_840_800_000, Some(forum), |meta| SignUp {
            meta,
            session,
            name: "Әлия".into(),
            participant: Some(id),
            contact: None,
            cancelled: false,
        })
        .expect("valid sign-up");
    repo.write(&s, &c).await.expect("write a sign-up");
    assert_eq!(
        repo.signups_of(session).await.expect("by_session"),
        vec![s.clone()]
    );
    assert_eq!(
        repo.list_by_forum::<SignUp>(forum).await.expect("by_forum"),
        vec![s]
    );
    // So do the v4 stores, by forum.
    let day = chrono::NaiveDate::from_ymd_opt(2025, 11, 11).unwrap();
    let (shift, c) = w
        .create(1_762_840_800_001, Some(forum), |meta| Shift {
            meta,
            task: I18nText::new("Тіркеу үстелі", "", ""),
            place: I18nText::default(),
            starts_at: day.and_hms_opt(8, 30, 0).unwrap(),
            ends_at: day.and_hms_opt(9, 15, 0).unwrap(),
            needed: 3,
            session: None,
        })
        .expect("valid shift");
    repo.write(&shift, &c).await.expect("write a shift");
    let (act, c) = w
        .create(1_762_840_800_002, Some(forum), |meta| Activity {
            meta,
            project: Uuid::now_v7(),
            target: Uuid::now_v7(),
            on: day,
            count: 1,
            attendees: Some(40),
            note: "кездесу".into(),
        })
        .expect("valid activity");
    repo.write(&act, &c).await.expect("write an activity");
    assert_eq!(
        repo.list_by_forum::<Shift>(forum).await.expect("shifts"),
        vec![shift]
    );
    assert_eq!(
        repo.list_by_forum::<Activity>(forum)
            .await
            .expect("activities"),
        vec![act]
    );
    repo.close();

    // And the store has exactly the key path and indexes of the schema.
    let db = Database::open(name.as_str()).await.expect("reopen");
    assert_eq!(db.version() as u32, schema::SCHEMA_VERSION);
    let tx = db
        .transaction(schema::SIGNUPS)
        .build()
        .expect("readonly tx");
    let store = tx.object_store(schema::SIGNUPS).expect("store");
    assert_eq!(store.key_path(), Some(KeyPath::One("meta.id".to_string())));
    let mut indexes: Vec<String> = store.index_names().collect();
    indexes.sort();
    assert_eq!(indexes, [schema::BY_FORUM, schema::BY_SESSION]);
    for (index, path) in [
        (schema::BY_FORUM, "meta.forum"),
        (schema::BY_SESSION, "session"),
    ] {
        let index = store.index(index).expect("index");
        assert_eq!(index.key_path(), Some(KeyPath::One(path.to_string())));
    }
    drop(tx);
    db.close();
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_app_is_refused_not_damaged() {
    let name = unique_name();
    let db = Database::open(name.as_str())
        .with_version(schema::SCHEMA_VERSION + 5)
        .await
        .expect("newer database");
    db.close();
    match IdbRepo::open(&name).await {
        Err(RepoError::Unavailable(_)) => {}
        Err(other) => panic!("expected Unavailable, got {other:?}"),
        Ok(_) => panic!("a newer database must not open"),
    }
    // Nothing was changed: the database keeps its newer version.
    let db = Database::open(name.as_str())
        .await
        .expect("reopen as it is");
    assert_eq!(db.version() as u32, schema::SCHEMA_VERSION + 5);
    db.close();
}

/// Two tabs (two connections to one database) raising `clock.seen` at the same time:
/// the later stamp stays, whichever transaction runs last.
#[wasm_bindgen_test]
async fn clock_seen_is_never_moved_back_by_another_tab() {
    use jiyn_core::{DeviceId, Hlc};
    let name = unique_name();
    let a = IdbRepo::open(&name).await.expect("first tab");
    let b = IdbRepo::open(&name).await.expect("second tab");
    let stamp = |ms: u64| Hlc::new(ms, 0, DeviceId::new("desk-a").unwrap());
    assert!(jiyn::commands::raise_clock_seen(&a, &stamp(1_000))
        .await
        .unwrap());
    for round in 0..20u64 {
        let high = stamp(10_000 + round * 10 + 5);
        let low = stamp(10_000 + round * 10);
        // Both start before either finishes; the lower one is asked second.
        let (x, y) = futures::join!(
            jiyn::commands::raise_clock_seen(&a, &high),
            jiyn::commands::raise_clock_seen(&b, &low)
        );
        x.unwrap();
        y.unwrap();
        let kept: Hlc = b
            .setting(jiyn::commands::CLOCK_SEEN_KEY)
            .await
            .unwrap()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(kept, high, "round {round}");
    }
}
