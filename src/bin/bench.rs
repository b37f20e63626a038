//! The benchmark page's wasm (`bench/index.html`, built by `bench/run.sh`).
//!
//! It exports async functions that the node driver (`bench/run.mjs`) calls through
//! `window.wasmBindings` (set by trunk's loader). Each one prepares its data first,
//! then times the app's store layer (`jiyn::IdbRepo`) and the hand-written JavaScript
//! baseline (`bench/raw.js`) on the very same records, in the same page, with
//! `performance.now()`, and returns the times as JSON text. See docs/bench.md.

use chrono::{DateTime, NaiveDate, Utc};
use jiyn::commands::open_app_db;
use jiyn::store::schema::DB_NAME;
use jiyn::IdbRepo;
use jiyn_core::demo::{generate_participants, oral_delegations, GeneratorSpec};
use jiyn_core::ids::new_id;
use jiyn_core::{
    AnyRecord, Change, CheckIn, CheckInAction, DeviceId, Forum, ForumFormat, HlcClock, I18nText,
    Lang, Participant, Record, Repository, Room, Session, Venue, Writer,
};
use serde::Serialize;
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/bench/raw.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = rawBulk)]
    async fn raw_bulk(
        db: &str,
        items_json: &str,
        forum: &str,
        settle_ms: u32,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = rawSingles)]
    async fn raw_singles(db: &str, items_json: &str, forum: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = deleteDb)]
    async fn delete_db(name: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = collectGarbage)]
    fn collect_garbage();

    async fn pause(ms: u32);
}

/// Idle time before each timed side of a pair: the browser finishes what the previous
/// work left behind (committing, compacting, deleting the last run's databases) before
/// the next clock starts, so neither side pays for the other.
const SETTLE_MS: u32 = 1_000;

#[path = "bench/desk.rs"]
mod desk;
#[path = "bench/report.rs"]
mod report;
#[path = "bench/sync.rs"]
mod sync;

fn main() {
    console_error_panic_hook::set_once();
}

/// What the raw baseline gets: the record and its change, exactly as the app writes them.
#[derive(Serialize)]
struct Pair<'a, T> {
    record: &'a T,
    change: &'a Change,
}

#[derive(Serialize)]
struct BulkTimes {
    count: usize,
    app_first: bool,
    app_write_ms: f64,
    app_read_ms: f64,
    raw_write_ms: f64,
    raw_read_ms: f64,
    /// The forum page's figures over the same forum (`IdbRepo::forum_counts`).
    app_counts_ms: f64,
    raw_counts_ms: f64,
}

#[derive(Serialize)]
struct SinglesTimes {
    count: usize,
    app_first: bool,
    /// `Writer::create` for every check-in (app only; the raw side gets its output).
    make_ms: f64,
    app_write_ms: f64,
    raw_write_ms: f64,
}

/// Bulk insert of `count` generated participants, each with its outbox change, in one
/// transaction (`IdbRepo::write_batch`), then reading them all back
/// (`IdbRepo::list_by_forum::<Participant>`); the same on raw IndexedDB. `app_first`
/// decides which side goes first (the driver alternates it between runs).
#[wasm_bindgen(js_name = benchBulk)]
pub async fn bench_bulk(count: u32, app_first: bool) -> Result<String, JsValue> {
    let count = count as usize;
    let forum = new_id();
    let mut writer = bench_writer("bench-bulk")?;
    let now = js_sys::Date::now() as u64;
    let spec_delegations = oral_delegations();
    let spec = GeneratorSpec {
        forum,
        year: 2025,
        delegations: &spec_delegations,
        seed: 0x6265_6e63,
    };
    let mut pairs = Vec::with_capacity(count);
    for generated in generate_participants(&spec, count) {
        pairs.push(
            writer
                .create_with_id(now, generated.meta.id, Some(forum), |meta| Participant {
                    meta,
                    ..generated
                })
                .map_err(js_error)?,
        );
    }
    let json = raw_items(&pairs)?;
    let items: Vec<(AnyRecord, Change)> = pairs
        .iter()
        .map(|(p, c)| (p.clone().into(), c.clone()))
        .collect();

    let app_db = bench_db_name("bulk-app");
    let raw_db = bench_db_name("bulk-raw");
    // Same schema on both sides: the raw database is created by the app's own open.
    IdbRepo::open(&raw_db).await.map_err(js_error)?.close();
    let repo = IdbRepo::open(&app_db).await.map_err(js_error)?;

    let forum_text = forum.to_string();
    let (app, raw) = if app_first {
        pause(SETTLE_MS).await;
        let app = app_bulk(&repo, &items, forum, &pairs).await?;
        pause(SETTLE_MS).await;
        let raw = raw_bulk(&raw_db, &json, &forum_text, SETTLE_MS).await?;
        (app, raw)
    } else {
        pause(SETTLE_MS).await;
        let raw = raw_bulk(&raw_db, &json, &forum_text, SETTLE_MS).await?;
        pause(SETTLE_MS).await;
        let app = app_bulk(&repo, &items, forum, &pairs).await?;
        (app, raw)
    };
    repo.close();
    delete_db(&app_db).await?;
    delete_db(&raw_db).await?;

    expect_count("raw bulk read", number(&raw, "count")? as usize, count)?;
    expect_count(
        "raw figures: participants",
        number(&raw, "participants")? as usize,
        count,
    )?;
    expect_count(
        "raw figures: delegations",
        number(&raw, "delegations")? as usize,
        app.3,
    )?;
    to_json(&BulkTimes {
        count,
        app_first,
        app_write_ms: app.0,
        app_read_ms: app.1,
        raw_write_ms: number(&raw, "write")?,
        raw_read_ms: number(&raw, "read")?,
        app_counts_ms: app.2,
        raw_counts_ms: number(&raw, "counts")?,
    })
}

/// The app side of [`bench_bulk`]: (write ms, read ms, figures ms, delegations), checked
/// against what was written.
async fn app_bulk(
    repo: &IdbRepo,
    items: &[(AnyRecord, Change)],
    forum: Uuid,
    expected: &[(Participant, Change)],
) -> Result<(f64, f64, f64, usize), JsValue> {
    collect_garbage();
    let start = now();
    repo.write_batch(items).await.map_err(js_error)?;
    let write = now() - start;

    pause(SETTLE_MS).await;
    collect_garbage();
    let start = now();
    let back = repo
        .list_by_forum::<Participant>(forum)
        .await
        .map_err(js_error)?;
    let read = now() - start;

    expect_count("app bulk read", back.len(), expected.len())?;
    // Ids are time-ordered and the index lists in key order: same order as generated.
    if back.iter().zip(expected).any(|(b, (e, _))| b != e) {
        return Err(js_error("app bulk read: records differ from those written"));
    }

    pause(SETTLE_MS).await;
    collect_garbage();
    let start = now();
    let figures = repo.forum_counts(forum).await.map_err(js_error)?;
    let counts = now() - start;
    expect_count(
        "app figures: participants",
        figures.participants,
        expected.len(),
    )?;
    let mut delegations: Vec<&str> = expected
        .iter()
        .filter_map(|(p, _)| p.delegation.as_deref())
        .collect();
    delegations.sort_unstable();
    delegations.dedup();
    expect_count(
        "app figures: delegations",
        figures.delegations,
        delegations.len(),
    )?;
    Ok((write, read, counts, figures.delegations))
}

/// `count` check-ins, each written on its own (`IdbRepo::write`: record + outbox change
/// in one transaction), one after the other, as the registration desk does; the same
/// on raw IndexedDB. The check-ins and changes are made by `Writer::create` first, timed
/// on their own (`make_ms`).
#[wasm_bindgen(js_name = benchCheckins)]
pub async fn bench_checkins(count: u32, app_first: bool) -> Result<String, JsValue> {
    let count = count as usize;
    let forum = new_id();
    let people: Vec<Uuid> = (0..count).map(|_| new_id()).collect();
    let mut writer = bench_writer("bench-desk")?;

    collect_garbage();
    let start = now();
    let mut made = Vec::with_capacity(count);
    for participant in &people {
        let at_ms = js_sys::Date::now() as u64;
        let at = DateTime::<Utc>::from_timestamp_millis(at_ms as i64)
            .ok_or_else(|| js_error("clock out of range"))?;
        made.push(
            writer
                .create(at_ms, Some(forum), |meta| CheckIn {
                    meta,
                    participant: *participant,
                    action: CheckInAction::CheckIn,
                    desk: "desk-1".into(),
                    at,
                })
                .map_err(js_error)?,
        );
    }
    let make_ms = now() - start;
    let json = raw_items(&made)?;

    let app_db = bench_db_name("checkins-app");
    let raw_db = bench_db_name("checkins-raw");
    IdbRepo::open(&raw_db).await.map_err(js_error)?.close();
    let repo = IdbRepo::open(&app_db).await.map_err(js_error)?;

    let forum_text = forum.to_string();
    let (app_write_ms, raw) = if app_first {
        pause(SETTLE_MS).await;
        let app = app_singles(&repo, &made, forum).await?;
        pause(SETTLE_MS).await;
        let raw = raw_singles(&raw_db, &json, &forum_text).await?;
        (app, raw)
    } else {
        pause(SETTLE_MS).await;
        let raw = raw_singles(&raw_db, &json, &forum_text).await?;
        pause(SETTLE_MS).await;
        let app = app_singles(&repo, &made, forum).await?;
        (app, raw)
    };
    repo.close();
    delete_db(&app_db).await?;
    delete_db(&raw_db).await?;

    expect_count("raw check-ins", number(&raw, "count")? as usize, count)?;
    expect_count("raw outbox", number(&raw, "outbox")? as usize, count)?;
    to_json(&SinglesTimes {
        count,
        app_first,
        make_ms,
        app_write_ms,
        raw_write_ms: number(&raw, "write")?,
    })
}

/// The app side of [`bench_checkins`]: write ms, checked afterwards.
async fn app_singles(
    repo: &IdbRepo,
    made: &[(CheckIn, Change)],
    forum: Uuid,
) -> Result<f64, JsValue> {
    collect_garbage();
    let start = now();
    for (checkin, change) in made {
        repo.write(checkin, change).await.map_err(js_error)?;
    }
    let write = now() - start;
    let stored = repo
        .list_by_forum::<CheckIn>(forum)
        .await
        .map_err(js_error)?;
    expect_count("app check-ins", stored.len(), made.len())?;
    expect_count(
        "app outbox",
        repo.outbox().await.map_err(js_error)?.len(),
        made.len(),
    )?;
    Ok(write)
}

/// Fills the app's own database (`jiyn`) with one forum and `count` generated
/// participants, as the app itself would open it (device id included), for the cold
/// start measurement. Returns the forum's id.
#[wasm_bindgen(js_name = populateAppDb)]
pub async fn populate_app_db(count: u32) -> Result<String, JsValue> {
    let (repo, mut writer) = open_app_db(DB_NAME).await.map_err(js_error)?;
    let now = js_sys::Date::now() as u64;
    let date = |d| NaiveDate::from_ymd_opt(2025, 11, d).ok_or_else(|| js_error("bad date"));
    let (starts_on, ends_on) = (date(11)?, date(12)?);
    let (forum, change) = writer
        .create(now, None, |meta| Forum {
            volunteering: Default::default(),
            signing_key: None,
            meta,
            title: I18nText::new(
                "Өнімділік сынағының форумы",
                "Форум для замеров производительности",
                "Benchmark forum",
            ),
            city: I18nText::new("Орал", "Уральск", "Oral"),
            starts_on,
            ends_on,
            time_zone: "Asia/Oral".into(),
            format: ForumFormat::Single,
            venues: Vec::new(),
            stops: Vec::new(),
        })
        .map_err(js_error)?;
    let id = forum.meta.id;
    let delegations = oral_delegations();
    let spec = GeneratorSpec {
        forum: id,
        year: 2025,
        delegations: &delegations,
        seed: 0x636f_6c64,
    };
    let mut items: Vec<(AnyRecord, Change)> = vec![(forum.into(), change)];
    for generated in generate_participants(&spec, count as usize) {
        let (p, c) = writer
            .create_with_id(now, generated.meta.id, Some(id), |meta| Participant {
                meta,
                ..generated
            })
            .map_err(js_error)?;
        items.push((p.into(), c));
    }
    repo.write_batch(&items).await.map_err(js_error)?;
    let stored = repo
        .count_by_forum::<Participant>(id)
        .await
        .map_err(js_error)?;
    repo.close();
    expect_count("populated participants", stored, count as usize)?;
    Ok(id.to_string())
}

/// `performance.now()`, in milliseconds.
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

fn bench_writer(device: &str) -> Result<Writer, JsValue> {
    let device = DeviceId::new(device).map_err(js_error)?;
    Ok(Writer::new(HlcClock::new(device)))
}

/// A database name no other run uses (the driver deletes it afterwards).
fn bench_db_name(what: &str) -> String {
    format!("jiyn-bench-{what}-{}", new_id())
}

/// The JSON text handed to the raw baseline: `[{record, change}, ...]`.
fn raw_items<T: Record>(pairs: &[(T, Change)]) -> Result<String, JsValue> {
    let items: Vec<Pair<'_, T>> = pairs
        .iter()
        .map(|(record, change)| Pair { record, change })
        .collect();
    serde_json::to_string(&items).map_err(js_error)
}

fn number(object: &JsValue, key: &str) -> Result<f64, JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(key))?
        .as_f64()
        .ok_or_else(|| js_error(format!("raw result has no number `{key}`")))
}

fn expect_count(what: &str, got: usize, want: usize) -> Result<(), JsValue> {
    if got == want {
        Ok(())
    } else {
        Err(js_error(format!("{what}: {got} records, expected {want}")))
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<String, JsValue> {
    serde_json::to_string(value).map_err(js_error)
}

fn js_error(e: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&e.to_string()).into()
}

// ---------------------------------------------------------------------------------
// The programme page: render and filter (the agenda issue's targets)

#[derive(Serialize)]
struct ProgrammeTimes {
    sessions: usize,
    rooms: usize,
    days: usize,
    /// Mounting the programme (list layout, every session) until the DOM is built and
    /// laid out.
    render_ms: f64,
    /// One day as a grid by room (the wide-screen layout), mounted and laid out.
    grid_ms: f64,
    /// Filter changes: each until the page is updated and laid out.
    search_ms: f64,
    kind_ms: f64,
    day_ms: f64,
    clear_ms: f64,
    /// Sessions left visible by the search, the kind and the day filter (checks).
    search_shown: usize,
    kind_shown: usize,
    day_shown: usize,
}

/// A forum of `days` days with one venue of `rooms` rooms and `count` sessions spread
/// over the days and rooms, an hour each from 09:00 (`Asia/Almaty`).
fn programme_fixture(
    writer: &mut Writer,
    days: u32,
    rooms: usize,
    count: usize,
) -> Result<(Forum, Vec<Session>), JsValue> {
    let now = js_sys::Date::now() as u64;
    let start = NaiveDate::from_ymd_opt(2025, 11, 11).ok_or_else(|| js_error("bad date"))?;
    let end = start + chrono::Days::new(u64::from(days - 1));
    let venue = Venue {
        id: new_id(),
        name: I18nText::new("Жастар орталығы", "Молодёжный центр", "Youth centre"),
        address: String::new(),
        rooms: (0..rooms)
            .map(|r| Room {
                id: new_id(),
                name: I18nText::new(
                    &format!("{}-аудитория", r + 1),
                    &format!("Аудитория {}", r + 1),
                    &format!("Room {}", r + 1),
                ),
                capacity: Some(40),
            })
            .collect(),
    };
    let (forum, _) = writer
        .create(now, None, |meta| Forum {
            volunteering: Default::default(),
            signing_key: None,
            meta,
            title: I18nText::new("Бағдарлама сынағы", "Тест программы", "Programme test"),
            city: I18nText::new("Алматы", "Алматы", "Almaty"),
            starts_on: start,
            ends_on: end,
            time_zone: "Asia/Almaty".into(),
            format: ForumFormat::Single,
            venues: vec![venue.clone()],
            stops: Vec::new(),
        })
        .map_err(js_error)?;
    let kinds = jiyn_core::agenda::KINDS;
    let topics = [
        ("Жастар саясаты", "Молодёжная политика", "Youth policy"),
        ("Волонтерлік", "Волонтёрство", "Volunteering"),
        (
            "Жұмысшы мамандықтар",
            "Рабочие профессии",
            "Working professions",
        ),
        (
            "Цифрлық сауаттылық",
            "Цифровая грамотность",
            "Digital literacy",
        ),
        ("Құқықтық кеңес", "Правовая консультация", "Legal advice"),
    ];
    let mut sessions = Vec::with_capacity(count);
    for n in 0..count {
        let per_day = count.div_ceil(days as usize);
        let day = (n / per_day) as u64;
        let within = n % per_day;
        let (slot, room) = (within / rooms, within % rooms);
        let starts_at = (start + chrono::Days::new(day))
            .and_hms_opt(9 + slot as u32 % 12, 0, 0)
            .ok_or_else(|| js_error("bad time"))?;
        let (kk, ru, en) = topics[n % topics.len()];
        let (session, _) = writer
            .create(now, Some(forum.meta.id), |meta| Session {
                meta,
                title: I18nText::new(
                    &format!("{kk}: {n}-кездесу"),
                    &format!("{ru}: встреча {n}"),
                    &format!("{en}: meeting {n}"),
                ),
                description: I18nText::new(
                    "Жастармен ашық әңгіме, сұрақ-жауап.",
                    "Открытый разговор с молодёжью, вопросы и ответы.",
                    "An open talk with young people, questions and answers.",
                ),
                kind: kinds[n % kinds.len()],
                starts_at,
                ends_at: starts_at + chrono::TimeDelta::minutes(50),
                venue: Some(venue.id),
                room: Some(venue.rooms[room].id),
                stop: None,
                speakers: vec![format!("Спикер {}", n % 37)],
                capacity: None,
                languages: vec![Lang::Kk, Lang::Ru],
            })
            .map_err(js_error)?;
        sessions.push(session);
    }
    Ok((forum, sessions))
}

/// Forces style and layout, so a timing includes what the browser must do before it
/// can paint.
fn force_layout() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.offset_height();
    }
}

fn shown_sessions() -> usize {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector_all("#bench-root li.session:not([hidden])")
                .ok()
        })
        .map_or(0, |l| l.length() as usize)
}

/// Renders the app's programme component (`jiyn::ui::programme::ProgrammeView`, with
/// the app's stylesheet) for `count` sessions over `days` days and `rooms` rooms, and
/// times the first render and filter changes (each until the page is updated and laid
/// out). The page is the same component the forum page uses.
#[wasm_bindgen(js_name = benchProgramme)]
pub async fn bench_programme(count: u32, days: u32, rooms: u32) -> Result<String, JsValue> {
    use jiyn::state::AppState;
    use jiyn::ui::programme::{Plan, ProgrammeView};
    use jiyn_core::agenda::{ProgrammeFilter, ProgrammeIndex};
    use leptos::prelude::*;
    use std::sync::Arc;

    let mut writer = bench_writer("bench-programme")?;
    let (forum, sessions) = programme_fixture(&mut writer, days, rooms as usize, count as usize)?;
    let db = bench_db_name("programme");
    let repo = std::rc::Rc::new(IdbRepo::open(&db).await.map_err(js_error)?);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| js_error("no document"))?;
    let body = document.body().ok_or_else(|| js_error("no body"))?;

    let filter = RwSignal::new(ProgrammeFilter::default());
    let wide = RwSignal::new(false);
    let mount = |forum: Forum, sessions: Vec<Session>, writer: Writer| {
        let old = document.get_element_by_id("bench-root");
        if let Some(old) = old {
            old.remove();
        }
        let root = document.create_element("main").expect("element");
        root.set_id("bench-root");
        let _ = body.append_child(&root);
        let root: web_sys::HtmlElement = root.unchecked_into();
        let repo = repo.clone();
        leptos::mount::mount_to(root, move || {
            let state = AppState::new(
                RwSignal::new(Lang::Kk),
                RwSignal::new(false),
                repo.clone(),
                writer,
            );
            provide_context(state);
            let plan = Plan::load(state, forum.meta.id);
            let index = Arc::new(ProgrammeIndex::for_forum(&forum, &sessions));
            view! {
                <ProgrammeView
                    forum=forum
                    index=index
                    filter=filter
                    set_filter=Callback::new(move |f| filter.set(f))
                    plan=plan
                    wide=wide
                />
            }
        })
    };

    // First render: list layout, every session.
    pause(SETTLE_MS).await;
    collect_garbage();
    let start = now();
    let handle = mount(forum.clone(), sessions.clone(), bench_writer("bench-a")?);
    force_layout();
    let render_ms = now() - start;
    expect_count("rendered sessions", shown_sessions(), count as usize)?;

    // Filter changes, each until the reactive update ran and layout is done.
    let change = |f: ProgrammeFilter| async move {
        pause(200).await;
        let start = now();
        filter.set(f);
        leptos::task::tick().await;
        force_layout();
        now() - start
    };
    let search_ms = change(ProgrammeFilter {
        text: "волонтер".into(),
        ..Default::default()
    })
    .await;
    let search_shown = shown_sessions();
    let kind_ms = change(ProgrammeFilter {
        kinds: vec![jiyn_core::SessionKind::Training],
        ..Default::default()
    })
    .await;
    let kind_shown = shown_sessions();
    let first_day = forum.starts_on;
    let day_ms = change(ProgrammeFilter {
        day: Some(first_day),
        ..Default::default()
    })
    .await;
    let day_shown = shown_sessions();
    let clear_ms = change(ProgrammeFilter::default()).await;
    expect_count("sessions after clearing", shown_sessions(), count as usize)?;
    drop(handle);

    // One day as a grid by room (wide screens), mounted fresh.
    filter.set(ProgrammeFilter {
        day: Some(first_day),
        ..Default::default()
    });
    wide.set(true);
    pause(SETTLE_MS).await;
    collect_garbage();
    let start = now();
    let handle = mount(forum.clone(), sessions.clone(), bench_writer("bench-b")?);
    force_layout();
    let grid_ms = now() - start;
    let grid_cells = document
        .query_selector_all("#bench-root .grid li.session")
        .map(|l| l.length() as usize)
        .unwrap_or(0);
    expect_count("grid sessions", grid_cells, day_shown)?;
    // Let the page's own start-up reads (the personal plan) finish before unmounting.
    pause(200).await;
    drop(handle);
    if let Some(old) = document.get_element_by_id("bench-root") {
        old.remove();
    }
    if let Ok(repo) = std::rc::Rc::try_unwrap(repo) {
        repo.close();
    }
    delete_db(&db).await?;

    to_json(&ProgrammeTimes {
        sessions: count as usize,
        rooms: rooms as usize,
        days: days as usize,
        render_ms,
        grid_ms,
        search_ms,
        kind_ms,
        day_ms,
        clear_ms,
        search_shown,
        kind_shown,
        day_shown,
    })
}
