//! Demo data: the three seed stories (the Oral forum, the Akmola outreach tour, the
//! Taraz social projects) turned into records, and a deterministic participant
//! generator for tests and benchmarks (300, 10,000, 50,000 people).
//!
//! Everything is deterministic: ids are derived from the seed keys and stamps use a
//! fixed time and the device id `demo`, so two devices that load the demo hold the
//! same records and merge them into one. Phone numbers are fictional, all in the
//! `+77000xxxxxx` block; no real person's number is used.

use crate::change::{Change, WriteError, Writer};
use crate::hlc::{DeviceId, HlcClock};
use crate::ids::id_from_parts;
use crate::model::*;
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

/// The seed files, compiled in so the demo loads offline.
pub const SEED_FILES: [&str; 3] = [
    include_str!("../../../seeds/oral-2025.json"),
    include_str!("../../../seeds/akmola-tour.json"),
    include_str!("../../../seeds/taraz-projects.json"),
];
const NAMES: &str = include_str!("../../../seeds/names.json");

/// Time of every demo stamp (2025-10-01 00:00 UTC).
pub const DEMO_STAMP_MS: u64 = 1_759_276_800_000;
/// The file name the demo is served under, next to the app (a backup file).
pub const DEMO_FILE: &str = "demo.jiyn.json";
/// The device id every demo record is stamped with.
pub const DEMO_DEVICE: &str = "demo";

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("seed file {file} is malformed: {detail}")]
    Parse { file: usize, detail: String },
    #[error("seed {key} refers to unknown {what}")]
    UnknownKey { key: String, what: &'static str },
    #[error("seed record is invalid: {0}")]
    Invalid(#[from] WriteError),
}

#[derive(Deserialize)]
struct SeedFile {
    forum: SeedForum,
    #[serde(default)]
    sessions: Vec<SeedSession>,
    #[serde(default)]
    delegations: Vec<SeedDelegation>,
    participants: SeedParticipants,
    #[serde(default)]
    projects: Vec<SeedProject>,
}

#[derive(Deserialize)]
struct SeedForum {
    key: String,
    title: I18nText,
    city: I18nText,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    time_zone: String,
    format: ForumFormat,
    #[serde(default)]
    venues: Vec<SeedVenue>,
    #[serde(default)]
    stops: Vec<SeedStop>,
}

#[derive(Deserialize)]
struct SeedVenue {
    key: String,
    name: I18nText,
    #[serde(default)]
    address: String,
    #[serde(default)]
    rooms: Vec<SeedRoom>,
}

#[derive(Deserialize)]
struct SeedRoom {
    key: String,
    name: I18nText,
    capacity: Option<u32>,
}

#[derive(Deserialize)]
struct SeedStop {
    key: String,
    district: I18nText,
    place: I18nText,
    #[serde(default)]
    address: String,
    date: NaiveDate,
}

#[derive(Deserialize)]
struct SeedSession {
    key: String,
    title: I18nText,
    #[serde(default)]
    description: I18nText,
    kind: SessionKind,
    #[serde(deserialize_with = "wall_clock")]
    starts_at: NaiveDateTime,
    #[serde(deserialize_with = "wall_clock")]
    ends_at: NaiveDateTime,
    venue: Option<String>,
    room: Option<String>,
    stop: Option<String>,
    #[serde(default)]
    speakers: Vec<String>,
    capacity: Option<u32>,
    #[serde(default)]
    language: Vec<Lang>,
}

/// A delegation as the seeds describe it; also the generator's input.
#[derive(Debug, Clone, Deserialize)]
pub struct SeedDelegation {
    pub key: String,
    pub name: I18nText,
    pub region: I18nText,
    /// ISO country code: `KZ`, `RU`...
    pub country: String,
    /// Share of the participants who come with this delegation.
    pub share: f64,
}

/// Seed times are written `YYYY-MM-DDTHH:MM` (forum-local, no seconds).
fn wall_clock<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    let text = String::deserialize(d)?;
    NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M").map_err(serde::de::Error::custom)
}

#[derive(Deserialize)]
struct SeedParticipants {
    count: usize,
}

#[derive(Deserialize)]
struct SeedProject {
    key: String,
    title: I18nText,
    organisation: I18nText,
    period_start: NaiveDate,
    period_end: NaiveDate,
    #[serde(default)]
    targets: Vec<SeedTarget>,
}

#[derive(Deserialize)]
struct SeedTarget {
    key: String,
    metric: I18nText,
    #[serde(default)]
    unit: I18nText,
    planned: u32,
    done: u32,
    deadline: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct NameSet {
    male: Vec<String>,
    female: Vec<String>,
    surnames: Vec<String>,
}

#[derive(Deserialize)]
struct Names {
    kk: NameSet,
    ru: NameSet,
    tt: NameSet,
    districts: HashMap<String, Vec<String>>,
    organisations: Vec<I18nText>,
}

/// A stable id for a seed key: UUID v7 at the demo time, random bits from the key.
pub fn seed_id(key: &str) -> Uuid {
    let a = fnv1a(key.as_bytes(), 0xcbf2_9ce4_8422_2325);
    let b = fnv1a(key.as_bytes(), 0x8422_2325_cbf2_9ce4);
    let mut random = [0u8; 10];
    random[..8].copy_from_slice(&a.to_be_bytes());
    random[8..].copy_from_slice(&b.to_be_bytes()[..2]);
    id_from_parts(DEMO_STAMP_MS, random)
}

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(seed, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// SplitMix64: small, fast, deterministic; good enough for demo data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Crockford base-32 alphabet (no I, L, O, U: easy to read aloud and type).
const BADGE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Length of a badge code: 40 random bits.
pub const BADGE_CODE_LEN: usize = 8;

/// An opaque badge code from 40 random bits.
pub fn badge_code(random: u64) -> String {
    (0..BADGE_CODE_LEN)
        .map(|i| BADGE_ALPHABET[((random >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// What the participant generator needs to know about a forum.
pub struct GeneratorSpec<'a> {
    pub forum: Uuid,
    /// The year consent is given (decides who is under 18).
    pub year: i32,
    pub delegations: &'a [SeedDelegation],
    pub seed: u64,
}

/// `count` generated participants of one forum, with consent recorded (and a guardian
/// for the under-18s). Same spec and count, same people.
/// The first adult of each delegation leads it.
pub fn generate_participants(spec: &GeneratorSpec<'_>, count: usize) -> Vec<Participant> {
    let mut people = generate_unled(spec, count);
    let mut led = std::collections::HashSet::new();
    for p in people.iter_mut() {
        let adult = !p.is_minor_in(spec.year);
        if let Some(d) = p.delegation.clone().filter(|_| adult) {
            p.head_of_delegation = led.insert(d);
        }
    }
    people
}

fn generate_unled(spec: &GeneratorSpec<'_>, count: usize) -> Vec<Participant> {
    let names: Names = serde_json::from_str(NAMES).expect("seeds/names.json is checked by tests");
    let mut rng = Rng::new(spec.seed);
    let stamp = crate::hlc::Hlc::new(DEMO_STAMP_MS, 0, demo_device());
    let consent_at = Utc
        .with_ymd_and_hms(spec.year, 1, 15, 9, 0, 0)
        .single()
        .expect("valid date");
    let total_share: f64 = spec.delegations.iter().map(|d| d.share).sum();
    (0..count)
        .map(|n| {
            let delegation = pick_delegation(spec.delegations, total_share, rng.unit());
            let set = match delegation.map(|d| (d.country.as_str(), d.key.as_str())) {
                Some(("RU", key)) if key.contains("tatar") => &names.tt,
                Some(("RU", _)) => &names.ru,
                _ => &names.kk,
            };
            let female = rng.below(2) == 0;
            let first = rng.pick(if female { &set.female } else { &set.male });
            let surname = gendered_surname(rng.pick::<String>(&set.surnames), female);
            let role = match rng.below(100) {
                0..=2 => Role::Speaker,
                3..=12 => Role::Volunteer,
                13..=16 => Role::Guest,
                17..=19 => Role::Staff,
                _ => Role::Participant,
            };
            let birth_year = spec.year - 14 - rng.below(16) as i32;
            let minor = spec.year - birth_year < ADULT_AGE;
            let guardian = minor.then(|| Guardian {
                full_name: format!(
                    "{} {}",
                    rng.pick(&set.female),
                    gendered_surname(rng.pick::<String>(&set.surnames), true)
                ),
                phone: None,
            });
            let district = names
                .districts
                .get("kk")
                .filter(|_| delegation.is_none_or(|d| d.country == "KZ"))
                .map(|d| rng.pick(d).clone())
                .unwrap_or_default();
            let id_random = rng.next_u64().to_be_bytes();
            let mut random = [0u8; 10];
            random[..8].copy_from_slice(&id_random);
            random[8..].copy_from_slice(&(n as u16).to_be_bytes());
            Participant {
                meta: Meta::new(
                    id_from_parts(DEMO_STAMP_MS + n as u64, random),
                    spec.forum,
                    stamp.clone(),
                ),
                full_name: format!("{first} {surname}"),
                phone: Some(format!("+77000{:06}", n % 1_000_000)),
                region: delegation.map(|d| d.region.kk.clone()).unwrap_or_default(),
                district,
                organisation: rng.pick(&names.organisations).kk.clone(),
                birth_year: Some(birth_year),
                role,
                delegation: delegation.map(|d| d.name.kk.clone()),
                badge_code: badge_code(rng.next_u64()),
                iin: None,
                head_of_delegation: false,
                consent: Some(Consent {
                    text_version: "demo-1".into(),
                    language: Lang::Kk,
                    given_at: consent_at,
                    guardian,
                }),
            }
        })
        .collect()
}

fn pick_delegation(
    delegations: &[SeedDelegation],
    total: f64,
    roll: f64,
) -> Option<&SeedDelegation> {
    let mut acc = 0.0;
    let target = roll * total;
    delegations
        .iter()
        .find(|d| {
            acc += d.share;
            target < acc
        })
        .or(delegations.last())
}

/// Russian-style surnames take a feminine ending; others stay as they are.
fn gendered_surname(male: &str, female: bool) -> String {
    if female && (male.ends_with("ов") || male.ends_with("ев") || male.ends_with("ин")) {
        format!("{male}а")
    } else {
        male.to_string()
    }
}

fn demo_device() -> DeviceId {
    DeviceId::new(DEMO_DEVICE).expect("valid device id")
}

/// Every demo record with its change, ready for one atomic batch write.
pub fn build() -> Result<Vec<(AnyRecord, Change)>, DemoError> {
    let mut writer = Writer::new(HlcClock::new(demo_device()));
    let mut out = Vec::new();
    for (file, text) in SEED_FILES.iter().enumerate() {
        let seed: SeedFile = serde_json::from_str(text).map_err(|e| DemoError::Parse {
            file,
            detail: e.to_string(),
        })?;
        build_one(&mut writer, seed, file as u64, &mut out)?;
    }
    Ok(out)
}

fn build_one(
    w: &mut Writer,
    seed: SeedFile,
    file: u64,
    out: &mut Vec<(AnyRecord, Change)>,
) -> Result<(), DemoError> {
    let fk = seed.forum.key.clone();
    let forum_id = seed_id(&fk);
    let key = |kind: &str, k: &str| seed_id(&format!("{fk}/{kind}/{k}"));
    let venues: Vec<Venue> = seed
        .forum
        .venues
        .iter()
        .map(|v| Venue {
            id: key("venue", &v.key),
            name: v.name.clone(),
            address: v.address.clone(),
            rooms: v
                .rooms
                .iter()
                .map(|r| Room {
                    id: key("room", &format!("{}/{}", v.key, r.key)),
                    name: r.name.clone(),
                    capacity: r.capacity,
                })
                .collect(),
        })
        .collect();
    let stops: Vec<TourStop> = seed
        .forum
        .stops
        .iter()
        .map(|s| TourStop {
            id: key("stop", &s.key),
            district: s.district.clone(),
            place: s.place.clone(),
            address: s.address.clone(),
            date: s.date,
        })
        .collect();
    let f = &seed.forum;
    let (forum, change) = w.create_with_id(DEMO_STAMP_MS, forum_id, None, |meta| Forum {
        volunteering: Default::default(),
        signing_key: None,
        meta,
        title: f.title.clone(),
        city: f.city.clone(),
        starts_on: f.starts_on,
        ends_on: f.ends_on,
        time_zone: f.time_zone.clone(),
        format: f.format,
        venues,
        stops,
    })?;
    let year = {
        use chrono::Datelike;
        forum.starts_on.year()
    };
    out.push((forum.clone().into(), change));

    for s in seed.sessions {
        let venue = match &s.venue {
            Some(v) => Some(
                forum
                    .venues
                    .iter()
                    .find(|x| x.id == key("venue", v))
                    .map(|x| x.id)
                    .ok_or_else(|| DemoError::UnknownKey {
                        key: s.key.clone(),
                        what: "venue",
                    })?,
            ),
            None => None,
        };
        let room = match (&s.venue, &s.room) {
            (Some(v), Some(r)) => {
                let id = key("room", &format!("{v}/{r}"));
                forum
                    .venues
                    .iter()
                    .flat_map(|v| &v.rooms)
                    .any(|x| x.id == id)
                    .then_some(id)
                    .ok_or_else(|| DemoError::UnknownKey {
                        key: s.key.clone(),
                        what: "room",
                    })
                    .map(Some)?
            }
            _ => None,
        };
        let stop = match &s.stop {
            Some(st) => Some(
                forum
                    .stops
                    .iter()
                    .find(|x| x.id == key("stop", st))
                    .map(|x| x.id)
                    .ok_or_else(|| DemoError::UnknownKey {
                        key: s.key.clone(),
                        what: "stop",
                    })?,
            ),
            None => None,
        };
        let (session, change) = w.create_with_id(
            DEMO_STAMP_MS,
            key("session", &s.key),
            Some(forum_id),
            |meta| Session {
                meta,
                title: s.title,
                description: s.description,
                kind: s.kind,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                venue,
                room,
                stop,
                speakers: s.speakers,
                capacity: s.capacity,
                languages: s.language,
            },
        )?;
        out.push((session.into(), change));
    }

    for p in seed.projects {
        let targets = p
            .targets
            .into_iter()
            .map(|t| Target {
                id: key("target", &format!("{}/{}", p.key, t.key)),
                metric: t.metric,
                unit: t.unit,
                planned: t.planned,
                done: t.done,
                deadline: t.deadline,
            })
            .collect();
        let (project, change) = w.create_with_id(
            DEMO_STAMP_MS,
            key("project", &p.key),
            Some(forum_id),
            |meta| SocialProject {
                meta,
                title: p.title,
                organisation: p.organisation,
                period_start: p.period_start,
                period_end: p.period_end,
                targets,
            },
        )?;
        out.push((project.into(), change));
    }

    let spec = GeneratorSpec {
        forum: forum_id,
        year,
        delegations: &seed.delegations,
        seed: 0x6a69_796e ^ file,
    };
    let mut volunteers = Vec::new();
    for generated in generate_participants(&spec, seed.participants.count) {
        let (p, change) =
            w.create_with_id(DEMO_STAMP_MS, generated.meta.id, Some(forum_id), |meta| {
                Participant { meta, ..generated }
            })?;
        if p.role == Role::Volunteer {
            volunteers.push(p.clone());
        }
        out.push((p.into(), change));
    }
    if file == 0 {
        demo_volunteering(w, forum_id, &f.time_zone, &volunteers, out)?;
    }
    Ok(())
}

/// The Oral forum's volunteering: a registration-desk shift before each plenary with
/// three volunteers each, and hours on the forum's days (most approved, some waiting
/// for approval), so the volunteers page, the reports and certificates have something
/// to show.
fn demo_volunteering(
    w: &mut Writer,
    forum_id: Uuid,
    zone_name: &str,
    volunteers: &[Participant],
    out: &mut Vec<(AnyRecord, Change)>,
) -> Result<(), DemoError> {
    use crate::volunteer::{shifts_from_sessions, ShiftTemplate};
    let zone = crate::tz::zone(zone_name).or_else(|| crate::tz::zone("UTC"));
    let Some(zone) = zone else { return Ok(()) };
    let sessions: Vec<Session> = out
        .iter()
        .filter_map(|(r, _)| match r {
            AnyRecord::Session(s) if s.meta.forum == forum_id => Some(s.clone()),
            _ => None,
        })
        .collect();
    let desk = ShiftTemplate {
        kind: SessionKind::Plenary,
        task: I18nText::new("Тіркеу үстелі", "Стойка регистрации", "Registration desk"),
        place: I18nText::new("Фойе", "Фойе", "Foyer"),
        before_minutes: 45,
        duration_minutes: 60,
        needed: 3,
    };
    let templates = [
        desk.clone(),
        ShiftTemplate {
            kind: SessionKind::Ceremony,
            ..desk.clone()
        },
        ShiftTemplate {
            kind: SessionKind::DialoguePlatform,
            task: I18nText::new("Зал көмекшісі", "Помощник в зале", "Hall assistant"),
            place: I18nText::default(),
            before_minutes: 15,
            duration_minutes: 90,
            needed: 3,
        },
    ];
    let drafts: Vec<Shift> = templates
        .iter()
        .flat_map(|t| shifts_from_sessions(t, &sessions, &[]))
        .collect();
    let mut n = 0u64;
    let next_id = |n: &mut u64| {
        *n += 1;
        seed_id(&format!("oral-volunteering/{n}"))
    };
    for (i, draft) in drafts.into_iter().enumerate() {
        let (shift, change) =
            w.create_with_id(DEMO_STAMP_MS, next_id(&mut n), Some(forum_id), |meta| {
                Shift {
                    meta,
                    ..draft.clone()
                }
            })?;
        for v in volunteers.iter().skip(i * 3).take(3) {
            let (su, change) =
                w.create_with_id(DEMO_STAMP_MS, next_id(&mut n), Some(forum_id), |meta| {
                    SignUp {
                        meta,
                        session: shift.meta.id,
                        name: v.full_name.clone(),
                        participant: Some(v.meta.id),
                        contact: None,
                        cancelled: false,
                    }
                })?;
            out.push((su.into(), change));
            let (start, end) = crate::volunteer::shift_interval(&shift, zone);
            let (h, change) =
                w.create_with_id(DEMO_STAMP_MS, next_id(&mut n), Some(forum_id), |meta| {
                    HourLog {
                        meta,
                        volunteer: v.meta.id,
                        shift: Some(shift.meta.id),
                        task: shift.task.kk.clone(),
                        started_at: start,
                        ended_at: Some(end),
                        status: HourStatus::Approved {
                            by: "demo".into(),
                            at: end,
                        },
                        note: String::new(),
                    }
                })?;
            out.push((h.into(), change));
        }
        out.push((shift.into(), change));
    }
    // Every volunteer also helped in the halls on the first day, 10:00 to 13:00 or 14:30;
    // every fourth entry still waits for the coordinator.
    let first_day = sessions.iter().map(|s| s.starts_at.date()).min();
    let Some(day) = first_day else { return Ok(()) };
    for (i, v) in volunteers.iter().enumerate() {
        let start = zone.to_utc(day.and_hms_opt(10, 0, 0).unwrap_or_default());
        let minutes = if i % 2 == 0 { 180 } else { 270 };
        let end = start + chrono::Duration::minutes(minutes);
        let status = if i % 4 == 3 {
            HourStatus::Pending
        } else {
            HourStatus::Approved {
                by: "demo".into(),
                at: end,
            }
        };
        let (h, change) =
            w.create_with_id(DEMO_STAMP_MS, next_id(&mut n), Some(forum_id), |meta| {
                HourLog {
                    meta,
                    volunteer: v.meta.id,
                    shift: None,
                    task: "Залдағы көмек".into(),
                    started_at: start,
                    ended_at: Some(end),
                    status: status.clone(),
                    note: String::new(),
                }
            })?;
        out.push((h.into(), change));
    }
    Ok(())
}

/// The delegations of the Oral forum seed, for benchmarks that generate big forums.
pub fn oral_delegations() -> Vec<SeedDelegation> {
    let seed: SeedFile = serde_json::from_str(SEED_FILES[0]).expect("seed checked by tests");
    seed.delegations
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_builds_three_valid_forums_with_about_300_people_each() {
        let records = build().expect("demo builds");
        let forums: Vec<&Forum> = records
            .iter()
            .filter_map(|(r, _)| match r {
                AnyRecord::Forum(f) => Some(f),
                _ => None,
            })
            .collect();
        assert_eq!(forums.len(), 3);
        assert!(forums[0].title.kk.contains("Орал"));
        assert!(forums[0].title.ru.contains("Уральск"));
        assert!(forums[0].title.en.contains("Oral"));
        assert_eq!(forums[1].format, ForumFormat::Tour);
        let districts: Vec<&str> = forums[1]
            .stops
            .iter()
            .map(|s| s.district.kk.as_str())
            .collect();
        for d in [
            "Жарқайың",
            "Есіл",
            "Шортанды",
            "Ерейментау",
            "Зеренді",
            "Бурабай",
        ] {
            assert!(districts.iter().any(|x| x.contains(d)), "tour stops at {d}");
        }
        for f in &forums {
            let people = records
                .iter()
                .filter(
                    |(r, _)| matches!(r, AnyRecord::Participant(p) if p.meta.forum == f.meta.id),
                )
                .count();
            assert_eq!(people, 300);
        }
        let projects = records
            .iter()
            .filter(|(r, _)| matches!(r, AnyRecord::SocialProject(_)))
            .count();
        assert_eq!(projects, 7);
        let sessions = records
            .iter()
            .filter(|(r, _)| matches!(r, AnyRecord::Session(_)))
            .count();
        assert!(sessions >= 40, "{sessions} sessions");
        // The Oral forum has volunteering: shifts with three volunteers each, hours.
        let of_oral = |k: RecordKind| {
            records
                .iter()
                .filter(|(r, _)| r.kind() == k && r.meta().forum == forums[0].meta.id)
                .count()
        };
        let shifts = of_oral(RecordKind::Shift);
        assert!(shifts >= 2, "{shifts} shifts");
        assert_eq!(of_oral(RecordKind::SignUp), shifts * 3);
        assert!(of_oral(RecordKind::HourLog) > shifts * 3);
    }

    #[test]
    fn every_demo_record_is_valid_and_ids_are_unique() {
        let records = build().expect("demo builds");
        let mut ids = std::collections::HashSet::new();
        for (r, c) in &records {
            assert!(ids.insert(r.meta().id), "duplicate id {}", r.meta().id);
            assert_eq!(c.record, r.meta().id);
            match r {
                AnyRecord::Participant(p) => p.validate().expect("valid participant"),
                AnyRecord::Session(s) => s.validate().expect("valid session"),
                AnyRecord::Forum(f) => f.validate().expect("valid forum"),
                AnyRecord::SocialProject(p) => p.validate().expect("valid project"),
                _ => {}
            }
        }
    }

    #[test]
    fn demo_is_the_same_on_every_device() {
        let a: Vec<AnyRecord> = build().unwrap().into_iter().map(|x| x.0).collect();
        let b: Vec<AnyRecord> = build().unwrap().into_iter().map(|x| x.0).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn generator_makes_minors_with_guardians_and_unique_badges() {
        let delegations = oral_delegations();
        let spec = GeneratorSpec {
            forum: seed_id("bench"),
            year: 2025,
            delegations: &delegations,
            seed: 7,
        };
        let people = generate_participants(&spec, 10_000);
        assert_eq!(people.len(), 10_000);
        let badges: std::collections::HashSet<&str> =
            people.iter().map(|p| p.badge_code.as_str()).collect();
        assert_eq!(badges.len(), 10_000, "badge codes are unique");
        let minors: Vec<&Participant> = people.iter().filter(|p| p.is_minor_in(2025)).collect();
        assert!(!minors.is_empty());
        assert!(minors
            .iter()
            .all(|p| p.consent.as_ref().is_some_and(|c| c.guardian.is_some())));
        assert!(people.iter().all(|p| p.validate().is_ok()));
        assert!(people
            .iter()
            .all(|p| p.phone.as_deref().is_some_and(|x| x.starts_with("+77000"))));
        let tatar = people
            .iter()
            .filter(|p| {
                p.delegation
                    .as_deref()
                    .is_some_and(|d| d.contains("Татарстан"))
            })
            .count();
        assert!(
            tatar > 1_000 && tatar < 2_000,
            "about 15% from Tatarstan: {tatar}"
        );
        assert_eq!(generate_participants(&spec, 10)[..], people[..10]);
    }

    #[test]
    fn names_hold_the_letters_search_must_handle() {
        let names: Names = serde_json::from_str(NAMES).unwrap();
        for n in ["Ақбота", "Жеңіс", "Ләззат", "Ұлан", "Үміт", "Іңкәр"]
        {
            assert!(
                names.kk.male.iter().chain(&names.kk.female).any(|x| x == n),
                "{n}"
            );
        }
        assert!(names.kk.surnames.iter().any(|s| s == "Оқасов"));
    }

    #[test]
    fn badge_codes_use_the_readable_alphabet() {
        let code = badge_code(u64::MAX);
        assert_eq!(code.len(), BADGE_CODE_LEN);
        assert!(badge_code(12345)
            .bytes()
            .all(|b| BADGE_ALPHABET.contains(&b)));
    }
}
