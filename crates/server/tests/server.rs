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
    let dir = std::env::temp_dir().join(format!("jiyn-server-test-{}", Uuid::new_v4()));
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
    let name = format!("jiyn_test_{}", Uuid::new_v4().simple());
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

/// Runs `body` on SQLite, then on PostgreSQL when available.
macro_rules! on_both {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let t = sqlite_db().await;
                run(t, $body).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(t) = postgres_db().await {
                    run(t, $body).await;
                }
            }
        }
    };
}

async fn run<F, Fut>(t: TestDb, body: F)
where
    F: FnOnce(Ctx) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let pool = db::open(&t.url).await.expect("database opens");
    let ctx = Ctx::new(pool.clone(), Config::default());
    body(ctx).await;
    t.finish(pool).await;
}

/// A test's server: its database, router and a few tokens.
#[derive(Clone)]
struct Ctx {
    db: db::Db,
    app: Router,
    forum: Uuid,
    organizer: String,
    desk: String,
    other_forum_desk: String,
}

impl Ctx {
    fn new(db: db::Db, config: Config) -> Ctx {
        let forum = jiyn_core::ids::new_id();
        let app = router(App::new(db.clone(), config));
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
            app,
            forum,
        }
    }

    async fn call(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
        let r = self.app.clone().oneshot(req).await.unwrap();
        let status = r.status();
        let headers = r.headers().clone();
        let body = r.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8_lossy(&body).into_owned())
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
        let body = serde_json::to_string(&PushRequest {
            protocol: PROTOCOL_VERSION,
            device: "test".into(),
            changes: changes.to_vec(),
        })
        .unwrap();
        let (s, b) = self.push_raw(token, body).await;
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

    /// Rows in the records table and the forum's sequence number: "nothing stored"
    /// means both unchanged.
    async fn stored(&self) -> (i64, i64) {
        let n: i64 = sqlx::query("SELECT COUNT(*) FROM records")
            .fetch_one(&self.db)
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        let seq = sqlx::query("SELECT seq FROM forums WHERE forum = $1")
            .bind(self.forum.to_string())
            .fetch_optional(&self.db)
            .await
            .unwrap()
            .map(|r| r.try_get::<i64, _>(0).unwrap())
            .unwrap_or(0);
        (n, seq)
    }
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

on_both!(auth, |c: Ctx| async move {
    let (_, change) = person(&mut writer("a"), c.forum, "Ақбота Оқасова");
    let body = serde_json::to_string(&PushRequest {
        protocol: 1,
        device: "a".into(),
        changes: vec![change.clone()],
    })
    .unwrap();
    // No token, an unknown one, one for another forum.
    let req = Request::post(format!("/v1/forums/{}/changes", c.forum))
        .body(Body::from(body.clone()))
        .unwrap();
    let (s, _, b) = c.call(req).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(b.contains("\"unauthorized\""));
    assert_eq!(
        c.push_raw("jiyn_nope", body.clone()).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        c.push_raw(&c.other_forum_desk, body.clone()).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(c.stored().await, (0, 0), "nothing stored");
    // A desk may push a participant but not the forum itself.
    let (_, forum_change) = forum_record(&mut writer("a"), c.forum);
    let r = c
        .push(&c.desk, &[change.clone(), forum_change.clone()])
        .await;
    assert_eq!(r.accepted, vec![change.id]);
    assert_eq!(r.rejected.len(), 1);
    assert_eq!(r.rejected[0].reason, RejectReason::Forbidden);
    // The organizer may; a desk token lists only its forum.
    assert_eq!(
        c.push(&c.organizer, &[forum_change]).await.accepted.len(),
        1
    );
    let req = Request::get("/v1/forums")
        .header(header::AUTHORIZATION, format!("Bearer {}", c.desk))
        .body(Body::empty())
        .unwrap();
    let (s, _, b) = c.call(req).await;
    assert_eq!(s, StatusCode::OK);
    let list: jiyn_core::sync::ForumList = serde_json::from_str(&b).unwrap();
    assert_eq!((list.forums, list.role), (vec![c.forum], TokenRole::Desk));
});

on_both!(idempotent, |c: Ctx| async move {
    let mut w = writer("desk-a");
    let changes: Vec<Change> = (0..20)
        .map(|i| person(&mut w, c.forum, &format!("Қатысушы {i}")).1)
        .collect();
    let first = c.push(&c.desk, &changes).await;
    assert_eq!(first.accepted.len(), 20);
    let stored = c.stored().await;
    // A retried push (its answer was lost) stores nothing again.
    let again = c.push(&c.desk, &changes).await;
    assert_eq!((again.accepted.len(), again.duplicate.len()), (0, 20));
    assert_eq!(c.stored().await, stored);
    assert_eq!(again.cursor, first.cursor);
    // The same change twice in one push: once.
    let (_, one) = person(&mut w, c.forum, "Жеңіс Балабеков");
    let r = c.push(&c.desk, &[one.clone(), one.clone()]).await;
    assert_eq!((r.accepted.len(), r.duplicate.len()), (1, 1));
    let page = c.pull(&c.desk, "", 1000).await;
    assert_eq!(page.records.len(), 21, "each record once");
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
        for r in &page.records {
            assert!(seen.insert(r.meta().id), "no record twice");
        }
        let n: u64 = page.cursor.parse().unwrap();
        assert!(n > last || page.records.is_empty(), "cursors grow");
        last = n;
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!((pages, seen.len()), (3, 2500));
    assert!(
        c.pull(&c.desk, &cursor, 1000).await.records.is_empty(),
        "nothing after the end"
    );
});

on_both!(merge_per_field, |c: Ctx| async move {
    let mut a = writer("desk-a");
    let mut b = writer("desk-b");
    let (p, created) = person(&mut a, c.forum, "Ақбота Оқасова");
    let (pa, ea) = a
        .edit(now() + 10, &p, |p| p.organisation = "ЖРО".into())
        .unwrap()
        .unwrap();
    let (_, eb) = b
        .edit(now() + 20, &p, |p| p.district = "Есіл".into())
        .unwrap()
        .unwrap();
    // Out of order: B's edit, then the creation, then A's edit.
    for change in [&eb, &created, &ea] {
        assert_eq!(
            c.push(&c.desk, std::slice::from_ref(change))
                .await
                .accepted
                .len(),
            1
        );
    }
    let page = c.pull(&c.desk, "", 10).await;
    let AnyRecord::Participant(merged) = &page.records[0] else {
        panic!("a participant")
    };
    assert_eq!(
        (merged.organisation.as_str(), merged.district.as_str()),
        ("ЖРО", "Есіл")
    );
    assert_eq!(page.records.len(), 1);
    let _ = pa;
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

on_both!(malformed_input_stores_nothing, |c: Ctx| async move {
    let mut w = writer("desk-a");
    let (_, good) = person(&mut w, c.forum, "Ақбота Оқасова");
    c.push(&c.desk, &[good]).await;
    let before = c.stored().await;
    for body in [
        "not json".to_string(),
        "{}".into(),
        "[]".into(),
        r#"{"protocol":1,"device":"x","changes":"no"}"#.into(),
        r#"{"protocol":1,"device":"x","changes":[{"id":"nope"}]}"#.into(),
    ] {
        let (s, b) = c.push_raw(&c.desk, body.clone()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {b}");
        assert!(b.contains("\"malformed\""), "{b}");
    }
    // A change whose payload is not a record of its kind: refused, not stored.
    let (_, mut bad) = person(&mut w, c.forum, "Жеңіс Балабеков");
    bad.kind = jiyn_core::RecordKind::CheckIn;
    let r = c.push(&c.desk, &[bad]).await;
    assert_eq!(r.rejected[0].reason, RejectReason::Malformed);
    // A bad forum id, cursor and limit.
    let get = |path: String| {
        Request::get(path)
            .header(header::AUTHORIZATION, format!("Bearer {}", c.organizer))
            .body(Body::empty())
            .unwrap()
    };
    for path in [
        "/v1/forums/not-a-uuid/changes".to_string(),
        format!("/v1/forums/{}/changes?since=-1", c.forum),
        format!("/v1/forums/{}/changes?since=abc", c.forum),
        format!("/v1/forums/{}/changes?limit=0", c.forum),
        format!("/v1/forums/{}/changes?limit=999999", c.forum),
    ] {
        let (s, _, b) = c.call(get(path.clone())).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{path}: {b}");
    }
    assert_eq!(c.stored().await, before, "nothing stored by any of it");
    let (s, _, b) = c.call(get("/v2/nowhere".into())).await;
    assert_eq!((s, b.contains("not_found")), (StatusCode::NOT_FOUND, true));
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
    assert!(
        b.contains("client_too_old") && b.contains("\"max_protocol\":1"),
        "{b}"
    );
    assert_eq!(h.get("jiyn-protocol").unwrap(), "1");
    let (s, _, b) = c.call(hello("99")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b.contains("server_too_old"), "{b}");
    let (s, _, b) = c.call(hello("1")).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let body = r#"{"protocol":7,"device":"x","changes":[]}"#.to_string();
    let (s, b) = c.push_raw(&c.desk, body).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b.contains("server_too_old"));
});

on_both!(agenda_feed, |c: Ctx| async move {
    let mut w = writer("organizer");
    let (_, f) = forum_record(&mut w, c.forum);
    let (_, s) = session(&mut w, c.forum);
    let (_, p) = person(&mut w, c.forum, "Құпия Қатысушы");
    c.push(&c.organizer, &[f, s, p]).await;
    let req = |etag: Option<&str>| {
        let mut r = Request::get(format!("/v1/forums/{}/agenda.json", c.forum))
            .header(header::ORIGIN, "https://partner.example.kz");
        if let Some(e) = etag {
            r = r.header(header::IF_NONE_MATCH, e);
        }
        r.body(Body::empty()).unwrap()
    };
    let (s, h, body) = c.call(req(None)).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert!(body.contains("Пленарлық отырыс"));
    assert!(
        !body.contains("Құпия") && !body.contains("+7701"),
        "no participant data"
    );
    assert_eq!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), "*");
    assert!(h
        .get(header::CACHE_CONTROL)
        .unwrap()
        .to_str()
        .unwrap()
        .contains("max-age"));
    let etag = h.get(header::ETAG).unwrap().to_str().unwrap().to_string();
    let (s, _, body) = c.call(req(Some(&etag))).await;
    assert_eq!((s, body.as_str()), (StatusCode::NOT_MODIFIED, ""));
    let (s, _, _) = c
        .call(
            Request::get(format!("/v1/forums/{}/agenda.json", Uuid::from_u128(5)))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
});

/// Limits: body size, rate, CORS only for the configured origin.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_and_cors() {
    let t = sqlite_db().await;
    let pool = db::open(&t.url).await.unwrap();
    let c = Ctx::new(
        pool.clone(),
        Config {
            max_body: 2_000,
            rate_per_minute: 8,
            cors_origins: vec!["http://127.0.0.1:8080".into()],
        },
    );
    let (s, b) = c.push_raw(&c.desk, "x".repeat(5_000)).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{b}");
    assert!(b.contains("too_large"));
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
    let (_, h, _) = c.call(preflight("http://127.0.0.1:8080")).await;
    assert_eq!(
        h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(),
        "http://127.0.0.1:8080"
    );
    let (_, h, _) = c.call(preflight("https://evil.example")).await;
    assert!(
        h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none(),
        "no CORS for others"
    );
    // The rate: 8 a minute per token; the 1st push above counted.
    let mut statuses = Vec::new();
    for _ in 0..9 {
        let req = Request::get("/v1/forums")
            .header(header::AUTHORIZATION, format!("Bearer {}", c.desk))
            .body(Body::empty())
            .unwrap();
        let (s, h, _) = c.call(req).await;
        if s == StatusCode::TOO_MANY_REQUESTS {
            assert!(h.get(header::RETRY_AFTER).is_some());
        }
        statuses.push(s);
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count(),
        2
    );
    // Another token has its own budget.
    let req = Request::get("/v1/forums")
        .header(header::AUTHORIZATION, format!("Bearer {}", c.organizer))
        .body(Body::empty())
        .unwrap();
    assert_eq!(c.call(req).await.0, StatusCode::OK);
    t.finish(pool).await;
}

/// Over real TCP: a push in flight when shutdown is asked for still commits and is
/// answered; the server then stops.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown_keeps_an_accepted_push() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let t = sqlite_db().await;
    let pool = db::open(&t.url).await.unwrap();
    let forum = jiyn_core::ids::new_id();
    let token = db::add_token(&pool, Some(forum), TokenRole::Desk, "t", 0)
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(jiyn_server::serve(
        listener,
        App::new(pool.clone(), Config::default()),
        async move {
            let _ = stopped.await;
        },
    ));
    let mut w = writer("desk-a");
    let changes: Vec<Change> = (0..1000)
        .map(|i| person(&mut w, forum, &format!("Қатысушы {i}")).1)
        .collect();
    let body = serde_json::to_string(&PushRequest {
        protocol: 1,
        device: "a".into(),
        changes,
    })
    .unwrap();
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /v1/forums/{forum}/changes HTTP/1.1\r\nhost: {addr}\r\nauthorization: Bearer {token}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    conn.write_all(body.as_bytes()).await.unwrap();
    // Ask the server to stop while it works on the push.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    stop.send(()).unwrap();
    let mut answer = String::new();
    conn.read_to_string(&mut answer).await.unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "{}",
        &answer[..answer.len().min(200)]
    );
    server.await.unwrap().unwrap();
    let n: i64 = sqlx::query("SELECT COUNT(*) FROM records")
        .fetch_one(&pool)
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(n, 1000, "every accepted change is stored");
    // And the server no longer answers.
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
    t.finish(pool).await;
}
