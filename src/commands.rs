//! What the UI can ask for: reads and named writes. Pages call these and never the
//! store; each write goes through `jiyn-core` and the store's atomic record + outbox
//! write, then bumps the revision so reads refresh.

use crate::browser;
use crate::state::AppState;
use crate::store::IdbRepo;
use jiyn_core::backup::{self, BackupBody, BackupError};
use jiyn_core::demo::DEMO_FILE;
use jiyn_core::MergeReport;
use jiyn_core::{
    DeviceId, Forum, ForumCounts, HlcClock, RepoError, Repository, Session, SocialProject, Writer,
};
use uuid::Uuid;

/// Settings key of this device's id.
pub const DEVICE_ID_KEY: &str = "device_id";

/// Opens the app database and this device's writer (creating the device id once).
pub async fn open_app_db(name: &str) -> Result<(IdbRepo, Writer), RepoError> {
    let repo = IdbRepo::open(name).await?;
    let device = match repo
        .setting(DEVICE_ID_KEY)
        .await?
        .and_then(|d| DeviceId::new(d).ok())
    {
        Some(d) => d,
        None => {
            let d = DeviceId::random();
            repo.set_setting(DEVICE_ID_KEY, d.as_str()).await?;
            d
        }
    };
    Ok((repo, Writer::new(HlcClock::new(device))))
}

/// Every forum on this device, the latest first.
pub async fn forums(state: AppState) -> Result<Vec<Forum>, RepoError> {
    let mut forums = state.repo().list_forums().await?;
    forums.sort_by(|a, b| {
        b.starts_on
            .cmp(&a.starts_on)
            .then(a.meta.id.cmp(&b.meta.id))
    });
    Ok(forums)
}

/// Loads the demo forums: the demo is a backup file served with the app
/// (`demo.jiyn.json`, made at build time from `seeds/`), restored all or nothing. Demo
/// records are the same on every device, so they are not queued for sync.
pub async fn load_demo(state: AppState) -> Result<(), RepoError> {
    let text = browser::fetch_own_file(&format!("/{}", DEMO_FILE))
        .await
        .map_err(RepoError::Backend)?;
    let body = backup::decode(&text).map_err(|e| RepoError::Backend(e.to_string()))?;
    state.repo().merge_in(&body.records, false).await?;
    state.bump();
    // Now there is data worth keeping: ask the browser not to evict it. The answer
    // is shown in the settings; a refusal changes nothing here.
    let _ = browser::request_persistence().await;
    Ok(())
}

/// What the forum home shows first: the forum, its programme and projects. Its figures
/// come separately ([`forum_counts`]): with thousands of participants they take longer,
/// and the page is usable without them.
#[derive(Clone, Debug, PartialEq)]
pub struct ForumOverview {
    pub forum: Forum,
    pub sessions: Vec<Session>,
    pub projects: Vec<SocialProject>,
}

/// A forum's headline figures (participants, checked in, delegations).
pub async fn forum_counts(state: AppState, forum: Uuid) -> Result<ForumCounts, RepoError> {
    state.repo().forum_counts(forum).await
}

pub async fn forum_overview(state: AppState, id: Uuid) -> Result<Option<ForumOverview>, RepoError> {
    let repo = state.repo();
    let Some(forum) = repo.get::<Forum>(id).await?.filter(|f| !f.meta.deleted) else {
        return Ok(None);
    };
    let mut sessions = repo.list_by_forum::<Session>(id).await?;
    sessions.sort_by(|a, b| {
        a.starts_at
            .cmp(&b.starts_at)
            .then(a.meta.id.cmp(&b.meta.id))
    });
    Ok(Some(ForumOverview {
        projects: repo.list_by_forum::<SocialProject>(id).await?,
        sessions,
        forum,
    }))
}

/// Why a restore did not happen; in every case nothing was stored.
#[derive(Clone, Debug, PartialEq)]
pub enum RestoreError {
    /// The file is not a backup this app can read.
    File(BackupError),
    /// The file could not be read at all.
    Read(String),
    /// Storage refused the write.
    Store(RepoError),
}

/// The steps of a restore, for the progress display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestorePhase {
    Reading,
    Checking,
    Writing,
}

/// A backup file's name and text, and how many records it holds.
pub async fn export_backup(
    state: AppState,
    forum: Option<Uuid>,
) -> Result<(String, String, usize), RepoError> {
    let records = state.repo().export(forum).await?;
    let now_ms = browser::now_ms();
    let created_at = chrono::DateTime::from_timestamp_millis(now_ms as i64).unwrap_or_default();
    let count = records.len();
    let body = BackupBody {
        created_at,
        device: state.writer().borrow().clock().device().to_string(),
        forum,
        records,
    };
    let text = backup::encode(&body).map_err(|e| RepoError::Backend(e.to_string()))?;
    let scope = forum
        .map(|f| f.simple().to_string()[..8].to_string())
        .unwrap_or_else(|| "all".into());
    let name = format!(
        "jiyn-{}-{scope}.{}",
        stamp_for_file_name(created_at),
        backup::BACKUP_EXTENSION
    );
    Ok((name, text, count))
}

/// Reads, checks and merges a backup file into this device's data, all or nothing.
pub async fn restore_backup(
    state: AppState,
    file: web_sys::File,
    on_phase: impl Fn(RestorePhase),
) -> Result<MergeReport, RestoreError> {
    on_phase(RestorePhase::Reading);
    browser::yield_to_browser().await;
    let text = browser::read_file_text(&file)
        .await
        .map_err(RestoreError::Read)?;
    on_phase(RestorePhase::Checking);
    browser::yield_to_browser().await;
    let body = backup::decode(&text).map_err(RestoreError::File)?;
    on_phase(RestorePhase::Writing);
    browser::yield_to_browser().await;
    let report = state
        .repo()
        .merge_in(&body.records, true)
        .await
        .map_err(RestoreError::Store)?;
    state.bump();
    Ok(report)
}

/// Persistence and space, as the browser reports them.
pub async fn storage_status() -> Result<browser::StorageStatus, String> {
    browser::storage_status().await
}

/// Asks the browser to keep the data; true when granted.
pub async fn ask_persistence() -> Result<bool, String> {
    browser::request_persistence().await
}

/// `2025-11-11-0930`, for file names.
fn stamp_for_file_name(t: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:04}-{:02}-{:02}-{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}
