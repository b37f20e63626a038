//! The mutation engine of the fuzz pass (`docs/fuzzing.md`), shared by
//! `crates/core/tests/fuzz.rs` and `crates/embed/tests/fuzz_reader.rs` (which includes
//! this file with `#[path]`). Standard library and proptest only.

#![allow(dead_code)]

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a check says about an input it handled: a short label of the outcome
/// ("accepted", "refused: checksum"…), tallied in the run's summary; or why the
/// input broke a property.
pub type Outcome = Result<&'static str, String>;

/// The most time one input may take (debug build, a shared 2-core machine).
pub const LIMIT: Duration = Duration::from_secs(1);
/// Mutated inputs per target when `JIYN_FUZZ_CASES` is not set.
pub const DEFAULT_CASES: u32 = 600;
/// The random seed when `JIYN_FUZZ_SEED` is not set: CI runs are repeatable.
pub const DEFAULT_SEED: u64 = 0x6a69_796e_2d66_757a;

/// `JIYN_FUZZ_CASES`, or [`DEFAULT_CASES`].
pub fn cases() -> u32 {
    std::env::var("JIYN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// `JIYN_FUZZ_SEED`, or [`DEFAULT_SEED`].
pub fn seed() -> u64 {
    std::env::var("JIYN_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_SEED)
}

/// A target's seed directory: `crates/core/tests/fuzz-corpus/<target>`, given the
/// directory of `crates/core`.
pub fn corpus_dir(core_dir: &Path, target: &str) -> PathBuf {
    core_dir.join("tests/fuzz-corpus").join(target)
}

/// The seed files of a directory, sorted by name.
pub fn corpus(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("fuzz corpus {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let files: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(!files.is_empty(), "fuzz corpus {} is empty", dir.display());
    files
}

// ---------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------

/// Byte strings parsers trip on: JSON and CSV syntax, escapes, huge and odd numbers,
/// byte order marks, NULs, invalid UTF-8, line ends.
pub const TOKENS: &[&[u8]] = &[
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
pub enum Mutation {
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
    /// Replaces the value after the `nth` colon (a JSON member's value, up to the next
    /// `,`, `}` or `]` outside a string) with a [`VALUES`] entry: inputs that stay JSON
    /// but carry odd values where the decoders expect something else.
    Value {
        nth: usize,
        value: usize,
    },
    /// Replaces the text between the `nth` cell boundary (`;`, `,`, tab or a line
    /// break) and the next with a [`CELLS`] entry: CSV rows with odd phones, IINs,
    /// dates, roles and names.
    Cell {
        nth: usize,
        value: usize,
    },
}

/// Cell texts for [`Mutation::Cell`].
pub const CELLS: &[&str] = &[
    "",
    " ",
    "+7 (701) 123-45-67",
    "8 701 123 45 67",
    "+77011234567, +77017654321",
    "+",
    "++7",
    "00",
    "810",
    "8",
    "0",
    "+999999999999999999999",
    "７７０１１２３４５６７",
    "٧٠١١٢٣٤٥٦٧",
    "000000000000",
    "00000000000",
    "991231300000",
    "050229500001",
    "123456789012",
    "1234 5678 9012",
    "29.02.2023",
    "29.02.2024",
    "31/12/9999",
    "0000-00-00",
    "1.1.1",
    "2003",
    "1899",
    "99999999999999999999",
    "-2003",
    "participant",
    "волонтёр",
    "ерікті",
    "SPEAKER",
    "иә",
    "нет",
    "maybe",
    "'+77011234567",
    "'=HYPERLINK(\"x\")",
    "=1+1",
    "\"\"",
    "\"a\"b\"",
    "\"",
    "Ақбота\u{0301}\u{0301}\u{0301}",
    "\u{202E}Оқасова",
    "\u{FEFF}Name",
    "\u{0}",
    "\u{1F600}\u{1F600}",
    "i\u{307}\u{130}\u{131}ß",
    "K7Q2M9XA",
    "k7q2m9xa",
    "ФИО",
    "Full name",
    "Телефон",
    "ИИН",
];

/// JSON values for [`Mutation::Value`].
pub const VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "-1",
    "1.5",
    "1e308",
    "-1e308",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "\"\"",
    "\" \"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"0000-00-00\"",
    "\"2025-11-11\"",
    "\"2025-11-11T10:00:00\"",
    "\"2025-11-11T10:00:00Z\"",
    "\"2025-11-11T10:00:00+14:00\"",
    "\"+262143-12-31T23:59:59Z\"",
    "\"-262143-01-01\"",
    "\"9999:99\"",
    "\"00000000-0000-0000-0000-000000000000\"",
    "\"kk\"",
    "\"plenary\"",
    "\"participant\"",
    "\"Asia/Oral\"",
    "\"Mars/Olympus\"",
    "[]",
    "[null]",
    "{}",
    "{\"kk\":\"\",\"ru\":\"\",\"en\":\"\"}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
];

pub fn mutation() -> impl Strategy<Value = Mutation> {
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
        10 => (any::<usize>(), 0..VALUES.len())
            .prop_map(|(nth, value)| Mutation::Value { nth, value }),
        5 => (any::<usize>(), 0..CELLS.len())
            .prop_map(|(nth, value)| Mutation::Cell { nth, value }),
    ]
}

pub fn apply(input: &mut Vec<u8>, m: &Mutation, corpus: &[Vec<u8>]) {
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
        Mutation::Value { nth, value } => {
            let colons = member_colons(input);
            if colons.is_empty() {
                return;
            }
            let start = colons[nth % colons.len()] + 1;
            let end = value_end(input, start);
            input.splice(start..end, VALUES[value].bytes());
        }
        Mutation::Cell { nth, value } => {
            let bounds: Vec<usize> = input
                .iter()
                .enumerate()
                .filter(|(_, b)| matches!(b, b';' | b',' | b'\t' | b'\n' | b'\r'))
                .map(|(i, _)| i)
                .collect();
            let (start, end) = if bounds.is_empty() {
                (0, input.len())
            } else {
                let k = nth % bounds.len();
                let start = bounds[k] + 1;
                (start, bounds.get(k + 1).copied().unwrap_or(input.len()))
            };
            input.splice(start..end, CELLS[value].bytes());
        }
    }
}

/// The positions of the colons that separate JSON keys from values (outside strings).
fn member_colons(input: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut in_string, mut escaped) = (false, false);
    for (i, &b) in input.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b':' {
            out.push(i);
        }
    }
    out
}

/// Where the value starting at `start` ends: the first `,`, `}` or `]` at its own
/// nesting level, outside strings (or the end of the input).
fn value_end(input: &[u8], start: usize) -> usize {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in input.iter().enumerate().skip(start) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth == 0 => return i,
            b'}' | b']' => depth -= 1,
            b',' if depth == 0 => return i,
            _ => {}
        }
    }
    input.len()
}

/// Runs `check` on every seed, then on `cases` mutated seeds (each seed with one to
/// three mutations, and `fixup` applied to every other one: to get past a checksum,
/// say), failing with the shrunk input when a check fails or an input takes longer
/// than [`LIMIT`]. Prints how many inputs ended in each outcome.
pub fn fuzz_with(
    target: &str,
    seeds: &[Vec<u8>],
    cases: u32,
    fixup: impl Fn(&mut Vec<u8>),
    check: impl Fn(&[u8]) -> Outcome,
) {
    for (i, seed) in seeds.iter().enumerate() {
        if let Err(e) = timed(target, seed, &check) {
            panic!("{target}: seed {i}: {e}");
        }
    }
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed()),
        max_shrink_iters: 2000,
        ..Config::default()
    });
    let tally: RefCell<BTreeMap<&'static str, usize>> = RefCell::default();
    let n = seeds.len();
    let started = Instant::now();
    let result = runner.run(
        &(
            0..n,
            proptest::collection::vec(mutation(), 1..4),
            any::<bool>(),
        ),
        |(seed, mutations, fix)| {
            let mut input = seeds[seed].clone();
            for m in &mutations {
                apply(&mut input, m, seeds);
            }
            if fix {
                fixup(&mut input);
            }
            let outcome = timed(target, &input, &check).map_err(TestCaseError::fail)?;
            *tally.borrow_mut().entry(outcome).or_default() += 1;
            Ok(())
        },
    );
    if let Err(e) = result {
        panic!("{target}: {e}");
    }
    eprintln!(
        "fuzz {target}: {n} seeds, {cases} mutated inputs in {:.1?}: {:?}",
        started.elapsed(),
        tally.borrow()
    );
}

/// Runs `check`, failing when it takes longer than [`LIMIT`].
pub fn timed(target: &str, input: &[u8], check: &impl Fn(&[u8]) -> Outcome) -> Outcome {
    let started = Instant::now();
    let result = check(input);
    let took = started.elapsed();
    let outcome = result?;
    if took > LIMIT {
        return Err(format!(
            "{target}: {} bytes took {took:.2?} (limit {LIMIT:?})",
            input.len()
        ));
    }
    Ok(outcome)
}

/// The input as text, invalid UTF-8 replaced (as a browser's `File.text()` reads it).
pub fn text(input: &[u8]) -> String {
    String::from_utf8_lossy(input).into_owned()
}
