//! Sync with a remote endpoint: push the outbox, pull what other devices wrote, merge
//! it through the store. The only code that talks to the network (through [`http`]).
//!
//! - Configuration (URL, token, on/off) is a device setting; with none, nothing here
//!   runs and the app works as before.
//! - One tab of the app syncs at a time: the tab holding the Web Lock `jiyn-sync`
//!   ([`engine`]). Other tabs hear its status on a BroadcastChannel and ask it to sync
//!   now through the same channel.
//! - Failures back off exponentially with jitter ([`jiyn_core::sync::backoff_ms`]) and
//!   never block anything: the desk keeps writing to its outbox.
//! - A pull merges each page in one transaction, then saves the cursor: a tab closed in
//!   between pulls the page again, which merges to the same state.
//!
//! The protocol is in `docs/sync.md`; its types and rules are [`jiyn_core::sync`].

pub mod engine;
pub mod http;

use crate::browser;
use crate::state::AppState;
use jiyn_core::sync::{
    batches, check_pulled, ErrorBody, ForumList, Hello, PullResponse, PushRequest, PushResponse,
    RejectReason, SyncError, PROTOCOL_VERSION,
};
use jiyn_core::{AnyRecord, Hlc, Repository};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Settings keys.
pub const URL_KEY: &str = "sync.url";
pub const TOKEN_KEY: &str = "sync.token";
pub const ON_KEY: &str = "sync.on";
pub const LAST_OK_KEY: &str = "sync.last_ok";
pub const REJECTED_KEY: &str = "sync.rejected";
/// The role of the token this device last synced with (`desk` or `organizer`), as the
/// server said: pages hide what the server would refuse from that role.
pub const ROLE_KEY: &str = "sync.role";
/// A pull page's size.
pub const PULL_LIMIT: usize = jiyn_core::sync::MAX_PULL_LIMIT;

/// Where and how to sync, as the organizer configured it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncConfig {
    pub url: String,
    pub token: String,
    pub on: bool,
}

impl SyncConfig {
    pub fn is_active(&self) -> bool {
        self.on && !self.url.is_empty() && !self.token.is_empty()
    }
}

pub async fn load_config(state: AppState) -> Result<SyncConfig, SyncError> {
    let repo = state.repo();
    let get = |k: &'static str| {
        let repo = repo.clone();
        async move { repo.setting(k).await.map_err(storage) }
    };
    Ok(SyncConfig {
        url: get(URL_KEY).await?.unwrap_or_default(),
        token: get(TOKEN_KEY).await?.unwrap_or_default(),
        on: get(ON_KEY).await?.as_deref() == Some("1"),
    })
}

pub async fn save_config(state: AppState, config: &SyncConfig) -> Result<(), SyncError> {
    let repo = state.repo();
    repo.set_setting(URL_KEY, &config.url)
        .await
        .map_err(storage)?;
    repo.set_setting(TOKEN_KEY, &config.token)
        .await
        .map_err(storage)?;
    repo.set_setting(ON_KEY, if config.on { "1" } else { "0" })
        .await
        .map_err(storage)
}

fn storage(e: jiyn_core::RepoError) -> SyncError {
    SyncError::Storage(e.to_string())
}

/// The settings key of one forum's pull cursor on one server (a new URL starts over).
fn cursor_key(url: &str, forum: Uuid) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in url.as_bytes() {
        h = (h ^ u32::from(*b)).wrapping_mul(0x0100_0193);
    }
    format!("sync.cursor.{h:08x}.{forum}")
}

fn answer<T: for<'de> Deserialize<'de>>(a: &http::Answer) -> Result<T, SyncError> {
    if !(200..300).contains(&a.status) {
        return Err(SyncError::from_answer(a.status, &a.body));
    }
    serde_json::from_str(&a.body).map_err(|e| {
        // A JSON error body with a 2xx status, or a page that is not JSON at all.
        if serde_json::from_str::<ErrorBody>(&a.body).is_ok() {
            SyncError::BadAnswer("error body with a success status".into())
        } else {
            SyncError::BadAnswer(e.to_string())
        }
    })
}

/// Queues every record on this device for the server, as it stands (data that arrived
/// without a change of its own: the demo, or everything before sync was turned on).
/// The server merges them like any push, so sending twice stores nothing twice.
pub async fn queue_everything(state: AppState) -> Result<usize, SyncError> {
    let repo = state.repo();
    let records = repo.export(None).await.map_err(storage)?;
    let items: Vec<(AnyRecord, jiyn_core::Change)> = records
        .into_iter()
        .map(|r| {
            let change =
                jiyn_core::Change::snapshot(&r).map_err(|e| SyncError::Storage(e.to_string()))?;
            Ok((r, change))
        })
        .collect::<Result<_, SyncError>>()?;
    repo.write_batch(&items).await.map_err(storage)?;
    Ok(items.len())
}

/// What "test connection" learned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub server: String,
    pub forums: usize,
    pub role: jiyn_core::sync::TokenRole,
}

/// Checks an endpoint and a token without changing anything.
pub async fn probe(url: &str, token: &str) -> Result<Probe, SyncError> {
    let base = http::normalise_base(url).ok_or(SyncError::NotJiyn)?;
    let hello: Hello = answer(&http::call("GET", &format!("{base}/v1/hello"), None, None).await?)
        .map_err(|e| match e {
        SyncError::BadAnswer(_) => SyncError::NotJiyn,
        e => e,
    })?;
    hello.check()?;
    let list = forums(&base, token).await?;
    Ok(Probe {
        server: hello.server,
        forums: list.forums.len(),
        role: list.role,
    })
}

async fn forums(base: &str, token: &str) -> Result<ForumList, SyncError> {
    answer(&http::call("GET", &format!("{base}/v1/forums"), Some(token), None).await?)
}

/// What one sync round did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Round {
    pub pushed: usize,
    pub pulled: usize,
    /// Records the pull added or changed here.
    pub merged: usize,
    pub rejected: Vec<(Uuid, RejectReason)>,
    /// Where a round's time went (ms), for the benchmark: reading the outbox, waiting
    /// for the server, removing acknowledged changes, merging pulled pages.
    pub timings: Timings,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Timings {
    pub outbox_read: f64,
    pub encode: f64,
    pub server: f64,
    pub outbox_remove: f64,
    pub decode: f64,
    pub merge: f64,
}

fn clock() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// One sync round: push the whole outbox, then pull every forum the token covers.
pub async fn sync_once(state: AppState, config: &SyncConfig) -> Result<Round, SyncError> {
    let base = http::normalise_base(&config.url).ok_or(SyncError::NotJiyn)?;
    let mut round = Round::default();
    push_all(state, &base, &config.token, &mut round).await?;
    pull_all(state, &base, &config.token, &mut round).await?;
    state
        .repo()
        .set_setting(LAST_OK_KEY, &browser::now_ms().to_string())
        .await
        .map_err(storage)?;
    Ok(round)
}

/// Pushes the outbox, batch by batch; each answered batch leaves the outbox at once, so
/// a push cut short later sends only what is left (and a retried batch is answered
/// "duplicate", never stored twice).
pub async fn push_all(
    state: AppState,
    base: &str,
    token: &str,
    round: &mut Round,
) -> Result<(), SyncError> {
    let repo = state.repo();
    let device = crate::commands::device_id(state);
    let t = clock();
    let outbox = repo.outbox().await.map_err(storage)?;
    round.timings.outbox_read += clock() - t;
    let mut rejected = 0;
    for (forum, changes) in batches(&outbox) {
        let t = clock();
        let body = serde_json::to_string(&PushRequest {
            protocol: PROTOCOL_VERSION,
            device: device.clone(),
            changes,
        })
        .map_err(|e| SyncError::Storage(e.to_string()))?;
        round.timings.encode += clock() - t;
        let url = format!("{base}/v1/forums/{forum}/changes");
        let t = clock();
        let reply = http::call("POST", &url, Some(token), Some(&body)).await?;
        round.timings.server += clock() - t;
        let t = clock();
        let reply: PushResponse = answer(&reply)?;
        round.timings.decode += clock() - t;
        let mut done: Vec<Uuid> = reply.accepted.clone();
        done.extend(&reply.duplicate);
        done.extend(reply.rejected.iter().map(|r| r.id));
        round.pushed += reply.accepted.len() + reply.duplicate.len();
        rejected += reply.rejected.len();
        round
            .rejected
            .extend(reply.rejected.iter().map(|r| (r.id, r.reason)));
        let t = clock();
        repo.remove_from_outbox(&done).await.map_err(storage)?;
        round.timings.outbox_remove += clock() - t;
    }
    if rejected > 0 {
        let before: usize = repo
            .setting(REJECTED_KEY)
            .await
            .map_err(storage)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        repo.set_setting(REJECTED_KEY, &(before + rejected).to_string())
            .await
            .map_err(storage)?;
    }
    Ok(())
}

/// Pulls every forum the token may read, page by page: each page is merged in one
/// transaction, then its cursor saved.
pub async fn pull_all(
    state: AppState,
    base: &str,
    token: &str,
    round: &mut Round,
) -> Result<(), SyncError> {
    let repo = state.repo();
    let list = forums(base, token).await?;
    let role = list.role.code();
    if repo.setting(ROLE_KEY).await.map_err(storage)?.as_deref() != Some(role) {
        repo.set_setting(ROLE_KEY, role).await.map_err(storage)?;
    }
    for forum in list.forums {
        let key = cursor_key(base, forum);
        let mut cursor = repo
            .setting(&key)
            .await
            .map_err(storage)?
            .unwrap_or_default();
        loop {
            let url = format!(
                "{base}/v1/forums/{forum}/changes?since={}&limit={PULL_LIMIT}",
                browser::encode_uri_component(&cursor)
            );
            let t = clock();
            let reply = http::call("GET", &url, Some(token), None).await?;
            round.timings.server += clock() - t;
            let t = clock();
            let page: PullResponse = answer(&reply)?;
            check_pulled(forum, &page.records)?;
            let records = page.records;
            round.timings.decode += clock() - t;
            round.pulled += records.len();
            if !records.is_empty() {
                let t = clock();
                let report = repo.merge_in(&records, false).await.map_err(storage)?;
                round.timings.merge += clock() - t;
                round.merged += report.added + report.updated;
                observe(state, &records);
            }
            repo.set_setting(&key, &page.cursor)
                .await
                .map_err(storage)?;
            let moved = page.cursor != cursor;
            cursor = page.cursor;
            if !page.more || !moved {
                break;
            }
        }
    }
    Ok(())
}

/// Lets this device's clock see the stamps it merged, so its next edit is stamped
/// after them (a deletion made after seeing an edit wins over it everywhere).
/// The stamp is also kept in the device's settings, so a reload or another tab starts
/// past it ([`crate::commands::CLOCK_SEEN_KEY`]).
pub fn observe(state: AppState, records: &[AnyRecord]) {
    let Some(latest): Option<&Hlc> = records.iter().map(|r| &r.meta().hlc).max() else {
        return;
    };
    state
        .writer()
        .borrow_mut()
        .clock_mut()
        .observe(latest, browser::now_ms());
    let latest = latest.clone();
    // wasm_bindgen_futures, not Leptos's executor: this also runs in the bench page,
    // which has no Leptos runtime.
    wasm_bindgen_futures::spawn_local(async move {
        // Losing this write only means a reload starts from the device's own time.
        let _ = crate::commands::remember_clock_seen(state, latest).await;
    });
}

/// The status every page shows (and other tabs hear on the channel).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncStatus {
    /// Sync is configured and on.
    pub active: bool,
    /// A round is running now.
    pub running: bool,
    /// Changes in the outbox.
    pub pending: usize,
    /// When the last round finished well (ms since the epoch).
    pub last_ok_ms: Option<u64>,
    /// The last round's error, if it failed.
    pub error: Option<SyncErrorKind>,
    /// Changes the server refused, in all.
    pub rejected: usize,
}

/// [`SyncError`] without its details, for the status line and the channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SyncErrorKind {
    Offline,
    Timeout,
    Unauthorized,
    Forbidden,
    RateLimited,
    ClientTooOld,
    ServerTooOld,
    Server,
    BadAnswer,
    NotJiyn,
    Storage,
}

impl From<&SyncError> for SyncErrorKind {
    fn from(e: &SyncError) -> Self {
        match e {
            SyncError::Offline => Self::Offline,
            SyncError::Timeout => Self::Timeout,
            SyncError::Unauthorized => Self::Unauthorized,
            SyncError::Forbidden => Self::Forbidden,
            SyncError::RateLimited => Self::RateLimited,
            SyncError::ClientTooOld => Self::ClientTooOld,
            SyncError::ServerTooOld => Self::ServerTooOld,
            SyncError::Server(_) => Self::Server,
            SyncError::BadAnswer(_) => Self::BadAnswer,
            SyncError::NotJiyn => Self::NotJiyn,
            SyncError::Storage(_) => Self::Storage,
        }
    }
}

/// The signing key a forum publishes in its public agenda feed on the configured sync
/// server (certificate verification), or `None` when there is no server, no answer, or
/// the feed is of another forum or has no key.
pub async fn fetch_forum_key(state: AppState, forum: Uuid) -> Option<String> {
    let url = state.repo().setting(URL_KEY).await.ok().flatten()?;
    let base = http::normalise_base(&url)?;
    let address = format!("{base}/v1/forums/{forum}/{}", jiyn_core::feed::AGENDA_FILE);
    let answer = http::get_public(&address).await.ok()?;
    if answer.status != 200 {
        return None;
    }
    let feed = jiyn_core::feed::decode(&answer.body).ok()?;
    // A feed of another forum says nothing about this one.
    (feed.forum.id == forum)
        .then_some(feed.forum.signing_key)
        .flatten()
}
