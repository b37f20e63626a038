//! The in-memory twin of the IndexedDB store: same contract, no browser. Used by host
//! tests and by any code that needs a repository without persistence.
//!
//! Records are kept as JSON text, as IndexedDB keeps them serialised, so a type that
//! does not round-trip through serde fails here too.

use crate::change::Change;
use crate::merge::merge_incoming;
use crate::model::{AnyRecord, CheckIn, Forum, Meta, Participant, Record, RecordKind, SignUp};
use crate::repo::{MergeReport, RepoError, Repository};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use uuid::Uuid;

#[derive(Default)]
struct Inner {
    records: BTreeMap<RecordKind, BTreeMap<Uuid, String>>,
    outbox: BTreeMap<Uuid, Change>,
    settings: BTreeMap<String, String>,
}

/// A repository held in memory.
#[derive(Default)]
pub struct MemoryRepo {
    inner: RefCell<Inner>,
}

impl MemoryRepo {
    pub fn new() -> Self {
        Self::default()
    }

    fn all<T: Record>(&self) -> Result<Vec<T>, RepoError> {
        let inner = self.inner.borrow();
        inner
            .records
            .get(&T::KIND)
            .into_iter()
            .flat_map(|m| m.values())
            .map(|json| decode::<T>(json))
            .collect()
    }
}

fn decode<T: Record>(json: &str) -> Result<T, RepoError> {
    serde_json::from_str(json).map_err(|e| RepoError::Corrupt {
        store: format!("{:?}", T::KIND),
        detail: e.to_string(),
    })
}

fn encode(record: &impl serde::Serialize) -> Result<String, RepoError> {
    serde_json::to_string(record).map_err(|e| RepoError::Backend(e.to_string()))
}

fn decode_any(kind: RecordKind, json: &str) -> Result<AnyRecord, RepoError> {
    Ok(match kind {
        RecordKind::Forum => AnyRecord::Forum(decode(json)?),
        RecordKind::Session => AnyRecord::Session(decode(json)?),
        RecordKind::Participant => AnyRecord::Participant(decode(json)?),
        RecordKind::CheckIn => AnyRecord::CheckIn(decode(json)?),
        RecordKind::HourLog => AnyRecord::HourLog(decode(json)?),
        RecordKind::SocialProject => AnyRecord::SocialProject(decode(json)?),
        RecordKind::SignUp => AnyRecord::SignUp(decode(json)?),
        RecordKind::Shift => AnyRecord::Shift(decode(json)?),
        RecordKind::Activity => AnyRecord::Activity(decode(json)?),
    })
}

fn any_json(record: &AnyRecord) -> Result<String, RepoError> {
    match record {
        AnyRecord::Forum(r) => encode(r),
        AnyRecord::Session(r) => encode(r),
        AnyRecord::Participant(r) => encode(r),
        AnyRecord::CheckIn(r) => encode(r),
        AnyRecord::HourLog(r) => encode(r),
        AnyRecord::SocialProject(r) => encode(r),
        AnyRecord::SignUp(r) => encode(r),
        AnyRecord::Shift(r) => encode(r),
        AnyRecord::Activity(r) => encode(r),
    }
}

impl Repository for MemoryRepo {
    async fn write<T: Record>(&self, record: &T, change: &Change) -> Result<(), RepoError> {
        let json = encode(record)?;
        let mut inner = self.inner.borrow_mut();
        if inner.outbox.contains_key(&change.id) {
            return Err(RepoError::Conflict(format!(
                "change {} already queued",
                change.id
            )));
        }
        inner
            .records
            .entry(T::KIND)
            .or_default()
            .insert(record.meta().id, json);
        inner.outbox.insert(change.id, change.clone());
        Ok(())
    }

    async fn write_batch(&self, items: &[(AnyRecord, Change)]) -> Result<(), RepoError> {
        // Check and encode everything first: nothing is applied unless all of it can be.
        let mut seen = HashSet::new();
        let mut encoded = Vec::with_capacity(items.len());
        {
            let inner = self.inner.borrow();
            for (record, change) in items {
                if inner.outbox.contains_key(&change.id) || !seen.insert(change.id) {
                    return Err(RepoError::Conflict(format!(
                        "change {} already queued",
                        change.id
                    )));
                }
                encoded.push((record.kind(), record.meta().id, any_json(record)?));
            }
        }
        let mut inner = self.inner.borrow_mut();
        for ((kind, id, json), (_, change)) in encoded.into_iter().zip(items) {
            inner.records.entry(kind).or_default().insert(id, json);
            inner.outbox.insert(change.id, change.clone());
        }
        Ok(())
    }

    async fn get<T: Record>(&self, id: Uuid) -> Result<Option<T>, RepoError> {
        let inner = self.inner.borrow();
        inner
            .records
            .get(&T::KIND)
            .and_then(|m| m.get(&id))
            .map(|json| decode(json))
            .transpose()
    }

    async fn list_by_forum<T: Record>(&self, forum: Uuid) -> Result<Vec<T>, RepoError> {
        Ok(self
            .all::<T>()?
            .into_iter()
            .filter(|r| live_in(r.meta(), forum))
            .collect())
    }

    async fn count_by_forum<T: Record>(&self, forum: Uuid) -> Result<usize, RepoError> {
        Ok(self.list_by_forum::<T>(forum).await?.len())
    }

    async fn list_forums(&self) -> Result<Vec<Forum>, RepoError> {
        Ok(self
            .all::<Forum>()?
            .into_iter()
            .filter(|f| !f.meta.deleted)
            .collect())
    }

    async fn participant_by_badge(
        &self,
        forum: Uuid,
        badge_code: &str,
    ) -> Result<Option<Participant>, RepoError> {
        Ok(self
            .all::<Participant>()?
            .into_iter()
            .find(|p| p.meta.forum == forum && p.badge_code == badge_code))
    }

    async fn checkins_of(&self, participant: Uuid) -> Result<Vec<CheckIn>, RepoError> {
        let mut events: Vec<CheckIn> = self
            .all::<CheckIn>()?
            .into_iter()
            .filter(|c| c.participant == participant)
            .collect();
        events.sort_by(|a, b| a.meta.hlc.cmp(&b.meta.hlc));
        Ok(events)
    }

    async fn signups_of(&self, session: Uuid) -> Result<Vec<SignUp>, RepoError> {
        let mut signups: Vec<SignUp> = self
            .all::<SignUp>()?
            .into_iter()
            .filter(|s| s.session == session && !s.meta.deleted)
            .collect();
        crate::signup::sort_by_creation(&mut signups);
        Ok(signups)
    }

    async fn outbox(&self) -> Result<Vec<Change>, RepoError> {
        Ok(self.inner.borrow().outbox.values().cloned().collect())
    }

    async fn remove_from_outbox(&self, ids: &[Uuid]) -> Result<(), RepoError> {
        let mut inner = self.inner.borrow_mut();
        for id in ids {
            inner.outbox.remove(id);
        }
        Ok(())
    }

    async fn export(&self, forum: Option<Uuid>) -> Result<Vec<AnyRecord>, RepoError> {
        let inner = self.inner.borrow();
        let mut out = Vec::new();
        for kind in RecordKind::ALL {
            for json in inner
                .records
                .get(&kind)
                .into_iter()
                .flat_map(|m| m.values())
            {
                let record = decode_any(kind, json)?;
                if forum.is_none_or(|f| record.meta().forum == f) {
                    out.push(record);
                }
            }
        }
        Ok(out)
    }

    async fn merge_in(&self, records: &[AnyRecord], queue: bool) -> Result<MergeReport, RepoError> {
        // Work out every write first; apply them only if all of them could be made.
        let mut report = MergeReport::default();
        let mut writes = Vec::new();
        {
            let inner = self.inner.borrow();
            let mut pending: BTreeMap<Uuid, AnyRecord> = BTreeMap::new();
            for incoming in records {
                let id = incoming.meta().id;
                let stored = match pending.get(&id) {
                    Some(p) => Some(p.clone()),
                    None => inner
                        .records
                        .get(&incoming.kind())
                        .and_then(|m| m.get(&id))
                        .map(|json| decode_any(incoming.kind(), json))
                        .transpose()?,
                };
                match merge_incoming(stored.as_ref(), incoming)
                    .map_err(|e| RepoError::Conflict(e.to_string()))?
                {
                    None => report.unchanged += 1,
                    Some(merged) => {
                        if stored.is_none() {
                            report.added += 1;
                        } else {
                            report.updated += 1;
                        }
                        pending.insert(id, merged);
                    }
                }
            }
            for record in pending.into_values() {
                let change = if queue {
                    Some(Change::snapshot(&record).map_err(|e| RepoError::Backend(e.to_string()))?)
                } else {
                    None
                };
                writes.push((record.kind(), record.meta().id, any_json(&record)?, change));
            }
        }
        let mut inner = self.inner.borrow_mut();
        for (kind, id, json, change) in writes {
            inner.records.entry(kind).or_default().insert(id, json);
            if let Some(change) = change {
                inner.outbox.insert(change.id, change);
            }
        }
        Ok(report)
    }

    async fn setting(&self, key: &str) -> Result<Option<String>, RepoError> {
        Ok(self.inner.borrow().settings.get(key).cloned())
    }

    async fn set_setting(&self, key: &str, value: &str) -> Result<(), RepoError> {
        self.inner
            .borrow_mut()
            .settings
            .insert(key.to_string(), value.to_string());
        Ok(())
    }
}

fn live_in(meta: &Meta, forum: Uuid) -> bool {
    meta.forum == forum && !meta.deleted
}
