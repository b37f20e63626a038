//! Record identifiers: UUID v7 (time-ordered, made on the device, no coordination).

use uuid::Uuid;

/// A new UUID v7 for a record or a change. Uses the platform clock and random source
/// (`Date.now()` and `crypto.getRandomValues` in the browser).
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// A UUID v7 built from a given millisecond time and 10 random bytes, for deterministic
/// data (demo seeds, tests).
pub fn id_from_parts(unix_ms: u64, random: [u8; 10]) -> Uuid {
    uuid::Builder::from_unix_timestamp_millis(unix_ms, &random).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_version_7_and_time_ordered() {
        let a = id_from_parts(1_700_000_000_000, [1; 10]);
        let b = id_from_parts(1_700_000_000_001, [0; 10]);
        assert_eq!(a.get_version_num(), 7);
        assert!(
            a < b,
            "a later millisecond sorts later whatever the random bits"
        );
        assert_eq!(new_id().get_version_num(), 7);
    }
}
