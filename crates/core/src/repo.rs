//! The storage contract. The app's IndexedDB store and the in-memory twin
//! ([`crate::memory::MemoryRepo`]) both implement [`Repository`], and both pass the same
//! conformance suite ([`crate::conformance`]).
//!
//! Rules every implementation keeps:
//! - a record and its outbox [`Change`] are written in one atomic step: if either write
//!   fails, neither is stored (a change id already in the outbox is such a failure);
//! - a batch is all-or-nothing;
//! - lists leave out tombstoned records; `get` returns them (with `meta.deleted`).

use crate::change::Change;
use crate::model::{AnyRecord, CheckIn, CheckInAction, Forum, Participant, Record, SignUp};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// What went wrong in storage, in terms the UI can explain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RepoError {
    /// The database cannot be opened or used at all (blocked, private mode, broken).
    #[error("the database is not available: {0}")]
    Unavailable(String),
    /// The device has no space left for this write.
    #[error("the device's storage is full")]
    QuotaExceeded,
    /// The write conflicts with what is stored (e.g. a change id already queued).
    #[error("the write conflicts with stored data: {0}")]
    Conflict(String),
    /// A stored record cannot be read back as its type.
    #[error("a stored record is corrupt ({store}): {detail}")]
    Corrupt { store: String, detail: String },
    /// Any other storage failure.
    #[error("storage failed: {0}")]
    Backend(String),
}

/// What [`Repository::merge_in`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Records that were not stored before.
    pub added: usize,
    /// Stored records that the merge changed.
    pub updated: usize,
    /// Records that changed nothing (already stored as they are, or older).
    pub unchanged: usize,
}

/// The headline figures of one forum: live participants, how many of them are checked
/// in now, and how many distinct delegations they come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ForumCounts {
    pub participants: usize,
    pub checked_in: usize,
    pub delegations: usize,
}

/// What [`ForumCounts::tally`] needs of one participant record.
#[derive(Debug, Clone, Copy)]
pub struct PersonFact<'a> {
    pub id: &'a str,
    pub deleted: bool,
    pub delegation: Option<&'a str>,
}

/// What [`ForumCounts::tally`] needs of one check-in event.
#[derive(Debug, Clone, Copy)]
pub struct EventFact<'a> {
    pub participant: &'a str,
    /// The event's stamp as text ([`crate::Hlc`]'s text order is its order).
    pub hlc: &'a str,
    pub deleted: bool,
    /// A check-in (not an undo).
    pub check_in: bool,
}

impl ForumCounts {
    /// The counts from the bare facts, so a store can read them without decoding whole
    /// records. The rules: tombstoned participants and events do not count; a person is
    /// checked in when their latest live event is a check-in ([`crate::is_checked_in`]);
    /// delegations are counted by exact name over live participants.
    pub fn tally<'a>(
        people: impl IntoIterator<Item = PersonFact<'a>>,
        events: impl IntoIterator<Item = EventFact<'a>>,
    ) -> Self {
        let mut live: HashSet<&str> = HashSet::new();
        let mut delegations: HashSet<&str> = HashSet::new();
        for p in people.into_iter().filter(|p| !p.deleted) {
            live.insert(p.id);
            if let Some(d) = p.delegation {
                delegations.insert(d);
            }
        }
        let mut latest: HashMap<&str, (&str, bool)> = HashMap::new();
        for e in events.into_iter().filter(|e| !e.deleted) {
            let slot = latest.entry(e.participant).or_insert((e.hlc, e.check_in));
            if e.hlc > slot.0 {
                *slot = (e.hlc, e.check_in);
            }
        }
        let checked_in = latest
            .iter()
            .filter(|(who, (_, check_in))| *check_in && live.contains(*who))
            .count();
        Self {
            participants: live.len(),
            checked_in,
            delegations: delegations.len(),
        }
    }

    /// The counts from whole records.
    pub fn of(people: &[Participant], events: &[CheckIn]) -> Self {
        let ids: Vec<String> = people.iter().map(|p| p.meta.id.to_string()).collect();
        let event_keys: Vec<(String, String)> = events
            .iter()
            .map(|e| (e.participant.to_string(), e.meta.hlc.to_string()))
            .collect();
        Self::tally(
            people.iter().zip(&ids).map(|(p, id)| PersonFact {
                id,
                deleted: p.meta.deleted,
                delegation: p.delegation.as_deref(),
            }),
            events
                .iter()
                .zip(&event_keys)
                .map(|(e, (who, hlc))| EventFact {
                    participant: who,
                    hlc,
                    deleted: e.meta.deleted,
                    check_in: e.action == CheckInAction::CheckIn,
                }),
        )
    }
}

/// Typed storage for Jiyn's records, outbox and device settings.
///
/// Browser futures are not `Send`, so neither are these.
#[allow(async_fn_in_trait)]
pub trait Repository {
    /// Writes `record` and queues `change` in the outbox, atomically.
    async fn write<T: Record>(&self, record: &T, change: &Change) -> Result<(), RepoError>;

    /// Writes many records and their changes, atomically (demo load, imports).
    async fn write_batch(&self, items: &[(AnyRecord, Change)]) -> Result<(), RepoError>;

    /// One record by id, tombstoned or not.
    async fn get<T: Record>(&self, id: Uuid) -> Result<Option<T>, RepoError>;

    /// The live (not deleted) records of one forum, in id order (creation order).
    async fn list_by_forum<T: Record>(&self, forum: Uuid) -> Result<Vec<T>, RepoError>;

    /// How many live records of this type one forum has.
    async fn count_by_forum<T: Record>(&self, forum: Uuid) -> Result<usize, RepoError>;

    /// The headline figures of one forum. The default reads whole records; a store may
    /// read less, and the conformance suite holds both to the same answers.
    async fn forum_counts(&self, forum: Uuid) -> Result<ForumCounts, RepoError> {
        let people = self.list_by_forum::<Participant>(forum).await?;
        let events = self.list_by_forum::<CheckIn>(forum).await?;
        Ok(ForumCounts::of(&people, &events))
    }

    /// Every live forum, in id order.
    async fn list_forums(&self) -> Result<Vec<Forum>, RepoError>;

    /// The participant of a forum with this badge code.
    async fn participant_by_badge(
        &self,
        forum: Uuid,
        badge_code: &str,
    ) -> Result<Option<Participant>, RepoError>;

    /// Every check-in event of one participant, oldest stamp first.
    async fn checkins_of(&self, participant: Uuid) -> Result<Vec<CheckIn>, RepoError>;

    /// Every sign-up of one session, cancelled ones included, tombstones left out,
    /// oldest creation stamp (`meta.created`) first: the input of
    /// [`crate::signup::roster`].
    async fn signups_of(&self, session: Uuid) -> Result<Vec<SignUp>, RepoError>;

    /// The outbox: changes not yet acknowledged by a sync endpoint, oldest first.
    async fn outbox(&self) -> Result<Vec<Change>, RepoError>;

    /// How many changes wait in the outbox (the sync status line's number).
    async fn outbox_count(&self) -> Result<usize, RepoError> {
        Ok(self.outbox().await?.len())
    }

    /// Drops acknowledged changes from the outbox.
    async fn remove_from_outbox(&self, ids: &[Uuid]) -> Result<(), RepoError>;

    /// Every record of every forum, or of one forum, tombstones included, read in one
    /// consistent snapshot: the content of a backup. Forums first, then by kind and id.
    async fn export(&self, forum: Option<Uuid>) -> Result<Vec<AnyRecord>, RepoError>;

    /// Merges records from elsewhere (a backup, a file, a sync pull) into storage,
    /// atomically: each one is merged per field with the stored version
    /// ([`crate::merge::merge_incoming`]) and written only if that changes it. With
    /// `queue`, each written record also gets an outbox [`Change`] so sync passes it on.
    /// Merging the same records twice changes nothing the second time.
    async fn merge_in(&self, records: &[AnyRecord], queue: bool) -> Result<MergeReport, RepoError>;

    /// A device setting (language, desk name, device id...).
    async fn setting(&self, key: &str) -> Result<Option<String>, RepoError>;

    async fn set_setting(&self, key: &str, value: &str) -> Result<(), RepoError>;
}
