//! Reports: a forum's dashboard (registered against checked in, broken down by region,
//! district, age band, role and delegation; volunteer hours by status, volunteer, month
//! and day; social projects' plan against done), the same summed over several forums,
//! and every table as a CSV file for a spreadsheet.
//!
//! What counts (see docs/reports.md):
//! - **registered**: live (not deleted) participants;
//! - **checked in**: registered people whose latest live check-in event by clock stamp
//!   is a check-in, as [`crate::is_checked_in`] decides, computed in one pass over all
//!   events;
//! - **age**: `year - birth_year` (the age reached in the reference year, as
//!   [`crate::Participant::is_minor_in`] counts it), in [`AgeBand`]s; youth policy in
//!   Kazakhstan counts 14 to 35;
//! - **hours**: live entries, each counted under its status; an entry's minutes are
//!   [`HourLog::minutes`] (a running entry has none yet), split at the forum's local
//!   midnights into days (and so into months), in the forum's time zone;
//! - **projects**: [`crate::projects::progress`] for every live project.
//!
//! [`dashboard`] is one pass over each input slice; groups are keyed by borrowed
//! strings and a name is copied once per group, not once per person.

use crate::csv::{self, Separator};
use crate::model::{
    Activity, CheckIn, CheckInAction, HourLog, HourStatus, I18nText, Lang, Participant, Role,
    SocialProject,
};
use crate::projects::{self, TargetProgress};
use crate::tz::Zone;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hash, Hasher};
use uuid::Uuid;

pub use crate::desk::Tally;

/// What a forum's dashboard is computed from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The forum's participants (deleted ones may be included: they are left out).
    pub participants: &'a [Participant],
    /// The forum's check-in events (tombstoned ones are left out).
    pub checkins: &'a [CheckIn],
    pub hours: &'a [HourLog],
    pub projects: &'a [SocialProject],
    pub activities: &'a [Activity],
    /// The forum's time zone (`crate::tz::zone(&forum.time_zone)`): hours are put into
    /// its local days and months.
    pub zone: Zone,
    /// The year ages are counted in (`year - birth_year`).
    pub year: i32,
    /// Today, forum-local: decides which project targets are overdue.
    pub today: NaiveDate,
}

/// The zone a forum's report counts in: its own, or UTC when the table does not know
/// the name (a forum imported from elsewhere).
pub fn zone_or_utc(name: &str) -> Zone {
    crate::tz::zone(name)
        .or_else(|| crate::tz::zone("UTC"))
        .expect("UTC is in the zone table")
}

/// Age bands of a report. Kazakhstan's youth policy counts people aged 14 to 35.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeBand {
    Under14,
    Age14To17,
    Age18To24,
    Age25To29,
    Age30To35,
    Over35,
    /// No birth year, or one after the reference year.
    Unknown,
}

impl AgeBand {
    /// Every band, youngest first, unknown last (the order of tables and charts).
    pub const ALL: [AgeBand; 7] = [
        AgeBand::Under14,
        AgeBand::Age14To17,
        AgeBand::Age18To24,
        AgeBand::Age25To29,
        AgeBand::Age30To35,
        AgeBand::Over35,
        AgeBand::Unknown,
    ];

    /// The band of someone born in `birth_year`, counted in `year`.
    pub fn of(birth_year: Option<i32>, year: i32) -> AgeBand {
        let Some(born) = birth_year else {
            return AgeBand::Unknown;
        };
        match year - born {
            age if age < 0 => AgeBand::Unknown,
            0..=13 => AgeBand::Under14,
            14..=17 => AgeBand::Age14To17,
            18..=24 => AgeBand::Age18To24,
            25..=29 => AgeBand::Age25To29,
            30..=35 => AgeBand::Age30To35,
            _ => AgeBand::Over35,
        }
    }

    /// Whether the band is within youth age (14 to 35).
    pub fn is_youth(self) -> bool {
        matches!(
            self,
            AgeBand::Age14To17 | AgeBand::Age18To24 | AgeBand::Age25To29 | AgeBand::Age30To35
        )
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One named group (a region, a district, a delegation). An empty name is "not given".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub tally: Tally,
}

/// Minutes and entries of one hour status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusTotal {
    pub minutes: i64,
    pub entries: usize,
}

impl StatusTotal {
    fn add(&mut self, minutes: i64) {
        self.minutes += minutes;
        self.entries += 1;
    }

    fn merge(&mut self, other: StatusTotal) {
        self.minutes += other.minutes;
        self.entries += other.entries;
    }
}

/// Approved minutes of one volunteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolunteerHours {
    pub volunteer: Uuid,
    /// The participant's full name (empty when the record is not on this device).
    pub name: String,
    /// Approved minutes.
    pub minutes: i64,
    /// Approved entries.
    pub entries: usize,
}

/// Minutes per status in one period: a forum-local month (`YYYY-MM`) or day
/// (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodHours {
    pub period: String,
    pub approved: i64,
    pub pending: i64,
    pub rejected: i64,
    pub no_show: i64,
}

impl PeriodHours {
    fn from_minutes(period: String, m: [i64; 4]) -> Self {
        Self {
            period,
            approved: m[0],
            pending: m[1],
            rejected: m[2],
            no_show: m[3],
        }
    }

    fn minutes(&self) -> [i64; 4] {
        [self.approved, self.pending, self.rejected, self.no_show]
    }
}

/// Volunteer hours of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hours {
    pub approved: StatusTotal,
    pub pending: StatusTotal,
    pub rejected: StatusTotal,
    pub no_show: StatusTotal,
    /// Entries still running (no end yet): counted in their status's entries, with no
    /// minutes.
    pub running: usize,
    /// Volunteers with approved entries, most minutes first (then by name).
    pub by_volunteer: Vec<VolunteerHours>,
    /// Forum-local months, in order.
    pub by_month: Vec<PeriodHours>,
    /// Forum-local days, in order.
    pub by_day: Vec<PeriodHours>,
}

impl Hours {
    /// The four statuses in table order: approved, pending, rejected, no-show.
    pub fn statuses(&self) -> [StatusTotal; 4] {
        [self.approved, self.pending, self.rejected, self.no_show]
    }

    /// Every entry, whatever its status.
    pub fn entries(&self) -> usize {
        self.statuses().iter().map(|s| s.entries).sum()
    }
}

/// Plan against done of one social project.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectProgress {
    pub project: Uuid,
    pub forum: Uuid,
    pub title: I18nText,
    pub organisation: I18nText,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub targets: Vec<TargetProgress>,
}

impl ProjectProgress {
    /// Targets whose done count reached the plan.
    pub fn met(&self) -> usize {
        self.targets
            .iter()
            .filter(|t| t.done >= t.target.planned)
            .count()
    }

    pub fn overdue(&self) -> usize {
        self.targets.iter().filter(|t| t.overdue).count()
    }
}

/// A forum's (or several forums') report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dashboard {
    pub total: Tally,
    /// Regions, most registered first, then by name; "not given" (empty) last.
    pub by_region: Vec<Group>,
    /// Districts, in the same order as regions.
    pub by_district: Vec<Group>,
    /// Delegations, in the same order as regions.
    pub by_delegation: Vec<Group>,
    /// Every [`AgeBand`], in [`AgeBand::ALL`] order (empty bands included).
    pub by_age: Vec<(AgeBand, Tally)>,
    /// Every [`Role`], in [`Role::ALL`] order (empty roles included).
    pub by_role: Vec<(Role, Tally)>,
    pub hours: Hours,
    /// Live projects, by start of their period, then title (forums in the order merged).
    pub projects: Vec<ProjectProgress>,
}

impl Dashboard {
    /// Registered and checked-in people of youth age (14 to 35).
    pub fn youth(&self) -> Tally {
        sum_tallies(
            self.by_age
                .iter()
                .filter(|(b, _)| b.is_youth())
                .map(|(_, t)| *t),
        )
    }
}

/// A whole-number percentage, rounded half up; 0 of 0 is 0.
pub fn percent(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        0
    } else {
        ((part as u128 * 200 + whole as u128) / (whole as u128 * 2)) as u32
    }
}

// ---------------------------------------------------------------------------------
// Computing

/// FxHash (rustc's): the maps below are keyed by ids and names of the device's own
/// data, so a fast hash that does not resist crafted collisions is enough.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Fx {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

fn fx_map<K: Hash + Eq, V>(capacity: usize) -> FxMap<K, V> {
    HashMap::with_capacity_and_hasher(capacity, BuildHasherDefault::default())
}

fn bump(t: &mut Tally, checked_in: bool) {
    t.registered += 1;
    t.checked_in += usize::from(checked_in);
}

fn sum_tallies(tallies: impl IntoIterator<Item = Tally>) -> Tally {
    tallies.into_iter().fold(Tally::default(), |mut a, t| {
        a.registered += t.registered;
        a.checked_in += t.checked_in;
        a
    })
}

/// Most registered first, then by name; the empty name ("not given") last.
fn sort_groups(groups: &mut [Group]) {
    groups.sort_unstable_by(|a, b| {
        a.name
            .is_empty()
            .cmp(&b.name.is_empty())
            .then(b.tally.registered.cmp(&a.tally.registered))
            .then_with(|| a.name.cmp(&b.name))
    });
}

fn groups_of(map: FxMap<&str, Tally>) -> Vec<Group> {
    let mut groups: Vec<Group> = map
        .into_iter()
        .map(|(name, tally)| Group {
            name: name.to_string(),
            tally,
        })
        .collect();
    sort_groups(&mut groups);
    groups
}

/// The report of one forum (see the module documentation for what counts).
pub fn dashboard(input: &ReportInput<'_>) -> Dashboard {
    // Latest live event per person: one pass, the stamp decides.
    let mut latest: FxMap<Uuid, (&crate::Hlc, bool)> = fx_map(input.checkins.len());
    for e in input.checkins.iter().filter(|e| !e.meta.deleted) {
        let is_in = e.action == CheckInAction::CheckIn;
        latest
            .entry(e.participant)
            .and_modify(|slot| {
                if e.meta.hlc > *slot.0 {
                    *slot = (&e.meta.hlc, is_in);
                }
            })
            .or_insert((&e.meta.hlc, is_in));
    }

    let (mut hours, mut volunteers) = hours_of(input);

    let mut total = Tally::default();
    let mut regions: FxMap<&str, Tally> = fx_map(64);
    let mut districts: FxMap<&str, Tally> = fx_map(256);
    let mut delegations: FxMap<&str, Tally> = fx_map(64);
    let mut ages = [Tally::default(); 7];
    let mut roles = [Tally::default(); 5];
    for p in input.participants {
        if let Some(v) = volunteers.get_mut(&p.meta.id) {
            // A deleted record still names the hours it worked, unless a live one does.
            if v.0.is_empty() || !p.meta.deleted {
                v.0 = &p.full_name;
            }
        }
        if p.meta.deleted {
            continue;
        }
        let inside = latest.get(&p.meta.id).is_some_and(|l| l.1);
        bump(&mut total, inside);
        bump(regions.entry(p.region.trim()).or_default(), inside);
        bump(districts.entry(p.district.trim()).or_default(), inside);
        bump(
            delegations
                .entry(p.delegation.as_deref().map_or("", str::trim))
                .or_default(),
            inside,
        );
        bump(
            &mut ages[AgeBand::of(p.birth_year, input.year).index()],
            inside,
        );
        bump(&mut roles[role_index(p.role)], inside);
    }

    hours.by_volunteer = volunteers
        .into_iter()
        .map(|(volunteer, (name, minutes, entries))| VolunteerHours {
            volunteer,
            name: name.to_string(),
            minutes,
            entries,
        })
        .collect();
    sort_volunteers(&mut hours.by_volunteer);

    let mut projects: Vec<ProjectProgress> = input
        .projects
        .iter()
        .filter(|p| !p.meta.deleted)
        .map(|p| ProjectProgress {
            project: p.meta.id,
            forum: p.meta.forum,
            title: p.title.clone(),
            organisation: p.organisation.clone(),
            period_start: p.period_start,
            period_end: p.period_end,
            targets: projects::progress(p, input.activities, input.today),
        })
        .collect();
    projects.sort_by(|a, b| {
        a.period_start
            .cmp(&b.period_start)
            .then_with(|| a.title.get(Lang::Kk).0.cmp(b.title.get(Lang::Kk).0))
            .then(a.project.cmp(&b.project))
    });

    Dashboard {
        total,
        by_region: groups_of(regions),
        by_district: groups_of(districts),
        by_delegation: groups_of(delegations),
        by_age: AgeBand::ALL.iter().map(|b| (*b, ages[b.index()])).collect(),
        by_role: Role::ALL
            .iter()
            .map(|r| (*r, roles[role_index(*r)]))
            .collect(),
        hours,
        projects,
    }
}

fn role_index(role: Role) -> usize {
    match role {
        Role::Participant => 0,
        Role::Speaker => 1,
        Role::Volunteer => 2,
        Role::Guest => 3,
        Role::Staff => 4,
    }
}

fn sort_volunteers(rows: &mut [VolunteerHours]) {
    rows.sort_unstable_by(|a, b| {
        b.minutes
            .cmp(&a.minutes)
            .then_with(|| a.name.cmp(&b.name))
            .then(a.volunteer.cmp(&b.volunteer))
    });
}

/// Approved minutes and entries per volunteer, with a borrowed name filled in later.
type VolunteerMap<'a> = FxMap<Uuid, (&'a str, i64, usize)>;

/// The status totals, months and days (volunteers are filled in by the caller).
fn hours_of<'a>(input: &ReportInput<'a>) -> (Hours, VolunteerMap<'a>) {
    let mut hours = Hours::default();
    let mut volunteers: VolunteerMap<'a> = fx_map(1024);
    let mut days: BTreeMap<NaiveDate, [i64; 4]> = BTreeMap::new();
    let zone = input.zone;
    for h in input.hours.iter().filter(|h| !h.meta.deleted) {
        let slot = match h.status {
            HourStatus::Approved { .. } => 0,
            HourStatus::Pending => 1,
            HourStatus::Rejected { .. } => 2,
            HourStatus::NoShow { .. } => 3,
        };
        let minutes = h.minutes().unwrap_or(0).max(0);
        match slot {
            0 => hours.approved.add(minutes),
            1 => hours.pending.add(minutes),
            2 => hours.rejected.add(minutes),
            _ => hours.no_show.add(minutes),
        }
        match h.ended_at {
            None => hours.running += 1,
            Some(end) => split_by_day(zone, h.started_at, end, |day, m| {
                days.entry(day).or_default()[slot] += m;
            }),
        }
        if slot == 0 {
            let v = volunteers.entry(h.volunteer).or_insert(("", 0, 0));
            v.1 += minutes;
            v.2 += 1;
        }
    }
    let mut months: BTreeMap<(i32, u32), [i64; 4]> = BTreeMap::new();
    for (day, m) in &days {
        let month = months.entry((day.year(), day.month())).or_default();
        for k in 0..4 {
            month[k] += m[k];
        }
    }
    hours.by_month = months
        .into_iter()
        .map(|((y, mo), m)| PeriodHours::from_minutes(format!("{y:04}-{mo:02}"), m))
        .collect();
    hours.by_day = days
        .into_iter()
        .map(|(d, m)| PeriodHours::from_minutes(d.format("%Y-%m-%d").to_string(), m))
        .collect();
    (hours, volunteers)
}

/// Splits the whole minutes of `start..end` ([`HourLog::minutes`]: truncated) into the
/// zone's local days. The pieces always add up to the entry's minutes: each day gets
/// the whole minutes from the start to its end, less what earlier days got.
pub fn split_by_day(
    zone: Zone,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    mut add: impl FnMut(NaiveDate, i64),
) {
    let total = (end - start).num_minutes();
    if total <= 0 {
        return;
    }
    let mut day = zone.to_local(start).date();
    if zone.to_local(end).date() == day {
        add(day, total);
        return;
    }
    let mut given = 0i64;
    loop {
        // The last day's piece can round to nothing (an entry that ends seconds after
        // a midnight, its minutes counted whole before it): no empty day then.
        let next = day.succ_opt();
        let midnight = next.map(|n| zone.to_utc(n.and_time(NaiveTime::MIN)));
        let Some((next, midnight)) = next.zip(midnight).filter(|(_, m)| *m < end) else {
            if total > given {
                add(day, total - given);
            }
            return;
        };
        let upto = if midnight > start {
            (midnight - start).num_minutes().min(total)
        } else {
            given
        };
        if upto > given {
            add(day, upto - given);
            given = upto;
        }
        day = next;
    }
}

/// Several forums' dashboards as one: tallies and minutes summed, groups of the same
/// name joined, volunteers and projects listed together.
pub fn merge_dashboards<'a>(parts: impl IntoIterator<Item = &'a Dashboard>) -> Dashboard {
    let mut total = Tally::default();
    let mut regions: FxMap<&str, Tally> = fx_map(64);
    let mut districts: FxMap<&str, Tally> = fx_map(256);
    let mut delegations: FxMap<&str, Tally> = fx_map(64);
    let mut ages = [Tally::default(); 7];
    let mut roles = [Tally::default(); 5];
    let mut hours = Hours::default();
    let mut volunteers: FxMap<Uuid, VolunteerHours> = fx_map(1024);
    let mut months: BTreeMap<&str, [i64; 4]> = BTreeMap::new();
    let mut days: BTreeMap<&str, [i64; 4]> = BTreeMap::new();
    let mut projects = Vec::new();
    let add = |map: &mut FxMap<&'a str, Tally>, groups: &'a [Group]| {
        for g in groups {
            let t = map.entry(g.name.as_str()).or_default();
            *t = sum_tallies([*t, g.tally]);
        }
    };
    for d in parts {
        total = sum_tallies([total, d.total]);
        add(&mut regions, &d.by_region);
        add(&mut districts, &d.by_district);
        add(&mut delegations, &d.by_delegation);
        for (band, t) in &d.by_age {
            ages[band.index()] = sum_tallies([ages[band.index()], *t]);
        }
        for (role, t) in &d.by_role {
            let i = role_index(*role);
            roles[i] = sum_tallies([roles[i], *t]);
        }
        hours.approved.merge(d.hours.approved);
        hours.pending.merge(d.hours.pending);
        hours.rejected.merge(d.hours.rejected);
        hours.no_show.merge(d.hours.no_show);
        hours.running += d.hours.running;
        for v in &d.hours.by_volunteer {
            volunteers
                .entry(v.volunteer)
                .and_modify(|w| {
                    w.minutes += v.minutes;
                    w.entries += v.entries;
                    if w.name.is_empty() {
                        w.name.clone_from(&v.name);
                    }
                })
                .or_insert_with(|| v.clone());
        }
        for (map, periods) in [
            (&mut months, &d.hours.by_month),
            (&mut days, &d.hours.by_day),
        ] {
            for p in periods {
                let m = map.entry(p.period.as_str()).or_default();
                for (k, add) in p.minutes().into_iter().enumerate() {
                    m[k] += add;
                }
            }
        }
        projects.extend(d.projects.iter().cloned());
    }
    hours.by_volunteer = volunteers.into_values().collect();
    sort_volunteers(&mut hours.by_volunteer);
    hours.by_month = months
        .into_iter()
        .map(|(p, m)| PeriodHours::from_minutes(p.to_string(), m))
        .collect();
    hours.by_day = days
        .into_iter()
        .map(|(p, m)| PeriodHours::from_minutes(p.to_string(), m))
        .collect();
    Dashboard {
        total,
        by_region: groups_of(regions),
        by_district: groups_of(districts),
        by_delegation: groups_of(delegations),
        by_age: AgeBand::ALL.iter().map(|b| (*b, ages[b.index()])).collect(),
        by_role: Role::ALL
            .iter()
            .map(|r| (*r, roles[role_index(*r)]))
            .collect(),
        hours,
        projects,
    }
}

/// One forum's line in the report across forums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForumLine {
    pub forum: Uuid,
    pub tally: Tally,
    pub approved_minutes: i64,
    pub pending_minutes: i64,
    /// Volunteers with approved hours.
    pub volunteers: usize,
    pub projects: usize,
    pub targets: usize,
    pub targets_met: usize,
    pub targets_overdue: usize,
}

impl ForumLine {
    pub fn of(forum: Uuid, d: &Dashboard) -> Self {
        Self {
            forum,
            tally: d.total,
            approved_minutes: d.hours.approved.minutes,
            pending_minutes: d.hours.pending.minutes,
            volunteers: d.hours.by_volunteer.len(),
            projects: d.projects.len(),
            targets: d.projects.iter().map(|p| p.targets.len()).sum(),
            targets_met: d.projects.iter().map(ProjectProgress::met).sum(),
            targets_overdue: d.projects.iter().map(ProjectProgress::overdue).sum(),
        }
    }
}

// ---------------------------------------------------------------------------------
// CSV

/// A table as a CSV file for a spreadsheet, as the desk's exports are written: UTF-8
/// with a byte order mark, `;`-separated, CRLF, every cell [`csv::neutralise`]d.
pub fn csv_table<R, C>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = Vec<C>>,
    C: AsRef<str>,
{
    let header: Vec<String> = header
        .iter()
        .map(|h| csv::neutralise(h).into_owned())
        .collect();
    let rows = rows.into_iter().map(|row| {
        row.iter()
            .map(|c| csv::neutralise(c.as_ref()).into_owned())
            .collect::<Vec<String>>()
    });
    csv::write(
        std::iter::once(header).chain(rows),
        Separator::Semicolon,
        true,
    )
}

fn tally_cells(label: &str, t: Tally) -> Vec<String> {
    vec![
        label.to_string(),
        t.registered.to_string(),
        t.checked_in.to_string(),
        percent(t.checked_in, t.registered).to_string(),
    ]
}

/// Regions, districts or delegations. Columns: name (`not_given` for the empty name),
/// registered, checked in, checked in % (whole number). `header` names the four
/// columns.
pub fn groups_csv(header: [&str; 4], groups: &[Group], not_given: &str) -> String {
    csv_table(
        &header,
        groups.iter().map(|g| {
            tally_cells(
                if g.name.is_empty() {
                    not_given
                } else {
                    &g.name
                },
                g.tally,
            )
        }),
    )
}

/// Age bands or roles: the same columns as [`groups_csv`], with `label` naming a key.
pub fn keyed_csv<K: Copy>(
    header: [&str; 4],
    rows: &[(K, Tally)],
    label: impl Fn(K) -> String,
) -> String {
    csv_table(
        &header,
        rows.iter().map(|(k, t)| tally_cells(&label(*k), *t)),
    )
}

/// Hours by status. Columns: status (`labels`: approved, pending, rejected, no-show),
/// minutes, entries.
pub fn statuses_csv(header: [&str; 3], labels: [&str; 4], hours: &Hours) -> String {
    csv_table(
        &header,
        labels
            .iter()
            .zip(hours.statuses())
            .map(|(l, s)| vec![l.to_string(), s.minutes.to_string(), s.entries.to_string()]),
    )
}

/// Months or days. Columns: period (`YYYY-MM` or `YYYY-MM-DD`), approved, pending,
/// rejected and no-show minutes.
pub fn periods_csv(header: [&str; 5], periods: &[PeriodHours]) -> String {
    csv_table(
        &header,
        periods.iter().map(|p| {
            std::iter::once(p.period.clone())
                .chain(p.minutes().iter().map(i64::to_string))
                .collect()
        }),
    )
}

/// Volunteers. Columns: name, approved minutes, approved entries.
pub fn volunteers_csv(header: [&str; 3], rows: &[VolunteerHours]) -> String {
    csv_table(
        &header,
        rows.iter()
            .map(|v| vec![v.name.clone(), v.minutes.to_string(), v.entries.to_string()]),
    )
}

/// Project targets, one line each. Columns: project, organisation, target, unit,
/// planned, done, done % (whole, capped at 100), deadline (`YYYY-MM-DD` or empty),
/// overdue (`yes_no[0]` / `yes_no[1]`). Texts in `lang` (or the first language
/// present).
pub fn projects_csv(
    header: [&str; 9],
    projects: &[ProjectProgress],
    lang: Lang,
    yes_no: [&str; 2],
) -> String {
    let rows = projects.iter().flat_map(|p| {
        p.targets.iter().map(move |t| {
            vec![
                p.title.get(lang).0.to_string(),
                p.organisation.get(lang).0.to_string(),
                t.target.metric.get(lang).0.to_string(),
                t.target.unit.get(lang).0.to_string(),
                t.target.planned.to_string(),
                t.done.to_string(),
                ((t.share * 100.0).round() as u32).to_string(),
                t.target
                    .deadline
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                yes_no[usize::from(!t.overdue)].to_string(),
            ]
        })
    });
    csv_table(&header, rows)
}

/// Forums, one line each. Columns: forum (its `title`), registered, checked in, checked
/// in %, approved minutes, pending minutes, volunteers with approved hours, projects,
/// targets, targets met, targets overdue.
pub fn forums_csv(header: [&str; 11], lines: &[(String, ForumLine)]) -> String {
    csv_table(
        &header,
        lines.iter().map(|(title, l)| {
            let mut cells = tally_cells(title, l.tally);
            cells.extend(
                [
                    l.approved_minutes,
                    l.pending_minutes,
                    l.volunteers as i64,
                    l.projects as i64,
                    l.targets as i64,
                    l.targets_met as i64,
                    l.targets_overdue as i64,
                ]
                .map(|n| n.to_string()),
            );
            cells
        }),
    )
}
