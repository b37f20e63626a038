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
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The most time one input may take (debug build, a shared 2-core machine).
const LIMIT: Duration = Duration::from_secs(1);
/// Mutated inputs per target when `JIYN_FUZZ_CASES` is not set.
const DEFAULT_CASES: u32 = 300;
const NOW_MS: u64 = 1_762_840_800_000;

fn cases() -> u32 {
    std::env::var("JIYN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

fn corpus_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-corpus")
        .join(target)
}

/// The seed files of a target, sorted by name.
fn corpus(target: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir(target))
        .unwrap_or_else(|e| panic!("fuzz corpus {target}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let files: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(!files.is_empty(), "fuzz corpus {target} is empty");
    files
}

// ---------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------

/// Byte strings parsers trip on: JSON and CSV syntax, escapes, huge and odd numbers,
/// byte order marks, NULs, invalid UTF-8, line ends.
const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"\\udc00\\ud800",
    b"\\u0000",
    b":",
    b",",
    b";",
    b"\t",
    b"\r",
    b"\n",
    b"\r\n",
    b"\"\"",
    b"null",
    b"true",
    b"-",
    b"-0",
    b"0.",
    b"1e999999",
    b"-1e-999999",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"99999999999999999999999999999999999999",
    b"4294967296",
    b"2147483648",
    b"1.7976931348623157e309",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\0",
    b"\xFF",
    b"\xC0\x80",
    b"\xED\xA0\x80",
    b"\xF4\x90\x80\x80",
    b"\xE2\x80\xAE",
    b"sep=;",
    b"'=1+1",
    b"0000-00-00",
    b"9999-12-31T23:59:59",
    b"-262144-01-01",
    b"2025-02-30",
    b"2025-11-11T24:00:00",
    b"+23:59",
    b"00:00",
    b"99999:59",
    b"00000000-0000-0000-0000-000000000000",
    b"ffffffff-ffff-ffff-ffff-ffffffffffff",
    b"\"kind\":\"forum\"",
    b"\"version\":4294967295",
    b"\"format\":\"jiyn-agenda\"",
    b"\"format\":\"jiyn-backup\"",
];

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit {
        at: usize,
        bit: u8,
    },
    SetByte {
        at: usize,
        byte: u8,
    },
    Insert {
        at: usize,
        token: usize,
    },
    Replace {
        at: usize,
        len: usize,
        token: usize,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Truncate {
        at: usize,
    },
    Duplicate {
        at: usize,
        len: usize,
        to: usize,
    },
    /// The head of this input and the tail of another corpus file.
    Splice {
        at: usize,
        other: usize,
        from: usize,
    },
    /// Wraps a span in `depth` brackets or braces.
    Nest {
        at: usize,
        depth: usize,
        object: bool,
    },
    /// Repeats a token many times (long cells, long numbers, many columns).
    Repeat {
        at: usize,
        token: usize,
        times: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        3 => (at, 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit { at, bit }),
        2 => (at, any::<u8>()).prop_map(|(at, byte)| Mutation::SetByte { at, byte }),
        4 => (at, 0..TOKENS.len()).prop_map(|(at, token)| Mutation::Insert { at, token }),
        3 => (at, 1usize..12, 0..TOKENS.len())
            .prop_map(|(at, len, token)| Mutation::Replace { at, len, token }),
        2 => (at, 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        2 => at.prop_map(|at| Mutation::Truncate { at }),
        1 => (at, 1usize..256, any::<usize>())
            .prop_map(|(at, len, to)| Mutation::Duplicate { at, len, to }),
        2 => (at, any::<usize>(), any::<usize>())
            .prop_map(|(at, other, from)| Mutation::Splice { at, other, from }),
        1 => (at, 1usize..300, any::<bool>())
            .prop_map(|(at, depth, object)| Mutation::Nest { at, depth, object }),
        1 => (at, 0..TOKENS.len(), 2usize..2000)
            .prop_map(|(at, token, times)| Mutation::Repeat { at, token, times }),
    ]
}

fn apply(input: &mut Vec<u8>, m: &Mutation, corpus: &[Vec<u8>]) {
    let pos = |at: usize, len: usize| at % (len + 1);
    match *m {
        Mutation::FlipBit { at, bit } => {
            if !input.is_empty() {
                let i = at % input.len();
                input[i] ^= 1 << bit;
            }
        }
        Mutation::SetByte { at, byte } => {
            if !input.is_empty() {
                let i = at % input.len();
                input[i] = byte;
            }
        }
        Mutation::Insert { at, token } => {
            let i = pos(at, input.len());
            input.splice(i..i, TOKENS[token].iter().copied());
        }
        Mutation::Replace { at, len, token } => {
            let i = pos(at, input.len());
            let end = (i + len).min(input.len());
            input.splice(i..end, TOKENS[token].iter().copied());
        }
        Mutation::Delete { at, len } => {
            let i = pos(at, input.len());
            let end = (i + len).min(input.len());
            input.drain(i..end);
        }
        Mutation::Truncate { at } => {
            let i = pos(at, input.len());
            input.truncate(i);
        }
        Mutation::Duplicate { at, len, to } => {
            let i = pos(at, input.len());
            let end = (i + len).min(input.len());
            let span = input[i..end].to_vec();
            let to = pos(to, input.len());
            input.splice(to..to, span);
        }
        Mutation::Splice { at, other, from } => {
            let other = &corpus[other % corpus.len()];
            let i = pos(at, input.len());
            let from = pos(from, other.len());
            input.truncate(i);
            input.extend_from_slice(&other[from..]);
        }
        Mutation::Nest { at, depth, object } => {
            let i = pos(at, input.len());
            let (open, close): (&[u8], &[u8]) = if object {
                (b"{\"a\":", b"}")
            } else {
                (b"[", b"]")
            };
            let mut out = Vec::with_capacity(input.len() + depth * 6);
            out.extend_from_slice(&input[..i]);
            for _ in 0..depth {
                out.extend_from_slice(open);
            }
            // The rest of the input as the innermost value, then the closers (or not:
            // every other depth leaves them open).
            out.extend_from_slice(&input[i..]);
            if depth % 2 == 0 {
                for _ in 0..depth {
                    out.extend_from_slice(close);
                }
            }
            *input = out;
        }
        Mutation::Repeat { at, token, times } => {
            let i = pos(at, input.len());
            let run: Vec<u8> = TOKENS[token].repeat(times);
            input.splice(i..i, run);
        }
    }
}

/// Runs `check` on `cases()` mutated corpus inputs (and on every seed unmutated
/// first), failing with the shrunk input when a check fails.
fn fuzz(target: &str, check: impl Fn(&[u8]) -> Result<(), String>) {
    let seeds = corpus(target);
    for (i, seed) in seeds.iter().enumerate() {
        if let Err(e) = timed(target, seed, &check) {
            panic!("{target}: seed {i}: {e}");
        }
    }
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        // A fixed seed per target: CI runs are repeatable; set PROPTEST_RNG_SEED or a
        // larger JIYN_FUZZ_CASES locally to explore further.
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        max_shrink_iters: 2000,
        ..Config::default()
    });
    let n = seeds.len();
    let started = Instant::now();
    let result = runner.run(
        &(0..n, proptest::collection::vec(mutation(), 1..6)),
        |(seed, mutations)| {
            let mut input = seeds[seed].clone();
            for m in &mutations {
                apply(&mut input, m, &seeds);
            }
            timed(target, &input, &check).map_err(TestCaseError::fail)
        },
    );
    if let Err(e) = result {
        panic!("{target}: {e}");
    }
    eprintln!(
        "fuzz {target}: {} seeds, {} mutated inputs in {:.1?}",
        n,
        cases(),
        started.elapsed()
    );
}

fn timed(
    target: &str,
    input: &[u8],
    check: &impl Fn(&[u8]) -> Result<(), String>,
) -> Result<(), String> {
    let started = Instant::now();
    let result = check(input);
    let took = started.elapsed();
    result?;
    if took > LIMIT {
        return Err(format!(
            "{target}: {} bytes took {took:.2?} (limit {LIMIT:?})",
            input.len()
        ));
    }
    Ok(())
}

fn text(input: &[u8]) -> String {
    String::from_utf8_lossy(input).into_owned()
}

// ---------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------

/// CSV: `csv::decode` never fails; `csv::parse` with every separator refuses only an
/// unterminated quote; `plan_import` refuses only with `ImportError` and otherwise
/// accounts for every row.
fn check_csv(input: &[u8]) -> Result<(), String> {
    let decoded = csv::decode(input);
    let _ = csv::detect_separator(&decoded.text);
    let _ = csv::sep_hint(&decoded.text);
    for sep in [Separator::Semicolon, Separator::Comma, Separator::Tab] {
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
            }
            Err(ImportError::Empty | ImportError::Csv(_)) => {}
        }
    }
    Ok(())
}

/// Backups: `decode` answers with a `BackupError`; what it accepts keeps its rules
/// and encodes back to a file that decodes equal.
fn check_backup(input: &[u8]) -> Result<(), String> {
    match backup::decode(&text(input)) {
        Ok(body) => {
            for r in &body.records {
                r.validate().map_err(|e| format!("accepted invalid: {e}"))?;
            }
            let again = backup::encode(&body).map_err(|e| e.to_string())?;
            let back = backup::decode(&again).map_err(|e| format!("re-read: {e}"))?;
            if back != body {
                return Err("round trip changed the backup".into());
            }
        }
        Err(
            BackupError::NotJson
            | BackupError::Truncated
            | BackupError::Foreign
            | BackupError::Newer { .. }
            | BackupError::Checksum
            | BackupError::Malformed(_)
            | BackupError::InvalidRecord { .. },
        ) => {}
    }
    Ok(())
}

/// Sync messages, read as each message type both ends read, then checked the way the
/// server checks a push and the client checks a pull and an error answer.
fn check_sync(input: &[u8]) -> Result<(), String> {
    let t = text(input);
    let forum = demo_forum().meta.id;
    if let Ok(push) = serde_json::from_str::<PushRequest>(&t) {
        for change in &push.changes {
            for role in [TokenRole::Desk, TokenRole::Organizer] {
                match sync::check_change(forum, role, NOW_MS, change) {
                    Ok(record) => {
                        record.validate().map_err(|e| format!("accepted: {e}"))?;
                        if record.meta().forum != forum {
                            return Err("accepted a change of another forum".into());
                        }
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
        match sync::check_pulled(forum, &pull.records) {
            Ok(()) | Err(SyncError::BadAnswer(_)) => {}
            Err(e) => return Err(format!("check_pulled: unexpected {e:?}")),
        }
        let _ = sync::parse_cursor(&pull.cursor);
    }
    if let Ok(answer) = serde_json::from_str::<PushResponse>(&t) {
        let _ = sync::parse_cursor(&answer.cursor);
    }
    if let Ok(hello) = serde_json::from_str::<Hello>(&t) {
        match hello.check() {
            Ok(()) | Err(SyncError::ClientTooOld | SyncError::ServerTooOld) => {}
            Err(e) => return Err(format!("hello: unexpected {e:?}")),
        }
    }
    let _ = serde_json::from_str::<ErrorBody>(&t);
    let _ = serde_json::from_str::<sync::ForumList>(&t);
    for status in [200, 400, 401, 404, 413, 426, 429, 500, 503] {
        let _ = SyncError::from_answer(status, &t);
    }
    let _ = sync::parse_cursor(&t);
    // Registration bodies go to the same server.
    if let Ok(request) = RegistrationRequest::parse(input) {
        let meta = Meta::new(request.id, forum, Hlc::new(NOW_MS, 0, device()));
        let now = Utc.timestamp_millis_opt(NOW_MS as i64).unwrap();
        if let Ok(p) = request.participant(meta, "K7Q2M9XA".into(), now) {
            p.validate().map_err(|e| format!("registration: {e}"))?;
        }
    }
    Ok(())
}

/// The agenda feed, and `schedule.json` imports (the other way a programme comes in).
fn check_agenda(input: &[u8]) -> Result<(), String> {
    let t = text(input);
    match feed::decode(&t) {
        Ok(f) => {
            if f.forum.ends_on < f.forum.starts_on {
                return Err("accepted a forum ending before it starts".into());
            }
            let again = feed::encode(&f).map_err(|e| e.to_string())?;
            let back = feed::decode(&again).map_err(|e| format!("re-read: {e}"))?;
            if back != f {
                return Err("round trip changed the feed".into());
            }
        }
        Err(
            FeedError::NotJson
            | FeedError::Truncated
            | FeedError::Foreign
            | FeedError::Newer { .. }
            | FeedError::Malformed(_),
        ) => {}
        Err(e) => return Err(format!("decode cannot mean {e:?}")),
    }
    check_schedule(&t)
}

fn check_schedule(t: &str) -> Result<(), String> {
    let mut writer = Writer::new(HlcClock::new(device()));
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
        }
    }
    Ok(())
}

#[test]
fn fuzz_csv_import() {
    fuzz("csv", check_csv);
}

#[test]
fn fuzz_backup_import() {
    fuzz("backup", check_backup);
}

#[test]
fn fuzz_sync_messages() {
    fuzz("sync", check_sync);
}

#[test]
fn fuzz_agenda_feed() {
    fuzz("agenda", check_agenda);
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
    let mut runner = TestRunner::new(Config {
        cases: (cases() / 20).max(4),
        failure_persistence: None,
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        ..Config::default()
    });
    runner
        .run(
            &(0..2usize, proptest::collection::vec(mutation(), 1..4)),
            |(i, mutations)| {
                let mut input = files[i].clone();
                for m in &mutations {
                    apply(&mut input, m, &files);
                }
                timed("schedule", &input, &|b: &[u8]| check_schedule(&text(b)))
                    .map_err(TestCaseError::fail)
            },
        )
        .unwrap();
}

// ---------------------------------------------------------------------------------
// Large inputs: no quadratic work
// ---------------------------------------------------------------------------------

const MB: usize = 1 << 20;

/// The hang guard for one 1 MB input in a debug build on a busy machine (release
/// builds take a tenth of it).
const LARGE_LIMIT: Duration = Duration::from_secs(5);

type Check = fn(&[u8]) -> Result<(), String>;
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

fn csv_only(b: &[u8]) -> Result<(), String> {
    let _ = participant_csv::plan_import(b, ImportOptions::default(), existing_people());
    Ok(())
}

fn schedule_only(b: &[u8]) -> Result<(), String> {
    let mut writer = Writer::new(HlcClock::new(device()));
    let opts = schedule_json::ImportOptions::default();
    let _ = schedule_json::import(&text(b), &mut writer, NOW_MS, &opts);
    Ok(())
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
                let seed =
                    std::fs::read_to_string(corpus_dir("agenda").join("oral.agenda.json")).unwrap();
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

/// The typed refusals, one input each: the tests above accept any of them, this pins
/// which one a given kind of damage gets.
#[test]
fn refusals_are_typed() {
    let good = std::fs::read_to_string(corpus_dir("backup").join("demo-v3.jiyn.json")).unwrap();
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
    let feed = std::fs::read_to_string(corpus_dir("agenda").join("oral.agenda.json")).unwrap();
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
        let dir = corpus_dir(target);
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
