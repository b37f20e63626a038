//! Per-field merge of two versions of one record: the same rule on every device and on
//! the server, so all of them converge whatever order versions arrive in.
//!
//! For each top-level field (and the tombstone), the version whose stamp for that field
//! is greater wins: last writer wins by hybrid logical clock, ties broken by device id
//! (part of the stamp). A deletion is a field like any other, so a tombstone wins over
//! every edit stamped before it (every edit it could have seen). Check-ins and hour logs
//! are separate records, so merging two sets of them is a union by id.
//!
//! The merge is commutative, associative and idempotent (property-tested below), which
//! is what makes the result independent of sync order.

use crate::hlc::Hlc;
use crate::model::{Meta, Record, DELETED_FIELD};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("cannot merge two different records ({0} and {1})")]
    DifferentRecords(uuid::Uuid, uuid::Uuid),
    #[error("record {0} has a different kind in the two versions")]
    DifferentKinds(uuid::Uuid),
    #[error("record is malformed: {0}")]
    Malformed(String),
}

/// Merges two versions of the same record.
pub fn merge<T: Record>(a: &T, b: &T) -> Result<T, MergeError> {
    let bad = |e: serde_json::Error| MergeError::Malformed(e.to_string());
    // Through JSON text rather than `to_value`/`from_value`: each record type then
    // needs only its text (de)serializer, which keeps the wasm small.
    let va: Value = serde_json::from_str(&serde_json::to_string(a).map_err(bad)?).map_err(bad)?;
    let vb: Value = serde_json::from_str(&serde_json::to_string(b).map_err(bad)?).map_err(bad)?;
    serde_json::from_str(&merge_json(&va, &vb)?.to_string()).map_err(bad)
}

/// [`merge`] on the JSON form of records, for code that does not know the type
/// (the sync server).
pub fn merge_json(a: &Value, b: &Value) -> Result<Value, MergeError> {
    let (ma, da) = split(a)?;
    let (mb, db) = split(b)?;
    if ma.id != mb.id {
        return Err(MergeError::DifferentRecords(ma.id, mb.id));
    }
    let created = ma.created.clone().min(mb.created.clone());
    let mut stamps = BTreeMap::new();
    let mut out = Map::new();

    // A field set to "nothing" is absent from the JSON but keeps its stamp, so the
    // names come from the stamps too.
    let names: BTreeSet<&String> = da
        .keys()
        .chain(db.keys())
        .chain(ma.stamps.keys())
        .chain(mb.stamps.keys())
        .filter(|k| *k != DELETED_FIELD)
        .collect();
    for name in names {
        let (stamp, value) = pick(
            (ma.stamp_of(name), da.get(name)),
            (mb.stamp_of(name), db.get(name)),
        );
        if let Some(v) = value {
            out.insert(name.clone(), v.clone());
        }
        if *stamp != created {
            stamps.insert(name.clone(), stamp.clone());
        }
    }

    let deleted_a = Value::Bool(ma.deleted);
    let deleted_b = Value::Bool(mb.deleted);
    let (del_stamp, deleted) = pick(
        (ma.stamp_of(DELETED_FIELD), Some(&deleted_a)),
        (mb.stamp_of(DELETED_FIELD), Some(&deleted_b)),
    );
    if *del_stamp != created {
        stamps.insert(DELETED_FIELD.to_string(), del_stamp.clone());
    }

    let meta = Meta {
        id: ma.id,
        // A record never changes forum; if two versions disagree, pick one the same
        // way everywhere.
        forum: ma.forum.min(mb.forum),
        hlc: ma.hlc.clone().max(mb.hlc.clone()),
        created,
        deleted: deleted == Some(&Value::Bool(true)),
        stamps,
    };
    out.insert(
        "meta".into(),
        serde_json::to_value(meta).map_err(|e| MergeError::Malformed(e.to_string()))?,
    );
    Ok(Value::Object(out))
}

fn split(v: &Value) -> Result<(Meta, Map<String, Value>), MergeError> {
    let Value::Object(map) = v else {
        return Err(MergeError::Malformed("not an object".into()));
    };
    let mut data = map.clone();
    let meta = data
        .remove("meta")
        .ok_or_else(|| MergeError::Malformed("no meta".into()))?;
    let meta: Meta =
        serde_json::from_value(meta).map_err(|e| MergeError::Malformed(e.to_string()))?;
    Ok((meta, data))
}

/// The side with the greater stamp; equal stamps (which should carry equal values) are
/// settled by the values' JSON text, so the choice is the same in either order.
fn pick<'a>(
    a: (&'a Hlc, Option<&'a Value>),
    b: (&'a Hlc, Option<&'a Value>),
) -> (&'a Hlc, Option<&'a Value>) {
    match a.0.cmp(b.0) {
        std::cmp::Ordering::Greater => a,
        std::cmp::Ordering::Less => b,
        std::cmp::Ordering::Equal => {
            let text = |v: Option<&Value>| v.map(|v| v.to_string());
            if text(a.1) >= text(b.1) {
                a
            } else {
                b
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Writer;
    use crate::hlc::{DeviceId, HlcClock};
    use crate::model::*;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn writer(dev: &str) -> Writer {
        Writer::new(HlcClock::new(DeviceId::new(dev).unwrap()))
    }

    fn person(w: &mut Writer, now: u64) -> Participant {
        let forum = Uuid::from_u128(1);
        let id = Uuid::from_u128(2);
        w.create_with_id(now, id, Some(forum), |meta| Participant {
            meta,
            full_name: "Ақбота Оқасова".into(),
            phone: None,
            region: "Ақмола".into(),
            district: String::new(),
            organisation: String::new(),
            birth_year: Some(1998),
            role: Role::Participant,
            delegation: None,
            badge_code: "K7Q2M9XA".into(),
            iin: None,
            head_of_delegation: false,
            consent: None,
        })
        .unwrap()
        .0
    }

    #[test]
    fn later_edit_wins_per_field_and_other_fields_keep_their_own_edits() {
        let mut desk_a = writer("desk-a");
        let mut desk_b = writer("desk-b");
        let base = person(&mut desk_a, 1_000);
        let (a, _) = desk_a
            .edit(2_000, &base, |p| p.organisation = "ЖРО".into())
            .unwrap()
            .unwrap();
        let (b, _) = desk_b
            .edit(3_000, &base, |p| p.phone = Some("+77001234567".into()))
            .unwrap()
            .unwrap();
        let m = merge(&a, &b).unwrap();
        assert_eq!(m.organisation, "ЖРО");
        assert_eq!(m.phone.as_deref(), Some("+77001234567"));
        assert_eq!(m.meta.hlc, b.meta.hlc);
        assert_eq!(merge(&b, &a).unwrap(), m);
    }

    #[test]
    fn same_field_same_time_is_settled_by_device_id() {
        let mut desk_a = writer("desk-a");
        let mut desk_b = writer("desk-b");
        let base = person(&mut desk_a, 1_000);
        let (a, _) = desk_a
            .edit(5_000, &base, |p| p.role = Role::Volunteer)
            .unwrap()
            .unwrap();
        let (b, _) = desk_b
            .edit(5_000, &base, |p| p.role = Role::Guest)
            .unwrap()
            .unwrap();
        assert_eq!(merge(&a, &b).unwrap().role, Role::Guest, "desk-b > desk-a");
        assert_eq!(merge(&b, &a).unwrap().role, Role::Guest);
    }

    #[test]
    fn tombstone_wins_over_edits_it_saw_and_loses_to_later_edits() {
        let mut w = writer("desk-a");
        let base = person(&mut w, 1_000);
        let (edited, _) = w
            .edit(2_000, &base, |p| p.district = "Есіл".into())
            .unwrap()
            .unwrap();
        let (gone, _) = w.delete(3_000, &edited).unwrap();
        assert!(merge(&edited, &gone).unwrap().meta.deleted);
        assert!(merge(&gone, &edited).unwrap().meta.deleted);
        let mut other = writer("desk-b");
        let (restored, _) = other.delete(4_000, &edited).unwrap();
        let mut restored = restored;
        restored.meta.deleted = false;
        assert!(!merge(&gone, &restored).unwrap().meta.deleted);
    }

    #[test]
    fn an_undone_deletion_wins_over_the_deletion_everywhere() {
        let mut w = writer("desk-a");
        let base = person(&mut w, 1_000);
        let (gone, _) = w.delete(2_000, &base).unwrap();
        let (back, change) = w.restore(3_000, &gone).unwrap();
        assert!(!back.meta.deleted);
        assert_eq!(change.fields, vec![DELETED_FIELD.to_string()]);
        assert_eq!(back.full_name, base.full_name, "the data is untouched");
        for merged in [merge(&gone, &back).unwrap(), merge(&back, &gone).unwrap()] {
            assert!(
                !merged.meta.deleted,
                "the later undo wins, whatever the order"
            );
        }
        // A device that never saw the deletion ends up with the live record too.
        assert!(!merge(&base, &back).unwrap().meta.deleted);
    }

    #[test]
    fn different_records_are_refused() {
        let mut w = writer("a");
        let a = person(&mut w, 1);
        let mut b = a.clone();
        b.meta.id = Uuid::from_u128(99);
        assert!(matches!(
            merge(&a, &b),
            Err(MergeError::DifferentRecords(..))
        ));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Org(String),
        Phone(Option<String>),
        Year(Option<i32>),
        Delete,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            "[a-z]{0,3}".prop_map(Op::Org),
            proptest::option::of("[0-9]{3}").prop_map(Op::Phone),
            proptest::option::of(1990i32..2010).prop_map(Op::Year),
            Just(Op::Delete),
        ]
    }

    /// A version of the shared base record after a few edits on one device.
    fn version() -> impl Strategy<Value = (String, Vec<(u64, Op)>)> {
        (
            prop_oneof![
                Just("a".to_string()),
                Just("b".to_string()),
                Just("c".to_string())
            ],
            proptest::collection::vec((1_000u64..1_010, op()), 0..5),
        )
    }

    fn build((dev, ops): &(String, Vec<(u64, Op)>)) -> Participant {
        let mut seed = writer("seed");
        let base = person(&mut seed, 500);
        let mut w = writer(dev);
        let mut rec = base;
        for (t, op) in ops {
            rec = match op {
                Op::Delete => w.delete(*t, &rec).unwrap().0,
                Op::Org(o) => w
                    .edit(*t, &rec, |p| p.organisation = o.clone())
                    .unwrap()
                    .map_or(rec, |x| x.0),
                Op::Phone(ph) => w
                    .edit(*t, &rec, |p| p.phone = ph.clone())
                    .unwrap()
                    .map_or(rec, |x| x.0),
                Op::Year(y) => w
                    .edit(*t, &rec, |p| p.birth_year = *y)
                    .unwrap()
                    .map_or(rec, |x| x.0),
            };
        }
        rec
    }

    proptest! {
        #[test]
        fn merge_is_commutative(a in version(), b in version()) {
            let (a, b) = (build(&a), build(&b));
            prop_assert_eq!(merge(&a, &b).unwrap(), merge(&b, &a).unwrap());
        }

        #[test]
        fn merge_is_associative(a in version(), b in version(), c in version()) {
            let (a, b, c) = (build(&a), build(&b), build(&c));
            let left = merge(&merge(&a, &b).unwrap(), &c).unwrap();
            let right = merge(&a, &merge(&b, &c).unwrap()).unwrap();
            prop_assert_eq!(left, right);
        }

        #[test]
        fn merge_is_idempotent(a in version(), b in version()) {
            let (a, b) = (build(&a), build(&b));
            prop_assert_eq!(merge(&a, &a).unwrap(), a.clone());
            let m = merge(&a, &b).unwrap();
            prop_assert_eq!(merge(&m, &b).unwrap(), m.clone());
        }

        #[test]
        fn merge_keeps_the_latest_stamp(a in version(), b in version()) {
            let (a, b) = (build(&a), build(&b));
            let m = merge(&a, &b).unwrap();
            prop_assert_eq!(&m.meta.hlc, std::cmp::max(&a.meta.hlc, &b.meta.hlc));
        }
    }
}

/// [`merge`] for records of any kind; two different kinds never merge.
pub fn merge_any(
    a: &crate::model::AnyRecord,
    b: &crate::model::AnyRecord,
) -> Result<crate::model::AnyRecord, MergeError> {
    use crate::model::AnyRecord as A;
    let different = || MergeError::DifferentKinds(a.meta().id);
    // Exhaustive on `a`, so a new kind cannot be forgotten here.
    Ok(match a {
        A::Forum(x) => match b {
            A::Forum(y) => A::Forum(merge(x, y)?),
            _ => return Err(different()),
        },
        A::Session(x) => match b {
            A::Session(y) => A::Session(merge(x, y)?),
            _ => return Err(different()),
        },
        A::Participant(x) => match b {
            A::Participant(y) => A::Participant(merge(x, y)?),
            _ => return Err(different()),
        },
        A::CheckIn(x) => match b {
            A::CheckIn(y) => A::CheckIn(merge(x, y)?),
            _ => return Err(different()),
        },
        A::HourLog(x) => match b {
            A::HourLog(y) => A::HourLog(merge(x, y)?),
            _ => return Err(different()),
        },
        A::SocialProject(x) => match b {
            A::SocialProject(y) => A::SocialProject(merge(x, y)?),
            _ => return Err(different()),
        },
        A::SignUp(x) => match b {
            A::SignUp(y) => A::SignUp(merge(x, y)?),
            _ => return Err(different()),
        },
        A::Shift(x) => match b {
            A::Shift(y) => A::Shift(merge(x, y)?),
            _ => return Err(different()),
        },
        A::Activity(x) => match b {
            A::Activity(y) => A::Activity(merge(x, y)?),
            _ => return Err(different()),
        },
    })
}

/// What storing `incoming` does to `stored`: `None` when it changes nothing (the same
/// record arriving twice), else the record to write (incoming itself when new, else the
/// merge of both).
pub fn merge_incoming(
    stored: Option<&crate::model::AnyRecord>,
    incoming: &crate::model::AnyRecord,
) -> Result<Option<crate::model::AnyRecord>, MergeError> {
    match stored {
        None => Ok(Some(incoming.clone())),
        Some(stored) => {
            let merged = merge_any(stored, incoming)?;
            Ok((merged != *stored).then_some(merged))
        }
    }
}

#[cfg(test)]
mod incoming_tests {
    use super::*;
    use crate::change::Writer;
    use crate::hlc::{DeviceId, HlcClock};
    use crate::model::*;

    #[test]
    fn shifts_and_activities_merge_per_field_like_every_kind() {
        let mut a = Writer::new(HlcClock::new(DeviceId::new("a").unwrap()));
        let mut b = Writer::new(HlcClock::new(DeviceId::new("b").unwrap()));
        let forum = uuid::Uuid::from_u128(1);
        let day = chrono::NaiveDate::from_ymd_opt(2025, 11, 11).unwrap();
        let (shift, _) = a
            .create(10, Some(forum), |meta| Shift {
                meta,
                task: I18nText::new("Тіркеу", "", ""),
                place: I18nText::default(),
                starts_at: day.and_hms_opt(9, 0, 0).unwrap(),
                ends_at: day.and_hms_opt(10, 0, 0).unwrap(),
                needed: 2,
                session: None,
            })
            .unwrap();
        let (more, _) = a.edit(20, &shift, |s| s.needed = 4).unwrap().unwrap();
        let (moved, _) = b
            .edit(30, &shift, |s| s.place = I18nText::new("Фойе", "", ""))
            .unwrap()
            .unwrap();
        let AnyRecord::Shift(m) = merge_any(&more.clone().into(), &moved.clone().into()).unwrap()
        else {
            panic!("a shift merges into a shift");
        };
        assert_eq!((m.needed, m.place.kk.as_str()), (4, "Фойе"));
        let (act, _) = a
            .create(40, Some(forum), |meta| Activity {
                meta,
                project: forum,
                target: forum,
                on: day,
                count: 1,
                attendees: None,
                note: String::new(),
            })
            .unwrap();
        let (counted, _) = b
            .edit(50, &act, |x| x.attendees = Some(40))
            .unwrap()
            .unwrap();
        assert_eq!(
            merge_incoming(Some(&act.clone().into()), &counted.clone().into()).unwrap(),
            Some(counted.clone().into())
        );
        assert_eq!(
            merge_any(&act.into(), &shift.into()),
            Err(MergeError::DifferentKinds(counted.meta.id))
        );
    }

    #[test]
    fn the_same_record_twice_changes_nothing_and_a_newer_one_merges() {
        let mut w = Writer::new(HlcClock::new(DeviceId::new("a").unwrap()));
        let forum = uuid::Uuid::from_u128(1);
        let (p, _) = w
            .create(10, Some(forum), |meta| CheckIn {
                meta,
                participant: forum,
                action: CheckInAction::CheckIn,
                desk: "1".into(),
                at: chrono::DateTime::from_timestamp(0, 0).unwrap(),
            })
            .unwrap();
        let any = AnyRecord::from(p.clone());
        assert_eq!(merge_incoming(None, &any).unwrap(), Some(any.clone()));
        assert_eq!(merge_incoming(Some(&any), &any).unwrap(), None);
        let (undo, _) = w
            .edit(20, &p, |c| c.action = CheckInAction::Undo)
            .unwrap()
            .unwrap();
        let newer = AnyRecord::from(undo);
        assert_eq!(
            merge_incoming(Some(&any), &newer).unwrap(),
            Some(newer.clone())
        );
        assert_eq!(
            merge_incoming(Some(&newer), &any).unwrap(),
            None,
            "an older version changes nothing"
        );
    }
}
