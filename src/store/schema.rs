//! The IndexedDB schema: database name, version, store and index names, and the upgrade
//! steps from each version to the next.
//!
//! WARNING: store and index names are part of the stored format. Renaming one needs a
//! new schema version with a migration step; never edit a shipped step.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;
use jiyn_core::RecordKind;

/// The app's database name (tests use their own unique names).
pub const DB_NAME: &str = "jiyn";

/// The current schema version. Each version has one step in [`upgrade`].
pub const SCHEMA_VERSION: u32 = 4;

pub const FORUMS: &str = "forums";
pub const SESSIONS: &str = "sessions";
pub const PARTICIPANTS: &str = "participants";
pub const CHECKINS: &str = "checkins";
pub const HOURS: &str = "hours";
pub const PROJECTS: &str = "projects";
/// Changes not yet acknowledged by a sync endpoint, keyed by change id.
pub const OUTBOX: &str = "outbox";
/// Device settings, `{ key, value }` keyed by `key`.
pub const SETTINGS: &str = "settings";
/// (v2) Records that could not be read back, set aside with why.
pub const QUARANTINE: &str = "quarantine";
/// (v3) Sign-ups for sessions with limited places.
pub const SIGNUPS: &str = "signups";
/// (v4) Volunteer shifts.
pub const SHIFTS: &str = "shifts";
/// (v4) Activity logs of social projects.
pub const ACTIVITIES: &str = "activities";

/// Index of every record store on `meta.forum`.
pub const BY_FORUM: &str = "by_forum";
/// Index of participants on `[meta.forum, badge_code]`.
pub const BY_BADGE: &str = "by_badge";
/// Index of check-ins on `participant`.
pub const BY_PARTICIPANT: &str = "by_participant";
/// (v3) Index of sign-ups on `session`.
pub const BY_SESSION: &str = "by_session";

/// Key path of every record store.
pub const RECORD_KEY: &str = "meta.id";

/// The object store of each record kind.
pub fn store_of(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Forum => FORUMS,
        RecordKind::Session => SESSIONS,
        RecordKind::Participant => PARTICIPANTS,
        RecordKind::CheckIn => CHECKINS,
        RecordKind::HourLog => HOURS,
        RecordKind::SocialProject => PROJECTS,
        RecordKind::SignUp => SIGNUPS,
        RecordKind::Shift => SHIFTS,
        RecordKind::Activity => ACTIVITIES,
    }
}

/// The record kinds whose stores version 1 created (frozen: a kind added later gets
/// its store in its own step, so [`RecordKind::ALL`] must not be used in `v1`).
const V1_KINDS: [RecordKind; 6] = [
    RecordKind::Forum,
    RecordKind::Session,
    RecordKind::Participant,
    RecordKind::CheckIn,
    RecordKind::HourLog,
    RecordKind::SocialProject,
];

/// Runs every step from `old` (0 for a new database) up to [`SCHEMA_VERSION`], in order.
pub fn upgrade(db: &Database, old: u32) -> indexed_db_futures::Result<()> {
    for step in old + 1..=SCHEMA_VERSION {
        match step {
            1 => v1(db)?,
            2 => v2(db)?,
            3 => v3(db)?,
            4 => v4(db)?,
            _ => unreachable!("no upgrade step for version {step}"),
        }
    }
    Ok(())
}

/// v1: the record stores with their indexes, the outbox and the settings.
fn v1(db: &Database) -> indexed_db_futures::Result<()> {
    for kind in V1_KINDS {
        let store = db
            .create_object_store(store_of(kind))
            .with_key_path(KeyPath::One(RECORD_KEY))
            .build()?;
        store
            .create_index(BY_FORUM, KeyPath::One("meta.forum"))
            .build()?;
        match kind {
            RecordKind::Participant => {
                store
                    .create_index(BY_BADGE, KeyPath::from(vec!["meta.forum", "badge_code"]))
                    .build()?;
            }
            RecordKind::CheckIn => {
                store
                    .create_index(BY_PARTICIPANT, KeyPath::One("participant"))
                    .build()?;
            }
            _ => {}
        }
    }
    db.create_object_store(OUTBOX)
        .with_key_path(KeyPath::One("id"))
        .build()?;
    db.create_object_store(SETTINGS)
        .with_key_path(KeyPath::One("key"))
        .build()?;
    Ok(())
}

/// v2: a quarantine for records that cannot be read back.
fn v2(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(QUARANTINE)
        .with_key_path(KeyPath::One("id"))
        .build()?;
    Ok(())
}

/// v3: sign-ups, by forum like every record store and by session for a roster.
fn v3(db: &Database) -> indexed_db_futures::Result<()> {
    let store = db
        .create_object_store(SIGNUPS)
        .with_key_path(KeyPath::One(RECORD_KEY))
        .build()?;
    store
        .create_index(BY_FORUM, KeyPath::One("meta.forum"))
        .build()?;
    store
        .create_index(BY_SESSION, KeyPath::One("session"))
        .build()?;
    Ok(())
}

/// v4: volunteer shifts and project activity logs, each by forum like every record store.
fn v4(db: &Database) -> indexed_db_futures::Result<()> {
    for name in [SHIFTS, ACTIVITIES] {
        db.create_object_store(name)
            .with_key_path(KeyPath::One(RECORD_KEY))
            .build()?
            .create_index(BY_FORUM, KeyPath::One("meta.forum"))
            .build()?;
    }
    Ok(())
}
