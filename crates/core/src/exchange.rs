//! Sync without a network: "changes since our last exchange" as a file (a venue with no
//! internet, several laptops, one USB stick).
//!
//! The file is a backup file ([`crate::backup`]: versioned, checksummed, refused whole
//! when damaged) holding only the records this device stored or changed since its last
//! export. Importing goes through the same merge as a sync pull
//! ([`crate::Repository::merge_in`]), so importing a file twice changes nothing, and
//! files can be imported in any order.
//!
//! "Since the last export" is decided by a [`Ledger`]: a fingerprint of every record
//! version this device has exported. A record goes into the next file when its current
//! version (id and clock stamp) is not in the ledger — whether this device wrote it or
//! merged it in from another device's file. So a laptop passes on what it received
//! (A → B → C works), and a device clock set wrong cannot hide a change the way a
//! "stamps after T" rule would.

use crate::model::AnyRecord;
use std::collections::HashSet;

/// The fingerprints of record versions already exported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    seen: HashSet<u64>,
}

/// FNV-1a over the record's id and its latest stamp: one version of one record.
pub fn fingerprint(record: &AnyRecord) -> u64 {
    let meta = record.meta();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    eat(meta.id.as_bytes());
    eat(meta.hlc.to_string().as_bytes());
    eat(&[u8::from(meta.deleted)]);
    h
}

impl Ledger {
    /// Reads the stored form (hex fingerprints, one per 16 characters). Anything
    /// unreadable gives an empty ledger: the next export then holds everything, which
    /// is safe (importing known records changes nothing).
    pub fn parse(text: &str) -> Ledger {
        let bytes = text.as_bytes();
        if !bytes.len().is_multiple_of(16) {
            return Ledger::default();
        }
        let mut seen = HashSet::with_capacity(bytes.len() / 16);
        for chunk in bytes.chunks(16) {
            let Ok(s) = std::str::from_utf8(chunk) else {
                return Ledger::default();
            };
            let Ok(v) = u64::from_str_radix(s, 16) else {
                return Ledger::default();
            };
            seen.insert(v);
        }
        Ledger { seen }
    }

    /// The stored form: sorted, so the same ledger always reads the same.
    pub fn to_text(&self) -> String {
        let mut all: Vec<u64> = self.seen.iter().copied().collect();
        all.sort_unstable();
        let mut out = String::with_capacity(all.len() * 16);
        for v in all {
            out.push_str(&format!("{v:016x}"));
        }
        out
    }

    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// The records whose current version has not been exported yet.
    pub fn unsent<'a>(&self, records: &'a [AnyRecord]) -> Vec<&'a AnyRecord> {
        records
            .iter()
            .filter(|r| !self.seen.contains(&fingerprint(r)))
            .collect()
    }

    /// Notes these record versions as exported.
    pub fn mark<'a>(&mut self, records: impl IntoIterator<Item = &'a AnyRecord>) {
        self.seen.extend(records.into_iter().map(fingerprint));
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

    fn event(w: &mut Writer, now: u64) -> CheckIn {
        w.create(now, Some(Uuid::from_u128(1)), |meta| CheckIn {
            meta,
            participant: Uuid::from_u128(2),
            action: CheckInAction::CheckIn,
            desk: "1".into(),
            at: chrono::DateTime::from_timestamp(0, 0).unwrap(),
        })
        .unwrap()
        .0
    }

    #[test]
    fn only_new_versions_go_in_the_next_file() {
        let mut w = Writer::new(HlcClock::new(DeviceId::new("a").unwrap()));
        let a = event(&mut w, 10);
        let b = event(&mut w, 20);
        let mut ledger = Ledger::default();
        let all: Vec<AnyRecord> = vec![a.clone().into(), b.clone().into()];
        assert_eq!(ledger.unsent(&all).len(), 2);
        ledger.mark(
            ledger
                .unsent(&all)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
                .iter(),
        );
        assert!(ledger.unsent(&all).is_empty());
        // An edit is a new version of the same record: it goes again.
        let (undone, _) = w
            .edit(30, &b, |e| e.action = CheckInAction::Undo)
            .unwrap()
            .unwrap();
        let now: Vec<AnyRecord> = vec![a.into(), undone.clone().into()];
        assert_eq!(ledger.unsent(&now), vec![&AnyRecord::from(undone)]);
        // The stored form reads back the same.
        assert_eq!(Ledger::parse(&ledger.to_text()), ledger);
    }

    #[test]
    fn damaged_ledgers_read_as_empty() {
        for bad in ["x", "0123456789abcdeg", "0123456789abcdef0"] {
            assert!(Ledger::parse(bad).is_empty(), "{bad}");
        }
        assert_eq!(Ledger::parse("").len(), 0);
    }

    proptest! {
        #[test]
        fn ledger_text_round_trips(values in proptest::collection::hash_set(any::<u64>(), 0..200)) {
            let ledger = Ledger { seen: values.into_iter().collect() };
            prop_assert_eq!(Ledger::parse(&ledger.to_text()), ledger);
        }
    }
}
