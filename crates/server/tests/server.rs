//! jiyn-server against a real database: every test runs on a fresh SQLite file and,
//! when `JIYN_TEST_POSTGRES_URL` is set, on a fresh PostgreSQL database of its own
//! (created and dropped here). With `JIYN_REQUIRE_POSTGRES=1` a missing URL fails the
//! PostgreSQL tests instead of skipping them (CI sets it).

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use jiyn_core::sync::{
    PullResponse, PushRequest, PushResponse, RejectReason, TokenRole, PROTOCOL_VERSION,
};
use jiyn_core::{
    AnyRecord, Change, CheckInAction, DeviceId, Forum, ForumFormat, HlcClock, I18nText,
    Participant, Role, Session, SessionKind, Writer,
};
use jiyn_server::{db, router, App, Config};
use sqlx::Row;
use tower::ServiceExt;
use uuid::Uuid;

/// A fresh database for one test, and how to drop it afterwards.
struct TestDb {
    url: String,
    drop_with: Option<(String, String)>,
    _dir: Option<TempDir>,
}

struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn sqlite_db() -> TestDb {
    let dir = std::env::temp_dir().join(format!("jiyn-server-test-{}", jiyn_core::ids::new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    TestDb {
        url: format!("sqlite:{}", dir.join("test.db").display()),
        drop_with: None,
        _dir: Some(TempDir(dir)),
    }
}

/// A new PostgreSQL database on the server of `JIYN_TEST_POSTGRES_URL`, or `None` when
/// the variable is unset (and PostgreSQL is not required).
async fn postgres_db() -> Option<TestDb> {
    let Ok(admin) = std::env::var("JIYN_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("JIYN_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "JIYN_REQUIRE_POSTGRES=1 but JIYN_TEST_POSTGRES_URL is not set"
        );
        eprintln!("PostgreSQL test skipped: JIYN_TEST_POSTGRES_URL is not set");
        return None;
    };
    sqlx::any::install_default_drivers();
    let name = format!("jiyn_test_{}", jiyn_core::ids::new_id().simple());
    let pool = sqlx::AnyPool::connect(&admin)
        .await
        .expect("PostgreSQL is reachable");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
    Some(TestDb {
        url: format!("{base}/{name}"),
        drop_with: Some((admin.clone(), name)),
        _dir: None,
    })
}

impl TestDb {
    async fn finish(self, pool: db::Db) {
        pool.close().await;
        if let Some((admin, name)) = &self.drop_with {
            let pool = sqlx::AnyPool::connect(admin).await.unwrap();
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
    }
}

/// Runs `body` on SQLite, then on PostgreSQL when available (with `config`, or the
/// default one).
macro_rules! on_both {
    ($name:ident, $body:expr) => {
        on_both!($name, Config::default(), $body);
    };
    ($name:ident, $config:expr, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let t = sqlite_db().await;
                run(t, $config, $body).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(t) = postgres_db().await {
                    run(t, $config, $body).await;
                }
            }
        }
    };
}

async fn run<F, Fut>(t: TestDb, config: Config, body: F)
where
    F: FnOnce(Ctx) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let pool = db::open(&t.url).await.expect("database opens");
    let ctx = Ctx::new(pool.clone(), t.url.clone(), config);
    body(ctx).await;
    t.finish(pool).await;
}

/// A test's server: its database, router and a few tokens.
#[derive(Clone)]
struct Ctx {
    db: db::Db,
    url: String,
    config: Config,
    app: Router,
    forum: Uuid,
    organizer: String,
    desk: String,
    other_forum_desk: String,
}

impl Ctx {
    fn new(db: db::Db, url: String, config: Config) -> Ctx {
        let forum = jiyn_core::ids::new_id();
        let app = router(App::new(db.clone(), config.clone()));
        let rt = tokio::runtime::Handle::current();
        let token = |forum: Option<Uuid>, role| {
            let db = db.clone();
            tokio::task::block_in_place(|| {
                rt.block_on(
                    async move { db::add_token(&db, forum, role, "test", 0).await.unwrap() },
                )
            })
        };
        Ctx {
            organizer: token(None, TokenRole::Organizer),
            desk: token(Some(forum), TokenRole::Desk),
            other_forum_desk: token(Some(Uuid::from_u128(42)), TokenRole::Desk),
            db,
            url,
            config,
            app,
            forum,
        }
    }

    async fn call(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
        call(&self.app, req).await
    }

    async fn push_raw(&self, token: &str, body: String) -> (StatusCode, String) {
        let req = Request::post(format!("/v1/forums/{}/changes", self.forum))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let (s, _, b) = self.call(req).await;
        (s, b)
    }

    async fn push(&self, token: &str, changes: &[Change]) -> PushResponse {
        let (s, b) = self.push_raw(token, push_body(changes)).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        serde_json::from_str(&b).unwrap()
    }

    async fn pull(&self, token: &str, since: &str, limit: usize) -> PullResponse {
        let req = Request::get(format!(
            "/v1/forums/{}/changes?since={since}&limit={limit}",
            self.forum
        ))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
        let (s, _, b) = self.call(req).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        serde_json::from_str(&b).unwrap()
    }

    /// Rows in the records and changes_seen tables and the forum's sequence number:
    /// "nothing stored" means all three unchanged.
    async fn stored(&self) -> (i64, i64, i64) {
        let count = |table: &str| {
            let sql = format!("SELECT COUNT(*) FROM {table}");
            let db = self.db.clone();
            async move {
                sqlx::query(&sql)
                    .fetch_one(&db)
                    .await
                    .unwrap()
                    .try_get::<i64, _>(0)
                    .unwrap()
            }
        };
        let seq = sqlx::query("SELECT seq FROM forums WHERE forum = $1")
            .bind(self.forum.to_string())
            .fetch_optional(&self.db)
            .await
            .unwrap()
            .map(|r| r.try_get::<i64, _>(0).unwrap())
            .unwrap_or(0);
        (count("records").await, count("changes_seen").await, seq)
    }
}

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let r = app.clone().oneshot(req).await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let body = r.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn push_body(changes: &[Change]) -> String {
    serde_json::to_string(&PushRequest {
        protocol: PROTOCOL_VERSION,
        device: "test".into(),
        changes: changes.to_vec(),
    })
    .unwrap()
}

fn writer(device: &str) -> Writer {
    Writer::new(HlcClock::new(DeviceId::new(device).unwrap()))
}

fn now() -> u64 {
    chrono::Utc::now().timestamp_millis() as u64
}

fn person(w: &mut Writer, forum: Uuid, name: &str) -> (Participant, Change) {
    w.create(now(), Some(forum), |meta| Participant {
        meta,
        full_name: name.into(),
        phone: Some("+77015550011".into()),
        region: "Батыс Қазақстан".into(),
        district: String::new(),
        organisation: String::new(),
        birth_year: Some(2003),
        role: Role::Participant,
        delegation: None,
        badge_code: "K7Q2M9XA".into(),
        iin: None,
        head_of_delegation: false,
        consent: None,
    })
    .unwrap()
}

fn forum_record(w: &mut Writer, forum: Uuid) -> (Forum, Change) {
    w.create_with_id(now(), forum, None, |meta| Forum {
        volunteering: Default::default(),
        signing_key: None,
        meta,
        title: I18nText::new("Жастар форумы", "Молодёжный форум", "Youth forum"),
        city: I18nText::new("Орал", "Уральск", "Oral"),
        starts_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        ends_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        time_zone: "Asia/Oral".into(),
        format: ForumFormat::Single,
        venues: Vec::new(),
        stops: Vec::new(),
    })
    .unwrap()
}

fn session(w: &mut Writer, forum: Uuid) -> (Session, Change) {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    w.create(now(), Some(forum), |meta| Session {
        meta,
        title: I18nText::new("Пленарлық отырыс", "Пленарное заседание", "Plenary"),
        description: I18nText::default(),
        kind: SessionKind::Plenary,
        starts_at: day.and_hms_opt(10, 0, 0).unwrap(),
        ends_at: day.and_hms_opt(12, 0, 0).unwrap(),
        venue: None,
        room: None,
        stop: None,
        speakers: Vec::new(),
        capacity: None,
        languages: Vec::new(),
    })
    .unwrap()
}

fn get(path: impl Into<String>, token: &str) -> Request<Body> {
    Request::get(path.into())
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

on_both!(auth, |c: Ctx| async move {
    let (_, change) = person(&mut writer("a"), c.forum, "Ақбота Оқасова");
    let body = push_body(std::slice::from_ref(&change));
    // No token, an unknown one, one for another forum.
    let req = Request::post(format!("/v1/forums/{}/changes", c.forum))
        .body(Body::from(body.clone()))
        .unwrap();
    let (s, h, b) = c.call(req).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(b.contains("\"unauthorized\""));
    assert_eq!(h.get("jiyn-protocol").unwrap(), "1");
    let (s, b) = c.push_raw(&"0".repeat(64), body.clone()).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{b}");
    let (s, b) = c.push_raw(&c.other_forum_desk, body.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
    assert!(b.contains("\"forbidden\""));
    let (s, _, _) = c
        .call(get(
            format!("/v1/forums/{}/changes", c.forum),
            &c.other_forum_desk,
        ))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "pulling another forum");
    let (s, _, _) = c
        .call(
            Request::get("/v1/forums")
                .header(header::AUTHORIZATION, "Basic abc")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "not a bearer token");
    assert_eq!(c.stored().await, (0, 0, 0), "nothing stored");
    // A desk may push a participant but not the forum itself.
    let (_, forum_change) = forum_record(&mut writer("a"), c.forum);
    let r = c
        .push(&c.desk, &[change.clone(), forum_change.clone()])
        .await;
    assert_eq!(r.accepted, vec![change.id]);
    assert_eq!(r.rejected.len(), 1);
    assert_eq!(r.rejected[0].reason, RejectReason::Forbidden);
    assert_eq!(r.rejected[0].id, forum_change.id);
    assert_eq!(c.stored().await, (1, 1, 1));
    // The organizer may; a desk token lists only its forum, an all-forums token every
    // forum with records.
    assert_eq!(
        c.push(&c.organizer, &[forum_change]).await.accepted.len(),
        1
    );
    let list = |token: String| {
        let c = c.clone();
        async move {
            let (s, _, b) = c.call(get("/v1/forums", &token)).await;
            assert_eq!(s, StatusCode::OK, "{b}");
            serde_json::from_str::<jiyn_core::sync::ForumList>(&b).unwrap()
        }
    };
    let desk = list(c.desk.clone()).await;
    assert_eq!((desk.forums, desk.role), (vec![c.forum], TokenRole::Desk));
    let all = list(c.organizer.clone()).await;
    assert_eq!(
        (all.forums, all.role),
        (vec![c.forum], TokenRole::Organizer)
    );
    // No CORS headers when no origin is configured (the agenda aside).
    let (s, h, _) = c
        .call(
            Request::get("/v1/hello")
                .header(header::ORIGIN, "https://desk.example.kz")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
});

on_both!(idempotent, |c: Ctx| async move {
    let mut w = writer("desk-a");
    let changes: Vec<Change> = (0..20)
        .map(|i| person(&mut w, c.forum, &format!("Қатысушы {i}")).1)
        .collect();
    let first = c.push(&c.desk, &changes).await;
    assert_eq!(first.accepted.len(), 20);
    assert_eq!(first.cursor, "20");
    let stored = c.stored().await;
    // A retried push (its answer was lost) stores nothing again.
    let again = c.push(&c.desk, &changes).await;
    assert_eq!((again.accepted.len(), again.duplicate.len()), (0, 20));
    assert!(again.rejected.is_empty());
    assert_eq!(c.stored().await, stored);
    assert_eq!(again.cursor, first.cursor);
    // The same change twice in one push: once.
    let (_, one) = person(&mut w, c.forum, "Жеңіс Балабеков");
    let r = c.push(&c.desk, &[one.clone(), one.clone()]).await;
    assert_eq!((r.accepted.len(), r.duplicate.len()), (1, 1));
    let page = c.pull(&c.desk, "", 1000).await;
    assert_eq!(page.records.len(), 21, "each record once");
    assert_eq!((page.cursor.as_str(), page.more), ("21", false));
    // A change that changes nothing (the same record again under a new change id) is
    // accepted and remembered, but gives no new sequence number.
    let mut same = changes[0].clone();
    same.id = jiyn_core::ids::new_id();
    let r = c.push(&c.desk, std::slice::from_ref(&same)).await;
    assert_eq!((r.accepted, r.cursor.as_str()), (vec![same.id], "21"));
    assert_eq!(c.push(&c.desk, &[same]).await.duplicate.len(), 1);
});

on_both!(pagination, |c: Ctx| async move {
    let mut w = writer("desk-a");
    let changes: Vec<Change> = (0..2500)
        .map(|i| person(&mut w, c.forum, &format!("Қатысушы {i}")).1)
        .collect();
    for chunk in changes.chunks(1000) {
        assert_eq!(c.push(&c.desk, chunk).await.accepted.len(), chunk.len());
    }
    let mut seen = std::collections::HashSet::new();
    let mut cursor = String::new();
    let mut pages = 0;
    let mut last = 0u64;
    loop {
        let page = c.pull(&c.desk, &cursor, 1000).await;
        pages += 1;
        assert!(page.records.len() <= 1000);
        for r in &page.records {
            assert!(seen.insert(r.meta().id), "no record twice");
        }
        let n: u64 = page.cursor.parse().unwrap();
        assert!(n > last, "cursors grow");
        last = n;
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!((pages, seen.len(), last), (3, 2500, 2500));
    let wanted: std::collections::HashSet<Uuid> = changes.iter().map(|c| c.record).collect();
    assert_eq!(seen, wanted, "no gaps");
    let end = c.pull(&c.desk, &cursor, 1000).await;
    assert!(end.records.is_empty() && !end.more, "nothing after the end");
    assert_eq!(end.cursor, cursor, "an empty page keeps the cursor");
    // No limit: 1,000; a limit above the most a page holds is capped.
    let (s, _, b) = c
        .call(get(format!("/v1/forums/{}/changes", c.forum), &c.desk))
        .await;
    assert_eq!(s, StatusCode::OK);
    let page: PullResponse = serde_json::from_str(&b).unwrap();
    assert_eq!((page.records.len(), page.more), (1000, true));
    let page = c.pull(&c.desk, "0", 999_999).await;
    assert_eq!((page.records.len(), page.more), (2500, false));
});

on_both!(merge_per_field, |c: Ctx| async move {
    let mut a = writer("desk-a");
    let mut b = writer("desk-b");
    let (p, created) = person(&mut a, c.forum, "Ақбота Оқасова");
    let (_, ea) = a
        .edit(now() + 10, &p, |p| p.organisation = "ЖРО".into())
        .unwrap()
        .unwrap();
    let (_, eb) = b
        .edit(now() + 20, &p, |p| p.district = "Есіл".into())
        .unwrap()
        .unwrap();
    // Out of order: B's edit, then the creation, then A's edit. Each change carries
    // the whole record; the creation adds nothing to B's edit (which already holds
    // it), so it is accepted without a new sequence number.
    let mut cursors = Vec::new();
    for change in [&eb, &created, &ea] {
        let r = c.push(&c.desk, std::slice::from_ref(change)).await;
        assert_eq!(r.accepted, vec![change.id]);
        cursors.push(r.cursor);
    }
    assert_eq!(cursors, ["1", "1", "2"]);
    let page = c.pull(&c.desk, "", 10).await;
    let AnyRecord::Participant(merged) = &page.records[0] else {
        panic!("a participant")
    };
    assert_eq!(
        (merged.organisation.as_str(), merged.district.as_str()),
        ("ЖРО", "Есіл")
    );
    assert_eq!(merged.full_name, "Ақбота Оқасова");
    assert_eq!(page.records.len(), 1);
    // A device that pulled after the first push sees the record again.
    assert_eq!(page.cursor, "2");
    assert_eq!(c.pull(&c.desk, "1", 10).await.records.len(), 1);
    // Two check-ins of the same person from two desks: both kept.
    let (e1, c1) = jiyn_core::desk::check_in_event(
        &mut a,
        now(),
        c.forum,
        p.meta.id,
        CheckInAction::CheckIn,
        "1",
    )
    .unwrap();
    let (e2, c2) = jiyn_core::desk::check_in_event(
        &mut b,
        now(),
        c.forum,
        p.meta.id,
        CheckInAction::CheckIn,
        "2",
    )
    .unwrap();
    c.push(&c.desk, &[c1, c2]).await;
    let ids: Vec<Uuid> = c
        .pull(&c.desk, "", 10)
        .await
        .records
        .iter()
        .map(|r| r.meta().id)
        .collect();
    assert!(ids.contains(&e1.meta.id) && ids.contains(&e2.meta.id));
});

on_both!(conflicts_and_wrong_forum, |c: Ctx| async move {
    let mut w = writer("desk-a");
    let (p, pc) = person(&mut w, c.forum, "Ақбота Оқасова");
    c.push(&c.desk, &[pc]).await;
    let before = c.stored().await;
    // Another kind under the participant's id.
    let (_, clash) = w
        .create_with_id(now(), p.meta.id, Some(c.forum), |meta| jiyn_core::CheckIn {
            meta,
            participant: p.meta.id,
            action: CheckInAction::CheckIn,
            desk: "1".into(),
            at: chrono::Utc::now(),
        })
        .unwrap();
    // A change of another forum.
    let (_, elsewhere) = person(&mut w, Uuid::from_u128(42), "Жеңіс Балабеков");
    let r = c
        .push(&c.organizer, &[clash.clone(), elsewhere.clone()])
        .await;
    let reasons: Vec<(Uuid, RejectReason)> = r.rejected.iter().map(|r| (r.id, r.reason)).collect();
    assert_eq!(
        reasons,
        vec![
            (clash.id, RejectReason::Conflict),
            (elsewhere.id, RejectReason::WrongForum)
        ]
    );
    assert!(r.accepted.is_empty());
    assert_eq!(c.stored().await, before, "nothing stored");
    // A refused change may come back fixed: it was not remembered as seen.
    let page = c.pull(&c.desk, "", 10).await;
    assert!(matches!(page.records[..], [AnyRecord::Participant(_)]));
});

on_both!(malformed_input_stores_nothing, |c: Ctx| async move {
    let mut w = writer("desk-a");
    let (_, good) = person(&mut w, c.forum, "Ақбота Оқасова");
    c.push(&c.desk, std::slice::from_ref(&good)).await;
    let before = c.stored().await;
    let mut half = push_body(std::slice::from_ref(&good));
    half.truncate(half.len() / 2);
    for body in [
        "not json".to_string(),
        String::new(),
        "{}".into(),
        "[]".into(),
        "null".into(),
        half,
        r#"{"protocol":1,"device":"x","changes":"no"}"#.into(),
        r#"{"protocol":"1","device":"x","changes":[]}"#.into(),
        r#"{"protocol":1,"device":"x","changes":[{"id":"nope"}]}"#.into(),
        push_body(std::slice::from_ref(&good))
            .replace("\"kind\":\"participant\"", "\"kind\":\"alien\""),
        push_body(std::slice::from_ref(&good)).replace(&good.record.to_string(), "not-a-uuid"),
    ] {
        let (s, b) = c.push_raw(&c.desk, body.clone()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {b}");
        let e: jiyn_core::sync::ErrorBody = serde_json::from_str(&b).unwrap();
        assert_eq!(e.error, jiyn_core::sync::ErrorCode::Malformed, "{b}");
    }
    // A change whose payload is not a record of its kind, or not JSON, or not its
    // record: refused, not stored.
    let (_, mut bad_kind) = person(&mut w, c.forum, "Жеңіс Балабеков");
    bad_kind.kind = jiyn_core::RecordKind::CheckIn;
    let (_, mut not_json) = person(&mut w, c.forum, "Жеңіс Балабеков");
    not_json.payload = "{".into();
    let (_, mut other_record) = person(&mut w, c.forum, "Жеңіс Балабеков");
    other_record.record = jiyn_core::ids::new_id();
    let r = c.push(&c.desk, &[bad_kind, not_json, other_record]).await;
    assert_eq!(r.rejected.len(), 3);
    assert!(r
        .rejected
        .iter()
        .all(|r| r.reason == RejectReason::Malformed));
    // A bad forum id in the path, a bad cursor or limit.
    let mut paths = vec![
        "/v1/forums/not-a-uuid/changes".to_string(),
        "/v1/forums/not-a-uuid/agenda.json".to_string(),
    ];
    for q in [
        "since=-1",
        "since=abc",
        "since=1e3",
        "since=99999999999999999999999",
        "limit=0",
        "limit=-5",
        "limit=abc",
        "limit=1.5",
        "since=1&since=2",
    ] {
        paths.push(format!("/v1/forums/{}/changes?{q}", c.forum));
    }
    for path in paths {
        let (s, _, b) = c.call(get(path.clone(), &c.organizer)).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{path}: {b}");
        assert!(b.contains("\"malformed\""), "{b}");
    }
    let req = Request::post("/v1/forums/not-a-uuid/changes")
        .header(header::AUTHORIZATION, format!("Bearer {}", c.organizer))
        .body(Body::from(push_body(&[good])))
        .unwrap();
    assert_eq!(c.call(req).await.0, StatusCode::BAD_REQUEST);
    // More changes than a push may carry.
    let many: Vec<Change> = (0..=jiyn_core::sync::MAX_PUSH_CHANGES)
        .map(|i| person(&mut w, c.forum, &format!("Қатысушы {i}")).1)
        .collect();
    let (s, b) = c.push_raw(&c.desk, push_body(&many)).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{b}");
    assert!(b.contains("\"too_large\""));
    assert_eq!(c.stored().await, before, "nothing stored by any of it");
    // Unknown routes and methods: JSON errors too.
    let (s, h, b) = c.call(get("/v2/nowhere", &c.organizer)).await;
    assert_eq!((s, b.contains("not_found")), (StatusCode::NOT_FOUND, true));
    assert_eq!(h.get(header::CONTENT_TYPE).unwrap(), "application/json");
    let req = Request::delete(format!("/v1/forums/{}/changes", c.forum))
        .body(Body::empty())
        .unwrap();
    let (s, _, b) = c.call(req).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    assert!(b.contains("\"error\""), "{b}");
});

on_both!(versions, |c: Ctx| async move {
    let hello = |v: &str| {
        Request::get("/v1/hello")
            .header("jiyn-protocol", v)
            .body(Body::empty())
            .unwrap()
    };
    let (s, h, b) = c.call(hello("0")).await;
    assert_eq!(s, StatusCode::UPGRADE_REQUIRED);
    let e: jiyn_core::sync::ErrorBody = serde_json::from_str(&b).unwrap();
    assert_eq!(
        (e.error, e.min_protocol, e.max_protocol),
        (jiyn_core::sync::ErrorCode::ClientTooOld, Some(1), Some(1))
    );
    assert_eq!(h.get("jiyn-protocol").unwrap(), "1");
    let (s, _, b) = c.call(hello("99")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(
        b.contains("server_too_old") && b.contains("\"min_protocol\":1"),
        "{b}"
    );
    let (s, _, b) = c.call(hello("one")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b.contains("malformed"), "{b}");
    let (s, h, b) = c.call(hello("1")).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(h.get("jiyn-protocol").unwrap(), "1");
    let hi: jiyn_core::sync::Hello = serde_json::from_str(&b).unwrap();
    assert_eq!((hi.protocol, hi.min_protocol), (1, 1));
    // The body's version is checked too; nothing is stored.
    let (_, change) = person(&mut writer("a"), c.forum, "Ақбота Оқасова");
    for (v, code) in [(7, "server_too_old"), (0, "client_too_old")] {
        let body = push_body(std::slice::from_ref(&change))
            .replace("\"protocol\":1", &format!("\"protocol\":{v}"));
        let (s, b) = c.push_raw(&c.desk, body).await;
        assert!(s.is_client_error(), "{s}");
        assert!(b.contains(code), "{b}");
    }
    // A pushing client with an old header is refused before anything is read.
    let req = Request::post(format!("/v1/forums/{}/changes", c.forum))
        .header(header::AUTHORIZATION, format!("Bearer {}", c.desk))
        .header("jiyn-protocol", "0")
        .body(Body::from(push_body(&[change])))
        .unwrap();
    assert_eq!(c.call(req).await.0, StatusCode::UPGRADE_REQUIRED);
    assert_eq!(c.stored().await, (0, 0, 0));
});

on_both!(agenda_feed, |c: Ctx| async move {
    let mut w = writer("organizer");
    let (_, f) = forum_record(&mut w, c.forum);
    let (s1, sc1) = session(&mut w, c.forum);
    let (_, sc2) = session(&mut w, c.forum);
    let (_, p) = person(&mut w, c.forum, "Құпия Қатысушы");
    let url = format!("/v1/forums/{}/agenda.json", c.forum);
    // Sessions but no forum record yet: not found.
    c.push(&c.organizer, &[sc1, sc2]).await;
    assert_eq!(c.call(get(&url, "x")).await.0, StatusCode::NOT_FOUND);
    c.push(&c.organizer, &[f, p]).await;
    let req = |etag: Option<&str>| {
        let mut r = Request::get(&url).header(header::ORIGIN, "https://partner.example.kz");
        if let Some(e) = etag {
            r = r.header(header::IF_NONE_MATCH, e);
        }
        r.body(Body::empty()).unwrap()
    };
    let (s, h, body) = c.call(req(None)).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let feed: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(feed["sessions"].as_array().map(Vec::len), Some(2), "{body}");
    assert!(body.contains("Пленарлық отырыс"));
    for secret in [
        "Құпия",
        "Қатысушы",
        "+7701",
        "77015550011",
        "K7Q2M9XA",
        "2003",
    ] {
        assert!(!body.contains(secret), "no participant data: {secret}");
    }
    assert_eq!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), "*");
    assert_eq!(h.get(header::CACHE_CONTROL).unwrap(), "public, max-age=60");
    let etag = h.get(header::ETAG).unwrap().to_str().unwrap().to_string();
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "a strong ETag"
    );
    let (s, h304, body304) = c.call(req(Some(&etag))).await;
    assert_eq!((s, body304.as_str()), (StatusCode::NOT_MODIFIED, ""));
    assert_eq!(h304.get(header::ETAG).unwrap().to_str().unwrap(), etag);
    let (s, _, again) = c.call(req(Some("\"other\""))).await;
    assert_eq!((s, again), (StatusCode::OK, body), "same data, same bytes");
    // A deleted session leaves the feed, and the ETag changes.
    let (_, del) = w.delete(now(), &s1).unwrap();
    c.push(&c.organizer, &[del]).await;
    let (s, h, body) = c.call(req(Some(&etag))).await;
    assert_eq!(s, StatusCode::OK);
    assert_ne!(h.get(header::ETAG).unwrap().to_str().unwrap(), etag);
    let feed: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(feed["sessions"].as_array().map(Vec::len), Some(1));
    assert!(!body.contains(&s1.meta.id.to_string()));
    let (s, _, _) = c
        .call(
            Request::get(format!("/v1/forums/{}/agenda.json", Uuid::from_u128(5)))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
});

on_both!(
    limits_and_cors,
    Config {
        max_body: 4_000,
        rate_per_minute: 8,
        cors_origins: vec!["http://127.0.0.1:8080".into()],
        ..Config::default()
    },
    |c: Ctx| async move {
        let allowed = "http://127.0.0.1:8080";
        let (s, b) = c.push_raw(&c.desk, "x".repeat(5_000)).await;
        assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{b}");
        assert!(b.contains("too_large"));
        // A well-formed push over the limit too (chunked: no content-length).
        let mut w = writer("desk-a");
        let changes: Vec<Change> = (0..10)
            .map(|i| person(&mut w, c.forum, &format!("Қатысушы {i}")).1)
            .collect();
        let body = push_body(&changes);
        assert!(body.len() > 4_000);
        let stream = futures_stream(body);
        let req = Request::post(format!("/v1/forums/{}/changes", c.forum))
            .header(header::AUTHORIZATION, format!("Bearer {}", c.desk))
            .body(stream)
            .unwrap();
        assert_eq!(c.call(req).await.0, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(c.stored().await, (0, 0, 0), "nothing stored");
        // Preflight: only for the configured origin.
        let preflight = |origin: &str| {
            Request::options(format!("/v1/forums/{}/changes", c.forum))
                .header(header::ORIGIN, origin)
                .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(
                    header::ACCESS_CONTROL_REQUEST_HEADERS,
                    "authorization,content-type,jiyn-protocol",
                )
                .body(Body::empty())
                .unwrap()
        };
        let (s, h, _) = c.call(preflight(allowed)).await;
        assert!(s.is_success());
        assert_eq!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), allowed);
        let methods = h.get(header::ACCESS_CONTROL_ALLOW_METHODS).unwrap();
        assert!(methods.to_str().unwrap().contains("POST"));
        let headers = h.get(header::ACCESS_CONTROL_ALLOW_HEADERS).unwrap();
        assert!(headers.to_str().unwrap().contains("jiyn-protocol"));
        assert!(h.get(header::ACCESS_CONTROL_EXPOSE_HEADERS).is_none());
        let (_, h, _) = c.call(preflight("https://evil.example")).await;
        assert!(
            h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none(),
            "no CORS for others"
        );
        // Plain requests and errors carry CORS headers for the allowed origin only, so
        // a browser can read a version error.
        let hello = |origin: &str, version: &str| {
            Request::get("/v1/hello")
                .header(header::ORIGIN, origin)
                .header("jiyn-protocol", version)
                .body(Body::empty())
                .unwrap()
        };
        let (s, h, _) = c.call(hello(allowed, "0")).await;
        assert_eq!(s, StatusCode::UPGRADE_REQUIRED);
        assert_eq!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), allowed);
        let (s, h, _) = c.call(hello("https://evil.example", "1")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
        // The rate: 8 a minute per token; the 2 pushes above counted.
        let mut statuses = Vec::new();
        for _ in 0..8 {
            let mut req = get("/v1/forums", &c.desk);
            req.headers_mut()
                .insert(header::ORIGIN, allowed.parse().unwrap());
            let (s, h, b) = c.call(req).await;
            if s == StatusCode::TOO_MANY_REQUESTS {
                let secs: u64 = h[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
                assert!((1..=60).contains(&secs));
                assert!(b.contains("\"rate_limited\""));
                assert_eq!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), allowed);
            }
            statuses.push(s);
        }
        let limited = |v: &[StatusCode]| {
            v.iter()
                .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
                .count()
        };
        assert_eq!(limited(&statuses), 2, "{statuses:?}");
        // Another token has its own budget.
        assert_eq!(
            c.call(get("/v1/forums", &c.organizer)).await.0,
            StatusCode::OK
        );
        // Made-up tokens share the address's budget instead of getting one each.
        let app = router(App::new(c.db.clone(), c.config.clone()));
        let mut statuses = Vec::new();
        for i in 0..10 {
            statuses.push(call(&app, get("/v1/forums", &format!("{i:064}"))).await.0);
        }
        assert_eq!(limited(&statuses), 2, "{statuses:?}");
        assert!(statuses[..8].iter().all(|s| *s == StatusCode::UNAUTHORIZED));
        // Behind a proxy (--trust-forwarded): each client address has its own budget,
        // taken from the last X-Forwarded-For entry (the one the proxy added).
        let app = router(App::new(
            c.db.clone(),
            Config {
                trust_forwarded: true,
                ..c.config.clone()
            },
        ));
        let hello_from = |forwarded: &str| {
            Request::get("/v1/hello")
                .header("x-forwarded-for", forwarded)
                .body(Body::empty())
                .unwrap()
        };
        let mut statuses = Vec::new();
        for i in 0..10 {
            // The client claims a new address each time; the proxy's entry is the same.
            let req = hello_from(&format!("10.0.0.{i}, 192.0.2.7"));
            statuses.push(call(&app, req).await.0);
        }
        assert_eq!(limited(&statuses), 2, "{statuses:?}");
        assert_eq!(call(&app, hello_from("192.0.2.8")).await.0, StatusCode::OK);
        // Without the flag the header is ignored: one budget for all.
        let app = router(App::new(c.db.clone(), c.config.clone()));
        let mut statuses = Vec::new();
        for i in 0..10 {
            statuses.push(call(&app, hello_from(&format!("192.0.2.{i}"))).await.0);
        }
        assert_eq!(limited(&statuses), 2, "{statuses:?}");
    }
);

/// A body that arrives in pieces, with no length announced.
fn futures_stream(text: String) -> Body {
    let pieces: Vec<Result<axum::body::Bytes, std::io::Error>> = text
        .into_bytes()
        .chunks(1000)
        .map(|c| Ok(axum::body::Bytes::copy_from_slice(c)))
        .collect();
    Body::from_stream(futures_util::stream::iter(pieces))
}

on_both!(database_failure_is_unavailable, |c: Ctx| async move {
    c.db.close().await;
    for req in [
        get(format!("/v1/forums/{}/changes", c.forum), &c.desk),
        get("/v1/forums", &c.organizer),
        Request::get(format!("/v1/forums/{}/agenda.json", c.forum))
            .body(Body::empty())
            .unwrap(),
    ] {
        let (s, _, b) = c.call(req).await;
        assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{b}");
        assert!(b.contains("\"unavailable\""), "{b}");
    }
});

/// A server on 127.0.0.1:0 over real TCP, stopped by the returned sender.
async fn spawn_server(
    c: &Ctx,
) -> (
    std::net::SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(jiyn_server::serve(
        listener,
        App::new(c.db.clone(), c.config.clone()),
        async move {
            let _ = stopped.await;
        },
    ));
    (addr, stop, server)
}

type Client = hyper_util::client::legacy::Client<
    hyper_util::client::legacy::connect::HttpConnector,
    http_body_util::Full<axum::body::Bytes>,
>;

fn client() -> Client {
    hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build_http()
}

/// One request over HTTP/1.1; the status, headers and body text.
async fn http(
    client: &Client,
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<String>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut req = hyper::Request::builder().method(method).uri(url);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if body.is_some() {
        req = req.header(header::CONTENT_TYPE, "application/json");
    }
    let req = req
        .header("jiyn-protocol", "1")
        .body(http_body_util::Full::new(axum::body::Bytes::from(
            body.unwrap_or_default(),
        )))
        .unwrap();
    let r = client.request(req).await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let body = r.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

on_both!(over_tcp, |c: Ctx| async move {
    let (addr, stop, server) = spawn_server(&c).await;
    let base = format!("http://{addr}");
    let client = client();
    let (s, h, b) = http(&client, "GET", &format!("{base}/v1/hello"), None, None).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(h.get("jiyn-protocol").unwrap(), "1");
    let mut w = writer("organizer");
    let (_, f) = forum_record(&mut w, c.forum);
    let (_, s1) = session(&mut w, c.forum);
    let (_, p) = person(&mut w, c.forum, "Құпия Қатысушы");
    let changes = [f, s1, p];
    let push_url = format!("{base}/v1/forums/{}/changes", c.forum);
    let (s, _, b) = http(
        &client,
        "POST",
        &push_url,
        Some(&c.organizer),
        Some(push_body(&changes)),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let r: PushResponse = serde_json::from_str(&b).unwrap();
    assert_eq!((r.accepted.len(), r.cursor.as_str()), (3, "3"));
    let (s, _, b) = http(
        &client,
        "GET",
        &format!("{push_url}?since=1&limit=10"),
        Some(&c.desk),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let page: PullResponse = serde_json::from_str(&b).unwrap();
    assert_eq!((page.records.len(), page.cursor.as_str()), (2, "3"));
    let (s, h, b) = http(
        &client,
        "GET",
        &format!("{base}/v1/forums/{}/agenda.json", c.forum),
        None,
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!(h.get(header::ETAG).is_some() && !b.contains("Құпия"));
    let (s, _, b) = http(&client, "GET", &format!("{base}/nowhere"), None, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(b.contains("not_found"));
    drop(client);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
});

/// Reads one HTTP/1.1 answer (with a content-length) from a raw connection.
async fn read_answer(conn: &mut tokio::net::TcpStream) -> (u16, String) {
    use tokio::io::AsyncReadExt;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map(|v| v.trim().parse().unwrap())
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                let status = head[9..12].parse().unwrap();
                let body = String::from_utf8_lossy(&buf[end + 4..end + 4 + len]).into_owned();
                return (status, body);
            }
        }
        let n = conn.read(&mut chunk).await.unwrap();
        assert!(n > 0, "the connection closed before the whole answer");
        buf.extend_from_slice(&chunk[..n]);
    }
}

// Over real TCP: a push in flight when shutdown is asked for still completes, commits
// and is answered; only then does the server stop.
on_both!(
    graceful_shutdown_keeps_an_accepted_push,
    |c: Ctx| async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let (addr, stop, server) = spawn_server(&c).await;
        let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
        // One answered request first: the connection is certainly accepted and served.
        conn.write_all(format!("GET /v1/hello HTTP/1.1\r\nhost: {addr}\r\n\r\n").as_bytes())
            .await
            .unwrap();
        assert_eq!(read_answer(&mut conn).await.0, 200);
        let mut w = writer("desk-a");
        let changes: Vec<Change> = (0..1000)
            .map(|i| person(&mut w, c.forum, &format!("Қатысушы {i}")).1)
            .collect();
        let body = push_body(&changes);
        let head = format!(
        "POST /v1/forums/{}/changes HTTP/1.1\r\nhost: {addr}\r\nauthorization: Bearer {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        c.forum,
        c.desk,
        body.len()
    );
        // The request starts (head and half the body), then shutdown is asked for, then
        // the rest of the body arrives.
        let (first, rest) = body.as_bytes().split_at(body.len() / 2);
        conn.write_all(head.as_bytes()).await.unwrap();
        conn.write_all(first).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        stop.send(()).unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert!(!server.is_finished(), "the server waits for the request");
        conn.write_all(rest).await.unwrap();
        let (status, answer) = read_answer(&mut conn).await;
        assert_eq!(status, 200, "{answer}");
        let r: PushResponse = serde_json::from_str(&answer).unwrap();
        assert_eq!(r.accepted.len(), 1000);
        // The server closes the connection after it and stops.
        let mut tail = Vec::new();
        let _ = conn.read_to_end(&mut tail).await;
        tokio::time::timeout(std::time::Duration::from_secs(10), server)
            .await
            .expect("the server stops")
            .unwrap()
            .unwrap();
        assert_eq!(c.stored().await.0, 1000, "every accepted change is stored");
        assert!(tokio::net::TcpStream::connect(addr).await.is_err());
    }
);

// Roles are per kind except for hour entries' status: a desk logs and corrects hours,
// only a coordinator (organizer token) approves, rejects or marks a no-show.
on_both!(
    a_desk_logs_hours_but_cannot_decide_them,
    |c: Ctx| async move {
        let mut desk = writer("desk-a");
        let mut coordinator = writer("organizer");
        let start = chrono::Utc::now() - chrono::Duration::hours(3);
        let (log, created) = desk
            .create(now(), Some(c.forum), |meta| jiyn_core::HourLog {
                meta,
                volunteer: Uuid::from_u128(7),
                shift: None,
                task: "Тіркеу үстелі".into(),
                started_at: start,
                ended_at: Some(start + chrono::Duration::hours(2)),
                status: jiyn_core::HourStatus::Pending,
                note: String::new(),
            })
            .unwrap();
        let r = c.push(&c.desk, &[created]).await;
        assert_eq!(r.accepted.len(), 1, "{r:?}");
        let decided_by =
            |status: jiyn_core::HourStatus, w: &mut Writer, before: &jiyn_core::HourLog| {
                w.edit(now(), before, |h| h.status = status)
                    .unwrap()
                    .unwrap()
            };
        let approve = jiyn_core::HourStatus::Approved {
            by: "Desk volunteer".into(),
            at: chrono::Utc::now(),
        };
        // The desk approves its own hours: refused, the server keeps it pending.
        let (_, approval) = decided_by(approve.clone(), &mut desk, &log);
        let r = c.push(&c.desk, &[approval]).await;
        assert_eq!(r.rejected.len(), 1, "{r:?}");
        assert_eq!(r.rejected[0].reason, RejectReason::Forbidden);
        let status_on_server = |page: PullResponse| {
            page.records
                .into_iter()
                .find_map(|r| match r {
                    AnyRecord::HourLog(h) => Some(h.status),
                    _ => None,
                })
                .unwrap()
        };
        assert_eq!(
            status_on_server(c.pull(&c.organizer, "", 100).await),
            jiyn_core::HourStatus::Pending
        );
        // An entry made and approved offline on a desk before its first push: refused too.
        let (other, _) = desk
            .create(now(), Some(c.forum), |meta| jiyn_core::HourLog {
                meta,
                status: approve.clone(),
                ..log.clone()
            })
            .unwrap();
        let r = c
            .push(
                &c.desk,
                &[Change::snapshot(&AnyRecord::HourLog(other)).unwrap()],
            )
            .await;
        assert_eq!(r.rejected.len(), 1, "{r:?}");
        // The coordinator approves: accepted; then the desk cannot reopen it...
        let (approved, approval) = decided_by(approve.clone(), &mut coordinator, &log);
        let r = c.push(&c.organizer, &[approval]).await;
        assert_eq!(r.accepted.len(), 1, "{r:?}");
        let (_, reopen) = decided_by(jiyn_core::HourStatus::Pending, &mut desk, &approved);
        let r = c.push(&c.desk, &[reopen]).await;
        assert_eq!(r.rejected.len(), 1, "{r:?}");
        // ...but may still push the approved entry back unchanged (a restored backup).
        let r = c
            .push(
                &c.desk,
                &[Change::snapshot(&AnyRecord::HourLog(approved)).unwrap()],
            )
            .await;
        assert!(r.rejected.is_empty(), "{r:?}");
        assert!(matches!(
            status_on_server(c.pull(&c.desk, "", 100).await),
            jiyn_core::HourStatus::Approved { .. }
        ));
    }
);

// Over real TCP: a device that goes away in the middle of sending a push (Wi-Fi lost,
// tab closed) leaves nothing stored, not even the changes whose bytes arrived; the
// same push sent again later is stored whole, once.
on_both!(push_cut_mid_send_stores_nothing, |c: Ctx| async move {
    use tokio::io::AsyncWriteExt;
    let (addr, stop, server) = spawn_server(&c).await;
    let mut w = writer("desk-a");
    let changes: Vec<Change> = (0..500)
        .map(|i| person(&mut w, c.forum, &format!("Қатысушы {i}")).1)
        .collect();
    let body = push_body(&changes);
    let head = format!(
        "POST /v1/forums/{}/changes HTTP/1.1\r\nhost: {addr}\r\nauthorization: Bearer {}\r\ncontent-type: application/json\r\njiyn-protocol: 1\r\ncontent-length: {}\r\n\r\n",
        c.forum,
        c.desk,
        body.len()
    );
    for cut_at in [1, body.len() / 2, body.len() - 1] {
        let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
        conn.write_all(head.as_bytes()).await.unwrap();
        conn.write_all(&body.as_bytes()[..cut_at]).await.unwrap();
        conn.flush().await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        drop(conn);
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert_eq!(
            c.stored().await.0,
            0,
            "a push cut after {cut_at} of {} bytes stored something",
            body.len()
        );
    }
    let client = client();
    let url = format!("http://{addr}/v1/forums/{}/changes", c.forum);
    let (s, _, b) = http(&client, "POST", &url, Some(&c.desk), Some(body.clone())).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let r: PushResponse = serde_json::from_str(&b).unwrap();
    assert_eq!((r.accepted.len(), r.duplicate.len()), (500, 0));
    assert_eq!(c.stored().await.0, 500);
    drop(client);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
});

// The `jiyn-server` binary itself: `--help`, `token add`, `serve`, and SIGTERM.
on_both!(command_line, |c: Ctx| async move {
    let bin = env!("CARGO_BIN_EXE_jiyn-server");
    let out = std::process::Command::new(bin)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("serve") && help.contains("token add"));
    // token add: the token alone on stdout, only its hash stored.
    let forum = c.forum.to_string();
    let out = std::process::Command::new(bin)
        .args(["token", "add", "--db", &c.url, "--role", "desk"])
        .args(["--forum", &forum, "--label", "Entrance 1"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let token = stdout.trim_end_matches('\n');
    assert_eq!(stdout, format!("{token}\n"), "one line");
    assert!(token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()));
    let row = sqlx::query("SELECT forum, role, label FROM tokens WHERE hash = $1")
        .bind(db::token_hash(token))
        .fetch_one(&c.db)
        .await
        .unwrap();
    let (f, role, label): (Option<String>, String, String) = (row.get(0), row.get(1), row.get(2));
    assert_eq!(
        (f.as_deref(), role.as_str(), label.as_str()),
        (Some(&*forum), "desk", "Entrance 1")
    );
    let stored: i64 = sqlx::query("SELECT COUNT(*) FROM tokens WHERE hash = $1")
        .bind(token)
        .fetch_one(&c.db)
        .await
        .unwrap()
        .get(0);
    assert_eq!(stored, 0, "the token itself is not stored");
    // Bad arguments: an error on stderr, nothing on stdout.
    for args in [
        vec![
            "token",
            "add",
            "--db",
            &c.url,
            "--role",
            "admin",
            "--all-forums",
        ],
        vec!["token", "add", "--db", &c.url, "--role", "desk"],
        vec![
            "token", "add", "--db", &c.url, "--role", "desk", "--forum", "x",
        ],
        vec!["serve", "--rate", "many"],
        vec!["frobnicate"],
    ] {
        let out = std::process::Command::new(bin)
            .args(&args)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
    // serve, one push, then SIGTERM: a clean stop, and a log without the token.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let child = tokio::process::Command::new(bin)
        .args(["serve", "--db", &c.url, "--listen", &listen])
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let client = client();
    let base = format!("http://{listen}");
    let mut up = false;
    for _ in 0..100 {
        let req = hyper::Request::get(format!("{base}/v1/hello"))
            .body(http_body_util::Full::default())
            .unwrap();
        if client.request(req).await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(up, "the server answers");
    let (_, change) = person(&mut writer("desk-a"), c.forum, "Ақбота Оқасова");
    let (s, _, b) = http(
        &client,
        "POST",
        &format!("{base}/v1/forums/{forum}/changes"),
        Some(token),
        Some(push_body(&[change])),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    drop(client);
    let pid = child.id().unwrap().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let out = tokio::time::timeout(std::time::Duration::from_secs(20), child.wait_with_output())
        .await
        .expect("it stops on SIGTERM")
        .unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        log.contains(&format!("POST /v1/forums/{forum}/changes 200")),
        "{log}"
    );
    assert!(!log.contains(token), "the log never holds a token");
    assert!(!log.contains("Ақбота"), "nor a body");
    assert_eq!(c.stored().await.0, 1);
});

on_both!(token_list_and_revoke, |c: Ctx| async move {
    let bin = env!("CARGO_BIN_EXE_jiyn-server");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .args(args)
            .args(["--db", &c.url])
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let forum = c.forum.to_string();
    let (ok, lost, _) = run(&[
        "token",
        "add",
        "--role",
        "desk",
        "--forum",
        &forum,
        "--label",
        "Lost laptop",
    ]);
    assert!(ok);
    let lost = lost.trim().to_string();
    let (ok, kept, _) = run(&[
        "token",
        "add",
        "--role",
        "desk",
        "--forum",
        &forum,
        "--label",
        "Entrance 2",
    ]);
    assert!(ok);
    let kept = kept.trim().to_string();

    let (ok, list, _) = run(&["token", "list"]);
    assert!(ok);
    assert!(
        list.contains("Lost laptop") && list.contains("Entrance 2"),
        "{list}"
    );
    assert!(
        !list.contains(&lost) && !list.contains(&kept),
        "never the tokens themselves"
    );
    let id: String = db::token_hash(&lost).chars().take(12).collect();
    assert!(list.contains(&id), "{list}");

    // Ids that are not one: refused, nothing revoked.
    for bad in ["abc", "zzzzzzzzzz", "0000000000000000"] {
        let (ok, _, err) = run(&["token", "revoke", bad]);
        assert!(!ok && !err.is_empty(), "{bad}");
    }
    assert!(db::grant_of(&c.db, &lost).await.unwrap().is_some());

    let (ok, out, err) = run(&["token", "revoke", &id]);
    assert!(ok, "{err}");
    assert!(out.contains("revoked"));
    assert!(
        db::grant_of(&c.db, &lost).await.unwrap().is_none(),
        "the lost token no longer works"
    );
    assert!(
        db::grant_of(&c.db, &kept).await.unwrap().is_some(),
        "the other still does"
    );
    let req = Request::get("/v1/forums")
        .header(header::AUTHORIZATION, format!("Bearer {lost}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(c.call(req).await.0, StatusCode::UNAUTHORIZED);
});

// ---------------------------------------------------------------------------------
// Self-registration: POST /v1/forums/{forum}/registrations
// ---------------------------------------------------------------------------------

fn this_year() -> i32 {
    use chrono::Datelike;
    chrono::Utc::now().year()
}

/// A registration budget that the tests of what is stored never reach.
fn lenient() -> Config {
    Config {
        register_per_minute: 1000,
        ..Config::default()
    }
}

/// A registration body as the `<jiyn-register>` form sends it.
fn registration(id: Uuid, name: &str, birth_year: i32) -> serde_json::Value {
    serde_json::json!({
        "id": id.to_string(),
        "full_name": name,
        "phone": "8 (701) 555-00-11",
        "birth_year": birth_year,
        "region": "Батыс Қазақстан",
        "consent": { "text_version": "jiyn-embed-2026-1", "language": "kk" }
    })
}

fn register_req(forum: Uuid, body: impl Into<Body>, origin: Option<&str>) -> Request<Body> {
    let mut r = Request::post(format!("/v1/forums/{forum}/registrations"))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(o) = origin {
        r = r.header(header::ORIGIN, o);
    }
    r.body(body.into()).unwrap()
}

async fn register(app: &Router, forum: Uuid, body: &serde_json::Value) -> (StatusCode, String) {
    let (s, _, b) = call(app, register_req(forum, body.to_string(), None)).await;
    (s, b)
}

/// The `field` and `error` of a refused registration.
fn refusal(body: &str) -> (Option<String>, String) {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("{body}"));
    let plain: jiyn_core::sync::ErrorBody = serde_json::from_str(body).unwrap();
    assert!(!plain.message.is_empty());
    (
        v["field"].as_str().map(String::from),
        v["error"].as_str().unwrap().to_string(),
    )
}

/// The forum's participants as an organizer pulls them.
async fn pulled_people(c: &Ctx) -> Vec<Participant> {
    c.pull(&c.organizer, "", 100)
        .await
        .records
        .into_iter()
        .filter_map(|r| match r {
            AnyRecord::Participant(p) => Some(p),
            _ => None,
        })
        .collect()
}

on_both!(
    registration_reaches_every_device_once,
    lenient(),
    |c: Ctx| async move {
        let mut w = writer("organizer");
        let (forum, f) = forum_record(&mut w, c.forum);
        let (session, sc) = session(&mut w, c.forum);
        let (_, secret) = person(&mut w, c.forum, "Құпия Қатысушы");
        let id = jiyn_core::ids::new_id();
        let body = registration(id, "  Ақбота Оқасова ", 2001);
        // Before the forum is on the server: not found, nothing stored.
        let (s, b) = register(&c.app, c.forum, &body).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{b}");
        assert_eq!(refusal(&b), (None, "not_found".into()));
        assert_eq!(c.stored().await, (0, 0, 0));
        c.push(&c.organizer, &[f, sc, secret]).await;
        let before = c.stored().await;
        let started = chrono::Utc::now();
        let (s, b) = register(&c.app, c.forum, &body).await;
        assert_eq!(
            (s, b.as_str()),
            (StatusCode::CREATED, r#"{"status":"registered"}"#)
        );
        let after = c.stored().await;
        assert_eq!(
            after,
            (before.0 + 1, before.1 + 1, before.2 + 1),
            "one change stored"
        );
        // The organizer's pull (and a desk's) sees the participant, made by the server.
        let people = pulled_people(&c).await;
        let p = people.iter().find(|p| p.meta.id == id).expect("pulled");
        assert_eq!(p.full_name, "Ақбота Оқасова");
        assert_eq!(p.phone.as_deref(), Some("+77015550011"));
        assert_eq!(p.birth_year, Some(2001));
        assert_eq!(p.region, "Батыс Қазақстан");
        assert_eq!(p.role, Role::Participant);
        assert_eq!(p.meta.forum, c.forum);
        assert_eq!(p.meta.hlc.device.as_str(), "server");
        assert_eq!(p.badge_code.len(), 8);
        assert!(p
            .badge_code
            .bytes()
            .all(|b| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b)));
        let consent = p.consent.clone().expect("consent");
        assert_eq!(consent.text_version, "jiyn-embed-2026-1");
        assert_eq!(consent.language, jiyn_core::Lang::Kk);
        assert!(consent.given_at >= started - chrono::Duration::seconds(1));
        assert!(consent.given_at <= chrono::Utc::now());
        assert_eq!(consent.guardian, None);
        let desk_pull = c.pull(&c.desk, "", 100).await;
        jiyn_core::sync::check_pulled(c.forum, &desk_pull.records).expect("a valid page");
        assert!(desk_pull.records.iter().any(|r| r.meta().id == id));
        // The same id again, even with other data: one participant, nothing stored again.
        let mut again = registration(id, "Someone Else", 1990);
        again["phone"] = serde_json::json!("+77019998877");
        let (s, b) = register(&c.app, c.forum, &again).await;
        assert_eq!(
            (s, b.as_str()),
            (StatusCode::OK, r#"{"status":"already registered"}"#)
        );
        assert_eq!(c.stored().await, after);
        let people = pulled_people(&c).await;
        assert_eq!(people.iter().filter(|p| p.meta.id == id).count(), 1);
        assert_eq!(
            people.iter().find(|p| p.meta.id == id).unwrap().full_name,
            "Ақбота Оқасова"
        );
        // Two copies at once (a retry racing the first try): one stored.
        let id2 = jiyn_core::ids::new_id();
        let body2 = registration(id2, "Ерлан Сейітов", 1999);
        let (a, b) = tokio::join!(
            register(&c.app, c.forum, &body2),
            register(&c.app, c.forum, &body2)
        );
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CREATED]);
        assert_eq!(c.stored().await.0, after.0 + 1);
        // An id another record already has (here the session's) is refused: the answer
        // names the field and tells nothing about the record.
        let (s, b) = register(
            &c.app,
            c.forum,
            &registration(session.meta.id, "Ақбота", 2001),
        )
        .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(refusal(&b), (Some("id".into()), "malformed".into()));
        assert!(!b.contains("Пленар") && !b.contains("session"), "{b}");
        // No answer carries anyone's data, the registrant's own included.
        for text in ["Құпия", "K7Q2M9XA", "77015550011", "Ақбота"] {
            assert!(!b.contains(text));
        }
        // A forum that is not on this server, and a deleted one: not found.
        let (s, _) = register(
            &c.app,
            Uuid::from_u128(5),
            &registration(jiyn_core::ids::new_id(), "x", 2001),
        )
        .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (_, gone) = w.delete(now(), &forum).unwrap();
        c.push(&c.organizer, &[gone]).await;
        let (s, _) = register(
            &c.app,
            c.forum,
            &registration(jiyn_core::ids::new_id(), "x", 2001),
        )
        .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
);

on_both!(
    registration_of_a_minor_needs_a_guardian,
    |c: Ctx| async move {
        let (_, f) = forum_record(&mut writer("organizer"), c.forum);
        c.push(&c.organizer, &[f]).await;
        let before = c.stored().await;
        let minor_year = this_year() - 15;
        let id = jiyn_core::ids::new_id();
        let mut body = registration(id, "Әлия Нұрланқызы", minor_year);
        let (s, b) = register(&c.app, c.forum, &body).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
        assert_eq!(refusal(&b), (Some("guardian".into()), "malformed".into()));
        body["guardian"] = serde_json::json!({ "full_name": "", "phone": "" });
        let (s, b) = register(&c.app, c.forum, &body).await;
        assert_eq!(
            (s, refusal(&b).0.as_deref()),
            (StatusCode::BAD_REQUEST, Some("guardian"))
        );
        assert_eq!(c.stored().await, before, "nothing stored");
        body["guardian"] =
            serde_json::json!({ "full_name": "Гүлнар Сейітова", "phone": "8 701 111 22 33" });
        let (s, b) = register(&c.app, c.forum, &body).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let people = pulled_people(&c).await;
        let g = people[0]
            .consent
            .clone()
            .unwrap()
            .guardian
            .expect("guardian kept");
        assert_eq!(
            (g.full_name.as_str(), g.phone.as_deref()),
            ("Гүлнар Сейітова", Some("+77011112233"))
        );
        assert!(people[0].is_minor_in(this_year()));
    }
);

on_both!(
    registration_refuses_bad_input,
    lenient(),
    |c: Ctx| async move {
        let (_, f) = forum_record(&mut writer("organizer"), c.forum);
        c.push(&c.organizer, &[f]).await;
        let before = c.stored().await;
        let good = || registration(jiyn_core::ids::new_id(), "Ақбота Оқасова", 2001);
        let with = |key: &str, value: serde_json::Value| {
            let mut b = good();
            b[key] = value;
            b
        };
        let cases: Vec<(String, Option<&str>)> = vec![
            ("not json at all".into(), None),
            ("".into(), None),
            ("[]".into(), None),
            ("\u{0}\u{1}garbage".into(), None),
            (
                with(
                    "id",
                    serde_json::json!("9b2e4c1a-5d3f-4e8b-a7c6-1d2e3f4a5b6c"),
                )
                .to_string(),
                Some("id"),
            ),
            (
                with("full_name", serde_json::json!(" ")).to_string(),
                Some("full_name"),
            ),
            (
                with("full_name", serde_json::json!("x".repeat(300))).to_string(),
                Some("full_name"),
            ),
            (
                with("phone", serde_json::json!("call me")).to_string(),
                Some("phone"),
            ),
            (
                with("phone", serde_json::json!("+7 701")).to_string(),
                Some("phone"),
            ),
            (
                with("birth_year", serde_json::json!(this_year() + 1)).to_string(),
                Some("birth_year"),
            ),
            (
                with("birth_year", serde_json::json!("2001")).to_string(),
                Some("birth_year"),
            ),
            (
                with("consent", serde_json::json!(null)).to_string(),
                Some("consent"),
            ),
            (
                with(
                    "consent",
                    serde_json::json!({"text_version": "v1", "language": "fr"}),
                )
                .to_string(),
                Some("consent.language"),
            ),
            (
                with("role", serde_json::json!("staff")).to_string(),
                Some("role"),
            ),
            (
                with("badge_code", serde_json::json!("AAAAAAAA")).to_string(),
                Some("badge_code"),
            ),
        ];
        for (body, field) in cases {
            let (s, _, b) = call(&c.app, register_req(c.forum, body.clone(), None)).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {b}");
            assert_eq!(
                refusal(&b),
                (field.map(String::from), "malformed".into()),
                "{body}"
            );
        }
        // The path's forum is not a UUID.
        let req = Request::post("/v1/forums/not-a-uuid/registrations")
            .body(Body::from(good().to_string()))
            .unwrap();
        assert_eq!(c.call(req).await.0, StatusCode::BAD_REQUEST);
        // Larger than the registration limit (16 KiB), though far under the sync limit:
        // refused with and without a length announced.
        let mut big = good();
        big["organisation"] = serde_json::json!("x".repeat(20_000));
        let (s, _, b) = call(&c.app, register_req(c.forum, big.to_string(), None)).await;
        assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{b}");
        assert!(b.contains("\"too_large\""));
        let (s, _, _) = call(
            &c.app,
            register_req(c.forum, futures_stream(big.to_string()), None),
        )
        .await;
        assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
        // Only POST.
        let (s, _, _) = c
            .call(
                Request::get(format!("/v1/forums/{}/registrations", c.forum))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(c.stored().await, before, "nothing stored");
    }
);

on_both!(
    registration_cors_and_rate_limit,
    Config {
        rate_per_minute: 100,
        register_per_minute: 4,
        cors_origins: vec!["http://127.0.0.1:8080".into()],
        ..Config::default()
    },
    |c: Ctx| async move {
        let (_, f) = forum_record(&mut writer("organizer"), c.forum);
        c.push(&c.organizer, &[f]).await;
        let partner = "http://127.0.0.2:9000";
        let preflight = |path: String, headers: &str| {
            Request::options(path)
                .header(header::ORIGIN, partner)
                .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(header::ACCESS_CONTROL_REQUEST_HEADERS, headers)
                .body(Body::empty())
                .unwrap()
        };
        // A JSON POST from any origin is preflighted, and allowed on this route...
        let route = format!("/v1/forums/{}/registrations", c.forum);
        let (s, h, _) = c.call(preflight(route.clone(), "content-type")).await;
        assert!(s.is_success(), "{s}");
        assert_eq!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), "*");
        let methods = h.get(header::ACCESS_CONTROL_ALLOW_METHODS).unwrap();
        assert!(methods.to_str().unwrap().contains("POST"));
        let allowed = h.get(header::ACCESS_CONTROL_ALLOW_HEADERS).unwrap();
        assert!(allowed.to_str().unwrap().contains("content-type"));
        assert!(h.get(header::ACCESS_CONTROL_ALLOW_CREDENTIALS).is_none());
        // ...and only on this route: the sync routes stay closed to that origin.
        let (_, h, _) = c
            .call(preflight(
                format!("/v1/forums/{}/changes", c.forum),
                "authorization,content-type",
            ))
            .await;
        assert!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
        let (_, h, _) = c
            .call(preflight("/v1/forums".into(), "authorization"))
            .await;
        assert!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
        // The POST itself, and its refusals, are readable by the partner page.
        let (s, h, b) = c
            .call(register_req(
                c.forum,
                registration(jiyn_core::ids::new_id(), "Ақбота", 2001).to_string(),
                Some(partner),
            ))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        assert_eq!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), "*");
        let (s, h, _) = c
            .call(register_req(c.forum, "garbage", Some(partner)))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), "*");
        // A simple request (text/plain, no preflight) works too.
        let simple = Request::post(&route)
            .header(header::ORIGIN, partner)
            .header(header::CONTENT_TYPE, "text/plain;charset=UTF-8")
            .body(Body::from(
                registration(jiyn_core::ids::new_id(), "Ерлан", 1999).to_string(),
            ))
            .unwrap();
        let (s, h, b) = c.call(simple).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        assert_eq!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), "*");
        // 4 a minute per address; the 3 above counted, preflights did not.
        let mut statuses = Vec::new();
        for _ in 0..3 {
            let body = registration(jiyn_core::ids::new_id(), "Дана", 2000).to_string();
            let (s, h, b) = c.call(register_req(c.forum, body, Some(partner))).await;
            if s == StatusCode::TOO_MANY_REQUESTS {
                let secs: u64 = h[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
                assert!((1..=60).contains(&secs));
                assert_eq!(refusal(&b).1, "rate_limited");
                assert_eq!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), "*");
            }
            statuses.push(s);
        }
        assert_eq!(
            statuses,
            [
                StatusCode::CREATED,
                StatusCode::TOO_MANY_REQUESTS,
                StatusCode::TOO_MANY_REQUESTS
            ]
        );
        // The sync routes keep their own budget, and a token buys no registrations.
        assert_eq!(
            c.call(get("/v1/forums", &c.organizer)).await.0,
            StatusCode::OK
        );
        let mut req = register_req(
            c.forum,
            registration(jiyn_core::ids::new_id(), "Дана", 2000).to_string(),
            None,
        );
        req.headers_mut().insert(
            header::AUTHORIZATION,
            format!("Bearer {}", c.organizer).parse().unwrap(),
        );
        assert_eq!(c.call(req).await.0, StatusCode::TOO_MANY_REQUESTS);
        let people = pulled_people(&c).await;
        assert_eq!(
            people.len(),
            3,
            "only the answered registrations are stored"
        );
        // Behind a proxy each client address has its own budget.
        let app = router(App::new(
            c.db.clone(),
            Config {
                trust_forwarded: true,
                ..c.config.clone()
            },
        ));
        let from = |addr: &str| {
            let mut r = register_req(c.forum, "{}", None);
            r.headers_mut()
                .insert("x-forwarded-for", addr.parse().unwrap());
            r
        };
        let mut statuses = Vec::new();
        for _ in 0..6 {
            statuses.push(call(&app, from("192.0.2.7")).await.0);
        }
        assert_eq!(
            statuses
                .iter()
                .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
                .count(),
            2
        );
        assert_eq!(
            call(&app, from("192.0.2.8")).await.0,
            StatusCode::BAD_REQUEST
        );
    }
);

on_both!(registration_over_tcp, |c: Ctx| async move {
    let (_, f) = forum_record(&mut writer("organizer"), c.forum);
    c.push(&c.organizer, &[f]).await;
    let (addr, stop, server) = spawn_server(&c).await;
    let client = client();
    let url = format!("http://{addr}/v1/forums/{}/registrations", c.forum);
    let id = jiyn_core::ids::new_id();
    let body = registration(id, "Ақбота Оқасова", 2001).to_string();
    let (s, _, b) = http(&client, "POST", &url, None, Some(body.clone())).await;
    assert_eq!(
        (s, b.as_str()),
        (StatusCode::CREATED, r#"{"status":"registered"}"#)
    );
    let (s, _, b) = http(&client, "POST", &url, None, Some(body)).await;
    assert_eq!(
        (s, b.as_str()),
        (StatusCode::OK, r#"{"status":"already registered"}"#)
    );
    assert!(pulled_people(&c).await.iter().any(|p| p.meta.id == id));
    drop(client);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
});
