//! The only code that touches IndexedDB: [`IdbRepo`] implements
//! [`jiyn_core::Repository`] on the browser's IndexedDB (through `indexed_db_futures`),
//! with the schema and its upgrade steps in [`schema`].
//!
//! A record and its outbox change go in one readwrite transaction that is committed
//! only after both requests succeeded; `indexed_db_futures` rolls back any transaction
//! that is dropped without `commit`, so every `?` on the way is a rollback.
//!
//! Records cross between Rust and IndexedDB as JSON text: `serde_json` in wasm and the
//! browser's native `JSON.parse` / `JSON.stringify`. Stored values are plain objects
//! (so key paths and indexes work), and this is both smaller and faster than
//! converting field by field through `serde-wasm-bindgen` (measured with `bench/`).

pub mod schema;

use indexed_db_futures::database::Database;
use indexed_db_futures::error::{
    DomException, Error as IdbError, OpenDbError, UnexpectedDataError,
};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use jiyn_core::merge::merge_incoming;
use jiyn_core::repo::{EventFact, PersonFact};
use jiyn_core::{
    Activity, AnyRecord, Change, CheckIn, Forum, ForumCounts, HourLog, MergeReport, Participant,
    Record, RecordKind, RepoError, Repository, Session, Shift, SignUp, SocialProject,
};
use schema::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;
use wasm_bindgen::JsValue;

/// Jiyn's records in one IndexedDB database.
pub struct IdbRepo {
    db: Database,
}

#[derive(Serialize, Deserialize)]
struct Setting {
    key: String,
    value: String,
}

/// A value as a plain JS object, through JSON text.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, RepoError> {
    let text = serde_json::to_string(value).map_err(|e| RepoError::Backend(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|e| RepoError::Backend(format!("{e:?}")))
}

/// A stored JS value as `T`, through JSON text; anything unreadable is corrupt.
fn from_js<T: DeserializeOwned>(store: &str, value: &JsValue) -> Result<T, RepoError> {
    let corrupt = |detail: String| RepoError::Corrupt {
        store: store.to_string(),
        detail,
    };
    let text: String = js_sys::JSON::stringify(value)
        .map_err(|e| corrupt(format!("{e:?}")))?
        .into();
    serde_json::from_str(&text).map_err(|e| corrupt(e.to_string()))
}

/// A stored row that could not be read back, waiting to be moved to the quarantine.
struct SetAside {
    store: &'static str,
    key: String,
    value: JsValue,
    reason: String,
}

thread_local! {
    /// Rows found unreadable since the last [`IdbRepo::quarantine_pending`].
    static SET_ASIDE: std::cell::RefCell<Vec<SetAside>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The window event fired when a read found unreadable rows: the app then calls
/// [`IdbRepo::quarantine_pending`] and tells the user.
pub const QUARANTINE_EVENT: &str = "jiyn-quarantine";

/// The primary key of a stored row (records: `meta.id`; outbox changes: `id`).
fn key_of(store: &str, value: &JsValue) -> Option<String> {
    if store == OUTBOX {
        field(value, "id").as_string()
    } else {
        field(&field(value, "meta"), "id").as_string()
    }
}

/// Every value of a get-all request as `T`: gathered into one JS array and turned
/// into JSON text once, so thousands of records cross into wasm as one string. A row
/// that cannot be read is left out and set aside for the quarantine (the rest of the
/// app keeps working); the window hears [`QUARANTINE_EVENT`].
fn decode_all<T: DeserializeOwned>(
    store: &'static str,
    rows: impl Iterator<Item = indexed_db_futures::Result<JsValue>>,
) -> Result<Vec<T>, RepoError> {
    let array = js_sys::Array::new();
    for row in rows {
        array.push(&row.map_err(|e| read_error(store, e))?);
    }
    if let Ok(records) = from_js::<Vec<T>>(store, &array) {
        return Ok(records);
    }
    let mut good = Vec::with_capacity(array.length() as usize);
    let mut found = 0;
    for value in array.iter() {
        match from_js::<T>(store, &value) {
            Ok(record) => good.push(record),
            Err(e) => {
                let Some(key) = key_of(store, &value) else {
                    // Not even its key can be read: nothing can be done but refuse.
                    return Err(e);
                };
                found += 1;
                SET_ASIDE.with(|q| {
                    q.borrow_mut().push(SetAside {
                        store,
                        key,
                        value,
                        reason: e.to_string(),
                    })
                });
            }
        }
    }
    if found > 0 {
        if let Some(w) = web_sys::window() {
            if let Ok(event) = web_sys::Event::new(QUARANTINE_EVENT) {
                let _ = w.dispatch_event(&event);
            }
        }
    }
    Ok(good)
}

impl IdbRepo {
    /// Reads a setting and writes `value` in its place when `replace(current)` says so,
    /// in one read-write transaction: two tabs (two connections) doing this at once are
    /// serialised by IndexedDB, so neither writes over what the other wrote after its
    /// own read. Returns whether `value` was written.
    pub async fn update_setting(
        &self,
        key: &str,
        value: &str,
        replace: impl FnOnce(Option<&str>) -> bool,
    ) -> Result<bool, RepoError> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        let current = read_setting(&tx, key).await?;
        if !replace(current.as_deref()) {
            return Ok(false);
        }
        put_setting(&tx, key, value).await?;
        tx.commit().await.map_err(idb_error)?;
        Ok(true)
    }

    /// Moves the rows reads found unreadable into the `quarantine` store (with where
    /// they were, why, and when) and out of their own store, in one transaction.
    /// Returns how many were moved. The quarantine keeps them for a person to look at;
    /// nothing reads them back as records.
    pub async fn quarantine_pending(&self) -> Result<usize, RepoError> {
        let mut items: Vec<SetAside> = SET_ASIDE.with(|q| std::mem::take(&mut *q.borrow_mut()));
        let mut seen = std::collections::HashSet::new();
        items.retain(|i| seen.insert((i.store, i.key.clone())));
        if items.is_empty() {
            return Ok(0);
        }
        let mut stores: Vec<&str> = items.iter().map(|i| i.store).collect();
        stores.push(QUARANTINE);
        stores.sort_unstable();
        stores.dedup();
        let tx = self.tx(&stores, TransactionMode::Readwrite)?;
        let quarantine = tx.object_store(QUARANTINE).map_err(idb_error)?;
        let at = js_sys::Date::new_0().to_iso_string();
        for item in &items {
            let row = js_sys::Object::new();
            let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&row, &JsValue::from_str(k), v);
            let id = format!("{}:{}", item.store, item.key);
            for (k, v) in [
                ("id", JsValue::from_str(&id)),
                ("store", JsValue::from_str(item.store)),
                ("key", JsValue::from_str(&item.key)),
                ("value", item.value.clone()),
                ("reason", JsValue::from_str(&item.reason)),
                ("at", at.clone().into()),
            ] {
                set(k, &v).map_err(|e| RepoError::Backend(format!("{e:?}")))?;
            }
            drop(
                quarantine
                    .put(JsValue::from(row))
                    .primitive()
                    .map_err(idb_error)?,
            );
            let store = tx.object_store(item.store).map_err(idb_error)?;
            drop(store.delete(item.key.clone()).build().map_err(idb_error)?);
        }
        tx.commit().await.map_err(idb_error)?;
        Ok(items.len())
    }

    /// Opens (creating or upgrading as needed) the database called `name`.
    pub async fn open(name: &str) -> Result<Self, RepoError> {
        let db = Database::open(name)
            .with_version(SCHEMA_VERSION)
            .with_on_blocked(|_| Ok(()))
            .with_on_upgrade_needed(|event, db| {
                // Versions are small whole numbers stored as f64 by the browser.
                let old = event.old_version() as u32;
                upgrade(&db, old)
            })
            .await
            .map_err(open_error)?;
        Ok(Self { db })
    }

    /// The schema version of the open database.
    pub fn version(&self) -> u32 {
        self.db.version() as u32
    }

    /// Names of the object stores of the open database, sorted.
    pub fn store_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.db.object_store_names().collect();
        names.sort();
        names
    }

    /// Closes the connection (tests; a version change from another tab).
    pub fn close(self) {
        self.db.close();
    }

    /// Waits until another tab asks to upgrade (or delete) this database, then closes
    /// this tab's connection so the other tab is not blocked. After that every call on
    /// this repository fails with [`RepoError::Unavailable`]; the page must reload.
    pub async fn closed_by_version_change(&self) -> Result<(), RepoError> {
        let mut changes = self.db.version_changes().map_err(idb_error)?;
        changes.recv().await;
        self.db.clone().close();
        Ok(())
    }

    fn tx(&self, stores: &[&str], mode: TransactionMode) -> Result<Transaction<'_>, RepoError> {
        self.db
            .transaction(stores)
            .with_mode(mode)
            .build()
            .map_err(idb_error)
    }

    async fn all_by_forum<T: Record>(&self, forum: Uuid) -> Result<Vec<T>, RepoError> {
        let tx = self.tx(&[store_of(T::KIND)], TransactionMode::Readonly)?;
        read_all::<T>(&tx, Some(forum)).await
    }
}

/// Every record of one store (of one forum, with `forum`), inside the caller's
/// transaction, tombstones included, in key order.
async fn read_all<T: Record>(
    tx: &Transaction<'_>,
    forum: Option<Uuid>,
) -> Result<Vec<T>, RepoError> {
    let name = store_of(T::KIND);
    let store = tx.object_store(name).map_err(idb_error)?;
    let rows = match forum {
        Some(forum) => {
            let index = store.index(BY_FORUM).map_err(idb_error)?;
            index
                .get_all::<JsValue>()
                .with_query(forum.to_string())
                .primitive()
                .map_err(idb_error)?
                .await
        }
        None => {
            store
                .get_all::<JsValue>()
                .primitive()
                .map_err(idb_error)?
                .await
        }
    }
    .map_err(|e| read_error(name, e))?;
    decode_all(name, rows)
}

/// The stored objects of store `name` whose index `index` has `key`, undecoded.
async fn raw_by_index(
    tx: &Transaction<'_>,
    name: &str,
    index: &str,
    key: Uuid,
) -> Result<Vec<JsValue>, RepoError> {
    let store = tx.object_store(name).map_err(idb_error)?;
    let index = store.index(index).map_err(idb_error)?;
    index
        .get_all::<JsValue>()
        .with_query(key.to_string())
        .primitive()
        .map_err(idb_error)?
        .await
        .map_err(|e| read_error(name, e))?
        .map(|row| row.map_err(|e| read_error(name, e)))
        .collect()
}

/// `object[key]`, `undefined` when missing.
fn field(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `object[key]` as text; anything else means the stored record is corrupt.
fn text_field(store: &str, object: &JsValue, key: &str) -> Result<String, RepoError> {
    field(object, key)
        .as_string()
        .ok_or_else(|| RepoError::Corrupt {
            store: store.to_string(),
            detail: format!("`{key}` is not text"),
        })
}

/// Every record of one kind as [`AnyRecord`]s.
async fn read_all_any(
    tx: &Transaction<'_>,
    kind: RecordKind,
    forum: Option<Uuid>,
) -> Result<Vec<AnyRecord>, RepoError> {
    fn wrap<T: Into<AnyRecord>>(v: Vec<T>) -> Vec<AnyRecord> {
        v.into_iter().map(Into::into).collect()
    }
    Ok(match kind {
        RecordKind::Forum => wrap(read_all::<Forum>(tx, forum).await?),
        RecordKind::Session => wrap(read_all::<Session>(tx, forum).await?),
        RecordKind::Participant => wrap(read_all::<Participant>(tx, forum).await?),
        RecordKind::CheckIn => wrap(read_all::<CheckIn>(tx, forum).await?),
        RecordKind::HourLog => wrap(read_all::<HourLog>(tx, forum).await?),
        RecordKind::SocialProject => wrap(read_all::<SocialProject>(tx, forum).await?),
        RecordKind::SignUp => wrap(read_all::<SignUp>(tx, forum).await?),
        RecordKind::Shift => wrap(read_all::<Shift>(tx, forum).await?),
        RecordKind::Activity => wrap(read_all::<Activity>(tx, forum).await?),
    })
}

/// Under this many incoming records of one kind, `merge_in` reads the stored versions
/// one by one (a sync round with a few new check-ins must not read 50,000 events); at or
/// over it, it reads the whole store once.
const MERGE_BY_ID_BELOW: usize = 500;

/// The stored records of one kind with these ids (missing ones left out). Every
/// request goes out before the first answer is awaited.
async fn read_some_any(
    tx: &Transaction<'_>,
    kind: RecordKind,
    ids: &[Uuid],
) -> Result<Vec<AnyRecord>, RepoError> {
    let name = store_of(kind);
    let store = tx.object_store(name).map_err(idb_error)?;
    let mut pending = Vec::with_capacity(ids.len());
    for id in ids {
        pending.push(store.get(id.to_string()).primitive().map_err(idb_error)?);
    }
    let mut out = Vec::new();
    for request in pending {
        let found: Option<JsValue> = request.await.map_err(|e| read_error(name, e))?;
        let Some(v) = found else { continue };
        out.push(match kind {
            RecordKind::Forum => AnyRecord::Forum(from_js(name, &v)?),
            RecordKind::Session => AnyRecord::Session(from_js(name, &v)?),
            RecordKind::Participant => AnyRecord::Participant(from_js(name, &v)?),
            RecordKind::CheckIn => AnyRecord::CheckIn(from_js(name, &v)?),
            RecordKind::HourLog => AnyRecord::HourLog(from_js(name, &v)?),
            RecordKind::SocialProject => AnyRecord::SocialProject(from_js(name, &v)?),
            RecordKind::SignUp => AnyRecord::SignUp(from_js(name, &v)?),
            RecordKind::Shift => AnyRecord::Shift(from_js(name, &v)?),
            RecordKind::Activity => AnyRecord::Activity(from_js(name, &v)?),
        });
    }
    Ok(out)
}

fn all_stores_and_outbox() -> Vec<&'static str> {
    let mut stores: Vec<&str> = RecordKind::ALL.iter().map(|k| store_of(*k)).collect();
    stores.push(OUTBOX);
    stores
}

/// Puts one record of any kind into its store (inside the caller's transaction); the
/// request goes out at once, a failure aborts the transaction.
fn put_any(tx: &Transaction<'_>, record: &AnyRecord) -> Result<(), RepoError> {
    let store = tx
        .object_store(store_of(record.kind()))
        .map_err(idb_error)?;
    let value = match record {
        AnyRecord::Forum(r) => to_js(r)?,
        AnyRecord::Session(r) => to_js(r)?,
        AnyRecord::Participant(r) => to_js(r)?,
        AnyRecord::CheckIn(r) => to_js(r)?,
        AnyRecord::HourLog(r) => to_js(r)?,
        AnyRecord::SocialProject(r) => to_js(r)?,
        AnyRecord::SignUp(r) => to_js(r)?,
        AnyRecord::Shift(r) => to_js(r)?,
        AnyRecord::Activity(r) => to_js(r)?,
    };
    drop(store.put(value).primitive().map_err(idb_error)?);
    Ok(())
}

impl Repository for IdbRepo {
    async fn write<T: Record>(&self, record: &T, change: &Change) -> Result<(), RepoError> {
        let store_name = store_of(T::KIND);
        let tx = self.tx(&[store_name, OUTBOX], TransactionMode::Readwrite)?;
        let store = tx.object_store(store_name).map_err(idb_error)?;
        let outbox = tx.object_store(OUTBOX).map_err(idb_error)?;
        // Both requests go out at once and the transaction commits when both are done:
        // one round trip, the desk's hot path. `add`, not `put`, for the change: a change
        // id already queued is a conflict that aborts the transaction, record included.
        let put = store.put(to_js(record)?).primitive().map_err(idb_error)?;
        let add = outbox.add(to_js(change)?).primitive().map_err(idb_error)?;
        if let Err(e) = tx.commit().await {
            // Report the request that failed rather than the abort it caused.
            add.await.map_err(idb_error)?;
            put.await.map_err(idb_error)?;
            return Err(idb_error(e));
        }
        Ok(())
    }

    async fn write_batch(&self, items: &[(AnyRecord, Change)]) -> Result<(), RepoError> {
        let tx = self.tx(&all_stores_and_outbox(), TransactionMode::Readwrite)?;
        let outbox = tx.object_store(OUTBOX).map_err(idb_error)?;
        // Requests go out as they are built; a failed one aborts the transaction, which
        // makes the commit below fail and leaves nothing of the batch behind.
        for (record, change) in items {
            put_any(&tx, record)?;
            drop(outbox.add(to_js(change)?).primitive().map_err(idb_error)?);
        }
        tx.commit().await.map_err(idb_error)
    }

    async fn get<T: Record>(&self, id: Uuid) -> Result<Option<T>, RepoError> {
        let name = store_of(T::KIND);
        let tx = self.tx(&[name], TransactionMode::Readonly)?;
        let store = tx.object_store(name).map_err(idb_error)?;
        let found: Option<JsValue> = store
            .get(id.to_string())
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(|e| read_error(name, e))?;
        found.map(|v| from_js(name, &v)).transpose()
    }

    async fn list_by_forum<T: Record>(&self, forum: Uuid) -> Result<Vec<T>, RepoError> {
        let mut records = self.all_by_forum::<T>(forum).await?;
        records.retain(|r| !r.meta().deleted);
        Ok(records)
    }

    async fn count_by_forum<T: Record>(&self, forum: Uuid) -> Result<usize, RepoError> {
        Ok(self.list_by_forum::<T>(forum).await?.len())
    }

    /// Reads only the few fields the counts need from each stored object, without
    /// decoding whole records: the forum page's figures for 10,000 participants.
    async fn forum_counts(&self, forum: Uuid) -> Result<ForumCounts, RepoError> {
        let tx = self.tx(&[PARTICIPANTS, CHECKINS], TransactionMode::Readonly)?;
        let people = raw_by_index(&tx, PARTICIPANTS, BY_FORUM, forum).await?;
        let events = raw_by_index(&tx, CHECKINS, BY_FORUM, forum).await?;
        let people: Vec<(String, bool, Option<String>)> = people
            .iter()
            .map(|p| {
                let meta = field(p, "meta");
                Ok((
                    text_field(PARTICIPANTS, &meta, "id")?,
                    field(&meta, "deleted").is_truthy(),
                    field(p, "delegation").as_string(),
                ))
            })
            .collect::<Result<_, RepoError>>()?;
        let events: Vec<(String, String, bool, bool)> = events
            .iter()
            .map(|e| {
                let meta = field(e, "meta");
                Ok((
                    text_field(CHECKINS, e, "participant")?,
                    text_field(CHECKINS, &meta, "hlc")?,
                    field(&meta, "deleted").is_truthy(),
                    text_field(CHECKINS, e, "action")? == "check_in",
                ))
            })
            .collect::<Result<_, RepoError>>()?;
        Ok(ForumCounts::tally(
            people.iter().map(|(id, deleted, delegation)| PersonFact {
                id,
                deleted: *deleted,
                delegation: delegation.as_deref(),
            }),
            events
                .iter()
                .map(|(participant, hlc, deleted, check_in)| EventFact {
                    participant,
                    hlc,
                    deleted: *deleted,
                    check_in: *check_in,
                }),
        ))
    }

    async fn list_forums(&self) -> Result<Vec<Forum>, RepoError> {
        let tx = self.tx(&[FORUMS], TransactionMode::Readonly)?;
        let mut forums = read_all::<Forum>(&tx, None).await?;
        forums.retain(|f| !f.meta.deleted);
        Ok(forums)
    }

    async fn participant_by_badge(
        &self,
        forum: Uuid,
        badge_code: &str,
    ) -> Result<Option<Participant>, RepoError> {
        let tx = self.tx(&[PARTICIPANTS], TransactionMode::Readonly)?;
        let store = tx.object_store(PARTICIPANTS).map_err(idb_error)?;
        let index = store.index(BY_BADGE).map_err(idb_error)?;
        let found: Option<JsValue> = index
            .get(vec![forum.to_string(), badge_code.to_string()])
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(|e| read_error(PARTICIPANTS, e))?;
        found.map(|v| from_js(PARTICIPANTS, &v)).transpose()
    }

    async fn checkins_of(&self, participant: Uuid) -> Result<Vec<CheckIn>, RepoError> {
        let tx = self.tx(&[CHECKINS], TransactionMode::Readonly)?;
        let rows = raw_by_index(&tx, CHECKINS, BY_PARTICIPANT, participant).await?;
        let mut events: Vec<CheckIn> = decode_all(CHECKINS, rows.into_iter().map(Ok))?;
        events.sort_by(|a, b| a.meta.hlc.cmp(&b.meta.hlc));
        Ok(events)
    }

    async fn signups_of(&self, session: Uuid) -> Result<Vec<SignUp>, RepoError> {
        let tx = self.tx(&[SIGNUPS], TransactionMode::Readonly)?;
        let rows = raw_by_index(&tx, SIGNUPS, BY_SESSION, session).await?;
        let mut signups: Vec<SignUp> = decode_all(SIGNUPS, rows.into_iter().map(Ok))?;
        signups.retain(|s| !s.meta.deleted);
        jiyn_core::signup::sort_by_creation(&mut signups);
        Ok(signups)
    }

    async fn outbox(&self) -> Result<Vec<Change>, RepoError> {
        let tx = self.tx(&[OUTBOX], TransactionMode::Readonly)?;
        let store = tx.object_store(OUTBOX).map_err(idb_error)?;
        let rows = store
            .get_all::<JsValue>()
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(|e| read_error(OUTBOX, e))?;
        decode_all(OUTBOX, rows)
    }

    async fn outbox_count(&self) -> Result<usize, RepoError> {
        let tx = self.tx(&[OUTBOX], TransactionMode::Readonly)?;
        let store = tx.object_store(OUTBOX).map_err(idb_error)?;
        let n = store
            .count()
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(|e| read_error(OUTBOX, e))?;
        Ok(n as usize)
    }

    async fn remove_from_outbox(&self, ids: &[Uuid]) -> Result<(), RepoError> {
        if ids.is_empty() {
            return Ok(());
        }
        let tx = self.tx(&[OUTBOX], TransactionMode::Readwrite)?;
        let store = tx.object_store(OUTBOX).map_err(idb_error)?;
        // An acknowledged batch is usually a run of neighbouring keys (the outbox in
        // order). If the range from its first to its last key holds exactly these ids
        // and nothing else (read inside this transaction, so no write can slip in), one
        // range delete replaces a thousand single ones.
        let mut keys: Vec<String> = ids.iter().map(Uuid::to_string).collect();
        keys.sort_unstable();
        keys.dedup();
        let (first, last) = (keys[0].clone(), keys[keys.len() - 1].clone());
        let stored: Vec<String> = store
            .get_all_keys::<JsValue>()
            .with_query::<String, _>(KeyRange::Bound(first.clone(), false, last.clone(), false))
            .primitive()
            .map_err(idb_error)?
            .await
            .map_err(|e| read_error(OUTBOX, e))?
            .filter_map(|k| k.ok().and_then(|k| k.as_string()))
            .collect();
        let exactly = {
            let mut stored = stored;
            stored.sort_unstable();
            stored == keys
        };
        if exactly && keys.len() > 1 {
            drop(
                store
                    .delete::<String, _>(KeyRange::Bound(first, false, last, false))
                    .primitive()
                    .map_err(idb_error)?,
            );
        } else {
            for key in keys {
                drop(store.delete(key).build().map_err(idb_error)?);
            }
        }
        tx.commit().await.map_err(idb_error)
    }

    async fn export(&self, forum: Option<Uuid>) -> Result<Vec<AnyRecord>, RepoError> {
        let stores: Vec<&str> = RecordKind::ALL.iter().map(|k| store_of(*k)).collect();
        let tx = self.tx(&stores, TransactionMode::Readonly)?;
        let mut out = Vec::new();
        for kind in RecordKind::ALL {
            // A forum's own record is in `forums` under its own id, which `by_forum` finds.
            out.extend(read_all_any(&tx, kind, forum).await?);
        }
        Ok(out)
    }

    async fn merge_in(&self, records: &[AnyRecord], queue: bool) -> Result<MergeReport, RepoError> {
        let tx = self.tx(&all_stores_and_outbox(), TransactionMode::Readwrite)?;
        // What is stored now, for the kinds that arrive: by id for a few records, one
        // read of the whole store for many.
        let kinds: BTreeSet<RecordKind> = records.iter().map(AnyRecord::kind).collect();
        let mut stored: HashMap<Uuid, AnyRecord> = HashMap::new();
        for kind in kinds {
            let ids: Vec<Uuid> = records
                .iter()
                .filter(|r| r.kind() == kind)
                .map(|r| r.meta().id)
                .collect();
            let found = if ids.len() < MERGE_BY_ID_BELOW {
                read_some_any(&tx, kind, &ids).await?
            } else {
                read_all_any(&tx, kind, None).await?
            };
            for r in found {
                stored.insert(r.meta().id, r);
            }
        }
        let outbox = tx.object_store(OUTBOX).map_err(idb_error)?;
        let mut report = MergeReport::default();
        for incoming in records {
            let id = incoming.meta().id;
            let before = stored.get(&id);
            let Some(merged) =
                merge_incoming(before, incoming).map_err(|e| RepoError::Conflict(e.to_string()))?
            else {
                report.unchanged += 1;
                continue;
            };
            if before.is_some() {
                report.updated += 1;
            } else {
                report.added += 1;
            }
            put_any(&tx, &merged)?;
            if queue {
                let change =
                    Change::snapshot(&merged).map_err(|e| RepoError::Backend(e.to_string()))?;
                drop(outbox.add(to_js(&change)?).primitive().map_err(idb_error)?);
            }
            stored.insert(id, merged);
        }
        tx.commit().await.map_err(idb_error)?;
        Ok(report)
    }

    async fn setting(&self, key: &str) -> Result<Option<String>, RepoError> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readonly)?;
        read_setting(&tx, key).await
    }

    async fn set_setting(&self, key: &str, value: &str) -> Result<(), RepoError> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readwrite)?;
        put_setting(&tx, key, value).await?;
        tx.commit().await.map_err(idb_error)
    }
}

/// A setting's value, read inside `tx` (which covers the settings store).
async fn read_setting(tx: &Transaction<'_>, key: &str) -> Result<Option<String>, RepoError> {
    let store = tx.object_store(SETTINGS).map_err(idb_error)?;
    let found: Option<JsValue> = store
        .get(key)
        .primitive()
        .map_err(idb_error)?
        .await
        .map_err(|e| read_error(SETTINGS, e))?;
    Ok(found
        .map(|v| from_js::<Setting>(SETTINGS, &v))
        .transpose()?
        .map(|s| s.value))
}

/// Writes a setting inside `tx` (read-write over the settings store); the caller commits.
async fn put_setting(tx: &Transaction<'_>, key: &str, value: &str) -> Result<(), RepoError> {
    let store = tx.object_store(SETTINGS).map_err(idb_error)?;
    let row = Setting {
        key: key.into(),
        value: value.into(),
    };
    store
        .put(to_js(&row)?)
        .primitive()
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    Ok(())
}

/// Maps a storage failure to what it means for the user.
fn idb_error(e: IdbError) -> RepoError {
    match &e {
        IdbError::DomException(DomException::ConstraintError(_)) => {
            RepoError::Conflict(e.to_string())
        }
        IdbError::DomException(DomException::Other(dom)) if dom.name() == "QuotaExceededError" => {
            RepoError::QuotaExceeded
        }
        // A commit the browser aborted although every request succeeded: Chromium does
        // this when the data cannot be written (the origin's quota, or a full disk) and
        // puts QuotaExceededError on the transaction, which indexed_db_futures 0.6 does
        // not pass on (it reports the abort only). Our own code never aborts a
        // transaction; a closing database fails with InvalidStateError instead.
        IdbError::MissingData(UnexpectedDataError::TransactionAborted) => RepoError::QuotaExceeded,
        IdbError::DomException(DomException::InvalidStateError(_)) => {
            RepoError::Unavailable(e.to_string())
        }
        _ => RepoError::Backend(e.to_string()),
    }
}

fn read_error(store: &str, e: IdbError) -> RepoError {
    match e {
        IdbError::Serialisation(detail) => RepoError::Corrupt {
            store: store.to_string(),
            detail: detail.to_string(),
        },
        other => idb_error(other),
    }
}

fn open_error(e: OpenDbError) -> RepoError {
    match e {
        OpenDbError::Base(base) => match idb_error(base) {
            RepoError::Backend(detail) => RepoError::Unavailable(detail),
            other => other,
        },
        other => RepoError::Unavailable(other.to_string()),
    }
}
