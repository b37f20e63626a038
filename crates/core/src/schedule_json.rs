//! The c3voc / frab / pretalx `schedule.json` format: export a forum's programme to it,
//! and import one into a new forum with its sessions.
//!
//! `schedule.json` is what frab and pretalx publish and what schedule viewers, recording
//! tools and conference apps read (its JSON Schema: `https://c3voc.de/schedule/schema.json`).
//! The mapping both ways, and what it loses, is in `docs/schedule-json.md`.
//!
//! - **Export** writes a document that validates against that schema: days of events
//!   grouped by room, each with `guid` (the session id), `date` with the forum's UTC
//!   offset, `duration`, persons, and `type` (the session kind's code).
//! - **Import** accepts what real frab and pretalx exports contain (they do not
//!   validate strictly): it reads the file in its own key order, converts every event
//!   to the forum's wall clock, and makes a forum, one venue with the schedule's rooms,
//!   and one session per event, through a [`Writer`] (fresh UUID v7 ids and stamps). A
//!   malformed file is refused with a [`ScheduleError`] naming the place (`days[0]…`);
//!   what can be read but not kept is reported as an [`ImportWarning`].

use crate::change::{Change, WriteError, Writer};
use crate::ids::new_id;
use crate::model::{
    AnyRecord, Forum, ForumFormat, I18nText, Lang, Record, Room, Session, SessionKind,
    ValidationError, Venue,
};
use crate::tz::{self, UnknownZone, Zone};
use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeDelta,
    Timelike, Utc,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap, HashSet};
use uuid::Uuid;

/// The schema a written document names in `$schema`.
pub const SCHEMA_URL: &str = "https://c3voc.de/schedule/schema.json";
/// The largest file [`import`] reads.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// The longest event [`import`] accepts; longer is taken for a typing error.
pub const MAX_EVENT_HOURS: i64 = 24 * 31;
/// The years [`import`] accepts in dates.
pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=2200;
/// A schedule spanning at most this many days gets every date as a `day` on export,
/// sessions or not; a longer one (a year-long project programme) only the dates with
/// sessions.
pub const MAX_DENSE_DAYS: i64 = 31;

/// Why a schedule could not be imported or exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("the file is too large ({0} bytes)")]
    TooLarge(usize),
    #[error("the file is not JSON: {0}")]
    NotJson(String),
    #[error("the file is cut short")]
    Truncated,
    #[error("{path}: missing")]
    Missing { path: String },
    #[error("{path}: expected {expected}, found {found}")]
    WrongType {
        path: String,
        expected: &'static str,
        found: &'static str,
    },
    #[error("{path}: {value:?} is not a duration (HH:MM)")]
    BadDuration { path: String, value: String },
    #[error("{path}: {value:?} is not a date and time")]
    BadDate { path: String, value: String },
    #[error("{0}")]
    UnknownZone(#[from] UnknownZone),
    #[error("the schedule names no time zone and its times do not share one whole-hour UTC offset ({0}); choose the forum's time zone")]
    NoTimeZone(String),
    #[error("{path}: {error}")]
    Invalid {
        path: String,
        error: ValidationError,
    },
    #[error("session {0} is not part of the forum")]
    ForeignSession(Uuid),
    #[error("could not write a record: {0}")]
    Write(String),
}

/// Something an import read but could not keep as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportWarning {
    /// The file names no time zone; this fixed-offset zone fits all its times.
    GuessedTimeZone { zone: String },
    /// Events in a language other than Kazakh, Russian or English: their texts are
    /// kept in the import's language and the language is not listed.
    UnsupportedLanguage { code: String, events: usize },
    /// An event that breaks a Jiyn rule (no title, ends when it starts) is left out.
    SkippedEvent {
        path: String,
        title: String,
        error: ValidationError,
    },
}

// ---------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------

/// How to write a schedule.
#[derive(Clone, Copy)]
pub struct ExportOptions<'a> {
    /// Language of every text (with fallback).
    pub lang: Lang,
    /// `schedule.base_url`, if the programme is published somewhere.
    pub base_url: Option<&'a str>,
    /// Each event's `url`, with `{id}` standing for the session id; `urn:uuid:{id}`
    /// when `None`.
    pub event_url: Option<&'a str>,
    /// The label of a kind, written as the event's `track`; English labels when `None`.
    pub kind_label: Option<&'a dyn Fn(SessionKind) -> String>,
}

impl std::fmt::Debug for ExportOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportOptions")
            .field("lang", &self.lang)
            .field("base_url", &self.base_url)
            .field("event_url", &self.event_url)
            .finish_non_exhaustive()
    }
}

impl ExportOptions<'_> {
    /// Options with no URLs and English track labels.
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            base_url: None,
            event_url: None,
            kind_label: None,
        }
    }
}

#[derive(Serialize)]
struct DocOut<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    generator: GeneratorOut,
    schedule: ScheduleOut<'a>,
}

#[derive(Serialize)]
struct GeneratorOut {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct ScheduleOut<'a> {
    version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<&'a str>,
    conference: Box<serde_json::value::RawValue>,
}

#[derive(Serialize)]
struct ConferenceOut {
    acronym: String,
    title: String,
    start: NaiveDate,
    end: NaiveDate,
    #[serde(rename = "daysCount")]
    days_count: usize,
    timeslot_duration: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_zone_name: Option<&'static str>,
    rooms: Vec<RoomOut>,
    tracks: Vec<TrackOut>,
    days: Vec<DayOut>,
}

#[derive(Serialize)]
struct RoomOut {
    name: String,
    guid: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    capacity: Option<u32>,
}

#[derive(Serialize)]
struct TrackOut {
    name: String,
    slug: String,
}

#[derive(Serialize)]
struct DayOut {
    index: usize,
    date: NaiveDate,
    day_start: String,
    day_end: String,
    rooms: RoomsOut,
}

/// Room name → events, in the order given (a JSON object keeps it in the text).
struct RoomsOut(Vec<(String, Vec<EventOut>)>);

impl Serialize for RoomsOut {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, events) in &self.0 {
            map.serialize_entry(name, events)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct EventOut {
    guid: Uuid,
    id: u32,
    date: String,
    start: String,
    end: String,
    duration: String,
    room: String,
    slug: String,
    url: String,
    title: String,
    subtitle: String,
    track: String,
    #[serde(rename = "type")]
    kind: String,
    language: Option<&'static str>,
    #[serde(rename = "abstract")]
    abstract_: String,
    description: String,
    persons: Vec<PersonOut>,
    links: [(); 0],
}

/// A speaker. `name` is the current field, `public_name` the one older readers know;
/// with no `id` it is a valid pretalx-style person.
#[derive(Serialize)]
struct PersonOut {
    name: String,
    public_name: String,
}

/// Where sessions happen, as schedule rooms: every room of every venue, then venues
/// used without a room, then tour stops used, each with a name unique in the file.
struct Places {
    list: Vec<Place>,
}

struct Place {
    key: PlaceKey,
    label: String,
    capacity: Option<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PlaceKey {
    Room(Uuid),
    Venue(Uuid),
    Stop(Uuid),
}

impl PlaceKey {
    fn id(self) -> Uuid {
        match self {
            PlaceKey::Room(id) | PlaceKey::Venue(id) | PlaceKey::Stop(id) => id,
        }
    }
}

impl Places {
    fn new(forum: &Forum, sessions: &[&Session], lang: Lang) -> Places {
        let text = |t: &I18nText| t.get(lang).0.trim().to_string();
        let mut list = Vec::new();
        for v in &forum.venues {
            for r in &v.rooms {
                let room = text(&r.name);
                list.push((PlaceKey::Room(r.id), room, text(&v.name), r.capacity));
            }
        }
        let keys: Vec<PlaceKey> = sessions
            .iter()
            .filter_map(|s| place_key(forum, s))
            .collect();
        for v in &forum.venues {
            if keys.contains(&PlaceKey::Venue(v.id)) {
                list.push((PlaceKey::Venue(v.id), text(&v.name), String::new(), None));
            }
        }
        for st in &forum.stops {
            if keys.contains(&PlaceKey::Stop(st.id)) {
                let (place, district) = (text(&st.place), text(&st.district));
                let label = match (place.is_empty(), district.is_empty()) {
                    (false, false) if place != district => format!("{place}, {district}"),
                    (true, _) => district,
                    _ => place,
                };
                list.push((PlaceKey::Stop(st.id), label, String::new(), None));
            }
        }
        // Unique names: qualify a shared room name with its venue, then number.
        let count = |list: &[(PlaceKey, String, String, Option<u32>)], l: &str| {
            list.iter().filter(|x| x.1 == l).count()
        };
        let snapshot = list.clone();
        for item in &mut list {
            if item.1.is_empty() {
                item.1 = item.0.id().to_string()[..8].to_string();
            } else if count(&snapshot, &item.1) > 1 && !item.2.is_empty() {
                item.1 = format!("{} / {}", item.2, item.1);
            }
        }
        let mut seen: HashSet<String> = HashSet::new();
        let mut out = Vec::new();
        for (key, label, _, capacity) in list {
            let mut unique = label.clone();
            let mut n = 2;
            while !seen.insert(unique.clone()) {
                unique = format!("{label} ({n})");
                n += 1;
            }
            out.push(Place {
                key,
                label: unique,
                capacity,
            });
        }
        Places { list: out }
    }

    fn index_of(&self, forum: &Forum, s: &Session) -> Option<usize> {
        let key = place_key(forum, s)?;
        self.list.iter().position(|p| p.key == key)
    }
}

/// The place a session is written under: its room, else its venue, else its stop.
fn place_key(forum: &Forum, s: &Session) -> Option<PlaceKey> {
    let rooms = || forum.venues.iter().flat_map(|v| &v.rooms);
    if let Some(r) = s.room.filter(|id| rooms().any(|r| r.id == *id)) {
        return Some(PlaceKey::Room(r));
    }
    if let Some(v) = s
        .venue
        .filter(|id| forum.venues.iter().any(|v| v.id == *id))
    {
        return Some(PlaceKey::Venue(v));
    }
    s.stop
        .filter(|id| forum.stops.iter().any(|st| st.id == *id))
        .map(PlaceKey::Stop)
}

/// Writes the forum's sessions (tombstoned ones left out) as a `schedule.json` text.
pub fn export<'s>(
    forum: &Forum,
    sessions: impl IntoIterator<Item = &'s Session>,
    opts: &ExportOptions<'_>,
) -> Result<String, ScheduleError> {
    let zone = tz::require(&forum.time_zone)?;
    let mut list: Vec<&Session> = Vec::new();
    for s in sessions {
        if s.meta.forum != forum.meta.id {
            return Err(ScheduleError::ForeignSession(s.meta.id));
        }
        if !s.meta.deleted {
            list.push(s);
        }
    }
    let lang = opts.lang;
    // Programme order; the title before the id, so a schedule read back (new ids)
    // and written again lists events the same way.
    list.sort_by(|a, b| {
        (a.starts_at, a.ends_at, a.title.get(lang).0, a.meta.id).cmp(&(
            b.starts_at,
            b.ends_at,
            b.title.get(lang).0,
            b.meta.id,
        ))
    });
    let places = Places::new(forum, &list, lang);
    let title = forum.title.get(lang).0.trim().to_string();
    let acronym = acronym(&title);
    let label = |k: SessionKind| match opts.kind_label {
        Some(f) => f(k),
        None => crate::ical::english_kind_label(k).to_string(),
    };

    // The schedule spans the forum's dates and every session's start date.
    let mut dates: BTreeSet<NaiveDate> = list.iter().map(|s| s.starts_at.date()).collect();
    let start = dates
        .first()
        .map_or(forum.starts_on, |d| forum.starts_on.min(*d));
    let end = dates
        .last()
        .map_or(forum.ends_on, |d| forum.ends_on.max(*d));
    if (end - start).num_days() < MAX_DENSE_DAYS {
        dates.extend(start.iter_days().take_while(|d| *d <= end));
    }

    // Each session with the index of its place (`None`: no place).
    let placed: Vec<(&Session, Option<usize>)> = list
        .iter()
        .map(|s| (*s, places.index_of(forum, s)))
        .collect();
    let mut ids: HashSet<u32> = HashSet::new();
    let mut tracks: Vec<SessionKind> = Vec::new();
    let mut days = Vec::new();
    for (i, date) in dates.iter().enumerate() {
        let today: Vec<(&Session, Option<usize>)> = placed
            .iter()
            .copied()
            .filter(|(s, _)| s.starts_at.date() == *date)
            .collect();
        let midnight = date.and_time(NaiveTime::MIN);
        let next_midnight = date
            .succ_opt()
            .map_or(midnight, |d| d.and_time(NaiveTime::MIN));
        let day_end = today
            .iter()
            .map(|(s, _)| s.ends_at)
            .fold(next_midnight, NaiveDateTime::max);
        let mut rooms: Vec<(String, Vec<EventOut>)> = Vec::new();
        let slots = (0..places.list.len()).map(Some).chain([None]);
        for slot in slots {
            let events: Vec<EventOut> = today
                .iter()
                .filter(|(_, place)| *place == slot)
                .map(|(s, _)| {
                    if !tracks.contains(&s.kind) {
                        tracks.push(s.kind);
                    }
                    event_out(
                        s,
                        zone,
                        slot.map(|i| &places.list[i]),
                        &acronym,
                        &mut ids,
                        opts,
                        &label,
                    )
                })
                .collect();
            if !events.is_empty() {
                let name = slot.map_or(String::new(), |i| places.list[i].label.clone());
                rooms.push((name, events));
            }
        }
        days.push(DayOut {
            index: i + 1,
            date: *date,
            day_start: with_offset(zone, midnight),
            day_end: with_offset(zone, day_end),
            rooms: RoomsOut(rooms),
        });
    }

    let conference = ConferenceOut {
        acronym,
        title,
        start,
        end,
        days_count: days.len(),
        timeslot_duration: timeslot(&list),
        time_zone_name: schema_zone_name(zone),
        rooms: places
            .list
            .iter()
            .map(|p| RoomOut {
                name: p.label.clone(),
                guid: p.key.id(),
                capacity: p.capacity,
            })
            .collect(),
        tracks: tracks
            .iter()
            .map(|k| TrackOut {
                name: label(*k),
                slug: kind_code(*k),
            })
            .collect(),
        days,
    };
    let write = |e: serde_json::Error| ScheduleError::Write(e.to_string());
    let conference = serde_json::to_string(&conference).map_err(write)?;
    let version = Sha256::digest(conference.as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    let doc = DocOut {
        schema: SCHEMA_URL,
        generator: GeneratorOut {
            name: "jiyn",
            version: env!("CARGO_PKG_VERSION"),
        },
        schedule: ScheduleOut {
            version,
            base_url: opts.base_url,
            conference: serde_json::value::RawValue::from_string(conference).map_err(write)?,
        },
    };
    serde_json::to_string(&doc).map_err(write)
}

fn event_out(
    s: &Session,
    zone: Zone,
    place: Option<&Place>,
    acronym: &str,
    ids: &mut HashSet<u32>,
    opts: &ExportOptions<'_>,
    label: &dyn Fn(SessionKind) -> String,
) -> EventOut {
    let lang = opts.lang;
    let start = zone.to_utc(s.starts_at);
    let end = zone.to_utc(s.ends_at).max(start);
    let minutes = (end - start).num_minutes();
    let id = event_number(s.meta.id, ids);
    EventOut {
        guid: s.meta.id,
        id,
        date: with_offset(zone, s.starts_at),
        start: zone.to_local(start).format("%H:%M").to_string(),
        end: with_offset(zone, s.ends_at.max(s.starts_at)),
        duration: format!("{:02}:{:02}", minutes / 60, minutes % 60),
        room: place.map_or(String::new(), |p| p.label.clone()),
        slug: format!("{acronym}-{id}"),
        url: match opts.event_url {
            Some(t) => t.replace("{id}", &s.meta.id.to_string()),
            None => format!("urn:uuid:{}", s.meta.id),
        },
        title: s.title.get(lang).0.to_string(),
        subtitle: String::new(),
        track: label(s.kind),
        kind: kind_code(s.kind),
        language: s.languages.first().map(|l| l.code()),
        abstract_: s.description.get(lang).0.to_string(),
        description: String::new(),
        persons: s
            .speakers
            .iter()
            .map(|p| PersonOut {
                name: p.clone(),
                public_name: p.clone(),
            })
            .collect(),
        links: [],
    }
}

/// A stable event number from the session id (the format's deprecated integer `id`),
/// moved on past numbers already used in the file.
fn event_number(id: Uuid, used: &mut HashSet<u32>) -> u32 {
    const RANGE: u64 = 999_999_999;
    let v = id.as_u128();
    let h = (v as u64) ^ ((v >> 64) as u64);
    let mut n = (h % RANGE) as u32 + 1;
    while !used.insert(n) {
        n = n % RANGE as u32 + 1;
    }
    n
}

/// `2025-11-11T10:00:00+05:00`: a local time with the zone's offset at that time.
fn with_offset(zone: Zone, local: NaiveDateTime) -> String {
    let utc = zone.to_utc(local);
    utc.with_timezone(&zone.offset_at_utc(utc))
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// The grid of the schedule: the largest number of minutes dividing an hour, every
/// start time and every duration.
fn timeslot(sessions: &[&Session]) -> String {
    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    let minutes = sessions.iter().flat_map(|s| {
        let start = i64::from(s.starts_at.hour() * 60 + s.starts_at.minute());
        [start, (s.ends_at - s.starts_at).num_minutes()]
    });
    let slot = if sessions.is_empty() {
        15
    } else {
        minutes.fold(60, |g, m| gcd(g, m.abs()))
    };
    format!("{:02}:{:02}", slot / 60, slot % 60)
}

/// The zone name as the schema's pattern allows it (`Area/City` or `UTC`); fixed-offset
/// `Etc/…` zones are left out, since every `date` carries its offset anyway.
fn schema_zone_name(zone: Zone) -> Option<&'static str> {
    let name = zone.name();
    if matches!(name, "UTC" | "Etc/UTC" | "GMT" | "Etc/GMT") {
        return Some("UTC");
    }
    let word = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(|f| f.is_ascii_uppercase())
            && !w[1..].is_empty()
            && w[1..].chars().all(|c| c.is_ascii_lowercase())
    };
    match name.split_once('/') {
        Some((area, city)) if word(area) && word(city) => Some(name),
        _ => None,
    }
}

/// A conference acronym matching the schema (`[a-z0-9_]`, at least four characters),
/// from the title as written (Kazakh and Russian letters transliterated), else `jiyn_`
/// and a digest of the title. It depends on the written title alone, so a schedule
/// read back and written again keeps it.
fn acronym(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let latin = if c.is_ascii_alphanumeric() {
            Some(c.to_string())
        } else {
            transliterate(c).map(str::to_string)
        };
        match latin {
            Some(l) => slug.push_str(&l),
            None if !slug.is_empty() && !slug.ends_with('_') => slug.push('_'),
            None => {}
        }
        if slug.len() >= 32 {
            break;
        }
    }
    let slug = slug.trim_end_matches('_').to_string();
    if slug.len() >= 4 {
        slug
    } else {
        let digest: String = Sha256::digest(title.as_bytes())
            .iter()
            .take(4)
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("jiyn_{digest}")
    }
}

/// Latin letters for a lower-case Kazakh or Russian letter (`None`: not a letter of
/// theirs; `Some("")`: a sign with no sound of its own).
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' | 'і' => "i",
        'к' => "k",
        'қ' => "q",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'ң' => "ng",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' => "kh",
        'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// The kind's code (its serde name: `plenary`, `dialogue_platform`, …).
fn kind_code(kind: SessionKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------

/// How to read a schedule.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions<'a> {
    /// Where texts go whose language is not Kazakh, Russian or English (and the titles
    /// of the forum, venue and rooms).
    pub lang: Lang,
    /// The forum's zone, whatever the file says; events are converted to it. Needed
    /// for a file whose zone Jiyn does not know, or that names none and mixes offsets.
    pub time_zone: Option<&'a str>,
}

impl Default for ImportOptions<'_> {
    fn default() -> Self {
        Self {
            lang: Lang::En,
            time_zone: None,
        }
    }
}

/// What an import made: a forum, its sessions, and one change per record, ready for one
/// atomic batch write; and what could not be kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub forum: Forum,
    pub sessions: Vec<Session>,
    /// The forum's change first, then the sessions' in order.
    pub changes: Vec<Change>,
    pub warnings: Vec<ImportWarning>,
}

impl Imported {
    /// Every record with its change, the forum first (as [`crate::demo::build`] gives).
    pub fn into_batch(self) -> Vec<(AnyRecord, Change)> {
        std::iter::once(AnyRecord::from(self.forum))
            .chain(self.sessions.into_iter().map(AnyRecord::from))
            .zip(self.changes)
            .collect()
    }
}

/// A JSON value that keeps the key order of the text (rooms are listed in it).
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_none<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
                Json::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
                Ok(Json::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
                Ok(Json::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
                Ok(Json::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
                Ok(Json::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                Ok(Json::String(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Json, E> {
                Ok(Json::String(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(x) = a.next_element()? {
                    items.push(x);
                }
                Ok(Json::Array(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut entries = Vec::new();
                while let Some((k, v)) = a.next_entry::<String, Json>()? {
                    entries.push((k, v));
                }
                Ok(Json::Object(entries))
            }
        }
        d.deserialize_any(V)
    }
}

/// An object being read, with its place in the file for error messages.
struct Obj<'j> {
    path: String,
    entries: &'j [(String, Json)],
}

impl<'j> Obj<'j> {
    fn of(value: &'j Json, path: String) -> Result<Obj<'j>, ScheduleError> {
        match value {
            Json::Object(entries) => Ok(Obj { path, entries }),
            other => Err(wrong(path, "an object", other)),
        }
    }

    fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The value of `key`; `null` counts as absent.
    fn get(&self, key: &str) -> Option<&'j Json> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| **v != Json::Null)
    }

    fn require(&self, key: &str) -> Result<&'j Json, ScheduleError> {
        self.get(key)
            .ok_or_else(|| ScheduleError::Missing { path: self.at(key) })
    }

    fn obj(&self, key: &str) -> Result<Obj<'j>, ScheduleError> {
        Obj::of(self.require(key)?, self.at(key))
    }

    fn str(&self, key: &str) -> Result<Option<&'j str>, ScheduleError> {
        match self.get(key) {
            None => Ok(None),
            Some(Json::String(s)) => Ok(Some(s)),
            Some(other) => Err(wrong(self.at(key), "a string", other)),
        }
    }

    fn require_str(&self, key: &str) -> Result<&'j str, ScheduleError> {
        self.str(key)?
            .ok_or_else(|| ScheduleError::Missing { path: self.at(key) })
    }

    fn array(&self, key: &str) -> Result<Option<&'j [Json]>, ScheduleError> {
        match self.get(key) {
            None => Ok(None),
            Some(Json::Array(items)) => Ok(Some(items)),
            Some(other) => Err(wrong(self.at(key), "an array", other)),
        }
    }
}

fn wrong(path: String, expected: &'static str, found: &Json) -> ScheduleError {
    ScheduleError::WrongType {
        path,
        expected,
        found: found.type_name(),
    }
}

/// An event's time as the file gives it.
#[derive(Debug, Clone, Copy)]
enum At {
    /// With a UTC offset: an instant.
    Fixed(DateTime<FixedOffset>),
    /// Without one: the conference's wall clock.
    Local(NaiveDateTime),
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Fixed(t) => write!(f, "{}", t.to_rfc3339()),
            At::Local(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S")),
        }
    }
}

impl At {
    fn utc(self, zone: Zone) -> DateTime<Utc> {
        match self {
            At::Fixed(t) => t.with_timezone(&Utc),
            At::Local(t) => zone.to_utc(t),
        }
    }
}

/// How long an event lasts, or when it ends.
#[derive(Debug, Clone, Copy)]
enum Until {
    End(At),
    Duration(TimeDelta),
}

/// One event as read, before the zone is known.
struct EventIn<'j> {
    path: String,
    room: &'j str,
    start: At,
    until: Until,
    title: &'j str,
    kind: SessionKind,
    languages: Vec<Lang>,
    unsupported: Vec<String>,
    description: String,
    speakers: Vec<String>,
}

/// Reads a `schedule.json` text into a new forum (one venue holding the schedule's
/// rooms) and its sessions, made through `writer` at `now_ms`.
pub fn import(
    text: &str,
    writer: &mut Writer,
    now_ms: u64,
    opts: &ImportOptions<'_>,
) -> Result<Imported, ScheduleError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ScheduleError::TooLarge(text.len()));
    }
    let root: Json = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            ScheduleError::Truncated
        } else {
            ScheduleError::NotJson(e.to_string())
        }
    })?;
    let root = Obj::of(&root, String::new())?;
    let schedule = root.obj("schedule")?;
    let conf = schedule.obj("conference")?;
    let title = conf.require_str("title")?.trim();
    let zone_name = conf
        .str("time_zone_name")?
        .map(str::trim)
        .filter(|z| !z.is_empty());

    // Rooms: the conference's list first (it has capacities), then as events use them.
    // `room_names` keeps the lookups linear in a file with thousands of rooms.
    let mut rooms: Vec<(String, Option<u32>)> = Vec::new();
    let mut room_names: HashSet<String> = HashSet::new();
    if let Some(list) = conf.array("rooms")? {
        for (i, r) in list.iter().enumerate() {
            let r = Obj::of(r, format!("{}[{i}]", conf.at("rooms")))?;
            let name = r.require_str("name")?.trim();
            let capacity = match r.get("capacity") {
                None => None,
                Some(Json::Number(n)) if *n >= 0.0 && *n <= f64::from(u32::MAX) => Some(*n as u32),
                Some(other) => return Err(wrong(r.at("capacity"), "a count", other)),
            };
            if !name.is_empty() && room_names.insert(name.to_string()) {
                rooms.push((name.to_string(), capacity));
            }
        }
    }

    let days = conf.array("days")?.ok_or_else(|| ScheduleError::Missing {
        path: conf.at("days"),
    })?;
    let mut events: Vec<EventIn<'_>> = Vec::new();
    for (d, day) in days.iter().enumerate() {
        let day = Obj::of(day, format!("{}[{d}]", conf.at("days")))?;
        let day_date = match day.str("date")? {
            Some(s) => Some(parse_date(s).ok_or_else(|| bad_date(day.at("date"), s))?),
            None => None,
        };
        let day_start = match day.str("day_start")? {
            Some(s) => Some(parse_at(s).ok_or_else(|| bad_date(day.at("day_start"), s))?),
            None => None,
        };
        let day_rooms = day.obj("rooms")?;
        for (room, list) in day_rooms.entries {
            let room_path = format!("{}[{room:?}]", day_rooms.path);
            let Json::Array(list) = list else {
                if *list == Json::Null {
                    continue;
                }
                return Err(wrong(room_path, "an array", list));
            };
            let room = room.trim();
            if !room.is_empty() && room_names.insert(room.to_string()) {
                rooms.push((room.to_string(), None));
            }
            for (e, event) in list.iter().enumerate() {
                let event = Obj::of(event, format!("{room_path}[{e}]"))?;
                events.push(read_event(&event, room, day_date, day_start)?);
            }
        }
    }

    let mut warnings = Vec::new();
    let zone = match (opts.time_zone, zone_name) {
        (Some(name), _) | (None, Some(name)) => tz::require(name)?,
        (None, None) => {
            let offsets: BTreeSet<i32> = events
                .iter()
                .flat_map(|e| {
                    [
                        Some(e.start),
                        match e.until {
                            Until::End(at) => Some(at),
                            Until::Duration(_) => None,
                        },
                    ]
                })
                .filter_map(|at| match at {
                    Some(At::Fixed(t)) => Some(t.offset().local_minus_utc()),
                    _ => None,
                })
                .collect();
            let zone = match offsets.iter().collect::<Vec<_>>().as_slice() {
                [] => tz::zone("UTC"),
                [one] => FixedOffset::east_opt(**one).and_then(tz::fixed_offset_zone),
                _ => None,
            };
            let zone = zone.ok_or_else(|| {
                ScheduleError::NoTimeZone(
                    offsets
                        .iter()
                        .filter_map(|o| FixedOffset::east_opt(*o))
                        .map(|o| o.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            })?;
            warnings.push(ImportWarning::GuessedTimeZone {
                zone: zone.name().to_string(),
            });
            zone
        }
    };

    // Every event on the forum's wall clock; then the forum's dates. Times without an
    // offset are the file's own wall clock (its zone if Jiyn knows it).
    let file_zone = zone_name.and_then(tz::zone).unwrap_or(zone);
    let mut timed = Vec::new();
    for e in events {
        let start = e.start.utc(file_zone);
        let end = match e.until {
            Until::End(at) => {
                let end = at.utc(file_zone);
                if end - start > TimeDelta::hours(MAX_EVENT_HOURS) {
                    return Err(ScheduleError::BadDate {
                        path: format!("{}.end", e.path),
                        value: at.to_string(),
                    });
                }
                end
            }
            Until::Duration(d) => start.checked_add_signed(d).unwrap_or(start),
        };
        let (starts_at, ends_at) = (zone.to_local(start), zone.to_local(end));
        timed.push((e, starts_at, ends_at));
    }
    let conf_date = |key: &str| -> Result<Option<NaiveDate>, ScheduleError> {
        let Some(s) = conf.str(key)? else {
            return Ok(None);
        };
        match parse_date(s) {
            Some(d) => Ok(Some(d)),
            None => match parse_at(s) {
                Some(at) => Ok(Some(zone.to_local(at.utc(file_zone)).date())),
                None => Err(bad_date(conf.at(key), s)),
            },
        }
    };
    // A session belongs to the date it starts on (as a schedule's days do).
    let first = timed.iter().map(|t| t.1.date()).min();
    let last = timed.iter().map(|t| t.1.date()).max();
    let starts_on = conf_date("start")?
        .into_iter()
        .chain(first)
        .min()
        .ok_or_else(|| ScheduleError::Missing {
            path: conf.at("start"),
        })?;
    let ends_on = conf_date("end")?
        .into_iter()
        .chain(last)
        .max()
        .unwrap_or(starts_on);

    let in_lang = |text: &str, lang: Lang| {
        let mut t = I18nText::default();
        match lang {
            Lang::Kk => t.kk = text.to_string(),
            Lang::Ru => t.ru = text.to_string(),
            Lang::En => t.en = text.to_string(),
        }
        t
    };
    let venue = (!rooms.is_empty()).then(|| Venue {
        id: new_id(),
        name: in_lang(title, opts.lang),
        address: String::new(),
        rooms: rooms
            .iter()
            .map(|(name, capacity)| Room {
                id: new_id(),
                name: in_lang(name, opts.lang),
                capacity: *capacity,
            })
            .collect(),
    });
    let write_err = |path: String| {
        move |e: WriteError| match e {
            WriteError::Invalid(error) => ScheduleError::Invalid { path, error },
            WriteError::Serialise(s) => ScheduleError::Write(s),
        }
    };
    let (forum, forum_change) = writer
        .create(now_ms, None, |meta| Forum {
            volunteering: Default::default(),
            signing_key: None,
            meta,
            title: in_lang(title, opts.lang),
            city: I18nText::default(),
            starts_on,
            ends_on,
            time_zone: zone.name().to_string(),
            format: ForumFormat::Single,
            venues: venue.into_iter().collect(),
            stops: Vec::new(),
        })
        .map_err(write_err(conf.path.clone()))?;

    // Unsupported language codes in the order first met, with their index there.
    let mut unsupported: Vec<(String, usize)> = Vec::new();
    let mut unsupported_at: HashMap<String, usize> = HashMap::new();
    let mut sessions = Vec::new();
    let mut changes = vec![forum_change];
    let venue = forum.venues.first();
    // The first room of each name (names are unique, see above).
    let mut room_by_name: HashMap<&str, &Room> = HashMap::new();
    for r in venue.map_or(&[][..], |v| &v.rooms[..]) {
        room_by_name.entry(r.name.get_exact(opts.lang)).or_insert(r);
    }
    for (e, starts_at, ends_at) in timed {
        for code in &e.unsupported {
            match unsupported_at.get(code) {
                Some(&i) => unsupported[i].1 += 1,
                None => {
                    unsupported_at.insert(code.clone(), unsupported.len());
                    unsupported.push((code.clone(), 1));
                }
            }
        }
        let lang = e.languages.first().copied().unwrap_or(opts.lang);
        let room = (!e.room.is_empty())
            .then(|| room_by_name.get(e.room).copied())
            .flatten();
        let draft = Session {
            meta: forum.meta.clone(),
            title: in_lang(e.title.trim(), lang),
            description: if e.description.is_empty() {
                I18nText::default()
            } else {
                in_lang(&e.description, lang)
            },
            kind: e.kind,
            starts_at,
            ends_at,
            venue: room.and(venue).map(|v| v.id),
            room: room.map(|r| r.id),
            stop: None,
            speakers: e.speakers,
            capacity: None,
            languages: e.languages,
        };
        if let Err(error) = draft.validate() {
            warnings.push(ImportWarning::SkippedEvent {
                path: e.path,
                title: e.title.to_string(),
                error,
            });
            continue;
        }
        let (session, change) = writer
            .create(now_ms, Some(forum.meta.id), |meta| Session {
                meta,
                ..draft
            })
            .map_err(write_err(e.path))?;
        sessions.push(session);
        changes.push(change);
    }
    warnings.extend(
        unsupported
            .into_iter()
            .map(|(code, events)| ImportWarning::UnsupportedLanguage { code, events }),
    );
    Ok(Imported {
        forum,
        sessions,
        changes,
        warnings,
    })
}

fn read_event<'j>(
    ev: &Obj<'j>,
    room: &'j str,
    day_date: Option<NaiveDate>,
    day_start: Option<At>,
) -> Result<EventIn<'j>, ScheduleError> {
    let title = ev.require_str("title")?;
    let start = match ev.str("date")? {
        Some(s) => parse_at(s).ok_or_else(|| bad_date(ev.at("date"), s))?,
        None => {
            // Older files: the day's date and `start` (after midnight: the next date).
            let hhmm = ev.require_str("start")?;
            let time = NaiveTime::parse_from_str(hhmm, "%H:%M")
                .map_err(|_| bad_date(ev.at("start"), hhmm))?;
            let date = day_date.ok_or_else(|| ScheduleError::Missing {
                path: ev.at("date"),
            })?;
            let begins = match day_start {
                Some(At::Fixed(t)) => t.time(),
                Some(At::Local(t)) => t.time(),
                None => NaiveTime::MIN,
            };
            let date = if time < begins {
                date.succ_opt().unwrap_or(date)
            } else {
                date
            };
            At::Local(date.and_time(time))
        }
    };
    let until = match ev.str("end")? {
        Some(s) => Until::End(parse_at(s).ok_or_else(|| bad_date(ev.at("end"), s))?),
        None => {
            let d = ev.require_str("duration")?;
            Until::Duration(parse_duration(d).ok_or_else(|| ScheduleError::BadDuration {
                path: ev.at("duration"),
                value: d.to_string(),
            })?)
        }
    };
    let (languages, unsupported) = languages(ev.str("language")?.unwrap_or(""));
    let kind = kind_for(ev.str("type")?, ev.str("track")?);
    let mut parts: Vec<String> = Vec::new();
    for key in ["subtitle", "abstract", "description"] {
        let text = ev.str(key)?.unwrap_or("").replace("\r\n", "\n");
        let text = text.trim();
        if !text.is_empty() && !parts.iter().any(|p| p == text) {
            parts.push(text.to_string());
        }
    }
    let mut speakers = Vec::new();
    for (i, p) in ev.array("persons")?.unwrap_or(&[]).iter().enumerate() {
        let p = Obj::of(p, format!("{}[{i}]", ev.at("persons")))?;
        let name = match p.str("name")? {
            Some(n) if !n.trim().is_empty() => Some(n),
            _ => p.str("public_name")?,
        };
        if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
            speakers.push(name.to_string());
        }
    }
    Ok(EventIn {
        path: ev.path.clone(),
        room,
        start,
        until,
        title,
        kind,
        languages,
        unsupported,
        description: parts.join("\n\n"),
        speakers,
    })
}

fn bad_date(path: String, value: &str) -> ScheduleError {
    ScheduleError::BadDate {
        path,
        value: value.to_string(),
    }
}

fn in_years(year: i32) -> bool {
    YEARS.contains(&year)
}

/// `2019-08-21`.
fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| in_years(d.year()))
}

/// `2019-08-21T11:00:00+02:00` (an instant), or without the offset (a wall clock).
fn parse_at(s: &str) -> Option<At> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return in_years(t.year()).then_some(At::Fixed(t));
    }
    [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .filter(|t| in_years(t.year()))
    .map(At::Local)
}

/// `HH:MM` (hours may exceed 24) or `HH:MM:SS`, up to [`MAX_EVENT_HOURS`].
fn parse_duration(s: &str) -> Option<TimeDelta> {
    let parts: Vec<&str> = s.trim().split(':').collect();
    let number = |p: &str, max: i64| {
        (!p.is_empty() && p.len() <= 6 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i64>().ok())
            .flatten()
            .filter(|n| *n <= max)
    };
    let (h, m, s) = match parts.as_slice() {
        [h, m] if m.len() == 2 => (number(h, MAX_EVENT_HOURS)?, number(m, 59)?, 0),
        [h, m, s] if m.len() == 2 && s.len() == 2 => {
            (number(h, MAX_EVENT_HOURS)?, number(m, 59)?, number(s, 59)?)
        }
        _ => return None,
    };
    let total = TimeDelta::seconds(h * 3600 + m * 60 + s);
    (total <= TimeDelta::hours(MAX_EVENT_HOURS)).then_some(total)
}

/// Jiyn's languages in a `language` value (`en`, `ru, kk`, `de-en` reads its first
/// subtag per item; `kaz`/`rus`/`eng` are accepted), and the codes that are not ours.
fn languages(value: &str) -> (Vec<Lang>, Vec<String>) {
    let mut langs = Vec::new();
    let mut other = Vec::new();
    let mut other_seen: HashSet<String> = HashSet::new();
    for item in value
        .split([',', ';', '/', ' '])
        .map(str::trim)
        .filter(|i| !i.is_empty())
    {
        let primary = item
            .split(['-', '_'])
            .next()
            .unwrap_or(item)
            .to_ascii_lowercase();
        let lang = match primary.as_str() {
            "kk" | "kaz" => Some(Lang::Kk),
            "ru" | "rus" => Some(Lang::Ru),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        };
        match lang {
            Some(l) if !langs.contains(&l) => langs.push(l),
            Some(_) => {}
            None => {
                let code = item.to_ascii_lowercase();
                if other_seen.insert(code.clone()) {
                    other.push(code);
                }
            }
        }
    }
    (langs, other)
}

/// Words that give an event's kind away, in the order they are tried (English,
/// Russian and Kazakh stems, lower case).
const KIND_WORDS: &[(SessionKind, &[&str])] = &[
    (
        SessionKind::Ceremony,
        &[
            "ceremon",
            "opening",
            "closing",
            "церемон",
            "рәсім",
            "открыти",
            "закрыти",
        ],
    ),
    (SessionKind::Plenary, &["plenar", "keynote", "пленар"]),
    (
        SessionKind::DialoguePlatform,
        &[
            "dialog",
            "discussion",
            "panel",
            "podium",
            "round table",
            "диалог",
            "дискусс",
            "круглый стол",
        ],
    ),
    (
        SessionKind::Training,
        &[
            "workshop",
            "training",
            "seminar",
            "tutorial",
            "hands-on",
            "masterclass",
            "master class",
            "тренинг",
            "семинар",
            "мастер-класс",
        ],
    ),
    (
        SessionKind::IntellectualGame,
        &["game", "quiz", "игра", "ойын", "квиз"],
    ),
    (SessionKind::Consultation, &["consult", "консульт", "кеңес"]),
    (
        SessionKind::Meeting,
        &["meeting", "meetup", "встреча", "кездесу"],
    ),
    (
        SessionKind::Excursion,
        &["excursion", "sightseeing", "экскурс"],
    ),
];

/// The session kind for an event's `type` (a Jiyn kind code, or words such as
/// "workshop"), else its `track`; [`SessionKind::Other`] when nothing fits.
fn kind_for(kind: Option<&str>, track: Option<&str>) -> SessionKind {
    for text in [kind, track].into_iter().flatten() {
        let t = text.trim().to_lowercase();
        if let Ok(k) = serde_json::from_value::<SessionKind>(serde_json::Value::String(t.clone())) {
            return k;
        }
        if let Some((k, _)) = KIND_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| t.contains(w)))
        {
            return *k;
        }
    }
    SessionKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_hours_and_minutes() {
        assert_eq!(parse_duration("00:45"), Some(TimeDelta::minutes(45)));
        assert_eq!(parse_duration("1:30"), Some(TimeDelta::minutes(90)));
        assert_eq!(parse_duration("26:00"), Some(TimeDelta::hours(26)));
        assert_eq!(parse_duration("00:30:15"), Some(TimeDelta::seconds(1815)));
        for bad in [
            "",
            "45",
            "0:5",
            "00:60",
            "-1:00",
            "1:00:0",
            "a:bc",
            "99999999:00",
            "1 :00",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn kinds_come_from_codes_then_words() {
        assert_eq!(
            kind_for(Some("dialogue_platform"), None),
            SessionKind::DialoguePlatform
        );
        assert_eq!(
            kind_for(Some("Workshop 60 Min"), None),
            SessionKind::Training
        );
        assert_eq!(
            kind_for(Some("lecture"), Some("Opening")),
            SessionKind::Ceremony
        );
        assert_eq!(
            kind_for(Some("Talk 30 min + 10min Q&A"), Some("CCC")),
            SessionKind::Other
        );
        assert_eq!(
            kind_for(Some("Пленарное заседание"), None),
            SessionKind::Plenary
        );
    }

    #[test]
    fn languages_keep_ours_and_report_the_rest() {
        assert_eq!(languages("en"), (vec![Lang::En], vec![]));
        assert_eq!(languages("ru, kk"), (vec![Lang::Ru, Lang::Kk], vec![]));
        assert_eq!(languages("en-US"), (vec![Lang::En], vec![]));
        assert_eq!(languages("de"), (vec![], vec!["de".to_string()]));
        assert_eq!(languages(""), (vec![], vec![]));
    }

    #[test]
    fn acronyms_match_the_schema_pattern() {
        assert_eq!(acronym("Youth Forum «Oral 2025»"), "youth_forum_oral_2025");
        assert_eq!(acronym("Жастар форумы — Орал"), "zhastar_forumy_oral");
        assert_eq!(acronym("Ақмола: ұлы дала"), "aqmola_uly_dala");
        assert!(acronym("★").starts_with("jiyn_"));
        assert_eq!(acronym("★"), acronym("★"));
        let long = acronym(&"Халықаралық жастар форумы ".repeat(5));
        assert!(long.len() <= 40 && !long.ends_with('_'), "{long}");
    }

    #[test]
    fn only_schema_shaped_zone_names_are_written() {
        let name = |n: &str| schema_zone_name(tz::zone(n).unwrap());
        assert_eq!(name("Asia/Almaty"), Some("Asia/Almaty"));
        assert_eq!(name("Etc/UTC"), Some("UTC"));
        assert_eq!(name("Etc/GMT-5"), None);
    }
}
