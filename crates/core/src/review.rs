//! The review after sync: what merging several desks' work can leave for a person to
//! look at. Nothing here is hidden or settled silently:
//! - the same person registered at two desks (two records from two devices that look
//!   alike: same IIN, phone, or name) — offered for a merge that keeps both histories;
//! - a person checked in at two desks (check-in events from two devices) — shown with
//!   both times; both events stay, as the merge rules say.

use crate::change::{Change, WriteError, Writer};
use crate::model::{AnyRecord, CheckIn, CheckInAction, Participant};
use crate::people::{DuplicateIndex, DuplicateReason};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// Two live people who may be one, registered on different devices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicatePair {
    /// The one registered first (by creation stamp): kept by default in a merge.
    pub first: Uuid,
    pub second: Uuid,
    pub reason: DuplicateReason,
}

/// Pairs of live people who may be the same person and were created on different
/// devices, strongest reason first. Each pair once.
pub fn duplicate_pairs(people: &[Participant]) -> Vec<DuplicatePair> {
    let live: Vec<&Participant> = people.iter().filter(|p| !p.meta.deleted).collect();
    let index = DuplicateIndex::new(live.iter().copied());
    let by_id: HashMap<Uuid, &Participant> = live.iter().map(|p| (p.meta.id, *p)).collect();
    let mut seen: HashSet<(Uuid, Uuid)> = HashSet::new();
    let mut out = Vec::new();
    for p in &live {
        for (other_id, reason) in index.matches(p) {
            let Some(other) = by_id.get(&other_id) else {
                continue;
            };
            if other.meta.created.device == p.meta.created.device {
                continue;
            }
            let (first, second) = if (&p.meta.created, p.meta.id) <= (&other.meta.created, other_id)
            {
                (p.meta.id, other_id)
            } else {
                (other_id, p.meta.id)
            };
            if seen.insert((first, second)) {
                out.push(DuplicatePair {
                    first,
                    second,
                    reason,
                });
            }
        }
    }
    out.sort_by_key(|d| (d.reason, d.first, d.second));
    out
}

/// A person with check-in events from more than one device.
#[derive(Debug, Clone, PartialEq)]
pub struct DoubleCheckIn {
    pub participant: Uuid,
    /// Every live check-in event of theirs, oldest stamp first.
    pub events: Vec<CheckIn>,
}

/// People checked in at two (or more) desks: live check-in events (not undos) of one
/// person written by different devices. Ordered by participant id.
pub fn double_check_ins(events: &[CheckIn]) -> Vec<DoubleCheckIn> {
    let mut by_person: BTreeMap<Uuid, Vec<&CheckIn>> = BTreeMap::new();
    for e in events {
        if !e.meta.deleted && e.action == CheckInAction::CheckIn {
            by_person.entry(e.participant).or_default().push(e);
        }
    }
    by_person
        .into_iter()
        .filter(|(_, evs)| {
            let devices: HashSet<&str> =
                evs.iter().map(|e| e.meta.created.device.as_str()).collect();
            devices.len() > 1
        })
        .map(|(participant, mut evs)| {
            evs.sort_by(|a, b| a.meta.hlc.cmp(&b.meta.hlc));
            DoubleCheckIn {
                participant,
                events: evs.into_iter().cloned().collect(),
            }
        })
        .collect()
}

/// Merges `other` into `keep`: `keep` gets the details it lacks from `other`, every
/// check-in event of `other` is moved to `keep` (times and desks unchanged, so both
/// histories stay), and `other` is tombstoned. Returns the writes, for one atomic batch.
pub fn merge_people(
    writer: &mut Writer,
    now_ms: u64,
    keep: &Participant,
    other: &Participant,
    other_events: &[CheckIn],
) -> Result<Vec<(AnyRecord, Change)>, WriteError> {
    let mut out: Vec<(AnyRecord, Change)> = Vec::new();
    let filled = writer.edit(now_ms, keep, |k| {
        let fill = |mine: &mut String, theirs: &str| {
            if mine.trim().is_empty() && !theirs.trim().is_empty() {
                *mine = theirs.to_string();
            }
        };
        fill(&mut k.region, &other.region);
        fill(&mut k.district, &other.district);
        fill(&mut k.organisation, &other.organisation);
        if k.phone.is_none() {
            k.phone.clone_from(&other.phone);
        }
        if k.iin.is_none() {
            k.iin.clone_from(&other.iin);
        }
        if k.birth_year.is_none() {
            k.birth_year = other.birth_year;
        }
        if k.delegation.is_none() {
            k.delegation.clone_from(&other.delegation);
        }
        if k.consent.is_none() {
            k.consent.clone_from(&other.consent);
        }
    })?;
    if let Some((p, c)) = filled {
        out.push((p.into(), c));
    }
    for e in other_events
        .iter()
        .filter(|e| e.participant == other.meta.id)
    {
        if let Some((moved, c)) = writer.edit(now_ms, e, |e| e.participant = keep.meta.id)? {
            out.push((moved.into(), c));
        }
    }
    let (gone, c) = writer.delete(now_ms, other)?;
    out.push((gone.into(), c));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::check_in_event;
    use crate::hlc::{DeviceId, HlcClock};
    use crate::model::Role;

    const FORUM: Uuid = Uuid::from_u128(1);

    fn w(dev: &str) -> Writer {
        Writer::new(HlcClock::new(DeviceId::new(dev).unwrap()))
    }

    fn walk_in(w: &mut Writer, now: u64, name: &str, phone: Option<&str>) -> Participant {
        w.create(now, Some(FORUM), |meta| Participant {
            meta,
            full_name: name.into(),
            phone: phone.map(String::from),
            region: String::new(),
            district: String::new(),
            organisation: String::new(),
            birth_year: Some(2003),
            role: Role::Participant,
            delegation: None,
            badge_code: "ABCDEFGH".into(),
            iin: None,
            head_of_delegation: false,
            consent: None,
        })
        .unwrap()
        .0
    }

    #[test]
    fn the_same_person_at_two_desks_is_one_pair_and_one_desk_is_none() {
        let (mut a, mut b) = (w("desk-a"), w("desk-b"));
        let p1 = walk_in(&mut a, 10, "Ақбота Оқасова", Some("+77011234567"));
        let p2 = walk_in(&mut b, 20, "Оқасова Ақбота", None);
        let p3 = walk_in(&mut a, 30, "Ақбота Оқасова", None);
        let pairs = duplicate_pairs(&[p1.clone(), p2.clone(), p3.clone()]);
        // p1–p2 and p3–p2 cross devices; p1–p3 are from the same desk (the desk's own
        // duplicate check saw them when they were typed).
        assert_eq!(pairs.len(), 2);
        assert!(pairs.iter().all(|d| d.reason == DuplicateReason::SameName));
        assert!(pairs
            .iter()
            .any(|d| d.first == p1.meta.id && d.second == p2.meta.id));
        assert!(!pairs
            .iter()
            .any(|d| [d.first, d.second].contains(&p1.meta.id)
                && [d.first, d.second].contains(&p3.meta.id)));
    }

    #[test]
    fn two_desks_checking_one_person_in_are_shown_with_both_events() {
        let (mut a, mut b) = (w("desk-a"), w("desk-b"));
        let p = walk_in(&mut a, 10, "Жеңіс Балабеков", None);
        let (e1, _) = check_in_event(
            &mut a,
            100,
            FORUM,
            p.meta.id,
            CheckInAction::CheckIn,
            "Кіреберіс 1",
        )
        .unwrap();
        let (e2, _) = check_in_event(
            &mut b,
            90,
            FORUM,
            p.meta.id,
            CheckInAction::CheckIn,
            "Кіреберіс 2",
        )
        .unwrap();
        let (e3, _) = check_in_event(
            &mut a,
            200,
            FORUM,
            p.meta.id,
            CheckInAction::Undo,
            "Кіреберіс 1",
        )
        .unwrap();
        let found = double_check_ins(&[e1.clone(), e2.clone(), e3]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].events,
            vec![e2, e1.clone()],
            "oldest stamp first, undo left out"
        );
        assert!(double_check_ins(&[e1]).is_empty());
    }

    #[test]
    fn a_merge_keeps_both_histories_and_fills_gaps() {
        let (mut a, mut b) = (w("desk-a"), w("desk-b"));
        let keep = walk_in(&mut a, 10, "Ақбота Оқасова", None);
        let other = walk_in(&mut b, 20, "Ақбота Оқасова", Some("+77011234567"));
        let (e_keep, _) =
            check_in_event(&mut a, 30, FORUM, keep.meta.id, CheckInAction::CheckIn, "1").unwrap();
        let (e_other, _) = check_in_event(
            &mut b,
            40,
            FORUM,
            other.meta.id,
            CheckInAction::CheckIn,
            "2",
        )
        .unwrap();
        let writes =
            merge_people(&mut a, 50, &keep, &other, std::slice::from_ref(&e_other)).unwrap();
        assert_eq!(
            writes.len(),
            3,
            "keep filled, one event moved, other tombstoned"
        );
        let AnyRecord::Participant(kept) = &writes[0].0 else {
            panic!()
        };
        assert_eq!(kept.phone.as_deref(), Some("+77011234567"));
        let AnyRecord::CheckIn(moved) = &writes[1].0 else {
            panic!()
        };
        assert_eq!(moved.participant, keep.meta.id);
        assert_eq!(
            (moved.at, moved.desk.as_str()),
            (e_other.at, "2"),
            "time and desk unchanged"
        );
        assert_eq!(moved.meta.id, e_other.meta.id, "the same event, not a copy");
        let AnyRecord::Participant(gone) = &writes[2].0 else {
            panic!()
        };
        assert!(gone.meta.deleted);
        assert_ne!(e_keep.meta.id, moved.meta.id);
    }
}
