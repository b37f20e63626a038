//! What the UI can ask for: reads and named writes. Pages call these and never the
//! store; each write goes through `jiyn-core` and the store's atomic record + outbox
//! write, then bumps the revision so reads refresh.

use crate::state::AppState;
use crate::store::IdbRepo;
use jiyn_core::{
    demo, CheckIn, DeviceId, Forum, HlcClock, Participant, RepoError, Repository, Session,
    SocialProject, Writer,
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

/// Loads the demo forums in one all-or-nothing write.
pub async fn load_demo(state: AppState) -> Result<(), RepoError> {
    let items = demo::build().map_err(|e| RepoError::Backend(e.to_string()))?;
    state.repo().write_batch(&items).await?;
    state.bump();
    Ok(())
}

/// What the forum home shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ForumOverview {
    pub forum: Forum,
    pub sessions: Vec<Session>,
    pub participants: usize,
    pub checked_in: usize,
    pub delegations: usize,
    pub projects: Vec<SocialProject>,
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
    let people = repo.list_by_forum::<Participant>(id).await?;
    let mut delegations: Vec<&str> = people
        .iter()
        .filter_map(|p| p.delegation.as_deref())
        .collect();
    delegations.sort_unstable();
    delegations.dedup();
    let checkins = repo.list_by_forum::<CheckIn>(id).await?;
    let checked_in = count_checked_in(&checkins);
    Ok(Some(ForumOverview {
        participants: people.len(),
        delegations: delegations.len(),
        checked_in,
        projects: repo.list_by_forum::<SocialProject>(id).await?,
        sessions,
        forum,
    }))
}

fn count_checked_in(events: &[CheckIn]) -> usize {
    let mut by_person: std::collections::HashMap<Uuid, Vec<&CheckIn>> =
        std::collections::HashMap::new();
    for e in events {
        by_person.entry(e.participant).or_default().push(e);
    }
    by_person
        .values()
        .filter(|evs| jiyn_core::is_checked_in(evs.iter().copied()))
        .count()
}
