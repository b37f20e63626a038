//! The registration desk's benchmark (`benchDesk`): at a given forum size, the CSV
//! import of the whole list (plan, records, one-transaction write; the raw baseline
//! writes the same records), loading the desk (every participant and check-in event,
//! then the search index), every keystroke of typed queries, and single check-ins
//! while the database holds everyone (the raw baseline writes the same events into a
//! database that holds the same people).

use super::{
    bench_db_name, bench_writer, collect_garbage, delete_db, expect_count, js_error, now, number,
    pause, raw_bulk, raw_items, raw_singles, to_json, SETTLE_MS,
};
use jiyn::ui::desk::DeskPeople;
use jiyn::IdbRepo;
use jiyn_core::demo::{generate_participants, oral_delegations, GeneratorSpec};
use jiyn_core::ids::new_id;
use jiyn_core::participant_csv::{self, ImportOptions};
use jiyn_core::{AnyRecord, Change, CheckIn, CheckInAction, Lang, Participant, Repository};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// How many single check-ins are timed at each size.
const CHECKINS: usize = 200;

#[derive(Serialize)]
struct DeskTimes {
    count: usize,
    csv_bytes: usize,
    /// `participant_csv::plan_import` against an empty forum (decode, parse, check).
    import_plan_ms: f64,
    /// `ImportPlan::into_batch`: records, changes, badge codes.
    import_batch_ms: f64,
    /// `IdbRepo::write_batch` of the whole list, one transaction.
    import_write_ms: f64,
    raw_import_write_ms: f64,
    /// Reading every participant and check-in of the forum, then `DeskPeople::new`.
    load_read_ms: f64,
    index_build_ms: f64,
    /// Per keystroke, `DeskPeople::find` on the query typed so far.
    keystrokes: usize,
    keystroke_median_ms: f64,
    keystroke_p95_ms: f64,
    keystroke_max_ms: f64,
    /// `CHECKINS` single check-ins (own transaction each), the desk's pattern.
    checkins: usize,
    app_checkins_ms: f64,
    raw_checkins_ms: f64,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// The queries a desk volunteer types, each timed keystroke by keystroke: a name from
/// the list as written, the same name surname first and Russian-keyboard style, a Latin
/// passport spelling, a phone fragment and a badge code.
fn queries(people: &[Participant]) -> Vec<String> {
    let someone = &people[people.len() / 3].full_name;
    let reversed: Vec<&str> = someone.split_whitespace().rev().collect();
    let russian_keyboard: String = reversed
        .join(" ")
        .chars()
        .map(|c| match c {
            'ә' => 'а',
            'ғ' => 'г',
            'қ' => 'к',
            'ң' => 'н',
            'ө' => 'о',
            'ұ' | 'ү' => 'у',
            'і' => 'и',
            'һ' => 'х',
            c => c,
        })
        .collect();
    vec![
        someone.clone(),
        russian_keyboard,
        "Zhenis Balabekov".into(),
        "8 700 012 34".into(),
        people[7].badge_code.clone(),
    ]
}

#[wasm_bindgen(js_name = benchDesk)]
pub async fn bench_desk(count: u32) -> Result<String, JsValue> {
    let count = count as usize;
    let source_forum = new_id();
    let delegations = oral_delegations();
    let spec = GeneratorSpec {
        forum: source_forum,
        year: 2025,
        delegations: &delegations,
        seed: 0x6465_736b,
    };
    let generated = generate_participants(&spec, count);
    let csv = participant_csv::export(&generated, |_| false, Lang::Kk);
    let csv_bytes = csv.len();
    drop(generated);

    // Import: plan, records, one transaction; the raw side writes the same records.
    let forum = new_id();
    let mut writer = bench_writer("bench-desk")?;
    collect_garbage();
    let start = now();
    let plan = participant_csv::plan_import(csv.as_bytes(), ImportOptions::default(), &[])
        .map_err(js_error)?;
    let import_plan_ms = now() - start;
    expect_count("import plan: valid rows", plan.counts.ok, count)?;
    let mut random = 0x9e37_79b9_7f4a_7c15u64;
    let start = now();
    let items: Vec<(AnyRecord, Change)> = plan
        .into_batch(&mut writer, js_sys::Date::now() as u64, forum, true, || {
            // xorshift: badge codes only need to differ here.
            random ^= random << 13;
            random ^= random >> 7;
            random ^= random << 17;
            random
        })
        .map_err(js_error)?;
    let import_batch_ms = now() - start;
    drop(plan);
    let pairs: Vec<(Participant, Change)> = items
        .iter()
        .filter_map(|(r, c)| match r {
            AnyRecord::Participant(p) => Some((p.clone(), c.clone())),
            _ => None,
        })
        .collect();
    let people_json = raw_items(&pairs)?;
    drop(pairs);

    let app_db = bench_db_name("desk-app");
    let raw_db = bench_db_name("desk-raw");
    IdbRepo::open(&raw_db).await.map_err(js_error)?.close();
    let repo = IdbRepo::open(&app_db).await.map_err(js_error)?;
    pause(SETTLE_MS).await;
    collect_garbage();
    let start = now();
    repo.write_batch(&items).await.map_err(js_error)?;
    let import_write_ms = now() - start;
    drop(items);
    pause(SETTLE_MS).await;
    let raw = raw_bulk(&raw_db, &people_json, &forum.to_string(), 0).await?;
    let raw_import_write_ms = number(&raw, "write")?;
    drop(people_json);

    // Loading the desk.
    pause(SETTLE_MS).await;
    collect_garbage();
    let start = now();
    let people = repo
        .list_by_forum::<Participant>(forum)
        .await
        .map_err(js_error)?;
    let events = repo
        .list_by_forum::<CheckIn>(forum)
        .await
        .map_err(js_error)?;
    let load_read_ms = now() - start;
    expect_count("desk load", people.len(), count)?;
    let _ = events;
    let typed = queries(&people);
    let start = now();
    let desk = DeskPeople::new(people);
    let index_build_ms = now() - start;

    // Every keystroke of every query.
    let mut times = Vec::new();
    let mut found_someone = 0;
    for q in &typed {
        let chars: Vec<char> = q.chars().collect();
        for n in 1..=chars.len() {
            let prefix: String = chars[..n].iter().collect();
            let start = now();
            let hits = desk.find(&prefix);
            times.push(now() - start);
            if n == chars.len() && !hits.is_empty() {
                found_someone += 1;
            }
        }
    }
    if found_someone < 3 {
        return Err(js_error(format!(
            "desk search found too little: {found_someone} of {} queries",
            typed.len()
        )));
    }
    times.sort_by(f64::total_cmp);

    // Single check-ins with everyone stored.
    let chosen: Vec<&Participant> = desk
        .people
        .iter()
        .step_by((count / CHECKINS).max(1))
        .take(CHECKINS)
        .collect();
    let mut made = Vec::with_capacity(chosen.len());
    for p in &chosen {
        made.push(
            jiyn_core::desk::check_in_event(
                &mut writer,
                js_sys::Date::now() as u64,
                forum,
                p.meta.id,
                CheckInAction::CheckIn,
                "desk-1",
            )
            .map_err(js_error)?,
        );
    }
    let events_json = raw_items(&made)?;
    pause(SETTLE_MS).await;
    collect_garbage();
    let start = now();
    for (event, change) in &made {
        repo.write(event, change).await.map_err(js_error)?;
    }
    let app_checkins_ms = now() - start;
    pause(SETTLE_MS).await;
    let raw = raw_singles(&raw_db, &events_json, &forum.to_string()).await?;
    let raw_checkins_ms = number(&raw, "write")?;
    expect_count("raw check-ins", number(&raw, "count")? as usize, made.len())?;
    let stored = repo
        .list_by_forum::<CheckIn>(forum)
        .await
        .map_err(js_error)?;
    expect_count("app check-ins", stored.len(), made.len())?;

    repo.close();
    delete_db(&app_db).await?;
    delete_db(&raw_db).await?;
    to_json(&DeskTimes {
        count,
        csv_bytes,
        import_plan_ms,
        import_batch_ms,
        import_write_ms,
        raw_import_write_ms,
        load_read_ms,
        index_build_ms,
        keystrokes: times.len(),
        keystroke_median_ms: percentile(&times, 0.5),
        keystroke_p95_ms: percentile(&times, 0.95),
        keystroke_max_ms: times.last().copied().unwrap_or(0.0),
        checkins: made.len(),
        app_checkins_ms,
        raw_checkins_ms,
    })
}
