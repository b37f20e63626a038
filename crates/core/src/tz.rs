//! Time zones, without a time-zone database: a compact built-in table of the zones Jiyn's
//! forums and their guests use, so the wasm stays small and works offline.
//!
//! A forum's times are wall-clock times ([`crate::Session::starts_at`]) in its IANA zone
//! ([`crate::Forum::time_zone`]). This module turns them into instants and back, and
//! lists a zone's transitions (the calendar export writes them as a `VTIMEZONE`).
//!
//! What the table holds (names are IANA zone names; lookups ignore ASCII case):
//! - every zone of Kazakhstan: `Asia/Almaty`, `Asia/Qostanay`, `Asia/Qyzylorda`,
//!   `Asia/Aqtobe`, `Asia/Aqtau`, `Asia/Atyrau`, `Asia/Oral` ([`KAZAKHSTAN`]). The whole
//!   country is on UTC+5 since 2024-03-01: Almaty and Qostanay moved from +6 to +5 at
//!   00:00 local that day (clocks went back to 23:00 on 29 February), Qyzylorda did the
//!   same on 2018-12-21;
//! - neighbours and frequent guests: Russia's zones along the border (Moscow, Samara,
//!   Saratov, Volgograd, Astrakhan, Yekaterinburg, Omsk, Novosibirsk), Central Asia and
//!   the Caucasus, Minsk, Istanbul, Shanghai and Urumqi;
//! - a few European zones that follow the EU summer-time rule (last Sunday of March to
//!   last Sunday of October, 01:00 UTC), such as `Europe/Berlin`, for imported schedules;
//! - `UTC` (also `Etc/UTC`, `GMT`, `Etc/GMT`) and the fixed-offset zones `Etc/GMT-14`
//!   to `Etc/GMT+12` (mind the inverted sign: `Etc/GMT-5` is UTC+5).
//!
//! The offsets are right from 2016-01-01 on: the tests compare every zone with the IANA
//! database (tzdata 2025b through `chrono-tz`, a dev-dependency only) from 2016 to 2030,
//! offset and abbreviation every three hours and every transition to the second. After
//! that the last known rule holds. Instants before 2016 get the earliest offset the
//! table knows for the zone, which may be wrong for older dates.
//!
//! Local times that happen twice (clocks set back) or never (clocks set forward) follow
//! RFC 5545 §3.3.5, as calendar apps do: an ambiguous local time is the first of its two
//! instants, and a skipped one is read with the offset in force before the gap.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeDelta, Utc, Weekday,
};

/// The zones of Kazakhstan, west to east.
pub const KAZAKHSTAN: [&str; 7] = [
    "Asia/Oral",
    "Asia/Atyrau",
    "Asia/Aqtau",
    "Asia/Aqtobe",
    "Asia/Qyzylorda",
    "Asia/Qostanay",
    "Asia/Almaty",
];

/// A zone name that is not in the table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?}")]
pub struct UnknownZone(pub String);

/// One period of a zone's history: from `since` (Unix seconds, UTC) the zone is
/// `offset` seconds ahead of UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    since: i64,
    offset: i32,
    abbr: &'static str,
    dst: bool,
}

/// How a zone's offset is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rules {
    /// A list of periods, the first one open towards the past.
    Table(&'static [Span]),
    /// The EU rule: `std`, and `std + 1 h` from the last Sunday of March to the last
    /// Sunday of October, both switches at 01:00 UTC.
    Eu {
        std: i32,
        std_abbr: &'static str,
        dst_abbr: &'static str,
    },
}

/// An IANA time zone known to Jiyn. Cheap to copy; get one with [`zone`] or
/// [`str::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone {
    name: &'static str,
    rules: Rules,
}

/// What a zone observes at an instant: its offset from UTC, its abbreviation (`+05`,
/// `MSK`, `CEST`), and whether it is summer time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Observance {
    pub offset: FixedOffset,
    pub abbreviation: &'static str,
    pub dst: bool,
}

/// A change of a zone's observance at the instant `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub at: DateTime<Utc>,
    pub before: Observance,
    pub after: Observance,
}

impl Transition {
    /// The wall-clock time the transition happens at, read on the clock before it (as a
    /// `VTIMEZONE` observance's `DTSTART` is written).
    pub fn local_before(&self) -> NaiveDateTime {
        shift(self.at.naive_utc(), self.before.offset.local_minus_utc())
    }
}

/// What a wall-clock time is in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// It happens once.
    Unique(DateTime<Utc>),
    /// Clocks were set back over it: it happens twice.
    Ambiguous {
        earlier: DateTime<Utc>,
        later: DateTime<Utc>,
    },
    /// Clocks were set forward over it: it never happens. `shifted` reads it with the
    /// offset in force before the gap, which lands after the gap (02:30 in a gap from
    /// 02:00 to 03:00 becomes 03:30).
    Skipped { shifted: DateTime<Utc> },
}

const H: i32 = 3600;
const OPEN: i64 = i64::MIN;

const fn span(since: i64, offset: i32, abbr: &'static str) -> Span {
    Span {
        since,
        offset,
        abbr,
        dst: false,
    }
}

macro_rules! fixed {
    ($offset:expr, $abbr:expr) => {
        Rules::Table(&[span(OPEN, $offset, $abbr)])
    };
}

const fn eu(std: i32, std_abbr: &'static str, dst_abbr: &'static str) -> Rules {
    Rules::Eu {
        std,
        std_abbr,
        dst_abbr,
    }
}

/// 2024-02-29T18:00:00Z: Almaty and Qostanay, 00:00 on 2024-03-01 at +06, go to +05.
const KZ_2024: i64 = 1_709_229_600;
/// 2018-12-20T18:00:00Z: Qyzylorda, 00:00 on 2018-12-21 at +06, goes to +05.
const QYZYLORDA_2018: i64 = 1_545_328_800;

/// The table. The first entry of a name wins; aliases point at the same rules.
static ZONES: &[(&str, Rules)] = &[
    // Kazakhstan.
    (
        "Asia/Almaty",
        Rules::Table(&[span(OPEN, 6 * H, "+06"), span(KZ_2024, 5 * H, "+05")]),
    ),
    (
        "Asia/Qostanay",
        Rules::Table(&[span(OPEN, 6 * H, "+06"), span(KZ_2024, 5 * H, "+05")]),
    ),
    (
        "Asia/Qyzylorda",
        Rules::Table(&[span(OPEN, 6 * H, "+06"), span(QYZYLORDA_2018, 5 * H, "+05")]),
    ),
    ("Asia/Aqtobe", fixed!(5 * H, "+05")),
    ("Asia/Aqtau", fixed!(5 * H, "+05")),
    ("Asia/Atyrau", fixed!(5 * H, "+05")),
    ("Asia/Oral", fixed!(5 * H, "+05")),
    // UTC.
    ("UTC", fixed!(0, "UTC")),
    ("Etc/UTC", fixed!(0, "UTC")),
    ("GMT", fixed!(0, "GMT")),
    ("Etc/GMT", fixed!(0, "GMT")),
    // Russia along the border, and Moscow.
    ("Europe/Moscow", fixed!(3 * H, "MSK")),
    ("Europe/Samara", fixed!(4 * H, "+04")),
    (
        "Europe/Saratov",
        // 2016-12-04 02:00 local.
        Rules::Table(&[span(OPEN, 3 * H, "+03"), span(1_480_806_000, 4 * H, "+04")]),
    ),
    (
        "Europe/Volgograd",
        // 2018-10-28 02:00 local, then 2020-12-27 02:00 local.
        Rules::Table(&[
            span(OPEN, 3 * H, "MSK"),
            span(1_540_681_200, 4 * H, "+04"),
            span(1_609_020_000, 3 * H, "MSK"),
        ]),
    ),
    (
        "Europe/Astrakhan",
        // 2016-03-27 02:00 local.
        Rules::Table(&[span(OPEN, 3 * H, "+03"), span(1_459_033_200, 4 * H, "+04")]),
    ),
    ("Asia/Yekaterinburg", fixed!(5 * H, "+05")),
    ("Asia/Omsk", fixed!(6 * H, "+06")),
    (
        "Asia/Novosibirsk",
        // 2016-07-24 02:00 local.
        Rules::Table(&[span(OPEN, 6 * H, "+06"), span(1_469_304_000, 7 * H, "+07")]),
    ),
    // Central Asia, the Caucasus, and further.
    ("Asia/Tashkent", fixed!(5 * H, "+05")),
    ("Asia/Samarkand", fixed!(5 * H, "+05")),
    ("Asia/Bishkek", fixed!(6 * H, "+06")),
    ("Asia/Dushanbe", fixed!(5 * H, "+05")),
    ("Asia/Ashgabat", fixed!(5 * H, "+05")),
    ("Asia/Baku", fixed!(4 * H, "+04")),
    ("Asia/Tbilisi", fixed!(4 * H, "+04")),
    ("Asia/Yerevan", fixed!(4 * H, "+04")),
    ("Asia/Urumqi", fixed!(6 * H, "+06")),
    ("Asia/Shanghai", fixed!(8 * H, "CST")),
    ("Europe/Minsk", fixed!(3 * H, "+03")),
    (
        "Europe/Istanbul",
        // Summer time 2016-03-27 01:00 UTC, kept as permanent +03 from 2016-09-07.
        Rules::Table(&[
            span(OPEN, 2 * H, "EET"),
            Span {
                since: 1_459_040_400,
                offset: 3 * H,
                abbr: "EEST",
                dst: true,
            },
            span(1_473_195_600, 3 * H, "+03"),
        ]),
    ),
    // Europe with the EU summer-time rule.
    ("Europe/London", eu(0, "GMT", "BST")),
    ("Europe/Berlin", eu(H, "CET", "CEST")),
    ("Europe/Amsterdam", eu(H, "CET", "CEST")),
    ("Europe/Brussels", eu(H, "CET", "CEST")),
    ("Europe/Paris", eu(H, "CET", "CEST")),
    ("Europe/Madrid", eu(H, "CET", "CEST")),
    ("Europe/Rome", eu(H, "CET", "CEST")),
    ("Europe/Vienna", eu(H, "CET", "CEST")),
    ("Europe/Prague", eu(H, "CET", "CEST")),
    ("Europe/Warsaw", eu(H, "CET", "CEST")),
    ("Europe/Helsinki", eu(2 * H, "EET", "EEST")),
    ("Europe/Riga", eu(2 * H, "EET", "EEST")),
    ("Europe/Tallinn", eu(2 * H, "EET", "EEST")),
    ("Europe/Vilnius", eu(2 * H, "EET", "EEST")),
    // Fixed offsets (POSIX sign: `Etc/GMT-5` is ahead of UTC).
    ("Etc/GMT-1", fixed!(H, "+01")),
    ("Etc/GMT-2", fixed!(2 * H, "+02")),
    ("Etc/GMT-3", fixed!(3 * H, "+03")),
    ("Etc/GMT-4", fixed!(4 * H, "+04")),
    ("Etc/GMT-5", fixed!(5 * H, "+05")),
    ("Etc/GMT-6", fixed!(6 * H, "+06")),
    ("Etc/GMT-7", fixed!(7 * H, "+07")),
    ("Etc/GMT-8", fixed!(8 * H, "+08")),
    ("Etc/GMT-9", fixed!(9 * H, "+09")),
    ("Etc/GMT-10", fixed!(10 * H, "+10")),
    ("Etc/GMT-11", fixed!(11 * H, "+11")),
    ("Etc/GMT-12", fixed!(12 * H, "+12")),
    ("Etc/GMT-13", fixed!(13 * H, "+13")),
    ("Etc/GMT-14", fixed!(14 * H, "+14")),
    ("Etc/GMT+1", fixed!(-H, "-01")),
    ("Etc/GMT+2", fixed!(-2 * H, "-02")),
    ("Etc/GMT+3", fixed!(-3 * H, "-03")),
    ("Etc/GMT+4", fixed!(-4 * H, "-04")),
    ("Etc/GMT+5", fixed!(-5 * H, "-05")),
    ("Etc/GMT+6", fixed!(-6 * H, "-06")),
    ("Etc/GMT+7", fixed!(-7 * H, "-07")),
    ("Etc/GMT+8", fixed!(-8 * H, "-08")),
    ("Etc/GMT+9", fixed!(-9 * H, "-09")),
    ("Etc/GMT+10", fixed!(-10 * H, "-10")),
    ("Etc/GMT+11", fixed!(-11 * H, "-11")),
    ("Etc/GMT+12", fixed!(-12 * H, "-12")),
];

/// The zone with this IANA name (ASCII case ignored), if the table has it.
pub fn zone(name: &str) -> Option<Zone> {
    let name = name.trim();
    ZONES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|&(name, rules)| Zone { name, rules })
}

/// [`zone`], with a typed error for a name the table lacks.
pub fn require(name: &str) -> Result<Zone, UnknownZone> {
    zone(name).ok_or_else(|| UnknownZone(name.to_string()))
}

/// Every zone name the table knows, in table order (Kazakhstan first).
pub fn zone_names() -> impl Iterator<Item = &'static str> {
    ZONES.iter().map(|(n, _)| *n)
}

/// The fixed-offset zone for a whole-hour offset (`UTC`, or `Etc/GMT-5` for +05:00),
/// for data that carries offsets but no zone name.
pub fn fixed_offset_zone(offset: FixedOffset) -> Option<Zone> {
    let secs = offset.local_minus_utc();
    if secs == 0 {
        return zone("UTC");
    }
    if secs % H != 0 {
        return None;
    }
    let hours = secs / H;
    // POSIX sign: a zone ahead of UTC is `Etc/GMT-N`.
    let name = format!(
        "Etc/GMT{}{}",
        if hours > 0 { '-' } else { '+' },
        hours.abs()
    );
    zone(&name)
}

impl std::str::FromStr for Zone {
    type Err = UnknownZone;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        require(s)
    }
}

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Zone {
    /// The zone's IANA name, as the table spells it.
    pub fn name(self) -> &'static str {
        self.name
    }

    /// What the zone observes at an instant.
    pub fn observance_at(self, t: DateTime<Utc>) -> Observance {
        let secs = t.timestamp();
        match self.rules {
            Rules::Table(spans) => {
                let i = spans.partition_point(|s| s.since <= secs).max(1) - 1;
                observance(spans[i])
            }
            Rules::Eu { .. } => {
                let year = t.year();
                let dst = eu_start(year) <= secs && secs < eu_end(year);
                eu_observance(self.rules, dst)
            }
        }
    }

    /// The zone's offset from UTC at an instant.
    pub fn offset_at_utc(self, t: DateTime<Utc>) -> FixedOffset {
        self.observance_at(t).offset
    }

    /// The wall-clock time in this zone at an instant.
    pub fn to_local(self, t: DateTime<Utc>) -> NaiveDateTime {
        shift(t.naive_utc(), self.offset_at_utc(t).local_minus_utc())
    }

    /// The instant of a wall-clock time in this zone: the first of two for a time that
    /// happens twice, and for a skipped time the offset before the gap (RFC 5545).
    pub fn to_utc(self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.resolve(local) {
            Resolved::Unique(t)
            | Resolved::Ambiguous { earlier: t, .. }
            | Resolved::Skipped { shifted: t } => t,
        }
    }

    /// What a wall-clock time is in this zone: once, twice, or never.
    pub fn resolve(self, local: NaiveDateTime) -> Resolved {
        // Offsets stay within a day, so every candidate lies within a day either side.
        let probe = local.and_utc();
        let from = probe
            .checked_sub_signed(TimeDelta::days(2))
            .unwrap_or(probe);
        let to = probe
            .checked_add_signed(TimeDelta::days(2))
            .unwrap_or(probe);
        let nearby = self.transitions(from, to);
        let mut offsets: Vec<i32> = std::iter::once(self.offset_at_utc(from))
            .chain(nearby.iter().map(|t| t.after.offset))
            .map(|o| o.local_minus_utc())
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let mut hits: Vec<DateTime<Utc>> = offsets
            .iter()
            .filter_map(|&o| {
                let u = shift(local, -o).and_utc();
                (self.offset_at_utc(u).local_minus_utc() == o).then_some(u)
            })
            .collect();
        hits.sort_unstable();
        hits.dedup();
        match hits.as_slice() {
            [t] => Resolved::Unique(*t),
            [earlier, .., later] => Resolved::Ambiguous {
                earlier: *earlier,
                later: *later,
            },
            [] => {
                // A gap: the transition whose skipped hour holds `local`.
                let before = nearby
                    .iter()
                    .find(|t| {
                        t.local_before() <= local
                            && local < shift(t.at.naive_utc(), t.after.offset.local_minus_utc())
                    })
                    .map_or(self.offset_at_utc(from), |t| t.before.offset);
                Resolved::Skipped {
                    shifted: shift(local, -before.local_minus_utc()).and_utc(),
                }
            }
        }
    }

    /// The zone's transitions at instants in `[from, to)`, in order. Includes changes
    /// of abbreviation or summer-time flag that keep the offset.
    pub fn transitions(self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
        let (from_s, to_s) = (from.timestamp(), to.timestamp());
        if from_s >= to_s {
            return Vec::new();
        }
        match self.rules {
            Rules::Table(spans) => spans
                .windows(2)
                .filter(|w| from_s <= w[1].since && w[1].since < to_s)
                .filter_map(|w| {
                    Some(Transition {
                        at: DateTime::from_timestamp(w[1].since, 0)?,
                        before: observance(w[0]),
                        after: observance(w[1]),
                    })
                })
                .collect(),
            Rules::Eu { .. } => {
                let (std, dst) = (
                    eu_observance(self.rules, false),
                    eu_observance(self.rules, true),
                );
                (from.year()..=to.year())
                    .flat_map(|y| [(eu_start(y), std, dst), (eu_end(y), dst, std)])
                    .filter(|(at, _, _)| from_s <= *at && *at < to_s)
                    .filter_map(|(at, before, after)| {
                        Some(Transition {
                            at: DateTime::from_timestamp(at, 0)?,
                            before,
                            after,
                        })
                    })
                    .collect()
            }
        }
    }

    /// The latest transition at or before `t`, if the table knows one (a zone that has
    /// kept one offset all along has none).
    pub fn last_transition(self, t: DateTime<Utc>) -> Option<Transition> {
        let secs = t.timestamp();
        match self.rules {
            Rules::Table(spans) => {
                let i = spans.partition_point(|s| s.since <= secs);
                (i >= 2).then(|| Transition {
                    at: DateTime::from_timestamp(spans[i - 1].since, 0).unwrap_or(t),
                    before: observance(spans[i - 2]),
                    after: observance(spans[i - 1]),
                })
            }
            Rules::Eu { .. } => {
                let from = DateTime::from_timestamp(eu_start(t.year() - 1), 0)?;
                let next = t.checked_add_signed(TimeDelta::seconds(1))?;
                self.transitions(from, next).pop()
            }
        }
    }
}

/// The observance of an EU-rule zone in winter or summer.
fn eu_observance(rules: Rules, dst: bool) -> Observance {
    let (std, std_abbr, dst_abbr) = match rules {
        Rules::Eu {
            std,
            std_abbr,
            dst_abbr,
        } => (std, std_abbr, dst_abbr),
        Rules::Table(_) => (0, "UTC", "UTC"),
    };
    let (offset, abbreviation) = if dst {
        (std + H, dst_abbr)
    } else {
        (std, std_abbr)
    };
    Observance {
        offset: fixed(offset),
        abbreviation,
        dst,
    }
}

fn observance(s: Span) -> Observance {
    Observance {
        offset: fixed(s.offset),
        abbreviation: s.abbr,
        dst: s.dst,
    }
}

fn fixed(secs: i32) -> FixedOffset {
    // Every offset in the table is within ±15 h, so this never falls back to UTC.
    FixedOffset::east_opt(secs).unwrap_or(Utc.fix())
}

/// `t + secs`, or `t` itself at the very ends of chrono's range.
fn shift(t: NaiveDateTime, secs: i32) -> NaiveDateTime {
    t.checked_add_signed(TimeDelta::seconds(i64::from(secs)))
        .unwrap_or(t)
}

/// 01:00 UTC on the last Sunday of a month with 31 days, as Unix seconds.
fn last_sunday_0100(year: i32, month: u32) -> i64 {
    let Some(last) = NaiveDate::from_ymd_opt(year, month, 31) else {
        return if year < 0 { i64::MIN } else { i64::MAX };
    };
    let back = last.weekday().days_since(Weekday::Sun);
    last.checked_sub_signed(TimeDelta::days(i64::from(back)))
        .and_then(|day| day.and_hms_opt(1, 0, 0))
        .map_or(i64::MAX, |t| t.and_utc().timestamp())
}

fn eu_start(year: i32) -> i64 {
    last_sunday_0100(year, 3)
}

fn eu_end(year: i32) -> i64 {
    last_sunday_0100(year, 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    #[test]
    fn all_of_kazakhstan_is_utc_plus_5_since_march_2024() {
        for name in KAZAKHSTAN {
            let z = zone(name).unwrap();
            assert_eq!(
                z.offset_at_utc(utc(2024, 3, 1, 0, 0)).local_minus_utc(),
                5 * H,
                "{name}"
            );
        }
        let almaty = zone("Asia/Almaty").unwrap();
        assert_eq!(
            almaty
                .offset_at_utc(utc(2024, 2, 29, 17, 59))
                .local_minus_utc(),
            6 * H
        );
        assert_eq!(
            almaty
                .offset_at_utc(utc(2024, 2, 29, 18, 0))
                .local_minus_utc(),
            5 * H
        );
        let t = almaty.last_transition(utc(2025, 1, 1, 0, 0)).unwrap();
        assert_eq!(t.local_before(), local(2024, 3, 1, 0, 0));
    }

    #[test]
    fn the_setback_of_2024_makes_the_last_hour_of_february_29_happen_twice() {
        let almaty = zone("Asia/Almaty").unwrap();
        assert_eq!(
            almaty.resolve(local(2024, 2, 29, 23, 30)),
            Resolved::Ambiguous {
                earlier: utc(2024, 2, 29, 17, 30),
                later: utc(2024, 2, 29, 18, 30),
            }
        );
        assert_eq!(
            almaty.to_utc(local(2024, 2, 29, 23, 30)),
            utc(2024, 2, 29, 17, 30)
        );
        assert_eq!(
            almaty.to_utc(local(2025, 3, 10, 10, 0)),
            utc(2025, 3, 10, 5, 0)
        );
    }

    #[test]
    fn a_skipped_hour_reads_with_the_offset_before_the_gap() {
        let berlin = zone("Europe/Berlin").unwrap();
        assert_eq!(
            berlin.resolve(local(2025, 3, 30, 2, 30)),
            Resolved::Skipped {
                shifted: utc(2025, 3, 30, 1, 30)
            }
        );
        assert_eq!(
            berlin.to_local(utc(2025, 3, 30, 1, 30)),
            local(2025, 3, 30, 3, 30)
        );
    }

    /// Every zone of the table against the IANA database (chrono-tz, tzdata 2025b):
    /// the offset and abbreviation every 3 hours from 2016 to 2030, and every
    /// transition to the second.
    #[test]
    fn offsets_and_transitions_match_the_iana_database_2016_to_2030() {
        use chrono_tz::OffsetName;
        const STEP: i64 = 3 * 3600;
        let (start, end) = (utc(2016, 1, 1, 0, 0), utc(2031, 1, 1, 0, 0));
        let mut checked = 0;
        for name in zone_names() {
            let ours = zone(name).unwrap();
            let theirs: chrono_tz::Tz = name.parse().unwrap_or_else(|_| panic!("{name} is IANA"));
            let at = |secs: i64| DateTime::from_timestamp(secs, 0).unwrap();
            let iana = |secs: i64| {
                let o = theirs.offset_from_utc_datetime(&at(secs).naive_utc());
                let secs = o.fix().local_minus_utc();
                // tzdata writes numeric abbreviations (`%z`) as "+05"; chrono-tz gives none.
                let numeric = format!("{}{:02}", if secs < 0 { '-' } else { '+' }, secs.abs() / H);
                (secs, o.abbreviation().map_or(numeric, str::to_string))
            };
            let mut expected = Vec::new();
            let mut t = start.timestamp();
            let mut prev = iana(t);
            while t < end.timestamp() {
                let next = t + STEP;
                let now = iana(next);
                let mine = ours.observance_at(at(next));
                assert_eq!(
                    (mine.offset.local_minus_utc(), mine.abbreviation),
                    (now.0, now.1.as_str()),
                    "{name} at {}",
                    at(next)
                );
                if now.0 != prev.0 {
                    let (mut lo, mut hi) = (t, next);
                    while hi - lo > 1 {
                        let mid = (lo + hi) / 2;
                        if iana(mid).0 == prev.0 {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    expected.push((hi, prev.0, now.0));
                }
                prev = now;
                t = next;
                checked += 1;
            }
            let found: Vec<(i64, i32, i32)> = ours
                .transitions(start, end)
                .into_iter()
                .filter(|t| t.before.offset != t.after.offset)
                .map(|t| {
                    (
                        t.at.timestamp(),
                        t.before.offset.local_minus_utc(),
                        t.after.offset.local_minus_utc(),
                    )
                })
                .collect();
            assert_eq!(found, expected, "{name}");
        }
        assert!(checked > 1_000_000, "{checked} instants");
    }

    /// Wall-clock times near every transition (and at noon on many days) resolve as
    /// chrono-tz resolves them: once, twice, or skipped.
    #[test]
    fn local_times_resolve_like_the_iana_database() {
        use chrono::LocalResult;
        let (start, end) = (utc(2016, 1, 1, 0, 0), utc(2031, 1, 1, 0, 0));
        for name in zone_names() {
            let ours = zone(name).unwrap();
            let theirs: chrono_tz::Tz = name.parse().unwrap();
            let mut locals: Vec<NaiveDateTime> = ours
                .transitions(start, end)
                .iter()
                .flat_map(|t| {
                    let base = t.local_before();
                    (-12..=12).map(move |q| base + TimeDelta::minutes(15 * q))
                })
                .collect();
            locals.extend((0..15 * 365).step_by(7).map(|d| {
                local(2016, 1, 1, 12, 0) + TimeDelta::days(d) + TimeDelta::minutes(d % 97)
            }));
            for l in locals {
                let mine = ours.resolve(l);
                match theirs.from_local_datetime(&l) {
                    LocalResult::Single(t) => {
                        assert_eq!(mine, Resolved::Unique(t.to_utc()), "{name} {l}")
                    }
                    LocalResult::Ambiguous(a, b) => assert_eq!(
                        mine,
                        Resolved::Ambiguous {
                            earlier: a.to_utc().min(b.to_utc()),
                            later: a.to_utc().max(b.to_utc()),
                        },
                        "{name} {l}"
                    ),
                    LocalResult::None => {
                        let Resolved::Skipped { shifted } = mine else {
                            panic!("{name} {l}: expected a gap, got {mine:?}");
                        };
                        // Read with the offset before the gap: it lands after the gap.
                        let before = theirs
                            .offset_from_utc_datetime(&(shifted - TimeDelta::hours(3)).naive_utc());
                        assert_eq!(
                            shifted,
                            (l - TimeDelta::seconds(i64::from(before.fix().local_minus_utc())))
                                .and_utc(),
                            "{name} {l}"
                        );
                        assert!(ours.to_local(shifted) > l, "{name} {l}");
                    }
                }
                if !matches!(mine, Resolved::Skipped { .. }) {
                    assert_eq!(ours.to_local(ours.to_utc(l)), l, "{name} {l}");
                }
            }
        }
    }

    #[test]
    fn kazakhstan_facts_hold_by_hand_too() {
        // Hand-written facts, independent of any database.
        let at = |name: &str, t: DateTime<Utc>| {
            zone(name).unwrap().offset_at_utc(t).local_minus_utc() / H
        };
        assert_eq!(at("Asia/Almaty", utc(2016, 6, 1, 0, 0)), 6);
        assert_eq!(at("Asia/Almaty", utc(2025, 6, 1, 0, 0)), 5);
        assert_eq!(at("Asia/Qostanay", utc(2023, 12, 31, 0, 0)), 6);
        assert_eq!(at("Asia/Qostanay", utc(2024, 3, 2, 0, 0)), 5);
        assert_eq!(at("Asia/Qyzylorda", utc(2018, 12, 20, 17, 59)), 6);
        assert_eq!(at("Asia/Qyzylorda", utc(2018, 12, 20, 18, 0)), 5);
        for west in ["Asia/Oral", "Asia/Aqtobe", "Asia/Aqtau", "Asia/Atyrau"] {
            assert_eq!(at(west, utc(2016, 1, 1, 0, 0)), 5);
            assert_eq!(at(west, utc(2030, 1, 1, 0, 0)), 5);
        }
        assert_eq!(at("Europe/Moscow", utc(2025, 7, 1, 0, 0)), 3);
        assert_eq!(at("Asia/Bishkek", utc(2025, 7, 1, 0, 0)), 6);
        assert_eq!(at("Asia/Tashkent", utc(2025, 7, 1, 0, 0)), 5);
    }

    #[test]
    fn names_ignore_case_and_unknown_names_are_errors() {
        assert_eq!(zone("asia/qostanay").unwrap().name(), "Asia/Qostanay");
        assert_eq!(
            "Mars/Olympus".parse::<Zone>(),
            Err(UnknownZone("Mars/Olympus".into()))
        );
        assert_eq!(
            fixed_offset_zone(FixedOffset::east_opt(5 * H).unwrap())
                .unwrap()
                .name(),
            "Etc/GMT-5"
        );
        assert!(fixed_offset_zone(FixedOffset::east_opt(5 * H + 1800).unwrap()).is_none());
    }
}
