//! The backup file: a whole database, or one forum, as one versioned JSON file with a
//! SHA-256 checksum, and the rules for refusing a file that is not one.
//!
//! ```json
//! {"format":"jiyn-backup","version":1,"sha256":"<hex of the exact bytes of body>",
//!  "body":{"created_at":"…","device":"…","forum":null,"records":[{"kind":…,"record":…}]}}
//! ```
//! Versions: 1 holds the record kinds up to social projects; 2 adds sign-ups
//! ([`crate::SignUp`]); 3 adds volunteer shifts and project activity logs
//! ([`crate::Shift`], [`crate::Activity`]). A file is written with the lowest version that can hold what is
//! in it, so a backup without sign-ups still opens in an app that reads only version 1,
//! and one with sign-ups is refused there as "made by a newer version" rather than as
//! damaged. Every version up to [`BACKUP_VERSION`] is read.
//! The checksum covers the body's exact text, so a file that was truncated, edited or
//! damaged is refused before anything is stored. Reading checks, in order: JSON at all
//! (or cut short), our format, a version this app knows, the checksum, then every
//! record against its rules.

use crate::model::{AnyRecord, RecordKind, ValidationError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The `format` marker of a backup file.
pub const BACKUP_FORMAT: &str = "jiyn-backup";
/// The newest backup version this app writes and reads.
pub const BACKUP_VERSION: u32 = 3;
/// File name suffix, for the download.
pub const BACKUP_EXTENSION: &str = "jiyn.json";

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupBody {
    pub created_at: DateTime<Utc>,
    /// The device that made the backup.
    pub device: String,
    /// The one forum backed up, or `None` for the whole database.
    pub forum: Option<Uuid>,
    pub records: Vec<AnyRecord>,
}

/// Why a file was refused. Nothing is stored when any of these happens.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error("the file is not a Jiyn backup (not JSON)")]
    NotJson,
    #[error("the file is cut short")]
    Truncated,
    #[error("the file is not a Jiyn backup")]
    Foreign,
    #[error("the backup was made by a newer version of Jiyn (format {found}, this app reads up to {supported})")]
    Newer { found: u32, supported: u32 },
    #[error("the backup is damaged: its checksum does not match")]
    Checksum,
    #[error("the backup is damaged: {0}")]
    Malformed(String),
    #[error("record {id} in the backup breaks a rule: {error}")]
    InvalidRecord { id: Uuid, error: ValidationError },
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    version: u32,
    sha256: String,
    body: &'a RawValue,
}

#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    format: Option<String>,
    version: Option<u32>,
    sha256: Option<String>,
    #[serde(borrow)]
    body: Option<&'a RawValue>,
}

/// SHA-256 of `bytes` in lower-case hex (the backup checksum; also the e2e digest).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The lowest backup version that can hold these records: 3 when there are shifts or
/// activities, 2 when there are sign-ups (unknown to version-1 readers), else 1.
pub fn version_for(records: &[AnyRecord]) -> u32 {
    records
        .iter()
        .map(|r| match r.kind() {
            RecordKind::Shift | RecordKind::Activity => 3,
            RecordKind::SignUp => 2,
            _ => 1,
        })
        .max()
        .unwrap_or(1)
}

/// Writes a backup file (with [`version_for`] its records).
pub fn encode(body: &BackupBody) -> Result<String, serde_json::Error> {
    let body_text = serde_json::to_string(body)?;
    let raw = RawValue::from_string(body_text)?;
    serde_json::to_string(&EnvelopeOut {
        format: BACKUP_FORMAT,
        version: version_for(&body.records),
        sha256: sha256_hex(raw.get().as_bytes()),
        body: &raw,
    })
}

/// Reads and checks a backup file; any problem refuses the whole file.
pub fn decode(text: &str) -> Result<BackupBody, BackupError> {
    let envelope: EnvelopeIn<'_> = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            BackupError::Truncated
        } else if e.is_syntax() {
            BackupError::NotJson
        } else {
            BackupError::Foreign
        }
    })?;
    if envelope.format.as_deref() != Some(BACKUP_FORMAT) {
        return Err(BackupError::Foreign);
    }
    let version = envelope.version.ok_or(BackupError::Foreign)?;
    if version > BACKUP_VERSION {
        return Err(BackupError::Newer {
            found: version,
            supported: BACKUP_VERSION,
        });
    }
    if version == 0 {
        return Err(BackupError::Foreign);
    }
    let body = envelope
        .body
        .ok_or_else(|| BackupError::Malformed("no body".into()))?;
    let expected = envelope
        .sha256
        .ok_or_else(|| BackupError::Malformed("no checksum".into()))?;
    if !sha256_hex(body.get().as_bytes()).eq_ignore_ascii_case(&expected) {
        return Err(BackupError::Checksum);
    }
    let body: BackupBody =
        serde_json::from_str(body.get()).map_err(|e| BackupError::Malformed(e.to_string()))?;
    for record in &body.records {
        record
            .validate()
            .map_err(|error| BackupError::InvalidRecord {
                id: record.meta().id,
                error,
            })?;
        if let Some(forum) = body.forum {
            if record.meta().forum != forum {
                return Err(BackupError::Malformed(format!(
                    "record {} is not of the backed-up forum",
                    record.meta().id
                )));
            }
        }
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use proptest::prelude::*;

    /// 400 demo records of the kinds version 1 holds (built once: the demo build is
    /// the slow part).
    fn sample() -> BackupBody {
        static SAMPLE: std::sync::OnceLock<BackupBody> = std::sync::OnceLock::new();
        SAMPLE
            .get_or_init(|| BackupBody {
                created_at: DateTime::from_timestamp(1_762_840_800, 0).unwrap(),
                device: "desk-1".into(),
                forum: None,
                records: demo::build()
                    .unwrap()
                    .into_iter()
                    .map(|(r, _)| r)
                    .filter(|r| version_for(std::slice::from_ref(r)) == 1)
                    .take(400)
                    .collect(),
            })
            .clone()
    }

    /// A small backup's text, for the byte-flipping property test.
    fn small_text() -> &'static str {
        static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        TEXT.get_or_init(|| {
            let s = sample();
            encode(&BackupBody {
                records: s.records.into_iter().take(5).collect(),
                ..sample()
            })
            .unwrap()
        })
    }

    #[test]
    fn round_trip_keeps_every_record() {
        let body = sample();
        let text = encode(&body).unwrap();
        assert!(
            text.starts_with(r#"{"format":"jiyn-backup","version":1,"sha256":""#),
            "no sign-ups: still version 1, readable by older apps"
        );
        assert_eq!(decode(&text).unwrap(), body);
    }

    /// Sign-ups of one session: a live one, a cancelled one (edited after creation)
    /// and a tombstone, so every optional part of the record travels.
    fn signups(forum: Uuid) -> Vec<AnyRecord> {
        use crate::change::Writer;
        use crate::hlc::{DeviceId, HlcClock};
        use crate::model::SignUp;
        let mut w = Writer::new(HlcClock::new(DeviceId::new("phone-a").unwrap()));
        let session = Uuid::from_u128(77);
        let mut make = |at: u64, name: &str, contact: Option<&str>| {
            w.create(at, Some(forum), |meta| SignUp {
                meta,
                session,
                name: name.into(),
                participant: None,
                contact: contact.map(Into::into),
                cancelled: false,
            })
            .unwrap()
            .0
        };
        let live = make(1_762_840_800_000, "Әлия", Some("+77001234567"));
        let to_cancel = make(1_762_840_800_001, "Бауыржан", None);
        let to_delete = make(1_762_840_800_002, "Гүлназ", None);
        let cancelled = w
            .edit(1_762_840_800_010, &to_cancel, |s| {
                s.cancelled = true;
                s.participant = Some(Uuid::from_u128(5));
            })
            .unwrap()
            .unwrap()
            .0;
        let deleted = w.delete(1_762_840_800_020, &to_delete).unwrap().0;
        vec![live.into(), cancelled.into(), deleted.into()]
    }

    #[test]
    fn a_backup_with_shifts_and_hours_round_trips_as_version_3() {
        let all: Vec<AnyRecord> = demo::build().unwrap().into_iter().map(|(r, _)| r).collect();
        let body = BackupBody {
            records: all
                .into_iter()
                .filter(|r| {
                    matches!(
                        r.kind(),
                        RecordKind::Forum
                            | RecordKind::Shift
                            | RecordKind::HourLog
                            | RecordKind::SignUp
                    )
                })
                .collect(),
            ..sample()
        };
        assert!(body.records.iter().any(|r| r.kind() == RecordKind::Shift));
        let text = encode(&body).unwrap();
        assert!(text.starts_with(r#"{"format":"jiyn-backup","version":3,"sha256":""#));
        assert_eq!(decode(&text).unwrap(), body);
    }

    #[test]
    fn a_backup_with_sign_ups_round_trips_as_version_2() {
        let mut body = sample();
        body.records.truncate(50);
        let forum = body.records[0].meta().forum;
        body.records.extend(signups(forum));
        let text = encode(&body).unwrap();
        assert!(text.starts_with(r#"{"format":"jiyn-backup","version":2,"sha256":""#));
        assert!(text.contains(r#""kind":"sign_up""#));
        let back = decode(&text).unwrap();
        assert_eq!(back, body);
        let kept: Vec<&AnyRecord> = back
            .records
            .iter()
            .filter(|r| r.kind() == RecordKind::SignUp)
            .collect();
        assert_eq!(kept.len(), 3);
        assert!(kept.iter().any(|r| r.meta().deleted), "tombstones travel");
        assert!(kept
            .iter()
            .any(|r| matches!(r, AnyRecord::SignUp(s) if s.cancelled && s.participant.is_some())));

        // A forum backup with sign-ups of that forum is accepted too.
        let one = BackupBody {
            forum: Some(forum),
            records: signups(forum),
            ..sample()
        };
        assert_eq!(decode(&encode(&one).unwrap()).unwrap(), one);

        // A sign-up that breaks its rule is refused like any other record.
        let mut bad = one.clone();
        if let AnyRecord::SignUp(s) = &mut bad.records[0] {
            s.name = " ".into();
        }
        assert!(matches!(
            decode(&encode(&bad).unwrap()),
            Err(BackupError::InvalidRecord {
                error: ValidationError::Required { field: "name" },
                ..
            })
        ));
    }

    /// A file written by the app before sign-ups existed (version 1, frozen: never
    /// edit the fixture) still reads, tombstones and edit stamps included.
    #[test]
    fn a_version_1_backup_from_before_sign_ups_still_reads() {
        let text = include_str!("../tests/fixtures/backup-v1.jiyn.json");
        assert!(text.starts_with(r#"{"format":"jiyn-backup","version":1,"#));
        let body = decode(text).unwrap();
        let forum: Uuid = "0199a0b0-0000-7000-8000-000000000001".parse().unwrap();
        assert_eq!(body.forum, Some(forum));
        assert_eq!(body.device, "desk-1");
        let kinds: Vec<RecordKind> = body.records.iter().map(AnyRecord::kind).collect();
        assert_eq!(
            kinds,
            [
                RecordKind::Forum,
                RecordKind::Session,
                RecordKind::Participant,
                RecordKind::Participant,
                RecordKind::CheckIn
            ]
        );
        assert!(body.records[3].meta().deleted);
        let AnyRecord::Participant(p) = &body.records[2] else {
            panic!("a participant")
        };
        assert_eq!(p.organisation, "ЖРО");
        assert!(p.meta.stamps.contains_key("organisation"));
        // Written again today it is still a version-1 file with the same records.
        let again = encode(&body).unwrap();
        assert!(again.starts_with(r#"{"format":"jiyn-backup","version":1,"#));
        assert_eq!(decode(&again).unwrap(), body);
    }

    #[test]
    fn refuses_truncated_foreign_newer_and_damaged_files() {
        let text = encode(&sample()).unwrap();
        assert_eq!(decode(&text[..text.len() / 2]), Err(BackupError::Truncated));
        assert_eq!(decode(""), Err(BackupError::Truncated));
        assert_eq!(decode("PK\u{3}\u{4} zip bytes"), Err(BackupError::NotJson));
        assert_eq!(
            decode(r#"{"schedule":{"version":"1"}}"#),
            Err(BackupError::Foreign)
        );
        assert_eq!(decode("[1,2,3]"), Err(BackupError::Foreign));
        let next = BACKUP_VERSION + 1;
        let newer = text.replacen(r#""version":1"#, &format!(r#""version":{next}"#), 1);
        assert_eq!(
            decode(&newer),
            Err(BackupError::Newer {
                found: next,
                supported: BACKUP_VERSION
            })
        );
        let damaged = text.replacen("Орал", "Арал", 1);
        assert_eq!(decode(&damaged), Err(BackupError::Checksum));
    }

    #[test]
    fn refuses_a_record_that_breaks_a_rule_even_with_a_good_checksum() {
        let mut body = sample();
        if let AnyRecord::Participant(p) = body
            .records
            .iter_mut()
            .find(|r| matches!(r, AnyRecord::Participant(_)))
            .unwrap()
        {
            p.full_name = "  ".into();
        }
        let text = encode(&body).unwrap();
        assert!(matches!(
            decode(&text),
            Err(BackupError::InvalidRecord { .. })
        ));
    }

    #[test]
    fn refuses_records_of_another_forum_in_a_forum_backup() {
        let mut body = sample();
        body.forum = Some(Uuid::from_u128(42));
        assert!(matches!(
            decode(&encode(&body).unwrap()),
            Err(BackupError::Malformed(_))
        ));
    }

    proptest! {
        #[test]
        fn random_bytes_are_refused_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let text = String::from_utf8_lossy(&bytes);
            prop_assert!(decode(&text).is_err());
        }

        #[test]
        fn any_single_byte_change_inside_the_body_is_caught(pos in 0usize..10_000, byte in any::<u8>()) {
            let text = small_text().to_string();
            let start = text.find(r#""body":"#).unwrap() + 7;
            let mut bytes = text.into_bytes();
            let i = start + pos % (bytes.len() - start - 1);
            prop_assume!(bytes[i] != byte);
            bytes[i] = byte;
            let text = String::from_utf8_lossy(&bytes);
            prop_assert!(decode(&text).is_err());
        }
    }
}
