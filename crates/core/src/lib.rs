//! `jiyn-core`: Jiyn's domain, with no browser, network or UI code.
//!
//! It owns the stored record types ([`model`]), the hybrid logical clock ([`hlc`]),
//! how a write becomes a change ([`change`]), the per-field merge that every device and
//! the server apply the same way ([`merge`]), the storage contract every backend honours
//! ([`repo`], with the in-memory twin in [`memory`] and the shared conformance suite in
//! [`conformance`]), the demo data built from the seed stories ([`demo`]), and the
//! rules that derive a session's roster and waitlist from its sign-ups ([`signup`]).
//!
//! Nothing here reads a clock or a random source on its own initiative except
//! [`ids::new_id`]; times are passed in, so rules stay testable on the host.

pub mod agenda;
pub mod backup;
pub mod cert;
pub mod change;
pub mod conformance;
pub mod csv;
pub mod demo;
pub mod desk;
pub mod exchange;
pub mod feed;
pub mod hlc;
pub mod ical;
pub mod ids;
pub mod memory;
pub mod merge;
pub mod model;
pub mod participant_csv;
pub mod people;
pub mod projects;
pub mod qr;
pub mod registration;
pub mod repo;
pub mod report;
pub mod review;
pub mod schedule_json;
pub mod search;
pub mod signup;
pub mod sync;
pub mod tz;
pub mod volunteer;

pub use change::{Change, Writer};
pub use hlc::{DeviceId, Hlc, HlcClock};
pub use model::*;
pub use repo::{ForumCounts, MergeReport, RepoError, Repository};
