//! A forum's home page: what, where and when, its numbers, its programme by day (or its
//! itinerary, for a tour), and its social projects.

use super::text::localized;
use crate::commands::{self, ForumOverview};
use crate::i18n::{date_long, date_range, format_msg, kind_msg, repo_error_msg, Msg};
use crate::state::AppState;
use chrono::NaiveDate;
use jiyn_core::{Forum, ForumCounts, ForumFormat, RepoError, Session, SocialProject};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

#[component]
pub fn ForumHome() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<Uuid>().ok());
    let overview = LocalResource::new(move || {
        state.revision.track();
        let id = id();
        async move {
            match id {
                Some(id) => commands::forum_overview(state, id).await,
                None => Ok(None),
            }
        }
    });
    // The figures load on their own, after the forum has shown: a resource read inside
    // the Transition would hold the whole page back, and the browser's database answers
    // one request at a time, so reading every participant first would delay the
    // programme. Each new overview (a write bumps the revision) refreshes them.
    let counts = RwSignal::new(None::<(Uuid, Result<ForumCounts, RepoError>)>);
    Effect::new(move || {
        let shown = overview.with(|o| match o {
            Some(Ok(Some(o))) => Some(o.forum.meta.id),
            _ => None,
        });
        let Some(id) = shown else { return };
        leptos::task::spawn_local(async move {
            let result = commands::forum_counts(state, id).await;
            counts.set(Some((id, result)));
        });
    });
    view! {
        <section class="page">
            <a class="back" href="/">{move || state.t(Msg::BackToForums)}</a>
            <Transition fallback=move || view! { <p role="status">{move || state.t(Msg::Loading)}</p> }>
                {move || {
                    overview
                        .get()
                        .map(|result| match result {
                            Ok(Some(o)) => view! { <Overview o=o counts=counts /> }.into_any(),
                            Ok(None) => view! { <p class="error">{move || state.t(Msg::ForumNotFound)}</p> }.into_any(),
                            Err(e) => view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Overview(
    o: ForumOverview,
    counts: RwSignal<Option<(Uuid, Result<ForumCounts, RepoError>)>>,
) -> impl IntoView {
    let state = AppState::expect();
    let ForumOverview {
        forum,
        sessions,
        projects,
    } = o;
    // Figures of this forum only (a late answer for another one is not shown).
    let forum_id = forum.meta.id;
    let mine = move || {
        counts
            .get()
            .filter(|(id, _)| *id == forum_id)
            .map(|(_, r)| r)
    };
    let figure = move |pick: fn(&ForumCounts) -> usize| {
        Signal::derive(move || match mine() {
            Some(Ok(c)) => Some(pick(&c)),
            _ => None,
        })
    };
    let title = forum.title.clone();
    let session_count = sessions.len();
    let is_tour = forum.format == ForumFormat::Tour;
    let f = forum.clone();
    view! {
        <h1 data-testid="forum-title">{move || localized(&title, state.lang.get())}</h1>
        <p class="forum-meta">
            {move || {
                let lang = state.lang.get();
                format!(
                    "{} · {} · {} · {}: {}",
                    f.city.get(lang).0,
                    date_range(lang, f.starts_on, f.ends_on),
                    format_msg(f.format).text(lang),
                    Msg::TimeZone.text(lang),
                    f.time_zone,
                )
            }}
        </p>
        <dl class="stats">
            <Stat label=Msg::Participants value=figure(|c| c.participants) testid="stat-participants" />
            <Stat label=Msg::CheckedIn value=figure(|c| c.checked_in) />
            <Stat label=Msg::Sessions value=Signal::stored(Some(session_count)) />
            <Stat label=Msg::Delegations value=figure(|c| c.delegations) />
        </dl>
        {move || match mine() {
            Some(Err(e)) => Some(view! { <p class="error" role="alert">{state.t(repo_error_msg(&e))}</p> }),
            _ => None,
        }}
        {if is_tour {
            view! { <Itinerary forum=forum.clone() sessions=sessions /> }.into_any()
        } else {
            view! { <Programme forum=forum.clone() sessions=sessions /> }.into_any()
        }}
        {(!projects.is_empty()).then(|| view! { <Projects projects=projects /> })}
    }
}

/// One figure with its label; "…" until it is known.
#[component]
fn Stat(
    label: Msg,
    value: Signal<Option<usize>>,
    /// `data-testid` of the figure, for tests and benchmarks.
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView {
    let state = AppState::expect();
    view! {
        <div class="stat">
            <dt>{move || state.t(label)}</dt>
            <dd data-testid=testid aria-busy=move || value.get().is_none().then_some("true")>
                {move || value.get().map_or_else(|| "…".to_string(), |v| v.to_string())}
            </dd>
        </div>
    }
}

/// The programme of a one-place forum, day by day.
#[component]
fn Programme(forum: Forum, sessions: Vec<Session>) -> impl IntoView {
    let state = AppState::expect();
    let mut days: Vec<(NaiveDate, Vec<Session>)> = Vec::new();
    for s in sessions {
        let day = s.starts_at.date();
        match days.last_mut() {
            Some((d, list)) if *d == day => list.push(s),
            _ => days.push((day, vec![s])),
        }
    }
    view! {
        <h2>{move || state.t(Msg::Programme)}</h2>
        {days
            .into_iter()
            .map(|(day, list)| {
                let forum = forum.clone();
                view! {
                    <h3 class="day">{move || date_long(state.lang.get(), day)}</h3>
                    <ol class="sessions">
                        {list.into_iter().map(|s| view! { <SessionRow forum=forum.clone() session=s /> }).collect_view()}
                    </ol>
                }
            })
            .collect_view()}
    }
}

/// A tour, stop by stop, each with its own programme.
#[component]
fn Itinerary(forum: Forum, sessions: Vec<Session>) -> impl IntoView {
    let state = AppState::expect();
    let stops = forum.stops.clone();
    view! {
        <h2>{move || state.t(Msg::Itinerary)}</h2>
        <ol class="stops">
            {stops
                .into_iter()
                .map(|stop| {
                    let here: Vec<Session> = sessions.iter().filter(|s| s.stop == Some(stop.id)).cloned().collect();
                    let forum = forum.clone();
                    let district = stop.district.clone();
                    let place = stop.place.clone();
                    view! {
                        <li class="stop">
                            <h3>
                                {move || date_long(state.lang.get(), stop.date)} " · "
                                {move || localized(&district, state.lang.get())}
                            </h3>
                            <p class="muted">{move || localized(&place, state.lang.get())}</p>
                            <ol class="sessions">
                                {here.into_iter().map(|s| view! { <SessionRow forum=forum.clone() session=s /> }).collect_view()}
                            </ol>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
fn SessionRow(forum: Forum, session: Session) -> impl IntoView {
    let state = AppState::expect();
    let time = format!("{}–{}", hh_mm(session.starts_at), hh_mm(session.ends_at));
    let place = session
        .venue
        .and_then(|v| forum.venues.iter().find(|x| x.id == v))
        .map(|venue| {
            let room = session
                .room
                .and_then(|r| venue.rooms.iter().find(|x| x.id == r))
                .map(|r| r.name.clone());
            (venue.name.clone(), room)
        });
    let title = session.title.clone();
    let speakers = session.speakers.join(", ");
    view! {
        <li class="session">
            <span class="time">{time}</span>
            <span class="body">
                <span class="kind">{move || state.t(kind_msg(session.kind))}</span>
                <span class="title">{move || localized(&title, state.lang.get())}</span>
                {place.map(|(venue, room)| {
                    view! {
                        <span class="where">
                            {move || localized(&venue, state.lang.get())}
                            {room.clone().map(|r| view! { " · " {move || localized(&r, state.lang.get())} })}
                        </span>
                    }
                })}
                {(!speakers.is_empty()).then(|| view! { <span class="speakers">{speakers}</span> })}
            </span>
        </li>
    }
}

/// Social projects with plan vs done for each target.
#[component]
fn Projects(projects: Vec<SocialProject>) -> impl IntoView {
    let state = AppState::expect();
    view! {
        <h2>{move || state.t(Msg::Projects)}</h2>
        <ul class="projects">
            {projects
                .into_iter()
                .map(|p| {
                    let title = p.title.clone();
                    let org = p.organisation.clone();
                    view! {
                        <li class="project">
                            <h3>{move || localized(&title, state.lang.get())}</h3>
                            <p class="muted">{move || localized(&org, state.lang.get())}</p>
                            <ul class="targets">
                                {p
                                    .targets
                                    .into_iter()
                                    .map(|t| {
                                        let metric = t.metric.clone();
                                        let pct = (t.progress() * 100.0).round() as u32;
                                        view! {
                                            <li>
                                                <span>{move || localized(&metric, state.lang.get())}</span>
                                                <progress max=t.planned.max(1) value=t.done.min(t.planned) aria-label=move || state.t(Msg::PlanDone)>
                                                    {format!("{pct}%")}
                                                </progress>
                                                <span class="count">{format!("{} / {}", t.planned, t.done)}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// `09:30` (no chrono formatting machinery in the wasm for this).
fn hh_mm(t: chrono::NaiveDateTime) -> String {
    use chrono::Timelike;
    format!("{:02}:{:02}", t.hour(), t.minute())
}
