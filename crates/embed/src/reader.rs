//! A compact reader of the public agenda feed for the widget's wasm.
//!
//! `jiyn_core::feed::decode` (serde_json, chrono's parsers, serde's error messages) is
//! over 100 KB of gzipped wasm on its own, the whole widget's budget. This reader fills
//! the very same types (`jiyn_core::feed::AgendaFeed`) with a hand-written JSON scanner
//! and refuses in the same order: not JSON or cut short, not a Jiyn agenda, a newer
//! version, malformed. It reads exactly what `docs/agenda-feed.schema.json` describes,
//! which is what `jiyn_core::feed::encode` writes:
//!
//! - dates `YYYY-MM-DD`, local times `YYYY-MM-DDTHH:MM:SS` with an optional fraction of
//!   up to 9 digits, UTC instants the same with a final `Z`;
//! - enums (`kind`, `format`, languages) as strings, texts as objects, ids as UUID
//!   strings (any form `uuid` parses, as serde does);
//! - unknown fields are skipped (any JSON); a repeated field, a `null` where the schema
//!   has no null, a wrong type or an out-of-range number is malformed.
//!
//! `jiyn_core::feed::decode` is more lenient in a few corners the schema does not allow
//! (chrono's looser date forms such as a space for `T` or a `+05:00` offset, serde's
//! sequences for structs and maps for enums); this reader refuses those as malformed.
//! The tests in `tests/reader.rs` check that everything this reader accepts, the core
//! accepts with an equal result, and that every feed the core writes is read equal.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use jiyn_core::feed::{
    AgendaFeed, FeedForum, FeedRef, FeedRoom, FeedSession, FeedStop, FeedVenue, AGENDA_FORMAT,
    AGENDA_VERSION,
};
use jiyn_core::{ForumFormat, I18nText, Lang, SessionKind};
use std::borrow::Cow;
use uuid::Uuid;

/// Why a feed was refused, in `jiyn_core::feed::FeedError`'s order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Longer than [`MAX_FEED_BYTES`].
    TooLarge,
    NotJson,
    Truncated,
    Foreign,
    Newer,
    Malformed,
}

impl Refusal {
    /// The code the widget turns into a message.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::TooLarge => "too_large",
            Refusal::NotJson => "not_json",
            Refusal::Truncated => "truncated",
            Refusal::Foreign => "foreign",
            Refusal::Newer => "newer",
            Refusal::Malformed => "malformed",
        }
    }
}

/// The longest feed text the widget reads (a 200-session feed is about 150 KB).
pub const MAX_FEED_BYTES: usize = 8 * 1024 * 1024;

/// A syntax failure: the text ended early, or something else is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Eof,
    Bad,
}

/// A typed read failed: the document is malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Bad;

type R<T> = Result<T, Bad>;

impl From<Syntax> for Bad {
    fn from(_: Syntax) -> Self {
        Bad
    }
}

/// Reads a feed, refusing (in this order) what is too large, not JSON or cut short, not
/// a Jiyn agenda, of a newer major version, or malformed (including a session or the
/// forum ending before it starts).
pub fn decode(text: &str) -> Result<AgendaFeed, Refusal> {
    if text.len() > MAX_FEED_BYTES {
        return Err(Refusal::TooLarge);
    }
    // 1. The whole text must be one JSON value.
    let mut r = Scanner::new(text);
    let whole = r.skip_value().and_then(|_| match r.peek() {
        None => Ok(()),
        Some(_) => Err(Syntax::Bad),
    });
    match whole {
        Ok(()) => {}
        Err(Syntax::Eof) => return Err(Refusal::Truncated),
        Err(Syntax::Bad) => return Err(Refusal::NotJson),
    }
    // 2. Ours, and a version this code reads?
    let version = envelope(text)?;
    if version > u64::from(AGENDA_VERSION) {
        return Err(Refusal::Newer);
    }
    if version == 0 {
        return Err(Refusal::Malformed);
    }
    // 3. The typed read and the checks `feed::decode` makes.
    let feed = Scanner::new(text).feed().map_err(|_| Refusal::Malformed)?;
    if feed.forum.ends_on < feed.forum.starts_on {
        return Err(Refusal::Malformed);
    }
    if feed
        .sessions
        .iter()
        .any(|s| s.ends_at < s.starts_at || s.ends_at_utc < s.starts_at_utc)
    {
        return Err(Refusal::Malformed);
    }
    Ok(feed)
}

/// The `format` marker must be `jiyn-agenda`; returns the `version` (a non-negative
/// integer; anything else is malformed).
fn envelope(text: &str) -> Result<u64, Refusal> {
    let mut r = Scanner::new(text);
    if r.peek() != Some(b'{') {
        return Err(Refusal::Foreign);
    }
    let mut format: Option<Option<bool>> = None;
    let mut version: Option<Option<u64>> = None;
    let scan = r.object(|r, key| {
        match key {
            "format" => {
                let ours = match r.peek() {
                    Some(b'"') => Some(r.string()? == AGENDA_FORMAT),
                    _ => {
                        r.skip_value()?;
                        None
                    }
                };
                // A repeated key is a serde error on the envelope: not ours.
                if format.replace(ours).is_some() {
                    return Err(Bad);
                }
            }
            "version" => {
                let v = match r.peek() {
                    Some(b'-' | b'0'..=b'9') => r.integer().ok().filter(|(neg, n)| !neg || *n == 0),
                    _ => {
                        r.skip_value()?;
                        None
                    }
                };
                if version.replace(v.map(|(_, n)| n)).is_some() {
                    return Err(Bad);
                }
            }
            _ => r.skip_value()?,
        }
        Ok(())
    });
    if scan.is_err() || format.flatten() != Some(true) {
        return Err(Refusal::Foreign);
    }
    version.flatten().ok_or(Refusal::Malformed)
}

/// A byte scanner over JSON text.
struct Scanner<'a> {
    text: &'a str,
    i: usize,
}

/// Stores a field's value, refusing a repeated field.
fn set<T>(slot: &mut Option<T>, value: R<T>) -> R<()> {
    if slot.is_some() {
        return Err(Bad);
    }
    *slot = Some(value?);
    Ok(())
}

fn hex(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'a'..=b'f' => Some(u32::from(b - b'a' + 10)),
        b'A'..=b'F' => Some(u32::from(b - b'A' + 10)),
        _ => None,
    }
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner { text, i: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes().get(self.i) {
            self.i += 1;
        }
        self.bytes().get(self.i).copied()
    }

    fn next(&mut self) -> Result<u8, Syntax> {
        let b = self.bytes().get(self.i).copied().ok_or(Syntax::Eof)?;
        self.i += 1;
        Ok(b)
    }

    /// Consumes `c` after whitespace.
    fn eat(&mut self, c: u8) -> Result<(), Syntax> {
        match self.peek() {
            Some(b) if b == c => {
                self.i += 1;
                Ok(())
            }
            Some(_) => Err(Syntax::Bad),
            None => Err(Syntax::Eof),
        }
    }

    /// Skips one value of any kind, checking its syntax (nesting kept on a heap stack,
    /// so deep input cannot overflow the wasm stack).
    fn skip_value(&mut self) -> Result<(), Syntax> {
        // Per open container: whether it is an object.
        let mut open: Vec<bool> = Vec::new();
        loop {
            // A value.
            match self.peek().ok_or(Syntax::Eof)? {
                b'{' | b'[' => {
                    let object = self.next()? == b'{';
                    let close = if object { b'}' } else { b']' };
                    if self.peek().ok_or(Syntax::Eof)? == close {
                        self.i += 1;
                    } else {
                        open.push(object);
                        if object {
                            self.key()?;
                        }
                        continue;
                    }
                }
                b'"' => self.skip_string()?,
                b't' => self.literal(b"true")?,
                b'f' => self.literal(b"false")?,
                b'n' => self.literal(b"null")?,
                b'-' | b'0'..=b'9' => {
                    self.number()?;
                }
                _ => return Err(Syntax::Bad),
            }
            // After a value: a comma, or closing brackets.
            loop {
                let Some(&object) = open.last() else {
                    return Ok(());
                };
                match self.peek().ok_or(Syntax::Eof)? {
                    b',' => {
                        self.i += 1;
                        if object {
                            self.key()?;
                        }
                        break;
                    }
                    b'}' if object => {
                        self.i += 1;
                        open.pop();
                    }
                    b']' if !object => {
                        self.i += 1;
                        open.pop();
                    }
                    _ => return Err(Syntax::Bad),
                }
            }
        }
    }

    /// A key and its colon (the key's escapes checked, not decoded).
    fn key(&mut self) -> Result<(), Syntax> {
        match self.peek().ok_or(Syntax::Eof)? {
            b'"' => self.skip_string()?,
            _ => return Err(Syntax::Bad),
        }
        self.eat(b':')
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Syntax> {
        for &c in word {
            if self.next()? != c {
                return Err(Syntax::Bad);
            }
        }
        Ok(())
    }

    /// A JSON number; returns its text.
    fn number(&mut self) -> Result<&'a str, Syntax> {
        let start = self.i;
        let digit = |s: &mut Self| {
            let is = s.bytes().get(s.i).is_some_and(u8::is_ascii_digit);
            s.i += usize::from(is);
            is
        };
        if self.bytes().get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match self.bytes().get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => while digit(self) {},
            // serde_json: a lone `-` is an invalid number, even at the end.
            _ => return Err(Syntax::Bad),
        }
        if self.bytes().get(self.i) == Some(&b'.') {
            self.i += 1;
            if !digit(self) {
                return Err(Syntax::Bad);
            }
            while digit(self) {}
        }
        if let Some(b'e' | b'E') = self.bytes().get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.bytes().get(self.i) {
                self.i += 1;
            }
            if !digit(self) {
                return Err(Syntax::Bad);
            }
            while digit(self) {}
        }
        Ok(&self.text[start..self.i])
    }

    /// An integer (no fraction, no exponent): its sign and magnitude (at most u64).
    fn integer(&mut self) -> R<(bool, u64)> {
        let t = self.number()?;
        let (neg, digits) = match t.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, t),
        };
        let mut n: u64 = 0;
        for b in digits.bytes() {
            if !b.is_ascii_digit() {
                return Err(Bad);
            }
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(b - b'0')))
                .ok_or(Bad)?;
        }
        Ok((neg, n))
    }

    fn u32(&mut self) -> R<u32> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => {}
            _ => return Err(Bad),
        }
        match self.integer()? {
            (true, 0) => Ok(0),
            (true, _) => Err(Bad),
            (false, n) => u32::try_from(n).map_err(|_| Bad),
        }
    }

    fn skip_string(&mut self) -> Result<(), Syntax> {
        self.scan_string(None)
    }

    /// A string, decoded (borrowed when it has no escapes).
    fn string(&mut self) -> R<Cow<'a, str>> {
        if self.peek() != Some(b'"') {
            return Err(Bad);
        }
        let start = self.i + 1;
        let mut probe = Scanner {
            text: self.text,
            i: self.i,
        };
        probe.scan_string(None)?;
        let body = &self.text[start..probe.i - 1];
        if !body.contains('\\') {
            self.i = probe.i;
            return Ok(Cow::Borrowed(body));
        }
        let mut out = String::with_capacity(body.len());
        self.scan_string(Some(&mut out))?;
        Ok(Cow::Owned(out))
    }

    /// Scans a string at `"`, checking it; with `out`, decodes it there (and refuses lone
    /// surrogates, as serde_json does when it decodes; skipping, it only checks the four
    /// hex digits, as serde_json's `ignore_str` does).
    fn scan_string(&mut self, mut out: Option<&mut String>) -> Result<(), Syntax> {
        if self.next()? != b'"' {
            return Err(Syntax::Bad);
        }
        let mut run = self.i;
        loop {
            let b = self.next()?;
            match b {
                b'"' => {
                    if let Some(o) = out.as_deref_mut() {
                        o.push_str(&self.text[run..self.i - 1]);
                    }
                    return Ok(());
                }
                b'\\' => {
                    if let Some(o) = out.as_deref_mut() {
                        o.push_str(&self.text[run..self.i - 1]);
                    }
                    let c = match self.next()? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let u = self.hex4()?;
                            if out.is_none() {
                                run = self.i;
                                continue;
                            }
                            match u {
                                0xD800..=0xDBFF => {
                                    if self.next()? != b'\\' || self.next()? != b'u' {
                                        return Err(Syntax::Bad);
                                    }
                                    let low = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&low) {
                                        return Err(Syntax::Bad);
                                    }
                                    let c = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                                    char::from_u32(c).ok_or(Syntax::Bad)?
                                }
                                0xDC00..=0xDFFF => return Err(Syntax::Bad),
                                _ => char::from_u32(u).ok_or(Syntax::Bad)?,
                            }
                        }
                        _ => return Err(Syntax::Bad),
                    };
                    if let Some(o) = out.as_deref_mut() {
                        o.push(c);
                    }
                    run = self.i;
                }
                0..=0x1f => return Err(Syntax::Bad),
                _ => {}
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Syntax> {
        let mut u = 0;
        for _ in 0..4 {
            u = u * 16 + hex(self.next()?).ok_or(Syntax::Bad)?;
        }
        Ok(u)
    }

    /// Walks an object's members: `member` reads (or skips) each value.
    fn object(&mut self, mut member: impl FnMut(&mut Self, &str) -> R<()>) -> R<()> {
        self.eat(b'{')?;
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(());
        }
        loop {
            let key = self.string()?;
            self.eat(b':')?;
            member(self, &key)?;
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(Bad),
            }
        }
    }

    /// An array's items.
    fn array<T>(&mut self, mut item: impl FnMut(&mut Self) -> R<T>) -> R<Vec<T>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(out);
        }
        loop {
            out.push(item(self)?);
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(out);
                }
                _ => return Err(Bad),
            }
        }
    }

    /// `null` (consumed) → `None`, else the value.
    fn optional<T>(&mut self, value: impl FnOnce(&mut Self) -> R<T>) -> R<Option<T>> {
        if self.peek() == Some(b'n') {
            self.literal(b"null")?;
            return Ok(None);
        }
        value(self).map(Some)
    }

    fn owned(&mut self) -> R<String> {
        self.string().map(Cow::into_owned)
    }

    fn uuid(&mut self) -> R<Uuid> {
        Uuid::parse_str(&self.string()?).map_err(|_| Bad)
    }

    fn date(&mut self) -> R<NaiveDate> {
        parse_date(self.string()?.as_bytes()).ok_or(Bad)
    }

    fn local(&mut self) -> R<NaiveDateTime> {
        parse_local(self.string()?.as_bytes()).ok_or(Bad)
    }

    fn utc(&mut self) -> R<DateTime<Utc>> {
        let s = self.string()?;
        let local = s.strip_suffix('Z').ok_or(Bad)?;
        parse_local(local.as_bytes())
            .map(|t| t.and_utc())
            .ok_or(Bad)
    }

    fn text(&mut self) -> R<I18nText> {
        let (mut kk, mut ru, mut en) = (None, None, None);
        self.object(|r, key| match key {
            "kk" => set(&mut kk, r.owned()),
            "ru" => set(&mut ru, r.owned()),
            "en" => set(&mut en, r.owned()),
            _ => Ok(r.skip_value()?),
        })?;
        Ok(I18nText {
            kk: kk.unwrap_or_default(),
            ru: ru.unwrap_or_default(),
            en: en.unwrap_or_default(),
        })
    }

    fn lang(&mut self) -> R<Lang> {
        Lang::from_code(&self.string()?).ok_or(Bad)
    }

    fn kind(&mut self) -> R<SessionKind> {
        jiyn_core::agenda::kind_from_code(&self.string()?).ok_or(Bad)
    }

    fn reference(&mut self) -> R<FeedRef> {
        let (mut id, mut name) = (None, None);
        self.object(|r, key| match key {
            "id" => set(&mut id, r.uuid()),
            "name" => set(&mut name, r.text()),
            _ => Ok(r.skip_value()?),
        })?;
        Ok(FeedRef {
            id: id.ok_or(Bad)?,
            name: name.ok_or(Bad)?,
        })
    }

    fn feed(&mut self) -> R<AgendaFeed> {
        let (mut format, mut version, mut generated_at, mut forum) = (None, None, None, None);
        let (mut venues, mut stops, mut sessions) = (None, None, None);
        self.object(|r, key| match key {
            "format" => set(&mut format, r.owned()),
            "version" => set(&mut version, r.u32()),
            "generated_at" => set(&mut generated_at, r.utc()),
            "forum" => set(&mut forum, r.forum()),
            "venues" => set(&mut venues, r.array(Self::venue)),
            "stops" => set(&mut stops, r.array(Self::stop)),
            "sessions" => set(&mut sessions, r.array(Self::session)),
            _ => Ok(r.skip_value()?),
        })?;
        Ok(AgendaFeed {
            format: format.ok_or(Bad)?,
            version: version.ok_or(Bad)?,
            generated_at: generated_at.ok_or(Bad)?,
            forum: forum.ok_or(Bad)?,
            venues: venues.unwrap_or_default(),
            stops: stops.unwrap_or_default(),
            sessions: sessions.unwrap_or_default(),
        })
    }

    fn forum(&mut self) -> R<FeedForum> {
        let (mut id, mut title, mut city, mut starts_on) = (None, None, None, None);
        let (mut ends_on, mut time_zone, mut format, mut signing_key) = (None, None, None, None);
        self.object(|r, key| match key {
            "id" => set(&mut id, r.uuid()),
            "title" => set(&mut title, r.text()),
            "city" => set(&mut city, r.text()),
            "starts_on" => set(&mut starts_on, r.date()),
            "ends_on" => set(&mut ends_on, r.date()),
            "time_zone" => set(&mut time_zone, r.owned()),
            "format" => set(
                &mut format,
                match r.string()?.as_ref() {
                    "single" => Ok(ForumFormat::Single),
                    "tour" => Ok(ForumFormat::Tour),
                    _ => Err(Bad),
                },
            ),
            "signing_key" => set(&mut signing_key, r.optional(Self::owned)),
            _ => Ok(r.skip_value()?),
        })?;
        Ok(FeedForum {
            id: id.ok_or(Bad)?,
            title: title.ok_or(Bad)?,
            city: city.unwrap_or_default(),
            starts_on: starts_on.ok_or(Bad)?,
            ends_on: ends_on.ok_or(Bad)?,
            time_zone: time_zone.ok_or(Bad)?,
            format: format.ok_or(Bad)?,
            signing_key: signing_key.flatten(),
        })
    }

    fn venue(&mut self) -> R<FeedVenue> {
        let (mut id, mut name, mut address, mut rooms) = (None, None, None, None);
        self.object(|r, key| match key {
            "id" => set(&mut id, r.uuid()),
            "name" => set(&mut name, r.text()),
            "address" => set(&mut address, r.owned()),
            "rooms" => set(&mut rooms, r.array(Self::room)),
            _ => Ok(r.skip_value()?),
        })?;
        Ok(FeedVenue {
            id: id.ok_or(Bad)?,
            name: name.ok_or(Bad)?,
            address: address.unwrap_or_default(),
            rooms: rooms.unwrap_or_default(),
        })
    }

    fn room(&mut self) -> R<FeedRoom> {
        let (mut id, mut name, mut capacity) = (None, None, None);
        self.object(|r, key| match key {
            "id" => set(&mut id, r.uuid()),
            "name" => set(&mut name, r.text()),
            "capacity" => set(&mut capacity, r.optional(Self::u32)),
            _ => Ok(r.skip_value()?),
        })?;
        Ok(FeedRoom {
            id: id.ok_or(Bad)?,
            name: name.ok_or(Bad)?,
            capacity: capacity.flatten(),
        })
    }

    fn stop(&mut self) -> R<FeedStop> {
        let (mut id, mut district, mut place, mut address, mut date) =
            (None, None, None, None, None);
        self.object(|r, key| match key {
            "id" => set(&mut id, r.uuid()),
            "district" => set(&mut district, r.text()),
            "place" => set(&mut place, r.text()),
            "address" => set(&mut address, r.owned()),
            "date" => set(&mut date, r.date()),
            _ => Ok(r.skip_value()?),
        })?;
        Ok(FeedStop {
            id: id.ok_or(Bad)?,
            district: district.ok_or(Bad)?,
            place: place.ok_or(Bad)?,
            address: address.unwrap_or_default(),
            date: date.ok_or(Bad)?,
        })
    }

    fn session(&mut self) -> R<FeedSession> {
        let (mut id, mut title, mut description, mut kind) = (None, None, None, None);
        let (mut starts_at, mut ends_at, mut starts_at_utc, mut ends_at_utc) =
            (None, None, None, None);
        let (mut venue, mut room, mut stop) = (None, None, None);
        let (mut speakers, mut capacity, mut languages) = (None, None, None);
        self.object(|r, key| match key {
            "id" => set(&mut id, r.uuid()),
            "title" => set(&mut title, r.text()),
            "description" => set(&mut description, r.text()),
            "kind" => set(&mut kind, r.kind()),
            "starts_at" => set(&mut starts_at, r.local()),
            "ends_at" => set(&mut ends_at, r.local()),
            "starts_at_utc" => set(&mut starts_at_utc, r.utc()),
            "ends_at_utc" => set(&mut ends_at_utc, r.utc()),
            "venue" => set(&mut venue, r.optional(Self::reference)),
            "room" => set(&mut room, r.optional(Self::reference)),
            "stop" => set(&mut stop, r.optional(Self::reference)),
            "speakers" => set(&mut speakers, r.array(Self::owned)),
            "capacity" => set(&mut capacity, r.optional(Self::u32)),
            "languages" => set(&mut languages, r.array(Self::lang)),
            _ => Ok(r.skip_value()?),
        })?;
        Ok(FeedSession {
            id: id.ok_or(Bad)?,
            title: title.ok_or(Bad)?,
            description: description.unwrap_or_default(),
            kind: kind.ok_or(Bad)?,
            starts_at: starts_at.ok_or(Bad)?,
            ends_at: ends_at.ok_or(Bad)?,
            starts_at_utc: starts_at_utc.ok_or(Bad)?,
            ends_at_utc: ends_at_utc.ok_or(Bad)?,
            venue: venue.flatten(),
            room: room.flatten(),
            stop: stop.flatten(),
            speakers: speakers.unwrap_or_default(),
            capacity: capacity.flatten(),
            languages: languages.unwrap_or_default(),
        })
    }
}

/// `n` ASCII digits at `b[at..]`.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = b.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, d| {
        d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
    })
}

/// `YYYY-MM-DD`.
fn parse_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(digits(b, 0, 4)?).ok()?,
        digits(b, 5, 2)?,
        digits(b, 8, 2)?,
    )
}

/// `YYYY-MM-DDTHH:MM:SS` with an optional `.` and 1–9 digits.
fn parse_local(b: &[u8]) -> Option<NaiveDateTime> {
    if b.len() < 19 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = parse_date(&b[..10])?;
    let mut nanos = 0;
    if b.len() > 19 {
        let frac = &b[20..];
        if b[19] != b'.' || frac.is_empty() || frac.len() > 9 {
            return None;
        }
        nanos = digits(frac, 0, frac.len())? * 10u32.pow(9 - frac.len() as u32);
    }
    // Seconds 0–59 only: a leap second (`:60`) is refused, the schema's times never hold one.
    let time = NaiveTime::from_hms_nano_opt(
        digits(b, 11, 2)?,
        digits(b, 14, 2)?,
        digits(b, 17, 2)?,
        nanos,
    )?;
    Some(date.and_time(time))
}
