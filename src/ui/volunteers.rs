//! `/forum/:id/volunteers?tab=hours|shifts|totals|rules`: the volunteer coordinator's
//! page. Hours: timers, hours entered by hand, the approval queue (approve, reject with a
//! reason, no-show; approved entries are locked). Shifts: made by hand or from the
//! programme, with assignments and a waitlist. Totals: per volunteer, per month, the
//! leaderboard and certificates. Rules: limits for volunteers under 18.
//!
//! Everything works offline: each action is a local write that syncs like any other.

use super::text::{error_id, field_error, focus_first_invalid, invalid_attr};
use crate::commands::{self, HourActionError, SaveError, VolunteerData};
use crate::i18n::volunteers::{hour_error_msg, VolMsg};
use crate::i18n::{kind_msg, repo_error_msg, Msg};
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use jiyn_core::tz::Zone;
use jiyn_core::volunteer::{self, HourAction, MinorWarning, ShiftTemplate};
use jiyn_core::{
    HourLog, HourStatus, I18nText, Lang, Participant, SessionKind, Shift, VolunteerRules,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Hours,
    Shifts,
    Totals,
    Rules,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Hours, Tab::Shifts, Tab::Totals, Tab::Rules];

    fn code(self) -> &'static str {
        match self {
            Tab::Hours => "hours",
            Tab::Shifts => "shifts",
            Tab::Totals => "totals",
            Tab::Rules => "rules",
        }
    }

    fn msg(self) -> VolMsg {
        match self {
            Tab::Hours => VolMsg::TabHours,
            Tab::Shifts => VolMsg::TabShifts,
            Tab::Totals => VolMsg::TabTotals,
            Tab::Rules => VolMsg::TabRules,
        }
    }
}

/// The page's data and what every part derives from it once.
struct Ctx {
    data: VolunteerData,
    zone: Zone,
    by_id: HashMap<Uuid, Participant>,
    /// This device's changes not yet sent (their record ids).
    unsent: std::collections::HashSet<Uuid>,
    /// Whether hour entries may be decided here (not on a desk token's device).
    may_decide: bool,
}

impl Ctx {
    fn name(&self, id: Uuid) -> String {
        self.by_id
            .get(&id)
            .map(|p| p.full_name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        self.zone.to_local(t)
    }

    fn today(&self) -> NaiveDate {
        super::programme::forum_today(&self.data.forum)
    }

    /// The minors' warnings for `volunteer` taking on `candidate`, counting their other
    /// entries (and, with `with_shifts`, the shifts they hold).
    fn warnings(
        &self,
        volunteer: Uuid,
        candidate: (DateTime<Utc>, DateTime<Utc>),
        except_entry: Option<Uuid>,
        with_shifts: bool,
    ) -> Vec<MinorWarning> {
        let Some(person) = self.by_id.get(&volunteer) else {
            return Vec::new();
        };
        let minor = volunteer::is_minor_at(person, candidate.0, self.zone);
        let mut others = volunteer::counted_intervals(&self.data.hours, volunteer, except_entry);
        if with_shifts {
            for su in volunteer::shifts_of(&self.data.signups, volunteer) {
                if let Some(s) = self.data.shifts.iter().find(|s| s.meta.id == su.session) {
                    others.push(volunteer::shift_interval(s, self.zone));
                }
            }
        }
        volunteer::minor_warnings(
            minor,
            &self.data.forum.volunteering,
            self.zone,
            &others,
            candidate,
        )
    }
}

/// Form state that outlives a re-render: every write (and every sync merge) reloads the
/// page's data and rebuilds its parts, which must not lose what someone is typing.
#[derive(Clone, Copy)]
struct Kept {
    owner: StoredValue<Owner>,
    signals: StoredValue<HashMap<String, Box<dyn std::any::Any + Send + Sync>>>,
}

/// The page's signal under `key`, made once (owned by the page, not by the part that
/// asks for it, so it survives the part being rebuilt).
fn kept<T: Send + Sync + 'static>(key: impl Into<String>, init: impl FnOnce() -> T) -> RwSignal<T> {
    let kept = use_context::<Kept>().expect("VolunteersPage provides Kept");
    let key = key.into();
    if let Some(s) = kept.signals.with_value(|m| {
        m.get(&key)
            .and_then(|b| b.downcast_ref::<RwSignal<T>>().copied())
    }) {
        return s;
    }
    let signal = kept.owner.with_value(|o| o.with(|| RwSignal::new(init())));
    kept.signals
        .update_value(|m| drop(m.insert(key, Box::new(signal))));
    signal
}

#[component]
pub fn VolunteersPage() -> impl IntoView {
    let state = AppState::expect();
    provide_context(Kept {
        owner: StoredValue::new(Owner::current().expect("a component has an owner")),
        signals: StoredValue::new(HashMap::new()),
    });
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Uuid>().ok()));
    let tab = Memo::new(move |_| {
        let code = query.read().get("tab").unwrap_or_default();
        Tab::ALL
            .into_iter()
            .find(|t| t.code() == code)
            .unwrap_or(Tab::Hours)
    });
    let data = LocalResource::new(move || {
        state.revision.track();
        let id = id.get();
        async move {
            let Some(id) = id else { return Ok(None) };
            let Some(data) = commands::volunteer_data(state, id).await? else {
                return Ok(None);
            };
            let outbox = commands::unsent_ids(state).await?;
            let may_decide = commands::may_decide_hours(state).await?;
            Ok::<_, jiyn_core::RepoError>(Some(Arc::new(make_ctx(data, outbox, may_decide))))
        }
    });
    view! {
        <section class="page volunteers-page">
            {move || id.get().map(|id| view! { <a class="back" href=format!("/forum/{id}")>{move || state.t(crate::i18n::desk::DeskMsg::BackToForum)}</a> })}
            <h1>{move || state.t(VolMsg::Heading)}</h1>
            <nav class="tabs" aria-label=move || state.t(VolMsg::Heading)>
                {Tab::ALL.into_iter().map(|t| view! {
                    <a href=format!("?tab={}", t.code())
                        aria-current=move || (tab.get() == t).then_some("page")
                        data-testid=format!("tab-{}", t.code())>
                        {move || state.t(t.msg())}
                    </a>
                }).collect_view()}
            </nav>
            <Transition fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || data.get().map(|r| match r {
                    Ok(Some(ctx)) => {
                        let c = ctx.clone();
                        view! {
                            <h2 class="forum-name">{c.data.forum.title.get(state.lang.get()).0.to_string()}</h2>
                            {(c.data.volunteers.is_empty()).then(|| view! { <p class="muted" data-testid="no-volunteers">{move || state.t(VolMsg::NoVolunteers)}</p> })}
                            {move || match tab.get() {
                                Tab::Hours => view! { <HoursTab ctx=ctx.clone() /> }.into_any(),
                                Tab::Shifts => view! { <ShiftsTab ctx=ctx.clone() /> }.into_any(),
                                Tab::Totals => view! { <TotalsTab ctx=ctx.clone() /> }.into_any(),
                                Tab::Rules => view! { <RulesTab ctx=ctx.clone() /> }.into_any(),
                            }}
                        }.into_any()
                    }
                    Ok(None) => view! { <p class="error">{move || state.t(Msg::ForumNotFound)}</p> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

fn make_ctx(data: VolunteerData, unsent: std::collections::HashSet<Uuid>, may_decide: bool) -> Ctx {
    let zone = jiyn_core::tz::zone(&data.forum.time_zone)
        .or_else(|| jiyn_core::tz::zone("Asia/Almaty"))
        .expect("Asia/Almaty is in the zone table");
    let by_id = data
        .volunteers
        .iter()
        .map(|p| (p.meta.id, p.clone()))
        .collect();
    Ctx {
        data,
        zone,
        by_id,
        unsent,
        may_decide,
    }
}

fn warning_texts(state: AppState, warnings: &[MinorWarning]) -> Vec<String> {
    warnings
        .iter()
        .map(|w| match w {
            MinorWarning::TooManyMinutes { day, total, max } => format!(
                "{} {} ({} {}, {})",
                state.t(VolMsg::MinorTooMany),
                volunteer::format_minutes(*max),
                state.t(VolMsg::MinorTooManyTotal),
                volunteer::format_minutes(*total),
                day.format("%d.%m.%Y")
            ),
            MinorWarning::EndsTooLate { latest, .. } => {
                format!(
                    "{} {}",
                    state.t(VolMsg::MinorTooLate),
                    latest.format("%H:%M")
                )
            }
        })
        .collect()
}

fn save_error_msg(e: &SaveError) -> VolMsg {
    match e {
        SaveError::Invalid(v) => match v.field() {
            "task" => VolMsg::ErrTask,
            "ended_at" => VolMsg::ErrEndsBefore,
            "needed" => VolMsg::ErrNeeded,
            _ => VolMsg::ErrSave,
        },
        SaveError::Store(_) => VolMsg::ErrSave,
    }
}

fn action_error_msg(e: &HourActionError) -> VolMsg {
    match e {
        HourActionError::Refused(r) => hour_error_msg(r),
        HourActionError::Save(s) => save_error_msg(s),
    }
}

/// A form's field problems: (field id, message), in the form's order. Messages are kept
/// as keys, so they follow a language switch.
type Problems = Vec<(&'static str, VolMsg)>;

/// The message of field `id` in `problems`.
fn msg_of(
    problems: RwSignal<Problems>,
    id: &'static str,
) -> impl Fn() -> Option<VolMsg> + Copy + Send + Sync + 'static {
    move || problems.with(|p| p.iter().find(|(f, _)| *f == id).map(|(_, m)| *m))
}

/// `aria-invalid` of field `id` in `problems`.
fn bad_of(
    problems: RwSignal<Problems>,
    id: &'static str,
) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
    move || invalid_attr(problems.with(|p| p.iter().any(|(f, _)| *f == id)))
}

/// The field a refusal of the record's rules concerns, in a form whose task field is
/// `task` and whose count of people is `needed`.
fn save_problem(
    e: &SaveError,
    task: &'static str,
    needed: Option<&'static str>,
) -> Option<(&'static str, VolMsg)> {
    match e {
        SaveError::Invalid(v) if v.field() == "task" => Some((task, VolMsg::ErrTask)),
        SaveError::Invalid(v) if v.field() == "needed" => needed.map(|n| (n, VolMsg::ErrNeeded)),
        _ => None,
    }
}

/// A date typed in `<input type=date>`, or the problem for `id`.
fn check_date(out: &mut Problems, id: &'static str, text: &str) -> Option<NaiveDate> {
    let d = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
    if d.is_none() {
        out.push((id, VolMsg::ErrDay));
    }
    d
}

/// A time typed in `<input type=time>`, or the problem for `id`.
fn check_time(out: &mut Problems, id: &'static str, text: &str) -> Option<NaiveTime> {
    let t = NaiveTime::parse_from_str(text.trim(), "%H:%M").ok();
    if t.is_none() {
        out.push((id, VolMsg::ErrClock));
    }
    t
}

/// A whole number typed in a field, at least `min`, or the problem for `id`.
fn check_number<T: std::str::FromStr + PartialOrd>(
    out: &mut Problems,
    id: &'static str,
    text: &str,
    min: T,
    below: VolMsg,
) -> Option<T> {
    match text.trim().parse::<T>() {
        Ok(n) if n >= min => Some(n),
        Ok(_) => {
            out.push((id, below));
            None
        }
        Err(_) => {
            out.push((id, VolMsg::ErrMinutes));
            None
        }
    }
}

/// A `<select>` of the forum's volunteers (value: id, or "" for none).
#[component]
fn VolunteerSelect(
    ctx: Arc<Ctx>,
    id: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] invalid: Option<Signal<bool>>,
) -> impl IntoView {
    let state = AppState::expect();
    let year = chrono::Datelike::year(&ctx.today());
    let options = ctx
        .data
        .volunteers
        .iter()
        .map(|p| {
            let minor = p.is_minor_in(year);
            let label = p.full_name.clone();
            view! {
                <option value=p.meta.id.to_string()>
                    {label}{minor.then(|| view! { " (" {move || state.t(VolMsg::Minor)} ")" })}
                </option>
            }
        })
        .collect_view();
    view! {
        <select id=id prop:value=move || value.get()
            aria-invalid=move || invalid.and_then(|i| invalid_attr(i.get()))
            aria-describedby=invalid.map(|_| error_id(id))
            on:change=move |ev| value.set(event_target_value(&ev))>
            <option value="">{move || state.t(VolMsg::ChooseVolunteer)}</option>
            {options}
        </select>
    }
}

/// Where keyboard focus goes once the hours tab is drawn again. Every write reloads the
/// page's data and rebuilds the tab, which drops focus to the page: a control that
/// starts a write names (before writing) the element to focus afterwards.
fn focus_after() -> RwSignal<Option<String>> {
    kept("hours.focus_after", || None::<String>)
}

/// Focuses `selector` once the current update has been drawn.
fn focus_soon(selector: String) {
    leptos::task::spawn_local(async move {
        crate::browser::yield_to_browser().await;
        crate::browser::focus_selector(&selector);
    });
}

/// A selector for the element that has focus now (by its id), or `fallback`.
fn focused_or(fallback: &str) -> String {
    document()
        .active_element()
        .map(|e| e.id())
        .filter(|id| !id.is_empty())
        .map(|id| format!("#{id}"))
        .unwrap_or_else(|| fallback.to_string())
}

/// After deciding or stopping entry `id` (which leaves its list): the same button of the
/// next entry in the list, else of the previous one, else `fallback`.
fn neighbour_or(id: &str, button: &str, fallback: &str) -> String {
    let sibling = document()
        .query_selector(&format!("[data-entry-id=\"{id}\"]"))
        .ok()
        .flatten()
        .and_then(|li| {
            li.next_element_sibling()
                .or_else(|| li.previous_element_sibling())
        })
        .and_then(|li| li.get_attribute("data-entry-id"));
    match sibling {
        Some(other) => format!("[data-entry-id=\"{other}\"] [data-testid={button}]"),
        None => fallback.to_string(),
    }
}

#[component]
fn HoursTab(ctx: Arc<Ctx>) -> impl IntoView {
    let refocus = focus_after();
    Effect::new(move |_| {
        if let Some(sel) = refocus.get_untracked() {
            refocus.set(None);
            focus_soon(sel);
        }
    });
    let running: Vec<HourLog> = ctx
        .data
        .hours
        .iter()
        .filter(|h| h.ended_at.is_none() && matches!(h.status, HourStatus::Pending))
        .cloned()
        .collect();
    let pending: Vec<HourLog> = ctx
        .data
        .hours
        .iter()
        .filter(|h| h.ended_at.is_some() && matches!(h.status, HourStatus::Pending))
        .cloned()
        .collect();
    let decided: Vec<HourLog> = ctx
        .data
        .hours
        .iter()
        .filter(|h| !matches!(h.status, HourStatus::Pending))
        .cloned()
        .collect();
    let state = AppState::expect();
    view! {
        <div class="vol-grid">
            <StartTimer ctx=ctx.clone() />
            <section class="card" aria-labelledby="running-h">
                <h3 id="running-h" tabindex="-1">{move || state.t(VolMsg::Running)}</h3>
                {running.is_empty().then(|| view! { <p class="muted">{move || state.t(VolMsg::NoneRunning)}</p> })}
                <ul class="entries" data-testid="running-list">
                    {running.into_iter().map(|h| view! { <RunningEntry ctx=ctx.clone() entry=h /> }).collect_view()}
                </ul>
            </section>
            <ByHand ctx=ctx.clone() />
        </div>
        <section class="card" aria-labelledby="pending-h">
            <h3 id="pending-h" tabindex="-1">{move || state.t(VolMsg::PendingHeading)}</h3>
            {pending.is_empty().then(|| view! { <p class="muted">{move || state.t(VolMsg::NonePending)}</p> })}
            {(!ctx.may_decide && !pending.is_empty()).then(|| view! { <p class="muted" data-testid="desk-cannot-decide">{move || state.t(VolMsg::DeskCannotDecide)}</p> })}
            <ul class="entries" data-testid="pending-list">
                {pending.into_iter().map(|h| view! { <PendingEntry ctx=ctx.clone() entry=h /> }).collect_view()}
            </ul>
        </section>
        <section class="card" aria-labelledby="decided-h">
            <h3 id="decided-h">{move || state.t(VolMsg::DecidedHeading)}</h3>
            <ul class="entries" data-testid="decided-list">
                {decided.into_iter().map(|h| view! { <DecidedEntry ctx=ctx.clone() entry=h /> }).collect_view()}
            </ul>
        </section>
    }
}

/// "12.05 09:00–11:30 · 2:30", the entry's times on the forum's clock.
fn entry_times(ctx: &Ctx, h: &HourLog) -> String {
    let start = ctx.local(h.started_at);
    match h.ended_at {
        Some(end) => {
            let end_l = ctx.local(end);
            let end_text = if end_l.date() == start.date() {
                end_l.format("%H:%M").to_string()
            } else {
                end_l.format("%d.%m %H:%M").to_string()
            };
            format!(
                "{}–{} · {}",
                start.format("%d.%m %H:%M"),
                end_text,
                volunteer::format_minutes(h.minutes().unwrap_or(0))
            )
        }
        None => start.format("%d.%m %H:%M").to_string(),
    }
}

#[component]
fn StartTimer(ctx: Arc<Ctx>) -> impl IntoView {
    let state = AppState::expect();
    let who = kept("timer.who", String::new);
    let shift = kept("timer.shift", String::new);
    let task = kept("timer.task", String::new);
    let problems = kept("timer.problems", Problems::new);
    let problem = kept("timer.problem", || None::<VolMsg>);
    let busy = kept("timer.busy", || false);
    let forum = ctx.data.forum.meta.id;
    let lang = state.lang.get_untracked();
    let shifts: Vec<(String, String)> = ctx
        .data
        .shifts
        .iter()
        .map(|s| {
            (
                s.meta.id.to_string(),
                format!(
                    "{} · {}",
                    s.task.get(lang).0,
                    s.starts_at.format("%d.%m %H:%M")
                ),
            )
        })
        .collect();
    let shift_tasks: HashMap<String, String> = ctx
        .data
        .shifts
        .iter()
        .map(|s| (s.meta.id.to_string(), s.task.get(lang).0.to_string()))
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let mut found = Problems::new();
        let volunteer = who.get_untracked().parse::<Uuid>().ok();
        if volunteer.is_none() {
            found.push(("timer-who", VolMsg::ErrVolunteer));
        }
        let shift_id = shift.get_untracked().parse::<Uuid>().ok();
        let text = task.get_untracked();
        if text.trim().is_empty() {
            found.push(("timer-task", VolMsg::ErrTask));
        }
        let ok = found.is_empty();
        problems.set(found);
        let (true, Some(volunteer)) = (ok, volunteer) else {
            focus_first_invalid("[data-testid=start-timer]");
            return;
        };
        busy.set(true);
        let refocus = focus_after();
        refocus.set(Some(focused_or(
            "[data-testid=start-timer] button[type=submit]",
        )));
        leptos::task::spawn_local(async move {
            match commands::start_timer(state, forum, volunteer, shift_id, &text).await {
                Ok(_) => problem.set(None),
                Err(e) => {
                    refocus.set(None);
                    match save_problem(&e, "timer-task", None) {
                        Some(p) => problems.set(vec![p]),
                        None => problem.set(Some(save_error_msg(&e))),
                    }
                }
            }
            busy.set(false);
        });
    };
    view! {
        <form class="card vol-form" on:submit=submit novalidate data-testid="start-timer">
            <h3>{move || state.t(VolMsg::StartHeading)}</h3>
            <label for="timer-who">{move || state.t(VolMsg::Volunteer)}</label>
            <VolunteerSelect ctx=ctx.clone() id="timer-who" value=who invalid=Signal::derive(move || bad_of(problems, "timer-who")().is_some()) />
            {field_error("timer-who", None, msg_of(problems, "timer-who"))}
            <label for="timer-shift">{move || state.t(VolMsg::Shift)}</label>
            <select id="timer-shift" prop:value=move || shift.get() on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(t) = shift_tasks.get(&v) {
                    task.set(t.clone());
                }
                shift.set(v);
            }>
                <option value="">{move || state.t(VolMsg::NoShift)}</option>
                {shifts.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
            <label for="timer-task">{move || state.t(VolMsg::Task)}</label>
            <input id="timer-task" type="text" aria-invalid=bad_of(problems, "timer-task") aria-describedby=error_id("timer-task")
                prop:value=move || task.get() on:input=move |ev| task.set(event_target_value(&ev)) />
            {field_error("timer-task", None, msg_of(problems, "timer-task"))}
            <p class="error" role="alert" hidden=move || problem.get().is_none()>{move || problem.get().map(|m| state.t(m))}</p>
            <button type="submit" class="primary" disabled=move || busy.get()>{move || state.t(VolMsg::Start)}</button>
        </form>
    }
}

#[component]
fn RunningEntry(ctx: Arc<Ctx>, entry: HourLog) -> impl IntoView {
    let state = AppState::expect();
    let problem = kept(format!("{}.problem", entry.meta.id), || None::<VolMsg>);
    let name = ctx.name(entry.volunteer);
    let since = ctx
        .local(entry.started_at)
        .format("%d.%m %H:%M")
        .to_string();
    let id = entry.meta.id.to_string();
    let task = entry.task.clone();
    let stop = move |_| {
        let entry = entry.clone();
        let refocus = focus_after();
        refocus.set(Some(neighbour_or(
            &entry.meta.id.to_string(),
            "stop-timer",
            "#running-h",
        )));
        leptos::task::spawn_local(async move {
            let at = commands::ms_to_utc(crate::browser::now_ms());
            // A timer stopped within its first minute still counts a minute.
            let at = at.max(entry.started_at + chrono::Duration::minutes(1));
            if let Err(e) = commands::hour_action(state, &entry, HourAction::Stop { at }).await {
                refocus.set(None);
                problem.set(Some(action_error_msg(&e)));
            }
        });
    };
    view! {
        <li class="entry" data-testid="running-entry" data-entry-id=id>
            <span class="who">{name}</span>
            <span class="what">{task}</span>
            <span class="when">{move || state.t(VolMsg::Since)} " " {since.clone()}</span>
            <button type="button" on:click=stop data-testid="stop-timer">{move || state.t(VolMsg::Stop)}</button>
            <p class="error" role="alert" hidden=move || problem.get().is_none()>{move || problem.get().map(|m| state.t(m))}</p>
        </li>
    }
}

#[component]
fn ByHand(ctx: Arc<Ctx>) -> impl IntoView {
    let state = AppState::expect();
    let who = kept("hand.who", String::new);
    let task = kept("hand.task", String::new);
    let date = kept("hand.date", || ctx.today().format("%Y-%m-%d").to_string());
    let from = kept("hand.from", String::new);
    let to = kept("hand.to", String::new);
    let note = kept("hand.note", String::new);
    let problems = kept("hand.problems", Problems::new);
    let saved = kept("hand.saved", || false);
    let failed = kept("hand.failed", || None::<VolMsg>);
    let warnings = kept("hand.warnings", Vec::<String>::new);
    let forum = ctx.data.forum.meta.id;
    let zone = ctx.zone;
    let ctx2 = ctx.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        failed.set(None);
        let mut found = Problems::new();
        let volunteer = who.get_untracked().parse::<Uuid>().ok();
        if volunteer.is_none() {
            found.push(("hand-who", VolMsg::ErrVolunteer));
        }
        if task.get_untracked().trim().is_empty() {
            found.push(("hand-task", VolMsg::ErrTask));
        }
        let day = check_date(&mut found, "hand-date", &date.get_untracked());
        let from_t = check_time(&mut found, "hand-from", &from.get_untracked());
        let to_t = check_time(&mut found, "hand-to", &to.get_untracked());
        let ok = found.is_empty();
        problems.set(found);
        let (true, Some(volunteer), Some(day), Some(from_t), Some(to_t)) =
            (ok, volunteer, day, from_t, to_t)
        else {
            focus_first_invalid("[data-testid=hours-by-hand]");
            return;
        };
        let start = zone.to_utc(day.and_time(from_t));
        let mut end = zone.to_utc(day.and_time(to_t));
        // "22:00 to 02:00" means past midnight.
        if end <= start {
            end += chrono::Duration::days(1);
        }
        warnings.set(warning_texts(
            state,
            &ctx2.warnings(volunteer, (start, end), None, false),
        ));
        let (text, n) = (task.get_untracked(), note.get_untracked());
        // Focus stays where it was (the field Enter was pressed in, or Save).
        let refocus = focus_after();
        refocus.set(Some(focused_or(
            "[data-testid=hours-by-hand] button[type=submit]",
        )));
        leptos::task::spawn_local(async move {
            match commands::add_hours(state, forum, volunteer, None, &text, start, Some(end), &n)
                .await
            {
                Ok(_) => {
                    failed.set(None);
                    saved.set(true);
                    from.set(String::new());
                    to.set(String::new());
                    note.set(String::new());
                }
                Err(e) => {
                    refocus.set(None);
                    match save_problem(&e, "hand-task", None) {
                        Some(p) => problems.set(vec![p]),
                        None => failed.set(Some(save_error_msg(&e))),
                    }
                }
            }
        });
    };
    view! {
        <form class="card vol-form" on:submit=submit novalidate data-testid="hours-by-hand">
            <h3>{move || state.t(VolMsg::ByHandHeading)}</h3>
            <label for="hand-who">{move || state.t(VolMsg::Volunteer)}</label>
            <VolunteerSelect ctx=ctx.clone() id="hand-who" value=who invalid=Signal::derive(move || bad_of(problems, "hand-who")().is_some()) />
            {field_error("hand-who", None, msg_of(problems, "hand-who"))}
            <label for="hand-task">{move || state.t(VolMsg::Task)}</label>
            <input id="hand-task" type="text" aria-invalid=bad_of(problems, "hand-task") aria-describedby=error_id("hand-task")
                prop:value=move || task.get() on:input=move |ev| task.set(event_target_value(&ev)) />
            {field_error("hand-task", None, msg_of(problems, "hand-task"))}
            <div class="row3">
                <div class="row3-field">
                    <label for="hand-date">{move || state.t(VolMsg::Date)}</label>
                    <input id="hand-date" type="date" aria-invalid=bad_of(problems, "hand-date") aria-describedby=error_id("hand-date")
                        prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                    {field_error("hand-date", None, msg_of(problems, "hand-date"))}
                </div>
                <div class="row3-field">
                    <label for="hand-from">{move || state.t(VolMsg::From)}</label>
                    <input id="hand-from" type="time" aria-invalid=bad_of(problems, "hand-from") aria-describedby=error_id("hand-from")
                        prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) />
                    {field_error("hand-from", None, msg_of(problems, "hand-from"))}
                </div>
                <div class="row3-field">
                    <label for="hand-to">{move || state.t(VolMsg::To)}</label>
                    <input id="hand-to" type="time" aria-invalid=bad_of(problems, "hand-to") aria-describedby=error_id("hand-to")
                        prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev)) />
                    {field_error("hand-to", None, msg_of(problems, "hand-to"))}
                </div>
            </div>
            <label for="hand-note">{move || state.t(VolMsg::Note)}</label>
            <input id="hand-note" type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
            <ul class="warnings" hidden=move || warnings.with(|w| w.is_empty())>
                {move || warnings.get().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
            </ul>
            <p class="ok" role="status">{move || saved.get().then(|| state.t(VolMsg::Saved))}</p>
            <p class="error" role="alert" hidden=move || failed.get().is_none()>{move || failed.get().map(|m| state.t(m))}</p>
            <button type="submit" class="primary">{move || state.t(VolMsg::Save)}</button>
        </form>
    }
}

#[component]
fn PendingEntry(ctx: Arc<Ctx>, entry: HourLog) -> impl IntoView {
    let state = AppState::expect();
    let problem = kept(format!("{}.problem", entry.meta.id), || None::<VolMsg>);
    let reason_bad = kept(format!("{}.reason_bad", entry.meta.id), || false);
    let rejecting = kept(format!("{}.rejecting", entry.meta.id), || false);
    let reason = kept(format!("{}.reason", entry.meta.id), String::new);
    let name = ctx.name(entry.volunteer);
    let times = entry_times(&ctx, &entry);
    let warnings = entry
        .ended_at
        .map(|end| {
            warning_texts(
                state,
                &ctx.warnings(
                    entry.volunteer,
                    (entry.started_at, end),
                    Some(entry.meta.id),
                    false,
                ),
            )
        })
        .unwrap_or_default();
    let unsent = ctx.unsent.contains(&entry.meta.id);
    let may_decide = ctx.may_decide;
    let id = entry.meta.id.to_string();
    let task = entry.task.clone();
    let reason_id = format!("reason-{id}");
    let reason_sel = format!("#{reason_id}");
    let open_sel = reason_sel.clone();
    let cancel_sel = format!("[data-entry-id=\"{id}\"] [data-testid=reject]");
    let act = move |make: fn(String, DateTime<Utc>, String) -> HourAction, needs_reason: bool| {
        let entry = entry.clone();
        let reason_sel = reason_sel.clone();
        move |_| {
            let entry = entry.clone();
            let why = reason.get_untracked();
            // A rejection says why: refused next to the reason, which keeps its focus.
            if needs_reason && why.trim().is_empty() {
                reason_bad.set(true);
                crate::browser::focus_selector(&reason_sel);
                return;
            }
            reason_bad.set(false);
            problem.set(None);
            // The entry leaves the pending list: focus goes to the next one's Approve.
            let refocus = focus_after();
            refocus.set(Some(neighbour_or(
                &entry.meta.id.to_string(),
                "approve",
                "#pending-h",
            )));
            leptos::task::spawn_local(async move {
                let by = commands::coordinator_name(state).await;
                let at = commands::ms_to_utc(crate::browser::now_ms());
                if let Err(e) = commands::hour_action(state, &entry, make(by, at, why)).await {
                    refocus.set(None);
                    match e {
                        HourActionError::Refused(volunteer::HourError::ReasonRequired) => {
                            reason_bad.set(true)
                        }
                        e => problem.set(Some(action_error_msg(&e))),
                    }
                }
            });
        }
    };
    let approve = act(|by, at, _| HourAction::Approve { by, at }, false);
    let no_show = act(|by, at, _| HourAction::NoShow { by, at }, false);
    let reject = act(|by, at, reason| HourAction::Reject { by, at, reason }, true);
    let reason_err = error_id(&reason_id);
    view! {
        <li class="entry pending" data-testid="pending-entry" data-entry-id=id.clone()>
            <span class="who">{name}</span>
            <span class="what">{task}</span>
            <span class="when">{times}</span>
            {unsent.then(|| view! { <span class="unsent-tag">{move || state.t(VolMsg::NotSent)}</span> })}
            {(!warnings.is_empty()).then(|| view! {
                <ul class="warnings" data-testid="minor-warning">
                    {warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                </ul>
            })}
            <div class="actions" hidden=move || rejecting.get() || !may_decide>
                <button type="button" class="primary" on:click=approve data-testid="approve">{move || state.t(VolMsg::Approve)}</button>
                <button type="button" on:click=move |_| {
                    // The buttons hide: focus moves to the reason asked for.
                    rejecting.set(true);
                    focus_soon(open_sel.clone());
                } data-testid="reject">{move || state.t(VolMsg::Reject)}</button>
                <button type="button" on:click=no_show data-testid="no-show">{move || state.t(VolMsg::NoShow)}</button>
            </div>
            <div class="reject-form" hidden=move || !rejecting.get()>
                <label for=reason_id.clone()>{move || state.t(VolMsg::Reason)}</label>
                <input id=reason_id.clone() type="text" data-testid="reject-reason" aria-invalid=move || invalid_attr(reason_bad.get()) aria-describedby=reason_err
                    prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                {field_error(&reason_id, Some("reject-reason-error"), move || reason_bad.get().then_some(VolMsg::ErrReason))}
                <button type="button" on:click=reject data-testid="confirm-reject">{move || state.t(VolMsg::ConfirmReject)}</button>
                <button type="button" on:click=move |_| {
                    rejecting.set(false);
                    focus_soon(cancel_sel.clone());
                }>{move || state.t(VolMsg::Cancel)}</button>
            </div>
            <p class="error" role="alert" hidden=move || problem.get().is_none()>{move || problem.get().map(|m| state.t(m))}</p>
        </li>
    }
}

#[component]
fn DecidedEntry(ctx: Arc<Ctx>, entry: HourLog) -> impl IntoView {
    let state = AppState::expect();
    let name = ctx.name(entry.volunteer);
    let times = entry_times(&ctx, &entry);
    let (status, class, detail) = match &entry.status {
        HourStatus::Approved { by, .. } => (VolMsg::StatusApproved, "approved", by.clone()),
        HourStatus::Rejected { by, reason, .. } => (
            VolMsg::StatusRejected,
            "rejected",
            format!("{by}: {reason}"),
        ),
        HourStatus::NoShow { by, .. } => (VolMsg::StatusNoShow, "no-show", by.clone()),
        HourStatus::Pending => (VolMsg::StatusPending, "pending", String::new()),
    };
    view! {
        <li class=format!("entry decided {class}") data-testid="decided-entry" data-status=class data-entry-id=entry.meta.id.to_string()>
            <span class="who">{name}</span>
            <span class="what">{entry.task.clone()}</span>
            <span class="when">{times}</span>
            <span class="status">{move || state.t(status)} " · " {move || state.t(VolMsg::By)} " " {detail.clone()}</span>
        </li>
    }
}

const KINDS: [SessionKind; 9] = [
    SessionKind::Plenary,
    SessionKind::DialoguePlatform,
    SessionKind::Training,
    SessionKind::IntellectualGame,
    SessionKind::Consultation,
    SessionKind::Ceremony,
    SessionKind::Meeting,
    SessionKind::Excursion,
    SessionKind::Other,
];

fn kind_code(k: SessionKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Text typed in one language, stored under that language (others fall back to it).
fn text_in(lang: Lang, text: &str) -> I18nText {
    let mut t = I18nText::default();
    match lang {
        Lang::Kk => t.kk = text.trim().to_string(),
        Lang::Ru => t.ru = text.trim().to_string(),
        Lang::En => t.en = text.trim().to_string(),
    }
    t
}

#[component]
fn ShiftsTab(ctx: Arc<Ctx>) -> impl IntoView {
    let state = AppState::expect();
    let refocus = focus_after();
    Effect::new(move |_| {
        if let Some(sel) = refocus.get_untracked() {
            refocus.set(None);
            focus_soon(sel);
        }
    });
    let shifts = ctx.data.shifts.clone();
    view! {
        <section class="card" aria-labelledby="shifts-h">
            <h3 id="shifts-h">{move || state.t(VolMsg::ShiftsHeading)}</h3>
            {shifts.is_empty().then(|| view! { <p class="muted">{move || state.t(VolMsg::NoShifts)}</p> })}
            <ul class="shifts" data-testid="shift-list">
                {shifts.into_iter().map(|s| view! { <ShiftCard ctx=ctx.clone() shift=s /> }).collect_view()}
            </ul>
        </section>
        <div class="vol-grid">
            <NewShift ctx=ctx.clone() />
            <FromAgenda ctx=ctx.clone() />
        </div>
    }
}

#[component]
fn ShiftCard(ctx: Arc<Ctx>, shift: Shift) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang.get_untracked();
    let mine: Vec<jiyn_core::SignUp> = ctx
        .data
        .signups
        .iter()
        .filter(|s| s.session == shift.meta.id)
        .cloned()
        .collect();
    let roster = jiyn_core::signup::roster(Some(shift.needed), &mine);
    let held: Vec<jiyn_core::SignUp> = roster.confirmed.iter().map(|s| (*s).clone()).collect();
    let waiting: Vec<jiyn_core::SignUp> = roster.waitlist.iter().map(|s| (*s).clone()).collect();
    let filled = format!("{} / {}", held.len(), shift.needed);
    let who = kept(format!("{}.who", shift.meta.id), String::new);
    let confirm = kept(format!("{}.confirm", shift.meta.id), Vec::<String>::new);
    let problem = kept(format!("{}.problem", shift.meta.id), || None::<VolMsg>);
    let who_bad = kept(format!("{}.who_bad", shift.meta.id), || false);
    let interval = volunteer::shift_interval(&shift, ctx.zone);
    let select_id: &'static str = Box::leak(format!("assign-{}", shift.meta.id).into_boxed_str());
    let when = format!(
        "{}–{}",
        shift.starts_at.format("%d.%m %H:%M"),
        shift.ends_at.format("%H:%M")
    );
    let ctx2 = ctx.clone();
    let s2 = shift.clone();
    // After an assignment or a removal the tab is rebuilt: focus returns to this card's
    // Assign button.
    let assign_button = format!("[data-shift-id=\"{}\"] [data-testid=assign]", shift.meta.id);
    let button_after_cancel = assign_button.clone();
    let refocus = focus_after();
    let assign = move |_| {
        let Ok(vid) = who.get_untracked().parse::<Uuid>() else {
            who_bad.set(true);
            crate::browser::focus_selector(&format!("[id=\"{select_id}\"]"));
            return;
        };
        who_bad.set(false);
        let Some(person) = ctx2.by_id.get(&vid).cloned() else {
            return;
        };
        if confirm.with_untracked(|c| c.is_empty()) {
            let warnings = warning_texts(state, &ctx2.warnings(vid, interval, None, true));
            if !warnings.is_empty() {
                confirm.set(warnings);
                return;
            }
        }
        let s = s2.clone();
        refocus.set(Some(assign_button.clone()));
        leptos::task::spawn_local(async move {
            match commands::assign_shift(state, &s, &person).await {
                Ok(_) => {
                    problem.set(None);
                    confirm.set(Vec::new());
                }
                Err(e) => {
                    refocus.set(None);
                    problem.set(Some(save_error_msg(&e)))
                }
            }
        });
    };
    let person_line = move |s: jiyn_core::SignUp| {
        let label = s.name.clone();
        let button = button_after_cancel.clone();
        let cancel = move |_| {
            let s = s.clone();
            refocus.set(Some(button.clone()));
            leptos::task::spawn_local(async move {
                if commands::cancel_sign_up(state, &s).await.is_err() {
                    refocus.set(None);
                }
            });
        };
        view! {
            <li>
                {label}
                " "
                <button type="button" class="link-button" on:click=cancel>{move || state.t(VolMsg::Unassign)}</button>
            </li>
        }
    };
    view! {
        <li class="shift card" data-testid="shift" data-shift-id=shift.meta.id.to_string()>
            <p class="shift-title"><strong>{shift.task.get(lang).0.to_string()}</strong>
                {(!shift.place.is_empty()).then(|| format!(" · {}", shift.place.get(lang).0))}</p>
            <p class="when">{when}</p>
            <p><span data-testid="shift-filled">{filled}</span> " " {move || state.t(VolMsg::Filled)}</p>
            <ul class="held">{held.into_iter().map(person_line).collect_view()}</ul>
            {(!waiting.is_empty()).then(|| view! {
                <p class="muted">{move || state.t(VolMsg::Waitlist)} ": "
                    {waiting.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", ")}</p>
            })}
            <div class="assign">
                <label for=select_id class="visually-hidden">{move || state.t(VolMsg::Volunteer)}</label>
                <VolunteerSelect ctx=ctx.clone() id=select_id value=who invalid=Signal::derive(move || who_bad.get()) />
                {field_error(select_id, Some("assign-error"), move || who_bad.get().then_some(VolMsg::ErrVolunteer))}
                <button type="button" on:click=assign data-testid="assign">
                    {move || if confirm.with(|c| c.is_empty()) { state.t(VolMsg::Assign) } else { state.t(VolMsg::AssignAnyway) }}
                </button>
            </div>
            <ul class="warnings" data-testid="minor-warning" hidden=move || confirm.with(|c| c.is_empty())>
                {move || confirm.get().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
            </ul>
            <p class="error" role="alert" hidden=move || problem.get().is_none()>{move || problem.get().map(|m| state.t(m))}</p>
        </li>
    }
}

#[component]
fn NewShift(ctx: Arc<Ctx>) -> impl IntoView {
    let state = AppState::expect();
    let task = kept("shift.task", String::new);
    let place = kept("shift.place", String::new);
    let date = kept("shift.date", || {
        ctx.data.forum.starts_on.format("%Y-%m-%d").to_string()
    });
    let from = kept("shift.from", || "09:00".to_string());
    let to = kept("shift.to", || "10:00".to_string());
    let needed = kept("shift.needed", || "2".to_string());
    let problems = kept("shift.problems", Problems::new);
    let problem = kept("shift.problem", || None::<VolMsg>);
    let saved = kept("shift.saved", || false);
    let forum = ctx.data.forum.meta.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        problem.set(None);
        let lang = state.lang.get_untracked();
        let mut found = Problems::new();
        if task.get_untracked().trim().is_empty() {
            found.push(("shift-task", VolMsg::ErrTask));
        }
        let d = check_date(&mut found, "shift-date", &date.get_untracked());
        let f = check_time(&mut found, "shift-from", &from.get_untracked());
        let t = check_time(&mut found, "shift-to", &to.get_untracked());
        let n = check_number(
            &mut found,
            "shift-needed",
            &needed.get_untracked(),
            1u32,
            VolMsg::ErrNeeded,
        );
        let ok = found.is_empty();
        problems.set(found);
        let (true, Some(d), Some(f), Some(t), Some(n)) = (ok, d, f, t, n) else {
            focus_first_invalid("[data-testid=new-shift]");
            return;
        };
        let starts_at = d.and_time(f);
        let mut ends_at = d.and_time(t);
        if ends_at <= starts_at {
            ends_at += chrono::Duration::days(1);
        }
        let draft = Shift {
            meta: commands::placeholder_meta(state, forum),
            task: text_in(lang, &task.get_untracked()),
            place: text_in(lang, &place.get_untracked()),
            starts_at,
            ends_at,
            needed: n,
            session: None,
        };
        leptos::task::spawn_local(async move {
            match commands::save_record(state, Some(forum), None, draft).await {
                Ok(_) => {
                    problem.set(None);
                    saved.set(true);
                    task.set(String::new());
                }
                Err(e) => match save_problem(&e, "shift-task", Some("shift-needed")) {
                    Some(p) => problems.set(vec![p]),
                    None => problem.set(Some(save_error_msg(&e))),
                },
            }
        });
    };
    view! {
        <form class="card vol-form" on:submit=submit novalidate data-testid="new-shift">
            <h3>{move || state.t(VolMsg::NewShift)}</h3>
            <label for="shift-task">{move || state.t(VolMsg::Task)}</label>
            <input id="shift-task" type="text" aria-invalid=bad_of(problems, "shift-task") aria-describedby=error_id("shift-task")
                prop:value=move || task.get() on:input=move |ev| task.set(event_target_value(&ev)) />
            {field_error("shift-task", None, msg_of(problems, "shift-task"))}
            <label for="shift-place">{move || state.t(VolMsg::Place)}</label>
            <input id="shift-place" type="text" prop:value=move || place.get() on:input=move |ev| place.set(event_target_value(&ev)) />
            <div class="row3">
                <div class="row3-field">
                    <label for="shift-date">{move || state.t(VolMsg::Date)}</label>
                    <input id="shift-date" type="date" aria-invalid=bad_of(problems, "shift-date") aria-describedby=error_id("shift-date")
                        prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                    {field_error("shift-date", None, msg_of(problems, "shift-date"))}
                </div>
                <div class="row3-field">
                    <label for="shift-from">{move || state.t(VolMsg::From)}</label>
                    <input id="shift-from" type="time" aria-invalid=bad_of(problems, "shift-from") aria-describedby=error_id("shift-from")
                        prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) />
                    {field_error("shift-from", None, msg_of(problems, "shift-from"))}
                </div>
                <div class="row3-field">
                    <label for="shift-to">{move || state.t(VolMsg::To)}</label>
                    <input id="shift-to" type="time" aria-invalid=bad_of(problems, "shift-to") aria-describedby=error_id("shift-to")
                        prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev)) />
                    {field_error("shift-to", None, msg_of(problems, "shift-to"))}
                </div>
            </div>
            <label for="shift-needed">{move || state.t(VolMsg::Needed)}</label>
            <input id="shift-needed" type="text" inputmode="numeric" aria-invalid=bad_of(problems, "shift-needed") aria-describedby=error_id("shift-needed")
                prop:value=move || needed.get() on:input=move |ev| needed.set(event_target_value(&ev)) />
            {field_error("shift-needed", None, msg_of(problems, "shift-needed"))}
            <p class="error" role="alert" hidden=move || problem.get().is_none()>{move || problem.get().map(|m| state.t(m))}</p>
            <p class="ok" role="status">{move || saved.get().then(|| state.t(VolMsg::Saved))}</p>
            <button type="submit" class="primary">{move || state.t(VolMsg::AddShift)}</button>
        </form>
    }
}

#[component]
fn FromAgenda(ctx: Arc<Ctx>) -> impl IntoView {
    let state = AppState::expect();
    let kind = kept("agenda.kind", || SessionKind::Plenary);
    let task = kept("agenda.task", String::new);
    let before = kept("agenda.before", || "30".to_string());
    let duration = kept("agenda.duration", || "45".to_string());
    let needed = kept("agenda.needed", || "3".to_string());
    let made = kept("agenda.made", || None::<usize>);
    let problems = kept("agenda.problems", Problems::new);
    let problem = kept("agenda.problem", || None::<VolMsg>);
    let forum = ctx.data.forum.meta.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let mut found = Problems::new();
        if task.get_untracked().trim().is_empty() {
            found.push(("tpl-task", VolMsg::ErrTask));
        }
        let b = check_number(
            &mut found,
            "tpl-before",
            &before.get_untracked(),
            i64::MIN,
            VolMsg::ErrMinutes,
        );
        let d = check_number(
            &mut found,
            "tpl-duration",
            &duration.get_untracked(),
            1i64,
            VolMsg::ErrDuration,
        );
        let n = check_number(
            &mut found,
            "tpl-needed",
            &needed.get_untracked(),
            1u32,
            VolMsg::ErrNeeded,
        );
        let ok = found.is_empty();
        problems.set(found);
        let (true, Some(b), Some(d), Some(n)) = (ok, b, d, n) else {
            focus_first_invalid("[data-testid=shifts-from-agenda]");
            return;
        };
        let template = ShiftTemplate {
            kind: kind.get_untracked(),
            task: text_in(state.lang.get_untracked(), &task.get_untracked()),
            place: I18nText::default(),
            before_minutes: b,
            duration_minutes: d,
            needed: n,
        };
        let drafts =
            volunteer::shifts_from_sessions(&template, &ctx.data.sessions, &ctx.data.shifts);
        leptos::task::spawn_local(async move {
            match commands::generate_shifts(state, forum, drafts).await {
                Ok(n) => {
                    problem.set(None);
                    made.set(Some(n));
                }
                Err(e) => match save_problem(&e, "tpl-task", Some("tpl-needed")) {
                    Some(p) => problems.set(vec![p]),
                    None => problem.set(Some(save_error_msg(&e))),
                },
            }
        });
    };
    view! {
        <form class="card vol-form" on:submit=submit novalidate data-testid="shifts-from-agenda">
            <h3>{move || state.t(VolMsg::FromAgenda)}</h3>
            <p class="muted">{move || state.t(VolMsg::FromAgendaHint)}</p>
            <label for="tpl-kind">{move || state.t(VolMsg::SessionKind)}</label>
            <select id="tpl-kind" on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(k) = KINDS.into_iter().find(|k| kind_code(*k) == v) {
                    kind.set(k);
                }
            }>
                {KINDS.into_iter().map(|k| view! {
                    <option value=kind_code(k) selected=move || kind.get() == k>{move || state.t(kind_msg(k))}</option>
                }).collect_view()}
            </select>
            <label for="tpl-task">{move || state.t(VolMsg::Task)}</label>
            <input id="tpl-task" type="text" aria-invalid=bad_of(problems, "tpl-task") aria-describedby=error_id("tpl-task")
                prop:value=move || task.get() on:input=move |ev| task.set(event_target_value(&ev)) />
            {field_error("tpl-task", None, msg_of(problems, "tpl-task"))}
            <div class="row3">
                <div class="row3-field">
                    <label for="tpl-before">{move || state.t(VolMsg::MinutesBefore)}</label>
                    <input id="tpl-before" type="text" inputmode="numeric" aria-invalid=bad_of(problems, "tpl-before") aria-describedby=error_id("tpl-before")
                        prop:value=move || before.get() on:input=move |ev| before.set(event_target_value(&ev)) />
                    {field_error("tpl-before", None, msg_of(problems, "tpl-before"))}
                </div>
                <div class="row3-field">
                    <label for="tpl-duration">{move || state.t(VolMsg::Duration)}</label>
                    <input id="tpl-duration" type="text" inputmode="numeric" aria-invalid=bad_of(problems, "tpl-duration") aria-describedby=error_id("tpl-duration")
                        prop:value=move || duration.get() on:input=move |ev| duration.set(event_target_value(&ev)) />
                    {field_error("tpl-duration", None, msg_of(problems, "tpl-duration"))}
                </div>
                <div class="row3-field">
                    <label for="tpl-needed">{move || state.t(VolMsg::Needed)}</label>
                    <input id="tpl-needed" type="text" inputmode="numeric" aria-invalid=bad_of(problems, "tpl-needed") aria-describedby=error_id("tpl-needed")
                        prop:value=move || needed.get() on:input=move |ev| needed.set(event_target_value(&ev)) />
                    {field_error("tpl-needed", None, msg_of(problems, "tpl-needed"))}
                </div>
            </div>
            <p class="error" role="alert" hidden=move || problem.get().is_none()>{move || problem.get().map(|m| state.t(m))}</p>
            <p class="ok" role="status" data-testid="shifts-made">{move || made.get().map(|n| format!("{}: {n}", state.t(VolMsg::Made)))}</p>
            <button type="submit" class="primary">{move || state.t(VolMsg::Make)}</button>
        </form>
    }
}

#[component]
fn TotalsTab(ctx: Arc<Ctx>) -> impl IntoView {
    let state = AppState::expect();
    let totals = volunteer::totals(&ctx.data.hours, ctx.zone);
    let forum_id = ctx.data.forum.meta.id;
    let h = |m: i64| volunteer::format_minutes(m);
    let f = totals.forum;
    let mut rows: Vec<(Participant, volunteer::Minutes)> = ctx
        .data
        .volunteers
        .iter()
        .map(|p| {
            (
                p.clone(),
                totals
                    .per_volunteer
                    .get(&p.meta.id)
                    .copied()
                    .unwrap_or_default(),
            )
        })
        .collect();
    rows.sort_by(|a, b| {
        b.1.approved
            .cmp(&a.1.approved)
            .then(a.0.full_name.cmp(&b.0.full_name))
    });
    let months: Vec<(String, i64)> = totals
        .per_month
        .iter()
        .map(|((y, m), v)| (format!("{y}-{m:02}"), *v))
        .collect();
    let board: Vec<(String, i64)> = if ctx.data.forum.volunteering.leaderboard {
        volunteer::leaderboard(&totals, 10)
            .into_iter()
            .map(|(id, m)| (ctx.name(id), m))
            .collect()
    } else {
        Vec::new()
    };
    view! {
        <section class="card" aria-labelledby="totals-h">
            <h3 id="totals-h">{move || state.t(VolMsg::TotalsHeading)}</h3>
            <dl class="totals" data-testid="forum-totals">
                <div><dt>{move || state.t(VolMsg::Approved)}</dt><dd data-testid="total-approved">{h(f.approved)}</dd></div>
                <div><dt>{move || state.t(VolMsg::Pending)}</dt><dd>{h(f.pending)}</dd></div>
                <div><dt>{move || state.t(VolMsg::NoShows)}</dt><dd>{f.no_show}</dd></div>
                <div><dt>{move || state.t(VolMsg::RunningCount)}</dt><dd>{f.running}</dd></div>
            </dl>
        </section>
        {(!board.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="board-h">
                <h3 id="board-h">{move || state.t(VolMsg::Leaderboard)}</h3>
                <ol class="leaderboard" data-testid="leaderboard">
                    {board.into_iter().map(|(n, m)| view! { <li>{n} " — " {h(m)}</li> }).collect_view()}
                </ol>
            </section>
        })}
        <section class="card" aria-labelledby="per-vol-h">
            <h3 id="per-vol-h">{move || state.t(VolMsg::PerVolunteer)}</h3>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="per-vol-h">
                <table class="data" data-testid="per-volunteer">
                    <thead><tr>
                        <th scope="col">{move || state.t(VolMsg::Volunteer)}</th>
                        <th scope="col">{move || state.t(VolMsg::Approved)}</th>
                        <th scope="col">{move || state.t(VolMsg::Pending)}</th>
                        <th scope="col">{move || state.t(VolMsg::NoShows)}</th>
                        <th scope="col">{move || state.t(VolMsg::Certificate)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(p, m)| {
                            let href = format!("/forum/{forum_id}/volunteers/{}/certificate", p.meta.id);
                            view! {
                                <tr data-volunteer-id=p.meta.id.to_string()>
                                    <th scope="row">{p.full_name.clone()}</th>
                                    <td>{h(m.approved)}</td>
                                    <td>{h(m.pending)}</td>
                                    <td>{m.no_show}</td>
                                    <td>{(m.approved > 0).then(|| view! { <a href=href data-testid="certificate-link">{move || state.t(VolMsg::Certificate)}</a> })}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section class="card" aria-labelledby="per-month-h">
            <h3 id="per-month-h">{move || state.t(VolMsg::PerMonth)}</h3>
            <table class="data">
                <thead><tr><th scope="col">{move || state.t(VolMsg::Month)}</th><th scope="col">{move || state.t(VolMsg::Hours)}</th></tr></thead>
                <tbody>
                    {months.into_iter().map(|(m, v)| view! { <tr><th scope="row">{m}</th><td>{h(v)}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn RulesTab(ctx: Arc<Ctx>) -> impl IntoView {
    let state = AppState::expect();
    let forum = ctx.data.forum.clone();
    let rules = forum.volunteering.clone();
    let max = kept("rules.max", || {
        format!("{}", f64::from(rules.minor_max_minutes_per_day) / 60.0)
    });
    let latest = kept("rules.latest", || {
        rules.minor_latest_end.format("%H:%M").to_string()
    });
    let board = kept("rules.board", || rules.leaderboard);
    let problems = kept("rules.problems", Problems::new);
    let problem = kept("rules.problem", || None::<VolMsg>);
    let saved = kept("rules.saved", || false);
    let f2 = forum.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        problem.set(None);
        let mut found = Problems::new();
        let hours = max
            .get_untracked()
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|h| (0.0..=24.0).contains(h));
        if hours.is_none() {
            found.push(("rule-max", VolMsg::ErrMaxHours));
        }
        let end = check_time(&mut found, "rule-latest", &latest.get_untracked());
        problems.set(found);
        let (Some(hours), Some(end)) = (hours, end) else {
            focus_first_invalid("[data-testid=volunteer-rules]");
            return;
        };
        let mut draft = f2.clone();
        draft.volunteering = VolunteerRules {
            minor_max_minutes_per_day: (hours * 60.0).round() as u32,
            minor_latest_end: end,
            leaderboard: board.get_untracked(),
        };
        let before = f2.clone();
        leptos::task::spawn_local(async move {
            match commands::save_record(state, Some(before.meta.id), Some(&before), draft).await {
                Ok(_) => {
                    problem.set(None);
                    saved.set(true);
                }
                Err(e) => problem.set(Some(save_error_msg(&e))),
            }
        });
    };
    view! {
        <form class="card vol-form" on:submit=submit novalidate data-testid="volunteer-rules">
            <h3>{move || state.t(VolMsg::RulesHeading)}</h3>
            <p class="muted">{move || state.t(VolMsg::RulesHint)}</p>
            <label for="rule-max">{move || state.t(VolMsg::MaxHours)}</label>
            <input id="rule-max" type="text" inputmode="decimal" aria-invalid=bad_of(problems, "rule-max") aria-describedby=error_id("rule-max")
                prop:value=move || max.get() on:input=move |ev| max.set(event_target_value(&ev)) />
            {field_error("rule-max", None, msg_of(problems, "rule-max"))}
            <label for="rule-latest">{move || state.t(VolMsg::LatestEnd)}</label>
            <input id="rule-latest" type="time" aria-invalid=bad_of(problems, "rule-latest") aria-describedby=error_id("rule-latest")
                prop:value=move || latest.get() on:input=move |ev| latest.set(event_target_value(&ev)) />
            {field_error("rule-latest", None, msg_of(problems, "rule-latest"))}
            <label class="check">
                <input type="checkbox" prop:checked=move || board.get() on:change=move |ev| board.set(event_target_checked(&ev)) />
                {move || state.t(VolMsg::ShowLeaderboard)}
            </label>
            <p class="error" role="alert" hidden=move || problem.get().is_none()>{move || problem.get().map(|m| state.t(m))}</p>
            <p class="ok" role="status">{move || saved.get().then(|| state.t(VolMsg::Saved))}</p>
            <button type="submit" class="primary">{move || state.t(VolMsg::Save)}</button>
        </form>
        <section class="card" aria-labelledby="signing-h">
            <h3 id="signing-h">{move || state.t(VolMsg::SigningHeading)}</h3>
            <super::certificate::SigningKeySection forum=forum />
        </section>
    }
}
