//! A bounded fuzz pass over everything Jiyn reads from outside: participant CSV files,
//! backup files, sync messages (both ends), self-registration bodies, the public agenda
//! feed and `schedule.json` imports. See `docs/fuzzing.md`.
//!
//! `cargo fuzz` needs a nightly toolchain (libFuzzer, sanitizers); this pass runs on
//! stable, inside the normal `cargo test`, without coverage feedback. Each target takes
//! the small seed corpus in `tests/fuzz-corpus/<target>/` (real inputs, written by
//! `write_corpus` below), mutates it (byte flips, truncations, insertions of tokens
//! that parsers trip on, splicing two corpus files, deep nesting, huge numbers,
//! invalid UTF-8, byte order marks, NULs) and checks three properties:
//!
//! - nothing panics (a panic fails the test; a stack overflow aborts it);
//! - every input is answered within [`LIMIT`] (also for the 1 MB inputs of
//!   `large_inputs_stay_fast`, which catch quadratic work);
//! - every refusal is the module's typed error (the functions return `Result<_, E>`
//!   with `E` a typed enum; the tests check the variant is one the input can cause).
//!
//! `JIYN_FUZZ_CASES` sets the number of mutated inputs per target (default
//! [`DEFAULT_CASES`], for CI); `JIYN_FUZZ_CASES=20000 cargo test --release -p jiyn-core
//! --test fuzz` is a long local run.

use chrono::{DateTime, TimeZone, Utc};
use jiyn_core::backup::{self, BackupBody, BackupError};
use jiyn_core::csv::{self, Separator};
use jiyn_core::feed::{self, FeedError};
use jiyn_core::participant_csv::{self, ImportError, ImportOptions};
use jiyn_core::registration::RegistrationRequest;
use jiyn_core::schedule_json::{self, ExportOptions};
use jiyn_core::sync::{
    self, ErrorBody, Hello, PullResponse, PushRequest, PushResponse, Rejected, SyncError, TokenRole,
};
use jiyn_core::*;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use uuid::Uuid;

mod fuzz_support;
use fuzz_support::*;

const NOW_MS: u64 = 1_762_840_800_000;

// ---------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------

/// CSV: `csv::decode` never fails; `csv::parse` with every separator refuses only an
/// unterminated quote; `plan_import` refuses only with `ImportError` and otherwise
/// accounts for every row, each refused row with at least one reason.
fn check_csv(input: &[u8]) -> Outcome {
    let decoded = csv::decode(input);
    let _ = csv::detect_separator(&decoded.text);
    let _ = csv::sep_hint(&decoded.text);
    for sep in Separator::ALL {
        match csv::parse(&decoded.text, sep) {
            Ok(records) => {
                for pair in records.windows(2) {
                    if pair[1].line <= pair[0].line {
                        return Err(format!("lines not increasing: {records:?}"));
                    }
                }
            }
            Err(csv::CsvError::UnterminatedQuote { line }) if line >= 1 => {}
            Err(e) => return Err(format!("bad error: {e:?}")),
        }
    }
    let mut outcome = "refused";
    for options in [
        ImportOptions::default(),
        ImportOptions {
            has_header: Some(false),
            ..ImportOptions::default()
        },
    ] {
        match participant_csv::plan_import(input, options, existing_people()) {
            Ok(plan) => {
                let c = plan.counts;
                if c.rows != plan.rows.len() || c.ok + c.errors != c.rows {
                    return Err(format!("counts do not add up: {c:?}"));
                }
                for row in &plan.rows {
                    if let Err(errors) = &row.outcome {
                        if errors.is_empty() {
                            return Err(format!("line {}: refused without a reason", row.line));
                        }
                    }
                }
                outcome = if c.ok > 0 {
                    "planned, rows to import"
                } else {
                    "planned, every row refused"
                };
            }
            Err(ImportError::Empty) => outcome = "refused: empty",
            Err(ImportError::Csv(_)) => outcome = "refused: unterminated quote",
        }
    }
    Ok(outcome)
}

/// Backups: `decode` answers with a `BackupError`; what it accepts keeps its rules
/// and encodes back to a file that decodes equal.
fn check_backup(input: &[u8]) -> Outcome {
    Ok(match backup::decode(&text(input)) {
        Ok(body) => {
            for r in &body.records {
                r.validate().map_err(|e| format!("accepted invalid: {e}"))?;
            }
            let again = backup::encode(&body).map_err(|e| e.to_string())?;
            let back = backup::decode(&again).map_err(|e| format!("re-read: {e}"))?;
            if back != body {
                return Err("round trip changed the backup".into());
            }
            "accepted"
        }
        Err(BackupError::NotJson) => "refused: not JSON",
        Err(BackupError::Truncated) => "refused: truncated",
        Err(BackupError::Foreign) => "refused: foreign",
        Err(BackupError::Newer { .. }) => "refused: newer",
        Err(BackupError::Checksum) => "refused: checksum",
        Err(BackupError::Malformed(_)) => "refused: malformed",
        Err(BackupError::InvalidRecord { .. }) => "refused: invalid record",
    })
}

/// Sync messages, read as each message type both ends read, then checked the way the
/// server checks a push and a registration, and the client a pull and an answer.
fn check_sync(input: &[u8]) -> Outcome {
    let t = text(input);
    let forum = demo_forum().meta.id;
    let mut outcome = "no message";
    if let Ok(push) = serde_json::from_str::<PushRequest>(&t) {
        outcome = "push: every change rejected";
        for change in &push.changes {
            for role in [TokenRole::Desk, TokenRole::Organizer] {
                match sync::check_change(forum, role, NOW_MS, change) {
                    Ok(record) => {
                        record.validate().map_err(|e| format!("accepted: {e}"))?;
                        if record.meta().forum != forum {
                            return Err("accepted a change of another forum".into());
                        }
                        outcome = "push: a change accepted";
                    }
                    Err(Rejected { id, .. }) if id == change.id => {}
                    Err(r) => return Err(format!("rejection names another change: {r:?}")),
                }
            }
            let _ = sync::record_of(change);
        }
        let _ = sync::batches(&push.changes);
    }
    if let Ok(pull) = serde_json::from_str::<PullResponse>(&t) {
        outcome = match sync::check_pulled(forum, &pull.records) {
            Ok(()) => "pull: accepted",
            Err(SyncError::BadAnswer(_)) => "pull: refused",
            Err(e) => return Err(format!("check_pulled: unexpected {e:?}")),
        };
        let _ = sync::parse_cursor(&pull.cursor);
    }
    if let Ok(answer) = serde_json::from_str::<PushResponse>(&t) {
        outcome = "push answer";
        let _ = sync::parse_cursor(&answer.cursor);
    }
    if let Ok(hello) = serde_json::from_str::<Hello>(&t) {
        outcome = "hello";
        match hello.check() {
            Ok(()) | Err(SyncError::ClientTooOld | SyncError::ServerTooOld) => {}
            Err(e) => return Err(format!("hello: unexpected {e:?}")),
        }
    }
    if serde_json::from_str::<ErrorBody>(&t).is_ok() {
        outcome = "error body";
    }
    let _ = serde_json::from_str::<sync::ForumList>(&t);
    for status in [200, 400, 401, 404, 413, 426, 429, 500, 503] {
        let _ = SyncError::from_answer(status, &t);
    }
    let _ = sync::parse_cursor(&t);
    // A bare record: the payload of a change of every kind, as the server checks it.
    if t.trim_start().starts_with('{') && outcome == "no message" {
        for kind in RecordKind::ALL {
            let mut change = Change {
                id: Uuid::nil(),
                kind,
                record: Uuid::nil(),
                forum,
                hlc: Hlc::new(0, 0, device()),
                fields: Vec::new(),
                payload: t.clone(),
            };
            let Ok(record) = sync::record_of(&change) else {
                continue;
            };
            outcome = "record: refused";
            change.record = record.meta().id;
            change.hlc = record.meta().hlc.clone();
            if let Ok(record) = sync::check_change(forum, TokenRole::Organizer, NOW_MS, &change) {
                record.validate().map_err(|e| format!("accepted: {e}"))?;
                if record.kind() != kind {
                    return Err(format!("a {kind:?} change carried a {:?}", record.kind()));
                }
                outcome = "record: accepted";
            }
        }
    }
    // Registration bodies go to the same server.
    match RegistrationRequest::parse(input) {
        Ok(request) => {
            outcome = "registration: refused by date rules";
            let meta = Meta::new(request.id, forum, Hlc::new(NOW_MS, 0, device()));
            let now = Utc.timestamp_millis_opt(NOW_MS as i64).unwrap();
            if let Ok(p) = request.participant(meta, "K7Q2M9XA".into(), now) {
                p.validate().map_err(|e| format!("registration: {e}"))?;
                outcome = "registration: accepted";
            }
        }
        Err(e) if e.field.is_some() && outcome == "no message" => {
            outcome = "registration: a field refused";
        }
        Err(_) => {}
    }
    Ok(outcome)
}

/// The agenda feed, and `schedule.json` imports (the other way a programme comes in).
fn check_agenda(input: &[u8]) -> Outcome {
    let t = text(input);
    let feed_outcome = match feed::decode(&t) {
        Ok(f) => {
            if f.forum.ends_on < f.forum.starts_on {
                return Err("accepted a forum ending before it starts".into());
            }
            let again = feed::encode(&f).map_err(|e| e.to_string())?;
            let back = feed::decode(&again).map_err(|e| format!("re-read: {e}"))?;
            if back != f {
                return Err("round trip changed the feed".into());
            }
            "feed: accepted"
        }
        Err(FeedError::NotJson) => "feed: not JSON",
        Err(FeedError::Truncated) => "feed: truncated",
        Err(FeedError::Foreign) => "feed: foreign",
        Err(FeedError::Newer { .. }) => "feed: newer",
        Err(FeedError::Malformed(_)) => "feed: malformed",
        Err(e) => return Err(format!("decode cannot mean {e:?}")),
    };
    match check_schedule(&t)? {
        "schedule: imported" => Ok("schedule: imported"),
        _ => Ok(feed_outcome),
    }
}

fn check_schedule(t: &str) -> Outcome {
    let mut writer = Writer::new(HlcClock::new(device()));
    let mut outcome = "schedule: refused";
    for opts in [
        schedule_json::ImportOptions::default(),
        schedule_json::ImportOptions {
            lang: Lang::Kk,
            time_zone: Some("Asia/Oral"),
        },
    ] {
        if let Ok(imported) = schedule_json::import(t, &mut writer, NOW_MS, &opts) {
            imported
                .forum
                .validate()
                .map_err(|e| format!("schedule forum: {e}"))?;
            for s in &imported.sessions {
                s.validate().map_err(|e| format!("schedule session: {e}"))?;
            }
            if imported.changes.len() != imported.sessions.len() + 1 {
                return Err("schedule: a change per record".into());
            }
            outcome = "schedule: imported";
        }
    }
    Ok(outcome)
}

fn core_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    corpus(&corpus_dir(core_dir(), target))
}

#[test]
fn fuzz_csv_import() {
    fuzz_with("csv", &seeds("csv"), cases(), |_| {}, check_csv);
}

#[test]
fn fuzz_backup_import() {
    fuzz_with(
        "backup",
        &seeds("backup"),
        cases(),
        fix_checksum,
        check_backup,
    );
}

/// Writes the checksum of the body the file now holds, when the file still has the
/// backup's shape, so that mutations inside the body reach the record checks.
fn fix_checksum(input: &mut Vec<u8>) {
    #[derive(serde::Deserialize)]
    struct Envelope<'a> {
        #[serde(borrow)]
        body: &'a serde_json::value::RawValue,
        sha256: String,
    }
    let Ok(text) = std::str::from_utf8(input) else {
        return;
    };
    let Ok(envelope) = serde_json::from_str::<Envelope<'_>>(text) else {
        return;
    };
    let fixed = text.replacen(
        &envelope.sha256,
        &backup::sha256_hex(envelope.body.get().as_bytes()),
        1,
    );
    *input = fixed.into_bytes();
}

#[test]
fn fuzz_sync_messages() {
    fuzz_with("sync", &seeds("sync"), cases(), |_| {}, check_sync);
}

#[test]
fn fuzz_agenda_feed() {
    fuzz_with("agenda", &seeds("agenda"), cases(), |_| {}, check_agenda);
}

/// The two real frab and pretalx exports (200 KB each, kept in `fixtures/`), a few
/// mutations each: they are the largest real inputs.
#[test]
fn fuzz_real_schedules() {
    let files = [
        include_str!("fixtures/camp2019.frab.json")
            .as_bytes()
            .to_vec(),
        include_str!("fixtures/rc3-2020.pretalx.json")
            .as_bytes()
            .to_vec(),
    ];
    fuzz_with(
        "real schedules",
        &files,
        (cases() / 20).max(4),
        |_| {},
        |b| check_schedule(&text(b)),
    );
}

// ---------------------------------------------------------------------------------
// Large inputs: no quadratic work
// ---------------------------------------------------------------------------------

const MB: usize = 1 << 20;

/// The hang guard for one 1 MB input in a debug build on a busy machine (release
/// builds take a tenth of it).
const LARGE_LIMIT: Duration = Duration::from_secs(10);

type Check = fn(&[u8]) -> Outcome;
/// Makes an input of about the given size.
type Make = Box<dyn Fn(usize) -> Vec<u8>>;

/// Runs `check` on `make(MB / 4)` and `make(MB)`: fails if the large one takes more
/// than [`LARGE_LIMIT`], or if it takes over a second and over 12 times the quarter-size
/// one (linear work grows 4 times, quadratic 16 times). A slow run is measured again
/// before it fails (other processes share the machine).
fn scales_linearly(what: &str, make: &dyn Fn(usize) -> Vec<u8>, check: Check) {
    let time = |input: &[u8]| {
        let started = Instant::now();
        if let Err(e) = check(input) {
            panic!("{what}: {e}");
        }
        started.elapsed()
    };
    let (small_input, large_input) = (make(MB / 4), make(MB));
    let fine = |small: Duration, large: Duration| {
        large < LARGE_LIMIT && (large < Duration::from_secs(1) || large < small * 12)
    };
    let (mut small, mut large) = (time(&small_input), time(&large_input));
    if !fine(small, large) {
        small = small.min(time(&small_input));
        large = large.min(time(&large_input));
    }
    eprintln!("large {what}: 256 KB {small:.2?}, 1 MB {large:.2?}");
    assert!(
        fine(small, large),
        "{what}: 256 KB took {small:.2?}, 1 MB {large:.2?} (limit {LARGE_LIMIT:?}, \
         and at most 12 times the 256 KB time once over a second)"
    );
}

fn repeat_to(size: usize, unit: &str) -> String {
    unit.repeat((size / unit.len()).max(1))
}

fn csv_only(b: &[u8]) -> Outcome {
    let _ = participant_csv::plan_import(b, ImportOptions::default(), existing_people());
    Ok("done")
}

fn schedule_only(b: &[u8]) -> Outcome {
    let mut writer = Writer::new(HlcClock::new(device()));
    let opts = schedule_json::ImportOptions::default();
    let _ = schedule_json::import(&text(b), &mut writer, NOW_MS, &opts);
    Ok("done")
}

/// A `schedule.json` text with the given conference rooms, day rooms (`"name": [events]`)
/// and extra event members.
fn schedule_with(rooms: &str, day_rooms: &str) -> Vec<u8> {
    format!(
        "{{\"schedule\":{{\"conference\":{{\"title\":\"C\",\"start\":\"2025-11-11\",\
         \"rooms\":[{rooms}],\"days\":[{{\"date\":\"2025-11-11\",\"rooms\":{{{day_rooms}}}}}]}}}}}}"
    )
    .into_bytes()
}

const EVENT: &str = "\"title\":\"T\",\"date\":\"2025-11-11T10:00:00+05:00\",\"duration\":\"01:00\"";

/// 1 MB inputs shaped to hit the slow paths: one huge cell, a million columns, a
/// hundred thousand rows of one person, deep nesting, many rooms and languages.
#[test]
fn large_inputs_stay_fast() {
    let cases: Vec<(&str, Make, Check)> = vec![
        (
            "csv: an unterminated quote",
            Box::new(|n| [b"\"".as_slice(), &vec![b'a'; n]].concat()),
            csv_only,
        ),
        (
            "csv: a million columns",
            Box::new(|n| b";".repeat(n)),
            csv_only,
        ),
        (
            "csv: line breaks only",
            Box::new(|n| b"\r".repeat(n)),
            csv_only,
        ),
        (
            "csv: one person many times",
            Box::new(|n| {
                let row = "Ақбота Оқасова;+77011234567;2003;K7Q2M9XA\n";
                format!("Name;Phone;Birth year;Badge\n{}", repeat_to(n, row)).into_bytes()
            }),
            csv_only,
        ),
        (
            "csv: many people",
            Box::new(|n| {
                let rows: String = (0..n / 40)
                    .map(|i| format!("Person {i};+7701{:07};2003;B{i:07}\n", i % 10_000_000))
                    .collect();
                format!("Name;Phone;Birth year;Badge\n{rows}").into_bytes()
            }),
            csv_only,
        ),
        (
            "csv: a wide header",
            Box::new(|n| {
                let header: String = (0..n / 10).map(|i| format!("col{i};")).collect();
                format!("Name;{header}\nA;1\n").into_bytes()
            }),
            csv_only,
        ),
        (
            "csv: wide rows without a header",
            Box::new(|n| {
                let row: String = (0..n / 80).map(|i| format!("{i};+7701{i:07};")).collect();
                format!("{row}\n{row}\n{row}\n{row}\n").into_bytes()
            }),
            csv_only,
        ),
        (
            "csv: many quoted multi-line cells",
            Box::new(|n| repeat_to(n, "\"a\r\nb\"\"c\";\"\";x\"y\n").into_bytes()),
            check_csv,
        ),
        (
            "backup: deep array",
            Box::new(|n| ("[".repeat(n / 2) + &"]".repeat(n / 2)).into_bytes()),
            check_backup,
        ),
        (
            "backup: a long string",
            Box::new(|n| format!("{{\"format\":\"{}\"}}", "\\u0041".repeat(n / 6)).into_bytes()),
            check_backup,
        ),
        (
            "sync: deep object",
            Box::new(|n| repeat_to(n, "{\"a\":").into_bytes()),
            check_sync,
        ),
        (
            "sync: a change with a deep payload",
            Box::new(|n| {
                let mut change = demo_changes()[0].clone();
                change.payload = "[".repeat(n / 2) + &"]".repeat(n / 2);
                serde_json::to_vec(&PushRequest {
                    protocol: 1,
                    device: "desk-1".into(),
                    changes: vec![change],
                })
                .unwrap()
            }),
            check_sync,
        ),
        (
            "sync: a long number",
            Box::new(|n| {
                format!(
                    "{{\"protocol\":1{},\"device\":\"d\",\"changes\":[]}}",
                    "0".repeat(n)
                )
                .into_bytes()
            }),
            check_sync,
        ),
        (
            "sync: many changes",
            Box::new(|n| {
                let changes = demo_changes();
                let per = serde_json::to_string(&changes[0]).unwrap().len();
                let many: Vec<Change> = changes.iter().cycle().take(n / per).cloned().collect();
                serde_json::to_vec(&PushRequest {
                    protocol: 1,
                    device: "desk-1".into(),
                    changes: many,
                })
                .unwrap()
            }),
            check_sync,
        ),
        (
            "agenda: deep array",
            Box::new(|n| ("[".repeat(n / 2) + &"]".repeat(n / 2)).into_bytes()),
            check_agenda,
        ),
        (
            "agenda: many sessions",
            Box::new(|n| {
                let seed = std::fs::read_to_string(
                    corpus_dir(core_dir(), "agenda").join("oral.agenda.json"),
                )
                .unwrap();
                let mut f = feed::decode(&seed).unwrap();
                let one = f.sessions[0].clone();
                let per = serde_json::to_string(&one).unwrap().len();
                f.sessions = std::iter::repeat_n(one, n / per).collect();
                feed::encode(&f).unwrap().into_bytes()
            }),
            check_agenda,
        ),
        (
            "schedule: many conference rooms",
            Box::new(|n| {
                let rooms: Vec<String> = (0..n / 20)
                    .map(|i| format!("{{\"name\":\"Room {i}\"}}"))
                    .collect();
                schedule_with(&rooms.join(","), &format!("\"R\":[{{{EVENT}}}]"))
            }),
            schedule_only,
        ),
        (
            "schedule: many rooms with events",
            Box::new(|n| {
                let rooms: Vec<String> = (0..n / 100)
                    .map(|i| format!("\"R{i}\":[{{{EVENT}}}]"))
                    .collect();
                schedule_with("", &rooms.join(","))
            }),
            schedule_only,
        ),
        (
            "schedule: many languages",
            Box::new(|n| {
                let langs: String = (0..n / 8).map(|i| format!("x{i},")).collect();
                let events: Vec<String> = (0..3)
                    .map(|_| format!("{{{EVENT},\"language\":\"{langs}\"}}"))
                    .collect();
                schedule_with("", &format!("\"R\":[{}]", events.join(",")))
            }),
            schedule_only,
        ),
        (
            "schedule: an event with many members",
            Box::new(|n| {
                let members: String = (0..n / 12).map(|i| format!("\"k{i}\":1,")).collect();
                schedule_with("", &format!("\"R\":[{{{members}{EVENT}}}]"))
            }),
            schedule_only,
        ),
    ];
    for (what, make, check) in &cases {
        scales_linearly(what, make.as_ref(), *check);
    }
}

/// The regression seed of the quadratic room and language bookkeeping: rooms keep
/// their first-met order without repeats, events find their rooms, unknown language
/// codes are counted per event in the order first met.
#[test]
fn schedule_rooms_and_languages_keep_their_order() {
    let text = std::fs::read_to_string(
        corpus_dir(core_dir(), "agenda").join("rooms-languages.schedule.json"),
    )
    .unwrap();
    let mut writer = Writer::new(HlcClock::new(device()));
    let imported = schedule_json::import(
        &text,
        &mut writer,
        NOW_MS,
        &schedule_json::ImportOptions::default(),
    )
    .unwrap();
    let rooms = &imported.forum.venues[0].rooms;
    let names: Vec<&str> = rooms.iter().map(|r| r.name.en.as_str()).collect();
    assert_eq!(names, ["Hall", "Lab", "Annex"]);
    assert_eq!(rooms[1].capacity, Some(30));
    let room_of = |title: &str| {
        let s = imported
            .sessions
            .iter()
            .find(|s| s.title.get_exact(Lang::Kk) == title || s.title.en == title)
            .unwrap();
        rooms.iter().position(|r| Some(r.id) == s.room)
    };
    assert_eq!(
        [room_of("A"), room_of("B"), room_of("C")],
        [Some(1), Some(2), Some(0)]
    );
    let unsupported: Vec<(String, usize)> = imported
        .warnings
        .iter()
        .filter_map(|w| match w {
            schedule_json::ImportWarning::UnsupportedLanguage { code, events } => {
                Some((code.clone(), *events))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        unsupported,
        [
            ("de".to_string(), 3),
            ("fr".to_string(), 1),
            ("fr-ca".to_string(), 1),
        ]
    );
}

/// The typed refusals, one input each: the tests above accept any of them, this pins
/// which one a given kind of damage gets.
#[test]
fn refusals_are_typed() {
    let good = std::fs::read_to_string(corpus_dir(core_dir(), "backup").join("demo-v3.jiyn.json"))
        .unwrap();
    assert_eq!(backup::decode(""), Err(BackupError::Truncated));
    assert_eq!(backup::decode("\u{feff}{}"), Err(BackupError::NotJson));
    assert_eq!(backup::decode("[1]"), Err(BackupError::Foreign));
    assert_eq!(
        backup::decode(&good[..good.len() / 2]),
        Err(BackupError::Truncated)
    );
    assert!(backup::decode(&good).is_ok());
    assert_eq!(
        backup::decode(&"[".repeat(10_000)),
        Err(BackupError::Foreign)
    );
    let feed =
        std::fs::read_to_string(corpus_dir(core_dir(), "agenda").join("oral.agenda.json")).unwrap();
    assert!(feed::decode(&feed).is_ok());
    assert_eq!(
        feed::decode(&feed[..feed.len() - 1]),
        Err(FeedError::Truncated)
    );
    assert_eq!(
        feed::decode(&feed.replacen("\"version\":1", "\"version\":1e999", 1)),
        Err(FeedError::NotJson)
    );
    assert_eq!(
        feed::decode(&feed.replacen("\"version\":1", "\"version\":99999999999999999999", 1)),
        Err(FeedError::Malformed("no version".into()))
    );
    assert!(matches!(
        participant_csv::plan_import(b"\"abc", ImportOptions::default(), &[]),
        Err(ImportError::Csv(csv::CsvError::UnterminatedQuote {
            line: 1
        }))
    ));
    assert_eq!(
        participant_csv::plan_import(b"\xEF\xBB\xBF\r\n;;\n", ImportOptions::default(), &[]),
        Err(ImportError::Empty)
    );
    assert!(RegistrationRequest::parse(b"\xFF").is_err());
    assert_eq!(sync::parse_cursor("18446744073709551616"), None);
    assert_eq!(sync::parse_cursor("99999999999999999999"), None);
    assert_eq!(
        SyncError::from_answer(200, "[[[["),
        SyncError::BadAnswer("unexpected body".into())
    );
}

// ---------------------------------------------------------------------------------
// Seeds
// ---------------------------------------------------------------------------------

fn device() -> DeviceId {
    DeviceId::new("fuzz").unwrap()
}

fn demo() -> &'static [(AnyRecord, Change)] {
    static DEMO: OnceLock<Vec<(AnyRecord, Change)>> = OnceLock::new();
    DEMO.get_or_init(|| demo::build().unwrap())
}

fn demo_forum() -> &'static Forum {
    demo()
        .iter()
        .find_map(|(r, _)| match r {
            AnyRecord::Forum(f) => Some(f),
            _ => None,
        })
        .unwrap()
}

/// The first two records of every kind in the first demo forum, with their changes.
fn demo_sample() -> Vec<&'static (AnyRecord, Change)> {
    let forum = demo_forum().meta.id;
    let mut out: Vec<&(AnyRecord, Change)> = Vec::new();
    for kind in RecordKind::ALL {
        out.extend(
            demo()
                .iter()
                .filter(|(r, _)| r.kind() == kind && r.meta().forum == forum)
                .take(2),
        );
    }
    out
}

fn demo_changes() -> Vec<Change> {
    demo_sample().into_iter().map(|(_, c)| c.clone()).collect()
}

/// People already registered, so that imports also look for duplicates and taken
/// badge codes.
fn existing_people() -> &'static [Participant] {
    static PEOPLE: OnceLock<Vec<Participant>> = OnceLock::new();
    PEOPLE.get_or_init(|| {
        demo()
            .iter()
            .filter_map(|(r, _)| match r {
                AnyRecord::Participant(p) => Some(p.clone()),
                _ => None,
            })
            .take(50)
            .collect()
    })
}

fn generated_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 11, 1, 0, 0, 0).unwrap()
}

/// Writes the seed corpus from the demo data (run by hand after a format change:
/// `cargo test -p jiyn-core --test fuzz -- --ignored write_corpus`).
#[test]
#[ignore = "writes tests/fuzz-corpus; run by hand"]
fn write_corpus() {
    let write = |target: &str, name: &str, bytes: &[u8]| {
        let dir = corpus_dir(core_dir(), target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    };
    let sample = demo_sample();
    let forum = demo_forum();
    let records: Vec<AnyRecord> = sample.iter().map(|(r, _)| r.clone()).collect();

    // Backups: every kind (version 3), and one of version 1.
    let body = BackupBody {
        created_at: generated_at(),
        device: "desk-1".into(),
        forum: Some(forum.meta.id),
        records: records.clone(),
    };
    write(
        "backup",
        "demo-v3.jiyn.json",
        backup::encode(&body).unwrap().as_bytes(),
    );
    let v1 = BackupBody {
        forum: None,
        records: records
            .iter()
            .filter(|r| backup::version_for(std::slice::from_ref(r)) == 1)
            .take(3)
            .cloned()
            .collect(),
        ..body
    };
    write(
        "backup",
        "demo-v1.jiyn.json",
        backup::encode(&v1).unwrap().as_bytes(),
    );

    // Sync: every message of the protocol.
    let changes = demo_changes();
    let json = |v: &dyn erased::Json| v.text();
    write(
        "sync",
        "push-request.json",
        json(&PushRequest {
            protocol: 1,
            device: "desk-1".into(),
            changes: changes.clone(),
        })
        .as_bytes(),
    );
    write(
        "sync",
        "push-response.json",
        json(&PushResponse {
            protocol: 1,
            accepted: vec![changes[0].id],
            duplicate: vec![changes[1].id],
            rejected: vec![Rejected {
                id: changes[2].id,
                reason: sync::RejectReason::Invalid,
                detail: "full_name: empty".into(),
            }],
            cursor: "42".into(),
        })
        .as_bytes(),
    );
    write(
        "sync",
        "pull-response.json",
        json(&PullResponse {
            protocol: 1,
            records: records.clone(),
            cursor: "17".into(),
            more: true,
        })
        .as_bytes(),
    );
    write(
        "sync",
        "hello.json",
        json(&Hello {
            protocol: 1,
            min_protocol: 1,
            server: "jiyn-server 0.1".into(),
        })
        .as_bytes(),
    );
    write(
        "sync",
        "error.json",
        json(&ErrorBody {
            error: sync::ErrorCode::ClientTooOld,
            message: "update the app".into(),
            min_protocol: Some(1),
            max_protocol: Some(1),
        })
        .as_bytes(),
    );
    write(
        "sync",
        "registration.json",
        serde_json::json!({
            "id": "019a7b2c-3d4e-7f80-9a1b-2c3d4e5f6a7b",
            "full_name": "Ақбота Оқасова",
            "phone": "8 701 123 45 67",
            "birth_year": 2010,
            "region": "Батыс Қазақстан",
            "consent": {"text_version": "2025-09", "language": "kk"},
            "guardian": {"full_name": "Гүлнар Оқасова", "phone": "+7 701 765 43 21"}
        })
        .to_string()
        .as_bytes(),
    );

    // One record of every kind, as a change carries it.
    for kind in RecordKind::ALL {
        if let Some((r, _)) = sample.iter().find(|(r, _)| r.kind() == kind) {
            write(
                "sync",
                &format!("record-{kind:?}.json").to_lowercase(),
                r.to_json_text().unwrap().as_bytes(),
            );
        }
    }

    // Agenda feeds: the first demo forum's first sessions, and every forum's (short).
    let sessions: Vec<&Session> = demo()
        .iter()
        .filter_map(|(r, _)| match r {
            AnyRecord::Session(s) if s.meta.forum == forum.meta.id => Some(s),
            _ => None,
        })
        .take(4)
        .collect();
    let f = feed::build(forum, sessions.iter().copied(), generated_at()).unwrap();
    write(
        "agenda",
        "oral.agenda.json",
        feed::encode(&f).unwrap().as_bytes(),
    );
    for (i, (r, _)) in demo().iter().enumerate() {
        if let AnyRecord::Forum(other) = r {
            if other.meta.id != forum.meta.id {
                let s: Vec<&Session> = demo()
                    .iter()
                    .filter_map(|(r, _)| match r {
                        AnyRecord::Session(s) if s.meta.forum == other.meta.id => Some(s),
                        _ => None,
                    })
                    .take(3)
                    .collect();
                let f = feed::build(other, s.iter().copied(), generated_at()).unwrap();
                write(
                    "agenda",
                    &format!("forum-{i}.agenda.json"),
                    feed::encode(&f).unwrap().as_bytes(),
                );
            }
        }
    }
    // schedule.json as Jiyn exports it, and a short frab-style file of the older form
    // (day dates, `start` and `duration`, no time zone).
    let export = schedule_json::export(
        forum,
        sessions.iter().copied(),
        &ExportOptions::new(Lang::Ru),
    )
    .unwrap();
    write("agenda", "oral.schedule.json", export.as_bytes());
    write(
        "agenda",
        "frab-old.schedule.json",
        br#"{"schedule":{"version":"1.0","conference":{"title":"Camp","start":"2019-08-21","end":"2019-08-22","rooms":[{"name":"Main","capacity":300}],"days":[{"index":1,"date":"2019-08-21","day_start":"2019-08-21T06:00:00+02:00","rooms":{"Main":[{"title":"Opening","start":"10:00","duration":"00:30","type":"ceremony","language":"en, de","persons":[{"public_name":"Anna"}]},{"title":"Late talk","start":"01:30","duration":"01:00:00","language":"ru","abstract":"After midnight."}],"Tent":null}}]}}}"#,
    );

    // CSV: the test fixtures (every encoding and separator), and a desk export.
    for entry in
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv")).unwrap()
    {
        let path = entry.unwrap().path();
        write(
            "csv",
            path.file_name().unwrap().to_str().unwrap(),
            &std::fs::read(&path).unwrap(),
        );
    }
    let people: Vec<Participant> = existing_people().iter().take(4).cloned().collect();
    write(
        "csv",
        "export-ru.csv",
        participant_csv::export(&people, |_| false, Lang::Ru).as_bytes(),
    );
    // The same people as UTF-16 with a byte order mark (Excel's "Unicode text").
    let tsv = participant_csv::export(&people, |_| false, Lang::En).replace(';', "\t");
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in tsv.trim_start_matches('\u{feff}').encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    write("csv", "export-en-utf16.tsv", &utf16);
}

/// `serde_json::to_string` for the corpus writer, through a trait object so that one
/// closure serves every message type.
mod erased {
    pub trait Json {
        fn text(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn text(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}
