//! The widget's feed reader in the bounded fuzz pass (`docs/fuzzing.md`): the agenda
//! seeds of `crates/core/tests/fuzz-corpus/agenda`, mutated by the core's engine, never
//! panic the reader, each is answered within the time limit, and whatever the reader
//! accepts the core accepts, equal (the reader may refuse more: it is stricter where
//! the schema is). Large inputs (deep nesting, a huge string, many sessions) stay fast.

#[path = "../../core/tests/fuzz_support/mod.rs"]
mod fuzz_support;

use fuzz_support::*;
use jiyn_core::feed;
use jiyn_embed::reader::{decode, Refusal};
use std::path::Path;
use std::time::{Duration, Instant};

fn check_reader(input: &[u8]) -> Outcome {
    let t = text(input);
    let core = feed::decode(&t);
    Ok(match decode(&t) {
        Ok(mine) => match core {
            Ok(theirs) if theirs == mine => "accepted",
            Ok(_) => return Err("the reader and the core read different feeds".into()),
            Err(e) => return Err(format!("the reader accepts what the core refuses: {e}")),
        },
        Err(Refusal::TooLarge) => "refused: too large",
        Err(Refusal::NotJson) => "refused: not JSON",
        Err(Refusal::Truncated) => "refused: truncated",
        Err(Refusal::Foreign) => "refused: foreign",
        Err(Refusal::Newer) => "refused: newer",
        Err(Refusal::Malformed) => "refused: malformed",
    })
}

fn seeds() -> Vec<Vec<u8>> {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core");
    corpus(&corpus_dir(&core, "agenda"))
}

#[test]
fn fuzz_the_widgets_reader() {
    fuzz_with("widget reader", &seeds(), cases(), |_| {}, check_reader);
}

#[test]
fn large_inputs_stay_fast() {
    const MB: usize = 1 << 20;
    let oral = String::from_utf8(
        seeds()
            .into_iter()
            .find(|s| s.starts_with(b"{\"format\":\"jiyn-agenda\""))
            .unwrap(),
    )
    .unwrap();
    let mut many = feed::decode(&oral).unwrap();
    let one = many.sessions[0].clone();
    many.sessions = std::iter::repeat_n(one, MB / 1000).collect();
    let inputs = [
        ("deep array", "[".repeat(MB) + &"]".repeat(MB)),
        ("deep object", "{\"a\":".repeat(MB / 5)),
        (
            "a long string",
            format!("{{\"format\":\"{}\"}}", "\\u0041".repeat(MB / 6)),
        ),
        ("many sessions", feed::encode(&many).unwrap()),
        (
            "a long number",
            format!("{{\"version\":1{}}}", "0".repeat(MB)),
        ),
    ];
    for (what, input) in inputs {
        let started = Instant::now();
        let _ = decode(&input);
        let took = started.elapsed();
        eprintln!("widget reader, {what}: {} bytes in {took:.2?}", input.len());
        assert!(took < Duration::from_secs(5), "{what}: {took:.2?}");
    }
}
