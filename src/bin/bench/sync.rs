//! Sync's benchmark (`benchSync`): push a device's outbox of `count` new participants
//! to the real server (`jiyn-server`, started by bench/run.mjs), then pull all of them
//! into a second, empty database, both through `jiyn::sync` exactly as the app does.
//! The baseline is the network and server alone: the same pages fetched with plain
//! `fetch` and neither parsed nor stored.

use super::{
    bench_db_name, bench_writer, collect_garbage, expect_count, js_error, now, pause, to_json,
    SETTLE_MS,
};
use jiyn::state::AppState;
use jiyn::sync::{http, pull_all, push_all, Round};
use jiyn::IdbRepo;
use jiyn_core::demo::{generate_participants, oral_delegations, GeneratorSpec};
use jiyn_core::{AnyRecord, Change, Participant, Repository};
use leptos::prelude::*;
use serde::Serialize;
use std::rc::Rc;
use uuid::Uuid;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct SyncTimes {
    count: usize,
    /// Outbox read, batches of 1,000 posted, acknowledged changes removed.
    push_ms: f64,
    pushed: usize,
    /// Every page fetched, checked and merged into an empty database, cursors saved.
    pull_ms: f64,
    pulled: usize,
    /// The same pull pages fetched as text only (network and server alone).
    raw_fetch_ms: f64,
    push_parts: jiyn::sync::Timings,
    pull_parts: jiyn::sync::Timings,
}

fn state_for(repo: IdbRepo, device: &str) -> Result<AppState, JsValue> {
    let writer = bench_writer(device)?;
    Ok(AppState::new(
        RwSignal::new(jiyn_core::Lang::Kk),
        RwSignal::new(false),
        Rc::new(repo),
        writer,
    ))
}

#[wasm_bindgen(js_name = benchSync)]
pub async fn bench_sync(
    url: String,
    token: String,
    forum: String,
    count: u32,
) -> Result<String, JsValue> {
    let count = count as usize;
    let forum: Uuid = forum.parse().map_err(js_error)?;
    let base = http::normalise_base(&url).ok_or_else(|| js_error("bad server url"))?;
    let delegations = oral_delegations();
    let generated = generate_participants(
        &GeneratorSpec {
            forum,
            year: 2025,
            delegations: &delegations,
            seed: 0x7379_6e63,
        },
        count,
    );
    let mut writer = bench_writer("bench-sync-a")?;
    let now_ms = js_sys::Date::now() as u64;
    let items: Vec<(AnyRecord, Change)> = generated
        .into_iter()
        .map(|p| {
            writer
                .create(now_ms, Some(forum), |meta| Participant { meta, ..p })
                .map(|(p, c)| (AnyRecord::from(p), c))
        })
        .collect::<Result<_, _>>()
        .map_err(js_error)?;

    // Device A: the outbox holds every participant.
    let repo_a = IdbRepo::open(&bench_db_name("sync-a"))
        .await
        .map_err(js_error)?;
    repo_a.write_batch(&items).await.map_err(js_error)?;
    drop(items);
    let a = state_for(repo_a, "bench-sync-a")?;
    pause(SETTLE_MS).await;
    collect_garbage();
    let mut round = Round::default();
    let start = now();
    push_all(a, &base, &token, &mut round)
        .await
        .map_err(js_error)?;
    let push_ms = now() - start;
    let push_parts = round.timings;
    expect_count("pushed", round.pushed, count)?;
    expect_count(
        "left in the outbox",
        a.repo().outbox_count().await.map_err(js_error)?,
        0,
    )?;

    // Device B: empty, pulls everything.
    let b = state_for(
        IdbRepo::open(&bench_db_name("sync-b"))
            .await
            .map_err(js_error)?,
        "bench-sync-b",
    )?;
    pause(SETTLE_MS).await;
    collect_garbage();
    let mut round = Round::default();
    let start = now();
    pull_all(b, &base, &token, &mut round)
        .await
        .map_err(js_error)?;
    let pull_ms = now() - start;
    let pull_parts = round.timings;
    expect_count("pulled", round.pulled, count)?;
    let stored = b
        .repo()
        .count_by_forum::<Participant>(forum)
        .await
        .map_err(js_error)?;
    expect_count("stored after the pull", stored, count)?;

    // The same pages, fetched as text only.
    pause(SETTLE_MS).await;
    let start = now();
    let mut cursor = String::new();
    loop {
        let page_url = format!(
            "{base}/v1/forums/{forum}/changes?since={cursor}&limit={}",
            jiyn::sync::PULL_LIMIT
        );
        let page = http::call("GET", &page_url, Some(&token), None)
            .await
            .map_err(js_error)?;
        // Only the paging fields are read (a regex-free scan of the tail).
        let tail = &page.body[page.body.rfind("\"cursor\"").unwrap_or(0)..];
        let next: String = tail.split('"').nth(3).unwrap_or_default().to_string();
        let more = tail.contains("\"more\":true");
        if !more || next == cursor {
            break;
        }
        cursor = next;
    }
    let raw_fetch_ms = now() - start;

    to_json(&SyncTimes {
        count,
        push_ms,
        pushed: count,
        pull_ms,
        pulled: count,
        raw_fetch_ms,
        push_parts,
        pull_parts,
    })
}
