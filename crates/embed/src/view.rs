//! What the agenda widget shows, computed once per feed: the programme's days in the
//! forum's time zone, each session's local times and its place in the day's grid (by
//! room), the filter options, a folded search text per session, what is on now and
//! next by the forum's clock, and which sessions a filter keeps.
//!
//! Pure Rust, host-tested; `lib.rs` only passes its answers to JavaScript.
//!
//! Conventions (see docs/embedding.md):
//! - times shown are the feed's forum-local wall clock (`starts_at`), never converted
//!   through the reader's zone; "now" is the forum's wall clock, from the instant the
//!   browser gives and the forum's zone in `jiyn_core::tz` (Kazakhstan on UTC+5 since
//!   2024-03-01); a zone the table does not know falls back to the offset the feed itself
//!   implies (`starts_at` − `starts_at_utc` of its first session), else UTC;
//! - a session belongs to the day it starts on (a session crossing midnight is drawn up to
//!   24:00 of that day);
//! - the grid has one column per place the day uses (a room; else the venue; else the
//!   tour stop; else a column without a name), in the order of the forum's venues and
//!   rooms, and one row per 5 minutes from the day's first start (rounded down to the
//!   half hour) to its last end (rounded up);
//! - filters follow the app's programme filter (`jiyn_core::agenda::ProgrammeFilter`):
//!   every set field must match; a session with no languages listed matches any
//!   language; search folds the query with `jiyn_core::agenda::fold` and every word must
//!   occur in the session's titles, descriptions, speakers or place names (any language).

use crate::reader::{self, Refusal};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike, Utc};
use jiyn_core::agenda::{fold, kind_code, KINDS};
use jiyn_core::feed::{AgendaFeed, FeedRef};
use jiyn_core::tz::{self, Zone};
use jiyn_core::{I18nText, Lang, SessionKind};
use uuid::Uuid;

/// Minutes per grid row.
pub const SLOT_MINUTES: u32 = 5;

/// The forum's clock: its zone when `jiyn_core::tz` knows it, else a fixed offset.
#[derive(Debug, Clone, Copy)]
enum Clock {
    Zone(Zone),
    Fixed(FixedOffset),
}

impl Clock {
    fn to_local(self, t: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Clock::Zone(z) => z.to_local(t),
            Clock::Fixed(o) => t.with_timezone(&o).naive_local(),
        }
    }

    fn offset_at(self, t: DateTime<Utc>) -> FixedOffset {
        match self {
            Clock::Zone(z) => z.offset_at_utc(t),
            Clock::Fixed(o) => o,
        }
    }
}

/// A place a session can be in, in the forum's order: a room, a venue, a tour stop.
#[derive(Debug, Clone)]
struct Place {
    id: Uuid,
    name: I18nText,
    /// The room's venue, or the stop's district.
    sub: I18nText,
}

/// A session prepared for the widget (same index as [`Agenda::sessions`]).
#[derive(Debug, Clone)]
struct Item {
    day: usize,
    /// Column within its day.
    col: usize,
    /// Grid rows within its day, `[row0, row1)`, in [`SLOT_MINUTES`].
    row0: u32,
    row1: u32,
    venue: Option<usize>,
    room: Option<usize>,
    kind: usize,
    /// Bit per `Lang::ALL` index; 0: no languages listed.
    langs: u8,
    hay: String,
}

#[derive(Debug, Clone)]
struct Day {
    date: NaiveDate,
    /// Minutes after local midnight of the first grid row.
    start: u32,
    /// Number of grid rows.
    slots: u32,
    /// Indices into the place list.
    cols: Vec<usize>,
}

/// A decoded feed, ready to show and filter.
#[derive(Debug, Clone)]
pub struct Agenda {
    feed: AgendaFeed,
    clock: Clock,
    places: Vec<Place>,
    venues: Vec<FeedRef>,
    rooms: Vec<(FeedRef, Option<usize>)>,
    items: Vec<Item>,
    days: Vec<Day>,
}

/// What is on now and next at one instant, by the forum's wall clock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NowNext {
    /// The forum-local time, `HH:MM`.
    pub time: String,
    /// The forum-local date, `YYYY-MM-DD`.
    pub date: String,
    /// The index of today among the days, if the programme has today.
    pub today: Option<usize>,
    /// Sessions running now (`starts_at <= now < ends_at`), in programme order.
    pub now: Vec<usize>,
    /// Sessions starting at the earliest start after now (any day).
    pub next: Vec<usize>,
}

/// A filter of the widget; `None` / empty fields keep everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub day: Option<usize>,
    /// Bit per [`KINDS`] index; 0: every kind.
    pub kinds: u32,
    /// Index into the venue options.
    pub venue: Option<usize>,
    /// Index into the room options.
    pub room: Option<usize>,
    pub lang: Option<Lang>,
    pub query: String,
}

fn lang_bit(l: Lang) -> u8 {
    match l {
        Lang::Kk => 1,
        Lang::Ru => 2,
        Lang::En => 4,
    }
}

fn kind_index(k: SessionKind) -> usize {
    KINDS
        .iter()
        .position(|x| *x == k)
        .unwrap_or(KINDS.len() - 1)
}

/// Minutes after local midnight.
fn minute_of_day(t: NaiveDateTime) -> u32 {
    t.hour() * 60 + t.minute()
}

/// `HH:MM`.
pub fn hhmm(t: NaiveDateTime) -> String {
    let (h, m) = (t.hour(), t.minute());
    let mut s = String::with_capacity(5);
    for (n, sep) in [(h, ":"), (m, "")] {
        s.push(char::from(b'0' + (n / 10) as u8));
        s.push(char::from(b'0' + (n % 10) as u8));
        s.push_str(sep);
    }
    s
}

/// `YYYY-MM-DD` (years 0–9999; the feed's dates are in that range in practice).
fn ymd(d: NaiveDate) -> String {
    use chrono::Datelike;
    let (y, m, dd) = (d.year().clamp(0, 9999) as u32, d.month(), d.day());
    let mut s = String::with_capacity(10);
    for (n, width) in [(y, 4), (m, 2), (dd, 2)] {
        if !s.is_empty() {
            s.push('-');
        }
        for p in (0..width).rev() {
            s.push(char::from(b'0' + ((n / 10u32.pow(p)) % 10) as u8));
        }
    }
    s
}

/// `+05:00`.
fn offset_text(o: FixedOffset) -> String {
    let secs = o.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let mins = secs.unsigned_abs() / 60;
    let mut s = String::with_capacity(6);
    s.push(sign);
    let (h, m) = (mins / 60, mins % 60);
    for (n, sep) in [(h, ":"), (m, "")] {
        s.push(char::from(b'0' + ((n / 10) % 10) as u8));
        s.push(char::from(b'0' + (n % 10) as u8));
        s.push_str(sep);
    }
    s
}

impl Agenda {
    /// Reads a feed ([`reader::decode`], which reads what `jiyn_core::feed::decode`
    /// reads, in a fraction of the wasm) and prepares it.
    pub fn parse(text: &str) -> Result<Self, Refusal> {
        reader::decode(text).map(Self::prepare)
    }

    /// Prepares a decoded feed.
    pub fn prepare(mut feed: AgendaFeed) -> Self {
        // Programme order (the feed's own, restated so a hand-made feed is drawn right).
        sort_by_key(&mut feed.sessions, |s| (s.starts_at, s.ends_at, s.id));

        let clock = match tz::zone(&feed.forum.time_zone) {
            Some(z) => Clock::Zone(z),
            None => Clock::Fixed(
                feed.sessions
                    .first()
                    .and_then(|s| {
                        let secs = (s.starts_at - s.starts_at_utc.naive_utc()).num_seconds();
                        FixedOffset::east_opt(i32::try_from(secs).ok()?)
                    })
                    .unwrap_or(FixedOffset::east_opt(0).expect("UTC")),
            ),
        };

        // Places, in the forum's order: rooms by venue, venues, stops; then any place a
        // session names that the forum's lists do not have.
        let mut places: Vec<Place> = Vec::new();
        for v in &feed.venues {
            for r in &v.rooms {
                places.push(Place {
                    id: r.id,
                    name: r.name.clone(),
                    sub: v.name.clone(),
                });
            }
        }
        for v in &feed.venues {
            places.push(Place {
                id: v.id,
                name: v.name.clone(),
                sub: I18nText::default(),
            });
        }
        for s in &feed.stops {
            places.push(Place {
                id: s.id,
                name: s.place.clone(),
                sub: s.district.clone(),
            });
        }

        let mut venues: Vec<FeedRef> = Vec::new();
        let mut rooms: Vec<(FeedRef, Option<usize>)> = Vec::new();
        let mut items: Vec<Item> = Vec::with_capacity(feed.sessions.len());
        let mut days: Vec<Day> = Vec::new();
        // Per session: its place index.
        let mut place_of: Vec<usize> = Vec::with_capacity(feed.sessions.len());

        // The filter options list what the programme uses, in the forum's order.
        let venue_order = |id: Uuid| feed.venues.iter().position(|v| v.id == id);
        for s in &feed.sessions {
            if let Some(v) = &s.venue {
                if !venues.iter().any(|x| x.id == v.id) {
                    venues.push(v.clone());
                }
            }
        }
        sort_by_key(&mut venues, |v| venue_order(v.id).unwrap_or(usize::MAX));
        let room_order = |id: Uuid| {
            feed.venues
                .iter()
                .flat_map(|v| &v.rooms)
                .position(|r| r.id == id)
        };
        for s in &feed.sessions {
            if let Some(r) = &s.room {
                if !rooms.iter().any(|(x, _)| x.id == r.id) {
                    let venue = s
                        .venue
                        .as_ref()
                        .and_then(|v| venues.iter().position(|x| x.id == v.id));
                    rooms.push((r.clone(), venue));
                }
            }
        }
        sort_by_key(&mut rooms, |(r, _)| room_order(r.id).unwrap_or(usize::MAX));

        for s in &feed.sessions {
            let (id, name, sub) = match (&s.room, &s.venue, &s.stop) {
                (Some(r), v, _) => (
                    r.id,
                    &r.name,
                    v.as_ref().map(|v| v.name.clone()).unwrap_or_default(),
                ),
                (None, Some(v), _) => (v.id, &v.name, I18nText::default()),
                (None, None, Some(st)) => (st.id, &st.name, I18nText::default()),
                (None, None, None) => (Uuid::nil(), &I18nText::default(), I18nText::default()),
            };
            let p = match places.iter().position(|p| p.id == id) {
                Some(p) => p,
                None => {
                    places.push(Place {
                        id,
                        name: name.clone(),
                        sub,
                    });
                    places.len() - 1
                }
            };
            place_of.push(p);

            let date = s.starts_at.date();
            let day = match days.iter().position(|d| d.date == date) {
                Some(d) => d,
                None => {
                    days.push(Day {
                        date,
                        start: 0,
                        slots: 0,
                        cols: Vec::new(),
                    });
                    days.len() - 1
                }
            };
            if !days[day].cols.contains(&p) {
                days[day].cols.push(p);
            }

            let mut hay: Vec<String> = Vec::new();
            let mut texts: Vec<&I18nText> = vec![&s.title, &s.description];
            texts.extend(
                [&s.venue, &s.room, &s.stop]
                    .into_iter()
                    .flatten()
                    .map(|r| &r.name),
            );
            for t in texts {
                for l in Lang::ALL {
                    let f = fold(t.get_exact(l));
                    if !f.is_empty() {
                        hay.push(f);
                    }
                }
            }
            hay.extend(s.speakers.iter().map(|x| fold(x)));

            items.push(Item {
                day,
                col: 0,
                row0: 0,
                row1: 0,
                venue: s
                    .venue
                    .as_ref()
                    .and_then(|v| venues.iter().position(|x| x.id == v.id)),
                room: s
                    .room
                    .as_ref()
                    .and_then(|r| rooms.iter().position(|(x, _)| x.id == r.id)),
                kind: kind_index(s.kind),
                langs: s.languages.iter().fold(0, |m, l| m | lang_bit(*l)),
                // A newline never occurs in a folded word: no match across two fields.
                hay: hay.join("\n"),
            });
        }

        // The forum's days without sessions still get a tab (at most a fortnight's worth
        // of them, so a months-long programme lists only days with sessions).
        let span = (feed.forum.ends_on - feed.forum.starts_on).num_days();
        if (0..14).contains(&span) {
            let mut d = feed.forum.starts_on;
            while d <= feed.forum.ends_on {
                if !days.iter().any(|x| x.date == d) {
                    days.push(Day {
                        date: d,
                        start: 9 * 60,
                        slots: 0,
                        cols: Vec::new(),
                    });
                }
                match d.succ_opt() {
                    Some(n) => d = n,
                    None => break,
                }
            }
        }
        // Days in date order; items follow their day.
        let mut order: Vec<usize> = (0..days.len()).collect();
        sort_by_key(&mut order, |i| days[*i].date);
        let mut new_index = vec![0; days.len()];
        for (new, old) in order.iter().enumerate() {
            new_index[*old] = new;
        }
        days = order.iter().map(|i| days[*i].clone()).collect();
        for it in &mut items {
            it.day = new_index[it.day];
        }

        // Columns in place order; rows from the first start to the last end.
        for (d, day) in days.iter_mut().enumerate() {
            sort_by_key(&mut day.cols, |c| *c);
            let mut first = u32::MAX;
            let mut last = 0;
            for (s, it) in feed.sessions.iter().zip(&items) {
                if it.day != d {
                    continue;
                }
                first = first.min(minute_of_day(s.starts_at));
                last = last.max(end_minute(s.starts_at, s.ends_at));
            }
            if first == u32::MAX {
                continue;
            }
            day.start = first / 30 * 30;
            let end = last.div_ceil(30) * 30;
            day.slots = (end.max(day.start + 30) - day.start) / SLOT_MINUTES;
        }
        for ((s, it), p) in feed.sessions.iter().zip(&mut items).zip(&place_of) {
            let day = &days[it.day];
            it.col = day.cols.iter().position(|c| c == p).unwrap_or(0);
            let from = minute_of_day(s.starts_at).saturating_sub(day.start);
            let to = end_minute(s.starts_at, s.ends_at).saturating_sub(day.start);
            it.row0 = from / SLOT_MINUTES;
            it.row1 = to.div_ceil(SLOT_MINUTES).max(it.row0 + 1);
        }

        Self {
            feed,
            clock,
            places,
            venues,
            rooms,
            items,
            days,
        }
    }

    /// The decoded feed (sessions in programme order).
    pub fn feed(&self) -> &AgendaFeed {
        &self.feed
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The programme's days, in order.
    pub fn days(&self) -> Vec<NaiveDate> {
        self.days.iter().map(|d| d.date).collect()
    }

    /// The forum's UTC offset during the forum: at 12:00 UTC of its first day (zone
    /// transitions are at night; `Zone::to_utc` would be exact but costs the wasm a sort).
    pub fn offset(&self) -> FixedOffset {
        let noon = self
            .feed
            .forum
            .starts_on
            .and_hms_opt(12, 0, 0)
            .unwrap_or_default()
            .and_utc();
        self.clock.offset_at(noon)
    }

    /// The forum-local wall clock at an instant.
    pub fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        self.clock.to_local(t)
    }

    /// What is on at `t`, and next, by the forum's wall clock.
    pub fn now_next(&self, t: DateTime<Utc>) -> NowNext {
        let local = self.local(t);
        let sessions = &self.feed.sessions;
        let now = (0..sessions.len())
            .filter(|i| sessions[*i].starts_at <= local && local < sessions[*i].ends_at)
            .collect();
        let next_start = sessions
            .iter()
            .map(|s| s.starts_at)
            .filter(|s| *s > local)
            .min();
        let next = match next_start {
            Some(n) => (0..sessions.len())
                .filter(|i| sessions[*i].starts_at == n)
                .collect(),
            None => Vec::new(),
        };
        NowNext {
            time: hhmm(local),
            date: ymd(local.date()),
            today: self.days.iter().position(|d| d.date == local.date()),
            now,
            next,
        }
    }

    /// Indices of the sessions the filter keeps, in programme order.
    pub fn filter(&self, f: &Filter) -> Vec<u32> {
        let folded = fold(&f.query);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let lang = f.lang.map(lang_bit);
        self.items
            .iter()
            .enumerate()
            .filter(|(_, it)| {
                f.day.is_none_or(|d| it.day == d)
                    && (f.kinds == 0 || f.kinds & (1 << it.kind) != 0)
                    && f.venue.is_none_or(|v| it.venue == Some(v))
                    && f.room.is_none_or(|r| it.room == Some(r))
                    && lang.is_none_or(|l| it.langs == 0 || it.langs & l != 0)
                    && words.iter().all(|w| it.hay.contains(w))
            })
            .map(|(i, _)| i as u32)
            .collect()
    }

    /// What is on now and next (see [`Agenda::now_next`]) as JSON text:
    /// `{"time":"10:15","date":"2025-11-11","today":0,"now":[3],"next":[4,5]}`.
    pub fn now_next_json(&self, t: DateTime<Utc>) -> String {
        let n = self.now_next(t);
        let mut j = Json::default();
        j.open('{');
        j.key("time").str(&n.time);
        j.key("date").str(&n.date);
        j.key("today").opt_num(n.today);
        j.key("now").nums(&n.now);
        j.key("next").nums(&n.next);
        j.close('}');
        j.0
    }

    /// The view model in `lang`, as JSON text. Texts are `"text"` in `lang`, or
    /// `["text", "ru"]` when the feed has them only in another language (the widget sets
    /// `lang` on that element). Field names are short on purpose:
    ///
    /// ```text
    /// {"forum": {"id", "title", "city", "starts_on", "ends_on", "zone", "offset": "+05:00",
    ///            "generated_at": <unix ms>},
    ///  "days": [{"date": "2025-11-11", "y", "m", "d", "wd": 1 (Monday) … 7,
    ///            "start": <minutes after midnight of the first grid row>, "slots": <rows>,
    ///            "cols": [{"name", "sub"}]}],
    ///  "sessions": [{"id", "title", "desc", "kind", "day", "col", "row0", "row1",
    ///                "start": "10:00", "end": "11:30", "later": <ends on a later day>,
    ///                "room", "venue", "stop" (texts or null), "speakers": [...],
    ///                "capacity" (or null), "langs": ["kk", ...]}],
    ///  "kinds": [[<bit index>, "plenary"], ...], "venues": [<text>, ...],
    ///  "rooms": [{"name", "venue": <venue index or null>}], "langs": ["kk", ...]}
    /// ```
    pub fn view_json(&self, lang: Lang) -> String {
        let mut j = Json(String::with_capacity(512 + self.items.len() * 400));
        let forum = &self.feed.forum;
        j.open('{');
        j.key("forum").open('{');
        j.key("id").uuid(forum.id);
        j.key("title").text(&forum.title, lang);
        j.key("city").text(&forum.city, lang);
        j.key("starts_on").str(&ymd(forum.starts_on));
        j.key("ends_on").str(&ymd(forum.ends_on));
        j.key("zone").str(&forum.time_zone);
        j.key("offset").str(&offset_text(self.offset()));
        j.key("generated_at")
            .int(self.feed.generated_at.timestamp_millis());
        j.close('}');

        j.key("days").open('[');
        for d in &self.days {
            j.open('{');
            j.key("date").str(&ymd(d.date));
            j.key("y").int(i64::from(d.date.year()));
            j.key("m").num(d.date.month() as usize);
            j.key("d").num(d.date.day() as usize);
            j.key("wd")
                .num(d.date.weekday().number_from_monday() as usize);
            j.key("start").num(d.start as usize);
            j.key("slots").num(d.slots as usize);
            j.key("cols").open('[');
            for p in &d.cols {
                j.open('{');
                j.key("name").text(&self.places[*p].name, lang);
                j.key("sub").text(&self.places[*p].sub, lang);
                j.close('}');
            }
            j.close(']');
            j.close('}');
        }
        j.close(']');

        j.key("sessions").open('[');
        for (s, it) in self.feed.sessions.iter().zip(&self.items) {
            j.open('{');
            j.key("id").uuid(s.id);
            j.key("title").text(&s.title, lang);
            j.key("desc").text(&s.description, lang);
            j.key("kind").str(kind_code(s.kind));
            j.key("day").num(it.day);
            j.key("col").num(it.col);
            j.key("row0").num(it.row0 as usize);
            j.key("row1").num(it.row1 as usize);
            j.key("start").str(&hhmm(s.starts_at));
            j.key("end").str(&hhmm(s.ends_at));
            j.key("later")
                .raw(if s.ends_at.date() > s.starts_at.date() {
                    "true"
                } else {
                    "false"
                });
            for (k, r) in [("room", &s.room), ("venue", &s.venue), ("stop", &s.stop)] {
                match r {
                    Some(r) => j.key(k).text(&r.name, lang),
                    None => j.key(k).raw("null"),
                };
            }
            j.key("speakers").open('[');
            for x in &s.speakers {
                j.str(x);
            }
            j.close(']');
            j.key("capacity").opt_num(s.capacity.map(|c| c as usize));
            j.key("langs").open('[');
            for l in &s.languages {
                j.str(l.code());
            }
            j.close(']');
            j.close('}');
        }
        j.close(']');

        j.key("kinds").open('[');
        for (i, k) in KINDS.iter().enumerate() {
            if self.items.iter().any(|it| it.kind == i) {
                j.open('[');
                j.num(i);
                j.str(kind_code(*k));
                j.close(']');
            }
        }
        j.close(']');
        j.key("venues").open('[');
        for v in &self.venues {
            j.text(&v.name, lang);
        }
        j.close(']');
        j.key("rooms").open('[');
        for (r, v) in &self.rooms {
            j.open('{');
            j.key("name").text(&r.name, lang);
            j.key("venue").opt_num(*v);
            j.close('}');
        }
        j.close(']');
        j.key("langs").open('[');
        for l in Lang::ALL {
            if self.items.iter().any(|it| it.langs & lang_bit(l) != 0) {
                j.str(l.code());
            }
        }
        j.close(']');
        j.close('}');
        j.0
    }
}

/// A stable insertion sort: the lists here are short or already in order (a feed comes
/// in programme order), and the standard library's sorts would add tens of kilobytes to
/// the wasm for each type they sort.
fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The end of a session as minutes after the local midnight of its start day (1440 when
/// it ends on a later day).
fn end_minute(start: NaiveDateTime, end: NaiveDateTime) -> u32 {
    if end.date() > start.date() {
        24 * 60
    } else {
        minute_of_day(end)
    }
}

/// A small JSON writer (serde_json's serializer would add to the wasm what this does
/// in a few lines). Commas are placed by looking at the last character written.
#[derive(Default)]
struct Json(String);

impl Json {
    fn comma(&mut self) {
        if !matches!(self.0.as_bytes().last(), None | Some(b'[' | b'{' | b':')) {
            self.0.push(',');
        }
    }

    fn open(&mut self, c: char) -> &mut Self {
        self.comma();
        self.0.push(c);
        self
    }

    fn close(&mut self, c: char) {
        self.0.push(c);
    }

    fn key(&mut self, k: &str) -> &mut Self {
        self.str(k);
        self.0.push(':');
        self
    }

    fn raw(&mut self, v: &str) {
        self.comma();
        self.0.push_str(v);
    }

    fn str(&mut self, s: &str) {
        self.comma();
        self.0.push('"');
        let mut run = 0;
        for (i, b) in s.bytes().enumerate() {
            let esc = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                0..=0x1f => "",
                _ => continue,
            };
            self.0.push_str(&s[run..i]);
            if esc.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.0.push_str("\\u00");
                self.0.push(char::from(HEX[usize::from(b >> 4)]));
                self.0.push(char::from(HEX[usize::from(b & 15)]));
            } else {
                self.0.push_str(esc);
            }
            run = i + 1;
        }
        self.0.push_str(&s[run..]);
        self.0.push('"');
    }

    fn num(&mut self, n: usize) {
        self.int(n as i64);
    }

    fn int(&mut self, n: i64) {
        self.comma();
        if n < 0 {
            self.0.push('-');
        }
        let mut digits = [0u8; 20];
        let mut m = n.unsigned_abs();
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (m % 10) as u8;
            m /= 10;
            if m == 0 {
                break;
            }
        }
        for d in &digits[at..] {
            self.0.push(char::from(*d));
        }
    }

    fn opt_num(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.num(n),
            None => self.raw("null"),
        }
    }

    fn nums(&mut self, ns: &[usize]) {
        self.open('[');
        for n in ns {
            self.num(*n);
        }
        self.close(']');
    }

    fn uuid(&mut self, id: Uuid) {
        let mut buf = [0u8; 36];
        self.str(id.hyphenated().encode_lower(&mut buf));
    }

    /// A text in `want`, or the feed's fallback tagged with its language:
    /// `"text"` or `["text", "ru"]`.
    fn text(&mut self, t: &I18nText, want: Lang) {
        let (text, got) = t.get(want);
        if got == want || text.is_empty() {
            self.str(text);
        } else {
            self.open('[');
            self.str(text);
            self.str(got.code());
            self.close(']');
        }
    }
}
