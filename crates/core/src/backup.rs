//! The backup file: a whole database, or one forum, as one versioned JSON file with a
//! SHA-256 checksum, and the rules for refusing a file that is not one.
//!
//! ```json
//! {"format":"jiyn-backup","version":1,"sha256":"<hex of the exact bytes of body>",
//!  "body":{"created_at":"…","device":"…","forum":null,"records":[{"kind":…,"record":…}]}}
//! ```
//! The checksum covers the body's exact text, so a file that was truncated, edited or
//! damaged is refused before anything is stored. Reading checks, in order: JSON at all
//! (or cut short), our format, a version this app knows, the checksum, then every
//! record against its rules.

use crate::model::{AnyRecord, ValidationError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The `format` marker of a backup file.
pub const BACKUP_FORMAT: &str = "jiyn-backup";
/// The newest backup version this app writes and reads.
pub const BACKUP_VERSION: u32 = 1;
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

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes a backup file.
pub fn encode(body: &BackupBody) -> Result<String, serde_json::Error> {
    let body_text = serde_json::to_string(body)?;
    let raw = RawValue::from_string(body_text)?;
    serde_json::to_string(&EnvelopeOut {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
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

    /// 400 demo records (built once: the demo build is the slow part).
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
        assert!(text.starts_with(r#"{"format":"jiyn-backup","version":1,"sha256":""#));
        assert_eq!(decode(&text).unwrap(), body);
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
        let newer = text.replacen(r#""version":1"#, r#""version":2"#, 1);
        assert_eq!(
            decode(&newer),
            Err(BackupError::Newer {
                found: 2,
                supported: 1
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
