//! The programme's pure logic: the participant's filter (and its URL form), the
//! programme's days, fast search, what is on now and next, overlaps, the organizer's
//! edit warnings, duplication and the tour itinerary.
//!
//! Every time here is a forum-local wall-clock time ([`Session::starts_at`]); nothing
//! reads a clock. Tombstoned sessions are skipped everywhere a function picks sessions
//! itself ([`days`], [`ProgrammeIndex`], [`now_and_next`], [`overlaps`],
//! [`edit_warnings`], [`itinerary`]).
//!
//! ## Conventions
//! - A session *occupies* the half-open interval `[starts_at, ends_at)`. Two sessions
//!   overlap when their intervals intersect; one ending exactly when the other starts
//!   does not. A session with `ends_at <= starts_at` (invalid; validation rejects it)
//!   occupies no time and overlaps nothing.
//! - A session *runs on* every date its interval touches: its start date and, if it
//!   crosses midnight, the following dates up to the date of its last minute (a session
//!   ending at 00:00 does not run on that new day). At most [`MAX_SESSION_DAYS`] dates
//!   count, so a mistyped end year cannot flood the day list.
//! - Programme order is `(starts_at, venue, room, id)`: by time, then the same place
//!   together, then a stable tie-break.

use crate::model::{Forum, ForumFormat, I18nText, Lang, Meta, Session, SessionKind};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use std::cmp::Ordering;
use std::collections::BTreeSet;
use uuid::Uuid;

/// Every session kind, in declaration order (the order of filter chips).
pub const KINDS: [SessionKind; 9] = [
    SessionKind::Plenary,
    SessionKind::DialoguePlatform,
    SessionKind::Training,
    SessionKind::IntellectualGame,
    SessionKind::Consultation,
    SessionKind::Ceremony,
    SessionKind::Meeting,
    SessionKind::Excursion,
    SessionKind::Other,
];

/// How many dates one session can run on, at most (see the module docs).
pub const MAX_SESSION_DAYS: u32 = 31;

/// How many dates of a forum's own range [`days`] lists, at most (a guard against a
/// mistyped `ends_on`; real forums and even year-long project programmes fit).
pub const MAX_FORUM_DAYS: u32 = 1000;

/// The code of a session kind in URLs and JSON (`plenary`, `dialogue_platform`, …);
/// the same as its serde name.
pub fn kind_code(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Plenary => "plenary",
        SessionKind::DialoguePlatform => "dialogue_platform",
        SessionKind::Training => "training",
        SessionKind::IntellectualGame => "intellectual_game",
        SessionKind::Consultation => "consultation",
        SessionKind::Ceremony => "ceremony",
        SessionKind::Meeting => "meeting",
        SessionKind::Excursion => "excursion",
        SessionKind::Other => "other",
    }
}

/// The session kind with this code ([`kind_code`]), if any.
pub fn kind_from_code(code: &str) -> Option<SessionKind> {
    KINDS.into_iter().find(|k| kind_code(*k) == code)
}

/// The participant's view of the programme; lives in the URL query so a link shares it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgrammeFilter {
    /// Only sessions that run on this date (a session crossing midnight runs on both
    /// dates).
    pub day: Option<NaiveDate>,
    /// Only sessions of these kinds; empty means all kinds.
    pub kinds: Vec<SessionKind>,
    /// Only sessions at this venue.
    pub venue: Option<Uuid>,
    /// Only sessions held in this language (`session.languages` contains it); sessions
    /// with no languages listed match any language.
    pub lang: Option<Lang>,
    /// Search in titles and descriptions (all three languages) and speakers (and place
    /// names, with [`ProgrammeIndex::for_forum`]). The text is [`fold`]ed and split at
    /// whitespace; every word must occur (as a substring).
    pub text: String,
}

impl ProgrammeFilter {
    /// The filter as a URL query (without `?`):
    /// `day=2025-11-11&kind=plenary,training&venue=<uuid>&lang=kk&q=<percent-encoded>`.
    ///
    /// Keys always come in that order; fields at their default (no day, no kinds, no
    /// venue, no language, empty text) are left out, so the empty filter gives `""`.
    /// Kinds are written in the order of `kinds` (use [`ProgrammeFilter::toggle_kind`]
    /// to keep them in the canonical [`KINDS`] order, so one view has one link). The
    /// text is percent-encoded byte by byte (UTF-8), everything but `A–Z a–z 0–9 - . _ ~`,
    /// so a space is `%20` and `+` is `%2B`.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(day) = self.day {
            // Years past 9999 are written `+10000-01-01`: the `+` needs escaping.
            parts.push(format!("day={}", percent_encode(&day.to_string())));
        }
        if !self.kinds.is_empty() {
            let codes: Vec<&str> = self.kinds.iter().map(|k| kind_code(*k)).collect();
            parts.push(format!("kind={}", codes.join(",")));
        }
        if let Some(venue) = self.venue {
            parts.push(format!("venue={}", venue.hyphenated()));
        }
        if let Some(lang) = self.lang {
            parts.push(format!("lang={}", lang.code()));
        }
        if !self.text.is_empty() {
            parts.push(format!("q={}", percent_encode(&self.text)));
        }
        parts.join("&")
    }

    /// Parses what [`ProgrammeFilter::to_query`] writes; a leading `?` is allowed.
    ///
    /// Lenient, never panics: unknown keys, bad values (an unparsable date, venue or
    /// language, an unknown kind code) and malformed `%` escapes are ignored (a bad
    /// escape is kept as text; invalid UTF-8 becomes U+FFFD). `+` reads as a space, as
    /// in HTML forms. A repeated key: the last good value wins, except `kind`, whose
    /// values add up (`kind=plenary&kind=training`, as a form with checkboxes sends).
    pub fn from_query(query: &str) -> Self {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut f = ProgrammeFilter::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_decode(key);
            let value = percent_decode(value);
            match key.as_str() {
                "day" => {
                    if let Ok(day) = value.parse::<NaiveDate>() {
                        f.day = Some(day);
                    }
                }
                "kind" => f
                    .kinds
                    .extend(value.split(',').filter_map(|c| kind_from_code(c.trim()))),
                "venue" => {
                    if let Ok(venue) = Uuid::parse_str(value.trim()) {
                        f.venue = Some(venue);
                    }
                }
                "lang" => {
                    if let Some(lang) = Lang::from_code(value.trim()) {
                        f.lang = Some(lang);
                    }
                }
                "q" => f.text = value,
                _ => {}
            }
        }
        f
    }

    /// Whether no field is set (the default filter; [`ProgrammeFilter::to_query`] gives
    /// `""`). It keeps every session.
    pub fn is_empty(&self) -> bool {
        self == &ProgrammeFilter::default()
    }

    /// Adds `kind` to [`ProgrammeFilter::kinds`] or removes it if present, keeping the
    /// list in [`KINDS`] order without repeats (so equal views give equal links).
    pub fn toggle_kind(&mut self, kind: SessionKind) {
        let had = self.kinds.contains(&kind);
        let keep: Vec<SessionKind> = KINDS
            .into_iter()
            .filter(|k| {
                if *k == kind {
                    !had
                } else {
                    self.kinds.contains(k)
                }
            })
            .collect();
        self.kinds = keep;
    }
}

/// Percent-encodes every byte except the URL-unreserved ASCII characters.
fn percent_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (a space); a `%` not followed by two hex digits stays
/// as it is; invalid UTF-8 becomes U+FFFD.
fn percent_decode(text: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let escaped = bytes
                    .get(i + 1)
                    .and_then(|h| hex(*h))
                    .zip(bytes.get(i + 2).and_then(|l| hex(*l)));
                if let Some((h, l)) = escaped {
                    out.push(h << 4 | l);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The first and last date a session runs on (see the module docs).
fn date_span(s: &Session) -> (NaiveDate, NaiveDate) {
    let first = s.starts_at.date();
    let last = if s.ends_at > s.starts_at {
        s.ends_at
            .checked_sub_signed(TimeDelta::nanoseconds(1))
            .map_or(first, |t| t.date())
    } else {
        first
    };
    let cap = first
        .checked_add_days(chrono::Days::new(u64::from(MAX_SESSION_DAYS - 1)))
        .unwrap_or(NaiveDate::MAX);
    (first, last.min(cap))
}

/// Whether the session runs on `day` (see the module docs).
fn runs_on(s: &Session, day: NaiveDate) -> bool {
    let (first, last) = date_span(s);
    first <= day && day <= last
}

/// Inserts every date of `first..=last` into `out`.
fn insert_dates(out: &mut BTreeSet<NaiveDate>, first: NaiveDate, last: NaiveDate) {
    let mut d = first;
    while d <= last {
        out.insert(d);
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
    }
}

/// The programme's days: every date from `forum.starts_on` to `forum.ends_on` (at most
/// [`MAX_FORUM_DAYS`]; just `starts_on` if `ends_on` is before it), plus any date a live
/// session runs on outside that range (a session crossing midnight adds both dates);
/// sorted, unique.
///
/// For a forum that spans months (a social projects programme) this lists every day;
/// [`session_days`] lists only the days that have sessions.
pub fn days(forum: &Forum, sessions: &[Session]) -> Vec<NaiveDate> {
    let mut out = BTreeSet::new();
    let cap = forum
        .starts_on
        .checked_add_days(chrono::Days::new(u64::from(MAX_FORUM_DAYS - 1)))
        .unwrap_or(NaiveDate::MAX);
    insert_dates(
        &mut out,
        forum.starts_on,
        forum.ends_on.max(forum.starts_on).min(cap),
    );
    out.extend(session_days(sessions));
    out.into_iter().collect()
}

/// Every date a live session runs on (a session crossing midnight gives both dates);
/// sorted, unique. Empty for an empty programme.
pub fn session_days(sessions: &[Session]) -> Vec<NaiveDate> {
    let mut out = BTreeSet::new();
    for s in sessions.iter().filter(|s| !s.meta.deleted) {
        let (first, last) = date_span(s);
        insert_dates(&mut out, first, last);
    }
    out.into_iter().collect()
}

/// Programme order: `(starts_at, venue, room, id)`.
pub fn programme_order(a: &Session, b: &Session) -> Ordering {
    (a.starts_at, a.venue, a.room, a.meta.id).cmp(&(b.starts_at, b.venue, b.room, b.meta.id))
}

/// A programme prepared for filtering: the live sessions in programme order, each with
/// its [`fold`]ed search text, built once per programme so a filter change is cheap
/// (200 sessions filter in microseconds).
#[derive(Debug, Clone, Default)]
pub struct ProgrammeIndex {
    sessions: Vec<Session>,
    /// Per session: folded titles, descriptions, place names (with a forum) and
    /// speakers, joined by `\n` (which a
    /// folded search word never contains, so no word matches across two fields).
    haystacks: Vec<String>,
}

impl ProgrammeIndex {
    /// Indexes the live sessions (tombstoned ones are skipped), in programme order
    /// `(starts_at, venue, room, id)`. Search covers titles, descriptions and speakers.
    pub fn new(sessions: &[Session]) -> Self {
        Self::build(None, sessions)
    }

    /// Like [`ProgrammeIndex::new`], and search also covers each session's place, in
    /// all three languages: its venue's and room's names and its tour stop's district
    /// and place (so `Есіл` finds the tour's Yesil sessions).
    pub fn for_forum(forum: &Forum, sessions: &[Session]) -> Self {
        Self::build(Some(forum), sessions)
    }

    fn build(forum: Option<&Forum>, sessions: &[Session]) -> Self {
        let mut sessions: Vec<Session> = sessions
            .iter()
            .filter(|s| !s.meta.deleted)
            .cloned()
            .collect();
        sessions.sort_by(programme_order);
        let haystacks = sessions.iter().map(|s| haystack(s, forum)).collect();
        Self {
            sessions,
            haystacks,
        }
    }

    /// The indexed (live) sessions, in programme order.
    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }

    /// How many sessions are indexed.
    pub fn len(&self) -> usize {
        self.sessions.len()
    }

    /// Whether the programme has no live session.
    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }

    /// Indices into [`ProgrammeIndex::sessions`] of the sessions the filter keeps, in
    /// order. All fields of the filter must match (see [`ProgrammeFilter`]).
    pub fn filter(&self, f: &ProgrammeFilter) -> Vec<usize> {
        let folded = fold(&f.text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        self.sessions
            .iter()
            .zip(&self.haystacks)
            .enumerate()
            .filter(|(_, (s, hay))| {
                f.day.is_none_or(|d| runs_on(s, d))
                    && (f.kinds.is_empty() || f.kinds.contains(&s.kind))
                    && f.venue.is_none_or(|v| s.venue == Some(v))
                    && f.lang
                        .is_none_or(|l| s.languages.is_empty() || s.languages.contains(&l))
                    && words.iter().all(|w| hay.contains(w))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The sessions the filter keeps, in order (see [`ProgrammeIndex::filter`]).
    pub fn matching(&self, f: &ProgrammeFilter) -> Vec<&Session> {
        self.filter(f)
            .into_iter()
            .map(|i| &self.sessions[i])
            .collect()
    }
}

/// A session's folded search text (with its place's names when the forum is given).
fn haystack(s: &Session, forum: Option<&Forum>) -> String {
    let mut texts: Vec<&I18nText> = vec![&s.title, &s.description];
    if let Some(forum) = forum {
        if let Some(venue) = s
            .venue
            .and_then(|id| forum.venues.iter().find(|v| v.id == id))
        {
            texts.push(&venue.name);
        }
        if let Some(room) = s.room.and_then(|id| {
            forum
                .venues
                .iter()
                .flat_map(|v| &v.rooms)
                .find(|r| r.id == id)
        }) {
            texts.push(&room.name);
        }
        if let Some(stop) = s
            .stop
            .and_then(|id| forum.stops.iter().find(|st| st.id == id))
        {
            texts.push(&stop.district);
            texts.push(&stop.place);
        }
    }
    texts
        .into_iter()
        .flat_map(|t| [&t.kk, &t.ru, &t.en])
        .chain(&s.speakers)
        .map(|t| fold(t))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text folding used for programme search (and speaker comparison), so that what
/// someone types on a Russian keyboard or a Latin one finds Kazakh text:
///
/// - lowercase;
/// - the Kazakh-specific Cyrillic letters become the Russian-keyboard letters people
///   type instead: ә→а, ғ→г, қ→к, ң→н, ө→о, ұ→у, ү→у, і→и, һ→х; and ё→е;
/// - Latin letters lose their diacritics (the Kazakh Latin alphabet's ä→a, ğ→g, ñ→n,
///   ö→o, ū→u, ü→u, ş→s, ç→c, ı→i, the 2017–2018 acute forms á, ǵ, ń, ó, ú, ý, ś, and
///   the common European accented letters); combining accents (U+0300–U+036F) are
///   dropped;
/// - runs of whitespace become one space; no space at either end.
///
/// It does not transliterate between scripts (`Ақбота` does not find `Akbota`). It is
/// idempotent: `fold(fold(x)) == fold(x)`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let Some(c) = fold_char(c) else { continue };
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// One lowercase character folded; `None` for a combining accent.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{300}'..='\u{36f}' => return None,
        // Kazakh Cyrillic and ё.
        'ә' => 'а',
        'ғ' => 'г',
        'қ' => 'к',
        'ң' => 'н',
        'ө' => 'о',
        'ұ' | 'ү' => 'у',
        'і' => 'и',
        'һ' => 'х',
        'ё' => 'е',
        // Latin with diacritics.
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ǵ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ő' | 'ø' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    })
}

/// What is on now and what comes next, by the forum's wall clock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NowNext<'a> {
    /// Live sessions running at that moment, in programme order.
    pub now: Vec<&'a Session>,
    /// Live sessions starting at the earliest start after that moment, in programme
    /// order (several when they start at the same time).
    pub next: Vec<&'a Session>,
}

/// What is on at `local_now` (forum-local wall clock) and what comes next.
///
/// `now`: live sessions with `starts_at <= local_now < ends_at`. `next`: the live
/// sessions with the earliest `starts_at > local_now` — all of them if several start at
/// that same time — whatever its date, so the evening before (or the morning before the
/// forum opens) "next" shows the first session of the coming day; the UI shows the date
/// when it is not today. Empty after the last session has started. `sessions` is the
/// forum's programme, in any order.
pub fn now_and_next(sessions: &[Session], local_now: NaiveDateTime) -> NowNext<'_> {
    let live = sessions.iter().filter(|s| !s.meta.deleted);
    let mut now: Vec<&Session> = live
        .clone()
        .filter(|s| s.starts_at <= local_now && local_now < s.ends_at)
        .collect();
    let next_start = live
        .clone()
        .map(|s| s.starts_at)
        .filter(|t| *t > local_now)
        .min();
    let mut next: Vec<&Session> = match next_start {
        Some(t) => live.filter(|s| s.starts_at == t).collect(),
        None => Vec::new(),
    };
    now.sort_by(|a, b| programme_order(a, b));
    next.sort_by(|a, b| programme_order(a, b));
    NowNext { now, next }
}

/// Whether two sessions' times overlap (see the module docs: `[starts_at, ends_at)`,
/// end == other's start is not an overlap, empty or inverted sessions overlap nothing).
pub fn times_overlap(a: &Session, b: &Session) -> bool {
    a.starts_at < a.ends_at
        && b.starts_at < b.ends_at
        && a.starts_at < b.ends_at
        && b.starts_at < a.ends_at
}

/// Pairs of live sessions (by id) among `sessions` whose times overlap — for the
/// personal plan's "two bookmarks at once". Each pair once as `(a, b)` with `a < b`,
/// the list sorted; a session listed twice is not paired with itself. Tombstoned
/// sessions are skipped. O(n log n + pairs).
pub fn overlaps(sessions: &[&Session]) -> Vec<(Uuid, Uuid)> {
    let mut live: Vec<&Session> = sessions
        .iter()
        .copied()
        .filter(|s| !s.meta.deleted && s.starts_at < s.ends_at)
        .collect();
    live.sort_by_key(|s| (s.starts_at, s.meta.id));
    let mut pairs = Vec::new();
    for (i, a) in live.iter().enumerate() {
        for b in live[i + 1..].iter().take_while(|b| b.starts_at < a.ends_at) {
            let (x, y) = (a.meta.id, b.meta.id);
            match x.cmp(&y) {
                Ordering::Less => pairs.push((x, y)),
                Ordering::Greater => pairs.push((y, x)),
                Ordering::Equal => {}
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A warning shown to the organizer while editing a session. Warnings never block a
/// save: a shared hall or a speaker on two panels can be intended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditWarning {
    /// Same room (or same venue when neither has a room) at overlapping times. Sessions
    /// with no venue never clash by place; a session with a room and one with only the
    /// same venue do not clash either (the venue-wide one is usually a foyer or a walk).
    RoomClash {
        /// The other session.
        other: Uuid,
    },
    /// A speaker (compared by [`fold`]ed name) in two overlapping sessions.
    SpeakerClash {
        /// The speaker's name as written in the edited session.
        speaker: String,
        /// The other session.
        other: Uuid,
    },
    /// Starts before `forum.starts_on` or ends after `forum.ends_on` (by date: a session
    /// ending at 00:00 ends on the day before).
    OutsideForumDates,
    /// For tours: the session has a stop of the forum, and its start date is not the
    /// stop's date.
    NotOnStopDate,
}

/// Warnings for `session` while the organizer edits it (it is not stored yet). `others`
/// are the forum's other stored sessions; any with the same id as `session` (its older
/// version) and tombstoned ones are ignored.
///
/// Order: [`EditWarning::OutsideForumDates`], [`EditWarning::NotOnStopDate`], then per
/// overlapping other session (in programme order) its [`EditWarning::RoomClash`] and
/// then its [`EditWarning::SpeakerClash`]es in the edited session's speaker order (a
/// speaker listed twice is reported once; blank names are ignored).
pub fn edit_warnings(forum: &Forum, session: &Session, others: &[Session]) -> Vec<EditWarning> {
    let mut out = Vec::new();
    let (first, last) = date_span(session);
    if first < forum.starts_on || last > forum.ends_on {
        out.push(EditWarning::OutsideForumDates);
    }
    if forum.format == ForumFormat::Tour {
        if let Some(stop) = session
            .stop
            .and_then(|id| forum.stops.iter().find(|s| s.id == id))
        {
            if stop.date != first {
                out.push(EditWarning::NotOnStopDate);
            }
        }
    }

    let mut speakers: Vec<(&str, String)> = Vec::new();
    for name in &session.speakers {
        let folded = fold(name);
        if !folded.is_empty() && !speakers.iter().any(|(_, f)| *f == folded) {
            speakers.push((name.as_str(), folded));
        }
    }

    let mut clashing: Vec<&Session> = others
        .iter()
        .filter(|o| !o.meta.deleted && o.meta.id != session.meta.id)
        .filter(|o| times_overlap(session, o))
        .collect();
    clashing.sort_by(|a, b| programme_order(a, b));
    for o in clashing {
        if same_place(session, o) {
            out.push(EditWarning::RoomClash { other: o.meta.id });
        }
        if speakers.is_empty() {
            continue;
        }
        let theirs: Vec<String> = o.speakers.iter().map(|n| fold(n)).collect();
        for (name, folded) in &speakers {
            if theirs.contains(folded) {
                out.push(EditWarning::SpeakerClash {
                    speaker: (*name).to_string(),
                    other: o.meta.id,
                });
            }
        }
    }
    out
}

/// Whether two sessions are in the same place for [`EditWarning::RoomClash`].
fn same_place(a: &Session, b: &Session) -> bool {
    match (a.venue, b.venue) {
        (Some(va), Some(vb)) => match (a.room, b.room) {
            (Some(ra), Some(rb)) => ra == rb,
            (None, None) => va == vb,
            _ => false,
        },
        _ => false,
    }
}

/// A copy of `session` for "duplicate": every data field the same (title unchanged),
/// with `meta` replaced by the given one (the caller makes a new id and stamps).
pub fn duplicate(session: &Session, meta: Meta) -> Session {
    Session {
        meta,
        ..session.clone()
    }
}

/// One day of the tour itinerary: the date and its stops (see [`itinerary`]).
pub type ItineraryDay<'a> = (NaiveDate, Vec<(Option<Uuid>, Vec<&'a Session>)>);

/// Groups the live sessions for the tour itinerary: by start date (ascending; only
/// dates with sessions), then by stop — the forum's stops in its `stops` order, then
/// stops the forum does not list (by id), then `None` for sessions with no stop —
/// and within a stop the sessions in programme order. A session crossing midnight is
/// listed once, under its start date.
pub fn itinerary<'a>(forum: &Forum, sessions: &'a [Session]) -> Vec<ItineraryDay<'a>> {
    let stop_rank = |stop: Option<Uuid>| -> (u8, usize, Option<Uuid>) {
        match stop {
            Some(id) => match forum.stops.iter().position(|s| s.id == id) {
                Some(i) => (0, i, None),
                None => (1, 0, Some(id)),
            },
            None => (2, 0, None),
        }
    };
    let mut live: Vec<&Session> = sessions.iter().filter(|s| !s.meta.deleted).collect();
    live.sort_by(|a, b| {
        a.starts_at
            .date()
            .cmp(&b.starts_at.date())
            .then_with(|| stop_rank(a.stop).cmp(&stop_rank(b.stop)))
            .then_with(|| programme_order(a, b))
    });
    let mut out: Vec<ItineraryDay<'a>> = Vec::new();
    for s in live {
        let date = s.starts_at.date();
        if out.last().is_none_or(|(d, _)| *d != date) {
            out.push((date, Vec::new()));
        }
        let (_, stops) = out.last_mut().expect("just pushed");
        if stops.last().is_none_or(|(st, _)| *st != s.stop) {
            stops.push((s.stop, Vec::new()));
        }
        stops.last_mut().expect("just pushed").1.push(s);
    }
    out
}
