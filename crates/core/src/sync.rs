//! The sync protocol's messages and the rules both ends apply to them: what a device
//! pushes, what the server answers, what a pull returns, which pushed changes the server
//! refuses and why. The server (`crates/server`) and the app's `src/sync` both use these
//! types, so the two cannot drift apart. `docs/sync.md` describes the wire format.
//!
//! The model: every push carries [`Change`]s, each holding a whole record as its device
//! stored it (with per-field stamps). The server merges each into its copy of the record
//! ([`crate::merge::merge_incoming`], the same merge every device runs), gives the
//! record the next sequence number of its forum, and remembers the change id so a
//! retried push stores nothing twice. A pull returns the merged records whose sequence
//! number is after the caller's cursor. Because the merge is commutative, associative
//! and idempotent, every device that has pulled everything holds the same state,
//! whatever order pushes and pulls happened in.

use crate::change::Change;
use crate::model::{AnyRecord, RecordKind};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The protocol version this build speaks.
pub const PROTOCOL_VERSION: u32 = 1;
/// The oldest protocol version this build still accepts.
pub const MIN_PROTOCOL_VERSION: u32 = 1;
/// The HTTP header that carries the protocol version on every request and answer.
pub const PROTOCOL_HEADER: &str = "jiyn-protocol";
/// The most changes one push may carry.
pub const MAX_PUSH_CHANGES: usize = 1000;
/// The most records one pull page may return (`limit` is capped to this).
pub const MAX_PULL_LIMIT: usize = 5000;
/// How far ahead of the server's clock a change's stamp may be (24 hours).
pub const MAX_CLOCK_AHEAD_MS: u64 = 24 * 60 * 60 * 1000;

/// Who a bearer token speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenRole {
    /// A registration desk: participants, check-ins, sign-ups, hour logs.
    Desk,
    /// An organizer: everything, including the forum and its agenda.
    Organizer,
}

impl TokenRole {
    pub fn code(self) -> &'static str {
        match self {
            TokenRole::Desk => "desk",
            TokenRole::Organizer => "organizer",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "desk" => Some(TokenRole::Desk),
            "organizer" => Some(TokenRole::Organizer),
            _ => None,
        }
    }

    /// Whether this role may write records of this kind.
    pub fn may_write(self, kind: RecordKind) -> bool {
        match self {
            TokenRole::Organizer => true,
            TokenRole::Desk => matches!(
                kind,
                RecordKind::Participant
                    | RecordKind::CheckIn
                    | RecordKind::SignUp
                    | RecordKind::HourLog
            ),
        }
    }
}

/// `GET /v1/hello`: what the server speaks (no token needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    pub protocol: u32,
    pub min_protocol: u32,
    pub server: String,
}

/// `GET /v1/forums`: the forums a token may sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumList {
    pub protocol: u32,
    pub role: TokenRole,
    pub forums: Vec<Uuid>,
}

/// `POST /v1/forums/{forum}/changes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRequest {
    pub protocol: u32,
    /// The pushing device (for the server's log; every change names its device too).
    pub device: String,
    pub changes: Vec<Change>,
}

/// The answer to a push: every change id appears in exactly one of the three lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub protocol: u32,
    /// Stored now.
    pub accepted: Vec<Uuid>,
    /// Stored by an earlier push (a retry): nothing was stored again.
    pub duplicate: Vec<Uuid>,
    /// Refused, each with the reason; nothing of them was stored.
    pub rejected: Vec<Rejected>,
    /// The forum's cursor after this push.
    pub cursor: String,
}

/// One refused change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    pub id: Uuid,
    pub reason: RejectReason,
    /// Details for logs and support, in English.
    pub detail: String,
}

/// Why the server refused a change. The client shows these in the user's language and
/// drops the change from its outbox (sending it again would be refused again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// The payload is not a record of the stated kind, or disagrees with the change.
    Malformed,
    /// The change belongs to another forum than the one pushed to.
    WrongForum,
    /// The record breaks one of its rules (`detail` says which).
    Invalid,
    /// The token's role may not write this kind of record.
    Forbidden,
    /// The change's clock stamp is more than a day ahead of the server's clock.
    ClockAhead,
    /// The record conflicts with the server's copy in a way merge cannot settle
    /// (another kind under the same id).
    Conflict,
}

/// `GET /v1/forums/{forum}/changes?since=CURSOR&limit=N`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    pub protocol: u32,
    /// The merged records changed after `since`, oldest change first.
    pub records: Vec<AnyRecord>,
    /// The cursor to ask from next time.
    pub cursor: String,
    /// More records wait after this page.
    pub more: bool,
}

/// Every error answer: `{"error": code, "message": …}` with a 4xx/5xx status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorCode,
    pub message: String,
    /// Set with the two version errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_protocol: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_protocol: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the body or a parameter is not what the protocol says.
    Malformed,
    /// 401: no token, or an unknown one.
    Unauthorized,
    /// 403: the token is not for this forum.
    Forbidden,
    /// 404: no such route or forum.
    NotFound,
    /// 413: the body is larger than the server accepts.
    TooLarge,
    /// 429: too many requests; `Retry-After` says when to try again.
    RateLimited,
    /// 426: the client speaks an older protocol than the server still accepts.
    ClientTooOld,
    /// 400: the client speaks a newer protocol than the server knows.
    ServerTooOld,
    /// 500/503: the server could not do it now; retry later.
    Unavailable,
}

impl Hello {
    /// Whether this build can talk to the server that said hello: their version ranges
    /// overlap. Otherwise which side is too old.
    pub fn check(&self) -> Result<(), SyncError> {
        if self.protocol < MIN_PROTOCOL_VERSION {
            Err(SyncError::ServerTooOld)
        } else if self.min_protocol > PROTOCOL_VERSION {
            Err(SyncError::ClientTooOld)
        } else {
            Ok(())
        }
    }
}

/// Checks a pulled page: every record belongs to the forum asked for and keeps its
/// rules. Any failure refuses the whole page (nothing of it is stored).
pub fn check_pulled(forum: Uuid, records: &[AnyRecord]) -> Result<(), SyncError> {
    for r in records {
        let id = r.meta().id;
        if r.meta().forum != forum {
            return Err(SyncError::BadAnswer(format!(
                "record {id} of another forum"
            )));
        }
        r.validate()
            .map_err(|e| SyncError::BadAnswer(format!("record {id}: {e}")))?;
    }
    Ok(())
}

/// Whether a client speaking `client` may talk to a server speaking
/// [`MIN_PROTOCOL_VERSION`]..=[`PROTOCOL_VERSION`].
pub fn protocol_check(client: u32) -> Result<(), ErrorCode> {
    if client < MIN_PROTOCOL_VERSION {
        Err(ErrorCode::ClientTooOld)
    } else if client > PROTOCOL_VERSION {
        Err(ErrorCode::ServerTooOld)
    } else {
        Ok(())
    }
}

/// Checks one pushed change against the forum it was pushed to, the pusher's role and
/// the server's clock, and returns the record it carries.
pub fn check_change(
    forum: Uuid,
    role: TokenRole,
    now_ms: u64,
    change: &Change,
) -> Result<AnyRecord, Rejected> {
    let refuse = |reason: RejectReason, detail: String| Rejected {
        id: change.id,
        reason,
        detail,
    };
    if change.forum != forum {
        return Err(refuse(
            RejectReason::WrongForum,
            format!("change is for forum {}, pushed to {forum}", change.forum),
        ));
    }
    if !role.may_write(change.kind) {
        return Err(refuse(
            RejectReason::Forbidden,
            format!("a {} token may not write {:?}", role.code(), change.kind),
        ));
    }
    let record = record_of(change).map_err(|e| refuse(RejectReason::Malformed, e))?;
    let meta = record.meta();
    if meta.id != change.record {
        return Err(refuse(
            RejectReason::Malformed,
            format!(
                "payload is record {}, change names {}",
                meta.id, change.record
            ),
        ));
    }
    if meta.forum != forum {
        return Err(refuse(
            RejectReason::WrongForum,
            format!("record belongs to forum {}", meta.forum),
        ));
    }
    if record.kind() == RecordKind::Forum && meta.id != meta.forum {
        return Err(refuse(
            RejectReason::Malformed,
            "a forum record must be its own forum".into(),
        ));
    }
    if change.hlc > meta.hlc {
        return Err(refuse(
            RejectReason::Malformed,
            "the change is stamped later than the record it carries".into(),
        ));
    }
    if meta.hlc.wall_ms > now_ms.saturating_add(MAX_CLOCK_AHEAD_MS) {
        return Err(refuse(
            RejectReason::ClockAhead,
            format!(
                "stamped {} ms ahead of the server's clock",
                meta.hlc.wall_ms - now_ms
            ),
        ));
    }
    record
        .validate()
        .map_err(|e| refuse(RejectReason::Invalid, e.to_string()))?;
    Ok(record)
}

/// Whether a record as merged from a pushed change may be stored for this role, given
/// the record the server held before (`None`: new). Roles are per kind
/// ([`TokenRole::may_write`]) except for one field: a desk writes hour entries (timers,
/// hours typed by hand, corrections) but only a coordinator decides them, so a desk
/// change may leave an entry's status as it was, create it pending, or put a rejected
/// entry back to pending; approving, rejecting, marking a no-show or reopening a
/// decided entry is refused.
pub fn role_may_store(
    role: TokenRole,
    before: Option<&AnyRecord>,
    after: &AnyRecord,
) -> Result<(), String> {
    use crate::model::HourStatus;
    let (TokenRole::Desk, AnyRecord::HourLog(after)) = (role, after) else {
        return Ok(());
    };
    let before = match before {
        Some(AnyRecord::HourLog(h)) => Some(&h.status),
        _ => None,
    };
    let allowed = match (before, &after.status) {
        (Some(b), a) if b == a => true,
        (None | Some(HourStatus::Rejected { .. }), HourStatus::Pending) => true,
        _ => false,
    };
    if allowed {
        Ok(())
    } else {
        Err("a desk token may not approve, reject or reopen hour entries".into())
    }
}

/// The record a change carries, typed by the change's kind.
pub fn record_of(change: &Change) -> Result<AnyRecord, String> {
    #[derive(Serialize)]
    struct Tagged<'a> {
        kind: RecordKind,
        record: &'a serde_json::value::RawValue,
    }
    let raw: &serde_json::value::RawValue =
        serde_json::from_str(&change.payload).map_err(|e| format!("payload is not JSON: {e}"))?;
    let text = serde_json::to_string(&Tagged {
        kind: change.kind,
        record: raw,
    })
    .map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| format!("payload is not a {:?}: {e}", change.kind))
}

/// A pull cursor: the forum's sequence number, as decimal text on the wire. The empty
/// text (or `0`) means "from the beginning".
pub fn parse_cursor(text: &str) -> Option<u64> {
    if text.is_empty() {
        return Some(0);
    }
    if text.len() > 20 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// What the sync status line needs to say about an answer that went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("no connection to the server")]
    Offline,
    #[error("the server did not answer in time")]
    Timeout,
    #[error("the token was refused")]
    Unauthorized,
    #[error("the token is not for this forum")]
    Forbidden,
    #[error("the server is busy; trying again later")]
    RateLimited,
    #[error("this app is too old for the server; reload to update")]
    ClientTooOld,
    #[error("the server is too old for this app")]
    ServerTooOld,
    #[error("the server failed ({0})")]
    Server(u16),
    #[error("the server's answer is not what the protocol says: {0}")]
    BadAnswer(String),
    #[error("the address is not a sync server")]
    NotJiyn,
    #[error("storage on this device failed: {0}")]
    Storage(String),
}

impl SyncError {
    /// The error an answer with this status and body means.
    pub fn from_answer(status: u16, body: &str) -> SyncError {
        let code = serde_json::from_str::<ErrorBody>(body)
            .ok()
            .map(|b| b.error);
        match (status, code) {
            (_, Some(ErrorCode::ClientTooOld)) | (426, _) => SyncError::ClientTooOld,
            (_, Some(ErrorCode::ServerTooOld)) => SyncError::ServerTooOld,
            (401, _) => SyncError::Unauthorized,
            (403, _) => SyncError::Forbidden,
            (429, _) => SyncError::RateLimited,
            (s, None) if (200..300).contains(&s) => SyncError::BadAnswer("unexpected body".into()),
            (404, None) => SyncError::NotJiyn,
            (s, _) => SyncError::Server(s),
        }
    }

    /// Whether trying again later can help (the backoff goes on) or the user must act.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            SyncError::Offline
                | SyncError::Timeout
                | SyncError::RateLimited
                | SyncError::Server(_)
                | SyncError::BadAnswer(_)
                | SyncError::Storage(_)
        )
    }
}

/// The delay before retry number `attempt` (0-based): exponential from 1 s, capped at
/// 5 minutes, with "full jitter" (`jitter` in 0..1 picks a point in the window), so a
/// room of desks that lost the network together does not come back in step.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    let cap: u64 = 300_000;
    let window = 1_000u64.saturating_mul(1u64 << attempt.min(20)).min(cap);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.5
    };
    // At least a quarter of the window, so retries never spin.
    (window / 4) + ((window - window / 4) as f64 * jitter) as u64
}

/// Splits an outbox into push batches per forum, each at most [`MAX_PUSH_CHANGES`],
/// keeping the outbox order inside each forum.
pub fn batches(outbox: &[Change]) -> Vec<(Uuid, Vec<Change>)> {
    let mut out: Vec<(Uuid, Vec<Change>)> = Vec::new();
    let mut forums: Vec<Uuid> = Vec::new();
    for c in outbox {
        if !forums.contains(&c.forum) {
            forums.push(c.forum);
        }
    }
    for forum in forums {
        let mine: Vec<Change> = outbox
            .iter()
            .filter(|c| c.forum == forum)
            .cloned()
            .collect();
        for chunk in mine.chunks(MAX_PUSH_CHANGES) {
            out.push((forum, chunk.to_vec()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Writer;
    use crate::hlc::{DeviceId, HlcClock};
    use crate::model::*;

    fn writer() -> Writer {
        Writer::new(HlcClock::new(DeviceId::new("desk-a").unwrap()))
    }

    fn walk_in(w: &mut Writer, forum: Uuid) -> (Participant, Change) {
        w.create(1_000, Some(forum), |meta| Participant {
            meta,
            full_name: "Ақбота Оқасова".into(),
            phone: None,
            region: "Батыс Қазақстан".into(),
            district: String::new(),
            organisation: String::new(),
            birth_year: Some(2001),
            role: Role::Participant,
            delegation: None,
            badge_code: "K7Q2M9XA".into(),
            iin: None,
            head_of_delegation: false,
            consent: None,
        })
        .unwrap()
    }

    #[test]
    fn a_good_change_is_accepted_with_its_record() {
        let forum = Uuid::from_u128(7);
        let (p, c) = walk_in(&mut writer(), forum);
        let r = check_change(forum, TokenRole::Desk, 2_000, &c).unwrap();
        assert_eq!(r, AnyRecord::from(p));
    }

    #[test]
    fn each_rule_has_its_reason() {
        let forum = Uuid::from_u128(7);
        let (_, c) = walk_in(&mut writer(), forum);
        let reason = |c: &Change, role, now| check_change(forum, role, now, c).unwrap_err().reason;
        assert_eq!(
            check_change(Uuid::from_u128(8), TokenRole::Desk, 2_000, &c)
                .unwrap_err()
                .reason,
            RejectReason::WrongForum
        );
        assert!(
            check_change(forum, TokenRole::Desk, 0, &c).is_ok(),
            "a stamp a second ahead of the server is fine"
        );
        let mut bad = c.clone();
        bad.payload = "{\"meta\":1}".into();
        assert_eq!(
            reason(&bad, TokenRole::Desk, 2_000),
            RejectReason::Malformed
        );
        let mut other = c.clone();
        other.record = Uuid::from_u128(99);
        assert_eq!(
            reason(&other, TokenRole::Desk, 2_000),
            RejectReason::Malformed
        );
        let mut forum_kind = c.clone();
        forum_kind.kind = RecordKind::Forum;
        assert_eq!(
            reason(&forum_kind, TokenRole::Desk, 2_000),
            RejectReason::Forbidden
        );
        // The stamp is 1 s; a server clock more than a day behind it refuses it.
        let mut ahead = c.clone();
        let mut p: Participant = ahead.record().unwrap();
        p.meta.hlc.wall_ms = 2 * MAX_CLOCK_AHEAD_MS;
        ahead.payload = serde_json::to_string(&p).unwrap();
        assert_eq!(reason(&ahead, TokenRole::Desk, 0), RejectReason::ClockAhead);
        let mut invalid = c.clone();
        let mut p: Participant = invalid.record().unwrap();
        p.full_name = String::new();
        invalid.payload = serde_json::to_string(&p).unwrap();
        assert_eq!(
            reason(&invalid, TokenRole::Desk, 2_000),
            RejectReason::Invalid
        );
    }

    #[test]
    fn versions_are_checked_both_ways() {
        assert_eq!(protocol_check(PROTOCOL_VERSION), Ok(()));
        assert_eq!(protocol_check(0), Err(ErrorCode::ClientTooOld));
        assert_eq!(
            protocol_check(PROTOCOL_VERSION + 1),
            Err(ErrorCode::ServerTooOld)
        );
        let body = serde_json::to_string(&ErrorBody {
            error: ErrorCode::ClientTooOld,
            message: "x".into(),
            min_protocol: Some(2),
            max_protocol: Some(3),
        })
        .unwrap();
        assert_eq!(SyncError::from_answer(426, &body), SyncError::ClientTooOld);
        assert_eq!(SyncError::from_answer(401, ""), SyncError::Unauthorized);
        assert_eq!(
            SyncError::from_answer(502, "<html>"),
            SyncError::Server(502)
        );
    }

    #[test]
    fn hello_says_which_side_is_too_old() {
        let hello = |protocol, min_protocol| Hello {
            protocol,
            min_protocol,
            server: "s".into(),
        };
        assert_eq!(
            hello(PROTOCOL_VERSION, MIN_PROTOCOL_VERSION).check(),
            Ok(())
        );
        assert_eq!(
            hello(PROTOCOL_VERSION + 3, 1).check(),
            Ok(()),
            "a newer server that still speaks ours"
        );
        assert_eq!(hello(0, 0).check(), Err(SyncError::ServerTooOld));
        assert_eq!(
            hello(PROTOCOL_VERSION + 3, PROTOCOL_VERSION + 1).check(),
            Err(SyncError::ClientTooOld)
        );
    }

    #[test]
    fn a_pulled_page_with_a_stranger_or_a_broken_record_is_refused_whole() {
        let forum = Uuid::from_u128(7);
        let (p, _) = walk_in(&mut writer(), forum);
        let good = AnyRecord::from(p.clone());
        assert_eq!(check_pulled(forum, std::slice::from_ref(&good)), Ok(()));
        assert_eq!(check_pulled(forum, &[]), Ok(()));
        let (other, _) = walk_in(&mut writer(), Uuid::from_u128(8));
        assert!(matches!(
            check_pulled(forum, &[good.clone(), other.into()]),
            Err(SyncError::BadAnswer(_))
        ));
        let mut broken = p;
        broken.full_name.clear();
        assert!(matches!(
            check_pulled(forum, &[good, broken.into()]),
            Err(SyncError::BadAnswer(_))
        ));
    }

    #[test]
    fn cursors_are_plain_numbers() {
        assert_eq!(parse_cursor(""), Some(0));
        assert_eq!(parse_cursor("42"), Some(42));
        for bad in ["-1", "1e3", "x", "99999999999999999999999"] {
            assert_eq!(parse_cursor(bad), None, "{bad}");
        }
    }

    #[test]
    fn backoff_grows_caps_and_never_spins() {
        assert!(backoff_ms(0, 0.0) >= 250);
        assert!(backoff_ms(0, 1.0) <= 1_000);
        assert!(backoff_ms(3, 0.0) >= 2_000 && backoff_ms(3, 1.0) <= 8_000);
        assert_eq!(backoff_ms(40, 1.0), 300_000);
        assert!(backoff_ms(40, f64::NAN) > 0);
    }

    #[test]
    fn batches_split_by_forum_and_size_in_order() {
        let mut w = writer();
        let a = Uuid::from_u128(1);
        let b = Uuid::from_u128(2);
        let mut outbox = Vec::new();
        for i in 0..(MAX_PUSH_CHANGES + 5) {
            outbox.push(walk_in(&mut w, if i % 3 == 0 { b } else { a }).1);
        }
        let out = batches(&outbox);
        let total: usize = out.iter().map(|(_, c)| c.len()).sum();
        assert_eq!(total, outbox.len());
        assert!(out.iter().all(|(f, c)| c.iter().all(|x| x.forum == *f)));
        assert!(out.iter().all(|(_, c)| c.len() <= MAX_PUSH_CHANGES));
        assert_eq!(out[0].0, b, "the first forum of the outbox goes first");
    }

    #[test]
    fn a_desk_writes_hours_but_never_decides_them() {
        use crate::hlc::Hlc;
        use chrono::TimeZone;
        let at = chrono::Utc.with_ymd_and_hms(2025, 11, 11, 9, 0, 0).unwrap();
        let entry = |status: HourStatus| {
            AnyRecord::HourLog(HourLog {
                meta: Meta::new(
                    Uuid::from_u128(1),
                    Uuid::from_u128(2),
                    Hlc::new(1, 0, DeviceId::new("desk-a").unwrap()),
                ),
                volunteer: Uuid::from_u128(7),
                shift: None,
                task: "Тіркеу".into(),
                started_at: at,
                ended_at: Some(at + chrono::Duration::hours(2)),
                status,
                note: String::new(),
            })
        };
        let pending = entry(HourStatus::Pending);
        let approved = entry(HourStatus::Approved {
            by: "coordinator".into(),
            at,
        });
        let rejected = entry(HourStatus::Rejected {
            by: "coordinator".into(),
            at,
            reason: "no shift".into(),
        });
        let no_show = entry(HourStatus::NoShow {
            by: "coordinator".into(),
            at,
        });
        let desk = TokenRole::Desk;
        // Allowed: create pending, edit without touching the status (an approved entry
        // pushed back unchanged, e.g. a snapshot), correct a rejected entry.
        assert_eq!(role_may_store(desk, None, &pending), Ok(()));
        assert_eq!(role_may_store(desk, Some(&pending), &pending), Ok(()));
        assert_eq!(role_may_store(desk, Some(&approved), &approved), Ok(()));
        assert_eq!(role_may_store(desk, Some(&rejected), &pending), Ok(()));
        // Refused: any decision, a decision made offline before the first push, and
        // reopening a decided entry.
        for (before, after) in [
            (Some(&pending), &approved),
            (Some(&pending), &rejected),
            (Some(&pending), &no_show),
            (None, &approved),
            (Some(&approved), &pending),
            (Some(&no_show), &pending),
            (Some(&rejected), &approved),
        ] {
            assert!(
                role_may_store(desk, before, after).is_err(),
                "{before:?} -> {after:?}"
            );
        }
        // An organizer decides; other kinds are not concerned.
        assert_eq!(
            role_may_store(TokenRole::Organizer, Some(&pending), &approved),
            Ok(())
        );
        assert_eq!(role_may_store(TokenRole::Organizer, None, &no_show), Ok(()));
    }
}
