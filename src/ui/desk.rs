//! The registration desk: find anyone as you type, check in and undo with one tap,
//! live counts, delegations, the badge scanner, and the list's CSV export.
//!
//! The desk loads the forum's people and check-in events once and then keeps its own
//! state: a check-in writes one event and updates [`Attendance`] in place, so a desk
//! with 50,000 people never reloads them. The result list is virtual: only the rows in
//! view (plus a few) are in the DOM.

use super::scanner::Scanner;
use crate::commands::{self, DeskData, SaveError};
use crate::i18n::desk::{role_msg, DeskMsg};
use crate::i18n::{repo_error_msg, Msg};
use crate::state::AppState;
use jiyn_core::desk::{Attendance, DeskCounts};
use jiyn_core::search::{Entry, SearchIndex};
use jiyn_core::{CheckInAction, Forum, Participant};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// Height of one result row in px (the CSS gives `.desk-row` the same height).
pub const ROW_HEIGHT: f64 = 72.0;
/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 6;

/// The forum's people as the desk searches them.
pub struct DeskPeople {
    pub people: Vec<Participant>,
    pub index: SearchIndex,
    /// Slots in name order: the list before anything is typed.
    pub by_name: Arc<Vec<u32>>,
    /// Slot of each person by id (the notice line, delegation rosters).
    pub by_id: HashMap<Uuid, u32>,
    pub by_badge: HashMap<String, u32>,
}

impl DeskPeople {
    pub fn new(people: Vec<Participant>) -> Self {
        let index = SearchIndex::build(people.iter().map(|p| Entry {
            name: &p.full_name,
            phone: p.phone.as_deref(),
            badge: &p.badge_code,
        }));
        let mut by_name: Vec<u32> = (0..people.len() as u32).collect();
        let keys: Vec<String> = people.iter().map(|p| p.full_name.to_lowercase()).collect();
        by_name.sort_by(|a, b| keys[*a as usize].cmp(&keys[*b as usize]));
        let by_id = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.meta.id, i as u32))
            .collect();
        let by_badge = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.badge_code.to_uppercase(), i as u32))
            .collect();
        Self {
            people,
            index,
            by_name: Arc::new(by_name),
            by_id,
            by_badge,
        }
    }

    /// The result slots for a query: everyone in name order when it is blank.
    pub fn find(&self, query: &str) -> Arc<Vec<u32>> {
        if query.trim().is_empty() {
            return self.by_name.clone();
        }
        Arc::new(self.index.search(query).iter().map(|h| h.slot).collect())
    }

    pub fn get(&self, slot: u32) -> &Participant {
        &self.people[slot as usize]
    }
}

/// What the desk's status line says after an action.
#[derive(Clone, PartialEq)]
enum Notice {
    Done {
        person: Uuid,
        name: String,
        action: CheckInAction,
    },
    Already {
        name: String,
        at: String,
        desk: String,
    },
    Unknown(String),
    Many(usize),
    Failed(Msg),
}

/// What a desk page loads: the forum's people and events, and this device's desk name.
pub type DeskResource =
    LocalResource<Result<Option<(Arc<DeskData>, Option<String>)>, jiyn_core::RepoError>>;

/// The `:id` of the page, and its desk data, read once (not keyed on the revision: the
/// desk keeps its own state after loading).
pub fn desk_resource() -> (Memo<Option<Uuid>>, DeskResource) {
    let state = AppState::expect();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Uuid>().ok()));
    let data = LocalResource::new(move || {
        let id = id.get();
        async move {
            let desk = commands::desk_name(state).await?;
            match id {
                Some(id) => Ok(commands::desk_data(state, id).await?.map(|d| (d, desk))),
                None => Ok(None),
            }
        }
    });
    (id, data)
}

#[component]
pub fn DeskPage() -> impl IntoView {
    let state = AppState::expect();
    let (id, data) = desk_resource();
    let id = move || id.get();
    view! {
        <section class="page desk-page">
            {move || id().map(|id| view! { <a class="back" href=format!("/forum/{id}")>{move || state.t(DeskMsg::BackToForum)}</a> })}
            <Suspense fallback=move || view! { <p role="status">{move || state.t(DeskMsg::LoadingPeople)}</p> }>
                {move || {
                    data.get().map(|r: Result<_, jiyn_core::RepoError>| match r {
                        Ok(Some((d, desk))) => view! { <Desk data=(*d).clone() desk=desk /> }.into_any(),
                        Ok(None) => view! { <p class="error">{move || state.t(Msg::ForumNotFound)}</p> }.into_any(),
                        Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
pub fn Desk(data: DeskData, desk: Option<String>) -> impl IntoView {
    let state = AppState::expect();
    let DeskData {
        forum,
        people,
        events,
    } = data;
    let forum_id = forum.meta.id;
    let forum_for_code = forum.clone();
    let attendance = RwSignal::new(Attendance::from_events(&events));
    let people = StoredValue::new(Arc::new(DeskPeople::new(people)));
    let desk_name = RwSignal::new(desk.unwrap_or_default());
    let query = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<Notice>);
    let view_mode = RwSignal::new(DeskView::People);
    let scanning = RwSignal::new(false);
    // Bumped when other devices' data replaced `people` (a sync merged something).
    let people_rev = RwSignal::new(0u32);
    let hits = Memo::new(move |_| {
        people_rev.track();
        let q = query.get();
        people.with_value(|p| p.find(&q))
    });
    let counts = Memo::new(move |_| {
        people_rev.track();
        attendance.with(|a| people.with_value(|p| DeskCounts::of(&p.people, a)))
    });

    // Other desks' walk-ins and check-ins, once sync has merged them: reload in the
    // background and swap the desk's state in place (the search box keeps its text).
    Effect::new(move |first: Option<()>| {
        state.remote.track();
        if first.is_none() {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(Some(d)) = commands::desk_data(state, forum_id).await {
                people.set_value(Arc::new(DeskPeople::new(d.people.clone())));
                attendance.set(Attendance::from_events(&d.events));
                people_rev.update(|r| *r += 1);
            }
        });
    });

    // One tap: check in or undo. The event is written first; the desk's state follows
    // only once it is stored.
    let act = Callback::new(move |(slot, action): (u32, CheckInAction)| {
        let person = people.with_value(|p| p.get(slot).clone());
        let desk = desk_name.get_untracked();
        leptos::task::spawn_local(async move {
            match commands::check_in(state, forum_id, person.meta.id, action, &desk).await {
                Ok(event) => {
                    attendance.update(|a| a.apply(&event));
                    notice.set(Some(Notice::Done {
                        person: person.meta.id,
                        name: person.full_name.clone(),
                        action,
                    }));
                }
                Err(e) => notice.set(Some(Notice::Failed(save_error_msg(&e)))),
            }
        });
    });

    // A badge code (scanned, typed, or from a keyboard-wedge scanner): check that
    // person in, or say they already are, or that the code is unknown.
    let by_code = Callback::new(move |code: String| {
        let Some(code) = jiyn_core::qr::badge_from_payload(&code) else {
            notice.set(Some(Notice::Unknown(code)));
            return;
        };
        let Some(slot) = people.with_value(|p| p.by_badge.get(&code).copied()) else {
            notice.set(Some(Notice::Unknown(code)));
            return;
        };
        let person = people.with_value(|p| p.get(slot).clone());
        let latest = attendance.with_untracked(|a| a.latest(person.meta.id).cloned());
        match latest {
            Some(l) if l.checked_in => notice.set(Some(Notice::Already {
                name: person.full_name.clone(),
                at: time_of(&forum_for_code, l.at),
                desk: l.desk,
            })),
            _ => act.run((slot, CheckInAction::CheckIn)),
        }
    });

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Enter" {
            return;
        }
        ev.prevent_default();
        let q = query.get_untracked();
        let is_badge = jiyn_core::qr::badge_from_payload(&q)
            .is_some_and(|c| people.with_value(|p| p.by_badge.contains_key(&c)));
        if is_badge {
            by_code.run(q);
            query.set(String::new());
        }
    };

    let check_in_delegation = Callback::new(move |(name, members): (String, Vec<Uuid>)| {
        let desk = desk_name.get_untracked();
        let made = attendance.with_untracked(|a| {
            jiyn_core::desk::delegation_check_in(
                &mut state.writer().borrow_mut(),
                crate::browser::now_ms(),
                forum_id,
                &members,
                a,
                &desk,
            )
        });
        leptos::task::spawn_local(async move {
            let result = match made {
                Ok(made) => commands::write_check_ins(state, made).await,
                Err(e) => Err(e.into()),
            };
            match result {
                Ok(events) => {
                    let n = events.len();
                    attendance.update(|a| events.iter().for_each(|e| a.apply(e)));
                    notice.set(Some(Notice::Many(n)));
                    // The list was drawn again with the new counts: focus returns to
                    // this delegation.
                    crate::browser::yield_to_browser().await;
                    focus_delegation(&name, DELEGATION_START);
                }
                Err(e) => notice.set(Some(Notice::Failed(save_error_msg(&e)))),
            }
        });
    });

    let forum_for_export = forum.clone();
    let export = move |_| {
        let lang = state.lang.get_untracked();
        let text = attendance.with_untracked(|a| {
            people.with_value(|p| {
                jiyn_core::participant_csv::export(&p.people, |id| a.is_checked_in(id), lang)
            })
        });
        let name = format!(
            "{}.csv",
            commands::file_stem(forum_name(&forum_for_export, lang))
        );
        if crate::browser::download_text(&name, "text/csv;charset=utf-8", &text).is_err() {
            notice.set(Some(Notice::Failed(Msg::ErrOther)));
        }
    };
    let forum = StoredValue::new(forum);
    // The desk opens in its search box. `autofocus` does that only on the first page of
    // the tab (the browser ignores it after anything had focus), not when the desk is
    // reached by a link from another page of the app; switching the view back to
    // People later keeps focus on its button.
    let search_box = NodeRef::<leptos::html::Input>::new();
    let search_focused = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(el) = search_box.get() {
            if !search_focused.get_value() {
                search_focused.set_value(true);
                let _ = el.focus();
            }
        }
    });

    view! {
        <header class="desk-head">
            <h1>{move || state.t(DeskMsg::Desk)} <span class="sub">{move || forum.with_value(|f| forum_name(f, state.lang.get()).to_string())}</span></h1>
            <DeskName name=desk_name />
            <p class="desk-total" data-testid="desk-total" role="status">
                {move || {
                    let c = counts.get();
                    format!("{}: {} / {} {}", state.t(DeskMsg::CheckedInOf), c.total.checked_in, c.total.registered, state.t(DeskMsg::Registered))
                }}
            </p>
        </header>
        <div class="desk-actions">
            <div class="desk-tabs" role="group" aria-label=move || state.t(DeskMsg::Desk)>
                <button type="button" aria-pressed=move || (view_mode.get() == DeskView::People).to_string() on:click=move |_| view_mode.set(DeskView::People)>{move || state.t(Msg::Participants)}</button>
                <button type="button" data-testid="tab-delegations" aria-pressed=move || (view_mode.get() == DeskView::Delegations).to_string() on:click=move |_| view_mode.set(DeskView::Delegations)>{move || state.t(Msg::Delegations)}</button>
            </div>
            <button type="button" data-testid="open-scanner" aria-pressed=move || scanning.get().to_string() on:click=move |_| scanning.update(|s| *s = !*s)>{move || state.t(DeskMsg::ScanBadge)}</button>
            <a class="button" data-testid="walk-in" href=format!("/forum/{forum_id}/desk/new")>{move || state.t(DeskMsg::WalkIn)}</a>
        </div>
        <div class="desk-notice" role="status" aria-live="polite" data-testid="desk-notice">
            {move || notice.get().map(|n| view! { <NoticeLine notice=n act=act people=people /> })}
        </div>
        {move || scanning.get().then(|| view! { <Scanner on_code=by_code close=Callback::new(move |_| {
            scanning.set(false);
            // Back to the button that opened the panel (Close or Escape inside it).
            leptos::task::spawn_local(async {
                crate::browser::yield_to_browser().await;
                focus_first(&["[data-testid=open-scanner]"]);
            });
        }) /> })}
        {move || match view_mode.get() {
            DeskView::People => view! {
                <div class="desk-search">
                    <label for="desk-q" class="visually-hidden">{move || state.t(DeskMsg::SearchLabel)}</label>
                    <input id="desk-q" node_ref=search_box data-testid="desk-search" type="search" autocomplete="off" autofocus
                        placeholder=move || state.t(DeskMsg::SearchLabel)
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                        on:keydown=on_key />
                    <p class="hint" data-testid="desk-count">{move || {
                        let n = hits.with(|h| h.len());
                        format!("{n} {}", state.t(DeskMsg::Found))
                    }}</p>
                </div>
                <ResultList hits=hits people=people attendance=attendance act=act forum=forum />
            }.into_any(),
            DeskView::Delegations => view! {
                <Delegations counts=counts people=people check_in=check_in_delegation forum_id=forum_id />
            }.into_any(),
        }}
        <nav class="desk-more row-actions" aria-label=move || state.t(DeskMsg::ListsAndBadges)>
            <a class="button" href=format!("/forum/{forum_id}/import")>{move || state.t(DeskMsg::ImportCsv)}</a>
            <button type="button" data-testid="export-csv" on:click=export>{move || state.t(DeskMsg::ExportCsv)}</button>
            <a class="button" href=format!("/forum/{forum_id}/badges")>{move || state.t(DeskMsg::Badges)}</a>
        </nav>
        <details class="desk-counts">
            <summary>{move || state.t(DeskMsg::CountsByRole)}</summary>
            <table data-testid="counts-by-role">
                <thead><tr><th scope="col">{move || state.t(DeskMsg::Role)}</th><th scope="col">{move || state.t(DeskMsg::Registered)}</th><th scope="col">{move || state.t(Msg::CheckedIn)}</th></tr></thead>
                <tbody>
                    {move || counts.get().by_role.into_iter().map(|(role, t)| view! {
                        <tr><th scope="row">{state.t(role_msg(role))}</th><td>{t.registered}</td><td>{t.checked_in}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DeskView {
    People,
    Delegations,
}

fn forum_name(forum: &Forum, lang: jiyn_core::Lang) -> &str {
    forum.title.get(lang).0
}

/// A check-in time on the forum's clock ("09:12").
fn time_of(forum: &Forum, at: chrono::DateTime<chrono::Utc>) -> String {
    let local = match jiyn_core::tz::zone(&forum.time_zone) {
        Some(zone) => zone.to_local(at),
        None => at.naive_utc(),
    };
    super::programme::hh_mm(local)
}

fn save_error_msg(e: &SaveError) -> Msg {
    match e {
        SaveError::Invalid(_) => Msg::ErrOther,
        SaveError::Store(e) => repo_error_msg(e),
    }
}

/// This device's desk name, editable in place (stored in every event it writes).
#[component]
fn DeskName(name: RwSignal<String>) -> impl IntoView {
    let state = AppState::expect();
    let editing = RwSignal::new(name.get_untracked().is_empty());
    let draft = RwSignal::new(name.get_untracked());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = draft.get_untracked().trim().to_string();
        if value.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            if commands::set_desk_name(state, &value).await.is_ok() {
                name.set(value);
                editing.set(false);
                // The form is gone: focus goes on to the search box (what the desk does
                // next), or to the Change button when the delegations are shown.
                crate::browser::yield_to_browser().await;
                focus_first(&["#desk-q", "[data-testid=desk-name-change]"]);
            }
        });
    };
    let change = move |_| {
        editing.set(true);
        leptos::task::spawn_local(async {
            crate::browser::yield_to_browser().await;
            focus_first(&["#desk-name"]);
        });
    };
    view! {
        {move || if editing.get() {
            view! {
                <form class="desk-name-form" on:submit=save>
                    <label for="desk-name">{move || state.t(DeskMsg::DeskNameLabel)}</label>
                    <input id="desk-name" data-testid="desk-name" type="text" required placeholder=move || state.t(DeskMsg::DeskNameExample)
                        prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev)) />
                    <button type="submit" class="primary">{move || state.t(DeskMsg::Save)}</button>
                </form>
            }.into_any()
        } else {
            view! {
                <p class="desk-name">
                    {move || state.t(DeskMsg::DeskNameLabel)} ": " <strong data-testid="desk-name-shown">{move || name.get()}</strong> " "
                    <button type="button" class="link-button" data-testid="desk-name-change" on:click=change>{move || state.t(DeskMsg::Change)}</button>
                </p>
            }.into_any()
        }}
    }
}

/// Focuses the first element found for these selectors, in this order (a keyboard
/// user's focus must not fall back to the page's start when its element goes away).
fn focus_first(selectors: &[&str]) {
    use leptos::wasm_bindgen::JsCast;
    let doc = document();
    for s in selectors {
        if let Some(el) = doc.query_selector(s).ok().flatten() {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                if el.focus().is_ok() {
                    return;
                }
            }
        }
    }
}

/// Where focus goes in a delegation's card when its question closes: its check-in
/// button, or the card itself once everyone is in (the button is then disabled).
const DELEGATION_START: &str = "[data-testid=delegation-check-in]:not([disabled])";

/// Focuses `part` inside the card of delegation `name` (the card when there is none).
fn focus_delegation(name: &str, part: &str) {
    use leptos::wasm_bindgen::JsCast;
    let Ok(cards) = document().query_selector_all("[data-testid=delegation]") else {
        return;
    };
    for i in 0..cards.length() {
        let Some(card) = cards
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if card.get_attribute("data-name").as_deref() != Some(name) {
            continue;
        }
        let target = card
            .query_selector(part)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            .unwrap_or(card);
        let _ = target.focus();
        return;
    }
}

#[component]
fn NoticeLine(
    notice: Notice,
    act: Callback<(u32, CheckInAction)>,
    people: StoredValue<Arc<DeskPeople>>,
) -> impl IntoView {
    let state = AppState::expect();
    match notice {
        Notice::Done {
            person,
            name,
            action,
        } => {
            let slot = people.with_value(|p| p.by_id.get(&person).copied());
            let (msg, undo) = match action {
                CheckInAction::CheckIn => (DeskMsg::NoticeCheckedIn, CheckInAction::Undo),
                CheckInAction::Undo => (DeskMsg::NoticeUndone, CheckInAction::CheckIn),
            };
            view! {
                <p class=if action == CheckInAction::CheckIn { "ok" } else { "info" }>
                    <strong>{name}</strong> " " {move || state.t(msg)} " "
                    {slot.map(|slot| view! {
                        <button type="button" class="link-button" data-testid="notice-undo" on:click=move |_| act.run((slot, undo))>
                            {move || state.t(if undo == CheckInAction::Undo { DeskMsg::Undo } else { DeskMsg::CheckInAgain })}
                        </button>
                    })}
                </p>
            }
            .into_any()
        }
        Notice::Already { name, at, desk } => view! {
            <p class="warn"><strong>{name}</strong> " " {move || state.t(DeskMsg::AlreadyIn)} " " {at.clone()} " · " {desk.clone()}</p>
        }
        .into_any(),
        Notice::Unknown(code) => view! {
            <p class="error">{move || state.t(DeskMsg::UnknownBadge)} " " <code>{code.clone()}</code></p>
        }
        .into_any(),
        Notice::Many(n) => view! {
            <p class="ok">{move || format!("{} {n}", state.t(DeskMsg::NoticeManyCheckedIn))}</p>
        }
        .into_any(),
        Notice::Failed(msg) => view! { <p class="error" role="alert">{move || state.t(msg)}</p> }.into_any(),
    }
}

/// The virtual result list: a scroll box whose inner height is that of every row, with
/// only the rows in view rendered, absolutely placed.
#[component]
fn ResultList(
    hits: Memo<Arc<Vec<u32>>>,
    people: StoredValue<Arc<DeskPeople>>,
    attendance: RwSignal<Attendance>,
    act: Callback<(u32, CheckInAction)>,
    forum: StoredValue<Forum>,
) -> impl IntoView {
    let state = AppState::expect();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(800.0f64);
    let boxed = NodeRef::<leptos::html::Div>::new();
    // A new result set starts at its top.
    Effect::new(move |_| {
        hits.track();
        if let Some(el) = boxed.get_untracked() {
            el.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });
    Effect::new(move |_| {
        if let Some(el) = boxed.get() {
            let h = el.client_height() as f64;
            if h > 0.0 {
                viewport.set(h);
            }
        }
    });
    let window = Memo::new(move |_| {
        let total = hits.with(|h| h.len());
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
        let shown = (viewport.get() / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
        let last = (first + shown).min(total);
        (first.min(last), last)
    });
    // When the window moves up, the keyed list moves some kept rows in the DOM, and a
    // moved element loses focus: Shift+Tab up the list dropped focus to the page. So
    // when a row's button loses focus to nothing while the keyboard is in use, focus is
    // put back on the same row (a click elsewhere, or Tab out of the list, is left be).
    let keyboard = StoredValue::new(false);
    let keys = window_event_listener(leptos::ev::keydown, move |_| keyboard.set_value(true));
    let pointer =
        window_event_listener(leptos::ev::pointerdown, move |_| keyboard.set_value(false));
    on_cleanup(move || {
        keys.remove();
        pointer.remove();
    });
    let slot_of = |target: Option<web_sys::EventTarget>| -> Option<u32> {
        use leptos::wasm_bindgen::JsCast;
        target?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest("[data-slot]")
            .ok()??
            .get_attribute("data-slot")?
            .parse()
            .ok()
    };
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        if ev.related_target().is_some() || !keyboard.get_value() {
            return;
        }
        let Some(slot) = slot_of(ev.target()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            crate::browser::yield_to_browser().await;
            let lost = document()
                .active_element()
                .is_none_or(|a| a.tag_name().eq_ignore_ascii_case("body"));
            if lost {
                focus_first(&[&format!(".desk-results [data-slot=\"{slot}\"] button")]);
            }
        });
    };
    let rows = move || {
        let (first, last) = window.get();
        hits.with(|h| {
            h[first..last]
                .iter()
                .enumerate()
                .map(|(i, slot)| (first + i, *slot))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="desk-results" node_ref=boxed role="list" aria-label=move || state.t(DeskMsg::Results)
            on:focusout=on_focusout
            on:scroll=move |_| {
                if let Some(el) = boxed.get_untracked() {
                    scroll_top.set(el.scroll_top() as f64);
                    let h = el.client_height() as f64;
                    if h > 0.0 { viewport.set(h); }
                }
            }>
            <div class="desk-spacer" style:height=move || format!("{}px", hits.with(|h| h.len()) as f64 * ROW_HEIGHT)>
                <For each=rows key=|(pos, slot)| (*pos, *slot)
                    children=move |(pos, slot)| view! { <Row pos=pos idx=slot people=people attendance=attendance act=act forum=forum /> } />
            </div>
            {move || hits.with(|h| h.is_empty()).then(|| view! { <p class="empty" data-testid="desk-empty">{move || state.t(DeskMsg::NobodyFound)}</p> })}
        </div>
    }
}

#[component]
fn Row(
    pos: usize,
    idx: u32,
    people: StoredValue<Arc<DeskPeople>>,
    attendance: RwSignal<Attendance>,
    act: Callback<(u32, CheckInAction)>,
    forum: StoredValue<Forum>,
) -> impl IntoView {
    let state = AppState::expect();
    let slot = idx;
    let p = people.with_value(|p| p.get(slot).clone());
    let id = p.meta.id;
    let latest = move || attendance.with(|a| a.latest(id).cloned());
    let inside = move || latest().is_some_and(|l| l.checked_in);
    let detail = {
        let mut parts = vec![];
        if let Some(d) = &p.delegation {
            parts.push(d.clone());
        }
        parts.push(p.badge_code.clone());
        parts.join(" · ")
    };
    let role = p.role;
    let head = p.head_of_delegation;
    let who = p.full_name.clone();
    let label = move |msg: DeskMsg| format!("{}: {}", state.t(msg), who);
    view! {
        <div class="desk-row" role="listitem" data-testid="desk-row" data-slot=slot class:in=inside
            style:top=format!("{}px", pos as f64 * ROW_HEIGHT)>
            <div class="who">
                <strong data-testid="row-name">{p.full_name.clone()}</strong>
                <small>
                    {move || state.t(role_msg(role))}
                    {head.then(|| view! { " · " {move || state.t(DeskMsg::Head)} })}
                    " · " {detail.clone()}
                </small>
                {move || latest().filter(|l| l.checked_in).map(|l| view! {
                    <small class="when" data-testid="row-when">{format!("✓ {} · {}", forum.with_value(|f| time_of(f, l.at)), l.desk)}</small>
                })}
            </div>
            // One button that changes what it does, not two that replace each other: a
            // keyboard user's focus stays on it after a check-in or an undo.
            <button type="button"
                class=move || if inside() { "undo" } else { "primary check" }
                data-testid=move || if inside() { "row-undo" } else { "row-check-in" }
                aria-label=move || label(if inside() { DeskMsg::Undo } else { DeskMsg::CheckIn })
                on:click=move |_| {
                    let undo = attendance.with_untracked(|a| a.latest(id).is_some_and(|l| l.checked_in));
                    act.run((slot, if undo { CheckInAction::Undo } else { CheckInAction::CheckIn }));
                }>
                {move || state.t(if inside() { DeskMsg::Undo } else { DeskMsg::CheckIn })}
            </button>
        </div>
    }
}

#[component]
fn Delegations(
    counts: Memo<DeskCounts>,
    people: StoredValue<Arc<DeskPeople>>,
    check_in: Callback<(String, Vec<Uuid>)>,
    forum_id: Uuid,
) -> impl IntoView {
    let state = AppState::expect();
    // The delegation whose check-in waits for a second tap (a whole delegation is many
    // events; one stray tap must not make them).
    let confirming = RwSignal::new(None::<String>);
    let name_of = move |id: &Uuid| {
        people.with_value(|p| {
            p.by_id
                .get(id)
                .map(|slot| p.get(*slot).full_name.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <ul class="delegations" data-testid="delegations">
            {move || counts.get().by_delegation.into_iter().map(|d| {
                let remaining = d.tally.registered - d.tally.checked_in;
                let heads = d.heads.iter().map(name_of).collect::<Vec<_>>().join(", ");
                let members = d.members.clone();
                let roster = d.members.iter().map(|m| view! { <li>{name_of(m)}</li> }).collect_view();
                let badges = format!("/forum/{forum_id}/badges?delegation={}", crate::browser::encode_uri_component(&d.name));
                view! {
                    <li class="delegation" data-testid="delegation" data-name=d.name.clone() tabindex="-1">
                        <div class="delegation-head">
                            <strong data-testid="delegation-name">{d.name.clone()}</strong>
                            <span data-testid="delegation-count">{format!("{} / {}", d.tally.checked_in, d.tally.registered)}</span>
                        </div>
                        {(!heads.is_empty()).then(|| view! { <p><small>{move || state.t(DeskMsg::Head)} ": " {heads.clone()}</small></p> })}
                        <div class="row-actions">
                            {
                                let name = d.name.clone();
                                let asking = move || confirming.with(|c| c.as_deref() == Some(name.as_str()));
                                let (ask_name, yes_name, cancel_name, esc_name) =
                                    (d.name.clone(), d.name.clone(), d.name.clone(), d.name.clone());
                                // The button that asks hides itself and the question takes
                                // its place: focus moves between them, so a keyboard user is
                                // never left on a hidden button.
                                let cancel = move |name: &str| {
                                    confirming.set(None);
                                    let name = name.to_string();
                                    leptos::task::spawn_local(async move {
                                        crate::browser::yield_to_browser().await;
                                        focus_delegation(&name, DELEGATION_START);
                                    });
                                };
                                view! {
                                    <button type="button" class="primary" data-testid="delegation-check-in" disabled=remaining == 0
                                        hidden=asking.clone()
                                        on:click=move |_| {
                                            confirming.set(Some(ask_name.clone()));
                                            let name = ask_name.clone();
                                            leptos::task::spawn_local(async move {
                                                crate::browser::yield_to_browser().await;
                                                focus_delegation(&name, "[data-testid=delegation-confirm]");
                                            });
                                        }>
                                        {move || format!("{} ({remaining})", state.t(DeskMsg::CheckInDelegation))}
                                    </button>
                                    <span class="confirm" hidden=move || !asking()
                                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                            if ev.key() == "Escape" {
                                                ev.prevent_default();
                                                cancel(&esc_name);
                                            }
                                        }>
                                        {move || format!("{} {remaining}? ", state.t(DeskMsg::ConfirmDelegation))}
                                        <button type="button" class="primary" data-testid="delegation-confirm"
                                            on:click=move |_| { confirming.set(None); check_in.run((yes_name.clone(), members.clone())); }>
                                            {move || state.t(DeskMsg::Yes)}
                                        </button>
                                        " "
                                        <button type="button" data-testid="delegation-cancel" on:click=move |_| cancel(&cancel_name)>{move || state.t(DeskMsg::Cancel)}</button>
                                    </span>
                                }
                            }
                            <a class="button" href=badges>{move || state.t(DeskMsg::Badges)}</a>
                        </div>
                        <details><summary>{move || state.t(DeskMsg::Roster)}</summary><ol>{roster}</ol></details>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
