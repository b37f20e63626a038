//! The stored record types. Each one is a [`Record`]: it carries [`Meta`] (UUID v7 id,
//! forum, clock stamps, tombstone) and its data fields at the top level, so the
//! per-field merge in [`crate::merge`] can work on any of them.
//!
//! Every type here has a snapshot test (`tests/snapshots.rs`): a change to the stored
//! format shows up as a failing snapshot and needs a schema migration.

use crate::hlc::{DeviceId, Hlc};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The three languages of every user-visible text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The BCP 47 code (`kk`, `ru`, `en`), as used in `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// A text in Kazakh, Russian and English; any of them may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct I18nText {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kk: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ru: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
}

impl I18nText {
    pub fn new(kk: &str, ru: &str, en: &str) -> Self {
        Self {
            kk: kk.into(),
            ru: ru.into(),
            en: en.into(),
        }
    }

    pub fn get_exact(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }

    /// The text in `lang`, or else the first present of kk, ru, en, with the language
    /// actually used so the UI can mark a fallback (and set `lang` on the element).
    pub fn get(&self, lang: Lang) -> (&str, Lang) {
        std::iter::once(lang)
            .chain(Lang::ALL)
            .map(|l| (self.get_exact(l), l))
            .find(|(t, _)| !t.trim().is_empty())
            .unwrap_or(("", lang))
    }

    pub fn is_empty(&self) -> bool {
        Lang::ALL
            .iter()
            .all(|l| self.get_exact(*l).trim().is_empty())
    }
}

/// What every stored record carries besides its data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// UUID v7, made on the device that created the record.
    pub id: Uuid,
    /// The forum the record belongs to (a forum's own id for a [`Forum`]).
    pub forum: Uuid,
    /// Stamp of the record's creation; the stamp of every field not in `stamps`.
    pub created: Hlc,
    /// Stamp of the latest write; its device is the device that last wrote the record.
    pub hlc: Hlc,
    /// Tombstone: the record is deleted but kept, so the deletion can merge.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// Stamps of fields written after creation (field name → stamp). The tombstone's
    /// stamp is under [`DELETED_FIELD`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stamps: BTreeMap<String, Hlc>,
}

/// The name under which [`Meta::stamps`] keeps the tombstone's stamp.
pub const DELETED_FIELD: &str = "_deleted";

impl Meta {
    pub fn new(id: Uuid, forum: Uuid, created: Hlc) -> Self {
        Self {
            id,
            forum,
            hlc: created.clone(),
            created,
            deleted: false,
            stamps: BTreeMap::new(),
        }
    }

    /// The device that last wrote the record.
    pub fn device(&self) -> &DeviceId {
        &self.hlc.device
    }

    /// The stamp of one field (or of the tombstone, [`DELETED_FIELD`]).
    pub fn stamp_of(&self, field: &str) -> &Hlc {
        self.stamps.get(field).unwrap_or(&self.created)
    }
}

/// The kinds of stored records; each has its own object store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Forum,
    Session,
    Participant,
    CheckIn,
    HourLog,
    SocialProject,
    /// A sign-up for a capacity-limited session or a volunteer shift (since schema v3).
    SignUp,
    /// A volunteer shift (since schema v4).
    Shift,
    /// One logged activity of a social project (since schema v4).
    Activity,
}

impl RecordKind {
    pub const ALL: [RecordKind; 9] = [
        RecordKind::Forum,
        RecordKind::Session,
        RecordKind::Participant,
        RecordKind::CheckIn,
        RecordKind::HourLog,
        RecordKind::SocialProject,
        RecordKind::SignUp,
        RecordKind::Shift,
        RecordKind::Activity,
    ];
}

/// A stored record type.
pub trait Record:
    Serialize + DeserializeOwned + Clone + std::fmt::Debug + PartialEq + 'static
{
    const KIND: RecordKind;
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
    /// Checks the record's own rules (the ones that need no other record).
    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

/// A rule a record breaks, with the field it concerns, so the UI can show it there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("{field}: required")]
    Required { field: &'static str },
    #[error("{field}: ends before it starts")]
    EndsBeforeStart { field: &'static str },
    #[error("{field}: out of range")]
    OutOfRange { field: &'static str },
    #[error("{field}: a guardian is required for participants under 18")]
    GuardianRequired { field: &'static str },
}

impl ValidationError {
    pub fn field(&self) -> &'static str {
        match self {
            ValidationError::Required { field }
            | ValidationError::EndsBeforeStart { field }
            | ValidationError::OutOfRange { field }
            | ValidationError::GuardianRequired { field } => field,
        }
    }
}

macro_rules! record {
    ($ty:ident, $kind:ident) => {
        record!($ty, $kind, |_r: &$ty| Ok(()));
    };
    ($ty:ident, $kind:ident, $validate:expr) => {
        impl Record for $ty {
            const KIND: RecordKind = RecordKind::$kind;
            fn meta(&self) -> &Meta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut Meta {
                &mut self.meta
            }
            fn validate(&self) -> Result<(), ValidationError> {
                #[allow(clippy::redundant_closure_call)]
                ($validate)(self)
            }
        }
    };
}

/// Whether a forum happens in one place or tours several stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForumFormat {
    Single,
    Tour,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    pub id: Uuid,
    pub name: I18nText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Venue {
    pub id: Uuid,
    pub name: I18nText,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<Room>,
}

/// One stop of an outreach tour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourStop {
    pub id: Uuid,
    pub district: I18nText,
    pub place: I18nText,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    pub date: NaiveDate,
}

/// A forum: a one-place event or an outreach tour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forum {
    pub meta: Meta,
    pub title: I18nText,
    pub city: I18nText,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// IANA time zone of the forum's wall-clock times (e.g. `Asia/Oral`).
    pub time_zone: String,
    pub format: ForumFormat,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub venues: Vec<Venue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stops: Vec<TourStop>,
    /// Volunteer rules (limits for minors, leaderboard); defaults when absent.
    #[serde(default, skip_serializing_if = "VolunteerRules::is_default")]
    pub volunteering: VolunteerRules,
    /// The organizer's Ed25519 public key (base64url, 32 bytes) that signs certificates
    /// of volunteer hours; published with the public feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_key: Option<String>,
}

/// A forum's rules for volunteers. Minors are volunteers under 18 in the year of the
/// shift; their limits are warned at sign-up and at approval (never silently enforced:
/// the coordinator decides).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerRules {
    /// Most minutes a minor may work in one forum-local day.
    pub minor_max_minutes_per_day: u32,
    /// Latest forum-local end of a minor's work (e.g. 20:00).
    pub minor_latest_end: chrono::NaiveTime,
    /// Whether the hours leaderboard is shown.
    pub leaderboard: bool,
}

impl Default for VolunteerRules {
    fn default() -> Self {
        Self {
            minor_max_minutes_per_day: 4 * 60,
            minor_latest_end: chrono::NaiveTime::from_hms_opt(20, 0, 0).expect("valid time"),
            leaderboard: true,
        }
    }
}

impl VolunteerRules {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}
record!(Forum, Forum, |f: &Forum| {
    if f.title.is_empty() {
        return Err(ValidationError::Required { field: "title" });
    }
    if f.ends_on < f.starts_on {
        return Err(ValidationError::EndsBeforeStart { field: "ends_on" });
    }
    if f.time_zone.trim().is_empty() {
        return Err(ValidationError::Required { field: "time_zone" });
    }
    Ok(())
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    Plenary,
    DialoguePlatform,
    Training,
    IntellectualGame,
    Consultation,
    Ceremony,
    Meeting,
    Excursion,
    Other,
}

/// One item of a forum's programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub meta: Meta,
    pub title: I18nText,
    #[serde(default, skip_serializing_if = "I18nText::is_empty")]
    pub description: I18nText,
    pub kind: SessionKind,
    /// Forum-local wall-clock start (the forum's `time_zone`).
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<Uuid>,
    /// The tour stop, for outreach tours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// Languages the session is held in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Lang>,
}
record!(Session, Session, |s: &Session| {
    if s.title.is_empty() {
        return Err(ValidationError::Required { field: "title" });
    }
    if s.ends_at <= s.starts_at {
        return Err(ValidationError::EndsBeforeStart { field: "ends_at" });
    }
    Ok(())
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Participant,
    Speaker,
    Volunteer,
    Guest,
    Staff,
}

impl Role {
    /// Every role, in declaration order (pickers, counts by role).
    pub const ALL: [Role; 5] = [
        Role::Participant,
        Role::Speaker,
        Role::Volunteer,
        Role::Guest,
        Role::Staff,
    ];
}

/// Someone who consents on behalf of a participant under 18.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guardian {
    pub full_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// A participant's recorded consent to the processing of their data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// Version of the consent text that was shown.
    pub text_version: String,
    /// Language the text was shown in.
    pub language: Lang,
    pub given_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian: Option<Guardian>,
}

/// Age (in whole years, at the end of `year`) below which a guardian must consent.
pub const ADULT_AGE: i32 = 18;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub meta: Meta,
    pub full_name: String,
    /// E.164 phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub district: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i32>,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<String>,
    /// Opaque code printed on the badge as a QR code; holds no personal data.
    pub badge_code: String,
    /// Kazakhstan's 12-digit individual identification number, when the person gave
    /// it (checked with [`crate::people::check_iin`] before it is stored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iin: Option<String>,
    /// Whether this person leads their delegation.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub head_of_delegation: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
}

impl Participant {
    /// Whether the participant is under 18 in the given year (unknown birth year: no).
    pub fn is_minor_in(&self, year: i32) -> bool {
        self.birth_year.is_some_and(|b| year - b < ADULT_AGE)
    }
}

record!(Participant, Participant, |p: &Participant| {
    if p.full_name.trim().is_empty() {
        return Err(ValidationError::Required { field: "full_name" });
    }
    if p.badge_code.trim().is_empty() {
        return Err(ValidationError::Required {
            field: "badge_code",
        });
    }
    if let Some(year) = p.birth_year {
        if !(1900..=2100).contains(&year) {
            return Err(ValidationError::OutOfRange {
                field: "birth_year",
            });
        }
    }
    if let Some(c) = &p.consent {
        use chrono::Datelike;
        if p.is_minor_in(c.given_at.year()) && c.guardian.is_none() {
            return Err(ValidationError::GuardianRequired { field: "consent" });
        }
    }
    Ok(())
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckInAction {
    CheckIn,
    Undo,
}

/// One check-in event at a desk. Events are never edited: a person's state is derived
/// from all their events, and merging keeps every event from every desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub meta: Meta,
    pub participant: Uuid,
    pub action: CheckInAction,
    pub desk: String,
    pub at: DateTime<Utc>,
}
record!(CheckIn, CheckIn);

/// Whether a person is checked in after the given events: the latest event by clock
/// stamp decides.
pub fn is_checked_in<'a>(events: impl IntoIterator<Item = &'a CheckIn>) -> bool {
    events
        .into_iter()
        .filter(|e| !e.meta.deleted)
        .max_by(|a, b| a.meta.hlc.cmp(&b.meta.hlc))
        .is_some_and(|e| e.action == CheckInAction::CheckIn)
}

/// Where an hour entry stands. JSON: `"pending"`, or `{"approved": {"by", "at"}}`,
/// `{"rejected": {"by", "at", "reason"}}`, `{"no_show": {"by", "at"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HourStatus {
    Pending,
    Approved {
        by: String,
        at: DateTime<Utc>,
    },
    Rejected {
        by: String,
        at: DateTime<Utc>,
        reason: String,
    },
    NoShow {
        by: String,
        at: DateTime<Utc>,
    },
}

/// Volunteer hours on a task: a running timer (no `ended_at`) or a finished entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HourLog {
    pub meta: Meta,
    pub volunteer: Uuid,
    /// The shift worked, when the hours belong to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<Uuid>,
    pub task: String,
    pub started_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
    pub status: HourStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl HourLog {
    pub fn minutes(&self) -> Option<i64> {
        self.ended_at.map(|e| (e - self.started_at).num_minutes())
    }
}

record!(HourLog, HourLog, |h: &HourLog| {
    if h.task.trim().is_empty() {
        return Err(ValidationError::Required { field: "task" });
    }
    if h.ended_at.is_some_and(|e| e <= h.started_at) {
        return Err(ValidationError::EndsBeforeStart { field: "ended_at" });
    }
    Ok(())
});

/// One planned count of a social project ("10 meetings").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub id: Uuid,
    pub metric: I18nText,
    #[serde(default, skip_serializing_if = "I18nText::is_empty")]
    pub unit: I18nText,
    pub planned: u32,
    pub done: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
}

impl Target {
    /// Done as a share of planned, capped at 1.
    pub fn progress(&self) -> f64 {
        if self.planned == 0 {
            1.0
        } else {
            (f64::from(self.done) / f64::from(self.planned)).min(1.0)
        }
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.done < self.planned && self.deadline.is_some_and(|d| d < today)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocialProject {
    pub meta: Meta,
    pub title: I18nText,
    pub organisation: I18nText,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
}
record!(SocialProject, SocialProject, |p: &SocialProject| {
    if p.title.is_empty() {
        return Err(ValidationError::Required { field: "title" });
    }
    if p.period_end < p.period_start {
        return Err(ValidationError::EndsBeforeStart {
            field: "period_end",
        });
    }
    Ok(())
});

/// A person's sign-up for a session with limited places (a training, a consultation
/// slot). Made on a participant's phone (often offline) or at the desk.
///
/// Whether it holds a place or waits is not stored: [`crate::signup::roster`] derives it
/// from all sign-ups of the session, in the order of their creation stamps
/// (`meta.created`), so every device computes the same roster after a merge.
///
/// Cancelling is an edit of `cancelled` (not a tombstone): it merges per field and the
/// sign-up stays for history. To sign up again after cancelling, make a new sign-up; it
/// queues behind everyone who signed up before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignUp {
    pub meta: Meta,
    /// The session signed up for.
    pub session: Uuid,
    /// The person's name as typed (people signing up on their phones have no account).
    pub name: String,
    /// The participant record, when known (a sign-up made at the desk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<Uuid>,
    /// How to reach the person (a phone number, a messenger name), as typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// The person cancelled: they no longer hold or wait for a place.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
}
record!(SignUp, SignUp, |s: &SignUp| {
    if s.name.trim().is_empty() {
        return Err(ValidationError::Required { field: "name" });
    }
    Ok(())
});

/// A volunteer shift: a task at a place and time needing some people. Volunteers sign
/// up (or are assigned) with a [`SignUp`] whose `session` is the shift's id, so the
/// roster rules of [`crate::signup`] (places in creation order, a waitlist) apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub meta: Meta,
    pub task: I18nText,
    #[serde(default, skip_serializing_if = "I18nText::is_empty")]
    pub place: I18nText,
    /// Forum-local wall-clock start and end (the forum's `time_zone`).
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    /// How many volunteers are needed.
    pub needed: u32,
    /// The agenda session the shift was generated from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Uuid>,
}
record!(Shift, Shift, |s: &Shift| {
    if s.task.is_empty() {
        return Err(ValidationError::Required { field: "task" });
    }
    if s.ends_at <= s.starts_at {
        return Err(ValidationError::EndsBeforeStart { field: "ends_at" });
    }
    if s.needed == 0 {
        return Err(ValidationError::OutOfRange { field: "needed" });
    }
    Ok(())
});

/// One entry of a social project's activity log ("meeting held on 12 March, 40
/// students, with police officers"); it advances its target's done count by `count`.
/// Entries are separate records so that logs made on several devices all count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub meta: Meta,
    pub project: Uuid,
    /// The target (a [`Target::id`] of the project) the activity counts towards.
    pub target: Uuid,
    pub on: NaiveDate,
    /// How much it adds to the target's done count (1 meeting, 250 leaflets).
    pub count: u32,
    /// How many people took part, when counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendees: Option<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}
record!(Activity, Activity, |a: &Activity| {
    if a.count == 0 {
        return Err(ValidationError::OutOfRange { field: "count" });
    }
    Ok(())
});

/// Any stored record, for batches that span several kinds (demo load, import, sync).
/// JSON: `{"kind": "participant", "record": {…}}`. Read from JSON text only (its
/// `Deserialize` goes through `serde_json`, which keeps the wasm small).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
pub enum AnyRecord {
    Forum(Forum),
    Session(Session),
    Participant(Participant),
    CheckIn(CheckIn),
    HourLog(HourLog),
    SocialProject(SocialProject),
    SignUp(SignUp),
    Shift(Shift),
    Activity(Activity),
}

impl AnyRecord {
    pub fn kind(&self) -> RecordKind {
        match self {
            AnyRecord::Forum(_) => RecordKind::Forum,
            AnyRecord::Session(_) => RecordKind::Session,
            AnyRecord::Participant(_) => RecordKind::Participant,
            AnyRecord::CheckIn(_) => RecordKind::CheckIn,
            AnyRecord::HourLog(_) => RecordKind::HourLog,
            AnyRecord::SocialProject(_) => RecordKind::SocialProject,
            AnyRecord::SignUp(_) => RecordKind::SignUp,
            AnyRecord::Shift(_) => RecordKind::Shift,
            AnyRecord::Activity(_) => RecordKind::Activity,
        }
    }

    /// The record's own JSON text (without the kind tag).
    pub fn to_json_text(&self) -> Result<String, serde_json::Error> {
        match self {
            AnyRecord::Forum(r) => serde_json::to_string(r),
            AnyRecord::Session(r) => serde_json::to_string(r),
            AnyRecord::Participant(r) => serde_json::to_string(r),
            AnyRecord::CheckIn(r) => serde_json::to_string(r),
            AnyRecord::HourLog(r) => serde_json::to_string(r),
            AnyRecord::SocialProject(r) => serde_json::to_string(r),
            AnyRecord::SignUp(r) => serde_json::to_string(r),
            AnyRecord::Shift(r) => serde_json::to_string(r),
            AnyRecord::Activity(r) => serde_json::to_string(r),
        }
    }

    /// Checks the record's own rules.
    pub fn validate(&self) -> Result<(), ValidationError> {
        match self {
            AnyRecord::Forum(r) => r.validate(),
            AnyRecord::Session(r) => r.validate(),
            AnyRecord::Participant(r) => r.validate(),
            AnyRecord::CheckIn(r) => r.validate(),
            AnyRecord::HourLog(r) => r.validate(),
            AnyRecord::SocialProject(r) => r.validate(),
            AnyRecord::SignUp(r) => r.validate(),
            AnyRecord::Shift(r) => r.validate(),
            AnyRecord::Activity(r) => r.validate(),
        }
    }

    pub fn meta(&self) -> &Meta {
        match self {
            AnyRecord::Forum(r) => &r.meta,
            AnyRecord::Session(r) => &r.meta,
            AnyRecord::Participant(r) => &r.meta,
            AnyRecord::CheckIn(r) => &r.meta,
            AnyRecord::HourLog(r) => &r.meta,
            AnyRecord::SocialProject(r) => &r.meta,
            AnyRecord::SignUp(r) => &r.meta,
            AnyRecord::Shift(r) => &r.meta,
            AnyRecord::Activity(r) => &r.meta,
        }
    }
}

impl<'de> Deserialize<'de> for AnyRecord {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Tagged {
            kind: RecordKind,
            record: Box<serde_json::value::RawValue>,
        }
        let t = Tagged::deserialize(d)?;
        let text = t.record.get();
        let err = serde::de::Error::custom;
        Ok(match t.kind {
            RecordKind::Forum => AnyRecord::Forum(serde_json::from_str(text).map_err(err)?),
            RecordKind::Session => AnyRecord::Session(serde_json::from_str(text).map_err(err)?),
            RecordKind::Participant => {
                AnyRecord::Participant(serde_json::from_str(text).map_err(err)?)
            }
            RecordKind::CheckIn => AnyRecord::CheckIn(serde_json::from_str(text).map_err(err)?),
            RecordKind::HourLog => AnyRecord::HourLog(serde_json::from_str(text).map_err(err)?),
            RecordKind::SocialProject => {
                AnyRecord::SocialProject(serde_json::from_str(text).map_err(err)?)
            }
            RecordKind::SignUp => AnyRecord::SignUp(serde_json::from_str(text).map_err(err)?),
            RecordKind::Shift => AnyRecord::Shift(serde_json::from_str(text).map_err(err)?),
            RecordKind::Activity => AnyRecord::Activity(serde_json::from_str(text).map_err(err)?),
        })
    }
}

/// Wraps a concrete record into [`AnyRecord`].
pub trait IntoAny {
    fn into_any(self) -> AnyRecord;
}

macro_rules! into_any {
    ($($ty:ident),*) => {$(
        impl IntoAny for $ty {
            fn into_any(self) -> AnyRecord {
                AnyRecord::$ty(self)
            }
        }
        impl From<$ty> for AnyRecord {
            fn from(r: $ty) -> AnyRecord {
                AnyRecord::$ty(r)
            }
        }
    )*};
}
into_any!(
    Forum,
    Session,
    Participant,
    CheckIn,
    HourLog,
    SocialProject,
    SignUp,
    Shift,
    Activity
);
