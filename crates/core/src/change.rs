//! How a write on this device becomes a stamped record plus a [`Change`] for the outbox.
//!
//! Every write goes through a [`Writer`]: it validates the record, stamps the fields
//! that changed with a fresh clock stamp, and describes the write as a `Change` that the
//! store keeps in its outbox (in the same transaction as the record) until sync sends it.

use crate::hlc::{Hlc, HlcClock};
use crate::ids::new_id;
use crate::model::{Meta, Record, RecordKind, ValidationError, DELETED_FIELD};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One write, as queued in the outbox and later sent to a sync endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// UUID v7 of the change itself: the idempotency key of a push.
    pub id: Uuid,
    pub kind: RecordKind,
    pub record: Uuid,
    pub forum: Uuid,
    pub hlc: Hlc,
    /// Top-level fields this write set (all of them for a creation).
    pub fields: Vec<String>,
    /// The whole record after the write, as JSON.
    pub payload: String,
}

impl Change {
    /// A change carrying a whole record as it now stands (a restored or merged record),
    /// stamped with the record's own latest stamp: it is not a new edit.
    pub fn snapshot(record: &crate::model::AnyRecord) -> Result<Change, WriteError> {
        let payload = record
            .to_json_text()
            .map_err(|e| WriteError::Serialise(e.to_string()))?;
        let value: serde_json::Value =
            serde_json::from_str(&payload).map_err(|e| WriteError::Serialise(e.to_string()))?;
        let mut fields: Vec<String> = match &value {
            serde_json::Value::Object(map) => {
                map.keys().filter(|k| *k != "meta").cloned().collect()
            }
            _ => Vec::new(),
        };
        fields.sort();
        Ok(Change {
            id: new_id(),
            kind: record.kind(),
            record: record.meta().id,
            forum: record.meta().forum,
            hlc: record.meta().hlc.clone(),
            fields,
            payload,
        })
    }

    /// The record this change carries.
    pub fn record<T: Record>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(&self.payload)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("record could not be serialised: {0}")]
    Serialise(String),
}

/// Makes stamped records and their changes on one device.
#[derive(Debug, Clone)]
pub struct Writer {
    clock: HlcClock,
}

impl Writer {
    pub fn new(clock: HlcClock) -> Self {
        Self { clock }
    }

    pub fn clock(&self) -> &HlcClock {
        &self.clock
    }

    pub fn clock_mut(&mut self) -> &mut HlcClock {
        &mut self.clock
    }

    /// Creates a record with a new UUID v7. `forum: None` makes the record its own forum
    /// (a [`crate::Forum`]). `build` receives the finished [`Meta`].
    pub fn create<T: Record>(
        &mut self,
        now_ms: u64,
        forum: Option<Uuid>,
        build: impl FnOnce(Meta) -> T,
    ) -> Result<(T, Change), WriteError> {
        self.create_with_id(now_ms, new_id(), forum, build)
    }

    /// [`Writer::create`] with a given id (deterministic data: seeds, tests).
    pub fn create_with_id<T: Record>(
        &mut self,
        now_ms: u64,
        id: Uuid,
        forum: Option<Uuid>,
        build: impl FnOnce(Meta) -> T,
    ) -> Result<(T, Change), WriteError> {
        let hlc = self.clock.tick(now_ms);
        let record = build(Meta::new(id, forum.unwrap_or(id), hlc.clone()));
        record.validate()?;
        let fields = data_fields(&record)?.into_iter().map(|(k, _)| k).collect();
        let change = change_for(&record, hlc, fields)?;
        Ok((record, change))
    }

    /// Applies `edit` to a copy of `before`. Returns `None` when nothing changed.
    /// The metadata cannot be edited this way (use [`Writer::delete`] for tombstones).
    pub fn edit<T: Record>(
        &mut self,
        now_ms: u64,
        before: &T,
        edit: impl FnOnce(&mut T),
    ) -> Result<Option<(T, Change)>, WriteError> {
        let mut after = before.clone();
        edit(&mut after);
        *after.meta_mut() = before.meta().clone();
        after.validate()?;
        let old = data_fields(before)?;
        let new = data_fields(&after)?;
        let mut changed: Vec<String> = new
            .iter()
            .filter(|(k, v)| old.get(k.as_str()) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect();
        changed.extend(
            old.keys()
                .filter(|k| !new.contains_key(k.as_str()))
                .cloned(),
        );
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            return Ok(None);
        }
        let hlc = self.clock.tick(now_ms);
        let meta = after.meta_mut();
        for f in &changed {
            meta.stamps.insert(f.clone(), hlc.clone());
        }
        meta.hlc = hlc.clone();
        let change = change_for(&after, hlc, changed)?;
        Ok(Some((after, change)))
    }

    /// Marks a record deleted (a tombstone that merges like any other field).
    pub fn delete<T: Record>(
        &mut self,
        now_ms: u64,
        before: &T,
    ) -> Result<(T, Change), WriteError> {
        let hlc = self.clock.tick(now_ms);
        let mut after = before.clone();
        let meta = after.meta_mut();
        meta.deleted = true;
        meta.stamps.insert(DELETED_FIELD.to_string(), hlc.clone());
        meta.hlc = hlc.clone();
        let change = change_for(&after, hlc, vec![DELETED_FIELD.to_string()])?;
        Ok((after, change))
    }
}

impl Writer {
    /// Undoes a deletion: the tombstone field is written again, `false`, with a new
    /// stamp, so it wins over the deletion wherever both meet (per-field last writer).
    pub fn restore<T: Record>(
        &mut self,
        now_ms: u64,
        before: &T,
    ) -> Result<(T, Change), WriteError> {
        let hlc = self.clock.tick(now_ms);
        let mut after = before.clone();
        after.validate()?;
        let meta = after.meta_mut();
        meta.deleted = false;
        meta.stamps.insert(DELETED_FIELD.to_string(), hlc.clone());
        meta.hlc = hlc.clone();
        let change = change_for(&after, hlc, vec![DELETED_FIELD.to_string()])?;
        Ok((after, change))
    }
}

/// The record's top-level fields other than `meta`.
pub(crate) fn data_fields<T: Record>(
    record: &T,
) -> Result<serde_json::Map<String, serde_json::Value>, WriteError> {
    let text = serde_json::to_string(record).map_err(|e| WriteError::Serialise(e.to_string()))?;
    match serde_json::from_str(&text).map_err(|e| WriteError::Serialise(e.to_string()))? {
        serde_json::Value::Object(mut map) => {
            map.remove("meta");
            Ok(map)
        }
        _ => Err(WriteError::Serialise("record is not a JSON object".into())),
    }
}

fn change_for<T: Record>(record: &T, hlc: Hlc, fields: Vec<String>) -> Result<Change, WriteError> {
    Ok(Change {
        id: new_id(),
        kind: T::KIND,
        record: record.meta().id,
        forum: record.meta().forum,
        hlc,
        fields,
        payload: serde_json::to_string(record).map_err(|e| WriteError::Serialise(e.to_string()))?,
    })
}
