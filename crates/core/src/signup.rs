//! Sign-ups for sessions with limited places (trainings, consultation slots): who holds
//! a place, who waits, and in which order.
//!
//! Nothing about a place is stored. A [`SignUp`] records only that a person asked for a
//! place (and, later, that they cancelled); [`roster`] derives the places from all
//! sign-ups of the session:
//!
//! - live (not tombstoned), not cancelled sign-ups, in the order of their **creation
//!   stamps** (`meta.created`; the HLC text order is the clock order, and the device id
//!   inside the stamp makes two stamps from different devices differ);
//! - the first `capacity` of them are confirmed, the rest wait in that order;
//! - no capacity means everyone is confirmed.
//!
//! The order depends only on the stamps, never on the order in which sign-ups arrived
//! on a device, so every device computes the same roster once it holds the same
//! sign-ups (after a merge). Two phones that sign up offline for the last place both
//! show "confirmed" until they sync; after the sync the earlier stamp holds the place
//! and the other phone shows that its owner is waiting, first in line. That is why a
//! sign-up whose change is still in the outbox is shown as pending ([`pending`]): its
//! place is provisional until sync.
//!
//! A cancellation (an edit of `cancelled`) frees its place, and the first waiting
//! person moves up: the roster is simply computed again.

use crate::change::Change;
use crate::model::{RecordKind, SignUp};
use std::collections::HashSet;
use uuid::Uuid;

/// The places of one session, derived from its sign-ups by [`roster`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster<'a> {
    /// The session's capacity (`None`: no limit).
    pub capacity: Option<u32>,
    /// Sign-ups holding a place, earliest creation stamp first.
    pub confirmed: Vec<&'a SignUp>,
    /// Sign-ups waiting for a place, next in line first.
    pub waitlist: Vec<&'a SignUp>,
    /// Cancelled sign-ups (kept for history), earliest creation stamp first.
    pub cancelled: Vec<&'a SignUp>,
}

impl Roster<'_> {
    /// Free places: `None` without a capacity, `Some(0)` when the session is full.
    pub fn places_left(&self) -> Option<usize> {
        self.capacity
            .map(|c| (c as usize).saturating_sub(self.confirmed.len()))
    }

    /// Whether a new sign-up would have to wait.
    pub fn is_full(&self) -> bool {
        self.places_left() == Some(0)
    }
}

/// Where one sign-up stands in a [`Roster`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// Holds a place.
    Confirmed,
    /// Waits; `position` 1 is next in line.
    Waiting { position: usize },
}

/// Orders sign-ups by creation stamp (ties, which two devices cannot produce, by id, so
/// the order is total whatever the input).
pub fn sort_by_creation(signups: &mut [SignUp]) {
    signups.sort_by(creation_order);
}

fn creation_order(a: &SignUp, b: &SignUp) -> std::cmp::Ordering {
    a.meta
        .created
        .cmp(&b.meta.created)
        .then_with(|| a.meta.id.cmp(&b.meta.id))
}

/// The roster of a session with `capacity` places, from its sign-ups (in any order;
/// tombstoned ones are ignored). Pass one version of each sign-up, as
/// [`crate::Repository::signups_of`] returns them.
pub fn roster(capacity: Option<u32>, signups: &[SignUp]) -> Roster<'_> {
    let mut live: Vec<&SignUp> = signups.iter().filter(|s| !s.meta.deleted).collect();
    live.sort_by(|a, b| creation_order(a, b));
    let (cancelled, mut active): (Vec<&SignUp>, Vec<&SignUp>) =
        live.into_iter().partition(|s| s.cancelled);
    let places = capacity.map_or(active.len(), |c| (c as usize).min(active.len()));
    let waitlist = active.split_off(places);
    Roster {
        capacity,
        confirmed: active,
        waitlist,
        cancelled,
    }
}

/// Where the sign-up `signup` stands: `None` when it is cancelled or not in the roster
/// (unknown or tombstoned).
pub fn place_of(roster: &Roster<'_>, signup: Uuid) -> Option<Place> {
    if roster.confirmed.iter().any(|s| s.meta.id == signup) {
        return Some(Place::Confirmed);
    }
    roster
        .waitlist
        .iter()
        .position(|s| s.meta.id == signup)
        .map(|i| Place::Waiting { position: i + 1 })
}

/// The sign-ups written on this device that sync has not acknowledged yet: their
/// latest change is still in the outbox. The UI shows them as pending, because the
/// place they show may still change when sign-ups from other devices arrive.
pub fn pending(outbox: &[Change]) -> HashSet<Uuid> {
    outbox
        .iter()
        .filter(|c| c.kind == RecordKind::SignUp)
        .map(|c| c.record)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Writer;
    use crate::hlc::{DeviceId, Hlc, HlcClock};
    use crate::memory::MemoryRepo;
    use crate::model::{AnyRecord, Meta};
    use crate::repo::Repository;
    use proptest::prelude::*;

    const T0: u64 = 1_762_840_800_000;

    fn forum() -> Uuid {
        Uuid::from_u128(1)
    }

    fn session() -> Uuid {
        Uuid::from_u128(2)
    }

    fn phone(name: &str) -> Writer {
        Writer::new(HlcClock::new(DeviceId::new(name).expect("device id")))
    }

    fn sign_up(w: &mut Writer, now: u64, name: &str) -> (SignUp, Change) {
        w.create(now, Some(forum()), |meta| SignUp {
            meta,
            session: session(),
            name: name.into(),
            participant: None,
            contact: None,
            cancelled: false,
        })
        .expect("valid sign-up")
    }

    fn names<'a>(list: &[&'a SignUp]) -> Vec<&'a str> {
        list.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn the_first_by_creation_stamp_are_confirmed_and_the_rest_wait_in_order() {
        let mut w = phone("desk-1");
        let a = sign_up(&mut w, T0, "Әлия").0;
        let b = sign_up(&mut w, T0 + 1, "Бауыржан").0;
        let c = sign_up(&mut w, T0 + 2, "Гүлназ").0;
        let d = sign_up(&mut w, T0 + 3, "Дәурен").0;
        let all = [d.clone(), b.clone(), a.clone(), c.clone()];
        let r = roster(Some(2), &all);
        assert_eq!(names(&r.confirmed), ["Әлия", "Бауыржан"]);
        assert_eq!(names(&r.waitlist), ["Гүлназ", "Дәурен"]);
        assert!(r.cancelled.is_empty());
        assert!(r.is_full());
        assert_eq!(place_of(&r, a.meta.id), Some(Place::Confirmed));
        assert_eq!(
            place_of(&r, c.meta.id),
            Some(Place::Waiting { position: 1 })
        );
        assert_eq!(
            place_of(&r, d.meta.id),
            Some(Place::Waiting { position: 2 })
        );
        assert_eq!(place_of(&r, Uuid::from_u128(99)), None);

        let open = roster(None, &all);
        assert_eq!(open.confirmed.len(), 4, "no capacity: everyone is in");
        assert_eq!(open.places_left(), None);
        assert!(!open.is_full());
        assert_eq!(roster(Some(10), &all).places_left(), Some(6));
        let closed = roster(Some(0), &all);
        assert!(closed.confirmed.is_empty() && closed.waitlist.len() == 4);
    }

    #[test]
    fn a_cancellation_moves_the_first_waiting_person_up_and_tombstones_vanish() {
        let mut w = phone("desk-1");
        let a = sign_up(&mut w, T0, "Әлия").0;
        let b = sign_up(&mut w, T0 + 1, "Бауыржан").0;
        let c = sign_up(&mut w, T0 + 2, "Гүлназ").0;
        let d = sign_up(&mut w, T0 + 3, "Дәурен").0;
        let (a_out, change) = w
            .edit(T0 + 10, &a, |s| s.cancelled = true)
            .expect("edit")
            .expect("changed");
        assert_eq!(change.fields, ["cancelled"]);
        let (d_gone, _) = w.delete(T0 + 11, &d).expect("delete");
        let all = [a_out.clone(), b.clone(), c.clone(), d_gone];
        let r = roster(Some(2), &all);
        assert_eq!(names(&r.confirmed), ["Бауыржан", "Гүлназ"]);
        assert!(r.waitlist.is_empty(), "the tombstone is nowhere");
        assert_eq!(names(&r.cancelled), ["Әлия"]);
        assert_eq!(place_of(&r, a.meta.id), None, "cancelled");
        assert_eq!(place_of(&r, d.meta.id), None, "deleted");
    }

    #[test]
    fn validation_requires_a_name() {
        let mut w = phone("desk-1");
        let err = w
            .create(T0, Some(forum()), |meta| SignUp {
                meta,
                session: session(),
                name: "  ".into(),
                participant: None,
                contact: Some("+77001234567".into()),
                cancelled: false,
            })
            .expect_err("blank name");
        assert_eq!(err.to_string(), "name: required");
    }

    /// Two phones sign up offline for the last place; after they exchange their
    /// records, both compute the same roster: the earlier stamp holds the place.
    #[test]
    fn two_phones_offline_for_the_last_place_agree_after_sync() {
        pollster::block_on(async {
            let mut desk = phone("desk-1");
            let mut phone_a = phone("phone-a");
            let mut phone_b = phone("phone-b");
            let (first, c1) = sign_up(&mut desk, T0, "Әлия");
            let here = MemoryRepo::new();
            let there = MemoryRepo::new();
            for repo in [&here, &there] {
                repo.write(&first, &c1).await.expect("shared sign-up");
            }
            // Capacity 2: one place left. Phone B signs up a second *later* in wall
            // time but writes first; the order of arrival must not matter.
            let (late, cl) = sign_up(&mut phone_b, T0 + 2_000, "Бауыржан");
            there.write(&late, &cl).await.expect("phone b");
            let (early, ce) = sign_up(&mut phone_a, T0 + 1_000, "Гүлназ");
            here.write(&early, &ce).await.expect("phone a");

            // Offline, each phone sees its owner confirmed, and pending.
            let mine = here.signups_of(session()).await.expect("read");
            assert_eq!(
                place_of(&roster(Some(2), &mine), early.meta.id),
                Some(Place::Confirmed)
            );
            let outbox = here.outbox().await.expect("outbox");
            assert!(pending(&outbox).contains(&early.meta.id));
            let theirs = there.signups_of(session()).await.expect("read");
            assert_eq!(
                place_of(&roster(Some(2), &theirs), late.meta.id),
                Some(Place::Confirmed)
            );

            // Sync: each side merges the other's records.
            let from_here: Vec<AnyRecord> = here.export(None).await.expect("export");
            let from_there: Vec<AnyRecord> = there.export(None).await.expect("export");
            here.merge_in(&from_there, false).await.expect("merge");
            there.merge_in(&from_here, false).await.expect("merge");
            here.remove_from_outbox(&[c1.id, ce.id]).await.expect("ack");

            let a = here.signups_of(session()).await.expect("read");
            let b = there.signups_of(session()).await.expect("read");
            assert_eq!(a, b, "same sign-ups, same order");
            let (ra, rb) = (roster(Some(2), &a), roster(Some(2), &b));
            assert_eq!(ra, rb);
            assert_eq!(names(&ra.confirmed), ["Әлия", "Гүлназ"]);
            assert_eq!(
                place_of(&rb, late.meta.id),
                Some(Place::Waiting { position: 1 }),
                "the later stamp waits"
            );
            assert!(pending(&here.outbox().await.expect("outbox")).is_empty());

            // Phone A's owner cancels; the merge brings it to the desk's copy, and
            // phone B's owner moves up everywhere.
            let (cancelled, cc) = phone_a
                .edit(T0 + 5_000, &early, |s| s.cancelled = true)
                .expect("edit")
                .expect("changed");
            here.write(&cancelled, &cc).await.expect("cancel");
            assert!(pending(&here.outbox().await.expect("outbox")).contains(&early.meta.id));
            there
                .merge_in(&[AnyRecord::from(cancelled)], false)
                .await
                .expect("merge");
            let b = there.signups_of(session()).await.expect("read");
            let rb = roster(Some(2), &b);
            assert_eq!(names(&rb.confirmed), ["Әлия", "Бауыржан"]);
            assert_eq!(names(&rb.cancelled), ["Гүлназ"]);
        });
    }

    #[test]
    fn a_cancellation_and_a_concurrent_edit_merge_per_field() {
        let mut a = phone("phone-a");
        let mut desk = phone("desk-1");
        let (s, _) = sign_up(&mut a, T0, "Әлия");
        let (cancelled, _) = a
            .edit(T0 + 10, &s, |s| s.cancelled = true)
            .expect("edit")
            .expect("changed");
        let (linked, _) = desk
            .edit(T0 + 20, &s, |s| s.participant = Some(Uuid::from_u128(7)))
            .expect("edit")
            .expect("changed");
        for m in [
            crate::merge::merge(&cancelled, &linked).expect("merge"),
            crate::merge::merge(&linked, &cancelled).expect("merge"),
        ] {
            assert!(m.cancelled);
            assert_eq!(m.participant, Some(Uuid::from_u128(7)));
        }
        // Undoing the cancellation writes `false` (absent in JSON) with a newer stamp,
        // which wins over the cancellation wherever both meet.
        let (back, change) = a
            .edit(T0 + 30, &cancelled, |s| s.cancelled = false)
            .expect("edit")
            .expect("changed");
        assert_eq!(change.fields, ["cancelled"]);
        assert!(
            !crate::merge::merge(&cancelled, &back)
                .expect("merge")
                .cancelled
        );
        assert!(
            !crate::merge::merge(&back, &cancelled)
                .expect("merge")
                .cancelled
        );
    }

    #[test]
    fn pending_lists_only_sign_ups_in_the_outbox() {
        let mut w = phone("phone-a");
        let (s, c) = sign_up(&mut w, T0, "Әлия");
        let (_, other) = w
            .create(T0, Some(forum()), |meta| crate::model::CheckIn {
                meta,
                participant: Uuid::from_u128(5),
                action: crate::model::CheckInAction::CheckIn,
                desk: "1".into(),
                at: chrono::DateTime::from_timestamp(0, 0).expect("time"),
            })
            .expect("check-in");
        let (edited, c2) = w
            .edit(T0 + 1, &s, |s| s.contact = Some("@aliya".into()))
            .expect("edit")
            .expect("changed");
        assert_eq!(edited.meta.id, s.meta.id);
        let set = pending(&[c, other, c2]);
        assert_eq!(set.len(), 1);
        assert!(set.contains(&s.meta.id));
        assert!(pending(&[]).is_empty());
    }

    // ---- properties ----

    /// One sign-up of the generated set: (wall ms, counter, device), cancelled, deleted.
    type Spec = ((u64, u32, u8), bool, bool);

    fn build(specs: &[Spec]) -> Vec<SignUp> {
        specs
            .iter()
            .enumerate()
            .map(|(i, ((wall, counter, dev), cancelled, deleted))| {
                let device = DeviceId::new(format!("d{dev}")).expect("device");
                let mut meta = Meta::new(
                    Uuid::from_u128(1000 + i as u128),
                    forum(),
                    Hlc::new(T0 + wall, *counter, device),
                );
                meta.deleted = *deleted;
                SignUp {
                    meta,
                    session: session(),
                    name: format!("P{i}"),
                    participant: None,
                    contact: None,
                    cancelled: *cancelled,
                }
            })
            .collect()
    }

    fn specs() -> impl Strategy<Value = Vec<Spec>> {
        // Small ranges so equal wall times, counters and devices happen often.
        proptest::collection::vec(
            (
                (0u64..6, 0u32..3, 0u8..3),
                any::<bool>(),
                proptest::bool::weighted(0.15),
            ),
            0..24,
        )
    }

    fn capacity() -> impl Strategy<Value = Option<u32>> {
        proptest::option::weighted(0.8, 0u32..12)
    }

    fn ids(list: &[&SignUp]) -> Vec<Uuid> {
        list.iter().map(|s| s.meta.id).collect()
    }

    proptest! {
        #[test]
        fn the_roster_partitions_the_live_sign_ups(cap in capacity(), specs in specs()) {
            let all = build(&specs);
            let r = roster(cap, &all);
            let active: HashSet<Uuid> = all
                .iter()
                .filter(|s| !s.meta.deleted && !s.cancelled)
                .map(|s| s.meta.id)
                .collect();
            let cancelled: HashSet<Uuid> = all
                .iter()
                .filter(|s| !s.meta.deleted && s.cancelled)
                .map(|s| s.meta.id)
                .collect();
            let placed: Vec<Uuid> = ids(&r.confirmed).into_iter().chain(ids(&r.waitlist)).collect();
            prop_assert_eq!(placed.len(), active.len(), "no one twice");
            prop_assert_eq!(placed.iter().copied().collect::<HashSet<_>>(), active.clone());
            prop_assert_eq!(ids(&r.cancelled).into_iter().collect::<HashSet<_>>(), cancelled);
            prop_assert_eq!(
                r.confirmed.len(),
                cap.map_or(active.len(), |c| (c as usize).min(active.len()))
            );
            // Everyone confirmed signed up before everyone waiting, and each list is in
            // creation order.
            let in_order: Vec<&SignUp> =
                r.confirmed.iter().chain(&r.waitlist).copied().collect();
            prop_assert!(in_order
                .windows(2)
                .all(|w| creation_order(w[0], w[1]) == std::cmp::Ordering::Less));
            for (i, s) in r.waitlist.iter().enumerate() {
                prop_assert_eq!(place_of(&r, s.meta.id), Some(Place::Waiting { position: i + 1 }));
            }
            for s in &r.confirmed {
                prop_assert_eq!(place_of(&r, s.meta.id), Some(Place::Confirmed));
            }
            for s in r.cancelled.iter().copied().chain(all.iter().filter(|s| s.meta.deleted)) {
                prop_assert_eq!(place_of(&r, s.meta.id), None);
            }
        }

        #[test]
        fn the_roster_does_not_depend_on_input_order(
            cap in capacity(),
            (specs, order) in specs().prop_flat_map(|s| {
                let n = s.len();
                (Just(s), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
            }),
        ) {
            let all = build(&specs);
            let shuffled: Vec<SignUp> = order.iter().map(|&i| all[i].clone()).collect();
            let (a, b) = (roster(cap, &all), roster(cap, &shuffled));
            prop_assert_eq!(a, b);
        }

        #[test]
        fn cancelling_a_confirmed_sign_up_promotes_exactly_the_first_waiting(
            cap in capacity(),
            specs in specs(),
            pick in any::<prop::sample::Index>(),
        ) {
            let all = build(&specs);
            let before = roster(cap, &all);
            prop_assume!(!before.confirmed.is_empty());
            let leaving = before.confirmed[pick.index(before.confirmed.len())].meta.id;
            let after_records: Vec<SignUp> = all
                .iter()
                .cloned()
                .map(|mut s| {
                    if s.meta.id == leaving {
                        s.cancelled = true;
                    }
                    s
                })
                .collect();
            let after = roster(cap, &after_records);

            let mut want_confirmed: Vec<Uuid> =
                ids(&before.confirmed).into_iter().filter(|id| *id != leaving).collect();
            want_confirmed.extend(before.waitlist.first().map(|s| s.meta.id));
            prop_assert_eq!(ids(&after.confirmed), want_confirmed);
            prop_assert_eq!(ids(&after.waitlist), ids(&before.waitlist).into_iter().skip(1).collect::<Vec<_>>());
            prop_assert_eq!(place_of(&after, leaving), None);
            if let Some(first) = before.waitlist.first() {
                prop_assert_eq!(place_of(&after, first.meta.id), Some(Place::Confirmed));
            }
            prop_assert_eq!(after.cancelled.len(), before.cancelled.len() + 1);
        }

        #[test]
        fn sort_by_creation_matches_the_roster_order(cap in capacity(), specs in specs()) {
            let mut all = build(&specs);
            all.retain(|s| !s.meta.deleted && !s.cancelled);
            let r = roster(cap, &all);
            let from_roster: Vec<Uuid> =
                ids(&r.confirmed).into_iter().chain(ids(&r.waitlist)).collect();
            sort_by_creation(&mut all);
            prop_assert_eq!(all.iter().map(|s| s.meta.id).collect::<Vec<_>>(), from_roster);
        }
    }
}
