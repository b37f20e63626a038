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
use crate::model::{AnyRecord, CheckIn, Forum, Participant, Record};
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

    /// The outbox: changes not yet acknowledged by a sync endpoint, oldest first.
    async fn outbox(&self) -> Result<Vec<Change>, RepoError>;

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
