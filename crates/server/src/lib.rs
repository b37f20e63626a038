//! `jiyn-server`: the reference sync endpoint of the protocol in `docs/sync.md`.
//!
//! Validation and merge are `jiyn-core`'s ([`jiyn_core::sync::check_change`],
//! [`jiyn_core::merge::merge_incoming`]), the same code the devices run, so the server
//! cannot disagree with them. This crate adds transport, tokens, limits and storage
//! ([`db`]).

pub mod db;

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Extension;
use axum::Router;
use db::{Db, Grant};
use jiyn_core::merge::merge_incoming;
use jiyn_core::registration::{
    RegistrationAnswer, RegistrationError, RegistrationRefusal, RegistrationRequest,
    RegistrationStatus, MAX_REGISTRATION_BYTES, SERVER_DEVICE,
};
use jiyn_core::sync::{
    check_change, parse_cursor, protocol_check, role_may_store, ErrorBody, ErrorCode, ForumList,
    Hello, PushRequest, PushResponse, RejectReason, Rejected, TokenRole, MAX_PULL_LIMIT,
    MAX_PUSH_CHANGES, MIN_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION,
};
use jiyn_core::{
    AnyRecord, Change, DeviceId, Forum, HlcClock, Participant, RecordKind, Session, Writer,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower_http::cors::{AllowOrigin, CorsLayer};
use uuid::Uuid;

/// The page size of a pull that names no `limit`.
pub const DEFAULT_PULL_LIMIT: usize = 1000;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// Requests per minute per token (or per address without one).
    pub rate_per_minute: u32,
    /// Origins allowed to call the sync routes from a browser.
    pub cors_origins: Vec<String>,
    /// Behind a reverse proxy: key the rate limit of requests without a known token on
    /// the last address of `X-Forwarded-For` (the one the proxy added) instead of the
    /// connecting address (the proxy's).
    pub trust_forwarded: bool,
    /// Public self-registrations per minute per client address (stricter than
    /// `rate_per_minute`: the route needs no token).
    pub register_per_minute: u32,
    /// The largest registration body, in bytes.
    pub register_max_body: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_body: 8 * 1024 * 1024,
            rate_per_minute: 600,
            cors_origins: Vec::new(),
            trust_forwarded: false,
            register_per_minute: 10,
            register_max_body: MAX_REGISTRATION_BYTES,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct App {
    db: Db,
    config: Arc<Config>,
    /// Pushes are applied one at a time, so sequence numbers are committed in order and
    /// a pull never skips one that commits later.
    writer: Arc<tokio::sync::Mutex<()>>,
    limiter: Arc<Mutex<HashMap<String, (Instant, u32)>>>,
    /// The server's own writes (registrations), stamped with device id
    /// [`SERVER_DEVICE`].
    registrar: Arc<Mutex<Writer>>,
}

impl App {
    pub fn new(db: Db, config: Config) -> Self {
        let device = DeviceId::new(SERVER_DEVICE).expect("a valid device id");
        App {
            db,
            config: Arc::new(config),
            writer: Arc::new(tokio::sync::Mutex::new(())),
            limiter: Arc::new(Mutex::new(HashMap::new())),
            registrar: Arc::new(Mutex::new(Writer::new(HlcClock::new(device)))),
        }
    }
}

/// An error answer: status plus [`ErrorBody`].
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
    retry_after: Option<u64>,
    /// The field of a refused registration ([`RegistrationRefusal`]).
    field: Option<String>,
}

impl ApiError {
    fn new(status: StatusCode, error: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            body: ErrorBody {
                error,
                message: message.into(),
                min_protocol: None,
                max_protocol: None,
            },
            retry_after: None,
            field: None,
        }
    }

    fn too_large() -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::TooLarge,
            "the body is larger than this server accepts",
        )
    }

    /// A body that could not be read: too large, or cut off.
    fn body(e: BytesRejection) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Self::too_large()
        } else {
            Self::malformed(e.body_text())
        }
    }

    fn rate_limited(retry_after: u64) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            "too many requests; try again later",
        );
        e.retry_after = Some(retry_after);
        e
    }

    fn malformed(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorCode::Malformed, message)
    }

    fn unavailable(e: impl std::fmt::Display) -> Self {
        eprintln!("jiyn-server: database error: {e}");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Unavailable,
            "the server's database failed; try again later",
        )
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::unavailable(e)
    }
}

impl From<RegistrationError> for ApiError {
    fn from(e: RegistrationError) -> Self {
        let mut a = ApiError::malformed(e.to_string());
        a.field = e.field;
        a
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = match self.field {
            None => (self.status, axum::Json(self.body)).into_response(),
            Some(field) => (
                self.status,
                axum::Json(RegistrationRefusal {
                    body: self.body,
                    field: Some(field),
                }),
            )
                .into_response(),
        };
        if let Some(s) = self.retry_after {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        r
    }
}

/// JSON text with the right content type.
fn json_text(text: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The whole service.
pub fn router(app: App) -> Router {
    let sync_cors = {
        let origins: Vec<HeaderValue> = app
            .config
            .cors_origins
            .iter()
            .filter_map(|o| HeaderValue::from_str(o).ok())
            .collect();
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::HeaderName::from_static(PROTOCOL_HEADER),
            ])
            .max_age(Duration::from_secs(600))
    };
    // Inside each CORS layer, so that a browser can read every answer, errors included
    // (a 426 or a 429 without CORS headers would look like a network failure to it):
    // the protocol version check, then the rate limit.
    let guarded = |routes: Router<App>, cors: CorsLayer| {
        routes
            .method_not_allowed_fallback(method_not_allowed)
            .layer(middleware::from_fn_with_state(app.clone(), rate_limit))
            .layer(middleware::from_fn(check_protocol))
            .layer(cors)
    };
    let public = guarded(
        Router::new().route("/v1/forums/{forum}/agenda.json", get(agenda)),
        CorsLayer::new()
            .allow_origin(tower_http::cors::Any)
            .allow_methods([Method::GET]),
    );
    // Self-registration from partner websites: open to any origin, without
    // credentials or custom headers (a JSON POST is preflighted, a text/plain one is
    // not; both work), a small body and a stricter budget per client address.
    let registration = Router::new()
        .route(
            "/v1/forums/{forum}/registrations",
            post(register).layer(DefaultBodyLimit::max(app.config.register_max_body)),
        )
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            app.clone(),
            registration_rate_limit,
        ))
        .layer(middleware::from_fn(check_protocol))
        .layer(
            CorsLayer::new()
                .allow_origin(tower_http::cors::Any)
                .allow_methods([Method::POST])
                .allow_headers([
                    header::CONTENT_TYPE,
                    header::HeaderName::from_static(PROTOCOL_HEADER),
                ])
                .max_age(Duration::from_secs(600)),
        );
    let private = guarded(
        Router::new()
            .route("/v1/hello", get(hello))
            .route("/v1/forums", get(list_forums))
            .route("/v1/forums/{forum}/changes", post(push).get(pull)),
        sync_cors,
    );
    Router::new()
        .merge(public)
        .merge(registration)
        .merge(private)
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, "no such route")
        })
        .layer(DefaultBodyLimit::max(app.config.max_body))
        .layer(middleware::from_fn(stamp_protocol))
        .layer(middleware::from_fn(log))
        .with_state(app)
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::NotFound,
        "this route does not take this method",
    )
}

/// One line per request: method, path, status, milliseconds. Never a token or a body.
async fn log(req: Request<Body>, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let response = next.run(req).await;
    eprintln!(
        "{method} {path} {} {:.1}ms",
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// Checks the `jiyn-protocol` header of a request (absent: version 1).
async fn check_protocol(req: Request<Body>, next: Next) -> Response {
    let version = match req.headers().get(PROTOCOL_HEADER) {
        None => Some(1),
        Some(v) => v.to_str().ok().and_then(|v| v.trim().parse::<u32>().ok()),
    };
    match version {
        None => ApiError::malformed("the jiyn-protocol header is not a number").into_response(),
        Some(v) => match protocol_check(v) {
            Ok(()) => next.run(req).await,
            Err(code) => version_error(code).into_response(),
        },
    }
}

/// Stamps every answer with the protocol version this server speaks.
async fn stamp_protocol(req: Request<Body>, next: Next) -> Response {
    let mut response = next.run(req).await;
    response.headers_mut().insert(
        header::HeaderName::from_static(PROTOCOL_HEADER),
        HeaderValue::from(PROTOCOL_VERSION),
    );
    response
}

fn version_error(code: ErrorCode) -> ApiError {
    let (status, message) = match code {
        ErrorCode::ClientTooOld => (
            StatusCode::UPGRADE_REQUIRED,
            "the app is too old for this server; update it",
        ),
        _ => (
            StatusCode::BAD_REQUEST,
            "the app speaks a newer protocol than this server",
        ),
    };
    let mut e = ApiError::new(status, code, message);
    e.body.min_protocol = Some(MIN_PROTOCOL_VERSION);
    e.body.max_protocol = Some(PROTOCOL_VERSION);
    e
}

/// The rights of the request's bearer token, looked up once by [`rate_limit`]
/// (`None`: no token, or an unknown one).
#[derive(Clone)]
struct Presented(Option<Grant>);

/// Requests per minute, per known token, else per connecting address (so that made-up
/// tokens do not each get a budget of their own). Looks the token up once for the
/// handler ([`Presented`]).
async fn rate_limit(
    State(app): State<App>,
    mut req: Request<Body>,
    next: Next,
) -> Result<Response, ApiError> {
    let grant = match bearer(req.headers()) {
        Some(t) => db::grant_of(&app.db, t)
            .await?
            .map(|g| (db::token_hash(t), g)),
        None => None,
    };
    let key = match &grant {
        Some((hash, _)) => format!("t:{hash}"),
        None => format!("a:{}", client_address(&req, app.config.trust_forwarded)),
    };
    req.extensions_mut()
        .insert(Presented(grant.map(|(_, g)| g)));
    if let Some(secs) = spend(&app, key, app.config.rate_per_minute) {
        return Err(ApiError::rate_limited(secs));
    }
    Ok(next.run(req).await)
}

/// Counts one request against `key`'s budget of `per_minute`; the seconds until the
/// budget is renewed when it is spent.
fn spend(app: &App, key: String, per_minute: u32) -> Option<u64> {
    let mut map = app.limiter.lock().unwrap_or_else(|e| e.into_inner());
    let now = Instant::now();
    if map.len() > 10_000 {
        map.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(60));
    }
    let slot = map.entry(key).or_insert((now, 0));
    if now.duration_since(slot.0) >= Duration::from_secs(60) {
        *slot = (now, 0);
    }
    slot.1 = slot.1.saturating_add(1);
    (slot.1 > per_minute).then(|| 60 - now.duration_since(slot.0).as_secs().min(59))
}

/// The registration route's budget: per client address only (a token buys nothing
/// here), `register_per_minute`, counted apart from the sync routes' budget.
async fn registration_rate_limit(
    State(app): State<App>,
    req: Request<Body>,
    next: Next,
) -> Result<Response, ApiError> {
    let key = format!("r:{}", client_address(&req, app.config.trust_forwarded));
    if let Some(secs) = spend(&app, key, app.config.register_per_minute) {
        return Err(ApiError::rate_limited(secs));
    }
    Ok(next.run(req).await)
}

/// The caller's address: the connecting one, or with `trust_forwarded` the last one of
/// `X-Forwarded-For` (a proxy appends the address it saw; earlier entries are the
/// client's own claims). Empty when neither is known.
fn client_address(req: &Request<Body>, trust_forwarded: bool) -> String {
    let forwarded = || {
        let last = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .next_back()?
            .to_str()
            .ok()?
            .rsplit(',')
            .next()?
            .trim()
            .parse::<std::net::IpAddr>()
            .ok()?;
        Some(last.to_string())
    };
    trust_forwarded
        .then(forwarded)
        .flatten()
        .or_else(|| {
            req.extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip().to_string())
        })
        .unwrap_or_default()
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let t = v.strip_prefix("Bearer ")?.trim();
    (!t.is_empty()).then_some(t)
}

async fn authorize(
    app: &App,
    headers: &HeaderMap,
    presented: Option<&Presented>,
) -> Result<Grant, ApiError> {
    let token = bearer(headers).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "a bearer token is required",
        )
    })?;
    let grant = match presented {
        Some(Presented(g)) => g.clone(),
        None => db::grant_of(&app.db, token).await?,
    };
    grant.ok_or_else(|| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "unknown token",
        )
    })
}

fn forum_of(text: &str) -> Result<Uuid, ApiError> {
    text.parse()
        .map_err(|_| ApiError::malformed("the forum in the path is not a UUID"))
}

async fn authorize_forum(
    app: &App,
    headers: &HeaderMap,
    presented: Option<&Presented>,
    forum: Uuid,
) -> Result<Grant, ApiError> {
    let grant = authorize(app, headers, presented).await?;
    if grant.covers(forum) {
        Ok(grant)
    } else {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "the token is not for this forum",
        ))
    }
}

async fn hello() -> axum::Json<Hello> {
    axum::Json(Hello {
        protocol: PROTOCOL_VERSION,
        min_protocol: MIN_PROTOCOL_VERSION,
        server: format!("jiyn-server {}", env!("CARGO_PKG_VERSION")),
    })
}

async fn list_forums(
    State(app): State<App>,
    presented: Option<Extension<Presented>>,
    headers: HeaderMap,
) -> Result<axum::Json<ForumList>, ApiError> {
    let grant = authorize(&app, &headers, presented.as_deref()).await?;
    let forums = match grant.forum {
        Some(f) => vec![f],
        None => db::forums(&app.db).await?,
    };
    Ok(axum::Json(ForumList {
        protocol: PROTOCOL_VERSION,
        role: grant.role,
        forums,
    }))
}

fn kind_code(kind: RecordKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

async fn push(
    State(app): State<App>,
    Path(forum): Path<String>,
    presented: Option<Extension<Presented>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<axum::Json<PushResponse>, ApiError> {
    let forum = forum_of(&forum)?;
    let grant = authorize_forum(&app, &headers, presented.as_deref(), forum).await?;
    let body = body.map_err(ApiError::body)?;
    let request: PushRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::malformed(format!("not a push request: {e}")))?;
    protocol_check(request.protocol).map_err(version_error)?;
    if request.changes.len() > MAX_PUSH_CHANGES {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::TooLarge,
            format!("at most {MAX_PUSH_CHANGES} changes per push"),
        ));
    }
    let _turn = app.writer.lock().await;
    store_changes(&app, forum, grant.role, &request.changes)
        .await
        .map(axum::Json)
}

/// Checks, merges, numbers and stores changes of one forum in one transaction: the one
/// write path of a push and of a registration. The caller holds `app.writer`, so
/// sequence numbers are committed in order.
async fn store_changes(
    app: &App,
    forum: Uuid,
    role: TokenRole,
    changes: &[Change],
) -> Result<PushResponse, ApiError> {
    let now = now_ms();
    let mut tx = app.db.begin().await?;
    let mut seq = db::forum_seq(&mut tx, forum).await?;
    let start_seq = seq;

    // What is already known: change ids seen, and the stored records.
    let ids: Vec<String> = changes.iter().map(|c| c.id.to_string()).collect();
    let mut seen: HashSet<String> = HashSet::new();
    for chunk in ids.chunks(500) {
        let sql = format!(
            "SELECT id FROM changes_seen WHERE id IN ({})",
            placeholders(chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(id);
        }
        for row in q.fetch_all(&mut *tx).await? {
            seen.insert(row.try_get(0)?);
        }
    }
    let record_ids: Vec<String> = {
        let mut v: Vec<String> = changes.iter().map(|c| c.record.to_string()).collect();
        v.sort();
        v.dedup();
        v
    };
    let mut stored: HashMap<String, (String, String, String)> = HashMap::new();
    for chunk in record_ids.chunks(500) {
        let sql = format!(
            "SELECT id, kind, forum, body FROM records WHERE id IN ({})",
            placeholders(chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(id);
        }
        for row in q.fetch_all(&mut *tx).await? {
            stored.insert(
                row.try_get(0)?,
                (row.try_get(1)?, row.try_get(2)?, row.try_get(3)?),
            );
        }
    }

    let mut accepted = Vec::new();
    let mut duplicate = Vec::new();
    let mut rejected = Vec::new();
    // Records changed by this push, written once each at the end.
    let mut changed: HashMap<String, (AnyRecord, i64)> = HashMap::new();
    for change in changes {
        let id = change.id.to_string();
        if seen.contains(&id) {
            duplicate.push(change.id);
            continue;
        }
        let incoming = match check_change(forum, role, now as u64, change) {
            Ok(r) => r,
            Err(r) => {
                rejected.push(r);
                continue;
            }
        };
        let rid = change.record.to_string();
        let current: Option<AnyRecord> = match changed.get(&rid) {
            Some((r, _)) => Some(r.clone()),
            None => match stored.get(&rid) {
                Some((kind, stored_forum, body)) => {
                    if *kind != kind_code(change.kind) || *stored_forum != forum.to_string() {
                        rejected.push(Rejected {
                            id: change.id,
                            reason: RejectReason::Conflict,
                            detail: format!("record {rid} is stored as another kind or forum"),
                        });
                        continue;
                    }
                    Some(serde_json::from_str(body).map_err(ApiError::unavailable)?)
                }
                None => None,
            },
        };
        match merge_incoming(current.as_ref(), &incoming) {
            Ok(Some(merged)) => {
                if let Err(detail) = role_may_store(role, current.as_ref(), &merged) {
                    rejected.push(Rejected {
                        id: change.id,
                        reason: RejectReason::Forbidden,
                        detail,
                    });
                    continue;
                }
                seq += 1;
                changed.insert(rid, (merged, seq));
            }
            Ok(None) => {}
            Err(e) => {
                rejected.push(Rejected {
                    id: change.id,
                    reason: RejectReason::Conflict,
                    detail: e.to_string(),
                });
                continue;
            }
        }
        seen.insert(id);
        accepted.push(change.id);
    }
    // Many rows per statement: a push of 1,000 is a handful of statements, not 2,000.
    for chunk in accepted.chunks(ROWS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO changes_seen (id, forum, received_ms) VALUES {}",
            row_placeholders(chunk.len(), 3)
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(id.to_string()).bind(forum.to_string()).bind(now);
        }
        q.execute(&mut *tx).await?;
    }
    // Renumber in order of first change, so numbers stay dense and ordered.
    let mut writes: Vec<(String, AnyRecord, i64)> =
        changed.into_iter().map(|(k, (r, s))| (k, r, s)).collect();
    writes.sort_by_key(|w| w.2);
    seq = start_seq;
    let mut rows: Vec<(String, String, i64, String)> = Vec::with_capacity(writes.len());
    for (rid, record, _) in writes {
        seq += 1;
        let body = serde_json::to_string(&record).map_err(ApiError::unavailable)?;
        rows.push((rid, kind_code(record.kind()), seq, body));
    }
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO records (id, forum, kind, seq, body) VALUES {} \
             ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, body = excluded.body",
            row_placeholders(chunk.len(), 5)
        );
        let mut q = sqlx::query(&sql);
        for (rid, kind, seq, body) in chunk {
            q = q
                .bind(rid.clone())
                .bind(forum.to_string())
                .bind(kind.clone())
                .bind(*seq)
                .bind(body.clone());
        }
        q.execute(&mut *tx).await?;
    }
    sqlx::query(
        "INSERT INTO forums (forum, seq) VALUES ($1, $2) \
         ON CONFLICT (forum) DO UPDATE SET seq = excluded.seq",
    )
    .bind(forum.to_string())
    .bind(seq)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(PushResponse {
        protocol: PROTOCOL_VERSION,
        accepted,
        duplicate,
        rejected,
        cursor: seq.to_string(),
    })
}

/// Rows per multi-row INSERT (× 5 parameters stays far below SQLite's and
/// PostgreSQL's parameter limits).
const ROWS_PER_INSERT: usize = 200;

/// `($1, $2, $3), ($4, $5, $6), …` for `rows` rows of `width` parameters.
fn row_placeholders(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|r| {
            let cells: Vec<String> = (1..=width).map(|c| format!("${}", r * width + c)).collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Deserialize)]
struct PullQuery {
    since: Option<String>,
    limit: Option<String>,
}

async fn pull(
    State(app): State<App>,
    Path(forum): Path<String>,
    presented: Option<Extension<Presented>>,
    headers: HeaderMap,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let forum = forum_of(&forum)?;
    authorize_forum(&app, &headers, presented.as_deref(), forum).await?;
    let Query(q) = query.map_err(|e| ApiError::malformed(e.body_text()))?;
    let since = parse_cursor(q.since.as_deref().unwrap_or(""))
        .filter(|s| *s <= i64::MAX as u64)
        .ok_or_else(|| ApiError::malformed("`since` must be a cursor from this server"))?;
    // A limit above the most a page may hold is capped to it (`MAX_PULL_LIMIT`).
    let limit = match q.limit.as_deref() {
        None | Some("") => DEFAULT_PULL_LIMIT,
        Some(l) => Some(l)
            .filter(|l| l.len() <= 20 && l.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|l| l.parse::<u64>().ok())
            .filter(|l| *l >= 1)
            .map(|l| l.min(MAX_PULL_LIMIT as u64) as usize)
            .ok_or_else(|| ApiError::malformed("`limit` must be a whole number from 1"))?,
    };
    let rows = sqlx::query(
        "SELECT seq, body FROM records WHERE forum = $1 AND seq > $2 ORDER BY seq LIMIT $3",
    )
    .bind(forum.to_string())
    .bind(since as i64)
    .bind(limit as i64 + 1)
    .fetch_all(&app.db)
    .await?;
    let more = rows.len() > limit;
    let mut out = String::with_capacity(rows.len() * 600 + 64);
    out.push_str(&format!("{{\"protocol\":{PROTOCOL_VERSION},\"records\":["));
    let mut cursor = since as i64;
    for (i, row) in rows.iter().take(limit).enumerate() {
        if i > 0 {
            out.push(',');
        }
        cursor = row.try_get(0)?;
        let body: String = row.try_get(1)?;
        out.push_str(&body);
    }
    out.push_str(&format!("],\"cursor\":\"{cursor}\",\"more\":{more}}}"));
    Ok(json_text(out))
}

/// The public agenda feed of a forum: no token, cacheable, never a participant field
/// (it is built by `jiyn_core::feed` from the forum and its sessions only).
async fn agenda(
    State(app): State<App>,
    Path(forum): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let forum_id = forum_of(&forum)?;
    let rows =
        sqlx::query("SELECT body FROM records WHERE forum = $1 AND (kind = $2 OR kind = $3)")
            .bind(forum_id.to_string())
            .bind(kind_code(RecordKind::Forum))
            .bind(kind_code(RecordKind::Session))
            .fetch_all(&app.db)
            .await?;
    let mut forum: Option<Forum> = None;
    let mut sessions: Vec<Session> = Vec::new();
    for row in &rows {
        let body: String = row.try_get(0)?;
        match serde_json::from_str::<AnyRecord>(&body).map_err(ApiError::unavailable)? {
            AnyRecord::Forum(f) if f.meta.id == forum_id => forum = Some(f),
            AnyRecord::Session(s) => sessions.push(s),
            _ => {}
        }
    }
    let not_found = || ApiError::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, "no such forum");
    let forum = forum.filter(|f| !f.meta.deleted).ok_or_else(not_found)?;
    sessions.sort_by_key(|s| s.meta.id);
    // The feed's time is its newest change, so the same data gives the same bytes.
    let newest = sessions
        .iter()
        .map(|s| s.meta.hlc.wall_ms)
        .chain([forum.meta.hlc.wall_ms])
        .max()
        .unwrap_or(0);
    let generated = chrono::DateTime::from_timestamp_millis(newest as i64).unwrap_or_default();
    let feed = jiyn_core::feed::build(&forum, &sessions, generated).map_err(|_| not_found())?;
    let text = jiyn_core::feed::encode(&feed).map_err(ApiError::unavailable)?;
    let tag: String = Sha256::digest(text.as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect();
    let etag = format!("\"{tag}\"");
    let cache = [
        (header::ETAG, etag.clone()),
        (header::CACHE_CONTROL, "public, max-age=60".to_string()),
    ];
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    Ok((
        cache,
        [(header::CONTENT_TYPE, "application/json".to_string())],
        text,
    )
        .into_response())
}

/// `POST /v1/forums/{forum}/registrations`: a person registers themselves from a
/// partner website. No token; the answer says only whether this registration is stored
/// (`201 registered`) or was stored before under the same id (`200 already
/// registered`), never anything about anyone else. The participant is made by
/// `jiyn_core::registration` and stored as a change of the forum by the push's own code
/// ([`store_changes`]), stamped by the server's clock as device [`SERVER_DEVICE`], so
/// every device pulls it.
async fn register(
    State(app): State<App>,
    Path(forum): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let forum = forum_of(&forum)?;
    let body = body.map_err(ApiError::body)?;
    let request = RegistrationRequest::parse(&body)?;
    let now = now_ms();
    let given_at = chrono::DateTime::from_timestamp_millis(now).unwrap_or_default();
    let draft = {
        let device = DeviceId::new(SERVER_DEVICE).expect("a valid device id");
        let draft_meta = jiyn_core::Meta::new(
            request.id,
            forum,
            jiyn_core::Hlc::new(now as u64, 0, device),
        );
        request.participant(draft_meta, new_badge_code()?, given_at)?
    };
    let not_found = || ApiError::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, "no such forum");
    let open = match db::forum_body(&app.db, forum, &kind_code(RecordKind::Forum)).await? {
        Some(body) => matches!(
            serde_json::from_str::<AnyRecord>(&body).map_err(ApiError::unavailable)?,
            AnyRecord::Forum(f) if !f.meta.deleted
        ),
        None => false,
    };
    if !open {
        return Err(not_found());
    }
    let answer = |status: StatusCode, s: RegistrationStatus| {
        (status, axum::Json(RegistrationAnswer { status: s })).into_response()
    };
    // Under the write lock: two copies of one registration arriving together store one.
    let _turn = app.writer.lock().await;
    match db::record_place(&app.db, request.id).await? {
        Some((kind, f)) if kind == kind_code(RecordKind::Participant) && f == forum.to_string() => {
            return Ok(answer(
                StatusCode::OK,
                RegistrationStatus::AlreadyRegistered,
            ));
        }
        Some(_) => {
            let mut e = ApiError::malformed("this id is taken; make a new one");
            e.field = Some("id".into());
            return Err(e);
        }
        None => {}
    }
    let change = {
        let mut writer = app.registrar.lock().unwrap_or_else(|e| e.into_inner());
        writer
            .create_with_id(now as u64, request.id, Some(forum), |meta| Participant {
                meta,
                ..draft
            })
            .map_err(|e| ApiError::malformed(e.to_string()))?
            .1
    };
    let stored = store_changes(&app, forum, TokenRole::Desk, &[change]).await?;
    if let Some(r) = stored.rejected.first() {
        return Err(ApiError::malformed(r.detail.clone()));
    }
    Ok(answer(StatusCode::CREATED, RegistrationStatus::Registered))
}

/// A new badge code from 40 bits of the operating system's random source (the
/// alphabet and length of `jiyn_core::demo::badge_code`).
fn new_badge_code() -> Result<String, ApiError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::unavailable(e.to_string()))?;
    Ok(jiyn_core::demo::badge_code(u64::from_le_bytes(bytes)))
}

/// Serves until `shutdown` resolves; requests already accepted finish (and their
/// pushes commit) before it returns.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(app).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
