//! The registration desk's view of a forum: who is checked in now (derived from every
//! check-in event, never stored as a flag), the live counts by role and by delegation,
//! and the events a check-in, an undo or a whole delegation's check-in writes.
//!
//! Every device derives the same answer from the same events: a person's state is the
//! action of their latest live event by clock stamp ([`crate::is_checked_in`]), so two
//! desks checking the same person in offline both keep their events and agree.

use crate::change::{Change, WriteError, Writer};
use crate::model::{CheckIn, CheckInAction, Participant, Role};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// The latest live event of one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Latest {
    pub checked_in: bool,
    pub at: DateTime<Utc>,
    pub desk: String,
    /// The event's stamp (orders events across devices).
    hlc: crate::Hlc,
    /// How many live check-in events (not undos) the person has: more than one means
    /// several desks (or one desk twice) checked them in.
    pub check_ins: u32,
}

/// Who is checked in, from a forum's check-in events.
#[derive(Debug, Clone, Default)]
pub struct Attendance {
    latest: HashMap<Uuid, Latest>,
}

impl Attendance {
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a CheckIn>) -> Self {
        let mut a = Self::default();
        for e in events {
            a.apply(e);
        }
        a
    }

    /// Takes one more event into account (in any order: the stamp decides).
    pub fn apply(&mut self, e: &CheckIn) {
        if e.meta.deleted {
            return;
        }
        let is_check_in = e.action == CheckInAction::CheckIn;
        let slot = self.latest.entry(e.participant).or_insert_with(|| Latest {
            checked_in: is_check_in,
            at: e.at,
            desk: e.desk.clone(),
            hlc: e.meta.hlc.clone(),
            check_ins: 0,
        });
        if is_check_in {
            slot.check_ins += 1;
        }
        if e.meta.hlc > slot.hlc {
            slot.checked_in = is_check_in;
            slot.at = e.at;
            slot.desk = e.desk.clone();
            slot.hlc = e.meta.hlc.clone();
        }
    }

    /// The latest event of a person, if they have any.
    pub fn latest(&self, person: Uuid) -> Option<&Latest> {
        self.latest.get(&person)
    }

    pub fn is_checked_in(&self, person: Uuid) -> bool {
        self.latest.get(&person).is_some_and(|l| l.checked_in)
    }
}

/// Registered and checked-in numbers of one group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub registered: usize,
    pub checked_in: usize,
}

impl Tally {
    fn add(&mut self, checked_in: bool) {
        self.registered += 1;
        self.checked_in += usize::from(checked_in);
    }
}

/// One delegation at the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegationTally {
    pub name: String,
    pub tally: Tally,
    /// Its heads (usually one), in the order given.
    pub heads: Vec<Uuid>,
    /// Its live members, in the order given.
    pub members: Vec<Uuid>,
}

/// The desk's live counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskCounts {
    pub total: Tally,
    /// In [`Role`] declaration order, roles with nobody left out.
    pub by_role: Vec<(Role, Tally)>,
    /// By delegation name, in name order; people with no delegation are not in it.
    pub by_delegation: Vec<DelegationTally>,
}

impl DeskCounts {
    /// Counts live (not tombstoned) people.
    pub fn of(people: &[Participant], attendance: &Attendance) -> Self {
        let mut total = Tally::default();
        let mut roles: HashMap<Role, Tally> = HashMap::new();
        let mut delegations: BTreeMap<&str, DelegationTally> = BTreeMap::new();
        for p in people.iter().filter(|p| !p.meta.deleted) {
            let inside = attendance.is_checked_in(p.meta.id);
            total.add(inside);
            roles.entry(p.role).or_default().add(inside);
            if let Some(name) = p.delegation.as_deref().filter(|d| !d.trim().is_empty()) {
                let d = delegations.entry(name).or_insert_with(|| DelegationTally {
                    name: name.to_string(),
                    tally: Tally::default(),
                    heads: Vec::new(),
                    members: Vec::new(),
                });
                d.tally.add(inside);
                d.members.push(p.meta.id);
                if p.head_of_delegation {
                    d.heads.push(p.meta.id);
                }
            }
        }
        Self {
            total,
            by_role: Role::ALL
                .iter()
                .filter_map(|r| roles.get(r).map(|t| (*r, *t)))
                .collect(),
            by_delegation: delegations.into_values().collect(),
        }
    }
}

/// The event that checks `person` in (or undoes it) at `desk`.
pub fn check_in_event(
    writer: &mut Writer,
    now_ms: u64,
    forum: Uuid,
    person: Uuid,
    action: CheckInAction,
    desk: &str,
) -> Result<(CheckIn, Change), WriteError> {
    let at = DateTime::<Utc>::from_timestamp_millis(now_ms as i64).unwrap_or_default();
    writer.create(now_ms, Some(forum), |meta| CheckIn {
        meta,
        participant: person,
        action,
        desk: desk.to_string(),
        at,
    })
}

/// The events that check in every member of a delegation who is not checked in yet
/// (members already inside get no second event).
pub fn delegation_check_in(
    writer: &mut Writer,
    now_ms: u64,
    forum: Uuid,
    members: &[Uuid],
    attendance: &Attendance,
    desk: &str,
) -> Result<Vec<(CheckIn, Change)>, WriteError> {
    members
        .iter()
        .filter(|m| !attendance.is_checked_in(**m))
        .map(|m| check_in_event(writer, now_ms, forum, *m, CheckInAction::CheckIn, desk))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DeviceId, HlcClock};

    fn writer(device: &str) -> Writer {
        Writer::new(HlcClock::new(DeviceId::new(device).unwrap()))
    }

    fn person(w: &mut Writer, forum: Uuid, delegation: Option<&str>, head: bool) -> Participant {
        w.create(1_000, Some(forum), |meta| Participant {
            meta,
            full_name: "Ақбота Оқасова".into(),
            phone: None,
            region: String::new(),
            district: String::new(),
            organisation: String::new(),
            birth_year: None,
            role: Role::Participant,
            delegation: delegation.map(str::to_string),
            badge_code: "K7Q2M9XA".into(),
            iin: None,
            head_of_delegation: head,
            consent: None,
        })
        .unwrap()
        .0
    }

    #[test]
    fn undo_then_check_in_again_follows_the_latest_stamp_in_any_order() {
        let forum = Uuid::nil();
        let mut w = writer("desk-a");
        let p = person(&mut w, forum, None, false);
        let id = p.meta.id;
        let e1 = check_in_event(&mut w, 2_000, forum, id, CheckInAction::CheckIn, "A").unwrap();
        let e2 = check_in_event(&mut w, 3_000, forum, id, CheckInAction::Undo, "A").unwrap();
        let e3 = check_in_event(&mut w, 4_000, forum, id, CheckInAction::CheckIn, "B").unwrap();
        for order in [[&e1, &e2, &e3], [&e3, &e1, &e2], [&e2, &e3, &e1]] {
            let a = Attendance::from_events(order.iter().map(|(e, _)| e));
            let l = a.latest(id).unwrap();
            assert!(l.checked_in);
            assert_eq!(l.desk, "B");
            assert_eq!(l.check_ins, 2);
        }
        let a = Attendance::from_events([&e1.0, &e2.0]);
        assert!(!a.is_checked_in(id));
    }

    #[test]
    fn two_desks_offline_both_events_count_once_as_a_person() {
        let forum = Uuid::nil();
        let mut a = writer("desk-a");
        let mut b = writer("desk-b");
        let p = person(&mut a, forum, Some("Орал"), false);
        let ea = check_in_event(&mut a, 5_000, forum, p.meta.id, CheckInAction::CheckIn, "A");
        let eb = check_in_event(&mut b, 5_000, forum, p.meta.id, CheckInAction::CheckIn, "B");
        let att = Attendance::from_events([&ea.unwrap().0, &eb.unwrap().0]);
        assert_eq!(att.latest(p.meta.id).unwrap().check_ins, 2);
        let counts = DeskCounts::of(&[p], &att);
        assert_eq!(
            counts.total,
            Tally {
                registered: 1,
                checked_in: 1
            }
        );
        assert_eq!(counts.by_delegation[0].tally.checked_in, 1);
    }

    #[test]
    fn delegation_check_in_skips_members_already_inside_and_counts_follow() {
        let forum = Uuid::nil();
        let mut w = writer("desk-a");
        let head = person(&mut w, forum, Some("Атырау"), true);
        let m1 = person(&mut w, forum, Some("Атырау"), false);
        let m2 = person(&mut w, forum, Some("Атырау"), false);
        let other = person(&mut w, forum, Some("Ақтөбе"), false);
        let mut gone = person(&mut w, forum, Some("Атырау"), false);
        gone.meta.deleted = true;
        let people = vec![head.clone(), m1.clone(), m2, other, gone];
        let first = check_in_event(
            &mut w,
            2_000,
            forum,
            m1.meta.id,
            CheckInAction::CheckIn,
            "A",
        )
        .unwrap();
        let mut att = Attendance::from_events([&first.0]);
        let counts = DeskCounts::of(&people, &att);
        let find = |c: &DeskCounts| c.by_delegation.iter().find(|d| d.name == "Атырау").cloned();
        let atyrau = find(&counts).unwrap();
        assert_eq!(
            atyrau.tally,
            Tally {
                registered: 3,
                checked_in: 1
            }
        );
        assert_eq!(atyrau.heads, vec![head.meta.id]);
        let made = delegation_check_in(&mut w, 3_000, forum, &atyrau.members, &att, "A").unwrap();
        assert_eq!(
            made.len(),
            2,
            "the member already inside gets no second event"
        );
        for (e, _) in &made {
            att.apply(e);
        }
        let counts = DeskCounts::of(&people, &att);
        assert_eq!(find(&counts).unwrap().tally.checked_in, 3);
        assert_eq!(
            counts.total,
            Tally {
                registered: 4,
                checked_in: 3
            }
        );
        assert_eq!(counts.by_role, vec![(Role::Participant, counts.total)]);
    }
}
