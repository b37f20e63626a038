//! Hybrid logical clock: a timestamp that follows wall-clock time but never goes
//! backwards on a device, and orders every write of every device totally.
//!
//! Order: wall milliseconds, then the logical counter, then the device id (the
//! deterministic tie-break every device and the server agree on).
//! Text form, which sorts the same way as the value: `WWWWWWWWWWWWW-CCCCC-device`
//! (13-digit milliseconds, 5-digit counter).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The longest a device id may be.
pub const DEVICE_ID_MAX_LEN: usize = 32;

/// A device's stable id: 1–32 characters of `[A-Za-z0-9_-]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct DeviceId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HlcError {
    #[error(
        "device id must be 1–{DEVICE_ID_MAX_LEN} characters of A–Z, a–z, 0–9, '_' or '-': {0:?}"
    )]
    BadDevice(String),
    #[error("not a clock stamp: {0:?}")]
    BadStamp(String),
}

impl DeviceId {
    pub fn new(id: impl Into<String>) -> Result<Self, HlcError> {
        let id = id.into();
        let ok = !id.is_empty()
            && id.len() <= DEVICE_ID_MAX_LEN
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if ok {
            Ok(Self(id))
        } else {
            Err(HlcError::BadDevice(id))
        }
    }

    /// A fresh random device id (12 hex characters from a UUID v7's random part).
    pub fn random() -> Self {
        let hex = crate::ids::new_id().simple().to_string();
        Self(hex[20..].to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for DeviceId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        DeviceId::new(String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One stamp of the hybrid logical clock.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch (physical part).
    pub wall_ms: u64,
    /// Logical counter for events within the same millisecond.
    pub counter: u32,
    /// The device that made the stamp.
    pub device: DeviceId,
}

/// The largest wall time the text form can hold (13 digits: year 2286).
pub const MAX_WALL_MS: u64 = 9_999_999_999_999;
/// The largest counter the text form can hold (5 digits).
pub const MAX_COUNTER: u32 = 99_999;

impl Hlc {
    pub fn new(wall_ms: u64, counter: u32, device: DeviceId) -> Self {
        Self {
            wall_ms: wall_ms.min(MAX_WALL_MS),
            counter: counter.min(MAX_COUNTER),
            device,
        }
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:013}-{:05}-{}",
            self.wall_ms, self.counter, self.device
        )
    }
}

impl FromStr for Hlc {
    type Err = HlcError;
    fn from_str(s: &str) -> Result<Self, HlcError> {
        let bad = || HlcError::BadStamp(s.to_string());
        let mut parts = s.splitn(3, '-');
        let wall = parts.next().filter(|p| p.len() == 13).ok_or_else(bad)?;
        let counter = parts.next().filter(|p| p.len() == 5).ok_or_else(bad)?;
        let device = parts.next().ok_or_else(bad)?;
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !digits(wall) || !digits(counter) {
            return Err(bad());
        }
        Ok(Hlc {
            wall_ms: wall.parse().map_err(|_| bad())?,
            counter: counter.parse().map_err(|_| bad())?,
            device: DeviceId::new(device).map_err(|_| bad())?,
        })
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// A device's clock: hands out strictly increasing stamps and moves forward when it
/// sees a stamp from another device.
#[derive(Debug, Clone)]
pub struct HlcClock {
    device: DeviceId,
    wall_ms: u64,
    counter: u32,
}

impl HlcClock {
    pub fn new(device: DeviceId) -> Self {
        Self {
            device,
            wall_ms: 0,
            counter: 0,
        }
    }

    pub fn device(&self) -> &DeviceId {
        &self.device
    }

    /// A stamp for a local event at physical time `now_ms`; strictly greater than every
    /// stamp this clock has made or observed.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        let now_ms = now_ms.min(MAX_WALL_MS);
        if now_ms > self.wall_ms {
            self.wall_ms = now_ms;
            self.counter = 0;
        } else {
            self.bump();
        }
        Hlc::new(self.wall_ms, self.counter, self.device.clone())
    }

    /// Moves this clock past a stamp seen from elsewhere (a pulled change).
    pub fn observe(&mut self, seen: &Hlc, now_ms: u64) {
        let now_ms = now_ms.min(MAX_WALL_MS);
        let max_wall = now_ms.max(seen.wall_ms).max(self.wall_ms);
        if max_wall == self.wall_ms && max_wall == seen.wall_ms {
            self.counter = self.counter.max(seen.counter);
        } else if max_wall == seen.wall_ms {
            self.wall_ms = seen.wall_ms;
            self.counter = seen.counter;
        } else if max_wall != self.wall_ms {
            self.wall_ms = max_wall;
            self.counter = 0;
        }
    }

    fn bump(&mut self) {
        if self.counter >= MAX_COUNTER {
            // Counter exhausted within one millisecond: borrow the next millisecond.
            self.wall_ms += 1;
            self.counter = 0;
        } else {
            self.counter += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dev(s: &str) -> DeviceId {
        DeviceId::new(s).unwrap()
    }

    #[test]
    fn text_form_round_trips_and_rejects_garbage() {
        let h = Hlc::new(1_731_300_000_123, 7, dev("desk-1"));
        assert_eq!(h.to_string(), "1731300000123-00007-desk-1");
        assert_eq!(h.to_string().parse::<Hlc>().unwrap(), h);
        for bad in [
            "",
            "1-2-x",
            "173130000012x-00007-d",
            "1731300000123-0007-d",
            "1731300000123-00007-",
            "1731300000123-00007-a b",
        ] {
            assert!(bad.parse::<Hlc>().is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn device_ids_are_checked() {
        assert!(DeviceId::new("").is_err());
        assert!(DeviceId::new("x".repeat(33)).is_err());
        assert!(DeviceId::new("desk 1").is_err());
        assert_eq!(DeviceId::random().as_str().len(), 12);
    }

    #[test]
    fn clock_never_goes_back_when_the_wall_clock_does() {
        let mut c = HlcClock::new(dev("a"));
        let a = c.tick(1000);
        let b = c.tick(500);
        let d = c.tick(1000);
        assert!(a < b && b < d);
        assert_eq!(b.wall_ms, 1000);
    }

    #[test]
    fn counter_overflow_borrows_the_next_millisecond() {
        let mut c = HlcClock::new(dev("a"));
        let mut last = c.tick(10);
        for _ in 0..(MAX_COUNTER as usize + 5) {
            let next = c.tick(10);
            assert!(next > last);
            last = next;
        }
        assert_eq!(last.wall_ms, 11);
    }

    proptest! {
        #[test]
        fn ticks_are_strictly_increasing(times in proptest::collection::vec(0u64..5_000, 1..200)) {
            let mut c = HlcClock::new(dev("p"));
            let mut prev: Option<Hlc> = None;
            for t in times {
                let h = c.tick(t);
                if let Some(p) = &prev { prop_assert!(h > *p); }
                prev = Some(h);
            }
        }

        #[test]
        fn text_order_is_value_order(a in 0u64..MAX_WALL_MS, ca in 0u32..=MAX_COUNTER, b in 0u64..MAX_WALL_MS, cb in 0u32..=MAX_COUNTER, da in "[a-z0-9]{1,8}", db in "[a-z0-9]{1,8}") {
            let x = Hlc::new(a, ca, dev(&da));
            let y = Hlc::new(b, cb, dev(&db));
            prop_assert_eq!(x.cmp(&y), x.to_string().cmp(&y.to_string()));
        }

        #[test]
        fn after_observing_a_stamp_the_next_tick_is_later(
            local in proptest::collection::vec(0u64..10_000, 0..20),
            seen_wall in 0u64..20_000, seen_counter in 0u32..100, now in 0u64..10_000,
        ) {
            let mut c = HlcClock::new(dev("local"));
            for t in local { c.tick(t); }
            let seen = Hlc::new(seen_wall, seen_counter, dev("remote"));
            c.observe(&seen, now);
            let next = c.tick(now);
            prop_assert!(next > seen, "{next} must be after {seen}");
        }
    }
}
