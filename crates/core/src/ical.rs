//! iCalendar (RFC 5545) export of sessions: one session, a personal plan, or a forum's
//! whole programme, as a `.ics` text any phone calendar imports.
//!
//! The calendar carries a `VTIMEZONE` for the forum's zone (built from [`crate::tz`],
//! covering the exported sessions), and every `DTSTART`/`DTEND` is the forum's wall
//! clock with that `TZID`, so a calendar shows the forum's times and converts them to the
//! phone's zone correctly, also across Kazakhstan's change to UTC+5 in 2024.
//!
//! Output rules: CRLF line ends; content lines folded at 75 octets, never inside a UTF-8
//! character; TEXT values escaped (`\\`, `\;`, `\,`, `\n`) with other control
//! characters dropped; one `VEVENT` per session, in programme order, with the stable
//! `UID` `<session id>@jiyn` so a re-import updates rather than duplicates. Tombstoned
//! sessions are left out. Texts are in the chosen language, falling back as
//! [`I18nText::get`] does; `LANGUAGE` says which language was used.

use crate::model::{Forum, I18nText, Lang, Session, SessionKind};
use crate::tz::{self, Transition, UnknownZone, Zone};
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeDelta, Utc};
use uuid::Uuid;

/// The `PRODID` of every calendar Jiyn writes.
pub const PRODID: &str = "-//Jiyn//Jiyn agenda 1.0//EN";
/// What follows the session id in a `UID`.
pub const UID_SUFFIX: &str = "@jiyn";
/// The longest content line, in octets without the CRLF (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;
/// How far the `VTIMEZONE` reaches beyond the first and last session, so a calendar
/// sees the observance around them too.
pub const VTIMEZONE_MARGIN_DAYS: i64 = 1;

/// How to write a calendar.
#[derive(Clone, Copy)]
pub struct IcalOptions<'a> {
    /// Language of titles, descriptions and places (with fallback).
    pub lang: Lang,
    /// When the calendar is made (`DTSTAMP`; passed in, core reads no clock).
    pub dtstamp: DateTime<Utc>,
    /// The calendar's name (`NAME`, `X-WR-CALNAME`), if any.
    pub name: Option<&'a str>,
    /// The label of a kind in `CATEGORIES`; English labels when `None`.
    pub kind_label: Option<&'a dyn Fn(SessionKind) -> String>,
    /// Written before the speakers' names at the end of `DESCRIPTION` ("Speakers"); the
    /// names stand alone when `None`.
    pub speakers_label: Option<&'a str>,
}

impl std::fmt::Debug for IcalOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IcalOptions")
            .field("lang", &self.lang)
            .field("dtstamp", &self.dtstamp)
            .field("name", &self.name)
            .field("speakers_label", &self.speakers_label)
            .finish_non_exhaustive()
    }
}

impl<'a> IcalOptions<'a> {
    /// Options with no calendar name, English kind labels and no speakers label.
    pub fn new(lang: Lang, dtstamp: DateTime<Utc>) -> Self {
        Self {
            lang,
            dtstamp,
            name: None,
            kind_label: None,
            speakers_label: None,
        }
    }
}

/// Why a calendar could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IcalError {
    #[error("the forum's {0}")]
    UnknownZone(#[from] UnknownZone),
    #[error("session {0} is not part of the forum")]
    ForeignSession(Uuid),
}

/// A calendar of the given sessions of one forum (a personal plan, a day, a filter).
pub fn calendar<'s>(
    forum: &Forum,
    sessions: impl IntoIterator<Item = &'s Session>,
    opts: &IcalOptions<'_>,
) -> Result<String, IcalError> {
    let zone = tz::require(&forum.time_zone)?;
    let mut list: Vec<&Session> = Vec::new();
    for s in sessions {
        if s.meta.forum != forum.meta.id {
            return Err(IcalError::ForeignSession(s.meta.id));
        }
        if !s.meta.deleted {
            list.push(s);
        }
    }
    list.sort_by_key(|s| (s.starts_at, s.ends_at, s.meta.id));

    let mut w = Lines::default();
    w.prop("BEGIN", &[], "VCALENDAR");
    w.prop("VERSION", &[], "2.0");
    w.prop("PRODID", &[], PRODID);
    w.prop("CALSCALE", &[], "GREGORIAN");
    w.prop("METHOD", &[], "PUBLISH");
    if let Some(name) = opts.name.filter(|n| !n.trim().is_empty()) {
        w.prop("NAME", &[], &escape_text(name));
        w.prop("X-WR-CALNAME", &[], &escape_text(name));
    }
    w.prop("X-WR-TIMEZONE", &[], zone.name());
    write_vtimezone(&mut w, zone, &list, opts.dtstamp);
    for s in &list {
        write_vevent(&mut w, forum, zone, s, opts);
    }
    w.prop("END", &[], "VCALENDAR");
    Ok(w.out)
}

/// A calendar of one session (the "add to calendar" button).
pub fn session(
    forum: &Forum,
    session: &Session,
    opts: &IcalOptions<'_>,
) -> Result<String, IcalError> {
    calendar(forum, std::iter::once(session), opts)
}

/// The forum's whole programme, named after the forum unless `opts.name` is set.
pub fn programme(
    forum: &Forum,
    sessions: &[Session],
    opts: &IcalOptions<'_>,
) -> Result<String, IcalError> {
    let title = forum.title.get(opts.lang).0.to_string();
    let opts = IcalOptions {
        name: opts.name.or(Some(&title)),
        ..*opts
    };
    calendar(forum, sessions, &opts)
}

fn write_vtimezone(w: &mut Lines, zone: Zone, sessions: &[&Session], dtstamp: DateTime<Utc>) {
    let instants = sessions
        .iter()
        .flat_map(|s| [zone.to_utc(s.starts_at), zone.to_utc(s.ends_at)]);
    let (from, to) = instants.fold(
        (None::<DateTime<Utc>>, None::<DateTime<Utc>>),
        |(lo, hi), t| {
            (
                Some(lo.map_or(t, |x| x.min(t))),
                Some(hi.map_or(t, |x| x.max(t))),
            )
        },
    );
    let margin = TimeDelta::days(VTIMEZONE_MARGIN_DAYS);
    let from = from.unwrap_or(dtstamp);
    let from = from.checked_sub_signed(margin).unwrap_or(from);
    let to = to.unwrap_or(dtstamp);
    let to = to.checked_add_signed(margin).unwrap_or(to);

    w.prop("BEGIN", &[], "VTIMEZONE");
    w.prop("TZID", &[], zone.name());
    w.prop("X-LIC-LOCATION", &[], zone.name());
    match zone.last_transition(from) {
        Some(t) => write_observance(w, &t),
        None => {
            // No change on record: one observance since the Unix epoch.
            let o = zone.observance_at(from);
            let since = DateTime::<Utc>::UNIX_EPOCH.naive_utc();
            write_observance_parts(w, o.dst, since, o.offset, o.offset, o.abbreviation);
        }
    }
    for t in zone.transitions(from, to) {
        write_observance(w, &t);
    }
    w.prop("END", &[], "VTIMEZONE");
}

fn write_observance(w: &mut Lines, t: &Transition) {
    write_observance_parts(
        w,
        t.after.dst,
        t.local_before(),
        t.before.offset,
        t.after.offset,
        t.after.abbreviation,
    );
}

fn write_observance_parts(
    w: &mut Lines,
    dst: bool,
    start: NaiveDateTime,
    from: FixedOffset,
    to: FixedOffset,
    name: &str,
) {
    let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
    w.prop("BEGIN", &[], kind);
    w.prop("DTSTART", &[], &local_stamp(start));
    w.prop("TZOFFSETFROM", &[], &utc_offset(from));
    w.prop("TZOFFSETTO", &[], &utc_offset(to));
    w.prop("TZNAME", &[], &escape_text(name));
    w.prop("END", &[], kind);
}

fn write_vevent(w: &mut Lines, forum: &Forum, zone: Zone, s: &Session, opts: &IcalOptions<'_>) {
    let lang = opts.lang;
    w.prop("BEGIN", &[], "VEVENT");
    w.prop("UID", &[], &format!("{}{UID_SUFFIX}", s.meta.id));
    w.prop("DTSTAMP", &[], &utc_stamp(opts.dtstamp));
    w.prop(
        "DTSTART",
        &[("TZID", zone.name())],
        &local_stamp(s.starts_at),
    );
    // An invalid session (ending before it starts) is written as an instant.
    if s.ends_at > s.starts_at {
        w.prop("DTEND", &[("TZID", zone.name())], &local_stamp(s.ends_at));
    }
    let (title, title_lang) = s.title.get(lang);
    w.prop(
        "SUMMARY",
        &[("LANGUAGE", title_lang.code())],
        &escape_text(title),
    );

    let (desc, desc_lang) = s.description.get(lang);
    let mut description = desc.trim().to_string();
    if !s.speakers.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        if let Some(label) = opts.speakers_label {
            description.push_str(label);
            description.push_str(": ");
        }
        description.push_str(&s.speakers.join(", "));
    }
    if !description.is_empty() {
        let desc_lang = if desc.trim().is_empty() {
            lang
        } else {
            desc_lang
        };
        w.prop(
            "DESCRIPTION",
            &[("LANGUAGE", desc_lang.code())],
            &escape_text(&description),
        );
    }
    let location = location(forum, s, lang);
    if !location.is_empty() {
        w.prop("LOCATION", &[], &escape_text(&location));
    }
    let category = match opts.kind_label {
        Some(label) => label(s.kind),
        None => english_kind_label(s.kind).to_string(),
    };
    w.prop("CATEGORIES", &[], &escape_text(&category));
    w.prop("END", &[], "VEVENT");
}

/// Where a session happens, as one line: room, venue, address (or, on a tour, place,
/// district, address).
pub fn location(forum: &Forum, s: &Session, lang: Lang) -> String {
    let text = |t: &I18nText| t.get(lang).0.trim().to_string();
    let mut parts: Vec<String> = Vec::new();
    let venue = s
        .venue
        .and_then(|id| forum.venues.iter().find(|v| v.id == id));
    let room = s.room.and_then(|id| {
        venue
            .into_iter()
            .chain(&forum.venues)
            .flat_map(|v| &v.rooms)
            .find(|r| r.id == id)
    });
    if let Some(r) = room {
        parts.push(text(&r.name));
    }
    if let Some(v) = venue {
        parts.push(text(&v.name));
        parts.push(v.address.trim().to_string());
    }
    if let Some(stop) = s
        .stop
        .and_then(|id| forum.stops.iter().find(|x| x.id == id))
    {
        parts.push(text(&stop.place));
        parts.push(text(&stop.district));
        parts.push(stop.address.trim().to_string());
    }
    parts.retain(|p| !p.is_empty());
    parts.dedup();
    parts.join(", ")
}

/// The English label of a kind, for exports made without the app's translations.
pub(crate) fn english_kind_label(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Plenary => "Plenary",
        SessionKind::DialoguePlatform => "Dialogue platform",
        SessionKind::Training => "Training",
        SessionKind::IntellectualGame => "Intellectual game",
        SessionKind::Consultation => "Consultation",
        SessionKind::Ceremony => "Ceremony",
        SessionKind::Meeting => "Meeting",
        SessionKind::Excursion => "Excursion",
        SessionKind::Other => "Other",
    }
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line ends escaped;
/// other control characters (not allowed in TEXT) dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() && (c as u32) < 0x80 => {}
            c => out.push(c),
        }
    }
    out
}

/// `20250310T100000`: a local date-time (with `TZID`, or floating in a `VTIMEZONE`).
fn local_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// `20251111T040000Z`.
fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `+0500`, or `+053000` when there are seconds.
fn utc_offset(o: FixedOffset) -> String {
    let secs = o.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// The calendar text being written, one folded content line at a time.
#[derive(Default)]
struct Lines {
    out: String,
}

impl Lines {
    /// Writes `NAME;PARAM=value:VALUE` (the value already escaped as its type needs).
    fn prop(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        let mut line = String::with_capacity(name.len() + value.len() + 16);
        line.push_str(name);
        for (k, v) in params {
            line.push(';');
            line.push_str(k);
            line.push('=');
            if v.contains([':', ';', ',']) {
                line.push('"');
                line.extend(v.chars().filter(|c| *c != '"' && !c.is_control()));
                line.push('"');
            } else {
                line.push_str(v);
            }
        }
        line.push(':');
        line.push_str(value);
        fold_into(&mut self.out, &line);
    }
}

/// Appends `line` folded at [`MAX_LINE_OCTETS`] octets (a continuation line's leading
/// space counts), cutting only between UTF-8 characters, with CRLF line ends.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = MAX_LINE_OCTETS;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = MAX_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_never_splits_a_character_and_keeps_lines_short() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "Жастар форумы ә ".repeat(20));
        fold_into(&mut out, &line);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= MAX_LINE_OCTETS, "{} octets", l.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn text_escaping_covers_the_special_characters() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\u{7}g"),
            "a\\\\b\\;c\\,d\\ne\\nfg"
        );
    }

    #[test]
    fn offsets_are_written_as_rfc_5545_wants() {
        assert_eq!(
            utc_offset(FixedOffset::east_opt(5 * 3600).unwrap()),
            "+0500"
        );
        assert_eq!(
            utc_offset(FixedOffset::west_opt(3 * 3600 + 1800).unwrap()),
            "-0330"
        );
        assert_eq!(
            utc_offset(FixedOffset::east_opt(5 * 3600 + 7).unwrap()),
            "+050007"
        );
    }
}
