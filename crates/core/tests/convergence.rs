//! Convergence: any set of changes, made on any number of replicas that see each other's
//! work only now and then, delivered in any order with any duplication — directly, or
//! through a server replica as a sync pull would — ends in the same state everywhere.
//! Nothing is lost: every check-in event ever written is on every replica.
//!
//! Replicas are `MemoryRepo`s (the same contract as the IndexedDB store, held to it by
//! the conformance suite) and the server is one more, fed through
//! `jiyn_core::sync::check_change` exactly as `jiyn-server` feeds its database.

use jiyn_core::memory::MemoryRepo;
use jiyn_core::sync::{check_change, TokenRole};
use jiyn_core::{
    AnyRecord, Change, CheckIn, CheckInAction, DeviceId, HlcClock, Participant, Record, Repository,
    Role, Writer,
};
use pollster::block_on;
use proptest::prelude::*;
use std::collections::HashSet;
use uuid::Uuid;

const FORUM: Uuid = Uuid::from_u128(0xf0);

/// One step of the story.
#[derive(Debug, Clone)]
enum Op {
    /// Replica registers a walk-in.
    WalkIn { replica: usize, name: u8 },
    /// Replica edits one field of a person it knows (by position in its own list).
    Edit {
        replica: usize,
        who: usize,
        field: u8,
        value: u8,
    },
    /// Replica deletes a person it knows.
    Delete { replica: usize, who: usize },
    /// Replica checks a person in, or undoes it.
    Event {
        replica: usize,
        who: usize,
        undo: bool,
    },
    /// Replica receives some of the changes made so far (a partial sync or file).
    Receive { replica: usize, pick: Vec<usize> },
    /// Time passes on one replica's clock (clocks disagree).
    Tick { replica: usize, ms: u16 },
}

fn op(replicas: usize) -> impl Strategy<Value = Op> {
    let r = 0..replicas;
    prop_oneof![
        3 => (r.clone(), any::<u8>()).prop_map(|(replica, name)| Op::WalkIn { replica, name }),
        3 => (r.clone(), any::<usize>(), 0..4u8, any::<u8>())
            .prop_map(|(replica, who, field, value)| Op::Edit { replica, who, field, value }),
        1 => (r.clone(), any::<usize>()).prop_map(|(replica, who)| Op::Delete { replica, who }),
        4 => (r.clone(), any::<usize>(), any::<bool>())
            .prop_map(|(replica, who, undo)| Op::Event { replica, who, undo }),
        2 => (r.clone(), proptest::collection::vec(any::<usize>(), 0..12))
            .prop_map(|(replica, pick)| Op::Receive { replica, pick }),
        1 => (r, any::<u16>()).prop_map(|(replica, ms)| Op::Tick { replica, ms }),
    ]
}

struct Replica {
    repo: MemoryRepo,
    writer: Writer,
    now: u64,
}

impl Replica {
    fn new(i: usize) -> Self {
        Replica {
            repo: MemoryRepo::new(),
            writer: Writer::new(HlcClock::new(DeviceId::new(format!("desk-{i}")).unwrap())),
            // Clocks start apart: up to a few seconds of disagreement.
            now: 1_700_000_000_000 + (i as u64 * 1_733) % 5_000,
        }
    }

    /// Merges records in, as a pull or a file import does, and lets the clock see them.
    fn receive(&mut self, records: &[AnyRecord]) {
        block_on(self.repo.merge_in(records, false)).unwrap();
        for r in records {
            self.writer.clock_mut().observe(&r.meta().hlc, self.now);
        }
    }

    fn people(&self) -> Vec<Participant> {
        block_on(self.repo.list_by_forum::<Participant>(FORUM)).unwrap()
    }

    fn write<T: Record>(&self, record: &T, change: &Change) {
        block_on(self.repo.write(record, change)).unwrap();
    }
}

fn person(meta: jiyn_core::Meta, name: u8) -> Participant {
    Participant {
        meta,
        full_name: format!("Қатысушы {name}"),
        phone: None,
        region: "Батыс Қазақстан".into(),
        district: String::new(),
        organisation: String::new(),
        birth_year: Some(2000),
        role: Role::Participant,
        delegation: None,
        badge_code: format!("B{name:07}"),
        iin: None,
        head_of_delegation: false,
        consent: None,
    }
}

/// Runs the story; returns every change made and the replicas.
fn play(replicas: usize, ops: &[Op]) -> (Vec<Change>, Vec<Replica>) {
    let mut reps: Vec<Replica> = (0..replicas).map(Replica::new).collect();
    let mut log: Vec<Change> = Vec::new();
    for op in ops {
        match op.clone() {
            Op::WalkIn { replica, name } => {
                let rep = &mut reps[replica];
                let (p, c) = rep
                    .writer
                    .create(rep.now, Some(FORUM), |meta| person(meta, name))
                    .unwrap();
                rep.write(&p, &c);
                log.push(c);
            }
            Op::Edit {
                replica,
                who,
                field,
                value,
            } => {
                let rep = &mut reps[replica];
                let people = rep.people();
                if people.is_empty() {
                    continue;
                }
                let before = &people[who % people.len()];
                let made = rep
                    .writer
                    .edit(rep.now, before, |p| match field {
                        0 => p.organisation = format!("Ұйым {value}"),
                        1 => p.district = format!("Аудан {value}"),
                        2 => p.birth_year = Some(1990 + i32::from(value % 20)),
                        _ => p.role = Role::ALL[usize::from(value) % Role::ALL.len()],
                    })
                    .unwrap();
                if let Some((p, c)) = made {
                    rep.write(&p, &c);
                    log.push(c);
                }
            }
            Op::Delete { replica, who } => {
                let rep = &mut reps[replica];
                let people = rep.people();
                if people.is_empty() {
                    continue;
                }
                let (p, c) = rep
                    .writer
                    .delete(rep.now, &people[who % people.len()])
                    .unwrap();
                rep.write(&p, &c);
                log.push(c);
            }
            Op::Event { replica, who, undo } => {
                let rep = &mut reps[replica];
                let people = rep.people();
                if people.is_empty() {
                    continue;
                }
                let action = if undo {
                    CheckInAction::Undo
                } else {
                    CheckInAction::CheckIn
                };
                let (e, c) = jiyn_core::desk::check_in_event(
                    &mut rep.writer,
                    rep.now,
                    FORUM,
                    people[who % people.len()].meta.id,
                    action,
                    &format!("desk {replica}"),
                )
                .unwrap();
                rep.write(&e, &c);
                log.push(c);
            }
            Op::Receive { replica, pick } => {
                if log.is_empty() {
                    continue;
                }
                let records: Vec<AnyRecord> = pick
                    .iter()
                    .map(|i| jiyn_core::sync::record_of(&log[i % log.len()]).unwrap())
                    .collect();
                reps[replica].receive(&records);
            }
            Op::Tick { replica, ms } => reps[replica].now += u64::from(ms),
        }
    }
    (log, reps)
}

/// A permutation of `0..n` with some items repeated, from a seed.
fn shuffled_with_repeats(n: usize, seed: u64) -> Vec<usize> {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, (next() % (i as u64 + 1)) as usize);
    }
    let repeats = if n == 0 {
        0
    } else {
        (next() % (n as u64 + 1)) as usize
    };
    for _ in 0..repeats {
        let at = (next() % (order.len() as u64 + 1)) as usize;
        let what = (next() % n as u64) as usize;
        order.insert(at, what);
    }
    order
}

fn state_of(repo: &MemoryRepo) -> Vec<AnyRecord> {
    block_on(repo.export(None)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_replica_ends_identical_whatever_the_order(
        replicas in 2..5usize,
        ops in proptest::collection::vec(op(4), 1..120),
        seeds in proptest::collection::vec(any::<u64>(), 6),
    ) {
        let ops: Vec<Op> = ops.into_iter().map(|o| clamp(o, replicas)).collect();
        let (log, mut reps) = play(replicas, &ops);

        // The server receives every change in its own order, with duplicates, through
        // the same checks as jiyn-server.
        let server = MemoryRepo::new();
        for i in shuffled_with_repeats(log.len(), seeds[0]) {
            let record = check_change(FORUM, TokenRole::Organizer, u64::MAX / 2, &log[i]).unwrap();
            block_on(server.merge_in(&[record], false)).unwrap();
        }
        let server_state = state_of(&server);

        // Each replica gets everything, in its own shuffled, duplicated order: half of
        // them straight from the others (files), half as a pull from the server.
        for (n, rep) in reps.iter_mut().enumerate() {
            if n % 2 == 0 {
                for i in shuffled_with_repeats(log.len(), seeds[1 + n % 5]) {
                    rep.receive(&[jiyn_core::sync::record_of(&log[i]).unwrap()]);
                }
            } else {
                rep.receive(&server_state);
            }
        }
        for rep in &reps {
            prop_assert_eq!(state_of(&rep.repo), server_state.clone());
        }

        // Nothing lost: every check-in event ever written is there.
        let written: HashSet<Uuid> = log
            .iter()
            .filter(|c| c.kind == jiyn_core::RecordKind::CheckIn)
            .map(|c| c.record)
            .collect();
        let kept: HashSet<Uuid> = block_on(server.list_by_forum::<CheckIn>(FORUM))
            .unwrap()
            .iter()
            .map(|e| e.meta.id)
            .collect();
        prop_assert_eq!(kept, written);

        // Merging everything again changes nothing (idempotent).
        let again = block_on(reps[0].repo.merge_in(&server_state, false)).unwrap();
        prop_assert_eq!(again.added + again.updated, 0);
    }
}

fn clamp(op: Op, replicas: usize) -> Op {
    match op {
        Op::WalkIn { replica, name } => Op::WalkIn {
            replica: replica % replicas,
            name,
        },
        Op::Edit {
            replica,
            who,
            field,
            value,
        } => Op::Edit {
            replica: replica % replicas,
            who,
            field,
            value,
        },
        Op::Delete { replica, who } => Op::Delete {
            replica: replica % replicas,
            who,
        },
        Op::Event { replica, who, undo } => Op::Event {
            replica: replica % replicas,
            who,
            undo,
        },
        Op::Receive { replica, pick } => Op::Receive {
            replica: replica % replicas,
            pick,
        },
        Op::Tick { replica, ms } => Op::Tick {
            replica: replica % replicas,
            ms,
        },
    }
}

/// The deterministic tie-break, end to end: two desks edit the same field of the same
/// person in the same millisecond, offline; after exchanging, both hold the edit of
/// the desk whose id sorts last, and a deletion made after seeing an edit wins over it.
#[test]
fn ties_and_tombstones_settle_the_same_everywhere() {
    let mut a = Replica::new(0);
    let mut b = Replica::new(1);
    b.now = a.now;
    let (p, c) = a
        .writer
        .create(a.now, Some(FORUM), |m| person(m, 1))
        .unwrap();
    a.write(&p, &c);
    b.receive(&[p.clone().into()]);
    let (pa, ca) = a
        .writer
        .edit(a.now + 5, &p, |p| p.organisation = "A".into())
        .unwrap()
        .unwrap();
    let (pb, cb) = b
        .writer
        .edit(b.now + 5, &p, |p| p.organisation = "B".into())
        .unwrap()
        .unwrap();
    a.write(&pa, &ca);
    b.write(&pb, &cb);
    a.receive(&[pb.clone().into()]);
    b.receive(&[pa.clone().into()]);
    assert_eq!(state_of(&a.repo), state_of(&b.repo));
    assert_eq!(a.people()[0].organisation, "B", "desk-1 > desk-0");

    // A deletes after seeing B's edit; B edits again without seeing the deletion but
    // later in time: the later edit of another field does not resurrect the record,
    // the tombstone wins over what it saw.
    let seen = a.people()[0].clone();
    let (gone, cg) = a.writer.delete(a.now + 10, &seen).unwrap();
    a.write(&gone, &cg);
    b.receive(&[gone.clone().into()]);
    assert!(b.people().is_empty());
    assert_eq!(state_of(&a.repo), state_of(&b.repo));
}
