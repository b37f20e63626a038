//! The participant's programme: day tabs, filters (kept in the URL so a link shares the
//! view), search, what is on now and next by the forum's clock, a list on phones and a
//! grid by room on wide screens, and the personal plan's stars.
//!
//! The rules (filtering, days, now/next, overlaps) are `jiyn_core::agenda`; this module
//! only shows them. Speed: every session of the list is rendered once; a filter change
//! only flips `hidden` on the rows (a reactive bit per row), so typing in the search box
//! does not rebuild the list. The grid, shown for one day on wide screens, is rebuilt
//! when the day changes.

use super::text::localized;
use crate::browser;
use crate::commands;
use crate::i18n::{date_long, date_short, kind_msg, lang_name_msg, Msg};
use crate::state::AppState;
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use jiyn_core::agenda::{self, ProgrammeFilter, ProgrammeIndex, KINDS};
use jiyn_core::{Forum, Lang, Session};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;
use uuid::Uuid;

/// Screens at least this wide show one day as a grid by room.
pub const WIDE_QUERY: &str = "(min-width: 960px)";

/// The personal plan of one forum on this device, shared by the pages of the forum.
#[derive(Clone, Copy)]
pub struct Plan {
    pub forum: Uuid,
    pub ids: RwSignal<BTreeSet<Uuid>>,
    /// The last save failed (shown next to the plan).
    pub failed: RwSignal<bool>,
}

impl Plan {
    /// Loads the plan of `forum` (empty until it has loaded).
    pub fn load(state: AppState, forum: Uuid) -> Self {
        let plan = Self {
            forum,
            ids: RwSignal::new(BTreeSet::new()),
            failed: RwSignal::new(false),
        };
        leptos::task::spawn_local(async move {
            match commands::load_plan(state, forum).await {
                Ok(ids) => plan.ids.set(ids),
                Err(_) => plan.failed.set(true),
            }
        });
        plan
    }

    pub fn contains(&self, id: Uuid) -> bool {
        self.ids.with(|ids| ids.contains(&id))
    }

    /// Adds or removes a session and stores the plan; on failure the change is undone
    /// and the failure shown.
    pub fn toggle(&self, state: AppState, id: Uuid) {
        let plan = *self;
        plan.ids.update(|ids| {
            if !ids.remove(&id) {
                ids.insert(id);
            }
        });
        let now = plan.ids.get_untracked();
        leptos::task::spawn_local(async move {
            match commands::save_plan(state, plan.forum, &now).await {
                Ok(()) => plan.failed.set(false),
                Err(_) => {
                    plan.ids.update(|ids| {
                        if !ids.remove(&id) {
                            ids.insert(id);
                        }
                    });
                    plan.failed.set(true);
                }
            }
        });
    }
}

/// The forum's wall clock now, if its zone is known.
pub fn forum_now(forum: &Forum) -> Option<NaiveDateTime> {
    let zone = jiyn_core::tz::zone(&forum.time_zone)?;
    let utc = chrono::DateTime::from_timestamp_millis(browser::now_ms() as i64)?;
    Some(zone.to_local(utc))
}

/// Today on the forum's wall clock (the device's own date when the zone is unknown).
pub fn forum_today(forum: &Forum) -> chrono::NaiveDate {
    forum_now(forum)
        .or_else(device_now)
        .map(|t| t.date())
        .unwrap_or_default()
}

/// The device's own wall clock now (its time zone, as the browser knows it).
fn device_now() -> Option<NaiveDateTime> {
    let utc = chrono::DateTime::from_timestamp_millis(browser::now_ms() as i64)?;
    Some(utc.naive_utc() + chrono::TimeDelta::minutes(browser::device_utc_offset_minutes()))
}

/// `09:30`.
pub fn hh_mm(t: NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// The whole programme browser of a one-place forum.
#[component]
pub fn ProgrammeView(
    forum: Forum,
    index: Arc<ProgrammeIndex>,
    /// The current filter (from the URL).
    #[prop(into)]
    filter: Signal<ProgrammeFilter>,
    /// Called with a new filter (the page writes it to the URL).
    set_filter: Callback<ProgrammeFilter>,
    plan: Plan,
    /// Whether the screen is wide (grid by room for one day).
    #[prop(into)]
    wide: Signal<bool>,
) -> impl IntoView {
    let state = AppState::expect();
    let forum = Arc::new(forum);
    // Every forum day as a tab; a long programme (a year of project events) gets only
    // the days that have sessions.
    let days = match agenda::days(&forum, index.sessions()) {
        d if d.len() > 14 => agenda::session_days(index.sessions()),
        d => d,
    };
    let columns = Arc::new(grid_columns(&forum));
    // Which sessions the filter keeps, as one bit per session of the index.
    let visible = {
        let index = index.clone();
        Memo::new(move |_| {
            let mut bits = vec![false; index.len()];
            for i in filter.with(|f| index.filter(f)) {
                bits[i] = true;
            }
            bits
        })
    };
    let shown = Memo::new(move |_| visible.with(|v| v.iter().filter(|b| **b).count()));
    let grid_day = Memo::new(move |_| {
        let day = filter.with(|f| f.day);
        day.filter(|_| wide.get())
    });
    let use_grid = columns.len() >= 2;
    // Starred sessions that overlap another starred one, shared by both layouts.
    let clashes = plan_clashes(index.clone(), plan);

    let list = {
        let index = index.clone();
        let forum = forum.clone();
        move || list_view(index.clone(), forum.clone(), visible, plan, clashes)
    };
    let body = {
        let index = index.clone();
        let forum = forum.clone();
        let columns = columns.clone();
        move || match grid_day.get() {
            Some(day) if use_grid => grid_view(
                index.clone(),
                forum.clone(),
                columns.clone(),
                day,
                visible,
                plan,
                clashes,
            )
            .into_any(),
            _ => list().into_any(),
        }
    };
    let now_next = {
        let index = index.clone();
        let forum = forum.clone();
        view! { <NowNextPanel forum=forum index=index /> }
    };
    view! {
        {now_next}
        <DayTabs days=days filter=filter set_filter=set_filter />
        <Filters forum=forum.clone() filter=filter set_filter=set_filter />
        <p class="muted results-count" role="status" aria-live="polite">
            {move || format!("{} {}", shown.get(), state.t(Msg::SessionsShown))}
        </p>
        <p class="empty" hidden=move || shown.get() != 0>{move || state.t(Msg::NoMatches)}</p>
        <div data-testid="programme">{body}</div>
        {move || plan.failed.get().then(|| view! { <p class="error" role="alert">{state.t(Msg::PlanSaveFailed)}</p> })}
    }
}

/// Day tabs: links that change only the `day` of the filter (so back goes to the
/// previous day, and each tab can be opened in a new tab).
#[component]
fn DayTabs(
    days: Vec<NaiveDate>,
    filter: Signal<ProgrammeFilter>,
    set_filter: Callback<ProgrammeFilter>,
) -> impl IntoView {
    let state = AppState::expect();
    let tab = move |day: Option<NaiveDate>| {
        let href = move || {
            let mut f = filter.get();
            f.day = day;
            format!("?{}", f.to_query())
        };
        let current = move || filter.with(|f| f.day == day);
        let label = move || match day {
            Some(d) => date_short(state.lang.get(), d),
            None => state.t(Msg::AllDays).to_string(),
        };
        view! {
            <a
                class="tab"
                href=href
                aria-current=move || current().then_some("true")
                on:click=move |ev| {
                    ev.prevent_default();
                    let mut f = filter.get_untracked();
                    f.day = day;
                    set_filter.run(f);
                }
            >
                {label}
            </a>
        }
    };
    (days.len() > 1).then(|| {
        view! {
            <nav class="tabs" aria-label=move || state.t(Msg::ProgrammeDays)>
                {tab(None)}
                {days.into_iter().map(|d| tab(Some(d))).collect_view()}
            </nav>
        }
    })
}

/// Search, kinds, venue and language.
#[component]
fn Filters(
    forum: Arc<Forum>,
    filter: Signal<ProgrammeFilter>,
    set_filter: Callback<ProgrammeFilter>,
) -> impl IntoView {
    let state = AppState::expect();
    let update = move |change: &dyn Fn(&mut ProgrammeFilter)| {
        let mut f = filter.get_untracked();
        change(&mut f);
        set_filter.run(f);
    };
    let kinds = KINDS
        .into_iter()
        .map(|kind| {
            let on = move || filter.with(|f| f.kinds.contains(&kind));
            view! {
                <button
                    type="button"
                    class="chip"
                    aria-pressed=move || if on() { "true" } else { "false" }
                    on:click=move |_| update(&|f| f.toggle_kind(kind))
                >
                    {move || state.t(kind_msg(kind))}
                </button>
            }
        })
        .collect_view();
    let venues = forum.venues.clone();
    let venue_options = venues
        .into_iter()
        .map(|v| {
            let id = v.id.to_string();
            let selected = move || filter.with(|f| f.venue == Some(v.id));
            view! { <option value=id selected=selected>{move || v.name.get(state.lang.get()).0.to_string()}</option> }
        })
        .collect_view();
    let lang_options = Lang::ALL
        .into_iter()
        .map(|l| {
            let selected = move || filter.with(|f| f.lang == Some(l));
            view! { <option value=l.code() selected=selected>{move || state.t(lang_name_msg(l))}</option> }
        })
        .collect_view();
    let has_venues = forum.venues.len() > 1;
    let more = NodeRef::<leptos::html::Details>::new();
    let search = NodeRef::<leptos::html::Input>::new();
    view! {
        <div class="filters" role="search">
            <label class="field search">
                <span>{move || state.t(Msg::SearchLabel)}</span>
                <input
                    type="search"
                    data-testid="programme-search"
                    node_ref=search
                    placeholder=move || state.t(Msg::SearchHint)
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        update(&|f| f.text = text.clone());
                    }
                />
            </label>
            // Opens itself for filters set by a link, and never closes under the person
            // using it (turning the last kind off would hide the focused chip).
            <details class="more-filters" node_ref=more open=move || {
                filter.with(|f| !f.kinds.is_empty() || f.venue.is_some() || f.lang.is_some())
                    || more.get_untracked().is_some_and(|d| d.has_attribute("open"))
            }>
                <summary>{move || state.t(Msg::FiltersHeading)}</summary>
                <fieldset class="chips">
                    <legend>{move || state.t(Msg::KindLabel)}</legend>
                    {kinds}
                </fieldset>
                <div class="selects">
                    {has_venues.then(|| view! {
                        <label class="field">
                            <span>{move || state.t(Msg::VenueLabel)}</span>
                            <select on:change=move |ev| {
                                let v = event_target_value(&ev).parse().ok();
                                update(&|f| f.venue = v);
                            }>
                                <option value="" selected=move || filter.with(|f| f.venue.is_none())>{move || state.t(Msg::AnyVenue)}</option>
                                {venue_options}
                            </select>
                        </label>
                    })}
                    <label class="field">
                        <span>{move || state.t(Msg::LanguageOfSession)}</span>
                        <select on:change=move |ev| {
                            let l = Lang::from_code(&event_target_value(&ev));
                            update(&|f| f.lang = l);
                        }>
                            <option value="" selected=move || filter.with(|f| f.lang.is_none())>{move || state.t(Msg::AnyLanguage)}</option>
                            {lang_options}
                        </select>
                    </label>
                </div>
            </details>
            <button
                type="button"
                class="link-button"
                data-testid="clear-filters"
                hidden=move || filter.with(|f| f.is_empty() || (f.text.is_empty() && f.kinds.is_empty() && f.venue.is_none() && f.lang.is_none()))
                on:click=move |_| {
                    let day = filter.get_untracked().day;
                    set_filter.run(ProgrammeFilter { day, ..Default::default() });
                    // This button hides itself: focus goes to the search box, the start
                    // of the filters.
                    if let Some(el) = search.get_untracked() {
                        let _ = el.focus();
                    }
                }
            >
                {move || state.t(Msg::ClearFilters)}
            </button>
        </div>
    }
}

/// All sessions grouped by start date; the filter hides rows and empty days.
fn list_view(
    index: Arc<ProgrammeIndex>,
    forum: Arc<Forum>,
    visible: Memo<Vec<bool>>,
    plan: Plan,
    clashes: Memo<BTreeSet<Uuid>>,
) -> impl IntoView {
    let state = AppState::expect();
    let mut groups: Vec<(NaiveDate, Vec<usize>)> = Vec::new();
    for (i, s) in index.sessions().iter().enumerate() {
        let day = s.starts_at.date();
        match groups.last_mut() {
            Some((d, list)) if *d == day => list.push(i),
            _ => groups.push((day, vec![i])),
        }
    }
    groups
        .into_iter()
        .map(|(day, rows)| {
            let rows_for_hidden = rows.clone();
            let hidden = move || visible.with(|v| !rows_for_hidden.iter().any(|i| v[*i]));
            let items = rows
                .into_iter()
                .map(|i| {
                    let s = index.sessions()[i].clone();
                    view! {
                        <SessionItem
                            forum=forum.clone()
                            session=s
                            hidden=Signal::derive(move || visible.with(|v| !v[i]))
                            plan=plan
                            clashes=clashes
                            style=String::new()
                        />
                    }
                })
                .collect_view();
            view! {
                <section class="day-group" hidden=hidden>
                    <h3 class="day">{move || date_long(state.lang.get(), day)}</h3>
                    <ol class="sessions">{items}</ol>
                </section>
            }
        })
        .collect_view()
}

/// One grid column: a room, or a venue without rooms.
#[derive(Clone)]
struct Column {
    venue: Uuid,
    room: Option<Uuid>,
    label: jiyn_core::I18nText,
}

fn grid_columns(forum: &Forum) -> Vec<Column> {
    let mut out = Vec::new();
    for v in &forum.venues {
        if v.rooms.is_empty() {
            out.push(Column {
                venue: v.id,
                room: None,
                label: v.name.clone(),
            });
        }
        for r in &v.rooms {
            out.push(Column {
                venue: v.id,
                room: Some(r.id),
                label: r.name.clone(),
            });
        }
    }
    out
}

/// One day as a grid: a column per room, a row per start time; a session spans the
/// rows it lasts over, and the columns of its venue when it has no room (all columns
/// when it has no venue).
fn grid_view(
    index: Arc<ProgrammeIndex>,
    forum: Arc<Forum>,
    columns: Arc<Vec<Column>>,
    day: NaiveDate,
    visible: Memo<Vec<bool>>,
    plan: Plan,
    clashes: Memo<BTreeSet<Uuid>>,
) -> impl IntoView {
    let state = AppState::expect();
    let on_day: Vec<usize> = index.filter(&ProgrammeFilter {
        day: Some(day),
        ..Default::default()
    });
    let day_start = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let start_of = |s: &Session| s.starts_at.max(day_start);
    let mut slots: Vec<NaiveDateTime> = on_day
        .iter()
        .map(|i| start_of(&index.sessions()[*i]))
        .collect();
    slots.sort_unstable();
    slots.dedup();
    let ncols = columns.len();
    let template = format!("grid-template-columns: 4.5rem repeat({ncols}, minmax(8rem, 1fr));");
    let headers = columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let label = col.label.clone();
            let style = format!("grid-column: {}; grid-row: 1;", c + 2);
            view! { <div class="grid-head" style=style>{move || localized(&label, state.lang.get())}</div> }
        })
        .collect_view();
    let times = slots
        .iter()
        .enumerate()
        .map(|(r, t)| {
            let style = format!("grid-column: 1; grid-row: {};", r + 2);
            view! { <div class="grid-time" style=style>{hh_mm(*t)}</div> }
        })
        .collect_view();
    let cells = on_day
        .into_iter()
        .map(|i| {
            let s = index.sessions()[i].clone();
            let first = slots.iter().position(|t| *t == start_of(&s)).unwrap_or(0);
            let last = slots
                .iter()
                .rposition(|t| *t < s.ends_at)
                .unwrap_or(first)
                .max(first);
            let (c0, c1) = match (s.venue, s.room) {
                (_, Some(room)) => match columns.iter().position(|c| c.room == Some(room)) {
                    Some(c) => (c, c),
                    None => (0, ncols - 1),
                },
                (Some(venue), None) => {
                    let mine: Vec<usize> =
                        (0..ncols).filter(|c| columns[*c].venue == venue).collect();
                    match (mine.first(), mine.last()) {
                        (Some(a), Some(b)) => (*a, *b),
                        _ => (0, ncols - 1),
                    }
                }
                (None, None) => (0, ncols - 1),
            };
            let style = format!(
                "grid-column: {} / {}; grid-row: {} / {};",
                c0 + 2,
                c1 + 3,
                first + 2,
                last + 3
            );
            view! {
                <SessionItem
                    forum=forum.clone()
                    session=s
                    hidden=Signal::derive(move || visible.with(|v| !v[i]))
                    plan=plan
                    clashes=clashes
                    style=style
                />
            }
        })
        .collect_view();
    view! {
        <h3 class="day">{move || date_long(state.lang.get(), day)}</h3>
        <ol class="grid" style=template>
            {headers}
            {times}
            {cells}
        </ol>
    }
}

/// The ids of bookmarked sessions that overlap another bookmarked one.
pub fn plan_clashes(index: Arc<ProgrammeIndex>, plan: Plan) -> Memo<BTreeSet<Uuid>> {
    Memo::new(move |_| {
        let ids = plan.ids.get();
        let chosen: Vec<&Session> = index
            .sessions()
            .iter()
            .filter(|s| ids.contains(&s.meta.id))
            .collect();
        agenda::overlaps(&chosen)
            .into_iter()
            .flat_map(|(a, b)| [a, b])
            .collect()
    })
}

/// Where a session is, short: room and venue, or the tour stop's district and place.
pub fn place_text(forum: &Forum, s: &Session, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(venue) = s
        .venue
        .and_then(|v| forum.venues.iter().find(|x| x.id == v))
    {
        if let Some(room) = s.room.and_then(|r| venue.rooms.iter().find(|x| x.id == r)) {
            parts.push(room.name.get(lang).0.to_string());
        }
        parts.push(venue.name.get(lang).0.to_string());
    } else if let Some(stop) = s
        .stop
        .and_then(|id| forum.stops.iter().find(|x| x.id == id))
    {
        parts.push(stop.place.get(lang).0.to_string());
        parts.push(stop.district.get(lang).0.to_string());
    }
    parts.retain(|p| !p.trim().is_empty());
    parts.join(", ")
}

/// One session in the list or the grid.
#[component]
pub fn SessionItem(
    forum: Arc<Forum>,
    session: Session,
    #[prop(into)] hidden: Signal<bool>,
    plan: Plan,
    clashes: Memo<BTreeSet<Uuid>>,
    style: String,
) -> impl IntoView {
    let state = AppState::expect();
    let id = session.meta.id;
    let time = format!("{}–{}", hh_mm(session.starts_at), hh_mm(session.ends_at));
    let href = format!("/forum/{}/session/{}", forum.meta.id, id);
    let title = session.title.clone();
    let speakers = session.speakers.join(", ");
    let kind = session.kind;
    let place = {
        let forum = forum.clone();
        let s = session.clone();
        move || place_text(&forum, &s, state.lang.get())
    };
    let in_plan = move || plan.contains(id);
    let clash = move || in_plan() && clashes.with(|c| c.contains(&id));
    view! {
        <li class="session" class:clash=clash hidden=move || hidden.get() style=style data-session=id.to_string()>
            <span class="time">{time}</span>
            <span class="body">
                <span class="kind">{move || state.t(kind_msg(kind))}</span>
                <a class="title" href=href>{move || localized(&title, state.lang.get())}</a>
                <span class="where">{place}</span>
                {(!speakers.is_empty()).then(|| view! { <span class="speakers">{speakers}</span> })}
                {move || clash().then(|| view! { <span class="clash-note">{state.t(Msg::PlanClashMark)}</span> })}
            </span>
            <StarButton id=id plan=plan />
        </li>
    }
}

/// The ☆/★ toggle of the personal plan.
#[component]
pub fn StarButton(id: Uuid, plan: Plan) -> impl IntoView {
    let state = AppState::expect();
    let in_plan = move || plan.contains(id);
    view! {
        <button
            type="button"
            class="star"
            aria-pressed=move || if in_plan() { "true" } else { "false" }
            aria-label=move || state.t(if in_plan() { Msg::InPlan } else { Msg::AddToPlan })
            title=move || state.t(if in_plan() { Msg::InPlan } else { Msg::AddToPlan })
            on:click=move |_| plan.toggle(state, id)
        >
            <span aria-hidden="true">{move || if in_plan() { "★" } else { "☆" }}</span>
        </button>
    }
}

/// What is on now and next, by the forum's clock; refreshed every 30 s. The device's
/// own time is shown only when it differs from the forum's.
#[component]
fn NowNextPanel(forum: Arc<Forum>, index: Arc<ProgrammeIndex>) -> impl IntoView {
    let state = AppState::expect();
    let tick = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(
        move || tick.update(|t| *t += 1),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }
    if forum_now(&forum).is_none() {
        return view! { <p class="muted">{move || state.t(Msg::UnknownZone)}</p> }.into_any();
    }
    let first = index.sessions().iter().map(|s| s.starts_at.date()).min();
    let last = index.sessions().iter().map(|s| s.ends_at.date()).max();
    let panel = move || {
        tick.track();
        let now = forum_now(&forum)?;
        // Only around the forum: a day before it starts until it ends.
        let (first, last) = (first?, last?);
        if now.date() < first - chrono::Days::new(1) || now.date() > last {
            return None;
        }
        let nn = agenda::now_and_next(index.sessions(), now);
        let device = device_now().filter(|d| (*d - now).num_minutes().abs() >= 1);
        let lang = state.lang.get();
        let line = |s: &Session| {
            let when = if s.starts_at.date() == now.date() {
                hh_mm(s.starts_at)
            } else {
                format!(
                    "{}, {}",
                    date_short(lang, s.starts_at.date()),
                    hh_mm(s.starts_at)
                )
            };
            let href = format!("/forum/{}/session/{}", forum.meta.id, s.meta.id);
            let title = s.title.clone();
            view! { <li><span class="time">{when}</span> " " <a href=href>{localized(&title, lang)}</a></li> }
        };
        let now_list = nn.now.iter().map(|s| line(s)).collect_view();
        let next_list = nn.next.iter().map(|s| line(s)).collect_view();
        let nothing_now = nn.now.is_empty();
        let has_next = !nn.next.is_empty();
        Some(view! {
            <section class="now-next" aria-labelledby="now-heading" data-testid="now-next">
                <p class="clock">
                    {format!("{}: {}", Msg::ForumTime.text(lang), hh_mm(now))}
                    {device.map(|d| format!(" · {} {}", hh_mm(d), Msg::DeviceTime.text(lang)))}
                </p>
                <h2 id="now-heading">{Msg::NowOn.text(lang)}</h2>
                {if nothing_now {
                    view! { <p class="muted">{Msg::NothingNow.text(lang)}</p> }.into_any()
                } else {
                    view! { <ul class="now-list">{now_list}</ul> }.into_any()
                }}
                {has_next.then(|| view! {
                    <h2>{Msg::UpNext.text(lang)}</h2>
                    <ul class="now-list">{next_list}</ul>
                })}
            </section>
        })
    };
    panel.into_any()
}

/// Offers a calendar file of these sessions for download.
pub fn download_calendar(
    forum: &Forum,
    sessions: &[&Session],
    lang: Lang,
    name: &str,
) -> Result<(), String> {
    let (file, text) =
        commands::calendar_file(forum, sessions, lang, name).map_err(|e| e.to_string())?;
    browser::download_text(&file, "text/calendar;charset=utf-8", &text)
}

/// Whether the screen is wide ([`WIDE_QUERY`]), provided once by the shell.
#[derive(Clone, Copy)]
pub struct Wide(pub Signal<bool>);
