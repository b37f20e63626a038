//! The public agenda feed, `agenda.json`: a forum's programme as one versioned JSON file
//! that any web host can serve and any phone or partner widget can read, with no
//! account and no personal data.
//!
//! ```json
//! {"format":"jiyn-agenda","version":1,"generated_at":"2025-11-01T00:00:00Z",
//!  "forum":{"id":…,"title":{…},"time_zone":"Asia/Oral",…},
//!  "venues":[…],"stops":[…],
//!  "sessions":[{"id":…,"title":{…},"kind":"plenary",
//!               "starts_at":"2025-11-11T10:00:00","starts_at_utc":"2025-11-11T05:00:00Z",…}]}
//! ```
//!
//! Only public fields are copied, field by field, into types of this module: never a
//! participant, check-in, hour log, or record metadata (clock stamps, devices,
//! tombstones). A field added to a record therefore stays private until it is added
//! here, to `docs/agenda-feed.md` and to `docs/agenda-feed.schema.json`.
//!
//! Versioning: `version` is a major version. Adding an optional field keeps it (readers
//! ignore fields they do not know); removing, renaming or changing the meaning of a
//! field raises it, and a reader refuses a version newer than it knows.

use crate::model::{Forum, ForumFormat, I18nText, Lang, Session, SessionKind};
use crate::tz::{self, UnknownZone};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The `format` marker of an agenda feed.
pub const AGENDA_FORMAT: &str = "jiyn-agenda";
/// The newest major version this code writes and reads.
pub const AGENDA_VERSION: u32 = 1;
/// The file name the feed is published under.
pub const AGENDA_FILE: &str = "agenda.json";

/// A forum's public agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaFeed {
    /// Always [`AGENDA_FORMAT`].
    pub format: String,
    /// Always [`AGENDA_VERSION`] when written by this code.
    pub version: u32,
    /// When the feed was built.
    pub generated_at: DateTime<Utc>,
    pub forum: FeedForum,
    #[serde(default)]
    pub venues: Vec<FeedVenue>,
    #[serde(default)]
    pub stops: Vec<FeedStop>,
    /// In programme order: by local start, then end, then id.
    #[serde(default)]
    pub sessions: Vec<FeedSession>,
}

/// The public fields of a forum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedForum {
    pub id: Uuid,
    pub title: I18nText,
    #[serde(default, skip_serializing_if = "I18nText::is_empty")]
    pub city: I18nText,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The IANA zone of every local time in the feed.
    pub time_zone: String,
    pub format: ForumFormat,
    /// The organizer's Ed25519 public key (base64url, 32 bytes) that checks the forum's
    /// certificates of volunteer hours ([`crate::cert`]); absent when the forum has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedVenue {
    pub id: Uuid,
    pub name: I18nText,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<FeedRoom>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedRoom {
    pub id: Uuid,
    pub name: I18nText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

/// A stop of an outreach tour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedStop {
    pub id: Uuid,
    pub district: I18nText,
    pub place: I18nText,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    pub date: NaiveDate,
}

/// A venue, room or stop a session refers to, with its name so a reader need not look
/// it up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedRef {
    pub id: Uuid,
    pub name: I18nText,
}

/// The public fields of a session, with its times both as the forum's wall clock and as
/// UTC instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedSession {
    pub id: Uuid,
    pub title: I18nText,
    #[serde(default, skip_serializing_if = "I18nText::is_empty")]
    pub description: I18nText,
    pub kind: SessionKind,
    /// Wall clock in [`FeedForum::time_zone`].
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub starts_at_utc: DateTime<Utc>,
    pub ends_at_utc: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<FeedRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<FeedRef>,
    /// The tour stop; its name is the stop's place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<FeedRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Lang>,
}

/// Why a feed could not be built or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error("the forum's {0}")]
    UnknownZone(#[from] UnknownZone),
    #[error("session {0} is not part of the forum")]
    ForeignSession(Uuid),
    #[error("the forum is deleted")]
    ForumDeleted,
    #[error("the agenda is not JSON")]
    NotJson,
    #[error("the agenda is cut short")]
    Truncated,
    #[error("the file is not a Jiyn agenda")]
    Foreign,
    #[error("the agenda was made by a newer version of Jiyn (version {found}, this app reads up to {supported})")]
    Newer { found: u32, supported: u32 },
    #[error("the agenda is malformed: {0}")]
    Malformed(String),
}

/// Builds the feed of a forum from its sessions (tombstoned ones are left out).
pub fn build<'s>(
    forum: &Forum,
    sessions: impl IntoIterator<Item = &'s Session>,
    generated_at: DateTime<Utc>,
) -> Result<AgendaFeed, FeedError> {
    if forum.meta.deleted {
        return Err(FeedError::ForumDeleted);
    }
    let zone = tz::require(&forum.time_zone)?;
    let venues: Vec<FeedVenue> = forum
        .venues
        .iter()
        .map(|v| FeedVenue {
            id: v.id,
            name: v.name.clone(),
            address: v.address.clone(),
            rooms: v
                .rooms
                .iter()
                .map(|r| FeedRoom {
                    id: r.id,
                    name: r.name.clone(),
                    capacity: r.capacity,
                })
                .collect(),
        })
        .collect();
    let stops: Vec<FeedStop> = forum
        .stops
        .iter()
        .map(|s| FeedStop {
            id: s.id,
            district: s.district.clone(),
            place: s.place.clone(),
            address: s.address.clone(),
            date: s.date,
        })
        .collect();

    let mut out = Vec::new();
    for s in sessions {
        if s.meta.forum != forum.meta.id {
            return Err(FeedError::ForeignSession(s.meta.id));
        }
        if s.meta.deleted {
            continue;
        }
        let venue = s
            .venue
            .and_then(|id| venues.iter().find(|v| v.id == id))
            .map(|v| FeedRef {
                id: v.id,
                name: v.name.clone(),
            });
        let room = s
            .room
            .and_then(|id| venues.iter().flat_map(|v| &v.rooms).find(|r| r.id == id))
            .map(|r| FeedRef {
                id: r.id,
                name: r.name.clone(),
            });
        let stop = s
            .stop
            .and_then(|id| stops.iter().find(|x| x.id == id))
            .map(|x| FeedRef {
                id: x.id,
                name: x.place.clone(),
            });
        out.push(FeedSession {
            id: s.meta.id,
            title: s.title.clone(),
            description: s.description.clone(),
            kind: s.kind,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            starts_at_utc: zone.to_utc(s.starts_at),
            ends_at_utc: zone.to_utc(s.ends_at),
            venue,
            room,
            stop,
            speakers: s.speakers.clone(),
            capacity: s.capacity,
            languages: s.languages.clone(),
        });
    }
    out.sort_by_key(|s| (s.starts_at, s.ends_at, s.id));

    Ok(AgendaFeed {
        format: AGENDA_FORMAT.to_string(),
        version: AGENDA_VERSION,
        generated_at,
        forum: FeedForum {
            id: forum.meta.id,
            title: forum.title.clone(),
            city: forum.city.clone(),
            starts_on: forum.starts_on,
            ends_on: forum.ends_on,
            time_zone: zone.name().to_string(),
            format: forum.format,
            // Only a well-formed key is published (a damaged one would verify nothing).
            signing_key: forum
                .signing_key
                .as_deref()
                .map(str::trim)
                .filter(|k| crate::cert::base64url_decode(k).is_some_and(|b| b.len() == 32))
                .map(str::to_string),
        },
        venues,
        stops,
        sessions: out,
    })
}

/// The feed as JSON text.
pub fn encode(feed: &AgendaFeed) -> Result<String, serde_json::Error> {
    serde_json::to_string(feed)
}

/// The loose first look at a file: is it ours, and which version?
#[derive(Deserialize)]
struct Envelope {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Reads a feed: refuses, in this order, what is not JSON (or cut short), not a Jiyn
/// agenda, of a newer major version, or malformed (wrong types, a session ending before
/// it starts). Fields this version does not know are ignored.
pub fn decode(text: &str) -> Result<AgendaFeed, FeedError> {
    let envelope: Envelope = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            FeedError::Truncated
        } else if e.is_syntax() {
            FeedError::NotJson
        } else {
            FeedError::Foreign
        }
    })?;
    if envelope.format.as_ref().and_then(|f| f.as_str()) != Some(AGENDA_FORMAT) {
        return Err(FeedError::Foreign);
    }
    let version = envelope
        .version
        .as_ref()
        .and_then(|v| v.as_u64())
        .ok_or_else(|| FeedError::Malformed("no version".into()))?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > AGENDA_VERSION {
        return Err(FeedError::Newer {
            found: version,
            supported: AGENDA_VERSION,
        });
    }
    if version == 0 {
        return Err(FeedError::Malformed("version 0".into()));
    }
    let feed: AgendaFeed =
        serde_json::from_str(text).map_err(|e| FeedError::Malformed(e.to_string()))?;
    if feed.forum.ends_on < feed.forum.starts_on {
        return Err(FeedError::Malformed(
            "the forum ends before it starts".into(),
        ));
    }
    for s in &feed.sessions {
        if s.ends_at < s.starts_at || s.ends_at_utc < s.starts_at_utc {
            return Err(FeedError::Malformed(format!(
                "session {} ends before it starts",
                s.id
            )));
        }
    }
    Ok(feed)
}
